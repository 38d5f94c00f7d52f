"""Handles of measurements: moving one changes only what it should, values follow."""

from __future__ import annotations

import pytest

from workstation.core.measurement_edit import handles, moved, nearest_handle
from workstation.core.measurements import Angle, Calibration, Length
from workstation.core.roi_stats import EllipseRoi, RectangleRoi

MM = Calibration(0.5, 0.5, "PixelSpacing")


def test_moving_a_line_end_changes_the_length():
    line = Length(((10.0, 10.0), (10.0, 30.0)), 3, "1.2.3")
    longer = moved(line, 1, (10.0, 50.0))
    assert longer.points == ((10.0, 10.0), (10.0, 50.0))
    assert (longer.slice_index, longer.sop_instance_uid) == (3, "1.2.3")
    assert line.measure(MM).value == pytest.approx(10.0)
    assert longer.measure(MM).value == pytest.approx(20.0)


def test_angle_vertex_moves():
    angle = Angle(((0.0, 10.0), (10.0, 10.0), (10.0, 20.0)))
    assert angle.measure(MM).value == pytest.approx(90.0)
    assert moved(angle, 1, (10.0, 0.0)).measure(MM).value == pytest.approx(45.0)


@pytest.mark.parametrize("cls", [RectangleRoi, EllipseRoi])
@pytest.mark.parametrize("handle", [0, 1, 2, 3])
def test_box_corner_moves_and_keeps_its_number_and_opposite(cls, handle):
    box = cls(((20.0, 20.0), (30.0, 30.0)))
    opposite = handles(box)[(handle + 2) % 4]
    once = moved(box, handle, (5.0, 45.0))
    twice = moved(once, handle, (4.0, 46.0))  # dragged on: the same corner
    assert handles(twice)[handle] == (4.0, 46.0)
    assert handles(twice)[(handle + 2) % 4] == opposite


def test_nearest_handle_only_on_the_slice_within_radius():
    items = [Length(((0.0, 0.0), (0.0, 10.0)), 0), Length(((0.0, 10.0), (5.0, 10.0)), 1)]

    def to_display(r, c):
        return c * 4.0, r * 4.0

    assert nearest_handle(items, 0, to_display, 41.0, 1.0, 6.0) == (0, 1)
    assert nearest_handle(items, 1, to_display, 41.0, 1.0, 6.0) == (1, 0)
    assert nearest_handle(items, 0, to_display, 60.0, 1.0, 6.0) is None
