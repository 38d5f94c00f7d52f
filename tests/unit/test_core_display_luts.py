"""LUT-based steps of the grayscale pipeline at their boundaries: Modality LUT Sequence
(PS3.3 C.11.1.1.1), VOI LUT Sequence (C.11.2.1.1), Presentation LUT Shape (C.11.6.1.1) and
pixel padding shown as background (C.7.5.1.1.2)."""

from __future__ import annotations

import numpy as np
import pytest

from workstation.core.display import (
    BACKGROUND,
    apply_display,
    display_table,
    display_values,
    voi_table_lut,
)
from workstation.core.grayscale import (
    GrayscaleTransform,
    PixelPadding,
    PresentationShape,
    presentation_for,
    voi_label,
)
from workstation.core.lut import LookupTable
from workstation.core.stack import ImageStack
from workstation.core.window import VoiFunction, Window


def test_modality_table_below_first_maps_to_entry_0_beyond_last_to_last_entry():
    table = LookupTable.from_descriptor([4, 100, 16], [10, 20, 30, 40])
    out = table.apply(np.array([-5, 99, 100, 101, 103, 104, 60000]))
    assert out.tolist() == [10, 10, 10, 20, 40, 40, 40]
    assert table.last_mapped == 103


def test_descriptor_zero_entries_means_65536():
    data = np.arange(1 << 16, dtype=np.int64)[::-1]  # entry i = 65535 - i
    table = LookupTable.from_descriptor([0, 0, 16], data)
    assert table.entries == 65536
    assert table.apply(np.array([0, 1, 65535, 70000])).tolist() == [65535, 65534, 0, 0]


def test_first_mapped_read_as_us_is_signed_for_signed_pixels():
    table = LookupTable.from_descriptor([4, 65534, 16], [1, 2, 3, 4], signed_input=True)
    assert table.first_mapped == -2
    assert table.apply(np.array([-3, -2, 1, 2])).tolist() == [1, 1, 4, 4]
    unsigned = LookupTable.from_descriptor([4, 65534, 16], [1, 2, 3, 4])
    assert unsigned.first_mapped == 65534


def test_entry_count_read_as_ss_is_unsigned():
    table = LookupTable.from_descriptor([-32768, 0, 16], np.zeros(32768))
    assert table.entries == 32768


def test_fractional_input_takes_the_nearest_entry():
    table = LookupTable.from_descriptor([3, 0, 8], [0, 100, 200])
    assert table.apply(np.array([0.4, 0.6, 1.49, 1.51])).tolist() == [0, 100, 100, 200]


def test_descriptor_bits_too_small_for_the_data_are_widened():
    table = LookupTable.from_descriptor([2, 0, 8], [0, 4095])
    assert table.bits == 12 and table.max_output == 4095
    odd = LookupTable.from_descriptor([2, 0, 40], [0, 255])
    assert odd.bits == 8


def test_bad_descriptors_are_refused():
    with pytest.raises(ValueError):
        LookupTable.from_descriptor([2, 0], [0, 1])
    with pytest.raises(ValueError):
        LookupTable.from_descriptor([2, 0, 16], [])


