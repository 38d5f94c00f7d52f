"""Confirmation before a report is signed: whose study, which kind (preliminary or final),
and, when the hub's policy asks for it, the reader's current authenticator code (RFC 6238)
as a second factor on the signature itself."""

from __future__ import annotations

import html

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workstation.core.report import ReportKind


class SignDialog(QDialog):
    """``exec()`` → Accepted when the reader confirmed; ``code`` holds the TOTP code."""

    def __init__(self, kind: ReportKind, patient: str, study: str, *, ask_code: bool,
                 amendment: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sign_dialog")
        final = kind is ReportKind.FINAL
        if amendment:
            self.setWindowTitle(self.tr("Sign amendment"))
            text = self.tr("Sign an amended final report? It supersedes the current version; "
                           "the earlier version stays on record.")
        elif final:
            self.setWindowTitle(self.tr("Sign final report"))
            text = self.tr("Sign this report as FINAL? A signed report can only be changed by "
                           "an amendment.")
        else:
            self.setWindowTitle(self.tr("Submit preliminary report"))
            text = self.tr("Submit this report as PRELIMINARY? A radiologist signs the final "
                           "report.")
        layout = QVBoxLayout(self)
        who = QLabel(f"<b>{html.escape(patient)}</b><br>{html.escape(study)}")
        who.setObjectName("sign_patient")
        layout.addWidget(who)
        message = QLabel(text)
        message.setWordWrap(True)
        layout.addWidget(message)
        self.reason: QPlainTextEdit | None = None
        if amendment:
            layout.addWidget(QLabel(self.tr("Reason for the amendment (required):")))
            self.reason = QPlainTextEdit()
            self.reason.setObjectName("amend_reason")
            self.reason.setTabChangesFocus(True)
            self.reason.setMaximumHeight(70)
            layout.addWidget(self.reason)
        self.code_edit: QLineEdit | None = None
        if ask_code:
            layout.addWidget(QLabel(self.tr("Authenticator code (the hub asks for it to sign):")))
            self.code_edit = QLineEdit()
            self.code_edit.setObjectName("sign_code")
            self.code_edit.setValidator(
                QRegularExpressionValidator(QRegularExpression(r"\d{0,6}"), self.code_edit))
            self.code_edit.setPlaceholderText("000000")
            layout.addWidget(self.code_edit)
        self.error = QLabel()
        self.error.setObjectName("sign_error")
        self.error.setStyleSheet("color: #e06c75;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        label = self.tr("Sign") if final else self.tr("Submit")
        self.ok_button = buttons.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("sign_confirm")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        first = self.reason or self.code_edit or self.ok_button
        first.setFocus()

    @property
    def code(self) -> str:
        return self.code_edit.text().strip() if self.code_edit is not None else ""

    @property
    def reason_text(self) -> str:
        return self.reason.toPlainText().strip() if self.reason is not None else ""

    def _accept(self) -> None:
        if self.reason is not None and not self.reason_text:
            self.error.setText(self.tr("Say why the report is amended."))
            self.reason.setFocus()
            return
        if self.code_edit is not None and len(self.code) != 6:
            self.error.setText(self.tr("Enter the 6-digit code from your authenticator."))
            self.code_edit.setFocus()
            return
        self.accept()
