"""Signing with the authenticator code when the hub's policy asks for it.

The demo hub with ``sign_code_required`` sends the flag in its sign-in policy and refuses a
final signature or an amendment without the signer's current code (``X-Sign-Code``), each
code once. The report panel's sign dialog then asks for the code, and the hub checks it:
nothing lands without it, exactly one report lands with it.
"""

from __future__ import annotations

import functools
import sqlite3

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from test_hub_dataset import FakeClock, code_at, signed_in, start_live_hub

from workstation.cache.store import EncryptedStore
from workstation.core.report import ReportDraft, ReportKind
from workstation.demohub.accounts import DEMO_READER, DEMO_RESIDENT
from workstation.hub.errors import PermissionDenied
from workstation.services.report_submission import SubmissionStatus, submit_report
from workstation.ui.report_flows import ReportContext
from workstation.ui.report_panel import ReportPanel
from workstation.ui.report_sign_dialog import SignDialog

AMEND_KEY = "5f0c2a9e6b7d4e0f8a1b2c3d4e5f6a7b"


@pytest.fixture
def live(tmp_path):
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path, clock, sign_code_required=True)
    clients = {u.username: signed_in(hub.base_url, u, clock)
               for u in (DEMO_READER, DEMO_RESIDENT)}
    clock.advance(30)  # the sign-in code's time step is used up; the next one is fresh
    yield hub, demo, clients, clock
    for client in clients.values():
        client.close()
    hub.stop()


def _kinds(hub, uid: str) -> list[tuple[str, int]]:
    with sqlite3.connect(hub.db_path) as db:
        return db.execute("SELECT kind, version FROM reports WHERE study_uid = ? "
                          "ORDER BY version", (uid,)).fetchall()


def test_the_hub_refuses_a_final_signature_without_a_valid_code(live) -> None:
    hub, demo, clients, clock = live
    reader, uid = clients["dr.demo"], demo.uids["ankara_stat"]
    assert reader.policy is not None and reader.policy.sign_code_required

    draft = ReportDraft(uid, "No nodule.", "Normal chest.", ReportKind.FINAL)
    missing = submit_report(reader, draft)
    assert (missing.status, missing.code) == (SubmissionStatus.SIGN_CODE, "sign_code_required")
    wrong = ReportDraft(uid, "No nodule.", "Normal chest.", ReportKind.FINAL,
                        draft.idempotency_key, sign_code=code_at(DEMO_READER, clock.now + 3600))
    assert submit_report(reader, wrong).code == "invalid_code"
    assert _kinds(hub, uid) == []

    code = code_at(DEMO_READER, clock.now)
    signed = ReportDraft(uid, "No nodule.", "Normal chest.", ReportKind.FINAL,
                         draft.idempotency_key, sign_code=code)
    first = submit_report(reader, signed)
    assert first.status is SubmissionStatus.SUBMITTED, first
    # A retry after a lost answer returns the first receipt; nothing is filed twice.
    again = submit_report(reader, signed)
    assert again.ok and again.report_id == first.report_id
    assert _kinds(hub, uid) == [("FINAL", 1)]

    # An amendment is a signature too: the used code is refused, a fresh one accepted.
    with pytest.raises(PermissionDenied) as refused:
        reader.amend_report(uid, findings="A 6 mm nodule.", impression="Nodule.",
                            reason="Nodule overlooked", idempotency_key=AMEND_KEY,
                            sign_code=code)
    assert refused.value.code == "code_reused"
    with pytest.raises(PermissionDenied) as none:
        reader.amend_report(uid, findings="A 6 mm nodule.", impression="Nodule.",
                            reason="Nodule overlooked", idempotency_key=AMEND_KEY)
    assert none.value.code == "sign_code_required"
    clock.advance(30)
    reader.amend_report(uid, findings="A 6 mm nodule.", impression="Nodule.",
                        reason="Nodule overlooked", idempotency_key=AMEND_KEY,
                        sign_code=code_at(DEMO_READER, clock.now))
    assert _kinds(hub, uid) == [("FINAL", 1), ("FINAL", 2)]


