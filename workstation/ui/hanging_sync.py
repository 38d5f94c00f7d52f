"""Sync groups of a hung stage: viewports that scroll, window and zoom together.

Unlike the viewer-wide link (:mod:`workstation.ui.linking`), a protocol links only the
viewports it groups (a current with its prior), and each group says what it links.
Scrolling follows by patient position in one frame of reference and by position plus a
millimetre offset across a current and a prior (:mod:`workstation.core.hanging.slice_sync`);
the window follows between images of the same modality only; zoom follows as one scale
in mm per screen pixel, so paired images keep the same physical size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject

from workstation.core.hanging import slice_sync
from workstation.core.stack import ImageStack
from workstation.core.window import Window
from workstation.ui.viewport import Viewport


@dataclass
class _Seen:
    stack: ImageStack | None
    slice: int
    window: Window
    mm_per_pixel: float


@dataclass
class _Group:
    members: list[Viewport]
    kinds: frozenset[str]


class StageSync(QObject):
    """The sync groups of the stage on screen; rebuilt by :meth:`set_groups`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._seen: dict[int, _Seen] = {}
        self._offsets: dict[tuple[int, int], float] = {}  # (id a, id b) -> mm along a
        self._index: dict[tuple[int, int], int] = {}
        self._connected: set[int] = set()
        self._busy = False
        self.after_zoom: Callable[[Viewport], None] | None = None

    def set_groups(self, groups: list[tuple[list[Viewport], tuple[str, ...]]]) -> None:
        """Link these viewports (those with an image); offsets are taken from the slices
        shown now, the partner of each scroll group's first viewport following it."""
        self._groups = [_Group([v for v in members if v.stack is not None], frozenset(kinds))
                        for members, kinds in groups]
        self._groups = [g for g in self._groups if len(g.members) >= 2]
        self._offsets.clear()
        self._index.clear()
        for group in self._groups:
            for viewport in group.members:
                if id(viewport) not in self._connected:
                    self._connected.add(id(viewport))
                    viewport.view_changed.connect(lambda v=viewport: self._changed(v))
                self._remember(viewport)
            if "scroll" in group.kinds:
                self._anchor(group, top=True)

    def clear(self) -> None:
        self._groups = []

    def anchor_here(self) -> None:
        """Take the slices shown now as matching (the reader lined them up by eye)."""
        for group in self._groups:
            if "scroll" in group.kinds:
                self._anchor(group, top=False)

    def offset(self, a: Viewport, b: Viewport) -> float | None:
        return self._offsets.get((id(a), id(b)))

    # -- internals ---------------------------------------------------------------------------

    def _anchor(self, group: _Group, *, top: bool) -> None:
        for a in group.members:
            for b in group.members:
                if a is b or a.stack is None or b.stack is None:
                    continue
                sa, sb = a.stack, b.stack
                ka, kb = a.slice_view.slice_index, b.slice_view.slice_index
                self._index[(id(a), id(b))] = kb - ka
                if slice_sync.parallel(sa, sb):
                    self._offsets[(id(a), id(b))] = (
                        slice_sync.top_offset(sa, sb) if top
                        else slice_sync.anchor_offset(sa, ka, sb, kb))
        if top:  # the followers show the slice matching the leader's
            leader = group.members[0]
            self._changed(leader, force_scroll=True)

    def _remember(self, viewport: Viewport) -> None:
        sv = viewport.slice_view
        self._seen[id(viewport)] = _Seen(viewport.stack, sv.slice_index, sv.window,
                                         sv.mm_per_pixel)

    def _changed(self, source: Viewport, force_scroll: bool = False) -> None:
        before = self._seen.get(id(source))
        self._remember(source)
        if self._busy or before is None or before.stack is not source.stack:
            return
        sv = source.slice_view
        self._busy = True
        zoomed: list[Viewport] = []
        try:
            for group in self._groups:
                if source not in group.members:
                    continue
                for target in group.members:
                    if target is source or target.stack is None or source.stack is None:
                        continue
                    tv = target.slice_view
                    if "scroll" in group.kinds and (force_scroll
                                                    or sv.slice_index != before.slice):
                        tv.set_slice(slice_sync.follow(
                            source.stack, sv.slice_index, target.stack,
                            offset_mm=self._offsets.get((id(source), id(target))),
                            index_offset=self._index.get((id(source), id(target)), 0)))
                    if ("window" in group.kinds and sv.window != before.window
                            and _same_modality(source.stack, target.stack)):
                        tv.set_window(sv.window)
                    if ("zoom" in group.kinds and abs(sv.mm_per_pixel - before.mm_per_pixel)
                            > 1e-9 * before.mm_per_pixel):
                        tv.zoom_true_size(sv.mm_per_pixel)
                        zoomed.append(target)
                    self._remember(target)
            if zoomed and self.after_zoom is not None:
                for viewport in [source, *zoomed]:
                    self.after_zoom(viewport)
                    self._remember(viewport)
        finally:
            self._busy = False


def _same_modality(a: ImageStack, b: ImageStack) -> bool:
    return not a.is_color and not b.is_color and a.header.modality == b.header.modality
