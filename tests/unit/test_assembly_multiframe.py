"""Enhanced multi-frame assembly through the functional groups (PS3.3 C.7.6.16)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from dicom_synthetic import to_bytes
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian

from workstation.core.window import Window
from workstation.dicom.loader import load_series

ENHANCED_CT = "1.2.840.10008.5.1.4.1.1.2.1"
UID = "1.2.826.0.1.3680043.8.498.91"
AXIAL = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
SAGITTAL = [0.0, 1.0, 0.0, 0.0, 0.0, -1.0]


def _item(**attributes) -> Dataset:
    item = Dataset()
    for keyword, value in attributes.items():
        setattr(item, keyword, value)
    return item


def _macro(**attributes) -> Sequence:
    return Sequence([_item(**attributes)])


def _enhanced(frames: list[dict], *, shared: dict | None = None) -> Dataset:
    """An Enhanced CT Image with one Per-frame Functional Groups item per ``frames`` entry;
    frame k holds stored value 100 + k everywhere."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ENHANCED_CT
    meta.MediaStorageSOPInstanceUID = f"{UID}.1"
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = ENHANCED_CT
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = f"{UID}.2"
    ds.SeriesInstanceUID = f"{UID}.3"
    ds.FrameOfReferenceUID = f"{UID}.4"
    ds.Modality = "CT"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.NumberOfFrames = len(frames)
    ds.Rows, ds.Columns = 4, 5
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
    shared_groups = shared if shared is not None else {
        "PixelMeasuresSequence": _macro(PixelSpacing=[0.8, 0.8], SliceThickness=1.5),
        "PlaneOrientationSequence": _macro(ImageOrientationPatient=AXIAL),
        "PixelValueTransformationSequence": _macro(RescaleSlope=1, RescaleIntercept=-1024,
                                                   RescaleType="HU"),
        "FrameVOILUTSequence": _macro(WindowCenter=40, WindowWidth=400),
    }
    ds.SharedFunctionalGroupsSequence = Sequence([_item(**shared_groups)])
    ds.PerFrameFunctionalGroupsSequence = Sequence([_item(**groups) for groups in frames])
    pixels = np.stack([np.full((4, 5), 100 + k, np.int16) for k in range(len(frames))])
    ds.PixelData = pixels.astype("<i2").tobytes()
    return ds


def _at(z: float, orientation=None, **content) -> dict:
    groups = {"PlanePositionSequence": _macro(ImagePositionPatient=[-5.0, -5.0, z])}
    if orientation is not None:
        groups["PlaneOrientationSequence"] = _macro(ImageOrientationPatient=orientation)
    if content:
        groups["FrameContentSequence"] = _macro(**content)
    return groups


