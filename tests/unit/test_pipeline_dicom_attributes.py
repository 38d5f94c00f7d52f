"""Reading the display transforms from headers: LUT Data as US or OW (IHE MAMMO), byte
order, empty or broken items, padding in stored space, Presentation LUT Shape, colour."""

from __future__ import annotations

import numpy as np
import pytest
from dicom_synthetic import ct_dataset, to_bytes
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRBigEndian, ImplicitVRLittleEndian, SecondaryCaptureImageStorage

from workstation.core.grayscale import PixelPadding, PresentationShape
from workstation.core.lut import LookupTable
from workstation.core.window import Window
from workstation.dicom.color import frame_converter
from workstation.dicom.display_attributes import (
    grayscale_transform,
    lut_data,
    pixel_padding,
    voi_tables,
)
from workstation.dicom.loader import load_series

PIXELS = np.arange(-4, 44, dtype=np.int16).reshape(8, 6)
ENTRIES = [100, 200, 300, 400]


def _item(descriptor: list[int], data: list[int], vr: str, explanation: str = "") -> Dataset:
    item = Dataset()
    item.LUTDescriptor = descriptor
    value = np.asarray(data, dtype="<u2").tobytes() if vr == "OW" else data
    item.add_new("LUTData", vr, value)
    if explanation:
        item.LUTExplanation = explanation
    return item


def _ct(**changes) -> Dataset:
    ds = ct_dataset(PIXELS, instance=1, position=(0.0, 0.0, 0.0))
    for keyword, value in changes.items():
        setattr(ds, keyword, value)
    return ds


def _load(ds: Dataset):
    result = load_series([to_bytes(ds)])
    assert result.errors == []
    (stack,) = result.stacks
    return stack


@pytest.mark.parametrize("vr", ["OW", "US"])
@pytest.mark.parametrize("syntax", [None, ImplicitVRLittleEndian])
def test_modality_lut_sequence_applies_whatever_the_lut_data_vr(vr: str, syntax):
    ds = _ct(ModalityLUTSequence=Sequence([_item([4, -2, 16], ENTRIES, vr)]))
    del ds.RescaleSlope, ds.RescaleIntercept
    if syntax is not None:
        ds.file_meta.TransferSyntaxUID = syntax
    stack = _load(ds)
    table = stack.grayscale.modality_table
    assert table is not None and table.first_mapped == -2
    # Stored -4, -3 are below the first mapped value; 1 is the last entry; 43 beyond it.
    assert stack.grayscale.modality(np.array([-4, -3, -2, -1, 0, 1, 43])).tolist() == [
        100, 100, 100, 200, 300, 400, 400]
    assert stack.modality_value(0, 0, 0) == 100.0
    assert stack.warnings == ()


def test_big_endian_ow_and_packed_8_bit_lut_data():
    item = Dataset()
    item.add_new("LUTData", "OW", np.asarray(ENTRIES, dtype=">u2").tobytes())
    assert lut_data(item, 4, 16, little=False).tolist() == ENTRIES
    packed = Dataset()
    packed.add_new("LUTData", "OW", bytes([0, 50, 100, 255]))
    assert lut_data(packed, 4, 8, little=True).tolist() == [0, 50, 100, 255]


def test_big_endian_file_reads_its_voi_table(tmp_path):
    ds = _ct(VOILUTSequence=Sequence([_item([4, 0, 12], [0, 1000, 2000, 4095], "US", "B")]))
    ds.file_meta.TransferSyntaxUID = ExplicitVRBigEndian
    ds.PixelData = PIXELS.astype(">i2").tobytes()
    stack = _load(ds)
    (table,) = stack.grayscale.voi_tables
    assert table.data.tolist() == [0, 1000, 2000, 4095] and table.bits == 12
    assert stack.pixels[0, 0, 0] == -4


def test_voi_tables_come_first_with_their_explanations():
    ds = _ct(VOILUTSequence=Sequence([
        _item([4, 0, 16], [0, 1, 2, 65535], "OW", "NORMAL"),
        _item([4, 0, 16], [0, 9, 9, 65535], "US", "HARDER"),
    ]))
    stack = _load(ds)
    labels = [c.explanation for c in stack.grayscale.voi_choices]
    assert labels == ["NORMAL", "HARDER", "MEDIASTINUM", "LUNG"]
    assert isinstance(stack.grayscale.default_voi, LookupTable)
    assert stack.windows == (Window(40, 400, "MEDIASTINUM"), Window(-600, 1500, "LUNG"))


