"""Measurements drawn over the image: lines and outlines in image space, upright labels.

Outlines are one vtkPolyData in image-plane millimetres (x = column x column spacing,
y = row x row spacing, PS3.3 10.7.1.3), carried by an actor that shares the image actor's
matrix, so they turn and mirror with the picture and stay on their pixels at any zoom.
Labels are text actors placed in display pixels next to each measurement's last point,
so they are never mirrored, and kept inside the viewport however small its cell. Only the measurements of the slice on screen are shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkRenderingCore import (
    vtkActor,
    vtkActor2D,
    vtkPolyDataMapper,
    vtkPolyDataMapper2D,
    vtkRenderer,
    vtkTextActor,
)

from workstation.core.measurement_edit import handles
from workstation.core.measurements import Calibration, Measurement
from workstation.core.roi_stats import EllipseRoi, FreehandRoi, RectangleRoi, Region, roi_stats
from workstation.core.stack import ImageStack

COLOR = (0.3, 1.0, 0.3)
LABEL_OFFSET_PX = 8
EDGE_MARGIN_PX = 2  # labels keep this far from the viewport's edges
MIN_LABEL_FONT_PX = 8
HANDLE_HALF_PX = 3  # half the side of the squares marking the selected one's handles
ELLIPSE_SEGMENTS = 72
_Z = -0.5  # just in front of the image plane, towards the camera at -z


def outline(measurement: Measurement) -> list[list[tuple[float, float]]]:
    """Polylines (lists of (row, column)) that draw a measurement."""
    p = list(measurement.points)
    if isinstance(measurement, RectangleRoi):
        (ra, ca), (rb, cb) = p[:2]
        return [[(ra, ca), (ra, cb), (rb, cb), (rb, ca), (ra, ca)]]
    if isinstance(measurement, EllipseRoi):
        (ra, ca), (rb, cb) = p[:2]
        t = np.linspace(0.0, 2.0 * np.pi, ELLIPSE_SEGMENTS + 1)
        rows = (ra + rb) / 2 + abs(rb - ra) / 2 * np.sin(t)
        cols = (ca + cb) / 2 + abs(cb - ca) / 2 * np.cos(t)
        return [list(zip(rows.tolist(), cols.tolist(), strict=True))]
    if isinstance(measurement, FreehandRoi):
        return [[*p, p[0]]] if p else []
    if measurement.kind == "cobb":
        return [p[0:2], p[2:4]]
    return [p]  # length: one segment; angle: arm, vertex, arm


def label_text(measurement: Measurement, stack: ImageStack) -> str:
    if isinstance(measurement, Region):
        stats = roi_stats(stack, measurement)
        return stats.label() if stats is not None else ""
    measure = getattr(measurement, "measure", None)
    return measure(Calibration.of(stack)).label() if measure is not None else ""


class MeasureLayer:
    def __init__(self, renderer: vtkRenderer, matrix: vtkMatrix4x4) -> None:
        self._renderer = renderer
        self._poly = vtkPolyData()
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(self._poly)
        self._actor = vtkActor()
        self._actor.SetMapper(mapper)
        self._actor.GetProperty().SetColor(*COLOR)
        self._actor.GetProperty().SetLineWidth(1.0)
        self._actor.GetProperty().LightingOff()
        self._actor.SetUserMatrix(matrix)
        self._actor.SetPickable(False)
        renderer.AddViewProp(self._actor)
        # Handles of the selected measurement: small squares in display pixels.
        self._handle_poly = vtkPolyData()
        handle_mapper = vtkPolyDataMapper2D()
        handle_mapper.SetInputData(self._handle_poly)
        self._handle_actor = vtkActor2D()
        self._handle_actor.SetMapper(handle_mapper)
        self._handle_actor.GetProperty().SetColor(*COLOR)
        self._handle_actor.SetPickable(False)
        renderer.AddViewProp(self._handle_actor)
        self.selected: Measurement | None = None
        self._labels: list[tuple[vtkTextActor, tuple[float, float]]] = []
        self._slice = -1
        self._measurements: list[Measurement] = []
        self._boxes: list[tuple[float, float, float, float]] = []

    def set_measurements(self, measurements: Sequence[Measurement],
                         selected: Measurement | None = None) -> None:
        """The measurements to draw; ``selected`` (one of them) shows its handles."""
        self._measurements = list(measurements)
        self.selected = selected

    def update(self, stack: ImageStack | None, slice_index: int) -> None:
        """Rebuild outlines and label texts for the slice on screen."""
        for actor, _ in self._labels:
            self._renderer.RemoveViewProp(actor)
        self._labels = []
        self._slice = slice_index
        points, lines = vtkPoints(), vtkCellArray()
        if stack is not None:
            rs, cs = stack.pixel_spacing
            for m in self._measurements:
                if m.slice_index != slice_index or not m.points:
                    continue
                for polyline in outline(m):
                    lines.InsertNextCell(len(polyline))
                    for row, col in polyline:
                        lines.InsertCellPoint(points.InsertNextPoint(col * cs, row * rs, _Z))
                self._add_label(label_text(m, stack), m.points[-1])
        self._poly.SetPoints(points)
        self._poly.SetLines(lines)
        self._poly.Modified()

    def _add_label(self, text: str, anchor: tuple[float, float]) -> None:
        if not text:
            return
        actor = vtkTextActor()
        actor.SetInput(text)
        prop = actor.GetTextProperty()
        prop.SetColor(*COLOR)
        prop.ShadowOn()
        prop.SetVerticalJustificationToTop()
        actor.GetPositionCoordinate().SetCoordinateSystemToViewport()
        actor.SetPickable(False)
        self._renderer.AddViewProp(actor)
        self._labels.append((actor, anchor))

    def layout(self, to_display: Callable[[float, float], tuple[float, float]], width: int,
               height: int, font_px: int, visible: bool) -> None:
        """Place labels beside their points, kept whole inside the viewport: a label that
        would cross the right or bottom edge goes to the other side of its point, then is
        shifted in; one wider than a small cell (4x4 layouts) gets a smaller font."""
        self._actor.SetVisibility(visible)
        self._boxes = []
        self._layout_handles(to_display, height, visible)
        for actor, (row, col) in self._labels:
            x, y = to_display(row, col)
            prop = actor.GetTextProperty()
            size = font_px
            prop.SetFontSize(size)
            w, h = self._text_size(actor)
            while (w > width - 2 * EDGE_MARGIN_PX or h > height - 2 * EDGE_MARGIN_PX) and (
                size > MIN_LABEL_FONT_PX
            ):
                size -= 1
                prop.SetFontSize(size)
                w, h = self._text_size(actor)
            left, top = self._place(x, y, w, h, width, height)
            actor.SetPosition(left, height - top)  # VTK rows run up; text hangs from it
            actor.SetVisibility(visible)
            self._boxes.append((left, top, left + w, top + h))

    def _layout_handles(self, to_display: Callable[[float, float], tuple[float, float]],
                        height: int, visible: bool) -> None:
        points, lines = vtkPoints(), vtkCellArray()
        m = self.selected
        if m is not None and visible and any(m is shown for shown in self._measurements) and (
            m.slice_index == self._slice
        ):
            h = HANDLE_HALF_PX
            for row, col in handles(m):
                x, y = to_display(row, col)
                y = height - y  # VTK display rows run up
                ids = [points.InsertNextPoint(x + dx, y + dy, 0.0)
                       for dx, dy in ((-h, -h), (h, -h), (h, h), (-h, h), (-h, -h))]
                lines.InsertNextCell(len(ids))
                for i in ids:
                    lines.InsertCellPoint(i)
        self._handle_poly.SetPoints(points)
        self._handle_poly.SetLines(lines)
        self._handle_poly.Modified()

    def _place(self, x: float, y: float, w: float, h: float, width: int,
               height: int) -> tuple[float, float]:
        """Top-left of a w x h label for a point at display (x, y): below right of it,
        else on whichever side keeps it whole, never over a label already placed when
        another side is free; always shifted inside the viewport."""
        def clamp(left: float, top: float) -> tuple[float, float]:
            left = min(max(left, EDGE_MARGIN_PX), max(width - EDGE_MARGIN_PX - w, 0))
            top = min(max(top, EDGE_MARGIN_PX), max(height - EDGE_MARGIN_PX - h, 0))
            return left, top

        right_side, left_side = x + LABEL_OFFSET_PX, x - LABEL_OFFSET_PX - w
        below, above = y + LABEL_OFFSET_PX, y - LABEL_OFFSET_PX - h
        horizontal = (right_side, left_side) if right_side + w <= width - EDGE_MARGIN_PX else (
            left_side, right_side)
        vertical = (below, above) if below + h <= height - EDGE_MARGIN_PX else (above, below)
        candidates = [clamp(hx, vy) for vy in vertical for hx in horizontal]

        def hits(left: float, top: float) -> list[tuple[float, float, float, float]]:
            return [b for b in self._boxes
                    if left < b[2] and b[0] < left + w and top < b[3] and b[1] < top + h]

        for left, top in candidates:
            if not hits(left, top):
                return left, top
        left, top = candidates[0]
        for _ in range(len(self._boxes)):  # crowded (small cell): stack above the others
            blocking = hits(left, top)
            if not blocking:
                break
            shifted = clamp(left, min(b[1] for b in blocking) - h - 1)
            if shifted == (left, top):
                break
            left, top = shifted
        return left, top

    def _text_size(self, actor: vtkTextActor) -> tuple[float, float]:
        size = [0.0, 0.0]
        actor.GetSize(self._renderer, size)
        return float(size[0]), float(size[1])

    def label_boxes(self) -> list[tuple[float, float, float, float]]:
        """(left, top, right, bottom) display pixels of each label as last placed."""
        return list(self._boxes)

    def texts(self) -> list[str]:
        return [actor.GetInput() or "" for actor, _ in self._labels]
