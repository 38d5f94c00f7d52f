"""Export actions in the UI: worklist context menu, the dialogs' checks, and exports run
through the controller against a real encrypted cache."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pydicom
import pytest
import pyzipper
from PySide6.QtWidgets import QMessageBox

from workstation.cache.store import EncryptedStore
from workstation.core.study import UserInfo
from workstation.ui.export_dialog import (
    AnonymizedExportDialog,
    ExportChoice,
    ExportController,
    PatientExportDialog,
)
from workstation.ui.worklist_window import WorklistWindow

STUDY = "1.2.826.0.1.3680043.8.498.1"  # make_item(1)
SERIES = STUDY + ".7"


@pytest.fixture
def store(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
    from dicom_synthetic import ct_dataset

    store = EncryptedStore(tmp_path / "cache", bytes(range(32)))
    for k in range(2):
        ds = ct_dataset(np.full((4, 4), k, dtype=np.int16), instance=k + 1,
                        position=(0, 0, k), series_uid=SERIES)
        ds.StudyInstanceUID = STUDY
        ds.PatientID = "PID0001"
        buffer = io.BytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        store.put("ankara", STUDY, SERIES, ds.SOPInstanceUID, buffer.getvalue())
    yield store
    store.close()


@pytest.fixture
def messages(monkeypatch):
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: seen.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: seen.append(a[2]))
    return seen


def test_worklist_context_menu_offers_both_exports(qtbot, fake_hub, store):
    window = WorklistWindow(fake_hub.worklist, UserInfo("dr.test", "Dr. Test", "radiologist"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.worklist_loaded, timeout=5000):
        window.refresh()
    window.cache_store = store
    rect = window.table.visualRect(window.model.index(0, 0))
    window.table.customContextMenuRequested.emit(rect.center())
    actions = [a for a in window.export_menu.actions()]
    assert [a.text() for a in actions] == [
        "Export anonymized…", "Export patient data (KVKK request)…"]
    assert all(a.isEnabled() for a in actions)
    window.export_menu.close()


def test_dialog_choice_follows_the_widgets(qtbot, tmp_path):
    dialog = AnonymizedExportDialog(None, has_series=True, has_key_images=True)
    qtbot.addWidget(dialog)
    assert [dialog.scope.itemData(i) for i in range(dialog.scope.count())] == [
        "study", "series", "key"]
    assert dialog.profile.count() == 5
    dialog.scope.setCurrentIndex(1)
    dialog.profile.setCurrentIndex(dialog.profile.findData("research"))
    dialog.as_zip.setChecked(True)
    dialog.path.edit.setText(str(tmp_path / "x.zip"))
    assert dialog.choice() == ExportChoice("series", "dicom", "research", True, False,
                                           tmp_path / "x.zip")
    dialog.kind.setCurrentIndex(dialog.kind.findData("png"))
    assert not dialog.profile.isEnabled() and dialog.overlay.isEnabled()
    assert dialog.choice().as_zip is False


def test_patient_dialog_checks_the_password(qtbot, tmp_path):
    dialog = PatientExportDialog()
    qtbot.addWidget(dialog)
    assert "Choose where" in dialog.problem()
    dialog.path.edit.setText(str(tmp_path / "p.zip"))
    dialog.password.setText("short")
    assert "at least 8" in dialog.problem()
    dialog.password.setText("long enough")
    dialog.repeat.setText("long enougH")
    assert "differ" in dialog.problem()
    dialog.repeat.setText("long enough")
    assert dialog.problem() == ""


def test_controller_exports_the_series_as_zip(qtbot, tmp_path, store, messages):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    controller = ExportController(parent)
    target = tmp_path / "series.zip"
    controller.run_choice(ExportChoice("series", "dicom", "teaching", True, False, target),
                          store, "ankara", STUDY, SERIES)
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert messages == [f"2 image(s) exported to {target}."]
    with zipfile.ZipFile(target) as archive:
        ds = pydicom.dcmread(io.BytesIO(archive.read(archive.namelist()[0])))
    assert ds.PatientIdentityRemoved == "YES" and ds.PatientID != "PID0001"


def test_controller_patient_export_and_png(qtbot, tmp_path, store, messages):
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    controller = ExportController(parent)
    controller.run_patient(store, "ankara", "PID0001", tmp_path / "p.zip", "secret pass")
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert messages[0].startswith("1 study(ies) with 2 image(s)")
    with pyzipper.AESZipFile(tmp_path / "p.zip") as archive:
        archive.setpassword(b"secret pass")
        assert json.loads(archive.read("manifest.json"))["studies"][0]["images"] == 2
    sop = store.list_instances("ankara", STUDY)[0][1]
    controller.run_choice(ExportChoice("key", "png", "teaching", False, True, tmp_path / "k"),
                          store, "ankara", STUDY, SERIES, [sop])
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=10000)
    assert sorted(p.name for p in (tmp_path / "k").iterdir()) == ["KEY_001.png"]
