"""A scale bar along the right edge: a round length in mm or cm with 10 mm ticks.

Its length comes from the image plane's millimetres per display pixel, i.e. from the
stack's pixel spacing (PS3.3 10.7.1.3; for projection images whichever spacing the loader
chose, see :mod:`workstation.core.projection_info`). With no spacing it is hidden, since
a bar in pixels says nothing.
"""

from __future__ import annotations

import math

from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkRenderingCore import (
    vtkActor2D,
    vtkPolyDataMapper2D,
    vtkRenderer,
    vtkTextActor,
)

from workstation.render.annotations import MARGIN_PX, font_size_for

MAX_FRACTION = 0.25  # of the viewport height
BOTTOM_FRACTION = 0.15  # the bar starts this far up, above the bottom-right text
TICK_PX = 5


def nice_length_mm(max_mm: float) -> float:
    """The largest 1, 2 or 5 x 10^n mm not longer than ``max_mm``."""
    if max_mm <= 0 or not math.isfinite(max_mm):
        return 0.0
    exponent = math.floor(math.log10(max_mm))
    for step in (5.0, 2.0, 1.0):
        value = step * 10.0**exponent
        if value <= max_mm * (1 + 1e-9):
            return value
    return 10.0 ** (exponent - 1) * 5.0


def length_label(mm: float) -> str:
    return f"{mm / 10:g} cm" if mm >= 10 else f"{mm:g} mm"


class ScaleBar:
    def __init__(self, renderer: vtkRenderer) -> None:
        self._poly = vtkPolyData()
        mapper = vtkPolyDataMapper2D()
        mapper.SetInputData(self._poly)
        self._actor = vtkActor2D()
        self._actor.SetMapper(mapper)
        self._actor.GetProperty().SetColor(1.0, 1.0, 1.0)
        self._actor.GetProperty().SetLineWidth(1.0)
        self._actor.SetPickable(False)
        self._label = vtkTextActor()
        prop = self._label.GetTextProperty()
        prop.SetColor(1.0, 1.0, 1.0)
        prop.ShadowOn()
        prop.SetJustificationToRight()
        prop.SetVerticalJustificationToCentered()
        self._label.GetPositionCoordinate().SetCoordinateSystemToViewport()
        renderer.AddViewProp(self._actor)
        renderer.AddViewProp(self._label)
        self.length_mm = 0.0
        self.length_px = 0.0

    def update(self, width: int, height: int, mm_per_px: float | None) -> None:
        """Lay the bar out for this viewport; ``mm_per_px`` None hides it."""
        length = 0.0 if mm_per_px is None else nice_length_mm(MAX_FRACTION * height * mm_per_px)
        visible = length > 0
        self._actor.SetVisibility(visible)
        self._label.SetVisibility(visible)
        self.length_mm = length
        if not visible or mm_per_px is None:
            self.length_px = 0.0
            return
        self.length_px = length / mm_per_px
        x = width - MARGIN_PX - 0.5
        y0 = round(height * BOTTOM_FRACTION) + 0.5
        y1 = y0 + self.length_px
        points = vtkPoints()
        lines = vtkCellArray()

        def segment(xa: float, ya: float, xb: float, yb: float) -> None:
            a = points.InsertNextPoint(xa, ya, 0.0)
            b = points.InsertNextPoint(xb, yb, 0.0)
            lines.InsertNextCell(2)
            lines.InsertCellPoint(a)
            lines.InsertCellPoint(b)

        segment(x, y0, x, y1)
        ticks = int(round(length / 10.0)) if length >= 10 else 1
        if ticks > 10:
            ticks = 1
        for i in range(ticks + 1):
            y = y0 + self.length_px * i / ticks
            size = TICK_PX if i in (0, ticks) else TICK_PX - 2
            segment(x - size, y, x, y)
        self._poly.SetPoints(points)
        self._poly.SetLines(lines)
        self._poly.Modified()
        self._label.SetInput(length_label(length))
        self._label.GetTextProperty().SetFontSize(font_size_for(height))
        self._label.SetPosition(x - TICK_PX - 3, (y0 + y1) / 2.0)

    def text(self) -> str:
        return self._label.GetInput() or "" if self._label.GetVisibility() else ""
