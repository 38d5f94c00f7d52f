"""The signed report as a document: everything the PDF and DICOM writers print or encode.

One value object feeds both outputs so that the PDF (Encapsulated PDF, PS3.3 A.45.1) and
the SR document (PS3.3 A.35, TID 2000 sections with TID 1500-style measurements) always say
the same thing. Built from structured content (:mod:`workstation.core.report_content`) or
from plain findings/impression text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workstation.core.report_content import StructuredReport
from workstation.core.report_template import ReportTemplate

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Imaging Report", "patient": "Patient", "patient_id": "Patient ID",
        "birth_date": "Birth date", "sex": "Sex", "study": "Study", "study_date": "Study date",
        "accession": "Accession number", "modality": "Modality", "findings": "Findings",
        "impression": "Impression", "measurements": "Measurements", "key_images": "Key images",
        "label": "Label", "value": "Value", "series": "Series", "signed_by": "Signed by",
        "signed_at": "Signed at", "status": "Status", "version": "Version",
        "amendment": "Amended report", "reason": "Reason", "supersedes": "Supersedes version",
        "page": "Page", "PRELIMINARY": "Preliminary", "FINAL": "Final",
    },
    "tr": {
        "title": "Görüntüleme Raporu", "patient": "Hasta", "patient_id": "Hasta No",
        "birth_date": "Doğum tarihi", "sex": "Cinsiyet", "study": "Tetkik",
        "study_date": "Tetkik tarihi", "accession": "Erişim numarası", "modality": "Modalite",
        "findings": "Bulgular", "impression": "Sonuç", "measurements": "Ölçümler",
        "key_images": "Anahtar görüntüler", "label": "Etiket", "value": "Değer",
        "series": "Seri", "signed_by": "İmzalayan", "signed_at": "İmza zamanı",
        "status": "Durum", "version": "Sürüm", "amendment": "Düzeltilmiş rapor",
        "reason": "Gerekçe", "supersedes": "Yerine geçtiği sürüm", "page": "Sayfa",
        "PRELIMINARY": "Ön rapor", "FINAL": "Kesin rapor",
    },
}


def label(language: str, key: str) -> str:
    return LABELS.get(language, LABELS["en"]).get(key, LABELS["en"][key])


@dataclass(frozen=True, slots=True)
class Patient:
    """Patient module values (PS3.3 C.7.1.1), copied from the study's images."""

    name: str = ""
    patient_id: str = ""
    birth_date: str = ""  # DICOM DA, YYYYMMDD
    sex: str = ""


@dataclass(frozen=True, slots=True)
class StudyInfo:
    study_uid: str
    accession: str = ""
    study_date: str = ""  # DICOM DA
    study_time: str = ""  # DICOM TM
    description: str = ""
    modality: str = ""
    study_id: str = ""
    referring_physician: str = ""


@dataclass(frozen=True, slots=True)
class Signature:
    author: str
    signed_at: str  # ISO 8601 with offset
    kind: str = "FINAL"  # PRELIMINARY or FINAL


@dataclass(frozen=True, slots=True)
class Amendment:
    """This version replaces ``supersedes_version``; the SR names the earlier document in
    the Predecessor Documents Sequence (0040,A360)."""

    reason: str
    supersedes_version: int
    predecessor_sop_uid: str = ""
    predecessor_series_uid: str = ""
    predecessor_sop_class_uid: str = ""


@dataclass(frozen=True, slots=True)
class KeyImage:
    label: str
    series_uid: str
    sop_uid: str
    sop_class_uid: str = ""
    thumbnail_png: bytes = b""


@dataclass(frozen=True, slots=True)
class ReportDocument:
    patient: Patient
    study: StudyInfo
    language: str
    sections: tuple[tuple[str, str, tuple[str, ...]], ...]  # (target, heading, lines)
    signature: Signature
    institution: str = ""
    institution_address: str = ""
    title: str = ""
    version: int = 1
    amendment: Amendment | None = None
    measurements: tuple[dict[str, Any], ...] = ()
    key_images: tuple[KeyImage, ...] = field(default=())
    section_ids: tuple[str, ...] = ()  # template section ids, parallel to ``sections``

    @property
    def findings(self) -> str:
        return "\n\n".join("\n".join(lines) for t, _, lines in self.sections if t == "findings")

    @property
    def impression(self) -> str:
        return "\n\n".join("\n".join(lines) for t, _, lines in self.sections
                           if t == "impression")

    @property
    def heading(self) -> str:
        return self.title or label(self.language, "title")


def from_text(findings: str, impression: str, language: str, **kwargs: Any) -> ReportDocument:
    """A document of a free-text report: one Findings and one Impression section."""
    sections = tuple(
        (target, label(language, target), tuple(text.splitlines()))
        for target, text in (("findings", findings), ("impression", impression)) if text.strip()
    )
    return ReportDocument(language=language, sections=sections, **kwargs)


def from_structured(report: StructuredReport, template: ReportTemplate,
                    thumbnails: dict[str, bytes] | None = None,
                    **kwargs: Any) -> ReportDocument:
    """A document of structured content; ``thumbnails`` maps SOP Instance UIDs of key
    images to PNG bytes rendered by the viewer."""
    thumbnails = thumbnails or {}
    parts = report.sections(template)
    sections = tuple((t, h, tuple(lines)) for _, t, h, lines in parts)
    key_images = tuple(
        KeyImage(k["label"], k["series_uid"], k["sop_uid"],
                 thumbnail_png=thumbnails.get(k["sop_uid"], b""))
        for k in report.key_images
    )
    kwargs.setdefault("title", template.title.text(report.language))
    return ReportDocument(language=report.language, sections=sections,
                          measurements=tuple(dict(m) for m in report.measurements),
                          key_images=key_images, section_ids=tuple(p[0] for p in parts),
                          **kwargs)
