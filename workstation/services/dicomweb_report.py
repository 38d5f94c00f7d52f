"""A signed report filed into a DICOMweb archive: a Comprehensive SR and an Encapsulated
PDF of the same report, stored with one STOW-RS request into the study they report on
(PS3.18 10.5), so any PACS viewer shows the report next to the images."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from workstation.core.report import ReportDraft
from workstation.core.study import WorklistItem
from workstation.dicomweb.client import DicomWebClient
from workstation.dicomweb.stow import StoreResult
from workstation.reporting.document import Signature, from_text
from workstation.reporting.encapsulated_pdf import encapsulated_pdf_bytes
from workstation.reporting.pdf import render_pdf
from workstation.reporting.sr import sr_bytes
from workstation.services.report_artifacts import patient_of, study_of


@dataclass(frozen=True, slots=True)
class ReportObjects:
    sr: bytes
    pdf: bytes  # the Encapsulated PDF instance (DICOM), not the bare PDF

    def all(self) -> list[bytes]:
        return [self.sr, self.pdf]


def report_objects(draft: ReportDraft, item: WorklistItem, author: str, *,
                   language: str = "en", when: datetime | None = None,
                   institution: str = "") -> ReportObjects:
    """The SR and Encapsulated PDF of a free-text report on ``item``'s study; patient and
    study attributes come from the worklist row (i.e. from the archive's own QIDO-RS
    answer, so the objects file into the same patient and study)."""
    when = when or datetime.now().astimezone()
    doc = from_text(
        draft.findings, draft.impression, language,
        patient=patient_of(item), study=study_of(item),
        signature=Signature(author, when.isoformat(), str(draft.kind)),
        institution=institution,
    )
    pdf = render_pdf(doc, created=when)
    return ReportObjects(sr_bytes(doc, when=when), encapsulated_pdf_bytes(doc, pdf, when=when))


def store_report(client: DicomWebClient, objects: ReportObjects, study_uid: str) -> StoreResult:
    """STOW-RS both objects into ``study_uid``; raises the STOW errors of
    :mod:`workstation.dicomweb.errors` (409, 202 partial) with the server's reasons."""
    return client.store(objects.all(), study_uid)
