"""The security features in a real session against the demo hub (tiny data set, fake hub
clock): the hub's idle policy reaches the lock, locking keeps the open study and the
unsaved report, unlocking needs password + TOTP, the client's audit events land in the
hub's hash-chained trail, and a whole session leaves no patient data or secret in plain
text in logs, cache or temp files."""

from __future__ import annotations

import logging
import sqlite3
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from test_hub_dataset import FakeClock, code_at, start_live_hub  # noqa: E402

from workstation.demohub import audit_chain  # noqa: E402
from workstation.demohub.accounts import DEMO_READER  # noqa: E402
from workstation.hub import auth as hub_auth  # noqa: E402
from workstation.logs import configure_file_logging  # noqa: E402
from workstation.logs.files import remove_file_logging  # noqa: E402
from workstation.logs.redaction import forget_sensitive  # noqa: E402
from workstation.ui.app import build_main  # noqa: E402

IDLE_POLICY = 120


@pytest.fixture
def live(tmp_path, monkeypatch):
    monkeypatch.setattr("workstation.ui.audit_uploader.load_or_create_key", _session_only_key)
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path / "hub", clock, idle_lock_seconds=IDLE_POLICY)
    yield hub, demo, clock
    hub.stop()


def _session_only_key(user_ref, keyring_backend=None):
    from workstation.cache import keys

    return keys.KeyResult(bytes(range(1, 33)), False, keys.SESSION_ONLY_MESSAGE)


@pytest.fixture
def controller(qtbot, live, tmp_path, session_key):
    hub, _demo, _clock = live
    c = build_main(hub.base_url, demo_user=DEMO_READER, cache_base=tmp_path / "cache")
    yield c
    c.shutdown()
    for window in (c.viewer_window, c.worklist_window, c.login_dialog):
        if window is not None:
            window.hide()
            window.deleteLater()


def _sign_in_and_open(qtbot, controller, demo, clock):
    with qtbot.waitSignal(controller.signed_in, timeout=30_000):
        controller.sign_in(DEMO_READER.username, DEMO_READER.password,
                           code_at(DEMO_READER, clock.now))
    qtbot.waitUntil(lambda: controller.worklist_window.is_loaded, timeout=30_000)
    uid = demo.uids["ankara_stat"]
    viewer = controller.open_study(uid)
    failures: list[str] = []
    viewer.load_failed.connect(failures.append)
    qtbot.waitUntil(lambda: viewer.is_series_ready or bool(failures), timeout=60_000)
    assert not failures
    return uid, viewer


def test_lock_unlock_keeps_the_study_and_audit_reaches_the_hub(qtbot, live, controller):
    hub, demo, clock = live
    uid, viewer = _sign_in_and_open(qtbot, controller, demo, clock)
    security = controller.security
    assert security.lock.idle_seconds == IDLE_POLICY  # the hub's policy
    assert controller.audit is security.audit

    panel = viewer.report_panel
    panel.findings.setPlainText("Filling defect in the right lower lobe artery.")
    lock = security.lock
    viewer.actions.actions["session.lock"].trigger()  # "Lock now" (Ctrl+Alt+L)
    assert lock.is_locked
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [lock.screen]
    assert "YILMAZ" not in controller.worklist_window.windowTitle()
    item = viewer.item
    for widget in QApplication.topLevelWidgets():  # every title, shown or hidden
        title = widget.windowTitle().upper()
        assert item.patient_id.upper() not in title
        assert not any(part.upper() in title for part in item.patient_name.split("^") if part)
    assert not viewer.isVisible() and not controller.worklist_window.isVisible()
    assert not viewer.thumbnails.isVisible()  # the series thumbnails go with the viewer

    screen = lock.screen
    clock.advance(30)  # the next TOTP step: the sign-in code may not be used twice
    qtbot.keyClicks(screen.password, DEMO_READER.password)
    qtbot.keyClicks(screen.code, code_at(DEMO_READER, clock.now))
    with qtbot.waitSignal(lock.unlocked, timeout=30_000) as unlocked:
        qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert unlocked.args == [True]
    assert controller.viewer_window is viewer and viewer.isVisible()
    assert viewer.is_series_ready
    assert panel.findings.toPlainText() == "Filling defect in the right lower lobe artery."

    # Another feature (export) records from a worker thread: sent within seconds.
    import threading

    worker = threading.Thread(target=lambda: controller.audit.record(
        "exported", uid, profile="basic", files=3))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: security.audit.pending == 0, timeout=15_000)

    viewer.report_panel.findings.clear()  # nothing unsent: closing asks no question
    viewer.close()
    qtbot.waitUntil(lambda: controller.viewer_window is None, timeout=10_000)
    assert security.audit.flush() >= 1 or security.audit.pending == 0
    assert security.audit.pending == 0

    with sqlite3.connect(hub.db_path) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT event, username, study_uid, tenant_id, detail FROM audit"
                          " WHERE event LIKE 'client.%' ORDER BY id").fetchall()
        check = audit_chain.verify(db)
    events = [r["event"] for r in rows]
    assert events[:2] == ["client.signed_in", "client.study_opened"]
    for name in ("client.series_viewed", "client.locked", "client.unlocked",
                 "client.exported", "client.study_closed"):
        assert name in events
    opened = rows[events.index("client.study_opened")]
    closed = rows[events.index("client.study_closed")]
    for row in (opened, closed):
        assert row["study_uid"] == uid and row["tenant_id"] == "ankara"
        assert row["username"] == DEMO_READER.username
        assert "workstation=ws-" in row["detail"] and "client_at=" in row["detail"]
    assert events.index("client.study_closed") > events.index("client.unlocked")
    assert check.ok, check


