"""The modules every demo image shares: File Meta, SOP Common, Patient, General Study,
Patient Study, General Series, General Equipment, General Image and Image Pixel.

Attribute names and types follow PS3.3 (C.7.1.1 Patient, C.7.2.1 General Study, C.7.2.2
Patient Study, C.7.3.1 General Series, C.7.5.1 General Equipment, C.7.6.1 General Image,
C.7.6.3 Image Pixel, C.12.1 SOP Common) and PS3.10 section 7.1 for the File Meta
Information. Dates and times are the study's, so regenerating gives identical files.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

from workstation.demohub.datagen.specs import Series, Study

MANUFACTURER = "Workstation Demo"
CHARACTER_SET = "ISO_IR 192"  # UTF-8: Turkish names need more than Latin-1 (no ğ, ı, ş)
TIMEZONE = "+0300"  # Türkiye


def code_item(value: str, scheme: str, meaning: str) -> Dataset:
    """A Code Sequence Macro item (PS3.3 Table 8.8-1)."""
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return item


def base_dataset(
    study: Study,
    series: Series,
    instance: int,
    sop_class_uid: str,
    *,
    series_time_offset_s: int = 0,
    frame_of_reference: bool = True,
) -> Dataset:
    """A dataset with the shared modules filled in; pixel data and modality modules follow."""
    when = study.when
    day = when.strftime("%Y%m%d")
    series_time = (when.hour * 3600 + when.minute * 60 + when.second + series_time_offset_s) % 86400
    time_str = f"{series_time // 3600:02d}{series_time // 60 % 60:02d}{series_time % 60:02d}"
    sop_uid = study.sop_uid(series, instance)

    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = sop_class_uid
    ds.file_meta.MediaStorageSOPInstanceUID = sop_uid
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian

    ds.SpecificCharacterSet = CHARACTER_SET
    ds.SOPClassUID = sop_class_uid
    ds.SOPInstanceUID = sop_uid
    ds.InstanceCreationDate = day
    ds.InstanceCreationTime = time_str
    ds.TimezoneOffsetFromUTC = TIMEZONE

    ds.StudyDate = ds.SeriesDate = ds.AcquisitionDate = ds.ContentDate = day
    ds.StudyTime = when.strftime("%H%M%S")
    ds.SeriesTime = ds.AcquisitionTime = ds.ContentTime = time_str
    ds.AccessionNumber = study.accession
    ds.Modality = study.modality
    ds.Manufacturer = MANUFACTURER
    ds.InstitutionName = study.tenant.name
    ds.ReferringPhysicianName = study.referring
    ds.StationName = f"{study.modality}01"
    ds.StudyDescription = study.description
    ds.SeriesDescription = series.description
    ds.ManufacturerModelName = f"Demo {study.modality}"

    patient = study.patient
    ds.PatientName = patient.name
    ds.PatientID = patient.patient_id
    ds.IssuerOfPatientID = study.tenant.id.upper()
    ds.PatientBirthDate = patient.birth_date.strftime("%Y%m%d")
    ds.PatientSex = patient.sex
    ds.PatientAge = patient.age_at(when.date())

    ds.BodyPartExamined = study.body_part
    ds.DeviceSerialNumber = "WSD-0001"
    ds.SoftwareVersions = "1.0"
    ds.StudyInstanceUID = study.study_uid
    ds.SeriesInstanceUID = study.series_uid(series)
    ds.StudyID = study.study_id
    ds.SeriesNumber = series.number
    ds.InstanceNumber = instance
    if frame_of_reference:
        ds.FrameOfReferenceUID = study.frame_of_reference_uid
        ds.PositionReferenceIndicator = ""
    ds.BurnedInAnnotation = "NO"
    ds.LossyImageCompression = "00"
    return ds


def set_pixels(
    ds: Dataset, pixels: np.ndarray, bits_stored: int, photometric: str = "MONOCHROME2"
) -> None:
    """Image Pixel module for one greyscale frame of unsigned 16-bit storage (C.7.6.3)."""
    if pixels.dtype != np.uint16 or pixels.ndim != 2:
        raise ValueError("expected one 2-D uint16 frame")
    if int(pixels.max(initial=0)) >= 1 << bits_stored:
        raise ValueError(f"pixel values exceed {bits_stored} bits")
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    ds.Rows, ds.Columns = pixels.shape
    ds.BitsAllocated = 16
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 0
    ds.PixelData = np.ascontiguousarray(pixels, dtype="<u2").tobytes()


def set_windows(ds: Dataset, windows: Sequence[tuple[float, float, str]]) -> None:
    """VOI LUT module windows (C.11.2): centre, width and an explanation for each."""
    ds.WindowCenter = [float(c) for c, _, _ in windows]
    ds.WindowWidth = [float(w) for _, w, _ in windows]
    ds.WindowCenterWidthExplanation = [e for _, _, e in windows]


def set_axial_plane(
    ds: Dataset,
    position: tuple[float, float, float],
    spacing: float,
    thickness: float,
    between: float,
) -> None:
    """Image Plane module (C.7.6.2) for an axial slice with Image Orientation 1\\0\\0\\0\\1\\0."""
    ds.ImagePositionPatient = [round(float(v), 4) for v in position]
    ds.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
    ds.PixelSpacing = [round(spacing, 6), round(spacing, 6)]
    ds.SliceThickness = round(thickness, 4)
    ds.SpacingBetweenSlices = round(between, 4)
    ds.SliceLocation = round(float(position[2]), 4)
