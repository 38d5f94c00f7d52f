"""Hint panel for the built-in demo hub: the demo account and its current one-time code.

Only the demo hub's own account is ever shown here (its secret is published with the demo
data); real accounts keep their secret in the reader's authenticator app. Showing the live
code lets anyone try the full two-factor sign-in without setting up a phone first.
"""

from __future__ import annotations

import time
from typing import Protocol

import pyotp
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QWidget

from workstation.ui import theme


class DemoAccount(Protocol):
    """What the panel needs from ``workstation.demohub.accounts.DEMO_READER``."""

    username: str
    password: str
    totp_secret: str
    display_name: str


class DemoHintPanel(QFrame):
    """Shows the demo username, password and the live 6-digit code with its countdown."""

    fill_requested = Signal(str, str, str)

    def __init__(self, account: DemoAccount, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demo_hint")
        self._account = account
        self._totp = pyotp.TOTP(account.totp_secret)

        title = QLabel(self.tr("Demo hub — sign in with the demo reader account"))
        title.setStyleSheet(f"color: {theme.DIM_TEXT};")
        self._code = QLabel()
        self._code.setObjectName("demo_code")
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(self.font().pointSizeF() * 1.5)
        mono.setBold(True)
        self._code.setFont(mono)
        self._remaining = QLabel()
        self._remaining.setObjectName("demo_remaining")
        self._remaining.setStyleSheet(f"color: {theme.DIM_TEXT};")
        fill = QPushButton(self.tr("Fill in"))
        fill.setObjectName("demo_fill")
        fill.setAutoDefault(False)
        fill.setToolTip(self.tr("Put the demo username, password and current code in the form"))
        fill.clicked.connect(self._on_fill)

        grid = QGridLayout(self)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(12)
        grid.addWidget(title, 0, 0, 1, 3)
        grid.addWidget(QLabel(self.tr("Username")), 1, 0)
        grid.addWidget(_selectable(account.username), 1, 1, 1, 2)
        grid.addWidget(QLabel(self.tr("Password")), 2, 0)
        grid.addWidget(_selectable(account.password), 2, 1, 1, 2)
        grid.addWidget(QLabel(self.tr("Current code")), 3, 0)
        grid.addWidget(self._code, 3, 1)
        grid.addWidget(self._remaining, 3, 2)
        grid.addWidget(fill, 4, 2)
        grid.setColumnStretch(1, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def current_code(self) -> str:
        return self._totp.now()

    def refresh(self) -> None:
        """Show the code of the current 30-second step and how long it stays valid."""
        code = self._totp.now()
        self._code.setText(f"{code[:3]} {code[3:]}")
        left = seconds_left(self._totp.interval)
        self._remaining.setText(self.tr("%n s left", "", left))

    def _on_fill(self) -> None:
        self.fill_requested.emit(self._account.username, self._account.password, self._totp.now())


def seconds_left(interval: int = 30, now: float | None = None) -> int:
    """Seconds until the current TOTP step (RFC 6238) ends."""
    t = time.time() if now is None else now
    return int(interval - (int(t) % interval))


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
