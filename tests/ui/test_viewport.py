"""The viewport turns keys, wheel and drags into SliceView changes."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from workstation.core.stack import ImageStack, SeriesHeader
from workstation.core.window import CT_PRESETS, Window

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from workstation.ui.viewport import Viewport, window_drag_step  # noqa: E402

COUNT = 30


def ct_stack(modality: str = "CT") -> ImageStack:
    z, y, x = np.mgrid[0:COUNT, 0:64, 0:64]
    pixels = ((x + y + z) % 200).astype(np.int16)
    return ImageStack(
        pixels=pixels,
        intercept=-100.0,
        windows=(Window(40, 400),),
        header=SeriesHeader(modality=modality, patient_name="TEST^PATIENT"),
    )


@pytest.fixture
def viewport(qtbot) -> Viewport:
    vp = Viewport()
    qtbot.addWidget(vp)
    vp.resize(400, 400)
    vp.show()
    qtbot.waitExposed(vp)
    vp.set_stack(ct_stack())
    return vp


def press_key(qtbot, vp: Viewport, key: Qt.Key) -> None:
    qtbot.keyClick(vp.canvas, key)


def test_placeholder_until_a_stack_is_set(qtbot):
    vp = Viewport()
    qtbot.addWidget(vp)
    vp.show_message("Loading study…")
    assert vp.placeholder.text() == "Loading study…"
    assert not vp.has_image()
    qtbot.keyClick(vp.canvas, Qt.Key.Key_Down)  # ignored, nothing to scroll


def test_arrow_page_home_end_keys_scroll(qtbot, viewport):
    sv = viewport.slice_view
    start = sv.slice_index
    assert start == COUNT // 2
    press_key(qtbot, viewport, Qt.Key.Key_Down)
    assert sv.slice_index == start + 1
    press_key(qtbot, viewport, Qt.Key.Key_Up)
    press_key(qtbot, viewport, Qt.Key.Key_Left)
    assert sv.slice_index == start - 1
    press_key(qtbot, viewport, Qt.Key.Key_Right)
    assert sv.slice_index == start
    press_key(qtbot, viewport, Qt.Key.Key_PageDown)
    assert sv.slice_index == start + COUNT // 10
    press_key(qtbot, viewport, Qt.Key.Key_PageUp)
    assert sv.slice_index == start
    press_key(qtbot, viewport, Qt.Key.Key_End)
    assert sv.slice_index == COUNT - 1
    press_key(qtbot, viewport, Qt.Key.Key_Home)
    assert sv.slice_index == 0


def test_number_keys_apply_ct_presets(qtbot, viewport):
    for number, (_name, window) in enumerate(CT_PRESETS, start=1):
        press_key(qtbot, viewport, getattr(Qt.Key, f"Key_{number}"))
        assert viewport.slice_view.window == window


def test_presets_are_not_applied_to_other_modalities(qtbot, viewport):
    viewport.set_stack(ct_stack("MR"))
    before = viewport.slice_view.window
    press_key(qtbot, viewport, Qt.Key.Key_2)
    assert viewport.slice_view.window == before


def test_invert_and_reset_keys(qtbot, viewport):
    sv = viewport.slice_view
    press_key(qtbot, viewport, Qt.Key.Key_I)
    assert sv.invert
    sv.zoom_by(2.0)
    press_key(qtbot, viewport, Qt.Key.Key_3)
    press_key(qtbot, viewport, Qt.Key.Key_R)
    assert not sv.invert
    assert sv.zoom == pytest.approx(1.0)
    assert sv.window == Window(40, 400)


def wheel(vp: Viewport, notches: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    pos = QPointF(200, 200)
    event = QWheelEvent(
        pos,
        vp.canvas.mapToGlobal(pos),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(vp.canvas, event)


def test_wheel_scrolls_and_ctrl_wheel_zooms(qtbot, viewport):
    sv = viewport.slice_view
    start = sv.slice_index
    wheel(viewport, -1)  # towards the reader: next image
    assert sv.slice_index == start + 1
    wheel(viewport, 2)
    assert sv.slice_index == start - 1
    wheel(viewport, 1, Qt.KeyboardModifier.ControlModifier)
    assert sv.zoom == pytest.approx(1.15)
    assert sv.slice_index == start - 1


def drag(qtbot, vp: Viewport, button: Qt.MouseButton, dx: int, dy: int) -> None:
    start = QPoint(150, 150)
    qtbot.mousePress(vp.canvas, button, pos=start)
    end = QPointF(start.x() + dx, start.y() + dy)
    move = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        end,
        vp.canvas.mapToGlobal(end),
        Qt.MouseButton.NoButton,
        button,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(vp.canvas, move)
    qtbot.mouseRelease(vp.canvas, button, pos=end.toPoint())


def test_right_drag_changes_width_horizontally_and_level_vertically(qtbot, viewport):
    sv = viewport.slice_view
    step = window_drag_step(viewport.stack, 400)
    drag(qtbot, viewport, Qt.MouseButton.RightButton, 50, 0)
    assert sv.window.width == pytest.approx(400 + 50 * step)
    assert sv.window.center == pytest.approx(40)
    drag(qtbot, viewport, Qt.MouseButton.RightButton, 0, 20)
    assert sv.window.center > 40


def test_left_drag_pans_and_double_click_resets(qtbot, viewport):
    sv = viewport.slice_view
    before = sv.display_to_image(200, 200)
    drag(qtbot, viewport, Qt.MouseButton.LeftButton, 40, 0)
    after = sv.display_to_image(200, 200)
    assert after[1] < before[1]  # the image moved right with the pointer
    drag(qtbot, viewport, Qt.MouseButton.MiddleButton, 0, 30)
    qtbot.mouseDClick(viewport.canvas, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    assert sv.display_to_image(200, 200) == pytest.approx(before)


def test_window_drag_step_is_finer_for_narrow_windows():
    stack = ct_stack()
    assert window_drag_step(stack, 80) < window_drag_step(stack, 2000)
    assert window_drag_step(None, 1) > 0


def test_view_changed_reports_slice_moves(qtbot, viewport):
    with qtbot.waitSignal(viewport.view_changed, timeout=1000):
        press_key(qtbot, viewport, Qt.Key.Key_Down)
