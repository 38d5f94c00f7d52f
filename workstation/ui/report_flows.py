"""Everything around the report text: autosave and restore, the outbox state (with "Retry
now", :mod:`report_outbox`), the signature confirmation, amendments, version history,
critical findings, the PDF and printing it (:mod:`report_print`).

The panel owns the text; this helper owns the session-dependent parts, which are only
available once the panel is :meth:`configured <ReportFlows.configure>` with a
:class:`ReportContext` (a viewer on local files has no hub, for example).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QGridLayout, QLabel, QMessageBox, QPushButton

from workstation.core.report import ReportDraft, ReportKind
from workstation.core.report_content import StructuredReport
from workstation.hub.errors import HubError, HubUnreachable
from workstation.services import report_artifacts
from workstation.services.outbox import OutboxState
from workstation.services.report_submission import SubmissionReceipt, SubmissionStatus
from workstation.ui import theme
from workstation.ui.critical_dialog import CriticalDialog
from workstation.ui.critical_reminder import DEFAULT_INTERVAL_MS, CriticalReminder
from workstation.ui.report_drafts import DraftKeeper, restore_draft
from workstation.ui.report_history import VersionHistoryDialog
from workstation.ui.report_outbox import OutboxRetry
from workstation.ui.report_print import ReportPrinting
from workstation.ui.report_sign_dialog import SignDialog
from workstation.ui.workers import TaskRunner
from workstation.ui.worklist_model import patient_display_name

if TYPE_CHECKING:
    from workstation.core.study import UserInfo
    from workstation.ui.report_panel import ReportPanel

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ReportContext:
    """``records``: sealed records of the encrypted store; ``hub``: the hub client (its
    sign-in ``policy`` says whether signatures need the authenticator code, which then
    travels with the submission for the hub to check); ``sign_code``: an extra local check
    of that code, which also makes the dialog ask for it (None: the hub's policy decides)."""

    records: Any = None
    hub: Any = None
    user: UserInfo | None = None
    outbox: Any = None
    sign_code: Callable[[str], bool] | None = None
    autosave_s: float = 3.0
    reminder_ms: int = DEFAULT_INTERVAL_MS


class ReportFlows(QObject):
    def __init__(self, panel: ReportPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.context = ReportContext()
        self.drafts: DraftKeeper | None = None
        self.reminder: CriticalReminder | None = None
        self.amending = False
        self.amend_reason = ""
        self.sign_code = ""  # the code typed for the next signature only
        self._outbox_state: OutboxState | None = None
        self.history_dialog: VersionHistoryDialog | None = None
        self.critical_dialog: CriticalDialog | None = None
        self._runner = TaskRunner(self, max_threads=1)
        self.reminder_label = QLabel()
        self.reminder_label.setObjectName("critical_reminder")
        self.reminder_label.setWordWrap(True)
        self.reminder_label.setStyleSheet("color: #ffb3b3; font-weight: bold;")
        self.reminder_label.hide()
        self.outbox_label = QLabel()
        self.outbox_label.setObjectName("outbox_state")
        self.outbox_label.setWordWrap(True)  # shares its row with "Retry now"
        self.outbox_label.hide()
        self._outbox_timer = QTimer(self)
        self._outbox_timer.setInterval(1500)
        self._outbox_timer.timeout.connect(self.refresh_outbox)
        self.retry = OutboxRetry(self)
        self.printing = ReportPrinting(panel)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in (
            ("critical", self.tr("Critical…"), self.tr("Record a critical finding (Ctrl+Shift+C)"),
             self.flag_critical),
            ("history", self.tr("Versions…"), self.tr("Signed versions and their differences"),
             self.show_history),
            ("amend", self.tr("Amend…"), self.tr("Write a new version of the signed report"),
             self.start_amend),
            ("export", self.tr("Export PDF…"), self.tr("Save the signed report as a PDF"),
             self.export_pdf),
            ("print", self.tr("Print report…"),
             self.tr("Print the signed report (Ctrl+Shift+P)"),
             lambda: self.printing.print_report()),
            ("discard", self.tr("Discard…"),
             self.tr("Discard the draft: delete the unsent text here and on the hub"),
             self.ask_discard),
        ):
            button = QPushButton(text)
            button.setObjectName(f"report_{key}")
            button.setToolTip(tip)
            button.clicked.connect(slot)
            self.buttons[key] = button

    def button_row(self) -> QGridLayout:
        """Three to a row: the side panel is narrow, and a clipped label is unreadable."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for n, button in enumerate(self.buttons.values()):
            grid.addWidget(button, n // 3, n % 3)
        return grid

    # -- session ---------------------------------------------------------------------------

    def configure(self, context: ReportContext) -> None:
        self.context = context
        uid = self.panel._item.study_uid
        if context.records is not None and self.drafts is None:
            saved = restore_draft(context.records, uid)
            if saved is not None and (saved.findings or saved.impression or saved.structured):
                if saved.structured is not None:
                    self.panel.editor.load(saved.structured)
                self.panel.set_text(saved.findings, saved.impression)
                when = datetime.fromtimestamp(saved.saved_at).strftime("%H:%M:%S")
                self.panel.show_message(
                    self.tr("Draft restored (saved at %1).").replace("%1", when), "info")
            elif hasattr(context.hub, "load_draft"):
                hub = context.hub
                self._runner.start(lambda _r: hub.load_draft(uid), self._hub_draft,
                                   lambda _exc: None)
            self.drafts = DraftKeeper(context.records, uid, self._content, hub=context.hub,
                                      interval_s=context.autosave_s, parent=self)
        if context.hub is not None and self.reminder is None:
            hub = context.hub
            self.reminder = CriticalReminder(
                lambda: hub.critical_communications(uid, open_only=True),
                interval_ms=context.reminder_ms, parent=self)
            self.reminder.remind.connect(self._show_reminder)
        if context.outbox is not None:
            self._outbox_timer.start()
        self.update_buttons()

    def _hub_draft(self, draft: ReportDraft | None) -> None:
        """The reader's hub draft, written on another workstation (the local one wins)."""
        panel = self.panel
        if draft is None or panel.findings.toPlainText() or panel.impression.toPlainText():
            return
        if draft.findings or draft.impression:
            panel.set_text(draft.findings, draft.impression)
            panel.show_message(self.tr("Draft restored from the hub."), "info")

    def stop(self) -> None:
        if self.drafts is not None:
            self.drafts.stop()
        if self.reminder is not None:
            self.reminder.stop()
        self._outbox_timer.stop()

    def _content(self) -> tuple[str, str, StructuredReport | None]:
        panel = self.panel
        structured = panel.editor.collect() if panel.editor.has_values() else None
        return panel.findings.toPlainText(), panel.impression.toPlainText(), structured

    def _may(self, permission: str) -> bool:
        user = self.context.user
        return user is None or not user.permissions or user.can(permission)

    def update_buttons(self) -> None:
        hub = self.context.hub is not None
        done = self.panel.is_done or self.panel._item.status.value == "FINAL"
        self.buttons["critical"].setEnabled(hub and self._may("flag_critical"))
        self.buttons["history"].setEnabled(hub)
        self.buttons["amend"].setEnabled(hub and done and not self.amending
                                         and self._may("amend"))
        self.buttons["export"].setEnabled(self.context.records is not None)
        self.buttons["print"].setEnabled(self.context.records is not None)
        self.buttons["discard"].setEnabled(self.context.records is not None
                                           and not self.panel.is_done and not self.amending
                                           and self.panel.read_only_reason is None)

    # -- signing ---------------------------------------------------------------------------

    def sign_code_required(self) -> bool:
        """The hub's sign-in policy asks for the authenticator code on final signatures."""
        policy = getattr(self.context.hub, "policy", None)
        return getattr(policy, "sign_code_required", False) is True

    def confirm_signature(self) -> bool:
        """The confirmation dialog (reason for an amendment, code when the hub asks)."""
        item, panel = self.panel._item, self.panel
        kind = ReportKind.FINAL if self.amending else panel.kind
        ask = kind is ReportKind.FINAL and (self.context.sign_code is not None
                                            or self.sign_code_required())
        self.sign_code = ""
        dialog = SignDialog(kind, patient_display_name(item.patient_name),
                            f"{item.modality} · {item.description} · {item.accession}",
                            ask_code=ask, amendment=self.amending, parent=panel)
        if dialog.exec() != SignDialog.DialogCode.Accepted:
            return False
        if ask and self.context.sign_code is not None and not self.context.sign_code(dialog.code):
            panel.show_message(self.tr("The authenticator code was not accepted; the report "
                                       "was not signed."), "error")
            return False
        self.amend_reason = dialog.reason_text
        self.sign_code = dialog.code if ask else ""
        return True

    def submission_work(self, draft: ReportDraft,
                        submit: Callable[[ReportDraft], SubmissionReceipt]
                        ) -> Callable[[], SubmissionReceipt]:
        """What the worker thread runs: the submission (or amendment), then the PDF/SR."""
        ctx, editor = self.context, self.panel.editor
        structured = StructuredReport.from_dict(editor.collect().to_dict()) \
            if editor.has_values() or editor.report.measurements else None
        title = editor.template.title.text(editor.language)
        amending, reason = self.amending, self.amend_reason
        author = (ctx.user.display_name or ctx.user.username) if ctx.user else ""
        language = editor.language
        # The code is good for one signature only; the draft kept for retries has none.
        sending = replace(draft, sign_code=self.sign_code)
        self.sign_code = ""

        def work() -> SubmissionReceipt:
            receipt = self._amend(sending, reason) if amending else submit(sending)
            if receipt.ok and ctx.records is not None and not receipt.response.get("queued"):
                try:
                    self._artifacts(draft, receipt, structured, author, language, title,
                                    reason if amending else "")
                except Exception as exc:  # noqa: BLE001 - the signature stands regardless
                    log.warning("report documents not generated: %s", type(exc).__name__)
            return receipt

        return work

    def _amend(self, draft: ReportDraft, reason: str) -> SubmissionReceipt:
        ctx = self.context
        code = {"sign_code": draft.sign_code} if draft.sign_code else {}
        try:
            response = ctx.hub.amend_report(
                draft.study_uid, findings=draft.findings, impression=draft.impression,
                reason=reason, idempotency_key=draft.idempotency_key, **code)
        except HubUnreachable:
            if ctx.outbox is None:
                return SubmissionReceipt(SubmissionStatus.UNREACHABLE, retryable=True)
            entry = ctx.outbox.enqueue_amendment(
                draft.study_uid, findings=draft.findings, impression=draft.impression,
                reason=reason, idempotency_key=draft.idempotency_key)
            return SubmissionReceipt(SubmissionStatus.SUBMITTED,
                                     response={"queued": True, "outbox_id": entry.entry_id})
        except HubError as exc:
            from workstation.services.report_submission import SIGN_CODE_REFUSALS

            status = SubmissionStatus.SIGN_CODE if exc.code in SIGN_CODE_REFUSALS \
                else SubmissionStatus.FAILED
            return SubmissionReceipt(status, exc.message, exc.code)
        return SubmissionReceipt(SubmissionStatus.SUBMITTED,
                                 report_id=str(response.get("report_id", "")),
                                 response=dict(response))

    def _artifacts(self, draft: ReportDraft, receipt: SubmissionReceipt,
                   structured: StructuredReport | None, author: str, language: str,
                   title: str, reason: str) -> None:
        from workstation.reporting.document import Amendment

        records, item = self.context.records, self.panel._item
        version = int(receipt.response.get("version") or 1)
        when = datetime.now().astimezone()
        amendment = None
        if reason:
            prior = report_artifacts.predecessor(records, item.study_uid, version - 1) or {}
            amendment = Amendment(reason, version - 1, prior.get("sop_uid", ""),
                                  prior.get("series_uid", ""),
                                  "1.2.840.10008.5.1.4.1.1.88.33" if prior else "")
        signed = ReportDraft(draft.study_uid, draft.findings, draft.impression,
                             ReportKind(str(receipt.response.get("kind", draft.kind))),
                             draft.idempotency_key)
        doc = report_artifacts.document(signed, item, author, version=version,
                                        language=language, when=when, structured=structured,
                                        amendment=amendment, title=title)
        report_artifacts.save(records, item.study_uid, report_artifacts.build(doc, when=when))

    def after_signed(self, receipt: SubmissionReceipt) -> None:
        if self.drafts is not None:
            self.drafts.discard()
            self.drafts = None
        self.amending = False
        self.panel.submit_button.setText(self.tr("Sign and submit…"))
        if receipt.response.get("queued"):
            self._outbox_state = None
            self.refresh_outbox()
        else:
            self.retry.show_for(None)
            self.outbox_label.setText(self.tr("Sent to the hub."))
            self.outbox_label.setProperty("outbox_state", OutboxState.SENT.value)
            theme.set_severity(self.outbox_label, "ok")
            self.outbox_label.show()
        self.update_buttons()

    # -- discarding the draft --------------------------------------------------------------

    def ask_discard(self) -> None:
        answer = QMessageBox.question(
            self.panel, self.tr("Discard draft"),
            self.tr("Delete the unsent report text of this study? It is not restored the "
                    "next time the study opens."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_draft()

    def discard_draft(self) -> None:
        """Forget the unsent text: the sealed local draft and the hub draft (overwritten
        with an empty one, which is never restored), then start afresh."""
        if self.drafts is not None:
            self.drafts.discard()
            self.drafts = None
        panel, hub = self.panel, self.context.hub
        uid = panel._item.study_uid
        if hasattr(hub, "save_draft"):
            empty = ReportDraft(uid, "", "", ReportKind.DRAFT)
            self._runner.start(lambda _r: hub.save_draft(empty) or True, None,
                               lambda exc: log.info("hub draft not cleared: %s",
                                                    type(exc).__name__))
        panel.editor.load(StructuredReport(uid, panel.editor.report.template_id,
                                           panel.editor.language))
        panel.set_text("", "")
        panel.reset_draft()
        if self.context.records is not None:
            self.drafts = DraftKeeper(self.context.records, uid, self._content,
                                      hub=self.context.hub,
                                      interval_s=self.context.autosave_s, parent=self)
        panel.show_message(self.tr("Draft discarded."), "info")

    # -- amend and history -----------------------------------------------------------------

    def start_amend(self) -> None:
        """Unlock the signed text for a new version (loaded from the hub when empty)."""
        panel, hub = self.panel, self.context.hub
        self.amending = True
        panel.submit_button.setText(self.tr("Sign amendment…"))
        panel._apply_editable()
        panel.show_message(self.tr("Amending: edit the report, then sign the amendment."),
                           "info")
        if not panel.findings.toPlainText().strip() and hub is not None:
            uid = panel._item.study_uid
            self._runner.start(lambda _r: hub.report_versions(uid), self._fill_latest,
                               self._hub_failed)
        panel.findings.setFocus()

    def _fill_latest(self, versions: list[dict[str, Any]]) -> None:
        if versions and not self.panel.findings.toPlainText().strip():
            latest = versions[-1]
            self.panel.set_text(str(latest.get("findings", "")),
                                str(latest.get("impression", "")))

    def show_history(self) -> None:
        hub = self.context.hub
        if hub is None:
            return
        uid = self.panel._item.study_uid
        self._runner.start(lambda _r: hub.report_versions(uid), self._open_history,
                           self._hub_failed)

    def _open_history(self, versions: list[dict[str, Any]]) -> None:
        self.history_dialog = VersionHistoryDialog(versions, self.panel)
        self.history_dialog.open()

    def _hub_failed(self, exc: BaseException) -> None:
        message = exc.message if isinstance(exc, HubError) else type(exc).__name__
        self.panel.show_message(self.tr("The hub could not answer: %1").replace("%1", message),
                                "error")

    # -- critical findings -----------------------------------------------------------------

    def flag_critical(self) -> None:
        if self.context.hub is None or not self._may("flag_critical"):
            return
        item = self.panel._item
        dialog = CriticalDialog(patient_display_name(item.patient_name),
                                self.panel.impression.toPlainText().strip(), self.panel)
        dialog.accepted.connect(lambda d=dialog: self._send_critical(d.values()))
        self.critical_dialog = dialog
        dialog.open()

    def _send_critical(self, values: dict[str, Any]) -> None:
        hub, uid = self.context.hub, self.panel._item.study_uid
        self.panel.show_message(self.tr("Recording the critical finding…"), "info")
        self._runner.start(lambda _r: hub.flag_critical(uid, **values), self._critical_sent,
                           self._hub_failed)

    def _critical_sent(self, record: dict[str, Any]) -> None:
        self.panel.show_message(self.tr("Critical finding recorded; reminders continue until "
                                        "the recipient acknowledges it."), "ok")
        if self.reminder is not None:
            self.reminder.track(record)

    def _show_reminder(self, text: str) -> None:
        self.reminder_label.setText(text)
        self.reminder_label.setVisible(bool(text))
        if not text:
            self.panel.show_message(self.tr("The critical finding was acknowledged."), "ok")

    # -- outbox and PDF --------------------------------------------------------------------

    def refresh_outbox(self) -> None:
        outbox = self.context.outbox
        if outbox is None:
            return
        mine = [e for e in outbox.entries() if e.study_uid == self.panel._item.study_uid]
        if not mine:
            return
        entry = mine[-1]
        if entry.state is OutboxState.PENDING and entry.attempts == 0:
            pending = self.tr("Outbox: pending.")
        else:
            pending = self.tr("Outbox: pending (attempt %1); retried automatically.") \
                .replace("%1", str(entry.attempts))
        texts = {
            OutboxState.PENDING: (pending, "warn"),
            OutboxState.SENDING: (self.tr("Outbox: sending…"), "info"),
            OutboxState.SENT: (self.tr("Outbox: sent to the hub."), "ok"),
            OutboxState.FAILED: (self.tr("Outbox: failed — the hub refused the report (%1). "
                                         "Sign it again.").replace("%1", entry.last_error),
                                 "error"),
        }
        text, severity = texts[entry.state]
        self.retry.show_for(entry)
        self.outbox_label.setText(text)
        self.outbox_label.setProperty("outbox_state", entry.state.value)
        theme.set_severity(self.outbox_label, severity)
        self.outbox_label.show()
        before, self._outbox_state = self._outbox_state, entry.state
        if before is entry.state or not self.panel.is_done:
            return
        if entry.state is OutboxState.SENT:
            self.panel.show_message(self.tr("Report sent from the outbox."), "ok")
            self.panel.outbox_settled(sent=True)
        elif entry.state is OutboxState.FAILED:
            self.panel.show_message(self.tr("The hub refused the queued report; your text is "
                                            "kept. Correct it if needed and sign again."),
                                    "error")
            self.panel.outbox_settled(sent=False)

    def outbox_requeued(self) -> None:
        """The reader resends the entry: its next state is news again (sent or failed)."""
        self._outbox_state = OutboxState.PENDING

    def export_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.panel, self.tr("Export PDF"), f"{self.panel._item.accession or 'report'}.pdf",
            self.tr("PDF documents (*.pdf)"))
        if path:
            self.export_pdf_to(Path(path))

    def export_pdf_to(self, path: Path) -> bool:
        records = self.context.records
        pdf = report_artifacts.latest(records, self.panel._item.study_uid) if records else None
        if pdf is None:
            self.panel.show_message(self.tr("There is no signed report to export yet."), "warn")
            return False
        try:
            path.write_bytes(pdf)
        except OSError as exc:
            self.panel.show_message(self.tr("The PDF could not be written: %1")
                                    .replace("%1", exc.strerror or type(exc).__name__), "error")
            return False
        self.panel.show_message(self.tr("PDF saved: %1").replace("%1", path.name), "ok")
        return True
