"""Header reading: read_header, windows, spacing fallbacks, enhanced multi-frame groups."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from dicom_synthetic import ct_dataset, ct_series, to_bytes
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import EnhancedCTImageStorage

from workstation.core.window import VoiFunction, Window
from workstation.dicom.file_reader import HeaderError
from workstation.dicom.header import geometry, read_header, windows
from workstation.dicom.loader import load_series


def test_read_header_from_path_and_bytes(shared_dicom: Path):
    path = shared_dicom / "mg" / "GH133.dcm"
    from_path = read_header(path)
    assert from_path == read_header(path.read_bytes())
    assert from_path.modality == "MG"
    assert from_path.laterality == "R"
    assert from_path.view_position == "MLO"
    assert isinstance(from_path.patient_name, str)


def test_read_header_fields_of_a_synthetic_ct():
    header = read_header(to_bytes(ct_series(1)[0]))
    assert header.patient_name == "DOE^JANE"
    assert (header.patient_id, header.patient_sex, header.patient_age) == ("P-001", "F", "054Y")
    assert (header.study_date, header.study_description) == ("20240131", "CT CHEST")
    assert (header.series_number, header.series_description) == (3, "AXIAL 1.0")
    assert header.institution == "General Hospital"
    assert header.body_part == "CHEST"
    assert header.lossy is False


def test_read_header_rejects_non_dicom():
    with pytest.raises(HeaderError):
        read_header(b"\x00" * 200)


def test_lossy_attribute_reaches_the_header():
    ds = ct_series(1)[0]
    ds.LossyImageCompression = "01"
    assert read_header(to_bytes(ds)).lossy is True


def test_windows_drop_invalid_pairs_and_read_the_function():
    ds = Dataset()
    ds.WindowCenter = [40, 300, 50]
    ds.WindowWidth = [400, 0, 80]
    ds.WindowCenterWidthExplanation = ["A", "B", "C"]
    ds.VOILUTFunction = "LINEAR_EXACT"
    assert windows(ds) == (
        Window(40, 400, "A", VoiFunction.LINEAR_EXACT),
        Window(50, 80, "C", VoiFunction.LINEAR_EXACT),
    )
    ds.VOILUTFunction = "BOGUS"
    assert windows(ds)[0].function is VoiFunction.LINEAR


def test_imager_pixel_spacing_is_the_fallback():
    ds = Dataset()
    ds.ImagerPixelSpacing = [0.15, 0.1]
    assert geometry(ds, 1).pixel_spacing == (0.15, 0.1)
    ds.PixelSpacing = [0.2, 0.3]
    assert geometry(ds, 1).pixel_spacing == (0.2, 0.3)


def _item(**attrs: object) -> Dataset:
    item = Dataset()
    for key, value in attrs.items():
        setattr(item, key, value)
    return item


def test_enhanced_multiframe_geometry_and_frame_order():
    """Positions per frame, orientation/spacing/rescale shared (PS3.3 C.7.6.16)."""
    frames = np.stack([np.full((4, 5), v, np.int16) for v in (30, 20, 10)])
    ds = ct_dataset(frames[0], instance=1, position=(0, 0, 0))
    for keyword in ("ImagePositionPatient", "ImageOrientationPatient", "PixelSpacing",
                    "SliceThickness", "RescaleSlope", "RescaleIntercept"):
        delattr(ds, keyword)
    ds.SOPClassUID = EnhancedCTImageStorage
    ds.file_meta.MediaStorageSOPClassUID = EnhancedCTImageStorage
    ds.NumberOfFrames = 3
    ds.PixelData = frames.astype("<i2").tobytes()
    ds.SharedFunctionalGroupsSequence = Sequence([_item(
        PlaneOrientationSequence=Sequence([_item(ImageOrientationPatient=[1, 0, 0, 0, 1, 0])]),
        PixelMeasuresSequence=Sequence([_item(PixelSpacing=[0.8, 0.6], SliceThickness=3)]),
        PixelValueTransformationSequence=Sequence(
            [_item(RescaleSlope=2, RescaleIntercept=-100, RescaleType="HU")]),
    )])
    # Frames stored from the top down (z = 30, 20, 10).
    ds.PerFrameFunctionalGroupsSequence = Sequence([
        _item(PlanePositionSequence=Sequence([_item(ImagePositionPatient=[0, 0, z])]))
        for z in (30, 20, 10)
    ])
    (stack,) = load_series([to_bytes(ds)]).stacks
    assert stack.pixels[:, 0, 0].tolist() == [10, 20, 30]
    assert stack.positions[:, 2].tolist() == [10.0, 20.0, 30.0]
    assert stack.pixel_spacing == (0.8, 0.6)
    assert (stack.slope, stack.intercept) == (2.0, -100.0)
    assert stack.slice_thickness == 3.0
