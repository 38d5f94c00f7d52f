"""Orientation letters at the middle of the four edges, and the laterality marker.

The letters are :func:`workstation.core.orientation.edge_letters` passed through the
view's rotation and flips, so that they always name the patient direction the screen edge
faces (PS3.3 C.7.6.1.1.1). Laterality of a projection image (MG, CR, DX: R, L, B) is drawn
in a large font so that the side can never be misread.
"""

from __future__ import annotations

from vtkmodules.vtkRenderingCore import vtkRenderer, vtkTextActor

from workstation.core.orientation import EdgeLetters
from workstation.core.stack import ImageStack
from workstation.render.annotations import LETTER_SCALE, MARGIN_PX, font_size_for

LATERALITY_SCALE = 2.2
LETTER_COLOR = (1.0, 0.85, 0.3)


def _text_actor(renderer: vtkRenderer, color: tuple[float, float, float]) -> vtkTextActor:
    actor = vtkTextActor()
    prop = actor.GetTextProperty()
    prop.SetColor(*color)
    prop.ShadowOn()
    prop.SetShadowOffset(1, -1)
    prop.SetFontFamilyToArial()
    prop.BoldOn()
    actor.GetPositionCoordinate().SetCoordinateSystemToViewport()
    actor.SetPickable(False)
    renderer.AddViewProp(actor)
    return actor


class EdgeLabels:
    """Four letter actors (top, right, bottom, left) and one laterality actor."""

    EDGES = ("top", "right", "bottom", "left")

    def __init__(self, renderer: vtkRenderer) -> None:
        self._letters = {edge: _text_actor(renderer, LETTER_COLOR) for edge in self.EDGES}
        for edge, actor in self._letters.items():
            prop = actor.GetTextProperty()
            prop.SetJustification({"left": 0, "right": 2}.get(edge, 1))  # left/centred/right
            prop.SetVerticalJustification({"top": 2, "bottom": 0}.get(edge, 1))
        self._laterality = _text_actor(renderer, (1.0, 1.0, 1.0))
        self._laterality.GetTextProperty().SetJustificationToLeft()
        self._laterality.GetTextProperty().SetVerticalJustificationToTop()
        self._size: tuple[int, int] = (0, 0)

    def set_letters(self, letters: EdgeLetters | None) -> None:
        for edge, actor in self._letters.items():
            actor.SetInput(getattr(letters, edge) if letters is not None else "")

    def set_laterality(self, text: str) -> None:
        self._laterality.SetInput(text)

    def set_visible(self, visible: bool) -> None:
        for actor in (*self._letters.values(), self._laterality):
            actor.SetVisibility(visible)

    def text(self) -> dict[str, str]:
        shown = {edge: actor.GetInput() or "" for edge, actor in self._letters.items()}
        shown["laterality"] = self._laterality.GetInput() or ""
        return shown

    def layout(self, width: int, height: int) -> None:
        if (width, height) == self._size:
            return
        self._size = (width, height)
        size = font_size_for(height)
        anchors = {
            "top": (width / 2.0, height - MARGIN_PX),
            "right": (width - MARGIN_PX, height / 2.0),
            "bottom": (width / 2.0, MARGIN_PX),
            "left": (MARGIN_PX, height / 2.0),
        }
        for edge, actor in self._letters.items():
            actor.GetTextProperty().SetFontSize(round(size * LETTER_SCALE))
            actor.SetPosition(*anchors[edge])
        # Below the patient block of the top-left corner, clear of the left letter.
        self._laterality.GetTextProperty().SetFontSize(round(size * LATERALITY_SCALE))
        self._laterality.SetPosition(MARGIN_PX, height * 0.78)


def laterality_text(stack: ImageStack) -> str:
    """Side and view of a projection image ("R CC"), from Image/Frame Laterality."""
    projection = stack.projection
    if projection is not None and projection.laterality:
        return f"{projection.laterality} {projection.view}".strip()
    header = stack.header
    if header.laterality and header.modality.upper() in ("MG", "CR", "DX"):
        return f"{header.laterality} {header.view_position}".strip()
    return ""
