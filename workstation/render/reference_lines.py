"""Reference lines drawn over the image: the other viewports' planes cutting this one.

The segments come from :mod:`workstation.core.reference_lines` in image (row, column)
coordinates; like the measurement outlines they are one vtkPolyData in image-plane
millimetres carried by an actor sharing the image actor's matrix, so they stay on their
pixels through zoom, pan, rotation and flips.
"""

from __future__ import annotations

from collections.abc import Sequence

from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper, vtkRenderer

from workstation.core.reference_lines import Segment

COLOR = (1.0, 0.85, 0.0)  # yellow: apart from the green measurements and amber frame
_Z = -0.25  # in front of the image, behind the measurement outlines


class ReferenceLineLayer:
    def __init__(self, renderer: vtkRenderer, matrix: vtkMatrix4x4) -> None:
        self._poly = vtkPolyData()
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(self._poly)
        self._actor = vtkActor()
        self._actor.SetMapper(mapper)
        prop = self._actor.GetProperty()
        prop.SetColor(*COLOR)
        prop.SetLineWidth(1.0)
        prop.LightingOff()
        self._actor.SetUserMatrix(matrix)
        self._actor.SetPickable(False)
        self._actor.VisibilityOff()
        renderer.AddViewProp(self._actor)
        self.segments: list[Segment] = []
        self._shown = True

    def set_segments(self, segments: Sequence[Segment], row_spacing: float,
                     column_spacing: float) -> bool:
        """Draw these segments; False when they are the ones already drawn."""
        segments = [(tuple(a), tuple(b)) for a, b in segments]
        if segments == self.segments:
            return False
        self.segments = segments
        points, lines = vtkPoints(), vtkCellArray()
        for (ra, ca), (rb, cb) in segments:
            lines.InsertNextCell(2)
            lines.InsertCellPoint(points.InsertNextPoint(ca * column_spacing, ra * row_spacing, _Z))
            lines.InsertCellPoint(points.InsertNextPoint(cb * column_spacing, rb * row_spacing, _Z))
        self._poly.SetPoints(points)
        self._poly.SetLines(lines)
        self._poly.Modified()
        self._actor.SetVisibility(bool(segments) and self._shown)
        return True

    def show(self, visible: bool) -> None:
        """Hidden with the other overlays (the segments are kept)."""
        self._shown = bool(visible)
        self._actor.SetVisibility(bool(self.segments) and self._shown)
