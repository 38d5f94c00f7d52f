"""Fit, zoom about a point, pan, and display -> image mapping (no rendering)."""

from __future__ import annotations

import pytest

from workstation.render.view_geometry import MAX_ZOOM, ViewGeometry


def test_fit_uses_the_limiting_side_and_pixel_spacing():
    g = ViewGeometry(rows=100, columns=200, row_spacing=1.0, column_spacing=0.5)
    # 100 mm x 100 mm image: in a 400 x 200 view the height limits: half-height 50 mm.
    assert g.fit_scale(400, 200) == pytest.approx(50.0)
    # In a 200 x 400 view the width limits: 100 mm across 200 px -> 200 mm tall, scale 100.
    assert g.fit_scale(200, 400) == pytest.approx(100.0)


def test_display_centre_is_image_centre_and_outside_is_none():
    g = ViewGeometry(rows=10, columns=20)
    assert g.display_to_image(100, 50, 200, 100) == pytest.approx((4.5, 9.5))
    assert g.display_to_image(0, 0, 200, 100) == pytest.approx((-0.5, -0.5))
    g2 = ViewGeometry(rows=10, columns=10)
    assert g2.display_to_image(10, 50, 200, 100) is None  # left of a centred square image


def test_zoom_keeps_the_anchor_point_fixed():
    g = ViewGeometry(rows=64, columns=64)
    before = g.display_to_image(40, 200, 256, 256)
    g.zoom_by(3.0, (40, 200), 256, 256)
    assert g.zoom == pytest.approx(3.0)
    assert g.display_to_image(40, 200, 256, 256) == pytest.approx(before)
    g.zoom_by(1000.0, None, 256, 256)
    assert g.zoom == MAX_ZOOM


def test_pan_follows_the_pointer():
    g = ViewGeometry(rows=64, columns=64)
    before = g.display_to_image(100, 100, 256, 256)
    g.pan_by(8, -4, 256, 256)
    assert g.display_to_image(108, 96, 256, 256) == pytest.approx(before)
    g.reset()
    assert (g.zoom, g.pan_x, g.pan_y) == (1.0, 0.0, 0.0)
