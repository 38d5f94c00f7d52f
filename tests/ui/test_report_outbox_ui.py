"""What the reader sees of the outbox and of a discarded draft.

A report signed while the hub is unreachable is *queued*, not submitted: the panel says so
and follows the outbox entry (pending, then sent or failed), and the worklist row shows the
same state. A draft the reader discarded is gone: reopening the study restores nothing,
neither from the local store nor from the hub draft.
"""

from __future__ import annotations

from dataclasses import replace

from conftest import make_item
from PySide6.QtCore import QModelIndex, Qt

from workstation.cache.store import EncryptedStore
from workstation.core.report import ReportDraft, ReportKind
from workstation.core.study import StudyStatus
from workstation.hub.errors import Conflict, HubUnreachable
from workstation.services.outbox import Outbox
from workstation.services.report_submission import SubmissionReceipt, SubmissionStatus
from workstation.ui import theme
from workstation.ui.report_flows import ReportContext
from workstation.ui.report_panel import ReportPanel
from workstation.ui.worklist_model import Column, OutboxRole, WorklistModel, outbox_states

KEY = bytes(range(32))


class _Hub:
    """A hub that is down until ``up``; it files each idempotency key once, or refuses."""

    def __init__(self) -> None:
        self.up = False
        self.refuse = False
        self.reports: dict[str, ReportDraft] = {}
        self.drafts: list[tuple[str, str]] = []

    def submit_report(self, draft: ReportDraft) -> dict:
        if not self.up:
            raise HubUnreachable()
        if self.refuse:
            raise Conflict("already_signed", "already signed", 409)
        self.reports.setdefault(draft.idempotency_key, draft)
        return {"report_id": f"r-{len(self.reports)}", "version": 1, "kind": draft.kind.value}

    def amend_report(self, *_args, **_kwargs) -> dict:
        raise HubUnreachable()

    def save_draft(self, draft: ReportDraft) -> dict:
        self.drafts.append((draft.findings, draft.impression))
        return {}

    def load_draft(self, study_uid: str) -> ReportDraft | None:
        if not self.drafts:
            return None
        findings, impression = self.drafts[-1]
        return ReportDraft(study_uid, findings, impression, ReportKind.DRAFT)


def _queue_into(outbox: Outbox):
    """The session's submit while offline: the report goes to the outbox."""
    def submit(draft: ReportDraft) -> SubmissionReceipt:
        entry = outbox.enqueue(draft)
        return SubmissionReceipt(SubmissionStatus.SUBMITTED,
                                 response={"queued": True, "outbox_id": entry.entry_id})
    return submit


def _panel(qtbot, submit, **context) -> ReportPanel:
    panel = ReportPanel(make_item(1), submit)
    qtbot.addWidget(panel)
    panel.configure(ReportContext(**context))
    panel.resize(420, 900)
    panel.show()
    return panel


def test_a_queued_report_says_queued_then_sent(qtbot, tmp_path) -> None:
    store = EncryptedStore(tmp_path / "s", KEY)
    hub = _Hub()
    outbox = Outbox(store.records, hub)
    panel = _panel(qtbot, _queue_into(outbox), records=store.records, outbox=outbox)
    panel.set_text("No nodule.", "Normal chest.")
    with qtbot.waitSignal(panel.submitted, timeout=10_000):
        assert panel.submit()
    assert panel.message.text() == "Queued — will be sent when the hub is reachable"
    assert "submitted" not in panel.message.text().lower()
    assert panel.message.property("severity") == "warn"
    label = panel.flows.outbox_label
    assert label.property("outbox_state") == "pending" and label.isVisible()
    assert "pending" in label.text()
    assert "outbox" in panel.state_label.text()

    outbox.flush(force=True)  # still down: one attempt, still pending
    panel.flows.refresh_outbox()
    assert "attempt 1" in label.text() and label.property("outbox_state") == "pending"
    assert hub.reports == {}

    hub.up = True
    assert outbox.flush(force=True) == 1
    panel.flows.refresh_outbox()
    assert label.property("outbox_state") == "sent"
    assert label.property("severity") == "ok"
    assert panel.message.text() == "Report sent from the outbox."
    assert len(hub.reports) == 1
    store.close()


