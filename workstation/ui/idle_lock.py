"""Locking the workstation after the reader walked away, and on demand.

An application-wide event filter notes every keyboard, mouse, wheel, touch and tablet
event. When none came for the idle time (default 15 minutes; the hub's session policy may
set another), or when the reader presses "Lock now", every window of the application is
hidden and its title replaced, and the lock screen is the only window left: no viewer,
worklist, report, thumbnail or task-bar title shows a patient (HIPAA 45 CFR
164.312(a)(2)(iii) automatic logoff; KVKK art. 12). While locked, input to any other
window is swallowed, so a shortcut cannot act on the hidden study either.

Unlocking needs the same reader's password and TOTP code, checked by the hub, or the
offline verifier when the hub is unreachable (:mod:`idle_lock_unlock`). The windows come
back as they were: the open study, its viewports and the unsaved report text are never
touched, only hidden.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from workstation.hub.policy import DEFAULT_IDLE_LOCK_SECONDS
from workstation.ui.idle_lock_screen import LockScreen
from workstation.ui.idle_lock_unlock import (
    UnlockFailure,
    UnlockRefused,
    UnlockResult,
    verify_unlock,
)
from workstation.ui.workers import TaskRunner

log = logging.getLogger(__name__)

LOCK_ACTION_ID = "session.lock"
CHECK_INTERVAL_MS = 5000

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.TabletMove, QEvent.Type.InputMethod,
})
_BLOCKED_WHILE_LOCKED = _ACTIVITY | frozenset({
    QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride, QEvent.Type.ContextMenu,
    QEvent.Type.DragEnter, QEvent.Type.Drop,
})

_current: IdleLock | None = None


def lock_now() -> None:
    """What the "Lock now" action does, from any window."""
    if _current is not None and shiboken6.isValid(_current):
        _current.lock()


class IdleLock(QObject):
    """Watches input app-wide and locks after ``idle_seconds``.

    ``clock`` returns seconds (monotonic; tests pass a fake one and call :meth:`check`).
    ``verify(username, password, code)`` checks the credentials and returns an
    ``UnlockResult`` or raises ``UnlockRefused``; it runs on a worker thread.
    Signals: ``locked()``, ``unlocked(bool online)``.
    """

    locked = Signal()
    unlocked = Signal(bool)

    def __init__(
        self,
        *,
        username: str,
        reader_label: str,
        verify: Callable[[str, str, str], UnlockResult],
        idle_seconds: float = DEFAULT_IDLE_LOCK_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        check_interval_ms: int = CHECK_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        global _current
        self.username = username
        self._reader = reader_label
        self._verify = verify
        self._clock = clock
        self.idle_seconds = float(idle_seconds)
        self._last_input = clock()
        self.is_locked = False
        self.screen: LockScreen | None = None
        self._hidden: list[tuple[QWidget, str]] = []
        self._focus: QWidget | None = None
        self._runner = TaskRunner(self, max_threads=1)
        self._timer = QTimer(self)
        self._timer.setInterval(check_interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        _current = self

    # -- configuration --------------------------------------------------------------------
    def set_idle_seconds(self, seconds: float) -> None:
        """The hub's policy (or a setting) changed the idle time."""
        self.idle_seconds = float(seconds)

    def attach(self, window: QWidget, keys: list[str] | None = None) -> QAction:
        """Give ``window`` a "Lock now" action with the shortcut of ``session.lock``."""
        action = QAction(QCoreApplication.translate("IdleLock", "Lock now"), window)
        action.setObjectName(LOCK_ACTION_ID)
        action.setShortcuts([QKeySequence(k) for k in (keys or _default_keys())])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(self.lock)
        window.addAction(action)
        return action

    def stop(self) -> None:
        """No more locking (sign-out, shutdown). Leaves the windows as they are."""
        global _current
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if _current is self:
            _current = None
        if self.is_locked:
            self._restore_windows()
            self._close_screen()
            self.is_locked = False

    # -- idle tracking --------------------------------------------------------------------
    @property
    def idle_for(self) -> float:
        return self._clock() - self._last_input

    def touch(self) -> None:
        self._last_input = self._clock()

    def check(self) -> bool:
        """Lock if the reader has been idle long enough; True when locked now."""
        if not self.is_locked and self.idle_for >= self.idle_seconds:
            log.info("locking after %.0f s without input", self.idle_for)
            self.lock()
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and self.is_locked:
            self._keep_hidden(watched)
            return False
        if kind not in _BLOCKED_WHILE_LOCKED:
            return False
        if not self.is_locked:
            if kind in _ACTIVITY:
                self._last_input = self._clock()
            return False
        # Locked: only the lock screen takes input.
        return not self._on_lock_screen(watched)

    # -- locking --------------------------------------------------------------------------
    def lock(self) -> None:
        if self.is_locked:
            return
        self.is_locked = True
        self._focus = QApplication.focusWidget()
        screen = self.screen
        if screen is None:
            screen = LockScreen(self._reader)
            screen.unlock_requested.connect(self._on_unlock_requested)
            self.screen = screen
        title = screen.windowTitle()
        self._hidden = []
        for widget in QApplication.topLevelWidgets():
            if widget is screen or not widget.isVisible():
                continue
            self._hidden.append((widget, widget.windowTitle()))
        for widget, _title in self._hidden:
            widget.setWindowTitle(title)
            widget.hide()
        screen.clear()
        screen.set_busy(False)
        screen.cover_screen()
        screen.raise_()
        screen.activateWindow()
        screen.password.setFocus()
        log.info("workstation locked; %d windows hidden", len(self._hidden))
        self.locked.emit()

    def _on_unlock_requested(self, password: str, code: str) -> None:
        screen = self.screen
        if screen is None:
            return
        screen.set_busy(True)
        screen.show_message(QCoreApplication.translate("IdleLock", "Checking…"))
        verify, username = self._verify, self.username
        self._runner.start(lambda _r: verify(username, password, code),
                           self._on_verified, self._on_refused)

    def _on_verified(self, result: UnlockResult) -> None:
        if not self.is_locked:
            return
        self.is_locked = False
        self.touch()
        self._restore_windows()
        self._close_screen()
        log.info("workstation unlocked (%s)", "hub" if result.online else "offline verifier")
        self.unlocked.emit(bool(result.online))

    def _on_refused(self, exc: BaseException) -> None:
        screen = self.screen
        if screen is None:
            return
        screen.set_busy(False)
        reason = exc.reason if isinstance(exc, UnlockRefused) else UnlockFailure.HUB_ERROR
        detail = exc.detail if isinstance(exc, UnlockRefused) else type(exc).__name__
        screen.show_message(_refusal_text(reason, detail), "error")
        screen.code.clear()
        if reason in (UnlockFailure.WRONG, UnlockFailure.OTHER_USER):
            screen.password.clear()
        screen.password.setFocus()

    def _keep_hidden(self, watched: QObject) -> None:
        """A window that opens while locked (a STAT notice, an error box, the re-login
        dialog) is hidden at once and shown again after unlocking."""
        if not isinstance(watched, QWidget) or not watched.isWindow():
            return
        if watched is self.screen or watched.windowType() in (Qt.WindowType.ToolTip,
                                                              Qt.WindowType.Popup):
            return
        if any(widget is watched for widget, _title in self._hidden):
            return
        screen = self.screen
        self._hidden.append((watched, watched.windowTitle()))
        watched.setWindowTitle(screen.windowTitle() if screen is not None else "")
        watched.setWindowOpacity(0.0)  # invisible until the deferred hide below
        QTimer.singleShot(0, lambda w=watched: self._hide_later(w))

    def _hide_later(self, widget: QWidget) -> None:
        if shiboken6.isValid(widget) and self.is_locked:
            widget.hide()
        if shiboken6.isValid(widget):
            widget.setWindowOpacity(1.0)

    def _restore_windows(self) -> None:
        hidden, self._hidden = self._hidden, []
        for widget, title in hidden:
            if not shiboken6.isValid(widget):
                continue
            widget.setWindowTitle(title)
            widget.show()
        focus, self._focus = self._focus, None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.window().raise_()
            focus.window().activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _close_screen(self) -> None:
        screen = self.screen
        if screen is not None:
            screen.clear()
            screen.hide()

    def _on_lock_screen(self, watched: QObject) -> bool:
        """True for the lock screen and its children (and its popups); False for every
        other widget and for actions, whose shortcuts would act on the hidden study."""
        screen = self.screen
        if screen is None:
            return False
        if isinstance(watched, QWindow):
            return True  # hidden windows get no input; the lock screen's own window does
        if isinstance(watched, QWidget):
            obj: Any = watched
            while obj is not None:
                if obj is screen:
                    return True
                obj = obj.parentWidget()
        return False


