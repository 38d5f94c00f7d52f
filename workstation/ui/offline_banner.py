"""Offline state, plainly shown: a banner across the top of the worklist and the viewer.

A reader who does not know the hub is gone would wonder why the list does not change
and why a report "did not arrive". While the hub is unreachable each window carries a
banner saying so, what still works (cached studies, reports kept in the outbox) and a
"Try now" button; the connectivity monitor keeps probing with backoff and the banner
disappears by itself once the hub answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.services.connectivity import Connectivity, ConnectivityMonitor

log = logging.getLogger(__name__)

BANNER_STYLE = (
    "QFrame#offline_banner { background: #6b4a00; border-bottom: 2px solid #e0a000; }"
    "QFrame#offline_banner QLabel { color: #fff4d6; font-weight: bold; }"
)


class ConnectivityWatch(QObject):
    """The monitor's state changes, delivered on the UI thread as ``changed(state)``.

    Without a monitor (no way to probe the hub) the state stays ONLINE."""

    changed = Signal(object)
    _wake = Signal()  # no arguments across threads (see download_center)

    def __init__(self, monitor: ConnectivityMonitor | None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.monitor = monitor
        self.state = Connectivity.ONLINE
        self.snapshot_time: float | None = None  # when offline: age of the worklist shown
        self._wake.connect(self._catch_up, Qt.ConnectionType.QueuedConnection)
        self._remove: Callable[[], None] | None = None
        if monitor is not None:
            self._remove = monitor.add_listener(lambda _state: self._wake.emit())

    @property
    def offline(self) -> bool:
        return self.state is Connectivity.OFFLINE

    def start(self) -> None:
        if self.monitor is not None:
            self.monitor.start()

    def set_state(self, state: Connectivity) -> None:
        """Record a state seen elsewhere (a sign-in that found the hub unreachable)."""
        self._apply(state)

    def report_unreachable(self) -> None:
        """A failed call says the hub is gone. Without a monitor nothing would ever say
        it is back, so the state is only changed through one."""
        if self.monitor is not None:
            self.monitor.report_unreachable()

    def check_now(self) -> None:
        """A probe now, off the UI thread (the banner's "Try now")."""
        if self.monitor is not None:
            import threading

            threading.Thread(target=self.monitor.check_now, name="connectivity-check",
                             daemon=True).start()

    def stop(self) -> None:
        if self._remove is not None:
            self._remove()
            self._remove = None
        if self.monitor is not None:
            self.monitor.stop(1.0)

    def _catch_up(self) -> None:
        if self.monitor is not None:
            self._apply(self.monitor.state)

    def _apply(self, state: object) -> None:
        if not isinstance(state, Connectivity) or state is Connectivity.UNKNOWN:
            return
        if state is self.state:
            return
        self.state = state
        log.info("connectivity shown as %s", state.value)
        self.changed.emit(state)


class OfflineBanner(QFrame):
    """The banner of one window; follows ``watch`` and hides while online."""

    def __init__(self, watch: ConnectivityWatch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offline_banner")
        self.setStyleSheet(BANNER_STYLE)
        self.watch = watch
        self.label = QLabel()
        self.label.setObjectName("offline_text")
        self.label.setWordWrap(True)
        self.retry = QPushButton(self.tr("Try now"))
        self.retry.setObjectName("offline_retry")
        self.retry.clicked.connect(watch.check_now)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.retry, 0)
        watch.changed.connect(self._update)
        self._update(watch.state)

    def _update(self, _state: object = None) -> None:
        offline = self.watch.offline
        if offline:
            text = self.tr(
                "OFFLINE — the hub cannot be reached. Cached studies can be read; reports "
                "are kept in the outbox and sent when the connection is back. Reconnecting "
                "automatically…"
            )
            taken = self.watch.snapshot_time
            if taken is not None:
                text += " " + self.tr("Worklist as of %1.").replace(
                    "%1", datetime.fromtimestamp(taken).strftime("%Y-%m-%d %H:%M"))
            self.label.setText(text)
        self.setVisible(offline)


def install_banner(window: QMainWindow, watch: ConnectivityWatch) -> OfflineBanner:
    """Put an offline banner above ``window``'s central widget (kept as it is)."""
    existing = window.findChild(OfflineBanner, "offline_banner")
    if existing is not None:
        return existing
    central = window.takeCentralWidget()
    holder = QWidget()
    holder.setObjectName("offline_banner_holder")
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    banner = OfflineBanner(watch, holder)
    layout.addWidget(banner)
    if central is not None:
        layout.addWidget(central, 1)
    window.setCentralWidget(holder)
    return banner
