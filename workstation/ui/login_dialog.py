"""Sign-in dialog: password, then the 6-digit TOTP code, both checked by the hub.

The hub answers each failure with a machine-readable code; the dialog turns each one into
a sentence that tells the reader what to do next, and clears only the fields that must be
typed again (a wrong code never costs the reader the password).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.core.study import UserInfo
from workstation.hub.errors import AuthError, HubError, HubUnreachable
from workstation.ui import theme
from workstation.ui.demo_hint import DemoAccount, DemoHintPanel, seconds_left
from workstation.ui.workers import TaskRunner

log = logging.getLogger(__name__)


class LoginClient(Protocol):
    """The part of ``HubClient`` the dialog uses."""

    def login(self, username: str, password: str) -> Any: ...

    def verify_totp(self, challenge: Any, code: str) -> UserInfo: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    """What to tell the reader after a failed attempt and which fields to clear."""

    message: str
    clear_password: bool = False
    clear_code: bool = True
    restart: bool = True  # forget the password step and start again from it
    focus: str = "code"


def outcome_for(exc: BaseException, hub_label: str) -> Outcome:
    """Map a sign-in failure to the reader-facing message and field handling."""
    if isinstance(exc, HubUnreachable):
        return Outcome(
            QCoreApplication.translate(
                "LoginDialog",
                "Cannot reach the hub at %1. Check the network connection and try again.",
            ).replace("%1", hub_label),
            clear_code=False,
            focus="sign_in",
        )
    if isinstance(exc, AuthError):
        code = exc.code
        if code == "invalid_credentials":
            return Outcome(
                QCoreApplication.translate("LoginDialog", "Wrong username or password."),
                clear_password=True,
                focus="password",
            )
        if code == "invalid_code":
            return Outcome(
                QCoreApplication.translate(
                    "LoginDialog",
                    "The 6-digit code is wrong. Check your authenticator app and try again.",
                ),
                restart=False,
            )
        if code == "code_reused":
            return Outcome(
                QCoreApplication.translate(
                    "LoginDialog",
                    "This code has already been used. Wait for the next code (in %1 s) and "
                    "enter it.",
                ).replace("%1", str(seconds_left())),
                restart=False,
            )
        if code == "mfa_expired":
            return Outcome(
                QCoreApplication.translate(
                    "LoginDialog",
                    "The sign-in took too long and has expired. Enter a fresh code and sign "
                    "in again.",
                )
            )
        if code == "throttled":
            return Outcome(
                QCoreApplication.translate(
                    "LoginDialog", "Too many attempts. Wait a minute, then try again."
                )
            )
        if code == "locked":
            return Outcome(
                QCoreApplication.translate(
                    "LoginDialog", "This account is locked. Contact your administrator."
                ),
                clear_password=True,
                focus="username",
            )
        if code == "session_expired":
            return Outcome(
                QCoreApplication.translate(
                    "LoginDialog", "Your session has expired. Sign in again."
                )
            )
    if isinstance(exc, HubError):
        return Outcome(
            QCoreApplication.translate("LoginDialog", "Sign-in failed: %1").replace(
                "%1", exc.message
            )
        )
    return Outcome(
        QCoreApplication.translate(
            "LoginDialog", "Sign-in failed because of an unexpected error. Try again."
        )
    )


class _CodeStepError(Exception):
    """The password was accepted but the code was not; carries the challenge for a retry."""

    def __init__(self, cause: AuthError, challenge: Any) -> None:
        super().__init__(cause.code)
        self.cause = cause
        self.challenge = challenge


class LoginDialog(QDialog):
    """Username, password, code and Sign in; the hub calls run on a worker thread.

    ``signed_in`` carries the ``UserInfo`` once the hub accepted password and code.
    """

    signed_in = Signal(object)

    def __init__(
        self,
        client: LoginClient,
        *,
        hub_label: str,
        demo_user: DemoAccount | None = None,
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._hub_label = hub_label
        self._runner = TaskRunner(self, max_threads=1)
        self._challenge: Any = None
        self._challenge_for: tuple[str, str] | None = None
        self._pending_for: tuple[str, str] | None = None
        self._busy = False
        self.user: UserInfo | None = None

        self.setWindowTitle(self.tr("Sign in — Workstation"))
        self.setMinimumWidth(440)

        self.heading = QLabel(self.tr("Sign in to the reading hub"))
        self.heading.setObjectName("heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        hub = QLabel(self.tr("Hub: %1").replace("%1", hub_label))
        hub.setObjectName("hub_label")
        hub.setStyleSheet(f"color: {theme.DIM_TEXT};")

        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.username.setPlaceholderText(self.tr("Username"))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setMaxLength(6)
        self.code.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"\d{0,6}"), self.code)
        )
        self.code.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.code.setPlaceholderText(self.tr("6-digit code from your authenticator app"))
        self.sign_in = QPushButton(self.tr("Sign in"))
        self.sign_in.setObjectName("sign_in")
        self.sign_in.setDefault(True)
        self.sign_in.clicked.connect(self.submit)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.fontMetrics().height() * 2 + 4)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Code"), self.code)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(hub)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.sign_in, 0, Qt.AlignmentFlag.AlignRight)
        self.demo_hint: DemoHintPanel | None = None
        if demo_user is not None:
            self.demo_hint = DemoHintPanel(demo_user, self)
            self.demo_hint.fill_requested.connect(self._fill)
            layout.addWidget(self.demo_hint)

        self.setTabOrder(self.username, self.password)
        self.setTabOrder(self.password, self.code)
        self.setTabOrder(self.code, self.sign_in)
        (self.password if username else self.username).setFocus()

    # -- actions -------------------------------------------------------------------------

    def submit(self) -> None:
        """Check the form, then run password and code verification off the UI thread."""
        if self._busy:
            return
        username = self.username.text().strip()
        password = self.password.text()
        code = self.code.text()
        if not username or not password:
            self.show_message(self.tr("Enter your username and password."), "error")
            (self.password if username else self.username).setFocus()
            return
        if len(code) != 6:
            self.show_message(
                self.tr("Enter the 6-digit code from your authenticator app."), "error"
            )
            self.code.setFocus()
            return
        challenge = self._challenge if self._challenge_for == (username, password) else None
        self._set_busy(True)
        self.show_message(self.tr("Signing in…"), "info")
        client = self._client

        def work(_report: object) -> tuple[Any, UserInfo]:
            ch = challenge if challenge is not None else client.login(username, password)
            try:
                return ch, client.verify_totp(ch, code)
            except AuthError as exc:
                raise _CodeStepError(exc, ch) from exc

        self._pending_for = (username, password)
        self._runner.start(work, self._on_success, self._on_failure)

    def _on_success(self, result: tuple[Any, UserInfo]) -> None:
        self._set_busy(False)
        self._challenge = None
        self._challenge_for = None
        self.user = result[1]
        self.password.clear()
        self.code.clear()
        self.show_message(self.tr("Signed in."), "ok")
        log.info("sign-in succeeded")
        self.signed_in.emit(self.user)

    def _on_failure(self, exc: BaseException) -> None:
        self._set_busy(False)
        challenge = None
        if isinstance(exc, _CodeStepError):
            exc, challenge = exc.cause, exc.challenge
        log.info("sign-in failed: %s", getattr(exc, "code", type(exc).__name__))
        outcome = outcome_for(exc, self._hub_label)
        if outcome.restart or challenge is None:
            self._challenge = None
            self._challenge_for = None
        else:
            # The password step stays valid: the next attempt only sends a new code.
            self._challenge = challenge
            self._challenge_for = self._pending_for
        if outcome.clear_password:
            self.password.clear()
        if outcome.clear_code:
            self.code.clear()
        self.show_message(outcome.message, "error")
        target = {
            "username": self.username,
            "password": self.password,
            "code": self.code,
            "sign_in": self.sign_in,
        }[outcome.focus]
        target.setFocus()

    def _fill(self, username: str, password: str, code: str) -> None:
        self.username.setText(username)
        self.password.setText(password)
        self.code.setText(code)
        self.sign_in.setFocus()

    # -- helpers -------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for w in (self.username, self.password, self.code, self.sign_in):
            w.setEnabled(not busy)

    def show_message(self, text: str, severity: str) -> None:
        """Show ``text`` under the form; severity is "error", "info" or "ok"."""
        self.message.setText(text)
        theme.set_severity(self.message, severity)
