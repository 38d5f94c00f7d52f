"""The panes of the MPR layout: one reformatted plane, or the 3D rendering, in a VTK canvas.

Each pane turns Qt input into calls on its view, never letting VTK's interactor styles
act (as in :mod:`workstation.ui.viewport`). Plane pane bindings:

* left click or drag: move the crosshair point there (every plane follows);
  left-drag starting on a crosshair line away from the centre: rotate the other planes
  about this plane's normal (oblique reformats)
* Ctrl+left-drag: length in mm between two patient-space points
* wheel: move this plane along its normal; Ctrl+wheel: zoom; Shift+wheel: slab thickness
* right-drag: window (all planes); middle-drag: pan; double-click: reset

3D pane: left-drag rotates (coarser sampling while dragging), wheel zooms, Shift+wheel
sets a clip box around the crosshair point, right-click offers presets and the clip box.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
from PySide6.QtGui import QAction, QKeyEvent, QMouseEvent, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QMenu, QWidget
from vtkmodules.qt.QVTKRenderWindowInteractor import QVTKRenderWindowInteractor

from workstation.render.mpr.plane_view import MprPlaneView
from workstation.render.mpr.volume_view import VolumeView
from workstation.ui.viewport import WHEEL_STEP, ZOOM_PER_NOTCH, make_render_window, window_drag_step

if TYPE_CHECKING:
    from workstation.ui.mpr_view import MprView

GRAB_PX = 8.0  # how close to a crosshair line a press grabs it (screen pixels)
CENTRE_PX = 24.0  # presses this close to the centre move the point instead
ROTATE_PX_PER_DEGREE = 2.0
CLIP_STEP_MM = 10.0


def _tr(text: str) -> str:
    return QCoreApplication.translate("MprView", text)


class MprCanvas(QVTKRenderWindowInteractor):
    """A VTK widget routing every input event to its pane."""

    def __init__(self, parent: QWidget, pane: PlanePane | VolumePane) -> None:
        super().__init__(parent, rw=make_render_window())
        self.pane = pane
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self._Iren.SetInteractorStyle(None)
        self.setMinimumSize(160, 160)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if self.pane.mpr.claims_key(event):
                event.accept()  # the MPR handles it; the viewer's shortcut must not
                return True
        return super().event(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.pane.wheel(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.pane.mpr.active_pane = self.pane
        self.pane.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.pane.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.pane.release(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.pane.mpr.reset()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.pane.mpr.key(event):
            event.ignore()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        event.ignore()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.isVisible():
            self.pane.render()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            self.pane.render()


class _Pane:
    def __init__(self, mpr: MprView) -> None:
        self.mpr = mpr
        self._drag: str | None = None
        self._last = QPointF()
        self._wheel_rest = 0

    def _device(self, pos: QPointF) -> tuple[float, float]:
        ratio = self.canvas.devicePixelRatioF()  # type: ignore[attr-defined]
        return pos.x() * ratio, pos.y() * ratio

    def _notches(self, event: QWheelEvent) -> int:
        self._wheel_rest += event.angleDelta().y()
        notches = int(self._wheel_rest / WHEEL_STEP)
        self._wheel_rest -= notches * WHEEL_STEP
        return notches


class PlanePane(_Pane):
    """One reformatted plane."""

    def __init__(self, mpr: MprView, name: str, parent: QWidget) -> None:
        super().__init__(mpr)
        self.name = name
        self.canvas = MprCanvas(parent, self)
        self.canvas.setObjectName(f"mpr_{name}")
        self.view = MprPlaneView(mpr.volume, mpr.state, name, self.canvas.GetRenderWindow())
        self.canvas.Initialize()
        self._measure_start: np.ndarray | None = None
        self._angle = 0.0

    def render(self) -> None:
        self.view.render()

    def lps_at(self, x: float, y: float) -> np.ndarray | None:
        """Patient point under a display point (device pixels, top-left origin)."""
        point = self.view.display_to_image(x, y)
        if point is None or self.view.plane is None:
            return None
        return self.view.plane.pixel_to_lps(*point)

    def grabbed_line(self, x: float, y: float) -> str | None:
        """The other plane whose crosshair line is under the pointer, away from the centre."""
        view, plane = self.view, self.view.plane
        if plane is None:
            return None
        row, col, _ = plane.lps_to_pixel(self.mpr.state.point)
        centre = view.image_to_display(row, col)
        if centre is None or math.hypot(x - centre[0], y - centre[1]) < CENTRE_PX:
            return None
        for other, (_, d) in self.mpr.state.crosshair_lines(self.name).items():
            ahead = view.image_to_display(row + 100 * float(d @ plane.y_axis),
                                          col + 100 * float(d @ plane.x_axis))
            if ahead is None:
                continue
            ux, uy = ahead[0] - centre[0], ahead[1] - centre[1]
            length = math.hypot(ux, uy) or 1.0
            distance = abs((x - centre[0]) * uy - (y - centre[1]) * ux) / length
            if distance <= GRAB_PX:
                return other
        return None

    def _pointer_angle(self, x: float, y: float) -> float:
        """Angle of the pointer about the crosshair point, in the plane's image axes."""
        image = self.view.display_to_image(x, y)
        plane = self.view.plane
        if image is None or plane is None:
            return self._angle
        row, col, _ = plane.lps_to_pixel(self.mpr.state.point)
        return math.atan2(image[0] - row, image[1] - col)

    def press(self, event: QMouseEvent) -> None:
        x, y = self._device(event.position())
        self._last = event.position()
        button = event.button()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if button == Qt.MouseButton.LeftButton and ctrl:
            self._drag = "measure"
            self._measure_start = self.lps_at(x, y)
        elif button == Qt.MouseButton.LeftButton and self.grabbed_line(x, y) is not None:
            self._drag = "rotate"
            self._angle = self._pointer_angle(x, y)
        elif button == Qt.MouseButton.LeftButton:
            self._drag = "point"
            self._move_point(x, y)
        elif button == Qt.MouseButton.RightButton:
            self._drag = "window"
        elif button == Qt.MouseButton.MiddleButton:
            self._drag = "pan"

    def _move_point(self, x: float, y: float) -> None:
        lps = self.lps_at(x, y)
        if lps is not None:
            self.mpr.move_point(lps)

    def move(self, event: QMouseEvent) -> None:
        if self._drag is None:
            return
        pos = event.position()
        dx, dy = pos.x() - self._last.x(), pos.y() - self._last.y()
        self._last = pos
        x, y = self._device(pos)
        if self._drag == "point":
            self._move_point(x, y)
        elif self._drag == "rotate":
            angle = self._pointer_angle(x, y)
            delta = math.remainder(angle - self._angle, 2 * math.pi)
            self._angle = angle
            if delta:
                self.mpr.rotate(self.name, delta)
        elif self._drag == "window":
            step = window_drag_step(self.view.stack, self.view.window.width)
            self.mpr.set_window(self.view.window.moved(dy * step, dx * step))
        elif self._drag == "pan":
            ratio = self.canvas.devicePixelRatioF()
            self.view.pan_by(dx * ratio, dy * ratio)

    def release(self, event: QMouseEvent) -> None:
        if self._drag == "measure" and self._measure_start is not None:
            end = self.lps_at(*self._device(event.position()))
            if end is not None and float(np.linalg.norm(end - self._measure_start)) > 0:
                self.mpr.add_length(self._measure_start, end, self.name)
        self._drag = None
        self._measure_start = None

    def wheel(self, event: QWheelEvent) -> None:
        notches = self._notches(event)
        if not notches:
            return
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            anchor = self._device(event.position())
            self.view.zoom_by(ZOOM_PER_NOTCH**notches, anchor_display_xy=anchor)
        elif modifiers & Qt.KeyboardModifier.ShiftModifier:
            self.mpr.change_slab(notches)
        else:
            self.mpr.scroll(self.name, -notches)


