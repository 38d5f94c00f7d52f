"""Measurement tools driven with the mouse in the viewer, and the measurement list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from workstation.core.measurements import Angle, Calibration, Length  # noqa: E402
from workstation.core.roi_stats import EllipseRoi  # noqa: E402
from workstation.ui.viewer_window import ViewerWindow  # noqa: E402


@pytest.fixture
def viewer(loaded_viewer) -> ViewerWindow:
    return loaded_viewer


def widget_point(viewer: ViewerWindow, row: float, col: float) -> QPointF:
    """Qt widget position of image point (row, col) in the active viewport."""
    vp = viewer.viewport
    x, y = vp.slice_view.image_to_display(row, col)
    ratio = vp.canvas.devicePixelRatioF()
    return QPointF(x / ratio, y / ratio)


def mouse(viewer: ViewerWindow, kind: QMouseEvent.Type, pos: QPointF,
          buttons=Qt.MouseButton.LeftButton) -> None:
    vp = viewer.viewport
    button = Qt.MouseButton.LeftButton if kind != QMouseEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, pos, pos, button, buttons, Qt.KeyboardModifier.NoModifier)
    {QMouseEvent.Type.MouseButtonPress: vp.press, QMouseEvent.Type.MouseMove: vp.move,
     QMouseEvent.Type.MouseButtonRelease: vp.release}[kind](event)


def drag(viewer: ViewerWindow, a: tuple[float, float], b: tuple[float, float]) -> None:
    mouse(viewer, QMouseEvent.Type.MouseButtonPress, widget_point(viewer, *a))
    mouse(viewer, QMouseEvent.Type.MouseMove, widget_point(viewer, *b))
    mouse(viewer, QMouseEvent.Type.MouseButtonRelease, widget_point(viewer, *b))


def test_length_tool_measures_in_mm_and_lists_it(qtbot, viewer):
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_L)
    assert viewer.panels.tools.tool == "length"
    sv = viewer.viewport.slice_view
    zoom, k = sv.zoom, sv.slice_index
    drag(viewer, (10, 10), (10, 26))  # 16 px at 200/64 mm per px = 50 mm
    assert sv.zoom == zoom  # drawing did not pan or zoom
    uid = viewer.current_series_uid
    (m,) = viewer.panels.tools.of_series(uid)
    assert isinstance(m, Length) and m.slice_index == k
    assert m.points[0] == pytest.approx((10, 10), abs=0.6)
    labels = sv.measurement_labels()
    assert len(labels) == 1 and labels[0].startswith("50.0 mm")
    assert viewer.panels.measure_list.count() == 1
    assert "50.0 mm" in viewer.panels.measure_list.item(0).text()
    # Delete removes the newest one on the image.
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_Delete)
    assert viewer.panels.tools.of_series(uid) == []
    assert sv.measurement_labels() == []


def test_angle_by_three_clicks_and_escape_returns_to_pan(qtbot, viewer):
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_G)
    for point in ((10, 30), (30, 30), (30, 50)):
        pos = widget_point(viewer, *point)
        mouse(viewer, QMouseEvent.Type.MouseButtonPress, pos)
        mouse(viewer, QMouseEvent.Type.MouseButtonRelease, pos)
    (m,) = viewer.panels.tools.of_series(viewer.current_series_uid)
    assert isinstance(m, Angle)
    assert m.measure(Calibration.of(viewer.viewport.stack)).value == pytest.approx(90, abs=3)
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_Escape)
    assert viewer.panels.tools.tool == ""


def test_ellipse_roi_reports_hu_of_the_disc(qtbot, viewer):
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_E)
    drag(viewer, (28, 28), (36, 36))  # inside the 60 HU disc at the centre
    (m,) = viewer.panels.tools.of_series(viewer.current_series_uid)
    assert isinstance(m, EllipseRoi)
    label = viewer.viewport.slice_view.measurement_labels()[0]
    assert "60" in label and "HU" in label


def test_probe_reports_the_value_under_the_pointer(qtbot, viewer):
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_Q)
    mouse(viewer, QMouseEvent.Type.MouseMove, widget_point(viewer, 32, 32), Qt.MouseButton.NoButton)
    assert "60 HU" in viewer.status.text()


def test_measurements_follow_the_series_into_another_viewport(qtbot, viewer):
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_L)
    drag(viewer, (10, 10), (10, 26))
    uid, k = viewer.current_series_uid, viewer.viewport.slice_view.slice_index
    viewer.set_layout(1, 2)
    other = viewer.grid.cells[1].viewport
    viewer.show_series(uid, other)
    other.go_to(k)
    assert len(other.slice_view.measurement_labels()) == 1


def test_measurements_and_key_images_as_report_attachments(qtbot, viewer):
    from workstation.core.report_content import StructuredReport

    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_L)
    drag(viewer, (10, 10), (10, 26))
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_Escape)
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_K)
    measurements, keys = viewer.panels.report_attachments()
    assert measurements[0]["kind"] == "length" and "50.0 mm" in measurements[0]["label"]
    assert keys[0]["series_uid"] == viewer.current_series_uid and keys[0]["sop_uid"]
    report = StructuredReport(viewer.item.study_uid, "ct", measurements=measurements,
                              key_images=keys)
    assert report.key_images == keys


def test_cobb_angle_by_four_clicks(qtbot, viewer):
    from workstation.core.measurements import CobbAngle

    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_G, Qt.KeyboardModifier.ShiftModifier)
    assert viewer.panels.tools.tool == "cobb"
    # a horizontal endplate line, then one rising 10 px over 30 px: atan(1/3) = 18.4°
    for point in ((10, 10), (10, 40), (40, 10), (30, 40)):
        pos = widget_point(viewer, *point)
        mouse(viewer, QMouseEvent.Type.MouseButtonPress, pos)
        mouse(viewer, QMouseEvent.Type.MouseButtonRelease, pos)
    (m,) = viewer.panels.tools.of_series(viewer.current_series_uid)
    assert isinstance(m, CobbAngle)
    assert viewer.viewport.slice_view.measurement_labels() == ["18.4°"]
    assert "Cobb angle" in viewer.panels.measure_list.item(0).text()


def test_rectangle_roi_gives_hu_statistics_and_names_the_spacing(qtbot, viewer):
    from workstation.core.roi_stats import RectangleRoi

    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_E, Qt.KeyboardModifier.ShiftModifier)
    drag(viewer, (29, 29), (35, 35))  # inside the 60 HU disc at the centre
    (m,) = viewer.panels.tools.of_series(viewer.current_series_uid)
    assert isinstance(m, RectangleRoi)
    label = viewer.viewport.slice_view.measurement_labels()[0]
    lines = label.split("\n")
    assert lines[0] == "Mean 60.0 HU  SD 0.0" and lines[1] == "Min 60  Max 60"
    spacing = viewer.viewport.stack.pixel_spacing
    area = 7 * 7 * spacing[0] * spacing[1]  # pixel centres 29..35 in both directions
    assert lines[2] == f"Area {area:.1f} mm² (PixelSpacing)"


def test_freehand_roi_follows_the_drag_and_gives_hu(qtbot, viewer):
    from workstation.core.roi_stats import FreehandRoi

    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_D)
    assert viewer.panels.tools.tool == "freehand"
    outline = [(28, 28), (28, 36), (36, 36), (36, 28)]  # a square inside the 60 HU disc
    mouse(viewer, QMouseEvent.Type.MouseButtonPress, widget_point(viewer, *outline[0]))
    for point in outline[1:]:
        mouse(viewer, QMouseEvent.Type.MouseMove, widget_point(viewer, *point))
    mouse(viewer, QMouseEvent.Type.MouseButtonRelease, widget_point(viewer, *outline[-1]))
    (m,) = viewer.panels.tools.of_series(viewer.current_series_uid)
    assert isinstance(m, FreehandRoi) and len(m.points) == 4
    label = viewer.viewport.slice_view.measurement_labels()[0]
    assert label.startswith("Mean 60.0 HU  SD 0.0") and label.endswith("mm² (PixelSpacing)")
    assert "Freehand" in viewer.panels.measure_list.item(0).text()
