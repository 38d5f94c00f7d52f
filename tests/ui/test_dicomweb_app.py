"""The application on a DICOMweb archive (a real Orthanc): worklist from QIDO-RS, a study
opened in the viewer through the encrypted cache (pixels equal to the source files), the
report filed back as SR + PDF; server profiles; a local folder opened in the viewer."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from pydicom import dcmread
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout

from tests.integration.orthanc_server import PASSWORD, USER, Orthanc, start_orthanc
from tests.ui.keychain_double import MemoryKeyring
from workstation.dicom.decoders import decode_frames
from workstation.dicomweb import dicom_json as dj
from workstation.dicomweb.client import DicomWebClient
from workstation.services.report_submission import SubmissionStatus
from workstation.ui.dicomweb_app import build_dicomweb_main
from workstation.ui.local_import import LocalStudyOpener
from workstation.ui.server_profiles import (
    HUB,
    KEYRING_SERVICE,
    ProfileStore,
    ServerProfile,
    attach_profile_button,
)


def _ct_files(shared: Path) -> list[Path]:
    files = sorted((shared / "ct_series" / "dcm_qa_ct_GE_tilt").glob("*.dcm"))[:5]
    if len(files) < 5:
        pytest.skip("shared CT series missing")
    return files


@pytest.fixture(scope="module")
def orthanc_ct(tmp_path_factory: pytest.TempPathFactory, shared_dicom: Path
               ) -> Iterator[tuple[Orthanc, list[Path]]]:
    files = _ct_files(shared_dicom)
    for server in start_orthanc(tmp_path_factory.mktemp("orthanc-ui")):
        for path in files:
            server.upload(path)
        yield server, files


def _assert_stack_matches(stack, files: list[Path]) -> None:
    by_sop = {dcmread(p, stop_before_pixels=True).SOPInstanceUID: p for p in files}
    assert sorted(stack.sop_instance_uids) == sorted(by_sop)
    for k, sop in enumerate(stack.sop_instance_uids):
        np.testing.assert_array_equal(stack.pixels[k], decode_frames(dcmread(by_sop[sop]))[0])


def test_profiles_keep_secrets_out_of_settings(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    backend = MemoryKeyring()
    store = ProfileStore(settings, backend)
    assert store.current() == HUB
    store.save(ServerProfile("pacs-a", "https://pacs.example/dicom-web", "basic", "dr"),
               "top-secret")
    store.set_current("pacs-a")
    settings.sync()
    assert "top-secret" not in (tmp_path / "s.ini").read_text()
    again = ProfileStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), backend)
    assert again.current() == "pacs-a"
    assert again.profile("pacs-a").config(again.secret("pacs-a")).secret == "top-secret"
    with pytest.raises(ValueError):
        store.save(ServerProfile("bad", "pacs.example"))
    store.remove("pacs-a")
    assert store.current() == HUB and (KEYRING_SERVICE, "pacs-a") not in backend.secrets


def test_servers_button_sits_in_the_sign_in_dialog(qtbot):
    dialog = QDialog()
    QVBoxLayout(dialog)
    qtbot.addWidget(dialog)
    button = attach_profile_button(dialog, lambda _p: None)
    assert dialog.findChild(QPushButton, "servers_button") is button


def test_worklist_viewer_and_report_on_orthanc(qtbot, tmp_path, orthanc_ct):
    server, files = orthanc_ct
    profile = ServerProfile("orthanc", server.dicomweb_url, "basic", USER)
    controller = build_dicomweb_main(profile, PASSWORD, author="Dr. Test",
                                     cache_base=tmp_path / "cache")
    try:
        qtbot.waitUntil(lambda: controller.worklist_window is not None
                        and controller.worklist_window.is_loaded, timeout=30_000)
        window = controller.worklist_window
        assert window.model.rowCount() == 1
        item = window.model.item(0)
        assert item.tenant_id == "orthanc" and item.modality == "CT"
        assert window.findChild(type(window.open_local_action), "open_local") is not None

        viewer = controller.open_study(item)
        qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=60_000)
        (stack,) = viewer.stacks.values()
        _assert_stack_matches(stack, files)
        cache_root = Path(controller.cache.store.root)
        assert str(tmp_path / "cache") in str(cache_root)

        panel = viewer.report_panel
        panel.findings.setPlainText("No acute finding.")
        panel.impression.setPlainText("Normal.")
        # Objects naming another study than the one they are filed into: the archive
        # answers 409, and the panel says so in the archive's words, text kept.
        source = controller.client
        source._items[item.study_uid] = replace(item, study_uid="1.2.826.0.1.3680043.8.498.9")
        with qtbot.waitSignal(panel.submit_failed, timeout=30_000) as failed:
            panel.submit()
        source._items[item.study_uid] = item
        assert failed.args[0].status is SubmissionStatus.CONFLICT
        shown = panel.message.text()
        assert shown.startswith("The DICOMweb archive reported a problem filing the report")
        assert "409" in shown and "hub" not in shown.lower()
        assert panel.findings.toPlainText() == "No acute finding."
        with qtbot.waitSignal(panel.submitted, timeout=30_000):
            panel.submit()
        with DicomWebClient(profile.config(PASSWORD)) as client:
            modalities = {dj.text(s, dj.MODALITY) for s in client.search_series(item.study_uid)}
        assert modalities == {"CT", "SR", "DOC"}
    finally:
        controller.shutdown()


def test_switching_profiles_keeps_caches_apart(qtbot, tmp_path, orthanc_ct, monkeypatch):
    """Two profiles on the same archive (same host and port, as two accounts or two archive
    paths would be) and the hub each get their own cache folder and key: the study cached
    through the first profile is not in the second's cache after switching."""
    import keyring

    from workstation.ui.cache_session import cache_root
    from workstation.ui.dicomweb_app import ProfileSwitcher

    server, files = orthanc_ct
    keychain = MemoryKeyring()  # a persistent keychain: caches are kept, not per session
    monkeypatch.setattr(keyring, "get_keyring", lambda: keychain)
    store = ProfileStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                         keychain)
    for name in ("orthanc", "orthanc-second"):
        store.save(ServerProfile(name, server.dicomweb_url, "basic", USER), PASSWORD)
    base = tmp_path / "cache"
    switcher = ProfileSwitcher(None, store, cache_base=base, author="Dr. Test")
    try:
        first = switcher.switch(store.profile("orthanc"))
        qtbot.waitUntil(lambda: first.worklist_window is not None
                        and first.worklist_window.is_loaded, timeout=30_000)
        item = first.worklist_window.model.item(0)
        assert item.tenant_id == "orthanc"
        viewer = first.open_study(item)
        qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=60_000)
        root_first = Path(first.cache.store.root)
        cached = {(c.tenant, c.study_uid): c.instances for c in first.cache.store.cached_studies()}
        assert cached == {("orthanc", item.study_uid): len(files)}

        second = switcher.switch(store.profile("orthanc-second"))
        assert second is not first and store.current() == "orthanc-second"
        qtbot.waitUntil(lambda: second.worklist_window is not None
                        and second.worklist_window.is_loaded, timeout=30_000)
        assert second.worklist_window.model.item(0).tenant_id == "orthanc-second"
        root_second = Path(second.cache.store.root)
        assert root_first != root_second
        assert root_first not in root_second.parents and root_second not in root_first.parents
        assert second.cache.store.cached_studies() == []  # nothing of the first profile
        # The first profile's cache stays on disk for when the reader switches back...
        assert any(p.is_file() for p in root_first.rglob("*"))
        # ...and the hub's folder for this host (what a hub profile would use) is untouched.
        assert not cache_root(base, server.dicomweb_url, "Dr. Test").exists()
    finally:
        switcher.shutdown()


