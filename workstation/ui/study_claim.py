"""The reading lock ("claim") of the open study, taken, kept and given back off the UI thread.

Opening a study claims it so that two radiologists never report the same study at once. The
hub's lock expires on its own (an abandoned workstation must not block a study for good), so
while the study stays open the lock is renewed at half its remaining life. Closing the
viewer or signing the report gives it back. When another reader holds it, the hub answers
409 ``claimed`` naming them, and the study opens read-only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from workstation.core.study import WorklistItem
from workstation.hub.errors import Conflict, HubError
from workstation.ui.session_guard import is_session_lost
from workstation.ui.workers import TaskRunner

log = logging.getLogger(__name__)

CLAIMED = "claimed"  # the hub's 409 code while another reader holds the lock
MIN_RENEW_S = 15.0
MAX_RENEW_S = 600.0
RETRY_RENEW_S = 30.0


class ClaimState(StrEnum):
    PENDING = "pending"  # asked the hub, no answer yet
    MINE = "mine"
    HELD = "held"  # another reader holds it: read-only
    FAILED = "failed"  # the hub could not be asked or refused for another reason
    RELEASED = "released"


def holder_of(exc: BaseException) -> tuple[str, datetime | None]:
    """Who holds the lock and until when, from a 409 ``claimed`` answer (the hub sends
    ``by`` and ``expires_at`` beside the message); empty when it does not say."""
    details = getattr(exc, "details", None)
    if not isinstance(details, dict):
        return "", None
    holder = details.get("by")
    expires: datetime | None = None
    raw = details.get("expires_at")
    if isinstance(raw, str):
        try:
            expires = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            expires = None
    return (holder if isinstance(holder, str) else ""), expires


class StudyClaim(QObject):
    """The lock of one study. ``changed()`` after every state change; ``session_lost()``
    when the hub refused the session (call :meth:`claim` again after signing in);
    ``item_changed(WorklistItem)`` with the hub's view of the study after a claim."""

    changed = Signal()
    session_lost = Signal()
    item_changed = Signal(object)

    def __init__(
        self, client: Any, study_uid: str, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._client = client
        self.study_uid = study_uid
        self._runner = runner
        self.state: ClaimState | None = None
        self.holder = ""
        self.expires_at: datetime | None = None
        self.message = ""
        self._release_wanted = False
        self._release_done: list[Callable[[], None]] = []
        self._renew = QTimer(self)
        self._renew.setSingleShot(True)
        self._renew.timeout.connect(self._renew_now)

    @property
    def is_mine(self) -> bool:
        return self.state is ClaimState.MINE

    def claim(self) -> None:
        """Ask the hub for the lock (or renew it when already held)."""
        if self.state is ClaimState.RELEASED:
            return
        renewing = self.state is ClaimState.MINE
        if not renewing:
            self._set(ClaimState.PENDING)
        client, uid = self._client, self.study_uid
        self._runner.start(
            lambda _r: client.claim(uid),
            self._on_claimed,
            lambda exc, r=renewing: self._on_failed(exc, r),
        )

    def release(self, on_done: Callable[[], None] | None = None) -> None:
        """Give the lock back. Safe to call in any state and more than once."""
        self._renew.stop()
        if on_done is not None:
            self._release_done.append(on_done)
        if self.state is ClaimState.PENDING:
            self._release_wanted = True  # released as soon as the claim answer arrives
            return
        was_mine = self.state is ClaimState.MINE
        self._set(ClaimState.RELEASED)
        if not was_mine:
            self._finish_release()
            return
        client, uid = self._client, self.study_uid

        def failed(exc: BaseException) -> None:
            # The lock lapses on its own; nothing the reader has to do.
            log.info("reading lock release failed: %s", getattr(exc, "code", type(exc).__name__))
            self._finish_release()

        self._runner.start(
            lambda _r: client.release(uid), lambda _x: self._finish_release(), failed
        )

    # -- internals -----------------------------------------------------------------------

    def _on_claimed(self, item: Any) -> None:
        if self.state is ClaimState.RELEASED:
            return
        expires = getattr(item, "claim_expires_at", None)
        self.expires_at = expires if isinstance(expires, datetime) else None
        self.holder = getattr(item, "claimed_by", "") or ""
        self.message = ""
        self._set(ClaimState.MINE)
        if isinstance(item, WorklistItem):
            self.item_changed.emit(item)
        if self._release_wanted:
            self._release_wanted = False
            self.release()
            return
        self._schedule_renewal()

    def _on_failed(self, exc: BaseException, renewing: bool) -> None:
        if self.state is ClaimState.RELEASED:
            return
        code = getattr(exc, "code", type(exc).__name__)
        log.info("reading lock not taken: %s", code)
        if self._release_wanted:
            self._release_wanted = False
            self._set(ClaimState.RELEASED)
            self._finish_release()
            return
        if is_session_lost(exc):
            self.session_lost.emit()
            return
        if isinstance(exc, Conflict) and exc.code == CLAIMED:
            self.holder, self.expires_at = holder_of(exc)
            self.message = exc.message
            self._set(ClaimState.HELD)
            return
        if renewing:
            # Still ours until it expires; try again shortly.
            self._renew.start(int(RETRY_RENEW_S * 1000))
            return
        self.message = exc.message if isinstance(exc, HubError) else ""
        self._set(ClaimState.FAILED)

    def _schedule_renewal(self) -> None:
        if self.expires_at is None:
            return
        expires = self.expires_at
        if expires.tzinfo is None:
            expires = expires.replace(tzinfo=UTC)
        left = (expires - datetime.now(UTC)).total_seconds()
        delay = min(max(left / 2.0, MIN_RENEW_S), MAX_RENEW_S)
        self._renew.start(int(delay * 1000))

    def _renew_now(self) -> None:
        if self.state is ClaimState.MINE:
            self.claim()

    def _finish_release(self) -> None:
        callbacks, self._release_done = self._release_done, []
        for callback in callbacks:
            callback()

    def _set(self, state: ClaimState) -> None:
        self.state = state
        self.changed.emit()
