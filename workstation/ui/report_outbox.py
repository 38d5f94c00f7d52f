""""Retry now" beside the outbox state of the report panel.

The outbox retries a pending report by itself, with growing pauses (see
``services/outbox.py``); a reader who knows the hub is back need not wait for the next
one. A *failed* entry (the hub refused it, e.g. while a colleague held the study) is not
retried automatically, because the cause must be fixed first; once it is, the reader sends
the same signed report again. Either way the entry keeps its idempotency key, so the hub
files it once however often the button is pressed (``report_submission.retry_now``).

A failed report is only resent as it was signed: if the reader has since changed the
text, that is a different report and must be signed again.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton

from workstation.services.outbox import OutboxState
from workstation.services.report_submission import retry_now
from workstation.ui.workers import TaskRunner

if TYPE_CHECKING:
    from workstation.ui.report_flows import ReportFlows

log = logging.getLogger(__name__)

RETRYABLE = (OutboxState.PENDING, OutboxState.FAILED)


class OutboxRetry(QObject):
    """The button and what it does; :meth:`show_for` follows the study's newest entry.
    ``finished(OutboxState | None)`` after each retry, with the entry's state."""

    finished = Signal(object)

    def __init__(self, flows: ReportFlows) -> None:
        super().__init__(flows)
        self.flows = flows
        self.entry_id: str | None = None
        self._busy = False
        self._runner = TaskRunner(self, max_threads=1)
        self.button = QPushButton(self.tr("Retry now"))
        self.button.setObjectName("report_outbox_retry")
        self.button.setToolTip(self.tr("Send the queued report to the hub now; it cannot be "
                                       "filed twice"))
        self.button.clicked.connect(self.retry)
        self.button.hide()

    def show_for(self, entry: Any | None) -> None:
        """Shown while the entry waits (pending) or was refused (failed)."""
        self.entry_id = entry.entry_id if entry is not None else None
        self.button.setVisible(entry is not None and entry.state in RETRYABLE)
        self.button.setEnabled(not self._busy)

    def retry(self) -> bool:
        """Resend the entry now with its own idempotency key. False when nothing was sent
        (no entry, already busy, or the text changed since it was signed)."""
        flows, panel = self.flows, self.flows.panel
        outbox = flows.context.outbox
        entry = outbox.entry(self.entry_id) if outbox is not None and self.entry_id else None
        if entry is None or self._busy or entry.state not in RETRYABLE:
            return False
        if entry.state is OutboxState.FAILED and not panel.is_done:
            typed = (panel.findings.toPlainText().strip(), panel.impression.toPlainText().strip())
            if any(typed) and typed != (entry.findings.strip(), entry.impression.strip()):
                panel.show_message(self.tr("The report text has changed since it was signed. "
                                           "Sign it again to send the new text."), "warn")
                return False
            panel.set_text(entry.findings, entry.impression)
            panel.mark_signed()  # the signed text is on its way again: no edits meanwhile
            panel.state_label.setText(self.tr("Signed here; waiting in the outbox"))
        flows.outbox_requeued()
        self._busy = True
        self.button.setEnabled(False)
        panel.show_message(self.tr("Sending the queued report…"), "info")
        entry_id = entry.entry_id
        self._runner.start(lambda _r: retry_now(outbox, entry_id), self._done, self._failed)
        return True

    def _done(self, state: OutboxState | None) -> None:
        self._busy = False
        self.flows.refresh_outbox()
        if state is OutboxState.PENDING:
            self.flows.panel.show_message(
                self.tr("The hub could not take the report yet; it stays in the outbox and "
                        "is retried automatically."), "warn")
        self.finished.emit(state)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        log.warning("outbox retry crashed: %s", type(exc).__name__)
        self.flows.refresh_outbox()
        self.flows.panel.show_message(
            self.tr("The report could not be sent because of an unexpected error; it stays "
                    "in the outbox."), "error")
        self.finished.emit(None)
