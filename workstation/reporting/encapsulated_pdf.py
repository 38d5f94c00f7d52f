"""The report PDF as a DICOM Encapsulated PDF instance (PS3.3 A.45.1, SOP Class
1.2.840.10008.5.1.4.1.1.104.1), filed into the study it reports on, so any PACS viewer shows
the signed report next to the images."""

from __future__ import annotations

from datetime import datetime

from pydicom.dataset import Dataset

from workstation.reporting.dicom_common import REPORT_TITLE, base_dataset, code, to_bytes
from workstation.reporting.document import ReportDocument

ENCAPSULATED_PDF_STORAGE = "1.2.840.10008.5.1.4.1.1.104.1"


def encapsulated_pdf_dataset(doc: ReportDocument, pdf: bytes, *, when: datetime | None = None,
                             series_uid: str | None = None,
                             instance_uid: str | None = None) -> Dataset:
    """Patient, General Study, Encapsulated Document Series (modality DOC), General
    Equipment, SC Equipment (C.8.6.1) and Encapsulated Document (C.24.2) modules."""
    if not pdf.startswith(b"%PDF-"):
        raise ValueError("not a PDF document")
    when = when or datetime.now().astimezone()
    ds = base_dataset(doc, ENCAPSULATED_PDF_STORAGE, "DOC", series_uid=series_uid,
                      instance_uid=instance_uid, when=when)
    ds.ConversionType = "WSD"  # workstation
    ds.AcquisitionDateTime = when.strftime("%Y%m%d%H%M%S")
    ds.BurnedInAnnotation = "YES"  # the document names the patient
    ds.DocumentTitle = doc.heading
    ds.ConceptNameCodeSequence = [code(*REPORT_TITLE)]
    ds.MIMETypeOfEncapsulatedDocument = "application/pdf"
    ds.EncapsulatedDocumentLength = len(pdf)
    # OB value of even length: a PDF may end on an odd byte, so pad with a NUL
    ds.EncapsulatedDocument = pdf + (b"\x00" if len(pdf) % 2 else b"")
    return ds


def encapsulated_pdf_bytes(doc: ReportDocument, pdf: bytes, *, when: datetime | None = None,
                           series_uid: str | None = None,
                           instance_uid: str | None = None) -> bytes:
    """:func:`encapsulated_pdf_dataset` as a DICOM Part 10 file."""
    return to_bytes(encapsulated_pdf_dataset(doc, pdf, when=when, series_uid=series_uid,
                                             instance_uid=instance_uid))


def extract_pdf(ds: Dataset) -> bytes:
    """The PDF of an Encapsulated PDF instance, without the padding byte."""
    data = bytes(ds.EncapsulatedDocument)
    length = ds.get("EncapsulatedDocumentLength")
    return data[:length] if length else data.rstrip(b"\x00")