class VolumePane(_Pane):
    """The 3D rendering."""

    def __init__(self, mpr: MprView, parent: QWidget) -> None:
        super().__init__(mpr)
        self.canvas = MprCanvas(parent, self)
        self.canvas.setObjectName("mpr_3d")
        self.view = VolumeView(mpr.volume, self.canvas.GetRenderWindow())
        self.canvas.Initialize()
        self.clip_half_mm = 0.0

    def render(self) -> None:
        self.view.render()

    def press(self, event: QMouseEvent) -> None:
        self._last = event.position()
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag = "rotate"
            self.view.begin_interaction()
        elif event.button() == Qt.MouseButton.RightButton:
            self._menu(event)

    def move(self, event: QMouseEvent) -> None:
        if self._drag != "rotate":
            return
        pos = event.position()
        dx, dy = pos.x() - self._last.x(), pos.y() - self._last.y()
        self._last = pos
        self.view.rotate(-dx / ROTATE_PX_PER_DEGREE, dy / ROTATE_PX_PER_DEGREE)

    def release(self, event: QMouseEvent) -> None:
        if self._drag == "rotate":
            self.view.end_interaction()
        self._drag = None

    def wheel(self, event: QWheelEvent) -> None:
        notches = self._notches(event)
        if not notches:
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.set_clip(max(0.0, self.clip_half_mm - notches * CLIP_STEP_MM))
        else:
            self.view.zoom_by(ZOOM_PER_NOTCH**notches)

    def set_clip(self, half_mm: float) -> None:
        """Clip box of this half-size around the crosshair point; 0 shows everything."""
        if half_mm <= 0 and self.clip_half_mm <= 0:
            half_mm = float(max(self.mpr.volume.grid.extent_mm())) / 4.0
        self.clip_half_mm = half_mm
        if half_mm <= 0:
            self.view.set_clip_box((0.0, 1.0, 0.0, 1.0, 0.0, 1.0))
        else:
            self.view.clip_around(self.mpr.state.point, half_mm)
        self.view.render()

    def follow_point(self) -> None:
        if self.clip_half_mm > 0:
            self.view.clip_around(self.mpr.state.point, self.clip_half_mm)

    def _menu(self, event: QMouseEvent) -> None:
        menu = QMenu(self.canvas)
        for preset in self.view.presets:
            action = QAction(QCoreApplication.translate("VolumePresets", preset.name), menu)
            action.setCheckable(True)
            action.setChecked(self.view.preset is not None and preset.id == self.view.preset.id)
            action.triggered.connect(lambda _c=False, p=preset: self._preset(p))
            menu.addAction(action)
        menu.addSeparator()
        clip = QAction(_tr("Clip box around the crosshair"), menu)
        clip.setCheckable(True)
        clip.setChecked(self.clip_half_mm > 0)
        clip.triggered.connect(lambda on: self.set_clip(0.0 if not on else self.clip_half_mm))
        menu.addAction(clip)
        reset = QAction(_tr("Reset the 3D view"), menu)
        reset.triggered.connect(self._reset)
        menu.addAction(reset)
        menu.popup(event.globalPosition().toPoint())

    def _preset(self, preset: object) -> None:
        self.view.apply_preset(preset)  # type: ignore[arg-type]
        self.view.render()

    def reset_camera(self) -> None:
        self.view.reset_camera()
        self.view.render()

    def _reset(self) -> None:
        self.reset_camera()
