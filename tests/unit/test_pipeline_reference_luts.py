"""Known display values of the shared LUT files, computed here from the raw LUT Data.

Each expectation is derived in the test from the file's own LUT Descriptor and LUT Data
(read with pydicom, not through the workstation's parser) and, for whole images, checked
against pydicom's independent ``apply_modality_lut`` / ``apply_voi``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.pixels import apply_modality_lut, apply_voi

from workstation.core.display import display_values
from workstation.core.lut import LookupTable
from workstation.core.window import VoiFunction, Window
from workstation.dicom.loader import load_series


def _load(root: Path, name: str):
    result = load_series([root / name])
    assert result.errors == []
    (stack,) = result.stacks
    return stack, pydicom.dcmread(root / name)


def _raw_table(item) -> tuple[int, int, int, np.ndarray]:
    """(entries, first mapped, bits, data) straight from a LUT Sequence item."""
    entries, first, bits = (int(v) for v in item.LUTDescriptor)
    data = item.LUTData
    values = np.frombuffer(data, dtype="<u2") if isinstance(data, bytes) else np.asarray(data)
    return entries or 65536, first, bits, values.astype(np.int64)


def _linear(x: float, window: Window) -> float:
    """PS3.3 C.11.2.1.2.1 LINEAR to 0..255, written out for the expectations."""
    c, w = window.center, window.width
    if x <= c - 0.5 - (w - 1) / 2:
        return 0.0
    if x > c - 0.5 + (w - 1) / 2:
        return 255.0
    return ((x - (c - 0.5)) / (w - 1) + 0.5) * 255.0


def test_mlut_18_modality_table_at_chosen_pixels(shared_dicom: Path):
    stack, ds = _load(shared_dicom, "luts/pydicom-data/mlut_18.dcm")
    entries, first, bits, data = _raw_table(ds.ModalityLUTSequence[0])
    assert (entries, first, bits) == (4096, -2048, 16)
    stored = ds.pixel_array
    window = Window(30000, 20000)
    for row, col in [(0, 0), (100, 400), (256, 256), (511, 511)]:
        v = int(stored[row, col])
        expected = int(data[min(max(v - first, 0), entries - 1)])
        assert stack.pixels[0, row, col] == v
        assert stack.modality_value(0, row, col) == expected
        shown = display_values(np.array([v]), stack.grayscale, window)[0]
        assert shown == round(_linear(expected, window))
    whole = stack.grayscale.modality(stack.pixels[0])
    np.testing.assert_array_equal(whole, apply_modality_lut(stored, ds))
    # The extremes of the 12-bit stored range reach both ends of the table.
    assert stack.grayscale.modality(np.array([-2048, 2047])).tolist() == [0, 65535]


def test_cr_modality_table_is_applied_and_shown_inverted(shared_dicom: Path):
    stack, ds = _load(shared_dicom, "luts/fo-dicom/CR-ModalitySequenceLUT.dcm")
    entries, first, bits, data = _raw_table(ds.ModalityLUTSequence[0])
    assert (entries, first, bits) == (1024, 0, 16) and ds.ModalityLUTSequence[0]["LUTData"].VR == "OW"
    assert stack.photometric == "MONOCHROME1" and stack.inverted
    assert stack.warnings == ()  # rescale 1/0 beside the table is harmless
    window = Window(512, 1024)
    rows, cols = stack.rows, stack.columns
    for row, col in [(0, 0), (rows // 2, cols // 2), (rows // 3, 2 * cols // 3)]:
        v = int(stack.pixels[0, row, col])
        expected = int(data[min(max(v - first, 0), entries - 1)])
        assert stack.modality_value(0, row, col) == expected
        shown = display_values(np.array([v]), stack.grayscale, window)[0]
        assert shown == round(255.0 - _linear(expected, window))  # MONOCHROME1: min is white


def test_vlut_04_voi_table_scaled_from_16_bits(shared_dicom: Path):
    stack, ds = _load(shared_dicom, "luts/pydicom-data/vlut_04.dcm")
    entries, first, bits, data = _raw_table(ds.VOILUTSequence[0])
    (table,) = stack.grayscale.voi_tables
    assert stack.grayscale.default_voi is table and table.bits == bits == 16
    stored = stack.pixels[0]
    shown = display_values(stored, stack.grayscale, table)
    for row, col in [(0, 0), (200, 300), (511, 100)]:
        v = int(stored[row, col])
        raw = data[min(max(v - first, 0), entries - 1)]
        assert shown[row, col] == round(raw * 255 / 65535)
    reference = np.rint(apply_voi(ds.pixel_array, ds).astype(float) * 255 / 65535)
    np.testing.assert_array_equal(shown, reference)


@pytest.fixture(scope="module")
def mammogram(shared_dicom: Path):
    return _load(shared_dicom, "mg/GH133.dcm")


def test_gh133_offers_its_tables_first_then_its_sigmoid_windows(mammogram):
    stack, _ = mammogram
    choices = stack.grayscale.voi_choices
    assert [type(c).__name__ for c in choices] == ["LookupTable"] * 3 + ["Window"] * 3
    assert [c.explanation for c in choices] == ["NORMAL", "HARDER", "SOFTER"] * 2
    assert stack.grayscale.default_voi is choices[0]
    assert choices[3] == Window(2653, 900, "NORMAL", VoiFunction.SIGMOID)
    assert stack.grayscale.padding is not None
    assert (stack.grayscale.padding.low, stack.grayscale.padding.high) == (0, 30)


@pytest.mark.parametrize("index", [0, 1, 2])
def test_gh133_voi_tables_match_the_raw_data_and_padding_is_black(mammogram, index: int):
    stack, ds = mammogram
    entries, first, bits, data = _raw_table(ds.VOILUTSequence[index])
    table = stack.grayscale.voi_tables[index]
    assert (table.first_mapped, table.entries, table.bits) == (first, entries, bits)
    stored = stack.pixels[0, ::9, ::9]
    shown = display_values(stored, stack.grayscale, table)
    padding = stored <= 30
    assert padding.any() and (~padding).any()
    assert (shown[padding] == 0).all()
    raw = data[np.clip(stored.astype(np.int64) - first, 0, entries - 1)]
    expected = np.rint(raw * 255.0 / ((1 << bits) - 1))
    np.testing.assert_array_equal(shown[~padding], expected[~padding])
    independent = np.rint(apply_voi(stored, ds, index).astype(float) * 255.0 / 4095)
    np.testing.assert_array_equal(shown[~padding], independent[~padding])


def test_gh133_background_stays_black_under_any_window_and_invert(mammogram):
    stack, _ = mammogram
    stored = stack.pixels[0, ::17, ::17]
    padding = stored <= 30
    for voi in (*stack.grayscale.voi_choices, Window(10, 2), Window(-100, 10)):
        for invert in (False, True):
            assert (display_values(stored, stack.grayscale, voi, invert)[padding] == 0).all()
    # The same values outside the padding range would be white under those windows.
    assert display_values(np.array([31]), stack.grayscale, Window(10, 2))[0] == 255


@pytest.mark.parametrize(
    "name",
    ["luts/pylibjpeg-data/JPEGLosslessP14SV1_1s_1f_u_16_16.dcm",
     "transfer_syntax/dwv/leadtools-8BitsJpegLossyGrayScale.dcm"],
)
def test_empty_lut_items_leave_rescale_and_no_warning(shared_dicom: Path, name: str):
    stack, _ = _load(shared_dicom, name)
    transform = stack.grayscale
    assert transform.modality_table is None and transform.voi_tables == ()
    assert transform.padding is None and stack.warnings == ()
    assert not isinstance(transform.default_voi, LookupTable)
