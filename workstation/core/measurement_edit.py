"""Editing a measurement by its handles, and measurements as records for the report.

Handles are the points a reader can grab: the ends of a line, the vertex and arm ends of
an angle, the vertices of a freehand outline, and the four corners of a rectangle or of
an ellipse's bounding box. Moving a corner keeps the opposite corner where it is.
Measurements are frozen values, so an edit returns a new measurement on the same image;
its value is computed again from the new points wherever it is shown.

A :class:`MeasurementRecord` ties a measurement to the series and instance (SOP Instance
UID) it was made on, the references a report or an SR needs (PS3.3 C.17.3.2.4: image
references name the SOP Instance), together with the label the viewer shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from workstation.core.measurements import Measurement, Point

BOX_KINDS = ("rectangle", "ellipse")


def handles(measurement: Measurement) -> list[Point]:
    """The points that can be dragged, in image (row, column) coordinates."""
    points = list(measurement.points)
    if measurement.kind in BOX_KINDS and len(points) >= 2:
        (ra, ca), (rb, cb) = points[:2]
        return [(ra, ca), (ra, cb), (rb, cb), (rb, ca)]
    return points


def moved(measurement: Measurement, handle: int, point: Point) -> Measurement:
    """The measurement with handle ``handle`` at ``point`` (same image, same kind)."""
    point = (float(point[0]), float(point[1]))
    if measurement.kind in BOX_KINDS and len(measurement.points) >= 2:
        (pr, pc), (orow, ocol) = point, handles(measurement)[(handle + 2) % 4]
        # Ordered so that the dragged corner keeps its handle number as it moves.
        corners = {0: ((pr, pc), (orow, ocol)), 1: ((pr, ocol), (orow, pc)),
                   2: ((orow, ocol), (pr, pc)), 3: ((orow, pc), (pr, ocol))}
        return replace(measurement, points=corners[handle % 4])
    points = list(measurement.points)
    if not 0 <= handle < len(points):
        raise IndexError(f"no handle {handle}")
    points[handle] = point
    return replace(measurement, points=tuple(points))


def nearest_handle(measurements: Sequence[Measurement], slice_index: int,
                   to_display: Callable[[float, float], tuple[float, float]],
                   x: float, y: float, radius: float) -> tuple[int, int] | None:
    """(index in ``measurements``, handle) of the handle on slice ``slice_index`` nearest
    to display point (x, y) within ``radius`` display pixels; the newest measurement wins
    a tie, since it is drawn on top."""
    best: tuple[float, int, int] | None = None
    for i, m in enumerate(measurements):
        if m.slice_index != slice_index:
            continue
        for h, (row, col) in enumerate(handles(m)):
            hx, hy = to_display(row, col)
            d = math.hypot(hx - x, hy - y)
            if d <= radius and (best is None or d <= best[0]):
                best = (d, i, h)
    return (best[1], best[2]) if best is not None else None


@dataclass(frozen=True, slots=True)
class MeasurementRecord:
    """A measurement with the series and instance it belongs to and its shown value."""

    series_uid: str
    sop_instance_uid: str
    slice_index: int
    measurement: Measurement
    label: str  # e.g. "50.0 mm (PixelSpacing)" or the ROI statistics

    @property
    def kind(self) -> str:
        return self.measurement.kind


@dataclass(frozen=True, slots=True)
class KeyImageRecord:
    """A key image: series, instance and its index in the stack shown."""

    series_uid: str
    sop_instance_uid: str
    slice_index: int
