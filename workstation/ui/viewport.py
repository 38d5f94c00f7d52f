"""One image viewport: a VTK render window inside Qt, driven by the reader's mouse and keys.

``SliceView`` (render/) owns what is drawn; this widget only turns Qt input into view
changes, because VTK's own interactor styles rotate cameras and quit on "e"/"q", which a
2D reading viewport must never do. Bindings follow the common PACS conventions:

* wheel: next/previous image; Ctrl+wheel: zoom about the pointer
* right-drag: window (horizontal) / level (vertical); left- or middle-drag: pan;
  Shift+left-drag: scroll through the stack (one image per ``DRAG_SCROLL_PX`` pixels)
* double-click or R: reset; Up/Down/Left/Right/PageUp/PageDown/Home/End: navigate
* 1-9: window presets of the modality (or the image's own windows); I: invert
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget
from vtkmodules.qt.QVTKRenderWindowInteractor import QVTKRenderWindowInteractor
from vtkmodules.vtkRenderingCore import vtkRenderWindow

from workstation.core.presets import presets_for
from workstation.core.stack import ImageStack
from workstation.core.window import Window
from workstation.render.slice_view import SliceView
from workstation.ui import theme

log = logging.getLogger(__name__)

WHEEL_STEP = 120  # angleDelta of one notch (Qt docs: 15 degrees * 8)
ZOOM_PER_NOTCH = 1.15
PAGE_FRACTION = 10  # PageUp/PageDown move a tenth of the stack (at least one image)
DRAG_SCROLL_PX = 6  # vertical pixels of Shift+left-drag per image


def make_render_window() -> vtkRenderWindow:
    """A render window that can live inside a Qt widget on this platform.

    On X11 the concrete X/GLX window is requested by name: VTK's factory may otherwise
    hand out an EGL (offscreen) window, which cannot be embedded in a widget.
    """
    import vtkmodules.vtkRenderingOpenGL2  # noqa: F401 - registers the OpenGL factories

    if sys.platform.startswith("linux") and QGuiApplication.platformName() == "xcb":
        from vtkmodules.vtkRenderingOpenGL2 import vtkXOpenGLRenderWindow

        window = vtkXOpenGLRenderWindow()
        display = _qt_x11_display()
        if display:
            # Share Qt's X connection: VTK then opens none of its own, so none is left
            # open (and failing) when the display server goes away before the process.
            window.SetDisplayId(f"_{display:016x}_p_void")
        return window
    return vtkRenderWindow()


def _qt_x11_display() -> int:
    """Address of Qt's Xlib ``Display``, or 0 when it is not available."""
    app = QGuiApplication.instance()
    native = getattr(app, "nativeInterface", None)
    x11 = native() if native is not None else None
    display = getattr(x11, "display", None)
    try:
        return int(display()) if display is not None else 0
    except (TypeError, ValueError):
        return 0


class MouseTool(Protocol):
    """A tool that takes the left button (measurements): press returns True to own it."""

    def press(self, viewport: Viewport, event: QMouseEvent) -> bool: ...

    def move(self, viewport: Viewport, event: QMouseEvent) -> None: ...

    def release(self, viewport: Viewport, event: QMouseEvent) -> None: ...


def window_drag_step(stack: ImageStack | None, width: float) -> float:
    """Modality units (HU for CT) per pixel of right-drag.

    Proportional to the current width, so a narrow brain window moves finely and a wide
    bone window quickly; bounded below by the data's range so even a 1-HU window can be
    opened in a reasonable drag.
    """
    step = max(width, 1.0) / 256.0
    if stack is not None:
        lo, hi = stack.stored_range()
        span = abs((hi - lo) * stack.slope)
        step = max(step, min(span, 4096.0) / 4096.0)
    return max(step, 0.01)


