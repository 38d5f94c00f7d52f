"""MPR plane geometry (core): planes through the point, rotation, slab samples, scroll."""

from __future__ import annotations

import math

import numpy as np
import pytest

from workstation.core.mpr_geometry import MprState, SlabMode, VolumeGrid, rotation
from workstation.core.stack import ImageStack


def _grid(n=20, rows=30, cols=40, spacing=(0.5, 0.5), step=2.0, origin=(10.0, -20.0, 50.0)):
    positions = np.asarray(origin) + np.outer(np.arange(n) * step, [0.0, 0.0, 1.0])
    stack = ImageStack(pixels=np.zeros((n, rows, cols), np.int16), positions=positions,
                       pixel_spacing=spacing)
    return VolumeGrid.of_stack(stack)


def test_grid_maps_voxels_to_lps_and_back():
    grid = _grid()
    assert grid.spacing == (0.5, 0.5, 2.0)
    np.testing.assert_allclose(grid.to_lps([0.5 * 3, 0.5 * 4, 2.0 * 5]), [11.5, -18.0, 60.0])
    np.testing.assert_allclose(grid.to_frame([11.5, -18.0, 60.0]), [1.5, 2.0, 10.0])
    np.testing.assert_allclose(grid.center(), [10 + 39 * 0.25, -20 + 29 * 0.25, 50 + 19.0])


def test_grid_of_a_stack_stored_head_first_keeps_voxel_places():
    positions = np.outer(np.arange(5)[::-1] * 3.0, [0, 0, 1])
    stack = ImageStack(pixels=np.zeros((5, 4, 4), np.int16), positions=positions)
    grid = VolumeGrid.of_stack(stack)
    # voxel k=4 (last stored slice) is at z = 0
    np.testing.assert_allclose(grid.to_lps([0, 0, 4 * 3.0]), [0, 0, 0])


def test_default_planes_pass_through_the_point_in_radiological_orientation():
    grid = _grid()
    state = MprState.centred(grid)
    axial, coronal, sagittal = (state.plane(n) for n in ("axial", "coronal", "sagittal"))
    np.testing.assert_allclose(axial.normal, [0, 0, 1])
    np.testing.assert_allclose(coronal.normal, [0, 1, 0])
    np.testing.assert_allclose(sagittal.normal, [-1, 0, 0])
    for plane in (axial, coronal, sagittal):
        assert abs(plane.lps_to_pixel(state.point)[2]) < 1e-9
    # unrotated axial samples voxel centres: pixel (0, 0) is voxel (row 0, col 0)
    assert axial.size == (40, 30)
    row, col, _ = axial.lps_to_pixel(grid.origin + [0, 0, axial.origin[2] - 50.0])
    assert (row, col) == pytest.approx((0.0, 0.0))


def test_moving_in_plane_keeps_the_pixel_grid_and_changes_the_other_planes():
    state = MprState.centred(_grid())
    before = state.plane("axial")
    state.move_to(state.point + [3.0, -2.0, 0.0])
    after = state.plane("axial")
    np.testing.assert_allclose(before.origin, after.origin)
    assert abs(state.plane("sagittal").lps_to_pixel(state.point)[2]) < 1e-9


def test_move_is_kept_inside_the_volume():
    grid = _grid()
    state = MprState.centred(grid)
    state.move_to(np.array([1000.0, 1000.0, 1000.0]))
    np.testing.assert_allclose(state.point, grid.to_lps(grid.extent_mm()))


def test_rotation_turns_the_other_planes_only():
    state = MprState.centred(_grid())
    state.rotate("axial", math.radians(30))
    np.testing.assert_allclose(state.normal("axial"), [0, 0, 1])
    c = state.normal("coronal")
    np.testing.assert_allclose(c, [-math.sin(math.radians(30)), math.cos(math.radians(30)), 0],
                               atol=1e-12)
    assert state.oblique
    assert not state.is_oblique("axial") and state.is_oblique("coronal")
    lines = state.crosshair_lines("axial")
    assert set(lines) == {"coronal", "sagittal"}
    state.reset()
    assert not state.oblique


def test_rotation_matrix_is_right_handed():
    np.testing.assert_allclose(rotation([0, 0, 1], math.pi / 2) @ [1, 0, 0], [0, 1, 0],
                               atol=1e-12)


def test_slab_samples_are_odd_and_follow_the_spacing():
    state = MprState.centred(_grid())
    assert state.slab_samples("axial") == 1
    state.set_slab(10.0)
    assert state.slab_samples("axial") == 5  # 2 mm slices
    assert state.slab_samples("coronal") == 21  # 0.5 mm rows
    state.set_slab(1000.0)
    assert state.slab_mm == 100.0
    assert [state.cycle_slab_mode() for _ in range(3)] == [SlabMode.MINIP, SlabMode.MEAN,
                                                           SlabMode.MIP]


def test_scroll_moves_one_voxel_along_the_normal():
    state = MprState.centred(_grid())
    z = state.point[2]
    state.scroll("axial", 1)
    assert state.point[2] == pytest.approx(z + 2.0)
    x = state.point[0]
    state.scroll("sagittal", 2)  # sagittal normal points to patient right (-x)
    assert state.point[0] == pytest.approx(x - 1.0)


def test_a_stack_without_positions_or_depth_is_not_a_volume():
    flat = ImageStack(pixels=np.zeros((3, 4, 4), np.int16), positions=np.zeros((3, 3)))
    with pytest.raises(ValueError, match="do not advance"):
        VolumeGrid.of_stack(flat)
    with pytest.raises(ValueError, match="no positions"):
        VolumeGrid.of_stack(ImageStack(pixels=np.zeros((3, 4, 4), np.int16)))
