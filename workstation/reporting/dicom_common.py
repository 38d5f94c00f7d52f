"""Modules shared by the report's DICOM objects (SR and Encapsulated PDF): Patient
(PS3.3 C.7.1.1) and General Study (C.7.2.1) copied from the study's images, General
Equipment (C.7.5.1), SOP Common (C.12.1), and writing a Part 10 file (PS3.10)."""

from __future__ import annotations

import io
from datetime import datetime

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from workstation import __version__
from workstation.reporting.document import Patient, ReportDocument, StudyInfo

UTF8 = "ISO_IR 192"  # Specific Character Set for Unicode (UTF-8): Turkish letters need it
MANUFACTURER = "workstation"
REPORT_TITLE = ("18748-4", "LN", "Diagnostic imaging report")  # CID 7000


def patient_from_dataset(source: Dataset) -> Patient:
    """Patient module values of one of the study's images (or its header)."""
    return Patient(
        name=str(source.get("PatientName", "") or ""),
        patient_id=str(source.get("PatientID", "") or ""),
        birth_date=str(source.get("PatientBirthDate", "") or ""),
        sex=str(source.get("PatientSex", "") or ""),
    )


def study_from_dataset(source: Dataset) -> StudyInfo:
    return StudyInfo(
        study_uid=str(source.StudyInstanceUID),
        accession=str(source.get("AccessionNumber", "") or ""),
        study_date=str(source.get("StudyDate", "") or ""),
        study_time=str(source.get("StudyTime", "") or ""),
        description=str(source.get("StudyDescription", "") or ""),
        modality=str(source.get("Modality", "") or ""),
        study_id=str(source.get("StudyID", "") or ""),
        referring_physician=str(source.get("ReferringPhysicianName", "") or ""),
    )


def code(value: str, scheme: str, meaning: str) -> Dataset:
    """A Code Sequence item (PS3.3 Table 8.8-1)."""
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return item


def base_dataset(doc: ReportDocument, sop_class_uid: str, modality: str, *,
                 series_uid: str | None, instance_uid: str | None,
                 when: datetime) -> Dataset:
    """Patient, General Study, series, General Equipment and SOP Common attributes."""
    ds = Dataset()
    ds.SpecificCharacterSet = UTF8
    ds.SOPClassUID = sop_class_uid
    ds.SOPInstanceUID = instance_uid or generate_uid()
    ds.PatientName = doc.patient.name
    ds.PatientID = doc.patient.patient_id
    ds.PatientBirthDate = doc.patient.birth_date
    ds.PatientSex = doc.patient.sex
    ds.StudyInstanceUID = doc.study.study_uid
    ds.StudyDate = doc.study.study_date
    ds.StudyTime = doc.study.study_time
    ds.ReferringPhysicianName = doc.study.referring_physician
    ds.StudyID = doc.study.study_id
    ds.AccessionNumber = doc.study.accession
    if doc.study.description:
        ds.StudyDescription = doc.study.description
    ds.Modality = modality
    ds.SeriesInstanceUID = series_uid or generate_uid()
    ds.SeriesNumber = 900 + (1 if modality == "SR" else 2)
    ds.InstanceNumber = doc.version
    ds.Manufacturer = MANUFACTURER
    ds.SoftwareVersions = __version__
    if doc.institution:
        ds.InstitutionName = doc.institution
    ds.ContentDate = when.strftime("%Y%m%d")
    ds.ContentTime = when.strftime("%H%M%S")
    ds.InstanceCreationDate = ds.ContentDate
    ds.InstanceCreationTime = ds.ContentTime
    return ds


def to_bytes(ds: Dataset) -> bytes:
    """A DICOM Part 10 file (preamble, File Meta Information, Explicit VR Little Endian)."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta = meta
    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    return out.getvalue()
