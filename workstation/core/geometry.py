"""Slice-stack geometry: the normal, depth along it, spacing analysis and gantry tilt.

Patient coordinates follow PS3.3 C.7.6.2.1.1 (Image Plane): Image Position (Patient) is
the centre of the first transmitted voxel, Image Orientation (Patient) the row and column
direction cosines, and the slice normal is row x column (LPS, right-handed). Slices are
ordered and spaced by their positions projected on that normal, never by Instance Number,
Slice Location or Slice Thickness, which are optional and often wrong.

A stack is ready for volume use (MPR, 3D) when successive positions advance along the
normal by one constant step. Two things break that and are reported here:

- non-uniform spacing: gaps differ (several acquisitions merged, slices missing, variable
  table increment); a gap that is a whole multiple of the usual one is reported as missing
  slices;
- gantry tilt: positions advance along an axis that is not the normal (the table moves
  along z while the slice planes are tilted), so the stack is sheared. The shear angle is
  the angle between that axis and the normal, measured from the in-plane offset of the
  positions per millimetre of depth (as vtk-dicom's CT rectifier and dcm2niix do).

:mod:`workstation.core.volume_resample` corrects both onto an orthogonal, uniform grid.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Gaps within max(1 %, 0.01 mm) of the median gap are the same spacing: positions are
# written with limited decimals and table increments jitter by a few micrometres.
RELATIVE_SPACING_TOLERANCE = 0.01
ABSOLUTE_SPACING_TOLERANCE = 0.01  # mm
# Shear below this is rounding in the written positions, not a tilted gantry (degrees).
TILT_TOLERANCE_DEGREES = 0.1
# Positions closer than this along the normal are the same slice location (mm).
SAME_POSITION_TOLERANCE = 0.01
# At most this many runs of equal spacing are listed in a warning.
_MAX_LISTED_RUNS = 6

Vector = Sequence[float]


def slice_normal(row_cosine: Vector, column_cosine: Vector) -> np.ndarray:
    """Unit normal of the image plane, row x column (PS3.3 C.7.6.2.1.1)."""
    normal = np.cross(np.asarray(row_cosine, dtype=np.float64),
                      np.asarray(column_cosine, dtype=np.float64))
    length = float(np.linalg.norm(normal))
    if length < 1e-9:
        raise ValueError("row and column cosines are parallel")
    return normal / length


def depths(positions: np.ndarray, normal: np.ndarray) -> np.ndarray:
    """Distance of each position along the normal (mm), for sorting and spacing."""
    return np.asarray(positions, dtype=np.float64).reshape(-1, 3) @ np.asarray(normal)


def spacing_tolerance(spacing: float) -> float:
    """How far a gap may differ from ``spacing`` and still count as equal (mm)."""
    return max(RELATIVE_SPACING_TOLERANCE * abs(spacing), ABSOLUTE_SPACING_TOLERANCE)


@dataclass(frozen=True, slots=True)
class MissingSlices:
    """A gap that is a whole multiple of the usual spacing: ``count`` slices absent after
    slice ``after`` (0-based, in stack order)."""

    after: int
    count: int
    gap: float


@dataclass(frozen=True, slots=True)
class SpacingAnalysis:
    """Gaps between successive slices along the normal, in stack order."""

    gaps: np.ndarray
    nominal: float  # the usual gap: the median
    uniform: bool
    missing: tuple[MissingSlices, ...]

    @property
    def resampling_spacing(self) -> float:
        """The spacing a uniform grid should use: the finest regular gap, so that no
        acquired detail is averaged away. Gaps under half the median (an overlapping
        slice where two acquisitions meet) do not set it."""
        regular = self.gaps[self.gaps >= 0.5 * self.nominal]
        return float(regular.min()) if regular.size else self.nominal

    def runs(self) -> list[tuple[float, int, int]]:
        """(spacing, first slice, last slice) for each run of equal gaps, 0-based."""
        result: list[tuple[float, int, int]] = []
        start = 0
        for k in range(1, len(self.gaps) + 1):
            if k == len(self.gaps) or abs(self.gaps[k] - self.gaps[start]) > spacing_tolerance(
                float(self.gaps[start])
            ):
                run = self.gaps[start:k]
                result.append((float(np.mean(run)), start, k))
                start = k
        return result

    def warnings(self) -> list[str]:
        """Visible notes for the stack: missing slices, else the spacings that differ."""
        if self.uniform:
            return []
        notes = []
        for m in self.missing:
            plural = "slice" if m.count == 1 else "slices"
            notes.append(
                f"Missing slices: {m.count} {plural} absent after slice {m.after + 1} "
                f"(gap {m.gap:.2f} mm, spacing {self.nominal:.2f} mm)"
            )
        explained = {m.after for m in self.missing}
        irregular = [
            k for k, gap in enumerate(self.gaps)
            if k not in explained and abs(gap - self.nominal) > spacing_tolerance(self.nominal)
        ]
        if irregular:
            runs = self.runs()
            listed = ", ".join(
                f"{spacing:.2f} mm (slices {first + 1}-{last + 1})"
                for spacing, first, last in runs[:_MAX_LISTED_RUNS]
            )
            more = f", ... ({len(runs)} runs)" if len(runs) > _MAX_LISTED_RUNS else ""
            notes.append(
                f"Non-uniform slice spacing {float(self.gaps.min()):.2f}-"
                f"{float(self.gaps.max()):.2f} mm: {listed}{more}"
            )
        return notes


def analyse_spacing(slice_depths: np.ndarray) -> SpacingAnalysis:
    """Spacing of slices at ``slice_depths`` (in stack order, strictly monotonic)."""
    gaps = np.abs(np.diff(np.asarray(slice_depths, dtype=np.float64)))
    if gaps.size == 0:
        return SpacingAnalysis(gaps, 0.0, True, ())
    nominal = float(np.median(gaps))
    tolerance = spacing_tolerance(nominal)
    uniform = bool(np.all(np.abs(gaps - nominal) <= tolerance))
    missing = []
    if not uniform and nominal > 0:
        for k, gap in enumerate(gaps):
            multiple = round(float(gap) / nominal)
            # An isolated long gap is missing slices; a run of them is a change of spacing.
            neighbours = gaps[max(k - 1, 0):k + 2]
            isolated = int(np.sum(np.abs(neighbours - gap) <= tolerance)) == 1
            if multiple >= 2 and isolated and abs(gap - multiple * nominal) <= tolerance * multiple:
                missing.append(MissingSlices(k, multiple - 1, float(gap)))
    return SpacingAnalysis(gaps, nominal, uniform, tuple(missing))


def in_plane_offsets(positions: np.ndarray, row_cosine: Vector,
                     column_cosine: Vector) -> tuple[np.ndarray, np.ndarray]:
    """Offsets of each position from the first along the row and column cosines (mm)."""
    delta = np.asarray(positions, dtype=np.float64).reshape(-1, 3) - positions[0]
    return delta @ np.asarray(row_cosine, dtype=np.float64), delta @ np.asarray(
        column_cosine, dtype=np.float64)


def shear_angle(positions: np.ndarray, row_cosine: Vector, column_cosine: Vector) -> float:
    """Angle (degrees) between the axis the positions advance along and the slice normal.

    The in-plane offsets along the row and column cosines are fitted as linear functions
    of depth (least squares, robust to one jittered position); the shear per millimetre
    of depth is the tangent of the tilt. 0 for fewer than two distinct depths.
    """
    normal = slice_normal(row_cosine, column_cosine)
    t = depths(positions, normal)
    t = t - t.mean()
    scale = float(np.abs(t).max()) if len(t) else 0.0
    if len(t) < 2 or scale < SAME_POSITION_TOLERANCE / 2:
        return 0.0
    u, v = in_plane_offsets(positions, row_cosine, column_cosine)
    # Normalised so that squares stay finite whatever the coordinates' magnitude.
    tn = t / scale
    denominator = float(tn @ tn)
    su = float(tn @ ((u - u.mean()) / scale)) / denominator
    sv = float(tn @ ((v - v.mean()) / scale)) / denominator
    return math.degrees(math.atan(math.hypot(su, sv)))


@dataclass(frozen=True, slots=True)
class StackGeometry:
    """What volume use needs to know about a stack's slice positions."""

    tilt_degrees: float
    spacing: SpacingAnalysis

    @property
    def tilted(self) -> bool:
        return self.tilt_degrees > TILT_TOLERANCE_DEGREES

    @property
    def needs_resampling(self) -> bool:
        """Volume views (MPR, 3D) need an orthogonal, uniform grid first."""
        return self.tilted or not self.spacing.uniform

    def warnings(self) -> list[str]:
        notes = []
        if self.tilted:
            notes.append(tilt_warning(self.tilt_degrees))
        notes.extend(self.spacing.warnings())
        return notes


def tilt_warning(tilt_degrees: float) -> str:
    return (f"Gantry tilt {tilt_degrees:.1f}° detected: slices are sheared "
            "(positions not along the normal)")


def analyse_geometry(positions: np.ndarray, row_cosine: Vector,
                     column_cosine: Vector) -> StackGeometry | None:
    """Tilt and spacing of a stack whose positions are in stack order, or None when the
    stack is not a volume (fewer than two slices, slices that do not advance along the
    normal, such as a time series at one location, or distances that overflow)."""
    points = np.asarray(positions, dtype=np.float64).reshape(-1, 3)
    if len(points) < 2:
        return None
    t = depths(points, slice_normal(row_cosine, column_cosine))
    steps = np.diff(t)
    if not (np.all(np.isfinite(points)) and math.isfinite(float(np.ptp(t)))):
        return None  # positions beyond any scanner's range: nothing to measure
    if not (np.all(steps > SAME_POSITION_TOLERANCE) or np.all(steps < -SAME_POSITION_TOLERANCE)):
        return None
    return StackGeometry(shear_angle(points, row_cosine, column_cosine), analyse_spacing(t))
