"""The download queue's order, re-prioritisation, cancellation, pins and progress reports."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workstation.cache.store import EncryptedStore
from workstation.core.study import (
    InstanceRef,
    InstanceUrl,
    Priority,
    SeriesRef,
    StudyDetail,
    StudyStatus,
    WorklistItem,
)
from workstation.hub.errors import HubUnreachable
from workstation.services.download_jobs import DownloadProgress, Tier
from workstation.services.download_queue import DownloadQueue
from workstation.services.object_fetch import RetryPolicy
from workstation.services.prefetch import next_to_prefetch, prior_studies

TENANT = "tenant-a"
NO_WAIT = RetryPolicy(attempts=2, base_delay=0.0, max_delay=0.0)


def body(study: str, series: str, sop: str) -> bytes:
    return f"{study}|{series}|{sop}".encode() * 3


class Hub:
    """Lists ``studies`` (study -> series -> count) and serves their bytes from memory."""

    def __init__(self, studies: dict[str, dict[str, int]]) -> None:
        self.studies = studies
        self.fetched: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()
        self.gates: dict[str, threading.Event] = {}  # listing or fetch of a study waits
        self.list_failures: dict[str, Exception] = {}

    def instance_urls(self, study_uid: str, series_uid: str | None = None) -> list[InstanceUrl]:
        gate = self.gates.get(f"list:{study_uid}")
        if gate is not None:
            gate.wait(10)
        if study_uid in self.list_failures:
            raise self.list_failures[study_uid]
        later = datetime.now(UTC) + timedelta(minutes=5)
        return [InstanceUrl(study_uid, series, f"{series}.{i}",
                            f"mem://{study_uid}/{series}/{series}.{i}", later)
                for series, count in self.studies[study_uid].items()
                if series_uid in (None, series) for i in range(count)]

    def fetch(self, url: str, received: bytearray, cancel=None) -> bytearray:
        study, series, sop = url.removeprefix("mem://").split("/")
        gate = self.gates.get(f"fetch:{study}")
        if gate is not None:
            gate.wait(10)
        with self.lock:
            self.fetched.append((study, series, sop))
        return bytearray(body(study, series, sop))


@pytest.fixture
def store(tmp_path: Path):
    s = EncryptedStore(tmp_path / "cache", bytes(range(32)))
    yield s
    s.close()


def make_queue(hub: Hub, store: EncryptedStore, **kwargs) -> DownloadQueue:
    return DownloadQueue(hub, store, hub, retry=NO_WAIT, **kwargs)


def positions(fetched, study: str, series: str) -> list[int]:
    return [int(sop.rsplit(".", 1)[1]) for st, se, sop in fetched if st == study and se == series]


def test_viewed_series_comes_first_nearest_the_viewed_slice(store):
    hub = Hub({"S": {"A": 10, "B": 10}})
    queue = make_queue(hub, store, connections=1)
    result = queue.open_study(TENANT, "S", series_uid="B", around=5).wait(10)
    queue.shutdown()
    assert result is not None and result.complete
    assert [se for _, se, _ in hub.fetched] == ["B"] * 10 + ["A"] * 10
    assert positions(hub.fetched, "S", "B") == [5, 6, 4, 7, 3, 8, 2, 9, 1, 0]
    assert positions(hub.fetched, "S", "A") == list(range(10))
    for _, se, sop in hub.fetched:
        assert store.get(TENANT, "S", se, sop) == body("S", se, sop)


def test_focus_follows_the_reader_while_the_download_runs(store):
    hub = Hub({"S": {"A": 10, "B": 10}})
    hub.gates["fetch:S"] = gate = threading.Event()
    queue = make_queue(hub, store, connections=1)
    job = queue.open_study(TENANT, "S", series_uid="B", around=5)
    queue.focus(TENANT, "S", "A", "A.8")  # the reader switched series, by SOP UID
    gate.set()
    result = job.wait(10)
    queue.shutdown()
    assert result is not None and result.complete
    order = [(se, int(sop.rsplit(".", 1)[1])) for _, se, sop in hub.fetched]
    # The fetch already started (B5, or A8 if the focus won the race) finishes; then A
    # around slice 8, then the rest of B in study order.
    rest = order[1:] if order[0] == ("B", 5) else order
    assert rest[:10] == [("A", k) for k in (8, 9, 7, 6, 5, 4, 3, 2, 1, 0)]
    assert [k for se, k in rest[10:]] == sorted(k for se, k in rest[10:])


def test_display_order_from_the_study_detail_decides_around_which_slice(store):
    hub = Hub({"S": {"A": 6}})
    refs = tuple(InstanceRef(f"A.{i}", 6 - i) for i in range(6))  # reversed numbering
    detail = StudyDetail(item=item("S"), series=(SeriesRef("A", 1, "CT", "", refs),))
    queue = make_queue(hub, store, connections=1)
    queue.open_study(TENANT, "S", detail=detail, series_uid="A", around=0).wait(10)
    queue.shutdown()
    assert positions(hub.fetched, "S", "A") == [5, 4, 3, 2, 1, 0]


def test_open_study_then_priors_then_prefetch(store):
    hub = Hub({"P": {"X": 3}, "R": {"Y": 3}, "S": {"Z": 3}})
    hub.gates["list:P"] = gate = threading.Event()
    queue = make_queue(hub, store, connections=1)
    prefetch = queue.prefetch([(TENANT, "P")])  # the only worker now waits on P's listing
    priors = queue.add_priors([(TENANT, "R")])
    opened = queue.open_study(TENANT, "S")
    gate.set()
    results = [j.wait(10) for j in (*prefetch, *priors, opened)]
    queue.shutdown()
    assert all(r is not None and r.complete for r in results)
    assert [st for st, _, _ in hub.fetched] == ["S"] * 3 + ["R"] * 3 + ["P"] * 3


def test_opening_a_prefetched_study_promotes_and_pins_it(store):
    hub = Hub({"P": {"X": 2}})
    hub.gates["fetch:P"] = gate = threading.Event()
    queue = make_queue(hub, store, connections=1)
    (job,) = queue.prefetch([(TENANT, "P")])
    assert job.tier is Tier.PREFETCH and not store.is_pinned(TENANT, "P")
    assert queue.open_study(TENANT, "P") is job
    assert job.tier is Tier.STUDY and store.is_pinned(TENANT, "P")
    gate.set()
    assert job.wait(10).complete
    queue.close_study(TENANT, "P")
    assert not store.is_pinned(TENANT, "P")
    queue.shutdown()


def test_a_new_prefetch_list_cancels_studies_left_out(store):
    hub = Hub({"P1": {"X": 4}, "P2": {"Y": 2}})
    hub.gates["fetch:P1"] = gate = threading.Event()
    queue = make_queue(hub, store, connections=1)
    first, second = queue.prefetch([(TENANT, "P1"), (TENANT, "P2")])
    queue.prefetch([(TENANT, "P2")])
    gate.set()
    dropped, kept = first.wait(10), second.wait(10)
    queue.shutdown()
    assert dropped is not None and dropped.cancelled and dropped.fetched <= 1
    assert kept is not None and kept.complete


def test_closing_a_study_cancels_it_and_unpins_it(store):
    hub = Hub({"S": {"A": 8}})
    hub.gates["fetch:S"] = gate = threading.Event()
    queue = make_queue(hub, store, connections=2)
    job = queue.open_study(TENANT, "S", series_uid="A")
    assert store.is_pinned(TENANT, "S")
    queue.close_study(TENANT, "S")
    gate.set()
    result = job.wait(10)
    queue.shutdown()
    assert result is not None and result.cancelled and not result.complete
    assert result.fetched <= 2 and len(hub.fetched) <= 2  # only what was already in flight
    assert not store.is_pinned(TENANT, "S")


def test_progress_per_series_and_per_study(store):
    hub = Hub({"S": {"A": 5, "B": 7}})
    store.put(TENANT, "S", "B", "B.0", body("S", "B", "B.0"))  # already cached
    events: list[DownloadProgress] = []
    finished = []
    queue = make_queue(hub, store, connections=3, on_progress=events.append,
                       on_finished=lambda job, result: finished.append(result))
    result = queue.open_study(TENANT, "S", series_uid="A").wait(10)
    queue.shutdown()
    assert result is not None and (result.total, result.fetched, result.cached) == (12, 11, 1)
    assert finished == [result]
    assert events[0].series_uid is None and (events[0].study_done, events[0].study_total) == (1, 12)
    assert [e.study_done for e in events] == list(range(1, 13))  # one report per instance
    for series, total in (("A", 5), ("B", 7)):
        mine = [e for e in events if e.series_uid == series]
        assert all(e.series_total == total for e in mine)
        first_done = 1 if series == "B" else 0
        assert [e.series_done for e in mine] == list(range(first_done + 1, total + 1))
    assert ("S", "B", "B.0") not in hub.fetched
    assert queue.job(TENANT, "S") is None


def test_a_listing_failure_finishes_the_job_with_the_error(store):
    hub = Hub({"S": {"A": 2}})
    hub.list_failures["S"] = HubUnreachable()
    queue = make_queue(hub, store, connections=1)
    result = queue.open_study(TENANT, "S").wait(10)
    queue.shutdown()
    assert result is not None and isinstance(result.listing_error, HubUnreachable)
    assert not result.complete and not result.cancelled and hub.fetched == []


def item(uid: str, status: StudyStatus = StudyStatus.UNREAD, tenant: str = TENANT) -> WorklistItem:
    return WorklistItem(uid, "", "", "", "", None, "CT", "", None, tenant, "", Priority.ROUTINE,
                        status)


def test_next_to_prefetch_and_priors():
    worklist = [item("a"), item("b", StudyStatus.FINAL), item("c"), item("d"), item("e")]
    assert next_to_prefetch(worklist, "a", 2) == [(TENANT, "c"), (TENANT, "d")]
    assert next_to_prefetch(worklist, "unknown", 1) == [(TENANT, "a")]
    assert next_to_prefetch(worklist, "e", 3) == []
    detail = StudyDetail(item=item("a"), priors=(item("old", tenant="t2"), item("a")))
    assert prior_studies(detail) == [("t2", "old")]
