"""Report panel beside the images: who the study is for, Findings, Impression, Submit.

The patient banner is here, inside the viewer, because the reader must be able to confirm
whose images they are reporting; window titles stay free of patient data. Submission is a
signature, so it asks for confirmation first, and it keeps the same draft (and so the same
idempotency key) across retries of unchanged text: a retry after a lost answer can never
file the report twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.core.report import ReportDraft, ReportKind
from workstation.core.study import StudyStatus, WorklistItem
from workstation.services.report_submission import SubmissionReceipt, SubmissionStatus
from workstation.ui import theme
from workstation.ui.workers import TaskRunner
from workstation.ui.worklist_model import patient_display_name, priority_text, status_text

log = logging.getLogger(__name__)

Submit = Callable[[ReportDraft], SubmissionReceipt]


class ReportPanel(QWidget):
    """Findings and Impression editors with a confirmed, off-thread Submit.

    Signals: ``submitted(SubmissionReceipt)`` after the hub accepted the report;
    ``submit_failed(SubmissionReceipt)`` when it did not (the message says why).
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
        self.read_only_reason: str | None = None
        self.last_receipt: SubmissionReceipt | None = None
        self.setMinimumWidth(300)

        self.findings = QPlainTextEdit()
        self.findings.setObjectName("findings")
        self.findings.setPlaceholderText(self.tr("Describe the findings…"))
        self.findings.setTabChangesFocus(True)
        self.impression = QPlainTextEdit()
        self.impression.setObjectName("impression")
        self.impression.setPlaceholderText(self.tr("Conclusion for the referring physician…"))
        self.impression.setTabChangesFocus(True)
        self.impression.setMaximumHeight(160)
        self.message = QLabel()
        self.message.setObjectName("report_message")
        self.message.setWordWrap(True)
        self.submit_button = QPushButton(self.tr("Sign and submit…"))
        self.submit_button.setObjectName("submit_report")
        self.submit_button.setToolTip(self.tr("Sign this report as final and send it to the hub"))
        self.submit_button.clicked.connect(self._on_submit_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self._banner(item))
        layout.addWidget(_heading(self.tr("Findings")))
        layout.addWidget(self.findings, 3)
        layout.addWidget(_heading(self.tr("Impression")))
        layout.addWidget(self.impression, 1)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.submit_button)
        layout.addLayout(row)

    # -- public --------------------------------------------------------------------------

    def submit(self) -> bool:
        """Send the report now (no confirmation). False when nothing was sent."""
        if self._busy or self._done or self.read_only_reason is not None:
            return False
        findings = self.findings.toPlainText().strip()
        impression = self.impression.toPlainText().strip()
        draft = self._draft
        if draft is None or (draft.findings, draft.impression) != (findings, impression):
            # Changed text is a different report: it gets its own idempotency key.
            draft = ReportDraft(self._item.study_uid, findings, impression, ReportKind.FINAL)
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
        submit = self._submit
        self._runner.start(lambda _r: submit(draft), self._on_done, self._on_error)
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
        if self._done:
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

    # -- internals -----------------------------------------------------------------------

    def _apply_editable(self) -> None:
        locked = self._busy or self._done or self.read_only_reason is not None
        self.submit_button.setEnabled(not locked)
        self.findings.setReadOnly(locked)
        self.impression.setReadOnly(locked)

    def _on_submit_clicked(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Submit report"),
            self.tr("Sign and submit final report?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.submit()

    def _on_done(self, receipt: SubmissionReceipt) -> None:
        self._set_busy(False)
        self.last_receipt = receipt
        if receipt.ok:
            version = receipt.response.get("version")
            text = (
                self.tr("Report submitted, version %1").replace("%1", str(version))
                if version is not None
                else self.tr("Report submitted.")
            )
            self._show(text, "ok")
            self._show_state(StudyStatus.FINAL)
            self._draft = None
            self._done = True
            self._apply_editable()
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
            SubmissionStatus.UNREACHABLE: self.tr(
                "The hub could not be reached, so the report was not sent. Try again; it "
                "cannot be filed twice."
            ),
        }
        fallback = receipt.message or self.tr("The report could not be submitted.")
        return texts.get(receipt.status, fallback)

    def _show_state(self, status: StudyStatus) -> None:
        self.state_label.setText(f"{priority_text(self._item.priority)}  ·  {status_text(status)}")

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._apply_editable()

    def _show(self, text: str, severity: str) -> None:
        self.message.setText(text)
        theme.set_severity(self.message, severity)

    def _banner(self, item: WorklistItem) -> QFrame:
        frame = QFrame()
        frame.setObjectName("patient_banner")
        frame.setStyleSheet(
            f"QFrame#patient_banner {{ background: #202227; border: 1px solid {theme.BORDER};"
            " border-radius: 4px; }"
        )
        name = QLabel(patient_display_name(item.patient_name))
        font = name.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        name.setFont(font)
        birth = item.patient_birth_date.strftime("%d.%m.%Y") if item.patient_birth_date else ""
        ident = "  ·  ".join(p for p in (item.patient_id, item.patient_sex, birth) if p)
        when = item.study_datetime.strftime("%d.%m.%Y %H:%M") if item.study_datetime else ""
        study = "  ·  ".join(p for p in (item.modality, item.description, when) if p)
        where = "  ·  ".join(
            p for p in (self.tr("Acc. %1").replace("%1", item.accession), item.hospital) if p
        )
        box = QVBoxLayout(frame)
        box.setContentsMargins(10, 6, 10, 6)
        box.setSpacing(2)
        box.addWidget(name)
        self.state_label = QLabel()
        self.state_label.setObjectName("study_state")
        for text in (ident, study, where):
            box.addWidget(_dim(QLabel(text)))
        box.addWidget(_dim(self.state_label))
        self._show_state(item.status)
        if item.clinical_notes:
            notes = QLabel(self.tr("Clinical notes: %1").replace("%1", item.clinical_notes))
            notes.setWordWrap(True)
            notes.setStyleSheet(f"color: {theme.TEXT}; border: none;")
            notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.addWidget(notes)
        return frame


def _dim(label: QLabel) -> QLabel:
    label.setStyleSheet(f"color: {theme.DIM_TEXT}; border: none;")
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
