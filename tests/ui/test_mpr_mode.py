"""MPR mode in the viewer: M opens axial/sagittal/coronal + 3D of the series, the
crosshair follows clicks in every plane, slab keys show in the overlay, Esc goes back."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

pytest.importorskip("workstation.render.mpr.plane_view")


def test_mpr_mode_opens_links_the_crosshair_and_exits(loaded_viewer, qtbot):
    window = loaded_viewer
    stack = window.viewport.stack
    assert stack is not None and stack.count >= 3
    qtbot.keyClick(window.viewport.canvas, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: window.mpr.active, timeout=10_000)
    view = window.mpr.view
    assert not window.grid.isVisible() and view.isVisible()
    assert np.shares_memory(view.volume.stack.pixels, stack.pixels)  # one volume in memory
    assert view.planes["coronal"].view.voi == window.viewport.slice_view.voi  # window kept
    axial = view.planes["axial"]
    qtbot.waitExposed(axial.canvas)

    # click a quarter of the way into the axial image: the point moves there, in LPS
    before = view.state.point.copy()
    width, height = axial.canvas.width(), axial.canvas.height()
    click = QPoint(width // 2 - width // 8, height // 2 + height // 8)
    ratio = axial.canvas.devicePixelRatioF()
    expected = axial.lps_at(click.x() * ratio, click.y() * ratio)
    assert expected is not None
    qtbot.mouseClick(axial.canvas, Qt.MouseButton.LeftButton, pos=click)
    point = view.state.point
    np.testing.assert_allclose(point[:2], expected[:2], atol=1e-6)
    assert point[2] == pytest.approx(before[2])
    assert point[0] < before[0] and point[1] > before[1]  # towards patient right, posterior
    # the sagittal and coronal planes now pass through the clicked point
    for name in ("sagittal", "coronal"):
        plane = view.planes[name].view.plane
        assert abs(plane.lps_to_pixel(point)[2]) < 1e-6
    sagittal_pixels = view.planes["sagittal"].view.stack.pixels[0]
    row, col, _ = view.planes["sagittal"].view.plane.lps_to_pixel(point)
    k = int(round((point[2] - stack.positions[0][2]) / (stack.positions[1][2]
                                                         - stack.positions[0][2])))
    srow, scol = (point[1] - stack.positions[0][1]) / stack.pixel_spacing[0], \
        (point[0] - stack.positions[0][0]) / stack.pixel_spacing[1]
    if abs(srow - round(srow)) < 1e-6 and abs(scol - round(scol)) < 1e-6:
        assert sagittal_pixels[round(row), round(col)] == stack.pixels[k, round(srow), round(scol)]

    # slab by keyboard, shown in the overlay; mode cycling
    canvas = view.planes["coronal"].canvas
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    qtbot.keyClick(canvas, Qt.Key.Key_BracketRight)
    assert view.state.slab_mm == 2.0
    assert "Slab MIP 2.0 mm" in view.planes["coronal"].view.overlay_text()["bottom_left"]
    qtbot.keyClick(canvas, Qt.Key.Key_M, Qt.KeyboardModifier.ShiftModifier)
    assert "Slab MinIP" in view.planes["axial"].view.overlay_text()["bottom_left"]
    qtbot.keyClick(canvas, Qt.Key.Key_BracketLeft)
    assert view.state.slab_mm == 1.0

    # Esc: back to the grid as it was
    qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert not window.mpr.active and window.grid.isVisible()
    assert window.viewport.stack is stack


def test_dragging_a_crosshair_line_rotates_the_other_planes(loaded_viewer, qtbot):
    window = loaded_viewer
    assert window.mpr.enter()
    view = window.mpr.view
    axial = view.planes["axial"]
    qtbot.waitExposed(axial.canvas)
    plane = axial.view.plane
    row, col, _ = plane.lps_to_pixel(view.state.point)
    cx, cy = axial.view.image_to_display(row, col)
    ratio = axial.canvas.devicePixelRatioF()
    start = QPoint(int(round((cx + 60) / ratio)), int(round(cy / ratio)))  # on the coronal line
    assert axial.grabbed_line(start.x() * ratio, start.y() * ratio) == "coronal"
    qtbot.mousePress(axial.canvas, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(axial.canvas, QPoint(start.x(), start.y() + 60 // 1))
    qtbot.mouseRelease(axial.canvas, Qt.MouseButton.LeftButton,
                       pos=QPoint(start.x(), start.y() + 60))
    assert view.state.is_oblique("coronal") and view.state.is_oblique("sagittal")
    assert not view.state.is_oblique("axial")
    # the grabbed line followed the pointer: now 45° down-right on screen
    _, d = view.state.crosshair_lines("axial")["coronal"]
    dr, dc = float(d @ plane.y_axis), float(d @ plane.x_axis)
    assert dr * dc > 0 and abs(abs(dr) - abs(dc)) < 0.05
    normal = view.state.normal("coronal")
    assert abs(normal[2]) < 1e-9 and abs(normal[1]) < 0.9  # turned about the axial normal
    assert "Coronal (oblique)" in view.planes["coronal"].view.overlay_text()["bottom_left"]
    qtbot.keyClick(axial.canvas, Qt.Key.Key_R)  # reset
    assert not view.state.oblique
    # Ctrl+drag measures a length in mm between patient points
    qtbot.mousePress(axial.canvas, Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, pos=QPoint(40, 40))
    qtbot.mouseRelease(axial.canvas, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.ControlModifier, pos=QPoint(90, 40))
    assert len(view.lengths) == 1
    a, b = view.lengths[0].a, view.lengths[0].b
    assert np.linalg.norm(b - a) > 0 and abs(a[2] - b[2]) < 1e-9
    assert any(label.endswith("mm (PixelSpacing)") for label in axial.view.measurement_labels())
    # Shift+wheel: slab thickness by mouse; plain wheel moves only along this plane's normal
    def wheel(modifiers: Qt.KeyboardModifier, notches: int) -> None:
        event = QWheelEvent(QPointF(50, 50), QPointF(axial.canvas.mapToGlobal(QPoint(50, 50))),
                            QPoint(0, 0), QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                            modifiers, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(axial.canvas, event)

    wheel(Qt.KeyboardModifier.ShiftModifier, 3)
    assert view.state.slab_mm == 3.0
    before = view.state.point.copy()
    wheel(Qt.KeyboardModifier.NoModifier, -2)  # towards the reader: two slices on
    moved = view.state.point - before
    assert moved[0] == moved[1] == 0 and moved[2] == pytest.approx(
        2 * view.volume.grid.direction_spacing(np.array([0.0, 0.0, 1.0])))
    window.mpr.exit()


def test_series_that_cannot_be_reformatted_are_refused_with_a_reason(qapp):
    from PySide6.QtCore import QObject

    from workstation.core.stack import ImageStack
    from workstation.ui.mpr_mode import MprMode

    parent = QObject()
    mode = MprMode(parent)  # type: ignore[arg-type]
    assert mode._refusal(None) == "Open a series first."
    two = ImageStack(pixels=np.zeros((2, 8, 8), np.int16))
    assert "at least 3 slices" in mode._refusal(two)
    rgb = ImageStack(pixels=np.zeros((5, 8, 8, 3), np.uint8), photometric="RGB")
    assert "grayscale" in mode._refusal(rgb)
    assert mode._refusal(ImageStack(pixels=np.zeros((5, 8, 8), np.int16))) == ""


def _ctrl_drag(qtbot, canvas, start: QPoint, end: QPoint) -> None:
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=start)
    qtbot.mouseMove(canvas, end)
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                       pos=end)


def test_mpr_lengths_are_in_patient_mm_listed_deletable_and_reported(loaded_viewer, qtbot):
    window = loaded_viewer
    assert window.mpr.enter()
    view = window.mpr.view
    sagittal = view.planes["sagittal"]
    qtbot.waitExposed(sagittal.canvas)
    ratio = sagittal.canvas.devicePixelRatioF()
    row, col, _ = sagittal.view.plane.lps_to_pixel(view.state.point)
    cx, cy = (v / ratio for v in sagittal.view.image_to_display(row, col))
    start = QPoint(round(cx - 25), round(cy - 20))  # away from the crosshair's centre
    end = QPoint(round(cx + 25), round(cy + 20))
    a = sagittal.lps_at(start.x() * ratio, start.y() * ratio)
    b = sagittal.lps_at(end.x() * ratio, end.y() * ratio)
    assert a is not None and b is not None
    _ctrl_drag(qtbot, sagittal.canvas, start, end)
    (length,) = view.lengths
    np.testing.assert_allclose(length.a, a, atol=1e-6)
    np.testing.assert_allclose(length.b, b, atol=1e-6)
    assert abs(a[0] - b[0]) < 1e-9  # both on the sagittal plane (same x)
    assert length.plane == "sagittal"
    mm = float(np.linalg.norm(b - a))
    assert mm > 10
    label = f"{mm:.1f} mm (PixelSpacing)"
    assert sagittal.view.measurement_labels() == [label]
    # listed in the measurement panel, like the 2D ones
    panel = window.panels.measure_list
    assert window.panels.measure_dock.isVisible()
    assert [panel.item(i).text() for i in range(panel.count())] == [
        f"Length, Sagittal (MPR): {label}"]
    # kept with the report draft's attachments
    measurements, _keys = window.panels.report_attachments()
    assert {"kind": "length", "value": round(mm, 1), "unit": "mm",
            "label": f"Length (MPR): {label}", "series_uid": window.current_series_uid,
            "sop_uid": ""} in measurements
    # activating the row moves the crosshair to its middle
    view.move_point(view.volume.grid.center() + 20.0)
    panel.setCurrentRow(0)
    panel.itemActivated.emit(panel.item(0))
    np.testing.assert_allclose(view.state.point, view.volume.grid.to_lps(np.clip(
        view.volume.grid.to_frame(length.midpoint), 0, view.volume.grid.extent_mm())), atol=1e-6)
    # Delete (the viewer's measure.delete key) removes it from the planes and the list
    qtbot.keyClick(sagittal.canvas, Qt.Key.Key_Delete)
    assert view.lengths == [] and panel.count() == 0
    assert sagittal.view.measurement_labels() == []
    # leaving MPR lists the 2D measurements of the series again; the MPR list is kept
    _ctrl_drag(qtbot, sagittal.canvas, start, end)
    window.mpr.exit()
    assert panel.count() == len(window.panels.tools.of_series(window.current_series_uid))
    assert len(window.mpr.lengths[window.current_series_uid]) == 1
    assert window.mpr.enter()
    assert len(window.mpr.view.lengths) == 1 and panel.count() == 1
    window.mpr.exit()


def test_3d_preset_and_clip_box_have_keys_and_reset_restores_the_camera(loaded_viewer, qtbot):
    window = loaded_viewer
    assert window.mpr.enter()
    view = window.mpr.view
    pane = view.volume_pane
    canvas = view.planes["axial"].canvas
    qtbot.waitExposed(canvas)
    first = pane.view.preset
    assert first is not None
    qtbot.keyClick(canvas, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert pane.view.preset is not None and pane.view.preset.id != first.id
    assert pane.view.preset.name in window.status.text()
    qtbot.keyClick(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert pane.clip_half_mm > 0 and pane.view.mapper.GetCropping() == 1
    assert "clipped" in pane.view.label.GetInput()
    qtbot.keyClick(canvas, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert pane.clip_half_mm == 0 and pane.view.mapper.GetCropping() == 0
    camera = pane.view.renderer.GetActiveCamera()
    home = camera.GetPosition()
    pane.view.rotate(40.0, 15.0)
    assert np.linalg.norm(np.subtract(camera.GetPosition(), home)) > 1.0
    qtbot.keyClick(canvas, Qt.Key.Key_R)
    np.testing.assert_allclose(camera.GetPosition(), home, atol=1e-6)
    window.mpr.exit()
