"""The report panel moved to a window of its own (second monitor) and back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")


def test_report_detaches_remembers_its_place_and_comes_back(qtbot, loaded_viewer):
    viewer = loaded_viewer
    panel = viewer.report_panel
    viewer.detach_action.setChecked(True)
    detached = viewer.panels.detached
    assert detached is not None and panel.window() is detached
    assert viewer.splitter.indexOf(panel) == -1
    detached.move(140, 90)
    detached.resize(500, 700)
    detached.close()
    assert viewer.panels.detached is None
    assert viewer.splitter.indexOf(panel) >= 0 and panel.window() is viewer
    assert not viewer.detach_action.isChecked()
    settings = QSettings()
    assert settings.value("windows/detached_report/geometry") is not None
    assert settings.value("windows/detached_report/screen")
    # Opened again, it comes back where it was left.
    viewer.detach_action.setChecked(True)
    again = viewer.panels.detached
    assert again.size().width() == 500 and again.size().height() == 700
    viewer.detach_action.setChecked(False)
    assert viewer.panels.detached is None and panel.window() is viewer
