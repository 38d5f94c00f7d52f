"""What the sign-in dialog tells the reader after a failed attempt.

The hub answers each failure with a machine-readable code; each one becomes a sentence that
tells the reader what to do next, together with which fields must be typed again (a wrong
code never costs the reader the password). Offline unlocking has reasons of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from workstation.hub.errors import AuthError, HubError, HubUnreachable
from workstation.services.offline_login import OfflineReason
from workstation.ui.demo_hint import seconds_left


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


def offline_message(reason: OfflineReason) -> str:
    """Why offline unlocking was refused, for the reader."""
    if reason is OfflineReason.WRONG_PASSWORD:
        return QCoreApplication.translate(
            "LoginDialog", "Wrong username or password for working offline.")
    if reason is OfflineReason.DAMAGED:
        return QCoreApplication.translate(
            "LoginDialog", "The offline sign-in data on this computer is damaged. Sign in "
            "online once the hub can be reached.")
    return QCoreApplication.translate(
        "LoginDialog", "Working offline needs an earlier online sign-in of this user on this "
        "computer. Sign in online once the hub can be reached.")
