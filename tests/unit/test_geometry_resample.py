"""core.volume_resample: tilted and unevenly spaced stacks onto an orthogonal uniform grid."""

from __future__ import annotations

import math
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from workstation.core.geometry import analyse_geometry
from workstation.core.stack import ImageStack
from workstation.core.volume_resample import resample_to_orthogonal, volume_ready
from workstation.dicom.loader import load_series

SPACING = 0.5
ROD = (40.0, 32.0)  # (column, row) where the rod crosses the first slice


def _tilted_rod_stack(degrees: float, count: int = 24, step: float = 2.0) -> ImageStack:
    """Slices tilted about the column axis, positions advancing along z (table feed), and
    a bright rod along the slice normal: in the raw slices the rod drifts across columns."""
    t = math.radians(degrees)
    row, col = (math.cos(t), 0.0, math.sin(t)), (0.0, 1.0, 0.0)
    origin = np.array([-16.0, -16.0, 0.0])
    positions = np.array([origin + (0, 0, k * step) for k in range(count)])
    through = origin + ROD[0] * SPACING * np.array(row) + ROD[1] * SPACING * np.array(col)
    yy, xx = np.mgrid[0:64, 0:64]
    pixels = np.zeros((count, 64, 64), np.int16)
    for k, p in enumerate(positions):
        # Where the rod (through + s * normal) meets slice k, in pixels of that slice.
        u = (through - p) @ np.array(row) / SPACING
        v = (through - p) @ np.array(col) / SPACING
        pixels[k] = np.rint(1000 * np.exp(-((xx - u) ** 2 + (yy - v) ** 2) / (2 * 1.5**2)))
    return ImageStack(pixels=pixels, row_cosine=row, column_cosine=col, positions=positions,
                      pixel_spacing=(SPACING, SPACING))


def _centroid(image: np.ndarray) -> tuple[float, float]:
    weights = image.astype(np.float64)
    total = weights.sum()
    rows, cols = np.indices(image.shape)
    return float((weights * cols).sum() / total), float((weights * rows).sum() / total)


def test_tilted_rod_comes_out_straight():
    stack = _tilted_rod_stack(19.0)
    raw = [_centroid(s)[0] for s in stack.pixels]
    assert raw[0] - raw[-1] > 20  # sheared: the rod drifts by more than 20 columns

    out = resample_to_orthogonal(stack)
    assert out.pixels.dtype == np.int16
    assert out.warnings == ("Gantry tilt 19.0° corrected by resampling",)
    centres = np.array([_centroid(s) for s in out.pixels])
    assert np.ptp(centres[:, 0]) < 0.05 and np.ptp(centres[:, 1]) < 0.05
    assert centres[0, 0] == pytest.approx(ROD[0], abs=0.02)
    assert out.pixels.max(axis=(1, 2)).min() > 900  # the rod is kept in every slice
    # The new grid is orthogonal and uniform, spaced by the step along the normal.
    geometry = analyse_geometry(out.positions, out.row_cosine, out.column_cosine)
    assert not geometry.needs_resampling
    assert out.slice_spacing == pytest.approx(2.0 * math.cos(math.radians(19.0)))
    # Nothing is cropped: the in-plane extent grows by the total shift.
    assert out.columns == 64 + math.ceil(23 * 2.0 * math.sin(math.radians(19.0)) / SPACING)
    assert out.rows == 64
    # Voxel (k, 0, 0) lies where the rod maths says: first slice's in-plane frame.
    np.testing.assert_allclose(out.positions[0], stack.positions[0])


def _linear_stack(zs, dtype=np.int16, scale: float = 100.0) -> ImageStack:
    """Axial slices at ``zs`` whose stored value is ``scale * z`` everywhere."""
    pixels = np.stack([np.full((4, 5), scale * z) for z in zs]).astype(dtype)
    positions = np.array([(0.0, 0.0, z) for z in zs])
    return ImageStack(pixels=pixels, positions=positions, pixel_spacing=(0.7, 0.7))


def test_uneven_spacing_is_interpolated_linearly_onto_the_finest_gap():
    stack = _linear_stack([0.0, 1.0, 2.0, 3.0, 5.0, 7.0, 9.0])
    out = resample_to_orthogonal(stack)
    assert out.count == 10
    assert out.pixels[:, 2, 3].tolist() == [100 * z for z in range(10)]
    np.testing.assert_allclose(out.positions[:, 2], np.arange(10.0))
    assert out.warnings[-1] == "Non-uniform spacing resampled to 1.00 mm"
    assert not any(w.startswith("Non-uniform slice spacing") for w in out.warnings)
    assert out.instance_numbers == () and out.sop_instance_uids == ()


