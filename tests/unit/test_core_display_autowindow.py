"""auto_window: percentiles of Modality LUT output, padding left out, volume subsampled."""

from __future__ import annotations

import numpy as np
import pytest

from workstation.core.autowindow import (
    MAX_SAMPLES,
    histogram,
    percentile_window,
    subsample,
)
from workstation.core.autowindow import (
    auto_window as compute_auto_window,
)
from workstation.core.display import display_values
from workstation.core.grayscale import GrayscaleTransform, PixelPadding
from workstation.core.lut import LookupTable
from workstation.core.stack import ImageStack


def _limits(window) -> tuple[float, float]:
    """LINEAR limits: x <= lo is black, x > hi is white (PS3.3 C.11.2.1.2.1)."""
    half = (window.width - 1) / 2
    return window.center - 0.5 - half, window.center - 0.5 + half


def _ramp_stack(padding: int | None) -> ImageStack:
    """Values 0..999 (each 100 times) plus a border of -2000 padding covering half."""
    values = np.repeat(np.arange(1000, dtype=np.int16), 100).reshape(100, 1000)
    pixels = np.full((1, 200, 1000), -2000, dtype=np.int16)
    pixels[0, :100] = values
    return ImageStack(pixels=pixels, slope=1.0, intercept=-1000.0, padding_value=padding)


def test_auto_window_ignores_padding():
    window = compute_auto_window(_ramp_stack(padding=-2000))
    lo, hi = _limits(window)
    # 0.5 % and 99.5 % of 0..999 are 4 and 994 stored, i.e. -996 and -6 HU.
    assert (lo, hi) == (-996.0, -6.0)
    assert window.explanation == "AUTO"


def test_without_padding_information_the_border_pulls_the_window_down():
    lo, _ = _limits(compute_auto_window(_ramp_stack(padding=None)))
    assert lo == -3000.0  # the -2000 stored border, -3000 HU, is now half of the data


def test_percentile_limits_show_black_and_white():
    transform = GrayscaleTransform(slope=1.0, intercept=-1000.0, padding=PixelPadding(-2000))
    stack = _ramp_stack(padding=-2000)
    window = compute_auto_window(stack)
    out = display_values(np.array([4, 10, 990, 994, 995, -2000]), transform, window)
    assert out[0] == 0 and out[1] > 0
    assert out[2] < 255 and out[3] == 255 and out[4] == 255
    assert out[5] == 0


def test_modality_table_values_are_what_is_windowed():
    # Stored 0..9 map to 100, 90, ... 10: the order of modality values, not stored values.
    table = LookupTable.from_descriptor([10, 0, 16], list(range(100, 0, -10)))
    stored = np.repeat(np.arange(10), 10)
    window = percentile_window(stored, GrayscaleTransform(modality_table=table), 0.0, 100.0)
    assert _limits(window) == (10.0, 100.0)


def test_padding_range_is_excluded_and_all_padding_falls_back():
    transform = GrayscaleTransform(padding=PixelPadding(0, range_limit=30))
    stored = np.concatenate([np.arange(31), np.full(10, 100), np.full(10, 200)])
    assert _limits(percentile_window(stored, transform, 0.0, 100.0)) == (100.0, 200.0)
    only_padding = percentile_window(np.array([0, 5, 30]), transform, 0.0, 100.0)
    assert _limits(only_padding) == (0.0, 30.0)


def test_flat_image_gives_a_threshold_window_of_width_one():
    window = percentile_window(np.full(50, 7), GrayscaleTransform())
    assert window.width == 1.0 and _limits(window) == (7.0, 7.0)


def test_subsample_is_bounded_and_spans_slices():
    pixels = np.zeros((300, 512, 512), dtype=np.int16)
    pixels[-1] = 1  # the last slice is sampled too
    sample = subsample(pixels)
    assert sample.size <= MAX_SAMPLES * 1.1
    assert sample.max() == 1


def test_histogram_counts_values_and_handles_wide_ranges():
    values, counts = histogram(np.array([5, 3, 5, 5]))
    assert values.tolist() == [3, 5] and counts.tolist() == [1, 3]
    values, counts = histogram(np.array([-(1 << 30), 1 << 30, 1 << 30], dtype=np.int64))
    assert values.tolist() == [-(1 << 30), 1 << 30] and counts.tolist() == [1, 2]


def test_colour_stacks_have_no_auto_window():
    stack = ImageStack(pixels=np.zeros((1, 4, 4, 3), dtype=np.uint8), photometric="RGB")
    with pytest.raises(ValueError):
        compute_auto_window(stack)
