"""The four corner texts of a viewport (patient, study, series/slice, window/zoom).

The text itself comes from :func:`workstation.core.overlay.corner_text`; this module only
places it: white with a dark drop shadow so that it stays legible over bright bone and
dark air alike, anchored to the corners with a small margin, and a font size that follows
the viewport height.
"""

from __future__ import annotations

from vtkmodules.vtkRenderingCore import vtkRenderer, vtkTextActor

from workstation.core.overlay import CornerText

MARGIN_PX = 6
MIN_FONT_PX = 10
MAX_FONT_PX = 26


def font_size_for(height_px: int) -> int:
    """About 45 text lines per viewport height, clamped to stay readable and unobtrusive."""
    return max(MIN_FONT_PX, min(MAX_FONT_PX, round(height_px / 45)))


class CornerAnnotations:
    """Four vtkTextActors in viewport pixel coordinates, one per corner."""

    _CORNERS = ("top_left", "top_right", "bottom_left", "bottom_right")

    def __init__(self, renderer: vtkRenderer) -> None:
        self._actors: dict[str, vtkTextActor] = {}
        for corner in self._CORNERS:
            actor = vtkTextActor()
            prop = actor.GetTextProperty()
            prop.SetColor(1.0, 1.0, 1.0)
            prop.ShadowOn()
            prop.SetShadowOffset(1, -1)
            prop.SetFontFamilyToArial()
            if corner.endswith("left"):
                prop.SetJustificationToLeft()
            else:
                prop.SetJustificationToRight()
            if corner.startswith("top"):
                prop.SetVerticalJustificationToTop()
            else:
                prop.SetVerticalJustificationToBottom()
            actor.GetPositionCoordinate().SetCoordinateSystemToViewport()
            actor.SetPickable(False)
            renderer.AddViewProp(actor)
            self._actors[corner] = actor
        self._size: tuple[int, int] = (0, 0)

    def set_text(self, text: CornerText | None) -> None:
        for corner, actor in self._actors.items():
            actor.SetInput(getattr(text, corner) if text is not None else "")

    def set_visible(self, visible: bool) -> None:
        for actor in self._actors.values():
            actor.SetVisibility(visible)

    def text(self) -> dict[str, str]:
        return {corner: actor.GetInput() or "" for corner, actor in self._actors.items()}

    def layout(self, width: int, height: int) -> None:
        """Re-anchor to the corners and rescale the font after a viewport resize."""
        if (width, height) == self._size:
            return
        self._size = (width, height)
        size = font_size_for(height)
        right, top = max(width - MARGIN_PX, 0), max(height - MARGIN_PX, 0)
        anchors = {
            "top_left": (MARGIN_PX, top),
            "top_right": (right, top),
            "bottom_left": (MARGIN_PX, MARGIN_PX),
            "bottom_right": (right, MARGIN_PX),
        }
        for corner, actor in self._actors.items():
            actor.GetTextProperty().SetFontSize(size)
            actor.SetPosition(*anchors[corner])