def test_frames_are_placed_by_their_own_plane_position():
    zs = [6.0, 0.0, 4.0, 2.0, 10.0, 8.0]  # frames stored out of order
    frames = [_at(z, StackID="1", InStackPositionNumber=k + 1) for k, z in enumerate(zs)]
    result = load_series([to_bytes(_enhanced(frames))])
    assert result.errors == []
    (stack,) = result.stacks
    assert stack.positions[:, 2].tolist() == [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    assert stack.pixels[:, 0, 0].tolist() == [101, 103, 102, 100, 105, 104]
    assert stack.pixel_spacing == (0.8, 0.8) and stack.spacing_source == "PixelSpacing"
    assert stack.slice_thickness == 1.5 and stack.slice_spacing == pytest.approx(2.0)
    assert (stack.slope, stack.intercept) == (1.0, -1024.0)
    assert stack.windows == (Window(40.0, 400.0),)
    assert stack.warnings == ()


def test_frames_of_two_orientations_split_into_two_stacks_from_one_decode():
    frames = [_at(z) for z in (3.0, 0.0, 6.0)]
    frames += [_at(x, SAGITTAL, FrameType=None) for x in (0.0, 4.0)]
    for groups, x in zip(frames[3:], (0.0, 4.0), strict=True):
        groups["PlanePositionSequence"] = _macro(ImagePositionPatient=[x, -5.0, 5.0])
        groups["CTImageFrameTypeSequence"] = _macro(FrameType=["ORIGINAL", "PRIMARY",
                                                               "LOCALIZER", "NONE"])
        del groups["FrameContentSequence"]
    result = load_series([to_bytes(_enhanced(frames))])
    assert result.errors == []
    axial, sagittal = sorted(result.stacks, key=lambda s: -s.count)
    assert axial.pixels[:, 0, 0].tolist() == [101, 100, 102]
    assert axial.column_cosine == (0.0, 1.0, 0.0)
    assert sagittal.column_cosine == (0.0, 0.0, -1.0)
    # The sagittal normal is -x: the frame at x = 4 comes first.
    assert sagittal.pixels[:, 0, 0].tolist() == [104, 103]
    assert sagittal.warnings == ("Localizer: kept apart from the series' other images",)
    assert sagittal.sop_instance_uids == (f"{UID}.1",) * 2


def test_per_frame_rescale_and_windows_override_the_shared_ones():
    frames = [_at(float(z)) for z in range(3)]
    for k, groups in enumerate(frames):
        groups["PixelValueTransformationSequence"] = _macro(RescaleSlope=2 if k else 1,
                                                            RescaleIntercept=0)
        groups["FrameVOILUTSequence"] = _macro(WindowCenter=100 + k, WindowWidth=50)
    (stack,) = load_series([to_bytes(_enhanced(frames))]).stacks
    assert (stack.slope, stack.intercept) == (1.0, 0.0)  # the first frame's
    assert stack.windows == (Window(101.0, 50.0),)  # the middle frame's
    assert "rescale slope/intercept differ between slices; the first is used" in stack.warnings


def test_two_echoes_in_one_file_split_by_effective_echo_time():
    frames = []
    for z in (0.0, 5.0):
        for echo in (10.0, 80.0):
            groups = _at(z)
            groups["MREchoSequence"] = _macro(EffectiveEchoTime=echo)
            frames.append(groups)
    first, second = load_series([to_bytes(_enhanced(frames))]).stacks
    assert first.pixels[:, 0, 0].tolist() == [100, 102]
    assert second.pixels[:, 0, 0].tolist() == [101, 103]
    assert second.warnings[0].endswith("echo time 80.0 (2 of 2)")


def test_shared_groups_alone_place_every_frame_at_one_position():
    shared = {"PlanePositionSequence": _macro(ImagePositionPatient=[1.0, 2.0, 3.0]),
              "PlaneOrientationSequence": _macro(ImageOrientationPatient=AXIAL),
              "PixelMeasuresSequence": _macro(PixelSpacing=[0.5, 0.4])}
    (stack,) = load_series([to_bytes(_enhanced([{}, {}, {}], shared=shared))]).stacks
    assert stack.pixels[:, 0, 0].tolist() == [100, 101, 102]  # frame order kept
    assert stack.positions.tolist() == [[1.0, 2.0, 3.0]] * 3
    assert stack.pixel_spacing == (0.5, 0.4)


def test_rt_dose_grid_frame_offsets():
    ds = _enhanced([{}, {}, {}], shared={})
    del ds.SharedFunctionalGroupsSequence
    del ds.PerFrameFunctionalGroupsSequence
    ds.ImagePositionPatient = [0.0, 0.0, -4.0]
    ds.ImageOrientationPatient = AXIAL
    ds.PixelSpacing = [2.0, 2.0]
    ds.GridFrameOffsetVector = [0.0, 2.5, 5.0]
    (stack,) = load_series([to_bytes(ds)]).stacks
    assert stack.positions[:, 2].tolist() == [-4.0, -1.5, 1.0]


def test_enhanced_mr_from_the_suite_gets_per_frame_positions(shared_dicom: Path):
    result = load_series([shared_dicom / "multiframe" / "fo-dicom" / "MOVEKNEE.dcm"])
    (stack,) = result.stacks
    assert stack.count == 19
    # Plane Position comes from the shared groups, one per frame: a motion study at one
    # location, kept in frame (temporal position) order.
    assert stack.positions.shape == (19, 3)
    assert stack.positions.tolist() == [[-3.0, -80.0, 80.0]] * 19
    assert stack.row_cosine == (0.0, 1.0, 0.0) and stack.column_cosine == (0.0, 0.0, -1.0)
    assert stack.pixel_spacing == (0.625, 0.625) and stack.slice_thickness == 6.0
    # Frame VOI LUT is per frame here (1518/2810 on the first): the middle frame's window.
    assert stack.windows == (Window(1523.0, 2799.0),)
    assert stack.warnings == ()
