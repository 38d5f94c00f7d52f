""""Retry now" for a report waiting in the outbox, against the demo hub.

The entry is resent with its own idempotency key, so the hub files it exactly once: after
the hub was down, after a colleague's reading lock made it refuse the report (failed),
and after an answer was lost although the hub had stored the report. A failed report is
only resent as it was signed; changed text must be signed again.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import httpx
import pytest
from conftest import make_item
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from test_hub_dataset import FakeClock, signed_in, start_live_hub  # noqa: E402

from workstation.cache.store import EncryptedStore  # noqa: E402
from workstation.core.report import ReportDraft, ReportKind  # noqa: E402
from workstation.demohub.accounts import DEMO_IZMIR, DEMO_READER  # noqa: E402
from workstation.services.outbox import Backoff, Outbox, OutboxState  # noqa: E402
from workstation.services.report_submission import (  # noqa: E402
    SubmissionReceipt,
    SubmissionStatus,
    retry_now,
    submit_report,
)
from workstation.ui.report_flows import ReportContext  # noqa: E402
from workstation.ui.report_panel import ReportPanel  # noqa: E402

KEY = bytes(range(32))
FINDINGS = "Sol alt lobda 12 mm solid nodül."
IMPRESSION = "Takip BT önerilir."


class Switch(httpx.BaseTransport):
    """Forwards to the hub; report submissions fail while ``mode`` says so: ``down``
    (nothing reaches the hub) or ``lose_answer`` (the hub stores it, the answer is lost)."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.mode = "up"
        self.posts = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/reports"):
            self.posts += 1
            if self.mode == "down":
                raise httpx.ConnectError("network is unreachable", request=request)
            if self.mode == "lose_answer":
                self._inner.handle_request(request).read()
                raise httpx.ReadTimeout("answer lost", request=request)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


@pytest.fixture
def live(tmp_path):
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path / "hub", clock)
    transport = Switch()
    reader = signed_in(hub.base_url, DEMO_READER, clock, transport=transport, timeout=10.0)
    store = EncryptedStore(tmp_path / "store", KEY)
    # Automatic retries would wait an hour: only "Retry now" sends in these tests.
    outbox = Outbox(store.records, reader, backoff=Backoff(base=3600.0, cap=3600.0))
    yield hub, demo, clock, transport, reader, store, outbox
    reader.close()
    store.close()
    hub.stop()


def _session_submit(client, outbox: Outbox):
    """The session's submit: the hub, else (unreachable, lost answer) the outbox."""
    def submit(draft: ReportDraft) -> SubmissionReceipt:
        receipt = submit_report(client, draft)
        if receipt.status is not SubmissionStatus.UNREACHABLE and not receipt.retryable:
            return receipt
        entry = outbox.enqueue(draft)
        return SubmissionReceipt(SubmissionStatus.SUBMITTED,
                                 response={"queued": True, "outbox_id": entry.entry_id})
    return submit


def _panel(qtbot, study_uid: str, client, store, outbox) -> ReportPanel:
    panel = ReportPanel(make_item(1, study_uid=study_uid), _session_submit(client, outbox))
    qtbot.addWidget(panel)
    panel.configure(ReportContext(records=store.records, outbox=outbox))
    panel.resize(420, 900)
    panel.show()
    panel.set_text(FINDINGS, IMPRESSION)
    return panel


def _reports(hub, study_uid: str) -> list[tuple[str, str]]:
    with sqlite3.connect(hub.db_path) as db:
        return db.execute("SELECT idempotency_key, findings FROM reports WHERE study_uid = ?",
                          (study_uid,)).fetchall()


def _click_retry(qtbot, panel: ReportPanel) -> object:
    retry = panel.flows.retry
    assert retry.button.isVisible() and retry.button.isEnabled()
    with qtbot.waitSignal(retry.finished, timeout=30_000) as done:
        qtbot.mouseClick(retry.button, Qt.MouseButton.LeftButton)
    return done.args[0]


