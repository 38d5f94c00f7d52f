"""The connectivity monitor: state changes, backoff while offline, reconnecting by itself."""

from __future__ import annotations

import random
import threading

import httpx
import pytest

from workstation.services.connectivity import (
    HEALTH_PATH,
    Connectivity,
    ConnectivityMonitor,
    health_probe,
)


class Top(random.Random):
    def uniform(self, a: float, b: float) -> float:
        return b


class Switch:
    """A probe whose answer the test flips; counts calls and wakes waiters."""

    def __init__(self, up: bool) -> None:
        self.up = up
        self.calls = 0
        self.called = threading.Condition()

    def __call__(self) -> bool:
        with self.called:
            self.calls += 1
            self.called.notify_all()
        return self.up

    def wait_calls(self, n: int) -> None:
        with self.called:
            assert self.called.wait_for(lambda: self.calls >= n, timeout=10)


def test_listeners_hear_each_change_once():
    probe = Switch(up=True)
    monitor = ConnectivityMonitor(probe)
    heard: list[Connectivity] = []
    remove = monitor.add_listener(heard.append)
    assert monitor.state is Connectivity.UNKNOWN
    assert monitor.check_now() is Connectivity.ONLINE
    monitor.check_now()
    probe.up = False
    assert monitor.check_now() is Connectivity.OFFLINE
    monitor.report_reachable()
    remove()
    monitor.report_unreachable()
    assert heard == [Connectivity.ONLINE, Connectivity.OFFLINE, Connectivity.ONLINE]
    assert monitor.state is Connectivity.OFFLINE


def test_backoff_grows_while_offline_and_resets_online():
    probe = Switch(up=False)
    monitor = ConnectivityMonitor(probe, interval=30, min_backoff=1, max_backoff=16, rng=Top())
    assert monitor.next_delay() == 30
    delays = []
    for _ in range(7):
        monitor.check_now()
        delays.append(monitor.next_delay())
    assert delays == [1, 2, 4, 8, 16, 16, 16]
    probe.up = True
    monitor.check_now()
    assert monitor.next_delay() == 30
    jittered = ConnectivityMonitor(probe, min_backoff=1, max_backoff=16, rng=random.Random(3))
    jittered.report_unreachable()
    jittered.report_unreachable()
    jittered.report_unreachable()
    assert all(1 <= jittered.next_delay() <= 4 for _ in range(50))


def test_the_monitor_reconnects_by_itself():
    probe = Switch(up=False)
    monitor = ConnectivityMonitor(probe, interval=60, min_backoff=0.01, max_backoff=0.02)
    online = threading.Event()
    monitor.add_listener(lambda state: state is Connectivity.ONLINE and online.set())
    monitor.start()
    try:
        probe.wait_calls(3)  # probing again and again while offline
        assert monitor.state is Connectivity.OFFLINE
        probe.up = True
        assert online.wait(10)
    finally:
        monitor.stop()
    assert monitor.online


def test_a_reported_failure_wakes_the_monitor_at_once():
    probe = Switch(up=True)
    monitor = ConnectivityMonitor(probe, interval=3600, min_backoff=0.01, max_backoff=0.01)
    monitor.start()
    try:
        probe.wait_calls(1)
        monitor.report_unreachable()  # e.g. a download met HubUnreachable
        probe.wait_calls(2)  # probed again without waiting an hour
    finally:
        monitor.stop()
    assert monitor.state is Connectivity.ONLINE


def test_a_failing_listener_or_probe_does_not_stop_the_others():
    def broken_probe() -> bool:
        raise RuntimeError("bug")

    monitor = ConnectivityMonitor(broken_probe)
    heard = []
    monitor.add_listener(lambda s: 1 / 0)
    monitor.add_listener(heard.append)
    assert monitor.check_now() is Connectivity.OFFLINE
    assert heard == [Connectivity.OFFLINE]


@pytest.mark.parametrize(("answer", "up"), [(200, True), (503, False), (None, False)])
def test_health_probe(answer, up):
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == HEALTH_PATH and "authorization" not in request.headers
        if answer is None:
            raise httpx.ConnectError("refused")
        return httpx.Response(answer, json={"status": "ok"})

    probe = health_probe("http://hub.test/", transport=httpx.MockTransport(handler))
    assert probe() is up


def test_invalid_intervals_are_refused():
    with pytest.raises(ValueError):
        ConnectivityMonitor(lambda: True, min_backoff=5, max_backoff=1)
