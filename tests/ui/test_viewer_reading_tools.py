"""Reading tools in the viewer: editing measurements by their handles, labels kept inside
small cells, reference lines and link toggles on their keys, every action on a key, and
the measurement/key-image records handed to the report."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from workstation.core.measurement_edit import KeyImageRecord, MeasurementRecord  # noqa: E402
from workstation.core.measurements import Calibration, Length  # noqa: E402
from workstation.core.resource_files import resource_path  # noqa: E402
from workstation.core.roi_stats import RectangleRoi  # noqa: E402
from workstation.core.stack import ImageStack, SeriesHeader  # noqa: E402
from workstation.ui.linking import Linker  # noqa: E402
from workstation.ui.shortcut_dialog import ShortcutDialog  # noqa: E402
from workstation.ui.viewer_window import ViewerWindow  # noqa: E402
from workstation.ui.viewport_grid import ViewportGrid, layout_choices  # noqa: E402


def widget_point(viewer: ViewerWindow, row: float, col: float) -> QPointF:
    vp = viewer.viewport
    x, y = vp.slice_view.image_to_display(row, col)
    ratio = vp.canvas.devicePixelRatioF()
    return QPointF(x / ratio, y / ratio)


def mouse(viewer: ViewerWindow, kind: QMouseEvent.Type, pos: QPointF) -> None:
    vp = viewer.viewport
    button = Qt.MouseButton.LeftButton if kind != QMouseEvent.Type.MouseMove else (
        Qt.MouseButton.NoButton)
    event = QMouseEvent(kind, pos, pos, button, Qt.MouseButton.LeftButton,
                        Qt.KeyboardModifier.NoModifier)
    {QMouseEvent.Type.MouseButtonPress: vp.press, QMouseEvent.Type.MouseMove: vp.move,
     QMouseEvent.Type.MouseButtonRelease: vp.release}[kind](event)


def drag(viewer: ViewerWindow, a: tuple[float, float], b: tuple[float, float]) -> None:
    mouse(viewer, QMouseEvent.Type.MouseButtonPress, widget_point(viewer, *a))
    mouse(viewer, QMouseEvent.Type.MouseMove, widget_point(viewer, *b))
    mouse(viewer, QMouseEvent.Type.MouseButtonRelease, widget_point(viewer, *b))


def test_dragging_a_line_end_edits_it_and_the_value_follows(qtbot, loaded_viewer):
    viewer = loaded_viewer
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_L)
    drag(viewer, (10, 10), (10, 26))  # 16 px of 200/64 mm = 50 mm
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_Escape)  # back to panning
    sv = viewer.viewport.slice_view
    zoom, pan = sv.zoom, sv.pan
    drag(viewer, (10, 26), (10, 42))  # grab the end point and move it 16 px further
    assert (sv.zoom, sv.pan) == (zoom, pan)  # the drag edited, it did not pan
    (m,) = viewer.panels.tools.of_series(viewer.current_series_uid)
    assert m.points[1] == pytest.approx((10, 42), abs=0.6)
    assert m.measure(Calibration.of(viewer.viewport.stack)).value == pytest.approx(100, abs=2)
    assert sv.measurement_labels()[0].startswith("100.0 mm")
    assert "100.0 mm" in viewer.panels.measure_list.item(0).text()
    # A press away from any handle still pans.
    drag(viewer, (40, 40), (45, 45))
    assert sv.pan != pan
    # Delete removes the edited measurement.
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_Delete)
    assert viewer.panels.tools.of_series(viewer.current_series_uid) == []


def test_dragging_a_rectangle_corner_keeps_the_opposite_one(qtbot, loaded_viewer):
    viewer = loaded_viewer
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_E, Qt.KeyboardModifier.ShiftModifier)
    drag(viewer, (20, 20), (30, 30))
    uid = viewer.current_series_uid
    before = viewer.viewport.slice_view.measurement_labels()[0]
    drag(viewer, (20, 30), (20, 44))  # the top-right corner, with the tool still chosen
    (m,) = viewer.panels.tools.of_series(uid)
    assert isinstance(m, RectangleRoi)
    rows = sorted(p[0] for p in m.points)
    cols = sorted(p[1] for p in m.points)
    assert rows == pytest.approx([20, 30], abs=0.6) and cols == pytest.approx([20, 44], abs=0.6)
    assert viewer.viewport.slice_view.measurement_labels()[0] != before  # area recomputed


def test_labels_stay_inside_small_cells(qtbot, loaded_viewer):
    viewer = loaded_viewer
    viewer.actions.layout(4, 4)
    qtbot.wait(50)
    vp = viewer.viewport
    qtbot.keyClick(vp.canvas, Qt.Key.Key_E)
    drag(viewer, (40, 44), (62, 63))  # ends at the bottom-right corner of the image
    sv = vp.slice_view
    width, height = sv.render_window.GetSize()
    assert width < 200  # a 4x4 cell
    (box,) = sv.measurement_label_boxes()
    left, top, right, bottom = box
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    frame = sv.capture()
    assert frame.shape[:2] == (height, width)


def test_link_toggles_and_reference_lines_have_keys(qtbot, loaded_viewer):
    viewer = loaded_viewer
    canvas = viewer.viewport.canvas
    ctrl_alt = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(canvas, Qt.Key.Key_W, ctrl_alt)
    qtbot.keyClick(canvas, Qt.Key.Key_Z, ctrl_alt)
    qtbot.keyClick(canvas, Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier)
    assert viewer.linker.window and viewer.linker.zoom and viewer.linker.references
    assert viewer.actions.actions["view.reference_lines"].isChecked()
    qtbot.keyClick(canvas, Qt.Key.Key_W, ctrl_alt)
    assert not viewer.linker.window
    qtbot.keyClick(canvas, Qt.Key.Key_8, Qt.KeyboardModifier.AltModifier)
    assert (viewer.grid.rows, viewer.grid.columns) == (4, 4)
    qtbot.keyClick(canvas, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert (viewer.grid.rows, viewer.grid.columns) == (2, 1)


def test_every_viewer_action_has_a_key_listed_in_the_dialog(qtbot, loaded_viewer):
    viewer = loaded_viewer
    shipped = json.loads(resource_path("shortcuts.json").read_text())["actions"]
    for rows, columns in layout_choices():
        assert f"layout.{rows}x{columns}" in shipped
    for action_id in ("link.scroll", "link.window", "link.zoom", "link.here",
                      "view.reference_lines", "measure.list", "settings.shortcuts"):
        assert shipped[action_id]["keys"], action_id
    # Every action in the viewer's menus and toolbar is one of the mapped actions.
    menu_actions = [a for a in viewer.findChildren(type(viewer.actions.actions["view.invert"]))
                    if a.objectName() and not a.isSeparator()]
    mapped = set(viewer.actions.actions)
    for action in menu_actions:
        if "." in action.objectName():
            assert action.objectName() in mapped
            assert action.shortcuts(), action.objectName()
    dialog = ShortcutDialog()
    qtbot.addWidget(dialog)
    listed = {dialog.action_at(r) for r in range(dialog.table.rowCount())}
    assert mapped <= listed
    assert {"link.window", "link.zoom", "view.reference_lines", "layout.4x4"} <= listed


def test_measurement_and_key_image_records(qtbot, loaded_viewer):
    viewer = loaded_viewer
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_L)
    drag(viewer, (10, 10), (10, 26))
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_Escape)
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_K)
    (record,) = viewer.panels.measurement_records()
    stack = viewer.viewport.stack
    k = viewer.viewport.slice_view.slice_index
    assert isinstance(record, MeasurementRecord) and isinstance(record.measurement, Length)
    assert record.series_uid == viewer.current_series_uid
    assert record.sop_instance_uid == stack.sop_instance_uids[k] and record.slice_index == k
    assert record.label.startswith("50.0 mm")
    assert viewer.panels.key_image_records() == [
        KeyImageRecord(viewer.current_series_uid, stack.sop_instance_uids[k], k)]


FRAME = "1.2.826.0.1.3680043.8.498.55"


def _axial() -> ImageStack:
    positions = np.array([[-32.0, -32.0, 2.0 * k] for k in range(10)])
    return ImageStack(pixels=np.zeros((10, 64, 64), dtype=np.int16), positions=positions,
                      header=SeriesHeader(modality="CT", frame_of_reference_uid=FRAME))


def _sagittal() -> ImageStack:
    positions = np.array([[-20.0 + k, -40.0, 30.0] for k in range(40)])
    return ImageStack(pixels=np.zeros((40, 48, 80), dtype=np.int16), positions=positions,
                      row_cosine=(0.0, 1.0, 0.0), column_cosine=(0.0, 0.0, -1.0),
                      header=SeriesHeader(modality="CT", frame_of_reference_uid=FRAME))


def test_reference_lines_follow_the_other_viewports_scroll(qtbot):
    grid = ViewportGrid()
    qtbot.addWidget(grid)
    grid.resize(800, 400)
    grid.set_layout(1, 2)
    grid.show()
    qtbot.waitExposed(grid)
    try:
        left, right = grid.cells[0].viewport, grid.cells[1].viewport
        left.set_stack(_axial())
        right.set_stack(_sagittal())
        linker = Linker(grid)
        assert left.slice_view.reference_lines == []
        linker.references = True
        right.slice_view.set_slice(10)  # x = -10: column 22 of the axial image
        ((a, b),) = left.slice_view.reference_lines
        assert a[1] == pytest.approx(22.0) and b[1] == pytest.approx(22.0)
        right.slice_view.set_slice(30)  # x = 10: column 42
        assert left.slice_view.reference_lines[0][0][1] == pytest.approx(42.0)
        left.slice_view.set_slice(5)  # z = 10: row 20 of the sagittal image
        ((a, b),) = right.slice_view.reference_lines
        assert a[0] == pytest.approx(20.0) and b[0] == pytest.approx(20.0)
        grid.set_layout(1, 1)  # the sagittal viewport is hidden: no line from it
        linker.watch()
        assert left.slice_view.reference_lines == []
        grid.set_layout(1, 2)
        linker.references = False
        assert left.slice_view.reference_lines == right.slice_view.reference_lines == []
    finally:
        grid.shutdown()


def test_linked_pan_follows(qtbot):
    grid = ViewportGrid()
    qtbot.addWidget(grid)
    grid.resize(800, 400)
    grid.set_layout(1, 2)
    grid.show()
    qtbot.waitExposed(grid)
    try:
        left, right = grid.cells[0].viewport, grid.cells[1].viewport
        left.set_stack(_axial())
        right.set_stack(_axial())
        linker = Linker(grid)
        linker.zoom = True
        left.slice_view.zoom_by(2.0)
        left.slice_view.pan_by(30.0, -12.0)
        assert right.slice_view.zoom == pytest.approx(2.0)
        assert right.slice_view.pan == pytest.approx(left.slice_view.pan)
        assert right.slice_view.pan != (0.0, 0.0)
        linker.zoom = False
        left.slice_view.pan_by(10.0, 0.0)
        assert right.slice_view.pan != pytest.approx(left.slice_view.pan)
    finally:
        grid.shutdown()
