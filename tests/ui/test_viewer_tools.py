"""Viewer actions on the active viewport: presets from the data file, rotate/flip, zoom
modes, cine, drag scrolling, patient data hidden everywhere, key images, tag browser."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QSpinBox

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from workstation.core.presets import presets_for  # noqa: E402
from workstation.core.view_transform import ViewTransform  # noqa: E402
from workstation.ui.viewer_window import ViewerWindow  # noqa: E402

WAIT_MS = 60_000


@pytest.fixture
def viewer(loaded_viewer) -> ViewerWindow:
    return loaded_viewer


def press(qtbot, viewer: ViewerWindow, key: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(viewer.viewport.canvas, key, mods)


def test_number_keys_apply_the_data_presets_exactly(qtbot, viewer):
    sv = viewer.viewport.slice_view
    presets = presets_for("CT")
    assert len(presets) >= 8
    for preset in presets:
        press(qtbot, viewer, getattr(Qt.Key, f"Key_{preset.key}"))
        assert (sv.window.center, sv.window.width) == (preset.window.center, preset.window.width)
    # W cycles back to the image's own window (40/400 in the fake hub's files).
    press(qtbot, viewer, Qt.Key.Key_W)
    assert (sv.window.center, sv.window.width) == (40, 400)


def test_rotate_flip_and_reset(qtbot, viewer):
    sv = viewer.viewport.slice_view
    assert sv.view_transform == ViewTransform()
    press(qtbot, viewer, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert sv.view_transform == ViewTransform().rotated(1)
    press(qtbot, viewer, Qt.Key.Key_R,
          Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert sv.view_transform == ViewTransform()
    press(qtbot, viewer, Qt.Key.Key_H)
    assert sv.view_transform == ViewTransform().flipped_horizontally()
    viewer.actions.actions["view.flip_v"].trigger()
    assert sv.view_transform == ViewTransform().flipped_horizontally().flipped_vertically()
    press(qtbot, viewer, Qt.Key.Key_R)
    assert sv.view_transform == ViewTransform()


def test_zoom_modes(qtbot, viewer):
    sv = viewer.viewport.slice_view
    viewer.actions.actions["view.zoom_1to1"].trigger()
    assert sv.mm_per_pixel == pytest.approx(viewer.viewport.stack.pixel_spacing[1])
    one_to_one = sv.zoom
    viewer.actions.actions["view.zoom_in"].trigger()
    assert sv.zoom == pytest.approx(one_to_one * 1.25)
    viewer.actions.actions["view.zoom_fit"].trigger()
    assert sv.zoom == pytest.approx(1.0)


def test_invert_and_auto_window(qtbot, viewer):
    sv = viewer.viewport.slice_view
    press(qtbot, viewer, Qt.Key.Key_I)
    assert sv.invert
    press(qtbot, viewer, Qt.Key.Key_A)
    assert sv.voi_index is None and (sv.window.center, sv.window.width) != (40, 400)


def test_cine_advances_and_wraps(qtbot, viewer):
    sv, count = viewer.viewport.slice_view, viewer.viewport.stack.count
    viewer.cine.set_fps(50)
    start = sv.slice_index
    press(qtbot, viewer, Qt.Key.Key_Space)
    assert viewer.cine.running
    qtbot.waitUntil(lambda: sv.slice_index != start, timeout=10_000)
    qtbot.waitUntil(lambda: sv.slice_index < start, timeout=30_000)  # went round the end
    press(qtbot, viewer, Qt.Key.Key_Space)
    assert not viewer.cine.running
    stopped = sv.slice_index
    qtbot.wait(100)
    assert sv.slice_index == stopped and 0 <= stopped < count
    fps = viewer.toolbar.findChild(QSpinBox, "cine_fps")
    viewer.cine.faster()
    assert fps.value() == viewer.cine.fps > 50


def test_home_end_page_keys(qtbot, viewer):
    sv, count = viewer.viewport.slice_view, viewer.viewport.stack.count
    press(qtbot, viewer, Qt.Key.Key_End)
    assert sv.slice_index == count - 1
    press(qtbot, viewer, Qt.Key.Key_Home)
    assert sv.slice_index == 0
    press(qtbot, viewer, Qt.Key.Key_PageDown)
    assert sv.slice_index == min(10, count - 1)


def test_shift_drag_scrolls_the_stack(qtbot, viewer):
    canvas, sv = viewer.viewport.canvas, viewer.viewport.slice_view
    sv.set_slice(0)
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, shift, QPoint(100, 50))
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QMouseEvent

    move = QMouseEvent(QMouseEvent.Type.MouseMove, QPointF(100, 80), QPointF(100, 80),
                       Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, shift)
    viewer.viewport.move(move)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, shift, QPoint(100, 80))
    assert sv.slice_index == 30 // 6


def test_hiding_patient_data_applies_to_every_viewport(qtbot, viewer):
    viewer.set_layout(1, 2)
    viewer.show_series(viewer.current_series_uid, viewer.grid.cells[1].viewport)
    views = [c.viewport.slice_view for c in viewer.grid.cells[:2]]
    assert all("PATIENT" in " ".join(v.overlay_text().values()) for v in views)
    press(qtbot, viewer, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert all("PATIENT" not in " ".join(v.overlay_text().values()) for v in views)
    viewer.set_layout(2, 2)  # cells created later follow the setting too
    viewer.show_series(viewer.current_series_uid, viewer.grid.cells[3].viewport)
    assert "PATIENT" not in " ".join(viewer.grid.cells[3].viewport.slice_view.overlay_text().values())


def test_key_images_mark_unmark_and_list(qtbot, viewer):
    sv, stack = viewer.viewport.slice_view, viewer.viewport.stack
    sv.set_slice(4)
    press(qtbot, viewer, Qt.Key.Key_K)
    uid = viewer.current_series_uid
    assert viewer.key_images == [(uid, stack.sop_instance_uids[4], 4)]
    assert viewer.panels.key_list.count() == 1
    sv.set_slice(7)
    press(qtbot, viewer, Qt.Key.Key_K)
    sv.set_slice(4)
    press(qtbot, viewer, Qt.Key.Key_K)  # unmark
    assert viewer.key_images == [(uid, stack.sop_instance_uids[7], 7)]
    item = viewer.panels.key_list.item(0)
    viewer.panels.key_list.itemActivated.emit(item)
    assert sv.slice_index == 7


def test_tag_browser_reads_the_header_and_searches(qtbot, viewer):
    press(qtbot, viewer, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    browser = viewer.panels.tag_browser
    assert browser is not None
    qtbot.waitUntil(lambda: browser.loaded, timeout=10_000)
    keywords = browser.visible_keywords()
    assert "PixelSpacing" in keywords and "PixelData" not in keywords
    browser.search.setText("thickness")
    assert browser.visible_keywords() == ["SliceThickness"]
    browser.search.setText("(0020,000E)")
    assert browser.visible_keywords() == ["SeriesInstanceUID"]
    browser.search.setText("")
    assert len(browser.visible_keywords()) == len(keywords)


def test_overlay_key_hides_all_overlays_in_every_viewport(qtbot, viewer):
    viewer.set_layout(1, 2)
    viewer.show_series(viewer.current_series_uid, viewer.grid.cells[1].viewport)
    press(qtbot, viewer, Qt.Key.Key_O)
    assert not any(c.viewport.slice_view.show_overlays for c in viewer.grid.cells[:2])
    viewer.show_series(viewer.current_series_uid, viewer.grid.cells[1].viewport)
    viewer.set_layout(2, 2)
    viewer.show_series(viewer.current_series_uid, viewer.grid.cells[2].viewport)
    assert not viewer.grid.cells[2].viewport.slice_view.show_overlays  # new cells follow
    press(qtbot, viewer, Qt.Key.Key_O)
    assert all(c.viewport.slice_view.show_overlays for c in viewer.grid.cells[:3])
