"""MPR reformats: pixel values at known patient points, slabs, tilted stacks, overlays."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest

from workstation.core.mpr_geometry import MprState, SlabMode
from workstation.core.stack import ImageStack, SeriesHeader
from workstation.core.window import Window
from workstation.render.mpr.plane_view import MprPlaneView
from workstation.render.mpr.volume import SharedVolume

ORIGIN = np.array([-30.0, -20.0, 100.0])
SPACING = (0.8, 0.8, 2.0)  # x (columns), y (rows), z (slices) in mm
SHAPE = (40, 50, 60)  # slices, rows, columns


def field(lps: np.ndarray) -> np.ndarray:
    """A linear function of LPS: trilinear interpolation reproduces it exactly."""
    return 3.0 * lps[..., 0] + 2.0 * lps[..., 1] + 5.0 * lps[..., 2]


def _linear_stack(positions: np.ndarray | None = None) -> ImageStack:
    n, rows, cols = SHAPE
    if positions is None:
        positions = ORIGIN + np.outer(np.arange(n) * SPACING[2], [0.0, 0.0, 1.0])
    k, r, c = np.meshgrid(np.arange(n), np.arange(rows), np.arange(cols), indexing="ij")
    lps = (positions[k] + np.stack([c * SPACING[0], r * SPACING[1], np.zeros_like(c)], -1))
    return ImageStack(pixels=np.rint(field(lps)).astype(np.int16), positions=positions,
                      pixel_spacing=(SPACING[1], SPACING[0]), windows=(Window(700, 1200),),
                      spacing_source="PixelSpacing",
                      header=SeriesHeader(modality="CT", series_number=3))


@pytest.fixture(scope="module")
def volume() -> SharedVolume:
    return SharedVolume(_linear_stack())


def _view(volume: SharedVolume, state: MprState, name: str) -> MprPlaneView:
    view = MprPlaneView.offscreen_plane(volume, state, name, 160, 160)
    view.update_plane()
    return view


def _check_points(view: MprPlaneView, points: list[tuple[int, int]]) -> None:
    plane, pixels = view.plane, view.stack.pixels[0]
    assert plane is not None
    for row, col in points:
        lps = plane.pixel_to_lps(row, col)
        frame = view.volume.grid.to_frame(lps)
        assert np.all(frame >= 0) and np.all(frame <= view.volume.grid.extent_mm())
        assert abs(int(pixels[row, col]) - field(lps)) <= 1.0, (view.name, row, col)


def test_the_volume_borrows_the_stack_pixels(volume: SharedVolume):
    assert not volume.corrected and volume.notes == ()
    assert np.shares_memory(volume.stack.pixels, volume._flat)
    assert volume.image.GetDimensions() == (60, 50, 40)


@pytest.mark.parametrize("name", ["axial", "sagittal", "coronal"])
def test_reformatted_pixels_have_the_value_at_their_lps_point(volume: SharedVolume, name: str):
    state = MprState.centred(volume.grid)
    state.move_to(state.point + np.array([2.4, -3.2, 6.0]))
    view = _view(volume, state, name)
    plane = view.plane
    # the point itself, and a spread of pixels inside the volume
    row, col, depth = plane.lps_to_pixel(state.point)
    assert abs(depth) < 1e-9
    _check_points(view, [(round(row), round(col)), (round(row) + 7, round(col) - 9),
                         (round(row) - 11, round(col) + 5)])
    assert view.stack.pixel_spacing == (0.8, 0.8)
    np.testing.assert_allclose(view.stack.positions[0], plane.origin)


def test_axial_plane_reproduces_the_stored_slice_exactly(volume: SharedVolume):
    state = MprState.centred(volume.grid)
    state.move_to(volume.grid.to_lps([0.0, 0.0, 13 * 2.0]))
    view = _view(volume, state, "axial")
    np.testing.assert_array_equal(view.stack.pixels[0], volume.stack.pixels[13])


def test_oblique_plane_samples_the_rotated_positions(volume: SharedVolume):
    state = MprState.centred(volume.grid)
    state.rotate("axial", math.radians(30))
    state.rotate("sagittal", math.radians(-20))
    view = _view(volume, state, "coronal")
    normal = view.plane.normal
    assert abs(normal @ [0.0, 1.0, 0.0]) < 0.95  # really oblique
    row, col, _ = view.plane.lps_to_pixel(state.point)
    _check_points(view, [(round(row) + dr, round(col) + dc)
                         for dr in (-6, 0, 6) for dc in (-8, 0, 8)])
    assert "Coronal (oblique)" in view.overlay_text()["bottom_left"]


def test_slab_mip_finds_a_bright_dot_off_the_centre_slice():
    stack = _linear_stack()
    pixels = np.full(SHAPE, 100, np.int16)
    pixels[24, 20, 30] = 3000  # 4 slices (8 mm) above the centre plane at slice 20
    pixels[17, 10, 10] = -900  # a dark dot 6 mm below
    volume = SharedVolume(dataclasses.replace(stack, pixels=pixels))
    state = MprState.centred(volume.grid)
    state.move_to(volume.grid.to_lps([30 * 0.8, 20 * 0.8, 20 * 2.0]))
    view = _view(volume, state, "axial")
    assert view.stack.pixels[0].max() == 100  # the thin plane misses it
    state.set_slab(20.0)
    view.update_plane()
    assert view.stack.pixels[0][20, 30] == 3000 and view.stack.pixels[0].min() == 100
    assert "Slab MIP 20.0 mm" in view.overlay_text()["bottom_left"]
    state.slab_mode = SlabMode.MINIP
    view.update_plane()
    assert view.stack.pixels[0][10, 10] == -900 and view.stack.pixels[0][20, 30] == 100
    state.slab_mode = SlabMode.MEAN
    view.update_plane()
    samples = state.slab_samples("axial")
    assert samples == 11
    assert view.stack.pixels[0][20, 30] == round(100 + 2900 / samples)
    state.set_slab(6.0)  # 3 slices: 4 slices away is outside
    state.slab_mode = SlabMode.MIP
    view.update_plane()
    assert view.stack.pixels[0].max() == 100
    # the sagittal slab through the dot's column sees it too
    state.set_slab(2.0)
    sag = _view(volume, state, "sagittal")
    row, col, _ = sag.plane.lps_to_pixel(volume.grid.to_lps([30 * 0.8, 20 * 0.8, 24 * 2.0]))
    assert sag.stack.pixels[0][round(row), round(col)] == 3000


def test_a_synthetic_tilted_stack_reformats_without_shear():
    tilt = math.radians(15.0)
    n = SHAPE[0]
    # the table moves along z while the slice planes stay axial: positions drift along y
    positions = ORIGIN + np.outer(np.arange(n) * SPACING[2], [0.0, math.tan(tilt), 1.0])
    volume = SharedVolume(_linear_stack(positions))
    assert volume.corrected and any("corrected" in note for note in volume.notes)
    state = MprState.centred(volume.grid)
    for name in ("sagittal", "coronal"):
        view = _view(volume, state, name)
        row, col, _ = view.plane.lps_to_pixel(state.point)
        _check_points(view, [(round(row) + dr, round(col)) for dr in (-15, -5, 5, 15)])
        assert any("Gantry tilt" in line for line in view.overlay_lines())


def test_real_gantry_tilted_ct_reformats_without_shear(shared_dicom: Path):
    from workstation.dicom.loader import load_series

    files = sorted((shared_dicom / "ct_series" / "dcm_qa_ct_GE_tilt").glob("*.dcm"))
    if not files:
        pytest.skip("GE tilt series not present")
    (stack,) = load_series(files).stacks
    volume = SharedVolume(stack)
    assert volume.corrected
    assert "Gantry tilt 18.5° corrected by resampling" in volume.notes
    # Sample the sagittal reformat at patient points of acquired pixels of slice 3 and 10.
    state = MprState.centred(volume.grid)
    errors, naive_errors = [], []
    straight = _straightened(stack)
    naive = SharedVolume(straight)
    for k in (3, 10):
        for col in range(200, 330, 26):
            lps_col = stack.patient_point(k, 0, col)
            state.move_to(lps_col)
            naive_state = MprState.centred(naive.grid)
            naive_state.move_to(lps_col)
            view = _view(volume, state, "sagittal")
            naive_view = _view(naive, naive_state, "sagittal")
            for row in range(150, 400, 25):
                p = stack.patient_point(k, row, col)
                expected = float(stack.pixels[k, row, col])
                for v, out in ((view, errors), (naive_view, naive_errors)):
                    r, c, d = v.plane.lps_to_pixel(p)
                    assert abs(d) < 0.5
                    out.append(abs(float(v.stack.pixels[0][round(r), round(c)]) - expected))
    # Corrected: values match where the pixels were acquired; sheared: they do not.
    assert np.median(errors) < 0.25 * np.median(naive_errors)


def _straightened(stack: ImageStack) -> ImageStack:
    """The same slices placed along the normal, as if there were no tilt (sheared)."""
    normal = stack.normal / np.linalg.norm(stack.normal)
    depth = (stack.positions - stack.positions[0]) @ normal
    positions = stack.positions[0] + np.outer(depth, normal)
    return dataclasses.replace(stack, positions=positions)


def _display_to_lps(view: MprPlaneView, xy: tuple[float, float]) -> np.ndarray:
    """What the pane does with a click: display point -> plane pixel -> patient point."""
    point = view.display_to_image(*xy)
    assert point is not None and view.plane is not None
    return view.plane.pixel_to_lps(*point)


@pytest.mark.parametrize("oblique", [False, True])
def test_a_length_on_a_reformatted_plane_is_the_distance_in_mm(volume: SharedVolume,
                                                               oblique: bool):
    """On the sagittal plane (rows resampled from 2 mm slices to 0.8 mm pixels) and on a
    turned coronal one, a length drawn between two patient points reads their distance,
    says which spacing it rests on, and is placed at those patient points."""
    state = MprState.centred(volume.grid)
    name = "coronal" if oblique else "sagittal"
    if oblique:
        state.rotate("axial", math.radians(30))
    view = _view(volume, state, name)
    plane = view.plane
    assert plane is not None
    # 30 mm along the plane's x axis and 40 mm along its y axis: a 50 mm hypotenuse
    a = state.point - 15.0 * plane.x_axis - 20.0 * plane.y_axis
    b = state.point + 15.0 * plane.x_axis + 20.0 * plane.y_axis
    if not oblique:  # sagittal: y is foot-wards, x posterior-wards; 40 mm cross 8 slices
        np.testing.assert_allclose(b - a, [0.0, 30.0, -40.0], atol=1e-9)
    view.lps_measurements.clear()
    view.add_length(a, b)
    (length,) = view.lps_measurements
    assert length.mm == pytest.approx(50.0)
    assert view.measurement_labels() == ["50.0 mm (PixelSpacing)"]
    # drawn where the patient points are: its ends map back to a and b through the screen
    (drawn,) = view._plane_measurements()
    for (row, col), lps in zip(drawn.points, (a, b), strict=True):
        xy = view.image_to_display(row, col)
        assert xy is not None
        np.testing.assert_allclose(_display_to_lps(view, xy), lps, atol=1e-6)
    # a plane that does not hold both ends does not show it
    axial = _view(volume, state, "axial")
    axial.lps_measurements = view.lps_measurements
    axial.update_plane()
    assert axial.measurement_labels() == []
    # and it stays put when the crosshair moves within the plane
    state.move_to(state.point + 10.0 * plane.x_axis)
    view.update_plane()
    assert view.measurement_labels() == ["50.0 mm (PixelSpacing)"]


def test_an_unevenly_spaced_stack_is_resampled_first_and_the_overlay_says_so():
    """Slices 2 mm apart with 4 mm gaps in places: the engine puts them on a uniform grid
    before reformatting; the sagittal pixels still hold the value at their LPS points."""
    n = SHAPE[0]
    z = np.cumsum([0.0] + [4.0 if k % 7 == 3 else SPACING[2] for k in range(n - 1)])
    positions = ORIGIN + np.outer(z, [0.0, 0.0, 1.0])
    volume = SharedVolume(_linear_stack(positions))
    assert volume.corrected
    assert "Non-uniform spacing resampled to 2.00 mm" in volume.notes
    assert volume.grid.spacing[2] == pytest.approx(2.0)
    state = MprState.centred(volume.grid)
    view = _view(volume, state, "sagittal")
    row, col, _ = view.plane.lps_to_pixel(state.point)
    _check_points(view, [(round(row) + dr, round(col) + dc)
                         for dr in (-20, -7, 0, 9, 20) for dc in (-10, 0, 10)])
    assert "Non-uniform spacing resampled to 2.00 mm" in view.overlay_text()["bottom_left"]
