"""Reference lines: where another viewport's image plane cuts this viewport's image.

Both planes come from Image Position (Patient), Image Orientation (Patient) and Pixel
Spacing (PS3.3 C.7.6.2.1.1, 10.7.1.3): pixel (row r, column c) of a slice lies at
``origin + row_cosine * column_spacing * c + column_cosine * row_spacing * r`` in patient
LPS millimetres. The other slice is a bounded rectangle (its pixels' outer edges, half a
pixel beyond the first and last centres); its edges are cut with this plane, and the
resulting segment is expressed in this image's (row, column) coordinates and clipped to
this image's rectangle. A line only means something inside one frame of reference
(PS3.3 C.7.4.1.1.1), and parallel planes have none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workstation.core.stack import ImageStack

Point = tuple[float, float]  # (row, column)
Segment = tuple[Point, Point]

# Planes whose normals are closer than this (|cos|) are parallel: no line is drawn.
PARALLEL_COS = 0.99
_EPS = 1e-9


@dataclass(frozen=True, slots=True)
class ImagePlane:
    """One slice's plane in patient coordinates and its pixel grid; the unit normal and
    the four outer corners are computed once (a grid of 16 viewports compares 240 pairs
    on every scroll)."""

    origin: np.ndarray  # LPS mm of the centre of pixel (0, 0)
    row_cosine: np.ndarray  # direction of increasing column
    column_cosine: np.ndarray  # direction of increasing row
    row_spacing: float  # mm between row centres
    column_spacing: float  # mm between column centres
    rows: int
    columns: int
    frame_of_reference_uid: str = ""
    normal: np.ndarray = field(init=False)
    corners: np.ndarray = field(init=False)  # (4, 3), in order around the image

    def __post_init__(self) -> None:
        n = np.cross(self.row_cosine, self.column_cosine)
        object.__setattr__(self, "normal", n / max(float(np.linalg.norm(n)), _EPS))
        r0, r1, c0, c1 = -0.5, self.rows - 0.5, -0.5, self.columns - 0.5
        rc = np.array([[r0, c0], [r0, c1], [r1, c1], [r1, c0]])
        corners = (self.origin + np.outer(rc[:, 1] * self.column_spacing, self.row_cosine)
                   + np.outer(rc[:, 0] * self.row_spacing, self.column_cosine))
        object.__setattr__(self, "corners", corners)

    def point(self, row: float, col: float) -> np.ndarray:
        return (self.origin + self.row_cosine * self.column_spacing * col
                + self.column_cosine * self.row_spacing * row)

    def to_image(self, p: np.ndarray) -> Point:
        """(row, column) of the projection of patient point ``p`` onto this plane."""
        d = np.asarray(p, dtype=np.float64) - self.origin
        return (float(d @ self.column_cosine) / self.row_spacing,
                float(d @ self.row_cosine) / self.column_spacing)


def plane_of(stack: ImageStack, k: int) -> ImagePlane | None:
    """Plane of slice ``k``; None when the stack has no position for it."""
    if not 0 <= k < len(stack.positions):
        return None
    row_cos = np.asarray(stack.row_cosine, dtype=np.float64)
    col_cos = np.asarray(stack.column_cosine, dtype=np.float64)
    if float(np.linalg.norm(np.cross(row_cos, col_cos))) < 1e-6:
        return None
    return ImagePlane(np.asarray(stack.positions[k], dtype=np.float64), row_cos, col_cos,
                      float(stack.pixel_spacing[0]), float(stack.pixel_spacing[1]),
                      stack.rows, stack.columns, stack.header.frame_of_reference_uid)


def reference_line(target: ImagePlane, other: ImagePlane) -> Segment | None:
    """The segment of ``target``'s image where ``other``'s slice crosses it, in
    ``target``'s (row, column) coordinates; None when the planes do not share a frame of
    reference, are parallel, or do not meet within both images."""
    if not target.frame_of_reference_uid or (
        target.frame_of_reference_uid != other.frame_of_reference_uid
    ):
        return None
    normal = target.normal
    if abs(float(normal @ other.normal)) >= PARALLEL_COS:
        return None
    corners = other.corners
    dist = (corners - target.origin) @ normal
    if dist.min() > 0 or dist.max() < 0:
        return None  # the other slice lies wholly on one side of this plane
    hits: list[np.ndarray] = []
    for i in range(4):
        j = (i + 1) % 4
        da, db = float(dist[i]), float(dist[j])
        if abs(da) < _EPS:
            hits.append(corners[i])
        elif da * db < 0:
            hits.append(corners[i] + (corners[j] - corners[i]) * (da / (da - db)))
    if len(hits) < 2:
        return None
    # Two distinct crossings: the farthest apart (a corner on the plane counts twice).
    first = hits[0]
    second = max(hits[1:], key=lambda h: float(np.linalg.norm(h - first)))
    if float(np.linalg.norm(second - first)) < _EPS:
        return None
    return clip_to_image(target.to_image(first), target.to_image(second),
                         target.rows, target.columns)


def clip_to_image(a: Point, b: Point, rows: int, columns: int) -> Segment | None:
    """Liang-Barsky clip of segment a-b to the image rectangle (pixel outer edges)."""
    (r0, c0), (r1, c1) = a, b
    dr, dc = r1 - r0, c1 - c0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dc, c0 + 0.5), (dc, columns - 0.5 - c0),
                 (-dr, r0 + 0.5), (dr, rows - 0.5 - r0)):
        if abs(p) < _EPS:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return (r0 + t0 * dr, c0 + t0 * dc), (r0 + t1 * dr, c0 + t1 * dc)


def reference_lines(target: ImageStack, k: int,
                    others: list[tuple[ImageStack, int]]) -> list[Segment]:
    """Lines in slice ``k`` of ``target`` for each (stack, slice) shown elsewhere."""
    plane = plane_of(target, k)
    if plane is None:
        return []
    return lines_in(plane, [plane_of(stack, index) for stack, index in others])


def lines_in(plane: ImagePlane, others: list[ImagePlane | None]) -> list[Segment]:
    """Lines in ``plane`` for each of the other planes that crosses it."""
    lines = []
    for other in others:
        segment = reference_line(plane, other) if other is not None else None
        if segment is not None:
            lines.append(segment)
    return lines
