"""Cine: play the active viewport's stack as a loop at an adjustable frame rate.

A QTimer on the UI thread steps the slice; slices are already decoded in memory, so a step
is one texture upload. The rate box is a small spin box for the toolbar.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QSpinBox, QWidget

from workstation.ui.viewport import Viewport

MIN_FPS = 1
MAX_FPS = 60
DEFAULT_FPS = 10


class Cine(QObject):
    """Plays ``target()`` (the active viewport) forward, wrapping at the end.

    ``running_changed(bool)`` fires on start and stop, ``fps_changed(int)`` with the rate.
    """

    running_changed = Signal(bool)
    fps_changed = Signal(int)

    def __init__(self, target: Callable[[], Viewport], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._target = target
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.step)
        self._fps = DEFAULT_FPS
        self._timer.setInterval(self._interval())

    @property
    def fps(self) -> int:
        return self._fps

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def set_fps(self, fps: int) -> None:
        fps = max(MIN_FPS, min(MAX_FPS, int(fps)))
        if fps == self._fps:
            return
        self._fps = fps
        self._timer.setInterval(self._interval())
        self.fps_changed.emit(fps)

    def faster(self) -> None:
        self.set_fps(self._fps + max(1, self._fps // 5))

    def slower(self) -> None:
        self.set_fps(self._fps - max(1, self._fps // 5))

    def toggle(self) -> None:
        if self.running:
            self.stop()
        else:
            self.start()

    def start(self) -> None:
        viewport = self._target()
        if viewport.stack is None or viewport.stack.count < 2:
            return
        self._timer.start()
        self.running_changed.emit(True)

    def stop(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.running_changed.emit(False)

    def step(self) -> None:
        viewport = self._target()
        stack = viewport.stack
        if stack is None or stack.count < 2:
            self.stop()
            return
        viewport.slice_view.set_slice((viewport.slice_view.slice_index + 1) % stack.count)

    def _interval(self) -> int:
        return max(1, round(1000 / self._fps))


def fps_box(cine: Cine, parent: QWidget | None = None) -> QSpinBox:
    """The frame-rate spin box bound to ``cine`` (both ways)."""
    box = QSpinBox(parent)
    box.setObjectName("cine_fps")
    box.setRange(MIN_FPS, MAX_FPS)
    box.setValue(cine.fps)
    box.setSuffix(box.tr(" fps"))
    box.setToolTip(box.tr("Cine frame rate (images per second)"))
    box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    box.valueChanged.connect(cine.set_fps)
    cine.fps_changed.connect(box.setValue)
    return box
