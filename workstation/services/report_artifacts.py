"""What a signature produces besides the hub record: the PDF for people, and the same report
as a Comprehensive SR and an Encapsulated PDF for archives (PS3.3 A.35.3, A.45.1), kept
sealed in the local store so "Export PDF…" and a later STOW-RS find them.

The documents carry the narrative exactly as signed (what the hub holds), plus the
measurements and key images attached to the structured report. An amendment names the
version it supersedes, and its SR lists the earlier SR in the Predecessor Documents
Sequence (0040,A360) when that one is still in the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from workstation.core.report import ReportDraft
from workstation.core.report_content import StructuredReport
from workstation.core.study import WorklistItem
from workstation.reporting.dicom_common import to_bytes
from workstation.reporting.document import (
    Amendment,
    KeyImage,
    Patient,
    ReportDocument,
    Signature,
    StudyInfo,
    from_text,
)
from workstation.reporting.encapsulated_pdf import encapsulated_pdf_dataset
from workstation.reporting.pdf import render_pdf
from workstation.reporting.sr import sr_dataset


class RecordStore(Protocol):
    def put(self, name: str, data: bytes) -> None: ...

    def get(self, name: str) -> bytes | None: ...


@dataclass(frozen=True, slots=True)
class ReportArtifacts:
    version: int
    pdf: bytes
    sr: bytes  # DICOM Part 10 Comprehensive SR
    encapsulated_pdf: bytes  # DICOM Part 10 Encapsulated PDF
    sr_sop_uid: str
    sr_series_uid: str


def _name(study_uid: str, version: int, what: str) -> str:
    return f"report-artifact:{study_uid}:{version}:{what}"


def _index_name(study_uid: str) -> str:
    return f"report-artifact:{study_uid}:index"


def patient_of(item: WorklistItem) -> Patient:
    """The report's patient block from the worklist row (DICOM DA for the birth date)."""
    birth = item.patient_birth_date.strftime("%Y%m%d") if item.patient_birth_date else ""
    return Patient(item.patient_name, item.patient_id, birth, item.patient_sex)


def study_of(item: WorklistItem) -> StudyInfo:
    """The report's study block from the worklist row (DICOM DA/TM, first modality)."""
    moment = item.study_datetime
    return StudyInfo(item.study_uid, item.accession,
                     moment.strftime("%Y%m%d") if moment else "",
                     moment.strftime("%H%M%S") if moment else "",
                     item.description, item.modality.split("/")[0])


def document(draft: ReportDraft, item: WorklistItem, author: str, *, version: int,
             language: str, when: datetime, structured: StructuredReport | None = None,
             amendment: Amendment | None = None, title: str = "") -> ReportDocument:
    """The report as signed, with the study's identity from its worklist row."""
    measurements: tuple[dict[str, Any], ...] = ()
    keys: tuple[KeyImage, ...] = ()
    if structured is not None:
        measurements = tuple(dict(m) for m in structured.measurements)
        keys = tuple(KeyImage(k["label"], k["series_uid"], k["sop_uid"])
                     for k in structured.key_images)
    return from_text(
        draft.findings, draft.impression, language,
        patient=patient_of(item), study=study_of(item),
        signature=Signature(author, when.isoformat(), str(draft.kind)),
        institution=item.hospital, version=version, amendment=amendment,
        measurements=measurements, key_images=keys, title=title,
    )


def build(doc: ReportDocument, *, when: datetime) -> ReportArtifacts:
    pdf = render_pdf(doc, created=when)
    sr = sr_dataset(doc, when=when)
    enc = encapsulated_pdf_dataset(doc, pdf, when=when)
    return ReportArtifacts(doc.version, pdf, _part10(sr), _part10(enc),
                           str(sr.SOPInstanceUID), str(sr.SeriesInstanceUID))


def _part10(ds: Any) -> bytes:
    return to_bytes(ds)


def predecessor(records: RecordStore, study_uid: str, version: int) -> dict[str, str] | None:
    """The stored SR identity of ``version`` (for an amendment's predecessor reference)."""
    blob = records.get(_index_name(study_uid))
    if blob is None:
        return None
    return json.loads(blob.decode("utf-8")).get(str(version))


def save(records: RecordStore, study_uid: str, artifacts: ReportArtifacts) -> None:
    """Seal the three documents; the index remembers each version's SR identity."""
    v = artifacts.version
    records.put(_name(study_uid, v, "pdf"), artifacts.pdf)
    records.put(_name(study_uid, v, "sr"), artifacts.sr)
    records.put(_name(study_uid, v, "encapsulated_pdf"), artifacts.encapsulated_pdf)
    blob = records.get(_index_name(study_uid))
    index = json.loads(blob.decode("utf-8")) if blob else {}
    index[str(v)] = {"sop_uid": artifacts.sr_sop_uid, "series_uid": artifacts.sr_series_uid}
    index["latest"] = v
    records.put(_index_name(study_uid), json.dumps(index).encode("utf-8"))


def latest(records: RecordStore, study_uid: str, what: str = "pdf") -> bytes | None:
    """The newest stored ``pdf``, ``sr`` or ``encapsulated_pdf`` of the study, or None."""
    blob = records.get(_index_name(study_uid))
    if blob is None:
        return None
    version = json.loads(blob.decode("utf-8")).get("latest")
    return None if version is None else records.get(_name(study_uid, int(version), what))


def latest_version(records: RecordStore, study_uid: str) -> int | None:
    """The version number of the newest stored documents of the study, or None."""
    blob = records.get(_index_name(study_uid))
    if blob is None:
        return None
    version = json.loads(blob.decode("utf-8")).get("latest")
    return None if version is None else int(version)
