"""The report panel's "Measurements" button in the viewer window: a length drawn on the
images and a marked key image go into the structured report, the length into the first
measurement field and the findings text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from test_viewer_measure import drag  # noqa: E402


def test_measurement_and_key_image_reach_the_report(qtbot, loaded_viewer) -> None:
    viewer = loaded_viewer
    editor = viewer.report_panel.editor
    assert editor.report.template_id == "ct_chest"
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_L)
    drag(viewer, (10, 10), (10, 26))  # 16 px at 200/64 mm per px = 50 mm
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_Escape)
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_K)
    editor.attach_button.click()
    report = editor.collect()
    assert len(report.measurements) == 1 and "50.0 mm" in report.measurements[0]["label"]
    assert report.measurements[0]["series_uid"] == viewer.current_series_uid
    assert len(report.key_images) == 1 and report.key_images[0]["sop_uid"]
    assert report.values["nodule_size"] == 0  # the first measurement field refers to it
    assert "50.0 mm" in viewer.report_panel.findings.toPlainText()