def test_local_folder_opens_in_viewer(qtbot, tmp_path, shared_dicom):
    files = _ct_files(shared_dicom)
    folder = tmp_path / "usb" / "DCM"
    folder.mkdir(parents=True)
    for k, path in enumerate(files):
        shutil.copy(path, folder / f"I{k}")
    opener = LocalStudyOpener()
    try:
        with qtbot.waitSignal(opener.opened, timeout=30_000) as opened:
            opener.open_path(tmp_path / "usb")
        viewer = opened.args[0]
        qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=60_000)
        (stack,) = viewer.stacks.values()
        _assert_stack_matches(stack, files)
        assert "not sent" in (viewer.report_panel.read_only_reason or "")
        assert not viewer.report_panel.submit_button.isEnabled()
        with qtbot.waitSignal(opener.failed, timeout=10_000) as failed:
            opener.open_path(tmp_path / "nowhere")
        assert "does not exist" in failed.args[0]
    finally:
        opener.close()


def test_cli_open_explains_a_missing_path(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "workstation", "open", str(tmp_path / "no")],
                          capture_output=True, text=True, timeout=60,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 1
    assert "does not exist" in proc.stderr


def test_unusable_profile_is_explained(tmp_path, monkeypatch):
    from workstation.ui import dicomweb_app

    warnings: list[str] = []
    monkeypatch.setattr(dicomweb_app.QMessageBox, "warning",
                        lambda _parent, _title, text: warnings.append(text))
    store = ProfileStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                         MemoryKeyring())
    store.save(ServerProfile("pacs", "https://pacs.example/dicom-web",
                             ca_bundle=str(tmp_path / "missing.pem")))
    store.set_current("pacs")
    switcher = dicomweb_app.ProfileSwitcher(None, store, cache_base=tmp_path / "cache")
    assert switcher.start() is None
    assert "CA bundle" in warnings[0]


def test_switcher_asks_for_a_missing_secret_once_per_switch(tmp_path, monkeypatch):
    from PySide6.QtCore import QObject, Signal

    from workstation.ui import dicomweb_app

    class FakeController(QObject):
        profile_chosen = Signal(object)
        worklist_window = None

        def __init__(self, profile, secret):
            super().__init__()
            self.args = (profile.name, secret)
            self.stopped = False

        def shutdown(self):
            self.stopped = True

    monkeypatch.setattr(dicomweb_app, "build_dicomweb_main",
                        lambda profile, secret, **_kw: FakeController(profile, secret))
    answers = [("typed-secret", True), ("", False)]
    monkeypatch.setattr(dicomweb_app.QInputDialog, "getText",
                        lambda *_a, **_k: answers.pop(0))
    store = ProfileStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                         MemoryKeyring())
    store.save(ServerProfile("a", "https://a.example/dw", "basic", "dr"))
    store.save(ServerProfile("b", "https://b.example/dw", "bearer"), "token-b")
    store.set_current("a")
    switcher = dicomweb_app.ProfileSwitcher(None, store)
    first = switcher.start()
    assert first.args == ("a", "typed-secret")
    assert switcher.switch(store.profile("a")) is first  # already there: nothing happens
    second = switcher.switch(store.profile("b"))
    assert second.args == ("b", "token-b") and first.stopped
    assert store.current() == "b"
    second.profile_chosen.emit(store.profile("a"))  # prompt cancelled: stay on b
    assert switcher.controller is second and not second.stopped
