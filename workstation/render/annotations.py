"""The four corner texts of a viewport (patient, study, series/slice, window/zoom).

The text itself comes from :func:`workstation.core.overlay.corner_text`; this module only
places it: white with a dark drop shadow so that it stays legible over bright bone and
dark air alike, anchored to the corners with a small margin, and a font size that follows
the viewport height; in a narrow cell the font of a row's two corners shrinks until they
no longer overlap each other, and the line along the edge is shortened (with an ellipsis)
to keep clear of the orientation letter at the middle of that edge.
"""

from __future__ import annotations

from vtkmodules.vtkRenderingCore import vtkRenderer, vtkTextActor

from workstation.core.overlay import CornerText

MARGIN_PX = 6
MIN_FONT_PX = 10
MAX_FONT_PX = 26
# In small cells (4x4 layouts) the two corners of a row shrink down to this size rather
# than overlap each other.
MIN_FIT_FONT_PX = 7
LETTER_SCALE = 1.2  # the edge letters' font relative to the corners' (edge_labels)


def letter_gap_px(height_px: int) -> float:
    """Half the width of the bold edge letter at the middle of the top and bottom edges,
    plus a margin: the line of a corner along that edge keeps this far from the middle."""
    return 0.45 * round(font_size_for(height_px) * LETTER_SCALE) + MARGIN_PX


def font_size_for(height_px: int) -> int:
    """About 45 text lines per viewport height, clamped to stay readable and unobtrusive."""
    return max(MIN_FONT_PX, min(MAX_FONT_PX, round(height_px / 45)))


class CornerAnnotations:
    """Four vtkTextActors in viewport pixel coordinates, one per corner."""

    _CORNERS = ("top_left", "top_right", "bottom_left", "bottom_right")

    def __init__(self, renderer: vtkRenderer) -> None:
        self._renderer = renderer
        self._texts: dict[str, str] = {}
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
        self._probe = vtkTextActor()  # measures one line in a corner's font

    def set_text(self, text: CornerText | None) -> None:
        for corner, actor in self._actors.items():
            self._texts[corner] = getattr(text, corner) if text is not None else ""
            actor.SetInput(self._texts[corner])
        self._fit()

    def set_visible(self, visible: bool) -> None:
        for actor in self._actors.values():
            actor.SetVisibility(visible)

    def text(self) -> dict[str, str]:
        """The full texts (a narrow cell may show them shortened)."""
        return {corner: self._texts.get(corner, "") for corner in self._actors}

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
        self._fit()

    def _fit(self) -> None:
        """Shrink the font of a row (top or bottom) whose two corners would overlap, and
        shorten the line along the edge where it would reach the edge letter."""
        width, height = self._size
        if width <= 0:
            return
        base = font_size_for(height)
        room = width - 3 * MARGIN_PX
        half = max(width / 2.0 - letter_gap_px(height) - MARGIN_PX, 1.0)
        for left, right in (("top_left", "top_right"), ("bottom_left", "bottom_right")):
            pair = (self._actors[left], self._actors[right])
            edge = 0 if left.startswith("top") else -1  # the line along the edge
            for corner in (left, right):
                self._actors[corner].SetInput(self._texts.get(corner, ""))
            size = base
            while True:
                for actor in pair:
                    actor.GetTextProperty().SetFontSize(size)
                if size <= MIN_FIT_FONT_PX or sum(self._width(a) for a in pair) <= room:
                    break
                size -= 1
            if sum(self._width(a) for a in pair) > room:  # still too wide: shorten lines
                for actor in pair:
                    self._elide(actor, room / 2.0)
            for actor in pair:  # the edge line is shortened rather than the font shrunk
                self._elide_line(actor, edge, half)

    def _text_width(self, actor: vtkTextActor, text: str) -> float:
        if not text:
            return 0.0
        self._probe.GetTextProperty().ShallowCopy(actor.GetTextProperty())
        self._probe.SetInput(text)
        size = [0.0, 0.0]
        self._probe.GetSize(self._renderer, size)
        return float(size[0])

    def _elide_line(self, actor: vtkTextActor, index: int, room: float) -> None:
        """Cut the one line along the edge until it keeps clear of the edge letter."""
        lines = (actor.GetInput() or "").split("\n")
        if not lines or self._text_width(actor, lines[index]) <= room:
            return
        line = lines[index].rstrip("…")
        while len(line) > 1 and self._text_width(actor, line + "…") > room:
            line = line[:-1]
        lines[index] = line + "…"
        actor.SetInput("\n".join(lines))

    def _elide(self, actor: vtkTextActor, room: float) -> None:
        """Cut the lines of ``actor`` (with an ellipsis) until it is ``room`` px wide."""
        lines = (actor.GetInput() or "").split("\n")
        longest = max((len(line) for line in lines), default=0)
        width = self._width(actor)
        if width > room:  # a first guess in proportion, then one character at a time
            longest = max(int(longest * room / width) + 1, 2)
        while longest > 1 and width > room:
            longest -= 1
            actor.SetInput("\n".join(
                line if len(line) <= longest else line[:max(longest - 1, 1)] + "…"
                for line in lines))
            width = self._width(actor)

    def _width(self, actor: vtkTextActor) -> float:
        if not actor.GetInput():
            return 0.0
        size = [0.0, 0.0]
        actor.GetSize(self._renderer, size)
        return float(size[0])
