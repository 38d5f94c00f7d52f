"""The display pipeline formulas of PS3.3 C.11.2.1.2, checked at their boundaries."""

import numpy as np
import pytest

from workstation.core.display import apply_display, display_lut, modality_lut, voi_lut
from workstation.core.window import VoiFunction, Window


def test_modality_lut_rescale():
    out = modality_lut(np.array([0, 1024, 4095], dtype=np.uint16), 1.0, -1024.0)
    assert out.tolist() == [-1024.0, 0.0, 3071.0]
    assert modality_lut(np.array([10], dtype=np.int16), 2.5, 1.0).tolist() == [26.0]


def test_linear_boundaries():
    w = Window(40, 400)
    # x <= c - 0.5 - (w-1)/2 = -160 -> ymin ; x > c - 0.5 + (w-1)/2 = 239 -> ymax
    y = voi_lut(np.array([-160.0, -159.0, 239.0, 239.01, 1000.0]), w)
    assert y[0] == 0.0
    assert y[1] == pytest.approx(((-159 - 39.5) / 399 + 0.5) * 255)
    assert y[2] == pytest.approx(255.0)
    assert y[3] == 255.0 and y[4] == 255.0


def test_linear_centre_maps_to_mid_grey():
    y = voi_lut(np.array([39.5]), Window(40, 400))
    assert y[0] == pytest.approx(127.5)


def test_linear_width_one_is_threshold():
    y = voi_lut(np.array([9.0, 9.5, 9.6]), Window(10, 1))
    assert y.tolist() == [0.0, 0.0, 255.0]


def test_linear_exact_boundaries():
    w = Window(0, 100, function=VoiFunction.LINEAR_EXACT)
    y = voi_lut(np.array([-50.0, -49.0, 0.0, 50.0, 50.5]), w)
    assert y[0] == 0.0
    assert y[1] == pytest.approx((-49 / 100 + 0.5) * 255)
    assert y[2] == pytest.approx(127.5)
    assert y[3] == pytest.approx(255.0)
    assert y[4] == 255.0


def test_sigmoid():
    w = Window(100, 50, function=VoiFunction.SIGMOID)
    y = voi_lut(np.array([100.0, 100.0 + 50.0]), w)
    assert y[0] == pytest.approx(127.5)
    assert y[1] == pytest.approx(255 / (1 + np.exp(-4)))


def test_display_lut_matches_apply_display_for_every_stored_value():
    stored = np.arange(0, 4096, dtype=np.uint16)
    w = Window(-600, 1500)
    lut = display_lut(0, 4095, 1.0, -1024.0, w)
    assert lut.shape == (4096,)
    assert np.array_equal(lut, apply_display(stored, 1.0, -1024.0, w))


def test_monochrome1_inverse():
    w = Window(2048, 4096)
    normal = apply_display(np.array([0, 4095]), 1.0, 0.0, w)
    inverted = apply_display(np.array([0, 4095]), 1.0, 0.0, w, invert=True)
    assert normal.tolist() == [0, 255]
    assert inverted.tolist() == [255, 0]