def test_empty_items_are_ignored_and_broken_ones_reported():
    empty = Dataset()
    empty.LUTDescriptor = None
    empty.add_new("LUTData", "US", None)
    broken = Dataset()
    broken.LUTDescriptor = [4, 0]
    broken.add_new("LUTData", "US", ENTRIES)
    ds = _ct(VOILUTSequence=Sequence([empty, broken]))
    assert voi_tables(ds) == ()
    transform = grayscale_transform(ds, np.dtype(np.int16), "MONOCHROME2")
    assert transform.voi_tables == ()
    assert transform.notes == ("1 VOI LUT Sequence item(s) unreadable; ignored",)


def test_modality_table_beside_a_real_rescale_is_noted():
    ds = _ct(ModalityLUTSequence=Sequence([_item([4, -2, 16], ENTRIES, "US")]))
    transform = grayscale_transform(ds, np.dtype(np.int16), "MONOCHROME2")
    assert transform.modality_table is not None
    assert transform.notes == ("Modality LUT Sequence and rescale both present; the table is "
                               "used",)


def test_padding_value_and_range_limit_in_stored_space():
    ds = _ct()
    ds.add_new("PixelPaddingValue", "US", 63536)  # -2000 written unsigned on a signed image
    assert pixel_padding(ds, np.dtype(np.int16)) == PixelPadding(-2000)
    ds.add_new("PixelPaddingRangeLimit", "SS", -1990)
    stack = _load(ds)
    assert stack.grayscale.padding == PixelPadding(-2000, -1990)
    assert stack.padding_value == -2000
    assert pixel_padding(_ct(), np.dtype(np.int16)) is None


@pytest.mark.parametrize(
    ("photometric", "shape", "inverse", "notes"),
    [
        ("MONOCHROME2", "INVERSE", True, ()),
        ("MONOCHROME2", "IDENTITY", False, ()),
        ("MONOCHROME1", None, True, ()),
        ("MONOCHROME1", "IDENTITY", True,
         ("Presentation LUT Shape IDENTITY on MONOCHROME1; shown as MONOCHROME1",)),
    ],
)
def test_presentation_lut_shape(photometric, shape, inverse, notes):
    ds = _ct(PhotometricInterpretation=photometric)
    if shape is not None:
        ds.PresentationLUTShape = shape
    stack = _load(ds)
    assert stack.inverted is inverse
    expected = PresentationShape.INVERSE if inverse else PresentationShape.IDENTITY
    assert stack.grayscale.presentation is expected
    assert stack.warnings == notes


def _rgb16_dataset() -> Dataset:
    ds = _ct()
    ds.SOPClassUID = SecondaryCaptureImageStorage
    ds.file_meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    ds.SamplesPerPixel = 3
    ds.PhotometricInterpretation = "RGB"
    ds.PlanarConfiguration = 0
    ds.Rows, ds.Columns = 2, 3
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    rgb = np.zeros((2, 3, 3), dtype="<u2")
    rgb[0, 0] = (4095, 0, 2048)
    rgb[1, 2] = (1, 4094, 4095)
    ds.PixelData = rgb.tobytes()
    return ds


def test_wide_rgb_samples_are_shown_as_8_bit():
    stack = _load(_rgb16_dataset())
    assert stack.is_color and stack.photometric == "RGB"
    assert stack.pixels.shape == (1, 2, 3, 3) and stack.pixels.dtype == np.uint8
    assert stack.pixels[0, 0, 0].tolist() == [255, 0, 128]  # 2048 * 255 / 4095 = 127.5...
    assert stack.pixels[0, 1, 2].tolist() == [0, 255, 255]


def test_unsupported_photometric_is_a_per_file_error():
    ds = _rgb16_dataset()
    ds.PhotometricInterpretation = "HSV"
    result = load_series([to_bytes(ds)])
    assert result.stacks == []
    assert "HSV" in result.errors[0].message


def test_frame_converters_by_photometric_interpretation():
    ds = _rgb16_dataset()
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 8, 8, 7
    assert frame_converter(ds) is None  # the decoder already delivers 8-bit RGB
    ds.PhotometricInterpretation = "YBR_PARTIAL_422"
    convert = frame_converter(ds)
    assert convert is not None
    ybr = np.array([[[16, 128, 128], [235, 128, 128], [82, 90, 240]]], dtype=np.uint8)
    rgb = convert(ybr)
    assert rgb.dtype == np.uint8
    assert rgb[0, 0].tolist() == [0, 0, 0] and rgb[0, 1].tolist() == [255, 255, 255]
    assert rgb[0, 2, 0] > 240 and rgb[0, 2, 1:].max() < 10  # BT.601 red