def test_retry_after_the_hub_fault_clears_lands_exactly_one_report(qtbot, live) -> None:
    hub, demo, clock, transport, _reader, store, outbox = live
    uid = demo.uids["izmir"]
    colleague = signed_in(hub.base_url, DEMO_IZMIR, clock)
    panel = _panel(qtbot, uid, _reader, store, outbox)
    label = panel.flows.outbox_label

    transport.mode = "down"
    with qtbot.waitSignal(panel.submitted, timeout=30_000):
        assert panel.submit()
    (entry,) = outbox.entries()
    key = entry.entry_id
    panel.flows.refresh_outbox()
    assert label.property("outbox_state") == "pending"

    # Still down: "Retry now" tries at once (not in an hour), and says it keeps waiting.
    assert _click_retry(qtbot, panel) is OutboxState.PENDING
    assert outbox.entry(key).attempts == 1 and "attempt 1" in label.text()
    assert "retried automatically" in panel.message.text()
    assert _reports(hub, uid) == []

    # Back, but a colleague holds the study: the hub refuses it (409 claimed) -> failed.
    transport.mode = "up"
    colleague.claim(uid)
    assert _click_retry(qtbot, panel) is OutboxState.FAILED
    assert label.property("outbox_state") == "failed" and "claimed" in label.text()
    assert not panel.is_done and panel.flows.retry.button.isVisible()
    assert _reports(hub, uid) == []

    # Changed text is another report: not resent under the signed report's key.
    panel.findings.setPlainText(FINDINGS + " Ek: plevral efüzyon.")
    posts = transport.posts
    assert not panel.flows.retry.retry()
    assert "changed since it was signed" in panel.message.text()
    assert transport.posts == posts and outbox.entry(key).state is OutboxState.FAILED
    panel.findings.setPlainText(FINDINGS)

    # The colleague lets go: Retry lands the signed report, once, under its own key.
    colleague.release(uid)
    assert _click_retry(qtbot, panel) is OutboxState.SENT
    assert _reports(hub, uid) == [(key, FINDINGS)]
    assert label.property("outbox_state") == "sent"
    assert panel.message.text() == "Report sent from the outbox."
    assert panel.is_done and not panel.flows.retry.button.isVisible()
    # However often it is pressed again, nothing more is filed.
    assert retry_now(outbox, key) is OutboxState.SENT
    assert _reports(hub, uid) == [(key, FINDINGS)]
    colleague.close()
    panel.flows.stop()


def test_retry_after_a_lost_answer_does_not_file_twice(qtbot, live) -> None:
    hub, demo, _clock, transport, reader, store, outbox = live
    uid = demo.uids["ankara_stat"]
    panel = _panel(qtbot, uid, reader, store, outbox)

    transport.mode = "lose_answer"  # the hub stores the report; the answer never arrives
    with qtbot.waitSignal(panel.submitted, timeout=30_000) as sent:
        assert panel.submit()
    assert sent.args[0].response.get("queued") is True
    (entry,) = outbox.entries()
    key = entry.entry_id
    assert _reports(hub, uid) == [(key, FINDINGS)]
    panel.flows.refresh_outbox()

    assert _click_retry(qtbot, panel) is OutboxState.PENDING  # lost again: deduplicated
    assert _reports(hub, uid) == [(key, FINDINGS)]

    transport.mode = "up"
    assert _click_retry(qtbot, panel) is OutboxState.SENT
    assert transport.posts == 3
    rows = _reports(hub, uid)
    assert rows == [(key, FINDINGS)]
    assert outbox.entry(key).report_id
    assert panel.message.text() == "Report sent from the outbox."
    panel.flows.stop()


def test_the_retry_button_shows_only_while_the_entry_waits_or_failed(qtbot, tmp_path) -> None:
    class Down:
        def submit_report(self, draft):
            from workstation.hub.errors import HubUnreachable

            raise HubUnreachable()

    store = EncryptedStore(tmp_path / "s", KEY)
    outbox = Outbox(store.records, Down())
    panel = ReportPanel(make_item(2), _session_submit(Down(), outbox))
    qtbot.addWidget(panel)
    panel.configure(ReportContext(records=store.records, outbox=outbox))
    panel.show()
    button = panel.flows.retry.button
    assert not button.isVisible()  # nothing queued
    panel.flows.refresh_outbox()
    assert not button.isVisible()
    draft = ReportDraft(make_item(2).study_uid, "F", "I", ReportKind.FINAL)
    outbox.enqueue(draft)
    panel.flows.refresh_outbox()
    assert button.isVisible() and button.text() == "Retry now"
    panel.flows.stop()
    store.close()
