"""Colour conversions done in core: YBR_PARTIAL (PS3.3 C.7.6.3.1.2) and wide samples."""

from __future__ import annotations

import numpy as np
import pytest

from workstation.core.color import to_rgb8, ybr_partial_to_rgb


def _forward(rgb: np.ndarray) -> np.ndarray:
    """The standard's RGB -> YBR_PARTIAL equations, written out independently."""
    r, g, b = (rgb[..., i].astype(float) for i in range(3))
    y = 0.2568 * r + 0.5041 * g + 0.0979 * b + 16
    cb = -0.1482 * r - 0.2910 * g + 0.4392 * b + 128
    cr = 0.4392 * r - 0.3678 * g - 0.0714 * b + 128
    return np.stack([y, cb, cr], axis=-1)


def test_partial_range_black_and_white():
    out = ybr_partial_to_rgb(np.array([[16, 128, 128], [235, 128, 128]], dtype=np.uint8))
    assert out.tolist() == [[0, 0, 0], [255, 255, 255]]


def test_partial_range_round_trip_of_primaries():
    rgb = np.array([[255, 0, 0], [0, 255, 0], [0, 0, 255], [200, 120, 40]], dtype=np.uint8)
    back = ybr_partial_to_rgb(np.rint(_forward(rgb)))
    assert np.abs(back.astype(int) - rgb.astype(int)).max() <= 1


def test_out_of_gamut_values_are_clipped():
    out = ybr_partial_to_rgb(np.array([0, 255, 255], dtype=np.uint8))
    assert out.dtype == np.uint8 and out.min() >= 0 and out.max() <= 255


def test_wide_samples_scale_onto_8_bits():
    assert to_rgb8(np.array([0, 32768, 65535], dtype=np.uint16), 65535).tolist() == [0, 128, 255]
    assert to_rgb8(np.array([0, 2048, 4095], dtype=np.uint16), 4095).tolist() == [0, 128, 255]
    eight = np.array([1, 2, 3], dtype=np.uint8)
    assert to_rgb8(eight, 255) is eight
    with pytest.raises(ValueError):
        to_rgb8(eight, 0)
