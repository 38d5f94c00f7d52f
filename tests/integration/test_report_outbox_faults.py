"""Fault test of the outbox against a live demo hub: 100 submissions through drops, 5xx
answers, offline periods and workstation crashes → exactly 100 reports in the hub's SQLite,
none lost, none doubled.

Failures are injected in the HTTP transport, some *before* the request reaches the hub
(nothing stored) and some *after* it was forwarded (the hub stored the report but the
answer is lost) - the case only the idempotency key makes safe."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import httpx
import pytest
from test_hub_dataset import FakeClock, signed_in, start_live_hub

from workstation.cache.store import EncryptedStore
from workstation.core.report import ReportDraft, ReportKind
from workstation.demohub.accounts import DEMO_READER
from workstation.services.outbox import Backoff, Outbox, OutboxState

KEY = bytes(range(32))
SUBMISSIONS = 100


class Crash(BaseException):
    """The workstation process dies after the request left."""


class FaultyTransport(httpx.BaseTransport):
    """Forwards to the hub, failing report submissions in every way a network can."""

    def __init__(self, seed: int) -> None:
        self._inner = httpx.HTTPTransport()
        self._rng = random.Random(seed)
        self.requests = 0
        self.faults: dict[str, int] = {}
        self.crashes_left = 3
        self.offline_left = 0

    def _count(self, name: str) -> None:
        self.faults[name] = self.faults.get(name, 0) + 1

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method != "POST" or not request.url.path.endswith("/reports"):
            return self._inner.handle_request(request)
        self.requests += 1
        if self.offline_left == 0 and self._rng.random() < 0.04:
            self.offline_left = self._rng.randint(3, 8)  # the line goes down for a while
        if self.offline_left:
            self.offline_left -= 1
            self._count("offline")
            raise httpx.ConnectError("network is unreachable", request=request)
        roll = self._rng.random()
        if roll < 0.08:
            self._count("drop_before")
            raise httpx.ConnectError("connection reset", request=request)
        if roll < 0.16:
            self._count("503_before")
            return httpx.Response(503, json={"error": "unavailable"}, request=request)
        response = self._inner.handle_request(request)
        response.read()
        if roll < 0.26:
            self._count("timeout_after")
            raise httpx.ReadTimeout("answer lost", request=request)
        if roll < 0.34:
            self._count("500_after")
            return httpx.Response(500, json={"error": "internal"}, request=request)
        if roll < 0.37 and self.crashes_left:
            self.crashes_left -= 1
            self._count("crash_after")
            raise Crash
        return response

    def close(self) -> None:
        self._inner.close()


@pytest.fixture
def live(tmp_path: Path):
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path, clock)
    yield hub, demo, clock
    hub.stop()


def _open(cache: Path, client) -> Outbox:
    store = EncryptedStore(cache, KEY)  # a fresh instance, as after a restart
    return Outbox(store.records, client, backoff=Backoff(base=0.001, cap=0.002))


def test_hundred_submissions_land_exactly_once(live, tmp_path: Path) -> None:
    hub, demo, clock = live
    transport = FaultyTransport(seed=20261122)
    client = signed_in(hub.base_url, DEMO_READER, clock, transport=transport, timeout=10.0)
    studies = sorted(demo.uids.values())
    cache = tmp_path / "cache"
    outbox = _open(cache, client)
    keys = []
    for n in range(SUBMISSIONS):
        draft = ReportDraft(studies[n % len(studies)], f"Findings number {n}: çğıİöşü",
                            f"Impression {n}", ReportKind.PRELIMINARY)
        keys.append(outbox.enqueue(draft).entry_id)
    restarts = 0
    for _ in range(2000):
        if outbox.counts()[OutboxState.PENDING] == 0:
            break
        try:
            outbox.flush(force=True)
        except Crash:
            restarts += 1
            outbox = _open(cache, client)
    client.close()

    counts = outbox.counts()
    assert counts[OutboxState.SENT] == SUBMISSIONS, counts
    with sqlite3.connect(hub.db_path) as conn:
        rows = conn.execute("SELECT idempotency_key, findings FROM reports").fetchall()
    assert len(rows) == SUBMISSIONS
    assert sorted(k for k, _ in rows) == sorted(keys)
    assert {f for _, f in rows} == {f"Findings number {n}: çğıİöşü" for n in range(SUBMISSIONS)}
    report_ids = {e.report_id for e in outbox.entries()}
    assert len(report_ids) == SUBMISSIONS
    # every kind of fault really happened, including answers lost after the hub stored
    assert restarts == 3
    assert {"offline", "drop_before", "503_before", "timeout_after", "500_after",
            "crash_after"} <= set(transport.faults), transport.faults
