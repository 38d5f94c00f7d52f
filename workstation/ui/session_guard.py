"""Keeping the reader's work when the hub session ends (refresh refused, token revoked).

The hub client refreshes tokens silently; when that is impossible it calls its
``on_session_lost`` callback (from whatever worker thread made the call) and the call
fails with ``AuthError("session_expired")``. Both paths end here, on the UI thread. One
re-login dialog appears over the open study; every window stays as it is; and the actions
that failed for want of a session are remembered and run again after the reader signed in
(a worklist reload, a series download, a reading lock). Signing a report is not repeated
on its own: the reader presses Submit again, which cannot file it twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from workstation.core.study import UserInfo
from workstation.hub.errors import AuthError
from workstation.ui.demo_hint import DemoAccount
from workstation.ui.relogin_dialog import ReloginDialog

log = logging.getLogger(__name__)

# Codes meaning the session is gone for good (the hub client uses the same pair).
SESSION_LOST_CODES = frozenset({"session_expired", "invalid_token"})

Retry = Callable[[], None]


def is_session_lost(exc: BaseException) -> bool:
    return isinstance(exc, AuthError) and exc.code in SESSION_LOST_CODES


class SessionGuard(QObject):
    """Shows the re-login dialog once per lost session and replays the failed actions.

    Signals: ``signed_out(bool)`` (True when the session is lost, False once it is back);
    ``restored(UserInfo)`` after a successful re-login, when the retries have been started.
    ``dialog_parent`` returns the window the dialog should sit over (the viewer if a study
    is open).
    """

    signed_out = Signal(bool)
    restored = Signal(object)
    _client_lost = Signal()

    def __init__(
        self,
        client: Any,
        *,
        hub_label: str,
        demo_user: DemoAccount | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._hub_label = hub_label
        self._demo_user = demo_user
        self.username = ""
        self.dialog: ReloginDialog | None = None
        self.is_lost = False
        self.dialog_parent: Callable[[], QWidget | None] = lambda: None
        self._pending: list[Retry] = []
        self._focus: QWidget | None = None
        # The client calls back on a worker thread; the queued signal brings it here.
        self._client_lost.connect(self.session_lost, Qt.ConnectionType.QueuedConnection)
        if hasattr(client, "on_session_lost"):
            client.on_session_lost = self._client_lost.emit

    @property
    def pending(self) -> int:
        return len(self._pending)

    def session_lost(self, retry: Retry | None = None) -> None:
        """The hub refused the session; ``retry`` is run again once the reader is back."""
        if retry is not None and retry not in self._pending:
            self._pending.append(retry)
        if not self.is_lost:
            self.is_lost = True
            log.info("hub session lost; asking the reader to sign in again")
            self.signed_out.emit(True)
        if self.dialog is None:
            self.prompt()

    def prompt(self) -> None:
        """Show the re-login dialog (again) over the current study."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        if not self.username:
            return
        self._focus = QApplication.focusWidget()
        dialog = ReloginDialog(
            self._client,
            username=self.username,
            hub_label=self._hub_label,
            demo_user=self._demo_user,
            parent=self.dialog_parent(),
        )
        dialog.signed_in.connect(self._on_signed_in)
        dialog.rejected.connect(self._on_dismissed)
        dialog.destroyed.connect(self._on_destroyed)
        self.dialog = dialog
        dialog.show()
        # The reader must type here: taking the keyboard is the point of this dialog.
        dialog.raise_()
        dialog.activateWindow()

    def shutdown(self) -> None:
        """The application ends: no more prompts, no more calls from the client."""
        self.username = ""
        self._pending.clear()
        if hasattr(self._client, "on_session_lost"):
            self._client.on_session_lost = None
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.destroyed.disconnect(self._on_destroyed)
            dialog.rejected.disconnect(self._on_dismissed)
            dialog.hide()
            dialog.deleteLater()

    def move_dialog(self, parent: QWidget | None) -> None:
        """Keep the dialog (and what was typed in it) when the window under it closes."""
        dialog = self.dialog
        if dialog is not None and dialog.parentWidget() is not parent:
            dialog.setParent(parent, dialog.windowFlags())
            dialog.show()

    # -- internals -----------------------------------------------------------------------

    def _on_signed_in(self, user: UserInfo) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.destroyed.disconnect(self._on_destroyed)
            dialog.rejected.disconnect(self._on_dismissed)
            dialog.accept()
            dialog.deleteLater()
        self.is_lost = False
        log.info("hub session restored")
        self.signed_out.emit(False)
        self._restore_focus()
        pending, self._pending = self._pending, []
        for retry in pending:
            try:
                retry()
            except RuntimeError:  # the widget that asked has been closed meanwhile
                log.debug("a retry after sign-in was dropped")
        self.restored.emit(user)

    def _on_dismissed(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.destroyed.disconnect(self._on_destroyed)
            dialog.deleteLater()
        log.info("re-login dismissed; the session stays signed out")

    def _on_destroyed(self, *_args: object) -> None:
        # Its parent window went away with it; show a fresh one over what is left.
        self.dialog = None
        if self.is_lost:
            QTimer.singleShot(0, self.prompt)

    def _restore_focus(self) -> None:
        """Give the keyboard back to where the reader was (viewport or report text)."""
        focus, self._focus = self._focus, None
        if focus is None or not shiboken6.isValid(focus) or not focus.isVisible():
            return
        focus.window().activateWindow()
        focus.setFocus(Qt.FocusReason.OtherFocusReason)