class _Canvas(QVTKRenderWindowInteractor):
    """The VTK widget with every input event routed to the viewport, never to VTK."""

    def __init__(self, viewport: Viewport) -> None:
        super().__init__(viewport, rw=make_render_window())
        self._viewport = viewport
        self.setObjectName("viewport_canvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)  # the probe and measurement previews follow the pointer
        self._Iren.SetInteractorStyle(None)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self._viewport.wheel(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._viewport.activated.emit()
        self._viewport.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._viewport.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._viewport.release(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._viewport.double_click(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._viewport.key(event):
            event.ignore()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        event.ignore()

    def paintEvent(self, event: QPaintEvent) -> None:
        # The view places its camera for the current size before every render.
        self._render()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()

    def _render(self) -> None:
        view = getattr(self._viewport, "slice_view", None)  # None while being built
        if view is not None and self.isVisible():
            view.render()


class Viewport(QWidget):
    """A placeholder message until a stack is set, then the rendered slice.

    ``view_changed`` fires after any change of slice, window, zoom or pan; ``activated``
    when the reader clicks into the image (it becomes the target of the viewer's actions).
    """

    view_changed = Signal()
    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewport")
        self.setMinimumSize(320, 320)
        self.placeholder = QLabel(self.tr("No series loaded"))
        self.placeholder.setObjectName("viewport_placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet(f"background: #000000; color: {theme.DIM_TEXT};")
        self.canvas = _Canvas(self)
        self._pages = QStackedLayout(self)
        self._pages.addWidget(self.placeholder)
        self._pages.addWidget(self.canvas)
        self.slice_view = SliceView(self.canvas.GetRenderWindow())
        self.slice_view.on_changed.append(self._changed)
        self.stack: ImageStack | None = None
        self._drag: str | None = None
        self._last = QPointF()
        self._wheel_rest = 0
        self._scroll_rest = 0.0
        # Set by a host window: its key map handles the keys instead of the bindings here.
        self.key_filter: Callable[[QKeyEvent], bool] | None = None
        self.mouse_tool: MouseTool | None = None
        self.canvas.Initialize()

    # -- content -------------------------------------------------------------------------

    def set_stack(self, stack: ImageStack, window: Window | None = None) -> None:
        self.stack = stack
        self._pages.setCurrentWidget(self.canvas)
        self.slice_view.set_stack(stack, window)

    def show_message(self, text: str) -> None:
        """Show a message instead of the image (loading, errors)."""
        self.placeholder.setText(text)
        if self.stack is None:
            self._pages.setCurrentWidget(self.placeholder)

    def clear(self, text: str) -> None:
        """Show ``text`` instead of any image (a hung viewport with nothing to show)."""
        self.stack = None
        self.placeholder.setText(text)
        self._pages.setCurrentWidget(self.placeholder)

    def has_image(self) -> bool:
        return self.stack is not None

    def focus_image(self) -> None:
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- actions (also used by toolbar buttons) ------------------------------------------

    def scroll(self, delta: int) -> None:
        if self.stack is not None:
            self.slice_view.scroll(delta)

    def go_to(self, index: int) -> None:
        if self.stack is not None:
            self.slice_view.set_slice(max(0, min(self.stack.count - 1, index)))

    def apply_preset(self, number: int) -> bool:
        """Number-key window ``number``: the modality's preset from the preset file
        (``workstation.core.presets``), else the image's own window or VOI LUT table of
        that number. False when there is none to apply."""
        stack = self.stack
        if stack is None or stack.is_color:
            return False
        presets = presets_for(stack.header.modality or "")
        if presets:
            preset = next((p for p in presets if p.key == number), None)
            if preset is None:
                return False
            self.slice_view.set_window(preset.window)
            return True
        if not 1 <= number <= len(self.slice_view.voi_choices):
            return False
        self.slice_view.select_voi(number - 1)
        return True

    def toggle_invert(self) -> None:
        if self.stack is not None:
            self.slice_view.toggle_invert()

    def reset(self) -> None:
        """Fit the image, centre it, and restore its own window and grey scale."""
        if self.stack is not None:
            self.slice_view.reset_view()
            self.slice_view.invert = False
            self.slice_view.set_window(self.stack.default_window())

    # -- input -----------------------------------------------------------------------------

    def key(self, event: QKeyEvent) -> bool:
        """Handle a key; False leaves it to the parent widgets (menus, shortcuts)."""
        if self.key_filter is not None:
            return self.key_filter(event)  # the host's (remappable) key map decides
        if self.stack is None:
            return False
        k = event.key()
        page = max(1, self.stack.count // PAGE_FRACTION)
        steps = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_PageUp: -page,
            Qt.Key.Key_PageDown: page,
        }
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        if k in steps:
            self.scroll(steps[k])
        elif k == Qt.Key.Key_Home:
            self.go_to(0)
        elif k == Qt.Key.Key_End:
            self.go_to(self.stack.count - 1)
        elif Qt.Key.Key_1 <= k <= Qt.Key.Key_9:
            self.apply_preset(int(k) - int(Qt.Key.Key_0))
        elif k == Qt.Key.Key_I:
            self.toggle_invert()
        elif k == Qt.Key.Key_R:
            self.reset()
        else:
            return False
        return True

    def wheel(self, event: QWheelEvent) -> None:
        if self.stack is None:
            return
        # High-resolution wheels and touchpads send fractions of a notch: accumulate.
        self._wheel_rest += event.angleDelta().y()
        notches = int(self._wheel_rest / WHEEL_STEP)
        if notches == 0:
            return
        self._wheel_rest -= notches * WHEEL_STEP
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            anchor = self._display_xy(event.position())
            self.slice_view.zoom_by(ZOOM_PER_NOTCH**notches, anchor_display_xy=anchor)
        else:
            self.slice_view.scroll(-notches)  # wheel towards the reader = next image

    def press(self, event: QMouseEvent) -> None:
        if self.mouse_tool is not None and self.mouse_tool.press(self, event):
            self._drag = "tool"
            return
        button = event.button()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if button == Qt.MouseButton.RightButton:
            self._drag = "window"
        elif button == Qt.MouseButton.LeftButton and shift:
            self._drag = "scroll"
            self._scroll_rest = 0.0
        elif button in (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton):
            self._drag = "pan"
        self._last = event.position()

    def move(self, event: QMouseEvent) -> None:
        if self.mouse_tool is not None and (self._drag in (None, "tool")):
            self.mouse_tool.move(self, event)  # previews, and the probe follows the pointer
        if self._drag in (None, "tool") or self.stack is None:
            return
        pos = event.position()
        dx, dy = pos.x() - self._last.x(), pos.y() - self._last.y()
        self._last = pos
        if self._drag == "window":
            step = window_drag_step(self.stack, self.slice_view.window.width)
            # Right = wider (less contrast); down = higher level (darker image).
            self.slice_view.adjust_window(dy * step, dx * step)
        elif self._drag == "scroll":
            self._scroll_rest += dy
            images = int(self._scroll_rest / DRAG_SCROLL_PX)
            if images:
                self._scroll_rest -= images * DRAG_SCROLL_PX
                self.slice_view.scroll(images)  # drag down = next image
        else:
            ratio = self.canvas.devicePixelRatioF()
            self.slice_view.pan_by(dx * ratio, dy * ratio)

    def release(self, event: QMouseEvent) -> None:
        if self._drag == "tool" and self.mouse_tool is not None:
            self.mouse_tool.release(self, event)
        self._drag = None

    def double_click(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.reset()

    # -- helpers ---------------------------------------------------------------------------

    def _display_xy(self, pos: QPointF) -> tuple[float, float]:
        """Qt widget coordinates to the view's display pixels (same origin, device px)."""
        ratio = self.canvas.devicePixelRatioF()
        return pos.x() * ratio, pos.y() * ratio

    def _changed(self, *_args: object) -> None:
        self.view_changed.emit()

    def shutdown(self) -> None:
        """Release the OpenGL context and X window now, not at interpreter exit (when the
        display connection may already be gone)."""
        self.canvas.Finalize()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
