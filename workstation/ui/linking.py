"""Linked viewports: scrolling one moves the others, optionally window and zoom too.

Scroll linking follows the patient: when two stacks share a FrameOfReferenceUID and their
planes are parallel, the other viewport shows its slice nearest to the same position along
its normal (PS3.3 C.7.4.1.1.1: one frame of reference, one patient coordinate system).
Otherwise the link is by index: "Link here" stores each viewport's current image as its
anchor, and the others then keep that index offset; with no anchor they step by as many
images as the viewport that moved.

Linked window/level copies the window between viewports of one modality; linked zoom/pan
copies the magnification and the pan offset (millimetres from the image centre). With
reference lines on, every visible viewport shows where the other visible viewports'
current planes cut its own (:mod:`workstation.core.reference_lines`), updated whenever a
viewport changes slice or series.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject

from workstation.core.reference_lines import lines_in, plane_of
from workstation.core.stack import ImageStack
from workstation.core.window import Window
from workstation.ui.viewport import Viewport
from workstation.ui.viewport_grid import ViewportGrid

PARALLEL_COS = 0.99  # planes within about 8 degrees count as parallel


def same_frame(a: ImageStack, b: ImageStack) -> bool:
    """Both stacks in one frame of reference, with parallel planes and known positions."""
    fa, fb = a.header.frame_of_reference_uid, b.header.frame_of_reference_uid
    if not fa or fa != fb or len(a.positions) != a.count or len(b.positions) != b.count:
        return False
    return abs(float(np.dot(a.normal, b.normal))) >= PARALLEL_COS


def nearest_slice(target: ImageStack, point: np.ndarray) -> int:
    """Index of the target slice whose plane is nearest to ``point`` (LPS mm)."""
    normal = target.normal
    along = np.asarray(target.positions, dtype=np.float64) @ normal
    return int(np.argmin(np.abs(along - float(np.dot(point, normal)))))


@dataclass
class _Seen:
    stack: ImageStack | None
    slice: int
    window: Window
    zoom: float
    pan: tuple[float, float]


class Linker(QObject):
    """Watches the grid's viewports and propagates the changes that are linked."""

    def __init__(self, grid: ViewportGrid, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.grid = grid
        self.scroll = False
        self.window = False
        self.zoom = False  # zoom and pan together
        self._references = False
        self._anchors: dict[int, int] = {}
        self._seen: dict[int, _Seen] = {}
        self._busy = False
        self._watched: set[int] = set()
        self.watch()

    def watch(self) -> None:
        """Follow viewports created since (the grid grows when the layout does)."""
        for viewport in (cell.viewport for cell in self.grid.cells):
            if id(viewport) not in self._watched:
                self._watched.add(id(viewport))
                viewport.view_changed.connect(lambda v=viewport: self._changed(v))
                self._remember(viewport)
        self.refresh_references()

    @property
    def references(self) -> bool:
        """Reference lines shown in every visible viewport."""
        return self._references

    @references.setter
    def references(self, on: bool) -> None:
        self._references = bool(on)
        self.refresh_references()

    def refresh_references(self) -> None:
        """Recompute the reference lines of every viewport (cleared when off or hidden)."""
        planes = {}
        if self._references:
            for v in self.grid.visible_viewports():
                if v.stack is not None:
                    planes[id(v)] = plane_of(v.stack, v.slice_view.slice_index)
        for viewport in (cell.viewport for cell in self.grid.cells):
            plane = planes.get(id(viewport))
            lines = lines_in(plane, [p for key, p in planes.items() if key != id(viewport)]
                             ) if plane is not None else []
            viewport.slice_view.set_reference_lines(lines)

    def link_here(self) -> None:
        """Anchor the index link at the images shown now, and turn scroll linking on."""
        self._anchors = {
            id(v): v.slice_view.slice_index for v in self.grid.visible_viewports() if v.stack
        }
        self.scroll = True

    def follow(self, source: Viewport, target: Viewport, delta: int) -> int | None:
        """The slice ``target`` should show after ``source`` moved by ``delta`` images."""
        a, b = source.stack, target.stack
        if a is None or b is None:
            return None
        k = source.slice_view.slice_index
        if same_frame(a, b):
            return nearest_slice(b, np.asarray(a.positions[k], dtype=np.float64))
        anchor_a, anchor_b = self._anchors.get(id(source)), self._anchors.get(id(target))
        if anchor_a is not None and anchor_b is not None:
            index = anchor_b + (k - anchor_a)
        else:
            index = target.slice_view.slice_index + delta
        return max(0, min(b.count - 1, index))

    # -- internals -------------------------------------------------------------------------

    def _remember(self, viewport: Viewport) -> None:
        sv = viewport.slice_view
        self._seen[id(viewport)] = _Seen(viewport.stack, sv.slice_index, sv.window, sv.zoom,
                                         sv.pan)

    def _changed(self, source: Viewport) -> None:
        before = self._seen.get(id(source))
        self._remember(source)
        if self._busy:
            return
        sv = source.slice_view
        moved = before is None or before.stack is not source.stack or (
            before.slice != sv.slice_index)
        try:
            if before is not None and before.stack is source.stack:
                self._propagate(source, before)
        finally:
            if moved:
                self.refresh_references()

    def _propagate(self, source: Viewport, before: _Seen) -> None:
        sv = source.slice_view
        others = [v for v in self.grid.visible_viewports() if v is not source and v.stack]
        self._busy = True
        try:
            for target in others:
                if self.scroll and sv.slice_index != before.slice:
                    index = self.follow(source, target, sv.slice_index - before.slice)
                    if index is not None:
                        target.slice_view.set_slice(index)
                if self.window and sv.window != before.window and _same_modality(
                    source, target
                ):
                    target.slice_view.set_window(sv.window)
                if self.zoom and (sv.zoom != before.zoom or sv.pan != before.pan):
                    target.slice_view.set_zoom_pan(sv.zoom, sv.pan)
                self._remember(target)
        finally:
            self._busy = False


def _same_modality(a: Viewport, b: Viewport) -> bool:
    if a.stack is None or b.stack is None or a.stack.is_color or b.stack.is_color:
        return False
    return a.stack.header.modality == b.stack.header.modality
