"""The report panel against the real demo hub: a typed, signed report lands exactly once as
FINAL; a resident can only submit a preliminary one; an amendment is a new version whose
difference the history dialog shows; a critical finding is recorded and reminded about
until the recipient acknowledges it; the signed PDF carries Turkish letters."""

from __future__ import annotations

import functools
import io
import sqlite3
from datetime import date

import pytest
from PySide6.QtCore import QDateTime, Qt
from test_hub_dataset import START_TIME, FakeClock, signed_in, start_live_hub

from workstation.cache.store import EncryptedStore
from workstation.core.study import WorklistItem
from workstation.demohub.accounts import DEMO_READER, DEMO_REFERRING, DEMO_RESIDENT
from workstation.services import report_artifacts
from workstation.services.report_submission import submit_report
from workstation.ui.report_flows import ReportContext
from workstation.ui.report_panel import ReportPanel

TURKISH = "çğıİöşü"


@pytest.fixture
def live(tmp_path):
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path, clock)
    clients = {u.username: signed_in(hub.base_url, u, clock)
               for u in (DEMO_READER, DEMO_RESIDENT, DEMO_REFERRING)}
    yield hub, demo, clients
    for client in clients.values():
        client.close()
    hub.stop()


def _item(client, uid: str) -> WorklistItem:
    return next(i for i in client.worklist() if i.study_uid == uid)


def _panel(qtbot, tmp_path, client, uid: str, **context) -> ReportPanel:
    store = EncryptedStore(tmp_path / f"store-{client.user.username}", bytes(range(32)))
    panel = ReportPanel(_item(client, uid), functools.partial(submit_report, client))
    qtbot.addWidget(panel)
    panel.configure(ReportContext(records=store.records, hub=client, user=client.user,
                                  autosave_s=0.2, **context))
    panel.resize(420, 900)
    panel.show()
    return panel


def _rows(hub, uid: str) -> list[tuple[str, int, bool]]:
    """(kind, version, superseded by a later version) of every stored report."""
    with sqlite3.connect(hub.db_path) as db:
        rows = db.execute("SELECT kind, version, report_id FROM reports WHERE study_uid = ? "
                          "ORDER BY version", (uid,)).fetchall()
        replaced = {r for (r,) in db.execute("SELECT supersedes FROM reports WHERE "
                                             "study_uid = ?", (uid,)) if r}
    return [(kind, version, rid in replaced) for kind, version, rid in rows]


def _sign(qtbot, panel: ReportPanel) -> None:
    with qtbot.waitSignal(panel.submitted, timeout=20_000):
        assert panel.submit()


