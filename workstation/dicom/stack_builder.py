"""Planning the arrays that decoded frames go into, and turning them into ImageStacks.

A plan is one allocation: the frames of one series that share size and pixel type, in
the order :mod:`workstation.dicom.assembly` laid them out, each future stack a contiguous
range of it. Every frame of every validated file has a slot (so that each file is decoded
once and counted once), and a stack is a view of its range unless slices had to be
dropped (failed decodes, images repeated with identical pixels).

Sizes are checked before allocation: a stack above ``MAX_STACK_BYTES`` or a series above
``MAX_SERIES_BYTES`` is refused with an error for each of its files.

Each stack gets its geometry checked (PS3.3 C.7.6.2.1.1, via :mod:`workstation.core.geometry`):
gantry tilt, non-uniform spacing and missing slices are reported in its warnings, and
the spacing it uses says where it came from (:mod:`workstation.dicom.projection`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field, replace

import numpy as np

from workstation.core.geometry import analyse_geometry
from workstation.core.projection_info import ProjectionInfo
from workstation.core.stack import ImageStack, SeriesHeader
from workstation.dicom.assembly import Layout, Placed, assemble
from workstation.dicom.image_record import MAX_SERIES_BYTES, MAX_STACK_BYTES, ImageRecord


@dataclass(slots=True)
class SubStack:
    """Slots ``start:stop`` of the plan's array hold this future stack, in display order."""

    layout: Layout
    start: int
    stop: int


