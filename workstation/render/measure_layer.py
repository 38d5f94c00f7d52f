"""Measurements drawn over the image: lines and outlines in image space, upright labels.

Outlines are one vtkPolyData in image-plane millimetres (x = column x column spacing,
y = row x row spacing, PS3.3 10.7.1.3), carried by an actor that shares the image actor's
matrix, so they turn and mirror with the picture and stay on their pixels at any zoom.
Labels are text actors placed in display pixels next to each measurement's last point,
so they are never mirrored. Only the measurements of the slice on screen are shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkRenderingCore import (
    vtkActor,
    vtkPolyDataMapper,
    vtkRenderer,
    vtkTextActor,
)

from workstation.core.measurements import Calibration, Measurement
from workstation.core.roi_stats import EllipseRoi, FreehandRoi, RectangleRoi, Region, roi_stats
from workstation.core.stack import ImageStack

COLOR = (0.3, 1.0, 0.3)
LABEL_OFFSET_PX = 8
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
        self._labels: list[tuple[vtkTextActor, tuple[float, float]]] = []
        self._measurements: list[Measurement] = []

    def set_measurements(self, measurements: Sequence[Measurement]) -> None:
        self._measurements = list(measurements)

    def update(self, stack: ImageStack | None, slice_index: int) -> None:
        """Rebuild outlines and label texts for the slice on screen."""
        for actor, _ in self._labels:
            self._renderer.RemoveViewProp(actor)
        self._labels = []
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

    def layout(self, to_display: Callable[[float, float], tuple[float, float]], height: int,
               font_px: int, visible: bool) -> None:
        """Place labels beside their points (display y runs down, VTK's up)."""
        self._actor.SetVisibility(visible)
        for actor, (row, col) in self._labels:
            x, y = to_display(row, col)
            actor.GetTextProperty().SetFontSize(font_px)
            actor.SetPosition(x + LABEL_OFFSET_PX, height - y - LABEL_OFFSET_PX)
            actor.SetVisibility(visible)

    def texts(self) -> list[str]:
        return [actor.GetInput() or "" for actor, _ in self._labels]
