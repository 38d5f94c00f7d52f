"""core.geometry: slice spacing from positions along the normal, missing slices, tilt."""

from __future__ import annotations

import math

import numpy as np
import pytest

from workstation.core.geometry import (
    analyse_geometry,
    analyse_spacing,
    depths,
    shear_angle,
    slice_normal,
)

AXIAL = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0))


def _along_z(zs) -> np.ndarray:
    return np.array([(-10.0, -20.0, z) for z in zs])


def test_normal_is_row_cross_column():
    assert slice_normal(*AXIAL).tolist() == [0.0, 0.0, 1.0]
    # Sagittal: rows run anterior-posterior (+y), columns feet-ward (-z); normal is -x.
    assert slice_normal((0, 1, 0), (0, 0, -1)).tolist() == [-1.0, 0.0, 0.0]
    with pytest.raises(ValueError):
        slice_normal((1, 0, 0), (2, 0, 0))


def test_uniform_spacing_tolerates_rounded_positions():
    zs = [round(2.5 * k + (0.004 if k % 2 else 0.0), 3) for k in range(20)]
    spacing = analyse_spacing(depths(_along_z(zs), np.array([0, 0, 1.0])))
    assert spacing.uniform
    assert spacing.nominal == pytest.approx(2.5, abs=0.01)
    assert spacing.warnings() == []


def test_non_uniform_spacing_is_reported_with_the_values():
    zs = [0, 2.5, 5, 7.5, 10, 15, 20, 25]  # 2.5 mm, then 5 mm
    spacing = analyse_spacing(np.array(zs, float))
    assert not spacing.uniform
    (note,) = spacing.warnings()
    assert note.startswith("Non-uniform slice spacing 2.50-5.00 mm")
    assert "2.50 mm (slices 1-5)" in note and "5.00 mm (slices 5-8)" in note
    assert spacing.resampling_spacing == pytest.approx(2.5)


def test_a_gap_of_whole_spacings_is_reported_as_missing_slices():
    zs = [0, 1.25, 2.5, 3.75, 7.5, 8.75, 10.0]  # two slices missing after the 4th
    spacing = analyse_spacing(np.array(zs))
    assert not spacing.uniform
    (missing,) = spacing.missing
    assert (missing.after, missing.count) == (3, 2)
    assert spacing.warnings() == [
        "Missing slices: 2 slices absent after slice 4 (gap 3.75 mm, spacing 1.25 mm)"]


def test_one_percent_deviation_is_the_threshold():
    assert analyse_spacing(np.array([0, 10.0, 20.0, 30.09])).uniform
    assert not analyse_spacing(np.array([0, 10.0, 20.0, 30.12])).uniform


@pytest.mark.parametrize("degrees", [0.0, 5.0, 19.0, 30.0])
def test_shear_angle_of_a_tilted_gantry(degrees: float):
    # GE-style tilt: the column cosine leans in y-z, positions advance along z.
    t = math.radians(degrees)
    row, col = (1.0, 0.0, 0.0), (0.0, math.cos(t), -math.sin(t))
    positions = _along_z([3.1 * k for k in range(12)])
    assert shear_angle(positions, row, col) == pytest.approx(degrees, abs=1e-6)
    geometry = analyse_geometry(positions, row, col)
    assert geometry.tilted == (degrees > 0)
    assert geometry.spacing.nominal == pytest.approx(3.1 * math.cos(t))


def test_tilt_warning_names_the_angle():
    t = math.radians(19.0)
    geometry = analyse_geometry(_along_z(range(5)), (1, 0, 0), (0, math.cos(t), -math.sin(t)))
    assert geometry.warnings() == [
        "Gantry tilt 19.0° detected: slices are sheared (positions not along the normal)"]
    assert geometry.needs_resampling


def test_stacks_that_do_not_advance_are_not_volumes():
    assert analyse_geometry(_along_z([5.0]), *AXIAL) is None
    assert analyse_geometry(_along_z([5.0, 5.0, 5.0]), *AXIAL) is None  # a time series
    assert analyse_geometry(_along_z([0, 1, 1]), *AXIAL) is None
    straight = analyse_geometry(_along_z([0, 1, 2]), *AXIAL)
    assert straight is not None and not straight.needs_resampling
    assert analyse_geometry(_along_z([2, 1, 0]), *AXIAL).spacing.nominal == pytest.approx(1)


def test_overflowing_positions_are_not_measured():
    assert analyse_geometry(_along_z([-1e308, 1e308]), *AXIAL) is None
