"""Small DICOM files built in memory for the loader tests (no shared data needed)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian

STUDY = "1.2.826.0.1.3680043.8.498.77"
SERIES = "1.2.826.0.1.3680043.8.498.77.1"


def ct_dataset(
    pixels: np.ndarray,
    *,
    instance: int,
    position: Sequence[float],
    orientation: Sequence[float] = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0),
    series_uid: str = SERIES,
    spacing: Sequence[float] = (0.5, 0.5),
) -> Dataset:
    """A minimal CT Image with signed 16-bit pixels, rescale -1024 and two windows."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CTImageStorage
    meta.MediaStorageSOPInstanceUID = f"{series_uid}.{instance}"
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = CTImageStorage
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = STUDY
    ds.SeriesInstanceUID = series_uid
    ds.FrameOfReferenceUID = f"{STUDY}.9"
    ds.PatientName = "DOE^JANE"
    ds.PatientID = "P-001"
    ds.PatientSex = "F"
    ds.PatientAge = "054Y"
    ds.StudyDate = "20240131"
    ds.StudyDescription = "CT CHEST"
    ds.SeriesDescription = "AXIAL 1.0"
    ds.SeriesNumber = 3
    ds.Modality = "CT"
    ds.InstitutionName = "General Hospital"
    ds.BodyPartExamined = "CHEST"
    ds.InstanceNumber = instance
    ds.ImagePositionPatient = [float(v) for v in position]
    ds.ImageOrientationPatient = [float(v) for v in orientation]
    ds.PixelSpacing = [float(v) for v in spacing]
    ds.SliceThickness = 1.0
    ds.RescaleSlope = 1
    ds.RescaleIntercept = -1024
    ds.WindowCenter = [40, -600]
    ds.WindowWidth = [400, 1500]
    ds.WindowCenterWidthExplanation = ["MEDIASTINUM", "LUNG"]
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = pixels.shape
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 1
    ds.PixelData = pixels.astype("<i2").tobytes()
    return ds


def to_bytes(ds: Dataset) -> bytes:
    buf = io.BytesIO()
    ds.save_as(buf, enforce_file_format=True)
    return buf.getvalue()


def ct_series(count: int, *, step: float = 2.5, rows: int = 8, columns: int = 6,
              normal_sign: float = 1.0) -> list[Dataset]:
    """``count`` slices along +z (or -z), slice k filled with stored value 1000 + k."""
    return [
        ct_dataset(
            np.full((rows, columns), 1000 + k, dtype=np.int16),
            instance=k + 1,
            position=(-10.0, -20.0, normal_sign * step * k),
        )
        for k in range(count)
    ]
