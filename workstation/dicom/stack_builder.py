"""Grouping validated images into stacks, ordering slices, and assembling ImageStacks.

A stack is what one viewport scrolls through: slices of one series with the same
orientation, size and pixel type. Slices are ordered by Image Position (Patient)
projected on the slice normal (PS3.3 C.7.6.2.1.1), never by Instance Number, which
scanners number in acquisition order (and head-first vs feet-first flips it).

Splitting is deliberately minimal: different orientation, matrix or pixel type start a new
stack, and when several slices share one position (multi-phase or fMRI time series) the
k-th slice at every position goes to stack k. Images without plane geometry (projection
radiographs, mammograms, cine loops) and multi-frame files each form a stack of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workstation.core.stack import ImageStack
from workstation.dicom.image_record import MAX_STACK_BYTES, ImageRecord

# Two cosines closer than this belong to the same orientation; two positions closer than
# this along the normal are the same slice location (mm).
_COSINE_TOLERANCE = 1e-3
_POSITION_TOLERANCE = 1e-3


@dataclass(slots=True)
class SlicePlan:
    """Where one decoded frame comes from."""

    record: ImageRecord
    frame: int


@dataclass(slots=True)
class StackPlan:
    """A stack before decoding: ordered slices and the array they will be written into."""

    slices: list[SlicePlan]
    positions: np.ndarray  # (n, 3), or (0, 3) when the images carry no position
    warnings: list[str] = field(default_factory=list)
    pixels: np.ndarray | None = None

    @property
    def first(self) -> ImageRecord:
        return self.slices[0].record

    @property
    def nbytes(self) -> int:
        rec = self.first
        return len(self.slices) * rec.rows * rec.columns * rec.dtype.itemsize

    def allocate(self) -> np.ndarray:
        """The (n, rows, cols) array of the stored type that decoders write into."""
        if self.nbytes > MAX_STACK_BYTES:
            raise MemoryError(f"stack of {len(self.slices)} slices exceeds the size limit")
        rec = self.first
        self.pixels = np.empty((len(self.slices), rec.rows, rec.columns), dtype=rec.dtype)
        return self.pixels

    def slots_of(self, record: ImageRecord) -> dict[int, int]:
        """Frame number -> slice index, for the frames of ``record`` in this stack."""
        return {s.frame: k for k, s in enumerate(self.slices) if s.record is record}


def _normal(rec: ImageRecord) -> np.ndarray:
    g = rec.geometry
    return np.cross(np.asarray(g.row_cosine), np.asarray(g.column_cosine))


def _has_plane(rec: ImageRecord) -> bool:
    g = rec.geometry
    return g.row_cosine is not None and g.column_cosine is not None and g.positions is not None


def _same_kind(a: ImageRecord, b: ImageRecord) -> bool:
    if (a.series_uid, a.rows, a.columns, a.dtype, a.photometric) != (
        b.series_uid, b.rows, b.columns, b.dtype, b.photometric
    ):
        return False
    ga, gb = a.geometry, b.geometry
    cos_a = np.asarray(ga.row_cosine + ga.column_cosine)
    cos_b = np.asarray(gb.row_cosine + gb.column_cosine)
    return bool(np.allclose(cos_a, cos_b, atol=_COSINE_TOLERANCE))


def _volume_plans(group: list[ImageRecord]) -> list[StackPlan]:
    """Sort single-frame slices along the normal; split repeated positions into stacks."""
    normal = _normal(group[0])
    depth = {id(r): float(r.geometry.positions[0] @ normal) for r in group}
    ordered = sorted(group, key=lambda r: (depth[id(r)], r.instance_number or 0, r.index))
    # Runs of records at the same location, each run in Instance Number order.
    runs: list[list[ImageRecord]] = []
    for rec in ordered:
        if runs and abs(depth[id(rec)] - depth[id(runs[-1][0])]) <= _POSITION_TOLERANCE:
            runs[-1].append(rec)
        else:
            runs.append([rec])
    repeats = max(len(run) for run in runs)
    plans = []
    for k in range(repeats):
        members = [run[k] for run in runs if len(run) > k]
        plan = StackPlan(
            slices=[SlicePlan(r, 0) for r in members],
            positions=np.asarray([r.geometry.positions[0] for r in members]),
        )
        if repeats > 1:
            plan.warnings.append(
                f"slices repeat at the same positions; shown as stack {k + 1} of {repeats}"
            )
        plans.append(plan)
    return plans


def _file_plan(rec: ImageRecord) -> StackPlan:
    """A multi-frame file or a projection image: one stack, frames ordered by position
    when every frame has a distinct one, else in file order."""
    frames = list(range(rec.frames))
    positions = np.zeros((0, 3))
    if _has_plane(rec):
        positions = rec.geometry.positions
        depth = positions @ _normal(rec)
        order = np.argsort(depth, kind="stable")
        if rec.frames == 1 or np.all(np.diff(depth[order]) > _POSITION_TOLERANCE):
            frames = [int(i) for i in order]
            positions = positions[order]
        else:
            positions = np.zeros((0, 3))
    return StackPlan(slices=[SlicePlan(rec, f) for f in frames], positions=positions)


def plan_stacks(records: list[ImageRecord]) -> list[StackPlan]:
    """Group records into stacks, in series number then instance number order."""
    groups: list[list[ImageRecord]] = []
    plans: list[StackPlan] = []
    for rec in records:
        if rec.frames > 1 or not _has_plane(rec):
            plans.append(_file_plan(rec))
            continue
        for group in groups:
            if _same_kind(group[0], rec):
                group.append(rec)
                break
        else:
            groups.append([rec])
    for group in groups:
        plans.extend(_volume_plans(group))

    def order(plan: StackPlan) -> tuple[bool, int, str, int, int]:
        rec = plan.first
        number = rec.header.series_number
        first_instance = min((s.record.instance_number or 0) for s in plan.slices)
        return (number is None, number or 0, rec.series_uid, first_instance, rec.index)

    return sorted(plans, key=order)


def build_stack(plan: StackPlan, failed: set[int]) -> ImageStack | None:
    """The finished stack, without slices whose record failed to decode (by record index)."""
    if plan.pixels is None:
        raise ValueError("allocate() the plan before building its stack")
    keep = [k for k, s in enumerate(plan.slices) if s.record.index not in failed]
    if not keep:
        return None
    pixels = plan.pixels
    positions = plan.positions
    if len(keep) < len(plan.slices):
        pixels = pixels[keep]
        positions = positions[keep] if len(positions) else positions
    slices = [plan.slices[k] for k in keep]
    first = slices[0].record
    middle = slices[len(slices) // 2].record
    warnings = list(plan.warnings)
    for s in slices:
        warnings.extend(n for n in s.record.notes if n not in warnings)
    if any((s.record.slope, s.record.intercept) != (first.slope, first.intercept)
           for s in slices):
        warnings.append("rescale slope/intercept differ between slices; the first is used")
    geometry = first.geometry
    return ImageStack(
        pixels=pixels,
        slope=first.slope,
        intercept=first.intercept,
        row_cosine=geometry.row_cosine or (1.0, 0.0, 0.0),
        column_cosine=geometry.column_cosine or (0.0, 1.0, 0.0),
        positions=np.asarray(positions, dtype=np.float64).reshape(-1, 3),
        pixel_spacing=geometry.pixel_spacing,
        slice_thickness=geometry.slice_thickness,
        photometric=first.photometric,
        # The viewer opens on the middle slice, so its windows are the ones offered.
        windows=middle.windows,
        padding_value=first.padding_value,
        instance_numbers=tuple(s.record.instance_number for s in slices),
        sop_instance_uids=tuple(s.record.sop_uid for s in slices),
        header=first.header,
        warnings=tuple(warnings),
    )
