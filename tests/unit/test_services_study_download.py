"""Downloading a study into the encrypted cache, against in-memory fake hubs."""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from workstation.cache.store import EncryptedStore
from workstation.core.study import InstanceUrl
from workstation.hub.errors import HubError, HubUnreachable, NotFound, PermissionDenied, UrlExpired
from workstation.services.object_fetch import RetryPolicy
from workstation.services.study_download import StudyDownloader

TENANT = "tenant-a"
STUDY = "1.2.840.99.1"
SERIES_1 = "1.2.840.99.1.1"
SERIES_2 = "1.2.840.99.1.2"
NO_WAIT = RetryPolicy(attempts=3, base_delay=0.0, max_delay=0.0)


class AlwaysMax(random.Random):
    """Jitter that always waits the longest allowed time."""

    def uniform(self, a: float, b: float) -> float:
        return b


def make_instances(per_series: int = 5) -> dict[tuple[str, str], bytes]:
    out = {}
    for s_index, series in enumerate((SERIES_1, SERIES_2)):
        for i in range(per_series):
            sop = f"{series}.{i + 1}"
            out[(series, sop)] = f"DICM {sop} ".encode() + bytes([s_index, i]) * (100 + i)
    return out


class FakeHub:
    """Signs URLs with a generation number and serves bytes from memory."""

    def __init__(self, instances: dict[tuple[str, str], bytes]) -> None:
        self.instances = instances
        self.generation = 0
        self.listings: list[str | None] = []
        self.fetched: list[tuple[int, str]] = []  # (generation, sop)
        self.lock = threading.Lock()

    def instance_urls(self, study_uid: str, series_uid: str | None = None) -> list[InstanceUrl]:
        with self.lock:
            self.generation += 1
            self.listings.append(series_uid)
            gen = self.generation
        expires = datetime.now(UTC) + timedelta(minutes=15)
        return [
            InstanceUrl(study_uid, se, sop, f"https://objects.test/{gen}/{se}/{sop}", expires)
            for (se, sop) in self.instances
            if series_uid is None or se == series_uid
        ]

    def fetch(self, url: str) -> bytes:
        gen_text, series, sop = url.removeprefix("https://objects.test/").split("/")
        gen = int(gen_text)
        with self.lock:
            self.fetched.append((gen, sop))
        self.before_fetch(gen, sop)
        return self.instances[(series, sop)]

    def before_fetch(self, gen: int, sop: str) -> None:
        """Failure hook for the subclasses."""


@pytest.fixture
def store(tmp_path: Path):
    s = EncryptedStore(tmp_path / "cache", bytes(32))
    yield s
    s.close()


def stored(store: EncryptedStore, instances: dict[tuple[str, str], bytes]) -> dict:
    return {k: store.get(TENANT, STUDY, *k) for k in instances}


def test_downloads_every_instance_and_reports_progress(store: EncryptedStore):
    instances = make_instances()
    hub = FakeHub(instances)
    calls: list[tuple[int, int, str]] = []
    result = StudyDownloader(hub, store, TENANT, workers=4).download(
        STUDY, progress=lambda d, t: calls.append((d, t, threading.current_thread().name))
    )
    assert (result.total, result.fetched, result.cached, result.failed) == (10, 10, 0, [])
    assert result.complete
    assert stored(store, instances) == instances
    assert [(d, t) for d, t, _ in calls] == [(i, 10) for i in range(11)]
    assert all(name.startswith("study-download") for _, _, name in calls[1:])
    assert hub.listings == [None]


def test_cached_instances_are_not_fetched_again(store: EncryptedStore):
    instances = make_instances()
    hub = FakeHub(instances)
    (series, sop), data = next(iter(instances.items()))
    store.put(TENANT, STUDY, series, sop, data)
    downloader = StudyDownloader(hub, store, TENANT)

    first = downloader.download(STUDY)
    assert (first.fetched, first.cached) == (9, 1)
    assert sop not in [s for _, s in hub.fetched]

    hub.fetched.clear()
    progress: list[tuple[int, int]] = []
    second = downloader.download(STUDY, progress=lambda d, t: progress.append((d, t)))
    assert (second.total, second.fetched, second.cached) == (10, 0, 10)
    assert hub.fetched == []
    assert progress == [(10, 10)]


def test_requested_series_goes_first(store: EncryptedStore):
    hub = FakeHub(make_instances())
    StudyDownloader(hub, store, TENANT, workers=1).download(STUDY, SERIES_2)
    order = [sop for _, sop in hub.fetched]
    assert all(s.startswith(SERIES_2) for s in order[:5])
    assert all(s.startswith(SERIES_1) for s in order[5:])


def test_series_only_fetches_just_that_series(store: EncryptedStore):
    instances = make_instances()
    hub = FakeHub(instances)
    result = StudyDownloader(hub, store, TENANT).download(STUDY, SERIES_1, series_only=True)
    assert (result.total, result.fetched) == (5, 5)
    assert hub.listings == [SERIES_1]
    assert sorted(store.list_instances(TENANT, STUDY)) == sorted(
        k for k in instances if k[0] == SERIES_1
    )