def test_descending_stack_and_explicit_spacing():
    stack = _linear_stack([4.0, 2.0, 0.0])
    out = resample_to_orthogonal(stack, spacing=0.5)
    assert out.pixels[:, 0, 0].tolist() == [50 * k for k in range(9)]
    assert out.warnings == ("Slices resampled to 0.50 mm spacing",)


def test_integers_are_rounded_and_clipped_to_the_stored_type():
    stack = _linear_stack([0.0, 1.0, 3.0], dtype=np.uint16, scale=21845.0)  # 0, 21845, 65535
    out = resample_to_orthogonal(stack)
    assert out.pixels.dtype == np.uint16
    assert out.pixels[:, 0, 0].tolist() == [0, 21845, 43690, 65535]


def test_padding_is_not_blended_into_tissue():
    pixels = np.full((3, 6, 6), 40, np.int16)
    pixels[:, :, :2] = -2000  # padding outside the field of view
    pixels[1] = 60
    pixels[1, :, :3] = -2000
    stack = ImageStack(pixels=pixels, positions=np.array([(0, 0, 0), (0, 0, 1.0), (0, 0, 3.0)]),
                       padding_value=-2000)
    out = resample_to_orthogonal(stack)
    values = set(np.unique(out.pixels).tolist())
    assert -2000 in values
    assert all(v == -2000 or 40 <= v <= 60 for v in values)
    assert out.pixels[2, 0, 2] == 40  # half-way plane, one side padded: the other side's value


def test_uniform_stack_is_used_as_is_and_bad_requests_fail():
    stack = _linear_stack([0.0, 2.0, 4.0])
    assert volume_ready(stack) is stack
    single = _linear_stack([1.0])
    assert volume_ready(single) is single
    with pytest.raises(ValueError):
        resample_to_orthogonal(single)
    with pytest.raises(ValueError):
        resample_to_orthogonal(stack, spacing=0.0)
    with pytest.raises(ValueError):
        resample_to_orthogonal(stack, spacing=1e-4, max_bytes=10_000)


def test_working_memory_is_a_few_slices():
    zs = [0.0, 1.0, 2.0, 4.0] + [4.0 + 2.0 * k for k in range(1, 40)]
    stack = _linear_stack(zs)
    stack.pixels = np.zeros((len(zs), 256, 256), np.int16)
    tracemalloc.start()
    try:
        out = resample_to_orthogonal(stack)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    slice_floats = 256 * 256 * 4
    assert peak < out.pixels.nbytes + 12 * slice_floats


def test_real_gantry_tilted_ct_is_corrected(shared_dicom: Path):
    files = sorted((shared_dicom / "ct_series" / "dcm_qa_ct_GE_tilt").glob("*.dcm"))
    (stack,) = load_series(files).stacks
    assert stack.warnings[0] == (
        "Gantry tilt 18.5° detected: slices are sheared (positions not along the normal)")
    assert stack.warnings[1] == (
        "Non-uniform slice spacing 1.08-7.00 mm: 4.00 mm (slices 1-14), "
        "1.08 mm (slices 14-15), 7.00 mm (slices 15-28)")
    out = volume_ready(stack)
    assert out is not stack and out.pixels.dtype == np.int16
    assert out.warnings[:2] == ("Gantry tilt 18.5° corrected by resampling",
                                "Non-uniform spacing resampled to 4.00 mm")
    geometry = analyse_geometry(out.positions, out.row_cosine, out.column_cosine)
    assert geometry.tilt_degrees < 0.01 and geometry.spacing.uniform
    assert out.slice_spacing == pytest.approx(4.0, abs=0.01)
    depth = (out.positions - out.positions[0]) @ out.normal
    assert depth[-1] == pytest.approx((stack.positions[-1] - stack.positions[0]) @ stack.normal,
                                      abs=4.0)
    assert out.rows > stack.rows  # the sheared slices spread over more rows
    # The first plane is the first slice moved onto the new grid, values unchanged.
    shift = out.rows - stack.rows
    np.testing.assert_array_equal(out.pixels[0, shift:, :], stack.pixels[0])
