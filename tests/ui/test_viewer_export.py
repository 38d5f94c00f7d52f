"""The viewer's "Export anonymized…" action (Ctrl+Shift+E) exports the open study from the
encrypted cache."""

from __future__ import annotations

import pydicom
import pytest
from PySide6.QtWidgets import QMessageBox

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from workstation.ui.export_dialog import ExportChoice, ExportController  # noqa: E402


def test_action_exports_the_open_study(qtbot, loaded_viewer, tmp_path, monkeypatch):
    viewer = loaded_viewer
    action = viewer.actions.actions["export.anonymized"]
    assert "Ctrl+Shift+E" in [s.toString() for s in action.shortcuts()]
    asked = []
    monkeypatch.setattr(ExportController, "export_study",
                        lambda self, *a, **k: asked.append((self, a, k)))
    action.trigger()
    controller, args, kwargs = asked[0]
    assert args == (viewer.store, viewer.item.tenant_id, viewer.item.study_uid)
    assert kwargs["series_uid"] == viewer.current_series_uid
    assert kwargs["window"] is viewer.grid.active.slice_view.voi  # PNGs as on screen
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: messages.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    controller.run_choice(ExportChoice("series", "dicom", "clinical_trial", False, False,
                                       tmp_path / "out"),
                          viewer.store, viewer.item.tenant_id, viewer.item.study_uid,
                          viewer.current_series_uid)
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    files = sorted((tmp_path / "out").rglob("*.dcm"))
    assert files, messages
    ds = pydicom.dcmread(files[0])
    assert ds.PatientIdentityRemoved == "YES"
    assert ds.PatientID.startswith("ANON-") and ds.PatientID != viewer.item.patient_id
    assert ds.StudyInstanceUID != viewer.item.study_uid