@pytest.mark.parametrize("bits", [8, 10, 12, 16])
def test_voi_table_output_is_scaled_to_the_display_range(bits: int):
    top = (1 << bits) - 1
    table = LookupTable.from_descriptor([3, 0, bits], [0, top // 2, top])
    y = voi_table_lut(np.array([-1.0, 0.0, 1.0, 2.0, 3.0]), table)
    assert y[0] == 0.0 and y[1] == 0.0
    assert y[2] == pytest.approx((top // 2) * 255.0 / top)
    assert y[3] == 255.0 and y[4] == 255.0


def test_voi_table_after_modality_table():
    modality = LookupTable.from_descriptor([3, 0, 16], [1000, 1001, 1002])
    voi = LookupTable.from_descriptor([3, 1000, 8], [0, 128, 255])
    transform = GrayscaleTransform(modality_table=modality, voi_tables=(voi,))
    assert display_values(np.array([0, 1, 2, 9]), transform, voi).tolist() == [0, 128, 255, 255]


def test_display_table_matches_display_values_and_the_rescale_reference():
    transform = GrayscaleTransform(slope=1.0, intercept=-1024.0)
    window = Window(-600, 1500)
    table = display_table(0, 4095, transform, window)
    stored = np.arange(4096)
    assert np.array_equal(table, display_values(stored, transform, window))
    assert np.array_equal(table, apply_display(stored, 1.0, -1024.0, window))


def test_inverse_presentation_on_monochrome2_and_monochrome1():
    window = Window(2048, 4096)
    assert presentation_for("MONOCHROME2", "INVERSE") is PresentationShape.INVERSE
    assert presentation_for("MONOCHROME2", "IDENTITY") is PresentationShape.IDENTITY
    assert presentation_for("MONOCHROME1", "") is PresentationShape.INVERSE
    assert presentation_for("MONOCHROME1", "IDENTITY") is PresentationShape.INVERSE
    inverse = GrayscaleTransform(presentation=PresentationShape.INVERSE)
    identity = GrayscaleTransform()
    stored = np.array([0, 4095])
    assert display_values(stored, identity, window).tolist() == [0, 255]
    assert display_values(stored, inverse, window).tolist() == [255, 0]
    # The user's invert toggles on top of the image's own shape.
    assert display_values(stored, inverse, window, invert=True).tolist() == [0, 255]
    assert display_values(stored, identity, window, invert=True).tolist() == [255, 0]


@pytest.mark.parametrize("photometric", ["MONOCHROME2", "MONOCHROME1"])
@pytest.mark.parametrize("invert", [False, True])
@pytest.mark.parametrize(
    "voi",
    [
        Window(0, 1),  # a threshold: everything above 0 is white
        Window(-100000, 10, function=VoiFunction.LINEAR_EXACT),
        Window(5, 20, function=VoiFunction.SIGMOID),
        LookupTable.from_descriptor([4, 0, 8], [255, 255, 255, 255]),
    ],
)
def test_padding_value_and_range_stay_background_under_any_voi(photometric, invert, voi):
    padding = PixelPadding(-2000, range_limit=-1990)
    transform = GrayscaleTransform.from_rescale(1.0, 0.0, (), photometric, None)
    transform = GrayscaleTransform(presentation=transform.presentation, padding=padding)
    stored = np.array([-2000, -1995, -1990, -1989, 50])
    out = display_values(stored, transform, voi, invert)
    assert out[:3].tolist() == [BACKGROUND] * 3
    # Just outside the range is image data, shown by the pipeline (not background).
    image = display_values(stored[3:], GrayscaleTransform(presentation=transform.presentation),
                           voi, invert)
    assert out[3:].tolist() == image.tolist()
    table = display_table(-2005, 60, transform, voi, invert)
    assert table[5:16].tolist() == [BACKGROUND] * 11  # stored -2000 .. -1990


def test_padding_range_limit_below_the_value():
    padding = PixelPadding(30, range_limit=0)
    assert (padding.low, padding.high) == (0, 30)
    assert padding.mask(np.array([-1, 0, 15, 30, 31])).tolist() == [False, True, True, True,
                                                                      False]
    assert PixelPadding(7).mask(np.array([6, 7, 8])).tolist() == [False, True, False]


def test_voi_choices_put_tables_first_and_default_to_the_first_table():
    table = LookupTable.from_descriptor([2, 0, 8], [0, 255], "NORMAL")
    windows = (Window(40, 400, "A"), Window(50, 350, "B"))
    transform = GrayscaleTransform(windows=windows, voi_tables=(table,))
    assert transform.voi_choices == (table, *windows)
    assert transform.default_voi is table
    assert GrayscaleTransform(windows=windows).default_voi == windows[0]
    assert GrayscaleTransform().default_voi is None
    assert voi_label(table) == "VOI LUT NORMAL"
    assert voi_label(windows[0]) == "W 400  L 40  A"


def test_ramp_window_spans_the_rising_part_of_a_table():
    data = [0, 0, 0, 10, 20, 30, 40, 40]  # rises between inputs 102 and 106
    window = LookupTable.from_descriptor([8, 100, 8], data, "X").ramp_window()
    # LINEAR limits (C.11.2.1.2.1): x <= lo -> black, x > hi -> white.
    lo = window.center - 0.5 - (window.width - 1) / 2
    hi = window.center - 0.5 + (window.width - 1) / 2
    assert (lo, hi) == (102, 106)
    assert window.explanation == "X"


def test_stack_without_a_description_derives_it_from_its_fields():
    stack = ImageStack(pixels=np.zeros((1, 2, 2), np.int16), slope=2.0, intercept=-5.0,
                       photometric="MONOCHROME1", windows=(Window(1, 2),), padding_value=-7)
    transform = stack.grayscale
    assert (transform.slope, transform.intercept) == (2.0, -5.0)
    assert transform.inverse and stack.inverted
    assert transform.padding == PixelPadding(-7)
    assert transform.windows == (Window(1, 2),)
    assert stack.modality_value(0, 0, 0) == -5.0


def test_stack_with_a_modality_table_reports_table_values():
    table = LookupTable.from_descriptor([2, 0, 16], [500, 900])
    pixels = np.array([[[0, 1]]], dtype=np.uint16)
    stack = ImageStack(pixels=pixels, display=GrayscaleTransform(modality_table=table))
    assert [stack.modality_value(0, 0, c) for c in (0, 1)] == [500.0, 900.0]
