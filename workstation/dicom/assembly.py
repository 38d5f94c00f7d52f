"""Splitting the images of one series into stacks, before any pixel is decoded.

A series is not a volume: it may hold localizers, several orientations, several
acquisitions at the same positions (echoes, phases, time points, b-values, repeated
scans) and the same image twice. PS3.3 C.7.6.2.1.1 places every frame by Image Position
and Orientation (Patient); this module works on frames, so single-frame files and the
frames of enhanced multi-frame files (PS3.3 C.7.6.16) are assembled alike:

1. frames without plane geometry (projection radiographs, cine loops) and multi-frame
   files whose frames do not move (a time series at one location) stay one stack per
   file, in frame order;
2. the other frames are grouped by orientation, frame of reference, pixel spacing and
   LOCALIZER image/frame type, then ordered by position projected on the normal;
3. frames at the same position are told apart by the first attribute that separates
   them consistently (echo, temporal position, stack, acquisition, trigger time,
   b-value, dimension index, acquisition time): one stack per value. When no attribute
   does, the k-th frame at every position goes to stack k, and after decoding a frame
   whose pixels equal one already placed at its position is dropped (the same image sent
   twice).

The same SOP Instance sent twice without plane geometry is compared like (3).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

import numpy as np

from workstation.core.geometry import SAME_POSITION_TOLERANCE, slice_normal
from workstation.dicom.enhanced import KEY_NAMES, FrameInfo
from workstation.dicom.image_record import ImageRecord

_COSINE_TOLERANCE = 1e-3
_SPACING_TOLERANCE = 1e-3  # relative


@dataclass(slots=True)
class Placed:
    """One frame of one file in a stack; ``twin`` is shared by frames that may be the
    same image (same position in the same group, or the same SOP Instance and frame)."""

    record: ImageRecord
    frame: int
    twin: Hashable | None = None

    @property
    def info(self) -> FrameInfo:
        return self.record.frames_info[self.frame]


@dataclass(slots=True)
class Layout:
    """The frames of one future stack, in display order."""

    slices: list[Placed]
    volume: bool  # plane geometry, ordered along the normal
    # Layouts of one family hold frames that nothing but their pixels tells apart (the
    # k-th frame at each position, or files with one SOP Instance UID); the primary one
    # comes first, the frames of the others are compared with it after decoding.
    family: Hashable | None = None
    primary: bool = True
    warnings: list[str] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple[int, int]:
        numbers = [p.record.instance_number for p in self.slices
                   if p.record.instance_number is not None]
        return (min(numbers) if numbers else 0, min(p.record.index for p in self.slices))


def _moving_frames(record: ImageRecord) -> bool:
    """Every frame has plane geometry and the frames are not all at one position."""
    infos = record.frames_info
    if not all(info.has_plane for info in infos):
        return False
    if record.frames == 1:
        return True
    first = np.asarray(infos[0].position)
    return any(
        float(np.linalg.norm(np.asarray(info.position) - first)) > SAME_POSITION_TOLERANCE
        for info in infos[1:]
    )


def _cosines(info: FrameInfo) -> np.ndarray:
    if info.row_cosine is None or info.column_cosine is None:
        raise ValueError("frame has no orientation")
    return np.asarray(info.row_cosine + info.column_cosine)


def _same_group(a: Placed, b: Placed) -> bool:
    ia, ib = a.info, b.info
    if (ia.localizer, a.record.header.frame_of_reference_uid) != (
        ib.localizer, b.record.header.frame_of_reference_uid
    ):
        return False
    if not np.allclose(_cosines(ia), _cosines(ib), atol=_COSINE_TOLERANCE):
        return False
    if (ia.pixel_spacing is None) != (ib.pixel_spacing is None):
        return False
    return ia.pixel_spacing is None or bool(
        np.allclose(ia.pixel_spacing, ib.pixel_spacing, rtol=_SPACING_TOLERANCE))


def assemble(records: list[ImageRecord]) -> list[Layout]:
    """Layouts for records of one series that share size and pixel type."""
    layouts: list[Layout] = []
    groups: list[list[Placed]] = []
    seen_sop: dict[str, ImageRecord] = {}
    for record in records:
        if _moving_frames(record):
            for frame in range(record.frames):
                unit = Placed(record, frame)
                for group in groups:
                    if _same_group(group[0], unit):
                        group.append(unit)
                        break
                else:
                    groups.append([unit])
            continue
        earlier = seen_sop.get(record.sop_uid) if record.sop_uid else None
        family = ("file", record.sop_uid) if record.sop_uid else None
        slices = [Placed(record, f, (family, f) if family else None)
                  for f in range(record.frames)]
        layouts.append(Layout(slices, volume=False, family=family, primary=earlier is None))
        seen_sop.setdefault(record.sop_uid, record)
    for number, group in enumerate(groups):
        layouts.extend(_split_group(number, group))
    return sorted(layouts, key=lambda layout: layout.sort_key)


def _clusters(group: list[Placed]) -> list[list[Placed]]:
    """Frames of one orientation group ordered along the normal, bunched by position."""
    cosines = _cosines(group[0].info)
    normal = slice_normal(cosines[:3], cosines[3:])

    def depth(p: Placed) -> float:
        return float(np.asarray(p.info.position) @ normal)

    ordered = sorted(group, key=lambda p: (depth(p), p.record.instance_number or 0,
                                           p.record.index, p.frame))
    clusters: list[list[Placed]] = []
    for unit in ordered:
        if clusters and abs(depth(unit) - depth(clusters[-1][0])) <= SAME_POSITION_TOLERANCE:
            clusters[-1].append(unit)
        else:
            clusters.append([unit])
    return clusters


def _split_group(number: int, group: list[Placed]) -> list[Layout]:
    clusters = _clusters(group)
    localizer = group[0].info.localizer
    note = ["Localizer: kept apart from the series' other images"] if localizer else []
    multiplicity = max(len(c) for c in clusters)
    if multiplicity == 1:
        return [Layout([c[0] for c in clusters], volume=True, warnings=note)]
    key = _distinguishing_key(clusters, multiplicity)
    if key is not None:
        by_value: dict[str, list[Placed]] = defaultdict(list)
        for cluster in clusters:
            for unit in cluster:
                by_value[str(unit.info.keys[key])].append(unit)
        values = sorted(by_value, key=_natural)
        return [
            Layout(by_value[value], volume=True, warnings=note + [
                f"Same positions as {len(values) - 1} other stack(s) of the series; "
                f"this one is {KEY_NAMES[key]} {value} ({k + 1} of {len(values)})"])
            for k, value in enumerate(values)
        ]
    layouts = []
    for rank in range(multiplicity):
        slices = []
        for position, cluster in enumerate(clusters):
            if rank < len(cluster):
                unit = cluster[rank]
                unit.twin = ("position", number, position)
                slices.append(unit)
        layouts.append(Layout(slices, volume=True, family=("position", number),
                              primary=rank == 0, warnings=list(note)))
    return layouts


def _distinguishing_key(clusters: list[list[Placed]], multiplicity: int) -> int | None:
    """The first attribute whose values differ within every position and that takes as
    many values over the group as the most repeated position has frames."""
    for key in range(len(KEY_NAMES)):
        values: set[str] = set()
        for cluster in clusters:
            found = [unit.info.keys[key] for unit in cluster]
            if None in found or len(set(found)) != len(found):
                break
            values.update(v for v in found if v is not None)
        else:
            if len(values) == multiplicity:
                return key
    return None


def _natural(value: str) -> tuple[int, float, str]:
    """Numbers in numeric order, then text."""
    try:
        return (0, float(value), value)
    except ValueError:
        return (1, 0.0, value)