def test_guessing_codes_at_signing_is_throttled_like_sign_in(live) -> None:
    hub, demo, clients, clock = live
    reader, uid = clients["dr.demo"], demo.uids["ankara_stat"]
    wrong = code_at(DEMO_READER, clock.now + 3600)
    draft = ReportDraft(uid, "No nodule.", "Normal chest.", ReportKind.FINAL, sign_code=wrong)
    codes = [submit_report(reader, draft).code for _ in range(3)]
    assert codes == ["invalid_code"] * 3
    # The third wrong code starts the delay: even the right code waits for it.
    right = ReportDraft(uid, "No nodule.", "Normal chest.", ReportKind.FINAL,
                        draft.idempotency_key, sign_code=code_at(DEMO_READER, clock.now))
    throttled = submit_report(reader, right)
    assert (throttled.status, throttled.code) == (SubmissionStatus.SIGN_CODE, "throttled")
    assert _kinds(hub, uid) == []
    clock.advance(2)
    assert submit_report(reader, right).ok
    assert _kinds(hub, uid) == [("FINAL", 1)]


def test_a_preliminary_report_needs_no_code(live) -> None:
    hub, demo, clients, _clock = live
    uid = demo.uids["ankara_stat"]
    draft = ReportDraft(uid, "Resident findings.", "Resident impression.",
                        ReportKind.PRELIMINARY)
    assert submit_report(clients["res.ankara"], draft).ok
    assert _kinds(hub, uid) == [("PRELIMINARY", 1)]


def _answer_sign_dialog(code: str, seen: dict) -> None:
    """Fill the modal sign dialog once it is open (it runs its own event loop)."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, SignDialog):
        QTimer.singleShot(50, lambda: _answer_sign_dialog(code, seen))
        return
    seen["asked"] = dialog.code_edit is not None
    if dialog.code_edit is not None:
        dialog.code_edit.setText(code)
    dialog.ok_button.click()


def test_the_sign_dialog_asks_for_the_code_and_the_report_lands_once(
        qtbot, live, tmp_path) -> None:
    hub, demo, clients, clock = live
    reader, uid = clients["dr.demo"], demo.uids["ankara_stat"]
    item = next(i for i in reader.worklist() if i.study_uid == uid)
    store = EncryptedStore(tmp_path / "store", bytes(range(32)))
    panel = ReportPanel(item, functools.partial(submit_report, reader))
    qtbot.addWidget(panel)
    panel.configure(ReportContext(records=store.records, hub=reader, user=reader.user))
    panel.show()
    panel.set_text("No nodule.", "Normal chest.")

    # A wrong code: the hub refuses, the text stays editable and nothing lands.
    seen: dict = {}
    QTimer.singleShot(0, lambda: _answer_sign_dialog("000000" if code_at(
        DEMO_READER, clock.now) != "000000" else "111111", seen))
    with qtbot.waitSignal(panel.submit_failed, timeout=20_000):
        panel.submit_button.click()
    assert seen["asked"]
    assert "authenticator code" in panel.message.text()
    assert not panel.is_done and _kinds(hub, uid) == []

    seen.clear()
    QTimer.singleShot(0, lambda: _answer_sign_dialog(code_at(DEMO_READER, clock.now), seen))
    with qtbot.waitSignal(panel.submitted, timeout=20_000):
        panel.submit_button.click()
    assert seen["asked"] and panel.is_done
    assert _kinds(hub, uid) == [("FINAL", 1)]
    assert panel.flows.sign_code == ""  # the code is not kept for another signature
    panel.flows.stop()
    store.close()


class _PolicyHub:
    def __init__(self, required: bool) -> None:
        from workstation.hub.policy import SessionPolicy

        self.policy = SessionPolicy(sign_code_required=required)


@pytest.mark.parametrize(("required", "preliminary", "asked"), [
    (False, False, False), (True, False, True), (True, True, False)])
def test_the_dialog_asks_for_the_code_only_when_the_policy_does(
        qtbot, required, preliminary, asked) -> None:
    from workstation.core.study import Priority, StudyStatus, WorklistItem

    item = WorklistItem("1.2.3", "A1", "DOE^JANE", "P1", "F", None, "CT", "CT chest", None,
                        "t", "h", Priority.ROUTINE, StudyStatus.UNREAD)
    panel = ReportPanel(item, lambda d: None)
    qtbot.addWidget(panel)
    panel.configure(ReportContext(hub=_PolicyHub(required)))
    if preliminary:
        panel.kind = ReportKind.PRELIMINARY
    seen: dict = {}
    QTimer.singleShot(0, lambda: _answer_sign_dialog("123456", seen))
    assert panel.flows.confirm_signature()
    assert seen["asked"] is asked
    assert panel.flows.sign_code == ("123456" if asked else "")