def test_exports_in_the_app_are_audited_on_the_hub(qtbot, live, controller, tmp_path,
                                                    monkeypatch):
    """An anonymized export from the viewer's action and a patient export from the worklist,
    performed in the running app, each reach the hub's hash-chained trail as
    ``client.exported`` for the exported study, naming kind, profile and destination."""
    import pydicom
    from PySide6.QtWidgets import QDialog, QMessageBox

    from workstation.ui.export_dialog import AnonymizedExportDialog, PatientExportDialog

    hub, demo, clock = live
    uid, viewer = _sign_in_and_open(qtbot, controller, demo, clock)
    item = viewer.item
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: messages.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append("warning: " + a[2]))
    out = tmp_path / "export"

    def fill_anonymized(dialog: AnonymizedExportDialog) -> int:
        dialog.kind.setCurrentIndex(dialog.kind.findData("dicom"))
        dialog.profile.setCurrentIndex(dialog.profile.findData("research"))
        dialog.path.edit.setText(str(out))
        return QDialog.DialogCode.Accepted

    def fill_patient(dialog: PatientExportDialog) -> int:
        dialog.path.edit.setText(str(tmp_path / "patient.zip"))
        dialog.password.setText("correct horse battery")
        dialog.repeat.setText("correct horse battery")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AnonymizedExportDialog, "exec", fill_anonymized)
    monkeypatch.setattr(PatientExportDialog, "exec", fill_patient)
    viewer.actions.actions["export.anonymized"].trigger()  # Ctrl+Shift+E
    qtbot.waitUntil(lambda: len(messages) == 1, timeout=60_000)
    assert not messages[0].startswith("warning"), messages
    files = sorted(out.rglob("*.dcm"))
    assert files
    exported = pydicom.dcmread(files[0])
    assert exported.PatientIdentityRemoved == "YES" and exported.StudyInstanceUID != uid

    window = controller.worklist_window
    window.exports.export_patient(window.cache_store, item.tenant_id, item.patient_id)
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=60_000)
    assert not messages[1].startswith("warning"), messages
    assert (tmp_path / "patient.zip").stat().st_size > 0

    audit = controller.security.audit
    qtbot.waitUntil(lambda: audit.pending == 0, timeout=15_000)
    with sqlite3.connect(hub.db_path) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT event, username, study_uid, detail FROM audit"
                          " WHERE event = 'client.exported' ORDER BY id").fetchall()
        check = audit_chain.verify(db)
    assert check.ok, check
    by_kind = {}
    for row in rows:
        for kind in ("export.anonymized", "export.patient"):
            if f"kind={kind}" in row["detail"]:
                by_kind[kind] = row
    assert set(by_kind) == {"export.anonymized", "export.patient"}, [r["detail"] for r in rows]
    anonymized, patient = by_kind["export.anonymized"], by_kind["export.patient"]
    assert anonymized["study_uid"] == uid == patient["study_uid"]
    assert anonymized["username"] == DEMO_READER.username
    assert "profile=research" in anonymized["detail"]
    assert f"files={len(files)}" in anonymized["detail"]
    assert "destination=folder" in anonymized["detail"]
    assert "destination=encrypted-zip" in patient["detail"]
    for row in rows:
        assert item.patient_id not in row["detail"]
        assert item.patient_name.split("^")[0] not in row["detail"]
    viewer.report_panel.findings.clear()