def test_typed_and_signed_report_lands_once_as_final(qtbot, live, tmp_path) -> None:
    hub, demo, clients = live
    uid = demo.uids["ankara_stat"]
    panel = _panel(qtbot, tmp_path, clients["dr.demo"], uid)
    assert panel.kind.value == "FINAL"
    # Required template fields block the signature once the template is used.
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow, timeout=5000)
    panel.editor.focus_first()
    qtbot.keyClicks(panel.editor.focusWidget(), "Axial images.")
    assert not panel.submit()
    assert "Cannot sign yet" in panel.message.text()
    qtbot.keyClick(panel.editor.focusWidget(), Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    findings = panel.findings.toPlainText()
    assert "Axial images." in findings and panel.impression.toPlainText()
    _sign(qtbot, panel)
    _sign_again = panel.submit()  # a second press files nothing
    assert not _sign_again
    assert _rows(hub, uid) == [("FINAL", 1, False)]
    assert report_artifacts.latest(panel.flows.context.records, uid).startswith(b"%PDF-")
    assert report_artifacts.latest(panel.flows.context.records, uid, "sr")[128:132] == b"DICM"


def test_resident_submits_preliminary_only(qtbot, live, tmp_path) -> None:
    hub, demo, clients = live
    uid = demo.uids["ankara_stat"]
    panel = _panel(qtbot, tmp_path, clients["res.ankara"], uid)
    assert panel.kind.value == "PRELIMINARY"
    assert "preliminary" in panel.submit_button.text().lower()
    assert not panel.flows.buttons["amend"].isEnabled()
    panel.set_text("Findings by the resident.", "Impression by the resident.")
    _sign(qtbot, panel)
    assert _rows(hub, uid) == [("PRELIMINARY", 1, False)]


def test_amend_creates_a_version_and_history_shows_the_diff(qtbot, live, tmp_path) -> None:
    hub, demo, clients = live
    uid = demo.uids["ankara_stat"]
    panel = _panel(qtbot, tmp_path, clients["dr.demo"], uid)
    panel.set_text("No nodule.", "Normal chest.")
    _sign(qtbot, panel)
    assert panel.flows.buttons["amend"].isEnabled()
    panel.flows.start_amend()
    panel.set_text("A 6 mm nodule in the right upper lobe.", "Normal chest.")
    panel.flows.amend_reason = "Nodule overlooked"
    _sign(qtbot, panel)
    assert _rows(hub, uid) == [("FINAL", 1, True), ("FINAL", 2, False)]
    panel.flows.show_history()
    qtbot.waitUntil(lambda: panel.flows.history_dialog is not None, timeout=10_000)
    text = panel.flows.history_dialog.view.toPlainText()
    assert "-No nodule." in text and "+A 6 mm nodule in the right upper lobe." in text
    assert "Nodule overlooked" in panel.flows.history_dialog.reason.text()
    panel.flows.history_dialog.close()


def test_critical_finding_is_reminded_until_acknowledged(qtbot, live, tmp_path) -> None:
    hub, demo, clients = live
    uid = demo.uids["ankara_stat"]
    panel = _panel(qtbot, tmp_path, clients["dr.demo"], uid, reminder_ms=200)
    panel.flows.flag_critical()
    dialog = panel.flows.critical_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.category.setCurrentIndex(0)
    dialog.finding.setPlainText("Saddle pulmonary embolus")
    qtbot.keyClicks(dialog.recipient, "Dr. Kaya, emergency")
    dialog.method.setCurrentIndex(0)
    dialog.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(START_TIME) - 120))  # hub's clock
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    reminder = panel.flows.reminder
    qtbot.waitUntil(lambda: reminder.active and panel.flows.reminder_label.isVisible(),
                    timeout=10_000)
    assert "Dr. Kaya" in panel.flows.reminder_label.text()
    (record,) = clients["ref.ankara"].critical_communications(uid, open_only=True)
    assert (record["category"], record["method"], record["finding"]) == (
        1, "phone", "Saddle pulmonary embolus")
    qtbot.wait(500)
    assert reminder.reminders >= 2  # reminded again while open
    with qtbot.waitSignal(reminder.acknowledged, timeout=10_000):
        clients["ref.ankara"].acknowledge_critical(record["id"], read_back="Saddle PE")
    qtbot.waitUntil(lambda: not reminder.active, timeout=5000)
    assert not panel.flows.reminder_label.isVisible()
    count = reminder.reminders
    qtbot.wait(500)
    assert reminder.reminders == count


def test_signed_pdf_keeps_turkish_letters(qtbot, live, tmp_path) -> None:
    pypdf = pytest.importorskip("pypdf")
    hub, demo, clients = live
    uid = demo.uids["ankara_stat"]
    panel = _panel(qtbot, tmp_path, clients["dr.demo"], uid)
    panel.set_text(f"Bulgular: {TURKISH} İstanbul ığdır şüphe.", f"Sonuç: {TURKISH}")
    _sign(qtbot, panel)
    out = tmp_path / "report.pdf"
    assert panel.flows.export_pdf_to(out)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages)
    for letter in TURKISH:
        assert letter in text, letter
    assert date.today().year > 2000  # the PDF was made now, not a stored fixture


def test_hub_draft_comes_back_on_another_workstation(qtbot, live, tmp_path) -> None:
    from workstation.core.report import ReportDraft, ReportKind

    hub, demo, clients = live
    uid = demo.uids["ankara_stat"]
    clients["dr.demo"].save_draft(ReportDraft(uid, "Half-written on the other desk.", "",
                                              ReportKind.DRAFT))
    panel = _panel(qtbot, tmp_path, clients["dr.demo"], uid)  # empty local store
    qtbot.waitUntil(lambda: panel.findings.toPlainText() == "Half-written on the other desk.",
                    timeout=10_000)
    assert "from the hub" in panel.message.text()
