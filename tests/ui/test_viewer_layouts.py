"""Viewport grid of the viewer: sizes, dropping a series on a cell, the active frame."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from workstation.ui.thumbnail_strip import SERIES_MIME, state_text  # noqa: E402
from workstation.ui.viewer_window import ViewerWindow  # noqa: E402
from workstation.ui.viewport_grid import ACTIVE_COLOUR, layout_choices  # noqa: E402

WAIT_MS = 60_000


@pytest.fixture
def viewer(loaded_viewer) -> ViewerWindow:
    return loaded_viewer


def drop(viewer: ViewerWindow, cell_index: int, series_uid: str) -> None:
    """What Qt delivers when a thumbnail is dragged over a cell and released (Qt only
    routes drop events during a real drag, so the cell's handlers are called directly)."""
    cell = viewer.grid.cells[cell_index]
    mime = viewer.thumbnails.mimeData([viewer.thumbnails.item(
        viewer.thumbnails.series_uids().index(series_uid))])
    enter = QDragEnterEvent(
        QPoint(cell.width() // 2, cell.height() // 2),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.ignore()
    cell.dragEnterEvent(enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(cell.width() / 2, cell.height() / 2),
        Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    cell.dropEvent(event)


def test_every_layout_up_to_4x4_shows_that_many_viewports(qtbot, viewer):
    assert (4, 4) in layout_choices() and (1, 1) in layout_choices()
    for rows, columns in layout_choices():
        viewer.actions.layout_actions[(rows, columns)].trigger()
        assert (viewer.grid.rows, viewer.grid.columns) == (rows, columns)
        shown = [c for c in viewer.grid.cells if c.isVisible()]
        assert len(shown) == rows * columns
        assert viewer.actions.layout_actions[(rows, columns)].isChecked()
    viewer.actions.layout(1, 1)
    # The series on screen survives the round trip through a larger grid.
    assert viewer.grid.cells[0].viewport.stack is not None


def test_layout_shortcut_from_the_key_map(qtbot, viewer):
    viewer.viewport.focus_image()
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert (viewer.grid.rows, viewer.grid.columns) == (2, 2)


def test_thumbnail_drag_carries_the_series_uid(viewer):
    uid = viewer.thumbnails.series_uids()[1]
    mime = viewer.thumbnails.mimeData([viewer.thumbnails.item(1)])
    assert bytes(mime.data(SERIES_MIME).data()).decode() == uid


def test_dropped_series_loads_in_that_cell_and_shares_the_stack(qtbot, viewer):
    viewer.set_layout(2, 2)
    first = viewer.grid.cells[0].viewport
    big = viewer.series_of[id(first)]
    small = next(u for u in viewer.thumbnails.series_uids() if u != big)
    with qtbot.waitSignal(viewer.series_ready, timeout=WAIT_MS) as blocker:
        drop(viewer, 3, small)
    assert blocker.args == [small]
    target = viewer.grid.cells[3].viewport
    assert target.stack is viewer.stacks[small] and target.stack.count == 3
    assert first.stack is viewer.stacks[big]  # untouched
    assert viewer.grid.active is target  # the drop made that cell active
    drop(viewer, 1, big)  # already decoded: shown at once, same arrays
    assert viewer.grid.cells[1].viewport.stack is first.stack


def test_active_viewport_has_the_coloured_frame_and_takes_the_keys(qtbot, viewer):
    viewer.set_layout(1, 2)
    left, right = (c.viewport for c in viewer.grid.cells[:2])
    drop(viewer, 1, viewer.series_of[id(left)])
    qtbot.mouseClick(left.canvas, Qt.MouseButton.LeftButton)
    assert viewer.grid.active is left
    assert ACTIVE_COLOUR in viewer.grid.cells[0].styleSheet()
    assert ACTIVE_COLOUR not in viewer.grid.cells[1].styleSheet()
    qtbot.mouseClick(right.canvas, Qt.MouseButton.LeftButton)
    assert viewer.grid.active is right and ACTIVE_COLOUR in viewer.grid.cells[1].styleSheet()
    before_left, before_right = left.slice_view.slice_index, right.slice_view.slice_index
    viewer.actions.actions["scroll.next"].trigger()
    assert right.slice_view.slice_index == before_right + 1
    assert left.slice_view.slice_index == before_left


def test_tiles_say_how_far_the_download_is():
    assert state_text("downloading", 3, 12) == "Downloading 3/12 (25%)"