def test_full_session_leaves_no_phi_or_secret_in_plain_text(qtbot, live, controller, tmp_path,
                                                             monkeypatch):
    hub, demo, clock = live
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    logs = tmp_path / "logs"
    configure_file_logging(logs, level=logging.DEBUG)
    tokens: set[str] = set()
    real_set = hub_auth.TokenStore.set

    def spy(self, access, refresh, user):
        tokens.update((access, refresh))
        real_set(self, access, refresh, user)

    monkeypatch.setattr(hub_auth.TokenStore, "set", spy)
    urls: list[str] = []
    real_urls = type(controller.client).instance_urls

    def url_spy(self, *args, **kwargs):
        found = real_urls(self, *args, **kwargs)
        urls.extend(u.url for u in found)
        return found

    monkeypatch.setattr(type(controller.client), "instance_urls", url_spy)
    try:
        uid, viewer = _sign_in_and_open(qtbot, controller, demo, clock)
        item = viewer.item
        viewer.report_panel.findings.setPlainText("Draft: no embolus seen so far.")
        from workstation.core.report import ReportDraft, ReportKind

        controller.client.save_draft(ReportDraft(uid, "Draft: no embolus seen so far.", "",
                                                 ReportKind.FINAL))
        logging.getLogger("workstation.test").info(
            "diagnostic line naming %s %s with token %s", item.patient_name, item.patient_id,
            next(iter(tokens)))
        # Lock and unlock (password + TOTP typed on the lock screen).
        lock = controller.security.lock
        viewer.actions.actions["session.lock"].trigger()
        clock.advance(30)
        qtbot.keyClicks(lock.screen.password, DEMO_READER.password)
        qtbot.keyClicks(lock.screen.code, code_at(DEMO_READER, clock.now))
        with qtbot.waitSignal(lock.unlocked, timeout=30_000):
            qtbot.mouseClick(lock.screen.unlock_button, Qt.MouseButton.LeftButton)
        # An anonymized zip export and a patient export (KVKK request) of the open study.
        exports = _export_both(qtbot, controller, viewer, tmp_path / "exports", monkeypatch)
        # A study from a USB stick (File > Open folder): its session cache lives in temp.
        local = _open_local(qtbot, controller, tmp_path / "usb")
        controller.audit.flush()
        # While the study is open: the encrypted cache and the audit queue hold it.
        open_scan, open_hits = _scan([tmp_path / "cache", temp, logs],
                                     _secrets(item, tokens, urls))
        viewer.report_panel.findings.clear()
        controller.shutdown()  # sign-out: audit sent, session revoked, cache closed
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()
        remove_file_logging()
        forget_sensitive()

    assert tokens and urls and all("?" in u for u in urls)
    assert local is None or local["temp_files"] >= 1  # the local study's cache was scanned
    assert open_scan["files"] >= 5 and open_hits == [], open_hits
    scanned, hits = _scan([logs, tmp_path / "cache", temp], _secrets(item, tokens, urls))
    assert scanned["files"] >= 2 and scanned["bytes"] > 0
    assert scanned["by_folder"]["logs"] >= 1 and scanned["by_folder"]["cache"] >= 1
    # The exports: de-identified DICOM and an AES zip (its member names are not encrypted).
    export_scan, export_hits = _scan([tmp_path / "exports"], _secrets(item, tokens, urls))
    assert export_scan["files"] >= 2 and export_hits == [], export_hits
    assert exports["zip"].stat().st_size > 0 and exports["patient"].stat().st_size > 0
    print(f"scanned while open: {open_scan}; after sign-out: {scanned}; exports: "
          f"{export_scan}; hits: {len(hits)}")
    assert hits == [], hits
    log_text = (logs / "workstation.log").read_text(encoding="utf-8")
    assert "signed in; worklist shown" in log_text and "[redacted]" in log_text


EXPORT_PASSWORD = "Kvkk.Request.2026"  # noqa: S105 - the test's patient-export password


def _export_both(qtbot, controller, viewer, folder, monkeypatch):
    """An anonymized export (zip, profile "basic" of the clinical trial) and a patient
    export through the app's own controllers; returns the files written."""
    from PySide6.QtWidgets import QMessageBox

    from workstation.ui.export_dialog import ExportChoice

    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: messages.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append("warning: " + a[2]))
    folder.mkdir()
    out = {"zip": folder / "anonymized.zip", "patient": folder / "patient.zip"}
    item = viewer.item
    exports = controller.worklist_window.exports
    exports.run_choice(ExportChoice("study", "dicom", "clinical_trial", True, False, out["zip"]),
                       viewer.store, item.tenant_id, item.study_uid)
    qtbot.waitUntil(lambda: len(messages) == 1, timeout=60_000)
    exports.run_patient(viewer.store, item.tenant_id, item.patient_id, out["patient"],
                        EXPORT_PASSWORD)
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=60_000)
    assert not any(m.startswith("warning") for m in messages), messages
    return out


LOCAL_NAME, LOCAL_ID = "KARACA^ZEYNEP", "LOC-778899"


