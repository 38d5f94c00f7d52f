"""Report panel beside the images: who the study is for, the structured template, the
report text, and Sign.

The patient banner is here, inside the viewer, because the reader must be able to confirm
whose images they are reporting; window titles stay free of patient data. The template's
typed fields (``report_editor``) write the Findings and Impression text below them until
the reader edits that text by hand; what is signed is that text. Submission is a
signature, so it asks for confirmation first, and it keeps the same draft (and so the same
idempotency key) across retries of unchanged text: a retry after a lost answer can never
file the report twice. Amendments, version history, critical findings, the PDF and the
draft autosave live in :mod:`report_flows` and :mod:`report_drafts`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from workstation.core.report import ReportDraft, ReportKind
from workstation.core.study import StudyStatus, WorklistItem
from workstation.services.report_submission import SubmissionReceipt, SubmissionStatus
from workstation.ui import theme
from workstation.ui.i18n import current_language
from workstation.ui.report_banner import heading, patient_banner, state_text
from workstation.ui.report_editor import StructuredEditor
from workstation.ui.report_flows import ReportContext, ReportFlows
from workstation.ui.workers import TaskRunner

log = logging.getLogger(__name__)

Submit = Callable[[ReportDraft], SubmissionReceipt]


class ReportPanel(QWidget):
    """Structured editor, Findings and Impression, with a confirmed, off-thread Sign.

    Signals: ``submitted(SubmissionReceipt)`` after the hub accepted the report (or the
    outbox took it: ``receipt.response["queued"]``, and the panel then says it is queued,
    not submitted, and follows the outbox entry: pending, sent or failed);
    ``submit_failed(SubmissionReceipt)`` when not (the message says why).
    Call :meth:`configure` with the session's hub, store and user for autosave, roles,
    amendments and critical findings.
    """

    submitted = Signal(object)
    submit_failed = Signal(object)

    def __init__(self, item: WorklistItem, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_panel")
        self._item = item
        self._submit = submit
        self._runner = TaskRunner(self, max_threads=1)
        self._draft: ReportDraft | None = None
        self._busy = False
        self._done = False
        self._generated = ("", "")
        self.kind = ReportKind.FINAL
        self.read_only_reason: str | None = None
        self.last_receipt: SubmissionReceipt | None = None
        self.setMinimumWidth(320)

        self.editor = StructuredEditor(item, current_language())
        self.editor.changed.connect(self._structured_changed)
        self.findings = QPlainTextEdit()
        self.findings.setObjectName("findings")
        self.findings.setPlaceholderText(self.tr("Describe the findings…"))
        self.findings.setTabChangesFocus(True)
        self.impression = QPlainTextEdit()
        self.impression.setObjectName("impression")
        self.impression.setPlaceholderText(self.tr("Conclusion for the referring physician…"))
        self.impression.setTabChangesFocus(True)
        self.impression.setMaximumHeight(140)
        self.message = QLabel()
        self.message.setObjectName("report_message")
        self.message.setWordWrap(True)
        self.submit_button = QPushButton(self.tr("Sign and submit…"))
        self.submit_button.setObjectName("submit_report")
        self.submit_button.setToolTip(self.tr("Sign this report as final and send it to the hub"))
        self.submit_button.clicked.connect(self._on_submit_clicked)

        self.banner, self.state_label = patient_banner(item)
        self.flows = ReportFlows(self)
        text_box = QWidget()
        text_layout = QVBoxLayout(text_box)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(heading(self.tr("Findings")))
        text_layout.addWidget(self.findings, 3)
        text_layout.addWidget(heading(self.tr("Impression")))
        text_layout.addWidget(self.impression, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.editor)
        split.addWidget(text_box)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        layout.addWidget(self.flows.reminder_label)
        outbox_row = QHBoxLayout()
        outbox_row.addWidget(self.flows.outbox_label, 1)
        outbox_row.addWidget(self.flows.retry.button)
        layout.addLayout(outbox_row)
        layout.addWidget(self.message)
        layout.addLayout(self.flows.button_row())
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.submit_button)
        layout.addLayout(row)
        self._show_state(item.status)
        self._apply_editable()

    # -- public --------------------------------------------------------------------------

    def configure(self, context: ReportContext) -> None:
        """The session around the panel: store (autosave, PDFs), hub, user (role)."""
        self.flows.configure(context)
        user = context.user
        if user is not None and user.permissions:
            if not user.can("sign_final") and user.can("write_preliminary"):
                self.kind = ReportKind.PRELIMINARY
                self.submit_button.setText(self.tr("Submit preliminary…"))
                self.submit_button.setToolTip(
                    self.tr("Submit a preliminary report; a radiologist signs the final one"))
        self._apply_editable()

    def submit(self) -> bool:
        """Send the report now (no confirmation). False when nothing was sent."""
        if self._busy or self._done and not self.flows.amending or \
                self.read_only_reason is not None:
            return False
        if not self._check_structured():
            return False
        findings = self.findings.toPlainText().strip()
        impression = self.impression.toPlainText().strip()
        draft = self._draft
        if draft is None or (draft.findings, draft.impression, draft.kind) != (
                findings, impression, self.kind):
            # Changed text is a different report: it gets its own idempotency key.
            draft = ReportDraft(self._item.study_uid, findings, impression, self.kind)
        self._draft = draft
        missing = draft.missing_fields()
        if missing:
            names = [
                self.tr("Findings") if m == "findings" else self.tr("Impression") for m in missing
            ]
            self._show(
                self.tr("%1 must be filled in before signing.").replace("%1", " / ".join(names)),
                "error",
            )
            (self.findings if "findings" in missing else self.impression).setFocus()
            return False
        self._set_busy(True)
        self._show(self.tr("Submitting report…"), "info")
        work = self.flows.submission_work(draft, self._submit)
        self._runner.start(lambda _r: work(), self._on_done, self._on_error)
        return True

    def set_read_only(self, reason: str | None) -> None:
        """Lock the report (``reason`` says why, e.g. another reader holds the study) or,
        with ``None``, unlock it. The text already typed is kept either way."""
        self.read_only_reason = reason
        if reason is not None:
            self.submit_button.setToolTip(reason)
            self._show(reason, "warn")
        else:
            self.submit_button.setToolTip(
                self.tr("Sign this report as final and send it to the hub")
            )
            if self.message.property("severity") == "warn":
                self._show("", "info")
        self._apply_editable()

    def has_unsent_text(self) -> bool:
        """Typed text that has not reached the hub (closing would lose it)."""
        if self._done and not self.flows.amending:
            return False
        return bool(self.findings.toPlainText().strip() or self.impression.toPlainText().strip())

    def session_restored(self) -> None:
        """After a re-login: say that the report can be sent now (the reader decides)."""
        receipt = self.last_receipt
        if receipt is not None and receipt.status is SubmissionStatus.SESSION_EXPIRED:
            self._show(
                self.tr(
                    "You are signed in again. Press Submit to send the report; it cannot be "
                    "filed twice."
                ),
                "info",
            )

    def set_text(self, findings: str, impression: str) -> None:
        self.findings.setPlainText(findings)
        self.impression.setPlainText(impression)

    @property
    def is_done(self) -> bool:
        return self._done

    def mark_signed(self) -> None:
        self._done = True
        self._draft = None
        self._show_state(StudyStatus.FINAL if self.kind is ReportKind.FINAL
                         else StudyStatus.PRELIMINARY)
        self._apply_editable()

    def reset_draft(self) -> None:
        """Forget the draft's idempotency key (its text was discarded)."""
        self._draft = None

    def outbox_settled(self, *, sent: bool) -> None:
        """The queued report reached the hub (``sent``) or the hub refused it: then the
        text is editable again and can be signed anew (a new submission)."""
        if sent:
            self._show_state(StudyStatus.FINAL if self.kind is ReportKind.FINAL
                             else StudyStatus.PRELIMINARY)
            return
        self._done = False
        self._show_state(self._item.status)
        self._apply_editable()

    def show_message(self, text: str, severity: str) -> None:
        self._show(text, severity)

    # -- internals -----------------------------------------------------------------------

    def _check_structured(self) -> bool:
        """Once the template is used, its required fields must be filled before signing."""
        if not self.editor.has_values():
            return True
        problems = self.editor.collect().problems(self.editor.template)
        if not problems:
            return True
        first_field, _ = problems[0]
        text = "; ".join(p for _, p in problems[:4])
        self._show(self.tr("Cannot sign yet: %1").replace("%1", text), "error")
        self.editor.focus_field(first_field)
        return False

    def _structured_changed(self) -> None:
        report = self.editor.collect()
        findings, impression = report.render(self.editor.template)
        old_f, old_i = self._generated
        if self.findings.toPlainText() in ("", old_f):
            self.findings.setPlainText(findings)
        if self.impression.toPlainText() in ("", old_i):
            self.impression.setPlainText(impression)
        self._generated = (findings, impression)

    def _apply_editable(self) -> None:
        locked = self._busy or (self._done and not self.flows.amending) \
            or self.read_only_reason is not None
        self.submit_button.setEnabled(not locked)
        self.findings.setReadOnly(locked)
        self.impression.setReadOnly(locked)
        self.editor.set_read_only(locked)
        self.flows.update_buttons()

    def _on_submit_clicked(self) -> None:
        if not self._check_structured():
            return
        if self.flows.confirm_signature():
            self.submit()

    def _on_done(self, receipt: SubmissionReceipt) -> None:
        self._set_busy(False)
        self.last_receipt = receipt
        if receipt.ok:
            version = receipt.response.get("version")
            queued = bool(receipt.response.get("queued"))
            if queued:
                text = self.tr("Queued — will be sent when the hub is reachable")
            elif version is not None:
                text = self.tr("Report submitted, version %1").replace("%1", str(version))
            else:
                text = self.tr("Report submitted.")
            self._show(text, "warn" if queued else "ok")
            self.flows.after_signed(receipt)
            self.mark_signed()
            if queued:
                self.state_label.setText(self.tr("Signed here; waiting in the outbox"))
            self.submitted.emit(receipt)
            return
        text = self._failure_text(receipt)
        if receipt.retryable:
            text += " " + self.tr("Your text is kept.")
        self._show(text, "error")
        self.submit_failed.emit(receipt)

    def _on_error(self, exc: BaseException) -> None:
        # submit_report turns hub failures into receipts; anything else is unexpected.
        self._set_busy(False)
        log.warning("report submission crashed: %s", type(exc).__name__)
        receipt = SubmissionReceipt(SubmissionStatus.FAILED)
        self.last_receipt = receipt
        self._show(
            self.tr(
                "The report could not be submitted because of an unexpected error. "
                "Your text is kept."
            ),
            "error",
        )
        self.submit_failed.emit(receipt)

    def _failure_text(self, receipt: SubmissionReceipt) -> str:
        """A translated sentence per outcome; the service's own text is the fallback."""
        texts = {
            SubmissionStatus.SESSION_EXPIRED: self.tr(
                "Your session has ended. Sign in again, then send the report."
            ),
            SubmissionStatus.FORBIDDEN: self.tr("You are not allowed to report this study."),
            SubmissionStatus.NOT_FOUND: self.tr(
                "The hub no longer has this study in your worklist."
            ),
            SubmissionStatus.CONFLICT: self.tr(
                "The hub refused the report because the study has changed state (for "
                "example, it has already been signed)."
            ),
            SubmissionStatus.SIGN_CODE: self.tr(
                "The hub did not accept the authenticator code, so the report was not "
                "signed. Sign again with the current code."
            ),
            SubmissionStatus.UNREACHABLE: self.tr(
                "The hub could not be reached, so the report was not sent. Try again; it "
                "cannot be filed twice."
            ),
        }
        fallback = receipt.message or self.tr("The report could not be submitted.")
        if receipt.code.startswith("dicomweb_") and receipt.message:
            # A DICOMweb archive (STOW-RS 409, 202 partial): its reasons, not the hub's.
            return self.tr("The DICOMweb archive reported a problem filing the report: %1").replace(
                "%1", receipt.message)
        return texts.get(receipt.status, fallback)

    def _show_state(self, status: StudyStatus) -> None:
        self.state_label.setText(state_text(self._item, status))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._apply_editable()

    def _show(self, text: str, severity: str) -> None:
        self.message.setText(text)
        theme.set_severity(self.message, severity)
