"""Resampling a tilted or unevenly spaced stack onto an orthogonal, uniform grid.

MPR and 3D treat a stack as a regular grid: voxel (k, row, col) at
``origin + k * spacing * normal + row * dr * column_cosine + col * dc * row_cosine``
(PS3.3 C.7.6.2.1.1). A gantry-tilted CT breaks that (each slice is shifted in-plane
relative to the one before, the stack is sheared) and so do uneven gaps. The correction
keeps the acquired slice planes and their orientation, and

1. shifts every slice in-plane by its offset from the first slice's position, so that the
   stacking axis becomes the normal (the in-plane extent grows to hold every shifted
   slice, nothing is cropped);
2. interpolates linearly along the normal onto uniformly spaced planes.

Pixel padding (PS3.3 C.7.5.1.1.2) is kept out of the interpolation: padded pixels and the
area outside any acquired slice carry no weight, and where less than half the weight is
real data the output is padding (or the lowest stored value when the stack has no
padding value). Values are computed one output slice at a time in float32 from at most
two shifted input slices, then rounded back to the stored type, so the working memory is
a few slices whatever the stack size and no float copy of the volume is ever made.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from workstation.core.geometry import (
    StackGeometry,
    analyse_geometry,
    depths,
    in_plane_offsets,
    slice_normal,
)
from workstation.core.stack import ImageStack

# The resampled volume may not exceed this (the loader's per-stack limit).
DEFAULT_MAX_BYTES = 4 * 1024**3
# Output planes beyond the last slice by up to this fraction of a step use the last slice.
_END_TOLERANCE = 0.05
_EPSILON = 1e-6


def tilt_corrected_note(tilt_degrees: float) -> str:
    return f"Gantry tilt {tilt_degrees:.1f}° corrected by resampling"


def spacing_resampled_note(spacing: float) -> str:
    return f"Non-uniform spacing resampled to {spacing:.2f} mm"


def volume_ready(stack: ImageStack) -> ImageStack:
    """``stack`` itself when it is already an orthogonal, uniform grid (or not a volume),
    else its resampled copy."""
    geometry = analyse_geometry(stack.positions, stack.row_cosine, stack.column_cosine)
    if geometry is None or not geometry.needs_resampling:
        return stack
    return resample_to_orthogonal(stack)


def resample_to_orthogonal(stack: ImageStack, *, spacing: float | None = None,
                           max_bytes: int = DEFAULT_MAX_BYTES) -> ImageStack:
    """A new stack on an orthogonal grid with uniform ``spacing`` along the normal.

    ``spacing`` defaults to the stack's own spacing when uniform, else to its finest
    regular gap. The stored dtype is kept (integers are rounded and clipped). Positions
    are recomputed; per-slice identifiers (instance numbers, SOP Instance UIDs) no longer
    apply and are left empty. The warnings say what was corrected.

    Raises ValueError when the stack is not a volume (fewer than two slices at distinct
    depths) or the result would exceed ``max_bytes``.
    """
    geometry = analyse_geometry(stack.positions, stack.row_cosine, stack.column_cosine)
    if geometry is None:
        raise ValueError("the stack has no slices at distinct depths to resample")
    normal = slice_normal(stack.row_cosine, stack.column_cosine)
    order = np.argsort(depths(stack.positions, normal), kind="stable")
    positions = np.asarray(stack.positions, dtype=np.float64)[order]
    t = depths(positions, normal)
    t = t - t[0]
    step = float(spacing) if spacing is not None else _default_spacing(geometry)
    if not (math.isfinite(step) and step > 0):
        raise ValueError(f"invalid spacing {spacing!r}")
    count = int(math.floor(t[-1] / step + _END_TOLERANCE)) + 1

    row_spacing, column_spacing = stack.pixel_spacing
    if geometry.tilted:
        u, v = in_plane_offsets(positions, stack.row_cosine, stack.column_cosine)
        dy, dx = v / row_spacing, u / column_spacing
    else:  # sub-tolerance offsets are rounding in the written positions
        dy = dx = np.zeros(len(t))
    y0, y1 = math.floor(dy.min() + _EPSILON), math.ceil(dy.max() - _EPSILON)
    x0, x1 = math.floor(dx.min() + _EPSILON), math.ceil(dx.max() - _EPSILON)
    shape = (count, stack.rows + y1 - y0, stack.columns + x1 - x0, *stack.pixels.shape[3:])
    nbytes = math.prod(shape) * stack.pixels.dtype.itemsize
    if nbytes > max_bytes:
        raise ValueError(f"resampled volume of {shape} would exceed the size limit")

    fill = _fill_value(stack)
    out = np.empty(shape, dtype=stack.pixels.dtype)
    sampler = _SliceSampler(stack, order, dy, dx, (y0, x0), shape[1:3], stack.padding_value)
    for j in range(count):
        depth = min(j * step, float(t[-1]))
        k = int(np.clip(np.searchsorted(t, depth, side="right") - 1, 0, len(t) - 2))
        w = float(np.clip((depth - t[k]) / (t[k + 1] - t[k]), 0.0, 1.0))
        if w < _EPSILON:
            num, den = sampler.get(k)
        elif w > 1.0 - _EPSILON:
            num, den = sampler.get(k + 1)
        else:
            num_a, den_a = sampler.get(k)
            num_b, den_b = sampler.get(k + 1)
            num = (1.0 - w) * num_a + w * num_b
            den = (1.0 - w) * den_a + w * den_b
        _store(out[j], num, den, fill)

    origin = (positions[0] + y0 * row_spacing * np.asarray(stack.column_cosine)
              + x0 * column_spacing * np.asarray(stack.row_cosine))
    new_positions = origin + np.outer(np.arange(count) * step, normal)
    return dataclasses.replace(
        stack,
        pixels=out,
        positions=new_positions,
        instance_numbers=(),
        sop_instance_uids=(),
        warnings=_corrected_warnings(stack.warnings, geometry, step, spacing is not None),
    )


def _default_spacing(geometry: StackGeometry) -> float:
    spacing = geometry.spacing
    return spacing.nominal if spacing.uniform else spacing.resampling_spacing


def _fill_value(stack: ImageStack) -> float:
    """What areas without data become: the padding value, else the lowest stored value."""
    if stack.padding_value is not None:
        return float(stack.padding_value)
    return float(stack.pixels.min()) if stack.pixels.size else 0.0


def _corrected_warnings(warnings: tuple[str, ...], geometry: StackGeometry, step: float,
                        explicit: bool) -> tuple[str, ...]:
    """The stack's warnings without the tilt/spacing findings the resampling resolved
    (missing slices stay: their planes are interpolated, not acquired), plus what was done."""
    resolved = {w for w in geometry.warnings() if not w.startswith("Missing slices")}
    notes = [w for w in warnings if w not in resolved]
    if geometry.tilted:
        notes.append(tilt_corrected_note(geometry.tilt_degrees))
    if not geometry.spacing.uniform:
        notes.append(spacing_resampled_note(step))
    elif explicit:
        notes.append(f"Slices resampled to {step:.2f} mm spacing")
    return tuple(notes)


def _store(target: np.ndarray, num: np.ndarray, den: np.ndarray, fill: float) -> None:
    """Write weighted values into one output slice of the stored type."""
    weight = den if num.ndim == den.ndim else den[..., np.newaxis]
    with np.errstate(invalid="ignore", divide="ignore"):
        values = np.where(weight >= 0.5, num / weight, np.float32(fill))
    if target.dtype.kind in "iu":
        info = np.iinfo(target.dtype)
        np.rint(values, out=values)
        np.clip(values, info.min, info.max, out=values)
    target[...] = values


class _SliceSampler:
    """Input slices shifted onto the output's in-plane grid, as (weighted values, weight)
    in float32; the two most recent are kept because output planes walk forward."""

    def __init__(self, stack: ImageStack, order: np.ndarray, dy: np.ndarray, dx: np.ndarray,
                 origin: tuple[int, int], shape: tuple[int, int], padding: int | None):
        self._pixels = stack.pixels
        self._order = order
        self._dy, self._dx = dy, dx
        self._origin = origin
        self._shape = shape
        self._padding = padding if stack.pixels.ndim == 3 else None
        self._cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def get(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        if k not in self._cache:
            if len(self._cache) >= 2:
                del self._cache[min(self._cache)]
            self._cache[k] = self._sample(k)
        return self._cache[k]

    def _sample(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        image = self._pixels[int(self._order[k])].astype(np.float32)
        if self._padding is not None:
            weight = (self._pixels[int(self._order[k])] != self._padding).astype(np.float32)
        else:
            weight = np.ones(image.shape[:2], dtype=np.float32)
        values = image * (weight if image.ndim == 2 else weight[..., np.newaxis])
        start_y = self._origin[0] - float(self._dy[k])
        start_x = self._origin[1] - float(self._dx[k])
        return (_translate(values, start_y, start_x, self._shape),
                _translate(weight, start_y, start_x, self._shape))


def _translate(image: np.ndarray, start_y: float, start_x: float,
               shape: tuple[int, int]) -> np.ndarray:
    """``out[y, x] = image[start_y + y, start_x + x]``, bilinear, zero outside."""
    rows = _sample_axis(image, 0, start_y, shape[0])
    return _sample_axis(rows, 1, start_x, shape[1])


def _sample_axis(image: np.ndarray, axis: int, start: float, count: int) -> np.ndarray:
    """Linear samples at ``start, start + 1, ...`` along ``axis``; one fraction for all,
    since the shift is a pure translation."""
    base = math.floor(start)
    fraction = start - base
    if fraction > 1.0 - _EPSILON:
        base, fraction = base + 1, 0.0
    index = base + np.arange(count)
    lower = _take(image, axis, index)
    if fraction < _EPSILON:
        return lower
    upper = _take(image, axis, index + 1)
    return np.float32(1.0 - fraction) * lower + np.float32(fraction) * upper


def _take(image: np.ndarray, axis: int, index: np.ndarray) -> np.ndarray:
    size = image.shape[axis]
    if index[0] == 0 and len(index) == size:
        return image
    taken = np.take(image, np.clip(index, 0, size - 1), axis=axis)
    outside = (index < 0) | (index >= size)
    if outside.any():
        selector = [slice(None)] * image.ndim
        selector[axis] = outside
        taken[tuple(selector)] = 0.0
    return taken
