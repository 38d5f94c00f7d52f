"""Projection radiographs: laterality, view and which spacing is used (PS3.3 10.7.1.1)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from dicom_synthetic import ct_series, to_bytes
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian

from workstation.core.projection_info import SpacingSource
from workstation.dicom.loader import load_series

DX = "1.2.840.10008.5.1.4.1.1.1.1"


def _dx(**attributes) -> Dataset:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = DX
    meta.MediaStorageSOPInstanceUID = "1.2.826.0.1.3680043.8.498.55.1"
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = DX
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.SeriesInstanceUID = "1.2.826.0.1.3680043.8.498.55.2"
    ds.Modality = "DX"
    ds.Rows, ds.Columns = 6, 4
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME1"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.PixelData = np.arange(24, dtype="<u2").tobytes()
    for keyword, value in attributes.items():
        setattr(ds, keyword, value)
    return ds


def _load_one(ds: Dataset):
    result = load_series([to_bytes(ds)])
    assert result.errors == []
    (stack,) = result.stacks
    return stack


@pytest.mark.parametrize(
    ("attributes", "spacing", "source"),
    [
        ({"PixelSpacing": [0.15, 0.15], "ImagerPixelSpacing": [0.15, 0.15]},
         (0.15, 0.15), SpacingSource.PIXEL_SPACING_AT_DETECTOR),
        ({"PixelSpacing": [0.12, 0.12], "ImagerPixelSpacing": [0.15, 0.15],
          "PixelSpacingCalibrationType": "GEOMETRY"},
         (0.12, 0.12), "PixelSpacing (calibrated: GEOMETRY)"),
        ({"ImagerPixelSpacing": [0.2, 0.1], "EstimatedRadiographicMagnificationFactor": 1.25},
         (0.16, 0.08), SpacingSource.IMAGER_MAGNIFICATION),
        ({"ImagerPixelSpacing": [0.2, 0.2]}, (0.2, 0.2), SpacingSource.IMAGER),
        ({"ImagerPixelSpacing": [0.2, 0.2], "EstimatedRadiographicMagnificationFactor": "0"},
         (0.2, 0.2), SpacingSource.IMAGER),
        ({}, (1.0, 1.0), SpacingSource.NONE),
    ],
)
def test_spacing_source_is_named(attributes: dict, spacing: tuple, source: str):
    stack = _load_one(_dx(**attributes))
    assert stack.pixel_spacing == pytest.approx(spacing)
    assert stack.spacing_source == source
    assert stack.positions.shape == (0, 3)


def test_view_code_sequence_and_series_laterality_fill_in():
    code = Dataset()
    code.CodeValue = "399162004"
    code.CodingSchemeDesignator = "SCT"
    stack = _load_one(_dx(Laterality="L", ViewCodeSequence=Sequence([code]),
                          PatientOrientation=["A", "R"]))
    assert (stack.projection.laterality, stack.projection.view) == ("L", "CC")
    assert stack.projection.patient_orientation == ("A", "R")
    assert (stack.header.laterality, stack.header.view_position) == ("L", "CC")


def test_frame_laterality_from_the_functional_groups():
    anatomy = Dataset()
    anatomy.FrameLaterality = "R"
    group = Dataset()
    group.FrameAnatomySequence = Sequence([anatomy])
    stack = _load_one(_dx(SharedFunctionalGroupsSequence=Sequence([group]), ViewPosition="PA"))
    assert stack.projection.laterality == "R" and stack.header.view_position == "PA"


def test_cross_sectional_stacks_use_pixel_spacing_and_have_no_projection():
    (stack,) = load_series([to_bytes(ds) for ds in ct_series(3)]).stacks
    assert stack.spacing_source == SpacingSource.PIXEL_SPACING
    assert stack.projection is None


def test_mammogram_from_the_suite(shared_dicom: Path):
    (stack,) = load_series([shared_dicom / "mg" / "GH133.dcm"]).stacks
    projection = stack.projection
    assert (projection.laterality, projection.view) == ("R", "MLO")
    assert projection.view_description == "medio-lateral oblique"
    assert projection.patient_orientation == ("P", "FL")
    # Imager Pixel Spacing only, with an Estimated Radiographic Magnification Factor of 1.
    assert stack.spacing_source == SpacingSource.IMAGER_MAGNIFICATION
    assert projection.magnification == 1.0
    assert projection.imager_pixel_spacing == pytest.approx((0.09409090909091,) * 2)
    assert stack.pixel_spacing == pytest.approx((0.09409090909091,) * 2)