def test_a_refused_queued_report_fails_and_can_be_signed_again(qtbot, tmp_path) -> None:
    store = EncryptedStore(tmp_path / "s", KEY)
    hub = _Hub()
    outbox = Outbox(store.records, hub)
    panel = _panel(qtbot, _queue_into(outbox), records=store.records, outbox=outbox)
    panel.set_text("No nodule.", "Normal chest.")
    with qtbot.waitSignal(panel.submitted, timeout=10_000):
        assert panel.submit()
    assert not panel.submit_button.isEnabled()
    hub.up, hub.refuse = True, True
    outbox.flush(force=True)
    panel.flows.refresh_outbox()
    label = panel.flows.outbox_label
    assert label.property("outbox_state") == "failed"
    assert "already_signed" in label.text() and label.property("severity") == "error"
    assert "refused" in panel.message.text()
    # The text is kept and the report can be signed anew.
    assert not panel.is_done and panel.submit_button.isEnabled()
    assert panel.findings.toPlainText() == "No nodule."
    store.close()


def test_the_worklist_row_shows_the_outbox_state(qtbot, tmp_path) -> None:
    store = EncryptedStore(tmp_path / "s", KEY)
    hub = _Hub()
    outbox = Outbox(store.records, hub)
    items = [make_item(1), make_item(2)]
    model = WorklistModel()
    model.set_items(items)
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles=(): changed.append(top.row()))
    outbox.enqueue(ReportDraft(items[0].study_uid, "F", "I", ReportKind.FINAL))
    model.set_outbox_states(outbox_states(outbox.entries()))

    def status(item) -> tuple[str, object, object]:
        index = model.index(model.row_of(item.study_uid), Column.STATUS, QModelIndex())
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        return (index.data(), index.data(OutboxRole),
                brush.color().name() if brush is not None else None)

    text, state, colour = status(items[0])
    assert "Outbox: pending" in text and state == "pending"
    assert colour == theme.WARN_TEXT.lower()
    assert status(items[1])[:2] == ("Unread", None)
    assert changed == [model.row_of(items[0].study_uid)]

    hub.up, hub.refuse = True, True
    outbox.flush(force=True)
    model.set_outbox_states(outbox_states(outbox.entries()))
    text, state, colour = status(items[0])
    assert "Outbox: failed" in text and colour == theme.ERROR_TEXT.lower()

    # Sent, and the hub's worklist says reported: the ordinary status is back.
    model.set_outbox_states({items[0].study_uid: "sent"})
    assert "Outbox: sent" in status(items[0])[0]
    model.set_items([replace(items[0], status=StudyStatus.FINAL), items[1]])
    assert status(items[0])[0] == "Reported (final)"
    store.close()


def test_a_discarded_draft_is_not_restored(qtbot, tmp_path) -> None:
    store = EncryptedStore(tmp_path / "s", KEY)
    hub = _Hub()
    hub.up = True
    panel = _panel(qtbot, lambda d: None, records=store.records, hub=hub, autosave_s=0.2)
    panel.editor.inputs["lungs"].set_value("Ground-glass opacity.")
    panel.editor._field_changed("lungs")
    panel.impression.setPlainText("Suspected infection.")
    panel.flows.drafts.save_now()
    hub.drafts.append(("Ground-glass opacity.", "Suspected infection."))  # its hub draft
    # Without discarding, the next opening restores it (the control case).
    again = _panel(qtbot, lambda d: None, records=store.records, hub=hub)
    assert again.impression.toPlainText() == "Suspected infection."
    again.flows.stop()

    panel.flows.discard_draft()
    assert panel.findings.toPlainText() == "" and panel.impression.toPlainText() == ""
    assert not panel.editor.has_values()
    qtbot.waitUntil(lambda: hub.drafts and hub.drafts[-1] == ("", ""), timeout=5_000)
    qtbot.wait(500)  # autosave ticks: an empty panel saves nothing back
    reopened = _panel(qtbot, lambda d: None, records=store.records, hub=hub)
    qtbot.wait(300)  # the hub draft is asked for off the UI thread
    assert reopened.findings.toPlainText() == "" and reopened.impression.toPlainText() == ""
    assert not reopened.editor.has_values()
    assert "restored" not in reopened.message.text()
    for p in (panel, reopened):
        p.flows.stop()
    store.close()