@dataclass(slots=True)
class StackPlan:
    """The array that one group of files is decoded into, and the stacks cut from it."""

    slices: list[Placed]
    stacks: list[SubStack]
    warnings: list[str] = field(default_factory=list)
    pixels: np.ndarray | None = None
    refusal: str | None = None
    _slots: dict[int, dict[int, int]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for k, placed in enumerate(self.slices):
            self._slots.setdefault(placed.record.index, {})[placed.frame] = k

    @property
    def first(self) -> ImageRecord:
        return self.slices[0].record

    @property
    def series_uid(self) -> str:
        return self.first.series_uid

    @property
    def nbytes(self) -> int:
        return len(self.slices) * self.first.frame_bytes

    def allocate(self) -> np.ndarray:
        """The (n, rows, cols) array of the stored type that decoders write into;
        (n, rows, cols, 3) uint8 for colour. MemoryError when over a size limit."""
        if self.refusal is not None:
            raise MemoryError(self.refusal)
        largest = max(sub.stop - sub.start for sub in self.stacks)
        if largest * self.first.frame_bytes > MAX_STACK_BYTES:
            raise MemoryError(f"stack of {largest} slices exceeds the size limit")
        if self.nbytes > MAX_SERIES_BYTES:
            raise MemoryError(f"series of {len(self.slices)} images exceeds the size limit")
        rec = self.first
        shape: tuple[int, ...] = (len(self.slices), rec.rows, rec.columns)
        if rec.channels > 1:
            shape += (rec.channels,)
        self.pixels = np.empty(shape, dtype=rec.dtype)
        return self.pixels

    def slots_of(self, record: ImageRecord) -> dict[int, int]:
        """Frame number -> slot, for the frames of ``record`` in this plan."""
        return self._slots.get(record.index, {})


def _plan_key(rec: ImageRecord) -> tuple[str, int, int, str, str, int]:
    return (rec.series_uid, rec.rows, rec.columns, rec.dtype.str, rec.photometric, rec.channels)


def plan_stacks(records: list[ImageRecord]) -> list[StackPlan]:
    """Plans for all records, in series number, then instance number order."""
    groups: dict[tuple[str, int, int, str, str, int], list[ImageRecord]] = defaultdict(list)
    for rec in records:
        groups[_plan_key(rec)].append(rec)
    plans = []
    for members in groups.values():
        slices: list[Placed] = []
        stacks = []
        for layout in assemble(members):
            stacks.append(SubStack(layout, len(slices), len(slices) + len(layout.slices)))
            slices.extend(layout.slices)
        plans.append(StackPlan(slices, stacks))
    sizes: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for plan in plans:
        sizes[plan.series_uid].add((plan.first.rows, plan.first.columns))
    for plan in plans:
        if len(sizes[plan.series_uid]) > 1:
            listed = ", ".join(f"{r}x{c}" for r, c in sorted(sizes[plan.series_uid]))
            plan.warnings.append(f"Series holds images of different sizes ({listed}); "
                                 "each size is a separate stack")

    def order(plan: StackPlan) -> tuple[bool, int, str, int, int]:
        rec = plan.first
        number = rec.header.series_number
        first_instance = min((s.record.instance_number or 0) for s in plan.slices)
        return (number is None, number or 0, rec.series_uid, first_instance, rec.index)

    plans.sort(key=order)
    budget: dict[str, int] = defaultdict(int)
    for plan in plans:
        budget[plan.series_uid] += plan.nbytes
        if budget[plan.series_uid] > MAX_SERIES_BYTES:
            plan.refusal = "series exceeds the size limit"
    return plans


def _same_image(pixels: np.ndarray, plan: StackPlan, a: int, b: int) -> bool:
    ia, ib = plan.slices[a].info, plan.slices[b].info
    return (ia.slope, ia.intercept) == (ib.slope, ib.intercept) and bool(
        np.array_equal(pixels[a], pixels[b]))


def build_stacks(plan: StackPlan, failed: set[int]) -> list[ImageStack]:
    """The finished stacks of a decoded plan, without slices whose record failed to decode
    (by record index) and without images repeated with identical pixels."""
    pixels = plan.pixels
    if pixels is None:
        raise ValueError("allocate() the plan before building its stacks")
    kept: list[list[int]] = []
    duplicates: Counter[int] = Counter()
    seen: dict[Hashable, list[tuple[int, int]]] = defaultdict(list)
    for number, sub in enumerate(plan.stacks):
        slots = [k for k in range(sub.start, sub.stop)
                 if plan.slices[k].record.index not in failed]
        if not sub.layout.primary:
            survivors = []
            for k in slots:
                owner = next((o for j, o in seen[plan.slices[k].twin]
                              if _same_image(pixels, plan, j, k)), None)
                if owner is None:
                    survivors.append(k)
                else:
                    duplicates[owner] += 1
            slots = survivors
        for k in slots:
            if plan.slices[k].twin is not None:
                seen[plan.slices[k].twin].append((k, number))
        kept.append(slots)
    family_sizes = Counter(sub.layout.family for sub, slots in zip(plan.stacks, kept, strict=True)
                           if slots and sub.layout.family is not None)
    family_rank: Counter[Hashable] = Counter()
    stacks = []
    for number, (sub, slots) in enumerate(zip(plan.stacks, kept, strict=True)):
        if not slots:
            continue
        notes = list(plan.warnings) + list(sub.layout.warnings)
        family = sub.layout.family
        if family is not None and family_sizes[family] > 1:
            family_rank[family] += 1
            notes.append(_family_note(family, family_rank[family], family_sizes[family]))
        if duplicates[number]:
            notes.append(f"{duplicates[number]} repeated image(s) with the same position and "
                         "pixels ignored")
        # A view of the plan's array when nothing was dropped, else a copy of what is kept.
        if slots == list(range(sub.start, sub.stop)):
            part = pixels[sub.start:sub.stop]
        else:
            part = pixels[slots]
        stacks.append(_stack(part, [plan.slices[k] for k in slots], sub.layout.volume, notes))
    return stacks


def _family_note(family: Hashable, rank: int, size: int) -> str:
    if isinstance(family, tuple) and family and family[0] == "file":
        return "same SOP Instance UID as another image but different pixels"
    return f"slices repeat at the same positions; shown as stack {rank} of {size}"


def _stack(pixels: np.ndarray, slices: list[Placed], volume: bool,
           notes: list[str]) -> ImageStack:
    first, middle = slices[0], slices[len(slices) // 2]
    info = first.info
    record = first.record
    warnings = list(notes)
    for s in slices:
        warnings.extend(n for n in s.record.notes if n not in warnings)
    if any((s.info.slope, s.info.intercept) != (info.slope, info.intercept) for s in slices):
        warnings.append("rescale slope/intercept differ between slices; the first is used")
    planar = all(s.info.has_plane for s in slices)
    positions = np.asarray([s.info.position for s in slices], dtype=np.float64).reshape(
        -1, 3) if planar else np.zeros((0, 3))
    row = info.row_cosine or (1.0, 0.0, 0.0)
    column = info.column_cosine or (0.0, 1.0, 0.0)
    if volume and planar:
        geometry = analyse_geometry(positions, row, column)
        if geometry is not None:
            warnings.extend(geometry.warnings())
    spacing = record.spacing_context.resolve(info.pixel_spacing)
    projection = record.projection if not info.has_plane else None
    header = _header(record.header, projection)
    # The first slice's transforms, the middle slice's VOI choices (the viewer opens there).
    display = record.grayscale
    if display is not None:
        display = replace(display, slope=info.slope, intercept=info.intercept,
                          windows=middle.info.windows)
        if middle.record.grayscale is not None:
            display = replace(display, voi_tables=middle.record.grayscale.voi_tables)
    return ImageStack(
        pixels=pixels,
        slope=info.slope,
        intercept=info.intercept,
        row_cosine=row,
        column_cosine=column,
        positions=positions,
        pixel_spacing=spacing.spacing,
        slice_thickness=info.slice_thickness,
        photometric=record.photometric,
        windows=middle.info.windows if record.grayscale is not None else (),
        padding_value=record.padding_value,
        instance_numbers=tuple(s.record.instance_number for s in slices),
        sop_instance_uids=tuple(s.record.sop_uid for s in slices),
        header=header,
        warnings=tuple(warnings),
        display=display,
        spacing_source=spacing.source,
        projection=projection,
    )


def _header(header: SeriesHeader, projection: ProjectionInfo | None) -> SeriesHeader:
    """Fill laterality and view from the projection reading when the plain attributes
    were absent (Frame Laterality, View Code Sequence)."""
    if projection is None:
        return header
    if projection.laterality and not header.laterality:
        header = replace(header, laterality=projection.laterality)
    if projection.view and not header.view_position:
        header = replace(header, view_position=projection.view)
    return header


def stacks_before_decoding(plan: StackPlan) -> list[ImageStack]:
    """One stack per planned range, each a view of the plan's array while decoding fills
    it: what a streaming load shows first. Nothing is dropped here (pixels are not decoded
    yet); :func:`build_stacks` makes the final stacks once decoding is over."""
    if plan.pixels is None:
        raise ValueError("allocate() the plan before building its stacks")
    return [
        _stack(plan.pixels[sub.start:sub.stop], plan.slices[sub.start:sub.stop],
               sub.layout.volume, list(plan.warnings) + list(sub.layout.warnings))
        for sub in plan.stacks
    ]