def test_expired_urls_are_renewed_once_and_retried(store: EncryptedStore):
    class ExpiringHub(FakeHub):
        def before_fetch(self, gen: int, sop: str) -> None:
            if gen == 1 and sop.endswith((".2", ".4")):
                raise UrlExpired("url_expired", status=403)

    instances = make_instances()
    hub = ExpiringHub(instances)
    result = StudyDownloader(hub, store, TENANT, workers=4).download(STUDY)
    assert (result.fetched, result.failed) == (10, [])
    assert stored(store, instances) == instances
    assert hub.listings == [None, None]  # the first listing plus exactly one renewal
    refused = {sop for gen, sop in hub.fetched if gen == 1 and sop.endswith((".2", ".4"))}
    assert refused  # at least one instance met an expired URL
    assert refused <= {sop for gen, sop in hub.fetched if gen == 2}
    # queued instances pick up the renewed URLs: one extra fetch per refused instance only
    assert len(hub.fetched) == len(instances) + len(refused)


def test_urls_that_stay_expired_fail_without_looping(store: EncryptedStore):
    class DeadHub(FakeHub):
        def before_fetch(self, gen: int, sop: str) -> None:
            if sop == f"{SERIES_1}.3":
                raise UrlExpired("url_expired", status=403)

    hub = DeadHub(make_instances())
    once = RetryPolicy(max_renewals=1)
    result = StudyDownloader(hub, store, TENANT, workers=3, retry=once).download(STUDY)
    assert result.failed == [f"{SERIES_1}.3"]
    assert result.fetched == 9 and not result.complete
    assert len(hub.listings) == 2
    assert [s for _, s in hub.fetched].count(f"{SERIES_1}.3") == 2
    assert not store.has(TENANT, STUDY, SERIES_1, f"{SERIES_1}.3")


def test_transient_failures_are_retried(store: EncryptedStore):
    class FlakyHub(FakeHub):
        def __init__(self, instances):
            super().__init__(instances)
            self.failures: dict[str, int] = {}

        def before_fetch(self, gen: int, sop: str) -> None:
            with self.lock:
                n = self.failures.get(sop, 0)
                self.failures[sop] = n + 1
            if n < 2:
                raise HubUnreachable() if n == 0 else HubError("server_error", status=503)

    instances = make_instances(3)
    hub = FlakyHub(instances)
    result = StudyDownloader(hub, store, TENANT, retry=NO_WAIT).download(STUDY)
    assert (result.fetched, result.failed) == (6, [])
    assert stored(store, instances) == instances
    assert all(n == 3 for n in hub.failures.values())


def test_permanent_failures_are_not_retried_and_exhausted_retries_fail(store: EncryptedStore):
    class BrokenHub(FakeHub):
        def before_fetch(self, gen: int, sop: str) -> None:
            if sop == f"{SERIES_1}.1":
                raise NotFound("not_found", status=404)
            if sop == f"{SERIES_1}.2":
                raise HubUnreachable()

    hub = BrokenHub(make_instances(3))
    result = StudyDownloader(hub, store, TENANT, retry=NO_WAIT).download(STUDY)
    assert sorted(result.failed) == [f"{SERIES_1}.1", f"{SERIES_1}.2"]
    assert result.fetched == 4
    sops = [s for _, s in hub.fetched]
    assert sops.count(f"{SERIES_1}.1") == 1
    assert sops.count(f"{SERIES_1}.2") == 1 + NO_WAIT.attempts


def test_listing_failure_is_raised(store: EncryptedStore):
    class Refusing(FakeHub):
        def instance_urls(self, study_uid, series_uid=None):
            raise PermissionDenied("forbidden", status=403)

    with pytest.raises(PermissionDenied):
        StudyDownloader(Refusing({}), store, TENANT).download(STUDY)


def test_cancel_stops_before_the_remaining_instances(store: EncryptedStore):
    hub = FakeHub(make_instances())
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done == 3:
            cancel.set()

    result = StudyDownloader(hub, store, TENANT, workers=1).download(
        STUDY, progress=progress, cancel=cancel
    )
    assert result.cancelled and not result.complete
    assert (result.fetched, result.failed) == (3, [])
    assert len(hub.fetched) == 3
    assert len(store.list_instances(TENANT, STUDY)) == 3


def test_cancel_cuts_retry_waits_short(store: EncryptedStore):
    class Down(FakeHub):
        def before_fetch(self, gen: int, sop: str) -> None:
            raise HubUnreachable()

    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    started = time.monotonic()
    slow = RetryPolicy(attempts=1, base_delay=30.0, max_delay=30.0)
    result = StudyDownloader(Down(make_instances(2)), store, TENANT, retry=slow,
                             rng=AlwaysMax()).download(STUDY, cancel=cancel)
    assert time.monotonic() - started < 5.0
    assert result.cancelled and result.fetched == 0 and result.failed == []


def test_already_cancelled_fetches_nothing(store: EncryptedStore):
    hub = FakeHub(make_instances())
    cancel = threading.Event()
    cancel.set()
    result = StudyDownloader(hub, store, TENANT).download(STUDY, cancel=cancel)
    assert result.cancelled and hub.fetched == [] and hub.listings == []
