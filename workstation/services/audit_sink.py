"""One process-wide slot for the session's audit sink, shared by the export and print
audits: the signed-in session connects its client trail once, and a session that ends
after the next one started leaves the newer connection alone."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

E = TypeVar("E")


class SinkSlot(Generic[E]):
    """The connected ``Callable[[E], None]``, if any, behind a lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sink: Callable[[E], None] | None = None

    def connect(self, sink: Callable[[E], None] | None) -> None:
        """Route every later event to ``sink`` (None disconnects)."""
        with self._lock:
            self._sink = sink

    def disconnect(self, sink: Callable[[E], None]) -> None:
        """Disconnect ``sink`` only if it is still the connected one."""
        with self._lock:
            if self._sink is sink:
                self._sink = None

    def target(self, explicit: Callable[[E], None] | None = None) -> Callable[[E], None] | None:
        """The caller's own sink, else the connected one, else None (log it)."""
        with self._lock:
            return explicit or self._sink