def _default_keys() -> list[str]:
    from workstation.ui import shortcut_map

    shortcut = shortcut_map.defaults().get(LOCK_ACTION_ID)
    return list(shortcut.keys) if shortcut is not None else ["Ctrl+Alt+L"]


def _refusal_text(reason: UnlockFailure, detail: str) -> str:
    translate = QCoreApplication.translate
    if reason is UnlockFailure.WRONG:
        return translate("IdleLock", "Wrong password or code. Try again.")
    if reason is UnlockFailure.OTHER_USER:
        return translate("IdleLock", "Only the reader who locked the workstation can unlock it.")
    if reason is UnlockFailure.THROTTLED:
        return translate("IdleLock", "Too many attempts. Wait a minute, then try again.")
    if reason is UnlockFailure.LOCKED_OUT:
        return translate("IdleLock", "This account is locked. Contact your administrator.")
    if reason is UnlockFailure.NO_OFFLINE:
        return translate("IdleLock", "The hub cannot be reached and this computer has no offline "
                         "sign-in data for you. Try again when the network is back.")
    return translate("IdleLock", "Unlocking failed: %1").replace(
        "%1", detail or translate("IdleLock", "hub error"))


def hub_verifier(client: Any, store_of: Callable[[], Any]) -> Callable[[str, str, str], UnlockResult]:
    """The usual ``verify``: the hub, else the offline verifier in the reader's cache."""
    return lambda username, password, code: verify_unlock(client, store_of(), username,
                                                          password, code)
