"""Documenting a critical finding: what, how urgent, who was told, how and when.

The fields follow the ACR practice parameter on communication of diagnostic imaging
findings: category 1 (immediate: minutes), 2 (urgent: hours) or 3 (non-urgent: days), the
finding as told, the recipient, the method (phone, in person, secure message) and the time
of the communication (default: now). The record goes to the hub (``flag_critical``); the
hub keeps it open until the recipient acknowledges it with a read-back.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workstation.hub.vocabulary import CommunicationMethod, CriticalCategory


class CriticalDialog(QDialog):
    """Accepted → :meth:`values` holds the ``flag_critical`` keyword arguments."""

    def __init__(self, patient: str, finding: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("critical_dialog")
        self.setWindowTitle(self.tr("Critical finding"))
        self.resize(480, 360)
        who = QLabel(f"<b>{html.escape(patient)}</b>")
        self.category = QComboBox()
        self.category.setObjectName("critical_category")
        for cat, text in (
            (CriticalCategory.IMMEDIATE, self.tr("1 – Immediate (within minutes)")),
            (CriticalCategory.URGENT, self.tr("2 – Urgent (within hours)")),
            (CriticalCategory.NON_URGENT, self.tr("3 – Non-urgent (within days)")),
        ):
            self.category.addItem(text, int(cat))
        self.finding = QPlainTextEdit(finding)
        self.finding.setObjectName("critical_finding")
        self.finding.setTabChangesFocus(True)
        self.finding.setMaximumHeight(90)
        self.recipient = QLineEdit()
        self.recipient.setObjectName("critical_recipient")
        self.recipient.setPlaceholderText(self.tr("Name and role of the clinician told"))
        self.method = QComboBox()
        self.method.setObjectName("critical_method")
        for method, text in (
            (CommunicationMethod.PHONE, self.tr("Phone")),
            (CommunicationMethod.IN_PERSON, self.tr("In person")),
            (CommunicationMethod.SECURE_MESSAGE, self.tr("Secure message")),
        ):
            self.method.addItem(text, str(method))
        self.when = QDateTimeEdit(QDateTime.currentDateTime())
        self.when.setObjectName("critical_time")
        self.when.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.when.setMaximumDateTime(QDateTime.currentDateTime().addSecs(60))
        self.error = QLabel()
        self.error.setObjectName("critical_error")
        self.error.setStyleSheet("color: #e06c75;")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Finding"), self.finding)
        form.addRow(self.tr("Recipient"), self.recipient)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Communicated at"), self.when)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.send_button = buttons.addButton(self.tr("Record and send"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("critical_send")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.category.setFocus()

    def values(self) -> dict[str, Any]:
        when: datetime = self.when.dateTime().toPython()  # local wall time
        return {
            "category": int(self.category.currentData()),
            "finding": self.finding.toPlainText().strip(),
            "recipient": self.recipient.text().strip(),
            "method": str(self.method.currentData()),
            "communicated_at": when.astimezone(),
        }

    def _accept(self) -> None:
        values = self.values()
        if not values["finding"]:
            self.error.setText(self.tr("Describe the finding."))
            self.finding.setFocus()
            return
        if not values["recipient"]:
            self.error.setText(self.tr("Say who was told."))
            self.recipient.setFocus()
            return
        self.accept()
