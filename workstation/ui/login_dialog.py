"""Sign-in dialog: password, then the 6-digit TOTP code, both checked by the hub.

The hub answers each failure with a machine-readable code; the dialog turns each one into
a sentence that tells the reader what to do next, and clears only the fields that must be
typed again (a wrong code never costs the reader the password).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.core.study import UserInfo
from workstation.hub.errors import AuthError, HubUnreachable
from workstation.services.offline_login import OfflineReason, OfflineUnlockError
from workstation.ui import theme
from workstation.ui.demo_hint import DemoAccount, DemoHintPanel
from workstation.ui.login_messages import offline_message, outcome_for
from workstation.ui.workers import TaskRunner

log = logging.getLogger(__name__)


class LoginClient(Protocol):
    """The part of ``HubClient`` the dialog uses."""

    def login(self, username: str, password: str) -> Any: ...

    def verify_totp(self, challenge: Any, code: str) -> UserInfo: ...


class _CodeStepError(Exception):
    """The password was accepted but the code was not; carries the challenge for a retry."""

    def __init__(self, cause: AuthError, challenge: Any) -> None:
        super().__init__(cause.code)
        self.cause = cause
        self.challenge = challenge


class LoginDialog(QDialog):
    """Username, password, code and Sign in; the hub calls run on a worker thread.

    ``signed_in`` carries the ``UserInfo`` once the hub accepted password and code,
    right after ``password_verified(username, password)`` (for the offline verifier).
    When the hub cannot be reached and ``offline_unlock(username, password)`` is given,
    "Work offline" unlocks the local cache instead: it runs on a worker thread, and its
    result (an ``OfflineSession``) arrives as ``offline_unlocked``.
    """

    signed_in = Signal(object)
    password_verified = Signal(str, str)
    offline_unlocked = Signal(object)

    def __init__(
        self,
        client: LoginClient,
        *,
        hub_label: str,
        demo_user: DemoAccount | None = None,
        username: str = "",
        parent: QWidget | None = None,
        offline_unlock: Callable[[str, str], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._offline_unlock = offline_unlock
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
        self.work_offline = QPushButton(self.tr("Work offline"))
        self.work_offline.setObjectName("work_offline")
        self.work_offline.setToolTip(self.tr(
            "Open the studies already on this computer with the password of your last "
            "sign-in here; reports wait in the outbox until the hub is back"))
        self.work_offline.clicked.connect(self.unlock_offline)
        self.work_offline.hide()
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
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.work_offline)
        buttons.addWidget(self.sign_in)
        layout.addLayout(buttons)
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
        self.work_offline.hide()
        self.password_verified.emit(*self._pending_for or ("", ""))
        self._pending_for = None
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
        message = outcome.message
        if isinstance(exc, HubUnreachable) and self._offline_unlock is not None:
            self.work_offline.show()
            message += " " + self.tr(
                "Or press Work offline to read the studies cached on this computer.")
        self.show_message(message, "error")
        target = {
            "username": self.username,
            "password": self.password,
            "code": self.code,
            "sign_in": self.sign_in,
        }[outcome.focus]
        target.setFocus()

    def unlock_offline(self) -> None:
        """Unlock the local cache with username and password (no code: the hub that
        checks it is out of reach; the keychain key stands in as the second factor)."""
        if self._busy or self._offline_unlock is None:
            return
        username = self.username.text().strip()
        password = self.password.text()
        if not username or not password:
            self.show_message(self.tr("Enter your username and password."), "error")
            (self.password if username else self.username).setFocus()
            return
        self._set_busy(True)
        self.show_message(self.tr("Unlocking the local data…"), "info")
        unlock = self._offline_unlock
        self._runner.start(lambda _r: unlock(username, password), self._on_offline,
                           self._on_offline_failed)

    def _on_offline(self, session: Any) -> None:
        self._set_busy(False)
        self.password.clear()
        self.code.clear()
        log.info("working offline")
        self.offline_unlocked.emit(session)

    def _on_offline_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, OfflineUnlockError):
            log.info("offline unlock refused: %s", exc.reason.value)
            if exc.reason is OfflineReason.WRONG_PASSWORD:
                self.password.clear()
            self.show_message(offline_message(exc.reason), "error")
        else:
            log.warning("offline unlock failed: %s", type(exc).__name__)
            self.show_message(self.tr("The local data could not be opened (%1).").replace(
                "%1", type(exc).__name__), "error")
        self.password.setFocus()

    def _fill(self, username: str, password: str, code: str) -> None:
        self.username.setText(username)
        self.password.setText(password)
        self.code.setText(code)
        self.sign_in.setFocus()

    # -- helpers -------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for w in (self.username, self.password, self.code, self.sign_in, self.work_offline):
            w.setEnabled(not busy)

    def show_message(self, text: str, severity: str) -> None:
        """Show ``text`` under the form; severity is "error", "info" or "ok"."""
        self.message.setText(text)
        theme.set_severity(self.message, severity)
