"""Reminders of a critical finding until the hub records its acknowledgement.

A communicated critical result is an open safety loop until the recipient confirms it
(ACR practice parameter; the hub stores the read-back). The reminder polls
``critical_communications(study_uid, open_only=True)`` off the UI thread and, while the
loop stays open, shows a banner in the report panel and a line in the viewer's status bar:
never a modal dialog and never a window that takes the keyboard from the reader.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from workstation.hub.errors import HubError
from workstation.ui.workers import TaskRunner

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 60_000


class CriticalReminder(QObject):
    """Signals: ``remind(str)`` with the text to show (empty: nothing open any more);
    ``acknowledged(communication_id)`` once the hub records the acknowledgement."""

    remind = Signal(str)
    acknowledged = Signal(str)

    def __init__(self, list_open: Callable[[], list[dict[str, Any]]], *,
                 interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._list_open = list_open
        self._runner = TaskRunner(self, max_threads=1)
        self._busy = False
        self.open_ids: set[str] = set()
        self.reminders = 0
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    @property
    def active(self) -> bool:
        return self.timer.isActive()

    def track(self, communication: dict[str, Any]) -> None:
        """Start reminding about a communication just flagged."""
        self.open_ids.add(str(communication["id"]))
        self._show([communication])
        if not self.timer.isActive():
            self.timer.start()

    def poll(self) -> None:
        if self._busy:
            return
        self._busy = True
        self._runner.start(lambda _r: self._list_open(), self._on_list, self._on_error)

    def stop(self) -> None:
        self.timer.stop()

    def wait(self, msecs: int = 5000) -> bool:
        return self._runner.wait(msecs)

    def _on_list(self, found: list[dict[str, Any]]) -> None:
        self._busy = False
        still = {str(c.get("id")) for c in found if not c.get("acknowledged_at")}
        for done in sorted(self.open_ids - still):
            self.acknowledged.emit(done)
        self.open_ids &= still
        open_ones = [c for c in found if str(c.get("id")) in self.open_ids]
        if not open_ones:
            self.timer.stop()
            self.remind.emit("")
            return
        self._show(open_ones)

    def _on_error(self, exc: BaseException) -> None:
        self._busy = False
        if not isinstance(exc, HubError):
            log.warning("critical result poll failed: %s", type(exc).__name__)

    def _show(self, open_ones: list[dict[str, Any]]) -> None:
        self.reminders += 1
        first = open_ones[0]
        since = str(first.get("communicated_at", ""))[11:16]
        text = self.tr("⚠ Critical finding (category %1) not yet acknowledged by %2 "
                       "(told %3).") \
            .replace("%1", str(first.get("category", "?"))) \
            .replace("%2", str(first.get("recipient", "?"))).replace("%3", since)
        if len(open_ones) > 1:
            text += " " + self.tr("%1 open in all.").replace("%1", str(len(open_ones)))
        self.remind.emit(text)