def _open_local(qtbot, controller, usb):
    """Copies of five shared CT files, renamed to a known patient, opened through the
    worklist's local import; None when the shared files are absent."""
    import pydicom

    from tests.conftest import SHARED_DICOM

    files = sorted((SHARED_DICOM / "ct_series" / "dcm_qa_ct_GE_tilt").glob("*.dcm"))[:5]
    if len(files) < 5:
        return None
    (usb / "DCM").mkdir(parents=True)
    for k, path in enumerate(files):
        ds = pydicom.dcmread(path)
        ds.PatientName, ds.PatientID = LOCAL_NAME, LOCAL_ID
        ds.save_as(usb / "DCM" / f"I{k}")
    opener = controller.worklist_window.local_opener
    with qtbot.waitSignal(opener.opened, timeout=30_000) as opened:
        opener.open_path(usb)
    viewer = opened.args[0]
    qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=60_000)
    temp_files = [p for p in Path(opener._folder).rglob("*") if p.is_file()]
    return {"temp_files": len(temp_files)}


def _secrets(item, tokens, urls):
    return {
        "patient name": [item.patient_name, *item.patient_name.split("^"),
                         *LOCAL_NAME.split("^")],
        "patient id": [item.patient_id, LOCAL_ID],
        "password": [DEMO_READER.password, EXPORT_PASSWORD],
        "token": sorted(tokens),
        "url signature": sorted({u.split("?", 1)[1] for u in urls}),
    }


def _scan(folders, secrets):
    """Every file under ``folders``: look for each secret as UTF-8, UTF-16 and Latin-1."""
    hits, files, size = [], 0, 0
    by_folder: dict[str, int] = {}
    needles = []
    for kind, values in secrets.items():
        for value in values:
            if len(value) < 4:
                continue
            for encoding in ("utf-8", "utf-16-le", "latin-1"):
                try:
                    needles.append((kind, value, value.encode(encoding)))
                except UnicodeEncodeError:
                    continue
    for folder in folders:
        for path in Path(folder).rglob("*"):
            if not path.is_file():
                continue
            data = path.read_bytes()
            files += 1
            by_folder[Path(folder).name] = by_folder.get(Path(folder).name, 0) + 1
            size += len(data)
            upper = data.upper()
            for kind, _value, needle in needles:
                if needle in data or needle.upper() in upper:
                    hits.append(f"{kind} in {path.relative_to(folder.parent)}")
    return {"files": files, "bytes": size, "by_folder": by_folder}, sorted(set(hits))


def test_session_resumes_from_the_keychain_after_a_crash(qtbot, live, tmp_path, session_key,
                                                          monkeypatch):
    """The refresh token lives in the OS keychain (a memory one here), never in a file:
    after the workstation died, the next start signs in without password or code."""
    import keyring

    from workstation.cache import token_keychain
    from workstation.ui.app import AppController

    hub, _demo, clock = live
    store: dict[tuple[str, str], str] = {}

    class Memory(keyring.backend.KeyringBackend):
        priority = 1

        def get_password(self, s, u):
            return store.get((s, u))

        def set_password(self, s, u, p):
            store[(s, u)] = p

        def delete_password(self, s, u):
            store.pop((s, u), None)

    monkeypatch.setattr(keyring, "get_keyring", Memory)
    first = AppController(hub.base_url, cache_base=tmp_path / "cache", probe=lambda: True)
    second = None
    try:
        first.start()
        with qtbot.waitSignal(first.signed_in, timeout=30_000):
            first.sign_in(DEMO_READER.username, DEMO_READER.password,
                          code_at(DEMO_READER, clock.now))
        kept = token_keychain.load_refresh_token(f"{DEMO_READER.username}@127.0.0.1")
        assert kept == first.client.refresh_token
        for path in (tmp_path / "cache").rglob("*"):
            assert not path.is_file() or kept.encode() not in path.read_bytes()

        # The first instance "crashed"; a new one starts with the sign-in dialog up...
        second = AppController(hub.base_url, cache_base=tmp_path / "cache2", probe=lambda: True)
        with qtbot.waitSignal(second.signed_in, timeout=30_000) as resumed:
            second.start()
        assert resumed.args[0].username == DEMO_READER.username
        assert second.login_dialog is None  # closed without a password typed
        # ...and the rotated token replaced the old one in the keychain.
        assert token_keychain.load_refresh_token(
            f"{DEMO_READER.username}@127.0.0.1") == second.client.refresh_token != kept
        second.shutdown()  # sign-out forgets it
        assert token_keychain.load_refresh_token(f"{DEMO_READER.username}@127.0.0.1") is None
    finally:
        for c in (second, first):
            if c is not None:
                c.shutdown()
                for w in (c.viewer_window, c.worklist_window, c.login_dialog):
                    if w is not None:
                        w.hide()
                        w.deleteLater()
