"""A whole study arrives intact through a hostile network.

The object server here is real HTTP/1.1 on a loopback socket. It drops connections in the
middle of bodies, answers bursts of 503 and expires every URL it handed out early (well
before the ``expires_at`` it announced). The download queue must still complete the
study, with every cached object byte-identical to the source.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from workstation.cache.store import EncryptedStore
from workstation.core.study import InstanceUrl
from workstation.services.download_queue import DownloadQueue
from workstation.services.object_fetch import RetryPolicy
from workstation.services.object_http import HttpObjectFetcher

TENANT = "tenant-a"
STUDY = "1.2.826.0.1.3680043.8.498.77"
SERIES = [f"{STUDY}.{n}" for n in (1, 2)]
# The plan below is far harsher than any network: every 9th body kills every URL in
# flight and 3 of every 7 requests fail. How often one instance is hit depends on how the
# 4 connections interleave, so the per-instance budgets are set above what the plan can
# exhaust; that the budgets themselves stop a hopeless fetch is tested in
# test_services_study_download.py and test_services_object_fetch.py.
FAST = RetryPolicy(attempts=16, base_delay=0.001, max_delay=0.01, max_renewals=24)


def make_objects(per_series: int = 18) -> dict[tuple[str, str], bytes]:
    """Distinct, incompressible-looking bodies of 40-120 kB, starting like DICOM files."""
    objects = {}
    for s, series in enumerate(SERIES):
        for i in range(per_series):
            seed = hashlib.sha256(f"{s}/{i}".encode()).digest()
            body = (seed * ((40_000 + 4_000 * i) // 32 + 1))[: 40_000 + 4_000 * i]
            objects[(series, f"{series}.{i + 1}")] = b"\x00" * 128 + b"DICM" + body
    return objects


class FaultPlan:
    """Deterministic faults, counted so that the test can check they really happened."""

    def __init__(self, *, drop_every: int = 3, burst_every: int = 7, burst: int = 3,
                 expire_every: int = 9, ignore_range_every: int = 5) -> None:
        self.lock = threading.Lock()
        self.generation = 1
        self.requests = 0
        self.bodies = 0
        self.burst_left = 0
        self.drop_every, self.burst_every, self.burst = drop_every, burst_every, burst
        self.expire_every, self.ignore_range_every = expire_every, ignore_range_every
        self.seen = {"drops": 0, "5xx": 0, "expired": 0, "ranges": 0, "range_ignored": 0,
                     "served": 0}

    def decide(self, generation: int, ranged: bool) -> str:
        """One of: expired, 5xx, drop, ignore_range, serve."""
        with self.lock:
            self.requests += 1
            if generation < self.generation:
                self.seen["expired"] += 1
                return "expired"
            if self.burst_left:
                self.burst_left -= 1
                self.seen["5xx"] += 1
                return "5xx"
            if self.requests % self.burst_every == 0:
                self.burst_left = self.burst - 1
                self.seen["5xx"] += 1
                return "5xx"
            self.bodies += 1
            if self.bodies % self.expire_every == 0:
                self.generation += 1  # every URL out there dies now, long before expires_at
            if ranged:
                self.seen["ranges"] += 1
                if self.bodies % self.ignore_range_every == 0:
                    self.seen["range_ignored"] += 1
                    return "ignore_range"
            if self.bodies % self.drop_every == 0:
                self.seen["drops"] += 1
                return "drop"
            self.seen["served"] += 1
            return "serve"


def start_server(objects: dict[tuple[str, str], bytes], plan: FaultPlan):
    by_path = {f"{series}/{sop}": data for (series, sop), data in objects.items()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep the test output clean
            return

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            _, _, generation, rest = self.path.split("/", 3)
            data = by_path[rest]
            header = self.headers.get("Range")
            first = int(header.removeprefix("bytes=").rstrip("-")) if header else 0
            action = plan.decide(int(generation), header is not None)
            if action == "expired":
                return self._json(403, {"error": "url_expired", "message": "expired"})
            if action == "5xx":
                return self._json(503, {"error": "unavailable", "message": "busy"})
            if action == "ignore_range":
                first, header = 0, None
            body = data[first:]
            self.send_response(206 if header else 200)
            self.send_header("Content-Type", "application/dicom")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Accept-Ranges", "bytes")
            if header:
                self.send_header("Content-Range", f"bytes {first}-{len(data) - 1}/{len(data)}")
            self.end_headers()
            if action == "drop":
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return
            self.wfile.write(body)

        def _json(self, status: int, payload: dict) -> None:
            raw = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    return server


class Lister:
    """The hub side: lists URLs of the server's current generation."""

    def __init__(self, objects, plan: FaultPlan, port: int) -> None:
        self.objects, self.plan, self.port = objects, plan, port
        self.listings = 0

    def instance_urls(self, study_uid: str, series_uid: str | None = None) -> list[InstanceUrl]:
        with self.plan.lock:
            self.listings += 1
            generation = self.plan.generation
        later = datetime.now(UTC) + timedelta(hours=1)
        return [
            InstanceUrl(study_uid, series, sop,
                        f"http://127.0.0.1:{self.port}/o/{generation}/{series}/{sop}", later,
                        size=len(data))
            for (series, sop), data in self.objects.items()
            if series_uid is None or series == series_uid
        ]


@pytest.fixture
def store(tmp_path: Path):
    s = EncryptedStore(tmp_path / "cache", bytes(range(32)))
    yield s
    s.close()


def run_download(objects, plan: FaultPlan, store: EncryptedStore, connections: int = 4):
    server = start_server(objects, plan)
    lister = Lister(objects, plan, server.server_address[1])
    fetcher = HttpObjectFetcher(connections=connections, timeout=10.0)
    queue = DownloadQueue(lister, store, fetcher, connections=connections, retry=FAST)
    try:
        job = queue.open_study(TENANT, STUDY, series_uid=SERIES[1], around=5)
        result = job.wait(timeout=60)
    finally:
        queue.shutdown()
        fetcher.close()
        server.shutdown()
        server.server_close()
    return result, lister


def test_study_completes_byte_identical_despite_drops_bursts_and_early_expiry(store):
    objects = make_objects()
    plan = FaultPlan()
    result, lister = run_download(objects, plan, store)

    assert result is not None and result.complete, result
    assert (result.total, result.fetched, result.failed) == (len(objects), len(objects), [])
    for (series, sop), data in objects.items():
        assert store.get(TENANT, STUDY, series, sop) == data
    seen = plan.seen
    assert seen["drops"] >= 3, seen  # connections were dropped mid-body ...
    assert seen["ranges"] >= 3, seen  # ... and resumed with Range
    assert seen["range_ignored"] >= 1, seen  # a 200 to a Range request restarts cleanly
    assert seen["5xx"] >= 3, seen
    assert seen["expired"] >= 1 and lister.listings >= 2, (seen, lister.listings)


def test_partial_bytes_never_reach_the_disk(store):
    """Only complete objects are written; nothing on disk holds a DICOM preamble."""
    objects = make_objects(per_series=6)
    result, _ = run_download(objects, FaultPlan(drop_every=2, burst_every=50), store)
    assert result is not None and result.complete
    for path in store.root.rglob("*"):
        if path.is_file():
            assert b"DICM" not in path.read_bytes(), path.name
    sizes = {series: 0 for series in SERIES}
    for series, _sop in store.list_instances(TENANT, STUDY):
        sizes[series] += 1
    assert sizes == {SERIES[0]: 6, SERIES[1]: 6}
