"""Is the hub reachable? A monitor the UI listens to for its offline banner.

The monitor probes the hub's health endpoint on a background thread: every
``interval`` seconds while online, and while offline with exponential backoff and full
jitter (from ``min_backoff`` up to ``max_backoff``), so a laptop that lost its line finds
the hub again within a minute without hammering it, and a hub coming back after an
outage is not hit by every workstation at the same instant. Other services that see the
hub fail (a download, a report submission) call ``report_unreachable`` and the state
flips at once instead of at the next probe.

Listeners get the new state on every change, on the monitor's thread (or the caller's,
for ``check_now`` and the ``report_*`` calls): a UI hands it over to its own thread. The
report outbox subscribes here too and sends what it holds when the state turns ONLINE.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from enum import StrEnum

import httpx

from workstation import __version__

log = logging.getLogger(__name__)

HEALTH_PATH = "/api/v1/health"

Probe = Callable[[], bool]


class Connectivity(StrEnum):
    UNKNOWN = "unknown"  # before the first probe
    ONLINE = "online"
    OFFLINE = "offline"


Listener = Callable[[Connectivity], None]


def health_probe(base_url: str, *, timeout: float = 5.0,
                 transport: httpx.BaseTransport | None = None) -> Probe:
    """A probe that GETs the hub's health endpoint: True on HTTP 200, False on any
    network failure or error answer. Unauthenticated, so it works before sign-in."""
    client = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout, transport=transport,
                          headers={"User-Agent": f"workstation/{__version__}"})

    def probe() -> bool:
        try:
            return client.get(HEALTH_PATH).status_code == 200
        except httpx.HTTPError:
            return False

    return probe


class ConnectivityMonitor:
    """Tracks reachability of the hub and tells listeners when it changes."""

    def __init__(self, probe: Probe, *, interval: float = 30.0, min_backoff: float = 1.0,
                 max_backoff: float = 60.0, rng: random.Random | None = None) -> None:
        if interval <= 0 or min_backoff <= 0 or max_backoff < min_backoff:
            raise ValueError("intervals must be positive, max_backoff >= min_backoff")
        self._probe = probe
        self._interval = interval
        self._min_backoff = min_backoff
        self._max_backoff = max_backoff
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not a secret
        self._lock = threading.Lock()
        self._state = Connectivity.UNKNOWN
        self._listeners: list[Listener] = []
        self._failures = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> Connectivity:
        with self._lock:
            return self._state

    @property
    def online(self) -> bool:
        return self.state is Connectivity.ONLINE

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(state)`` on every change; returns a function that removes it."""
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def start(self) -> None:
        """Probe now and keep probing on a daemon thread until ``stop``."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name="connectivity", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def check_now(self) -> Connectivity:
        """Probe at once on the calling thread (a "Retry" button) and return the state."""
        self._record(self._safe_probe())
        return self.state

    def report_unreachable(self) -> None:
        """Another service failed to reach the hub: offline now, probing with backoff."""
        self._record(False)
        self._wake.set()

    def report_reachable(self) -> None:
        """Another service just talked to the hub successfully."""
        self._record(True)

    def next_delay(self) -> float:
        """Seconds until the next probe: the interval when online, else the backoff."""
        with self._lock:
            failures = self._failures
        if failures == 0:
            return self._interval
        ceiling = min(self._max_backoff, self._min_backoff * 2 ** (failures - 1))
        return self._rng.uniform(self._min_backoff, max(ceiling, self._min_backoff))

    # -- internals -----------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            self._record(self._safe_probe())
            self._wake.wait(self.next_delay())
            self._wake.clear()

    def _safe_probe(self) -> bool:
        try:
            return bool(self._probe())
        except Exception:  # a probe must never kill the monitor  # noqa: BLE001
            log.warning("connectivity probe failed unexpectedly", exc_info=True)
            return False

    def _record(self, reachable: bool) -> None:
        new = Connectivity.ONLINE if reachable else Connectivity.OFFLINE
        with self._lock:
            self._failures = 0 if reachable else self._failures + 1
            changed = new is not self._state
            self._state = new
            listeners = list(self._listeners) if changed else []
        if changed:
            log.info("hub is now %s", new.value)
        for listener in listeners:
            try:
                listener(new)
            except Exception:  # one listener's bug must not silence the others  # noqa: BLE001
                log.exception("connectivity listener failed")
