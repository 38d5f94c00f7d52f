"""Printing in the running application against the demo hub: the reader signs the report,
presses the print shortcut (Ctrl+Shift+P), and the print lands in the hub's hash-chained
audit trail as ``client.printed`` for the study, by the reader, without patient data."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from test_hub_dataset import FakeClock, code_at, start_live_hub  # noqa: E402

from workstation.demohub import audit_chain  # noqa: E402
from workstation.demohub.accounts import DEMO_READER  # noqa: E402
from workstation.ui.app import build_main  # noqa: E402

pypdf = pytest.importorskip("pypdf")


def _session_only_key(user_ref, keyring_backend=None):
    from workstation.cache import keys

    return keys.KeyResult(bytes(range(1, 33)), False, keys.SESSION_ONLY_MESSAGE)


@pytest.fixture
def live(tmp_path, monkeypatch):
    monkeypatch.setattr("workstation.ui.audit_uploader.load_or_create_key", _session_only_key)
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path / "hub", clock)
    yield hub, demo, clock
    hub.stop()


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


def test_a_printed_report_is_audited_on_the_hub(qtbot, live, controller, tmp_path) -> None:
    hub, demo, clock = live
    with qtbot.waitSignal(controller.signed_in, timeout=30_000):
        controller.sign_in(DEMO_READER.username, DEMO_READER.password,
                           code_at(DEMO_READER, clock.now))
    qtbot.waitUntil(lambda: controller.worklist_window.is_loaded, timeout=30_000)
    uid = demo.uids["ankara_stat"]
    viewer = controller.open_study(uid)
    panel = viewer.report_panel
    panel.set_text("Sağ alt lob pulmoner arterde dolum defekti.", "Pulmoner emboli.")
    with qtbot.waitSignal(panel.submitted, timeout=30_000) as sent:
        assert panel.submit()
    assert sent.args[0].ok and not sent.args[0].response.get("queued")

    out = tmp_path / "printed.pdf"

    def to_file(printer: QPrinter, _parent) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    panel.flows.printing.ask = to_file
    action = viewer.actions.actions["report.print"]
    assert action.shortcut() == QKeySequence("Ctrl+Shift+P")
    with qtbot.waitSignal(panel.flows.printing.printed, timeout=30_000) as printed:
        action.trigger()
    pages = printed.args[0]
    assert pages >= 1 and len(pypdf.PdfReader(str(out)).pages) == pages

    audit = controller.security.audit
    qtbot.waitUntil(lambda: audit.pending == 0, timeout=15_000)
    with sqlite3.connect(hub.db_path) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT username, study_uid, tenant_id, detail FROM audit"
                          " WHERE event = 'client.printed' ORDER BY id").fetchall()
        check = audit_chain.verify(db)
    assert check.ok, check
    assert len(rows) == 1
    row = rows[0]
    assert (row["username"], row["study_uid"], row["tenant_id"]) == (
        DEMO_READER.username, uid, "ankara")
    for part in ("kind=print.report", f"pages={pages}", "version=1", "destination=pdf-file",
                 "outcome=success", "workstation=ws-"):
        assert part in row["detail"], row["detail"]
    item = viewer.item
    assert item.patient_id not in row["detail"]
    assert not any(p in row["detail"] for p in item.patient_name.split("^") if p)
    panel.findings.clear()
    panel.impression.clear()
