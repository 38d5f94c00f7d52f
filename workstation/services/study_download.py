"""Download a study from the hub into the encrypted cache.

The reader wants the series they clicked on screen first, so that series is fetched
before the rest of the study. Instances already in the cache are never fetched again.
Fetches run in a small thread pool: each instance is a separate object-store request
whose latency, not bandwidth, dominates.

Pre-signed URLs expire. When a fetch is refused as expired, the first worker to notice
asks the hub once for fresh URLs for the whole scope; every other worker then picks the
fresh URL up from the shared book instead of asking again. Transient failures (hub
unreachable, 5xx, 429) are retried a few times with a short backoff; anything else (not
found, forbidden, session expired) fails that instance at once.

Nothing here logs UIDs: they identify a patient's examination (KVKK/GDPR personal data).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol, TypeVar

from workstation.cache.store import EncryptedStore
from workstation.core.study import InstanceUrl
from workstation.hub.errors import HubError, UrlExpired
from workstation.services.hub_failures import is_transient

log = logging.getLogger(__name__)

T = TypeVar("T")
Progress = Callable[[int, int], None]
_Key = tuple[str, str]  # (series UID, SOP instance UID)

DEFAULT_RETRY_DELAYS = (0.25, 0.75, 2.0)


class InstanceSource(Protocol):
    """What the downloader needs from the hub client."""

    def instance_urls(self, study_uid: str, series_uid: str | None = None) -> list[InstanceUrl]: ...

    def fetch(self, url: str) -> bytes: ...


@dataclass(frozen=True, slots=True)
class DownloadResult:
    """Counts of one download. ``failed`` holds SOP instance UIDs (for the UI and a retry,
    never for logs). When ``cancelled``, instances not yet attempted are in no count."""

    total: int
    fetched: int
    cached: int
    failed: list[str] = field(default_factory=list)
    cancelled: bool = False

    @property
    def complete(self) -> bool:
        return not self.cancelled and not self.failed and self.fetched + self.cached == self.total


class _Outcome(Enum):
    FETCHED = "fetched"
    FAILED = "failed"
    CANCELLED = "cancelled"


class _UrlBook:
    """The current URL of every instance, renewed at most once per expiry wave."""

    def __init__(
        self, urls: Sequence[InstanceUrl], renew: Callable[[], list[InstanceUrl] | None]
    ) -> None:
        self._lock = threading.Lock()
        self._renew = renew
        self._urls = {(u.series_uid, u.sop_instance_uid): u for u in urls}
        self._generation = 0

    def current(self, key: _Key) -> tuple[InstanceUrl | None, int]:
        with self._lock:
            return self._urls.get(key), self._generation

    def renew(self, seen_generation: int) -> None:
        """Ask for fresh URLs unless another worker already did after ``seen_generation``.
        The lock is held during the request so no worker fetches with a stale URL.
        ``renew`` returning ``None`` (cancelled) leaves the book as it was."""
        with self._lock:
            if self._generation != seen_generation:
                return
            fresh = self._renew()
            if fresh is None:
                return
            self._urls.update({(u.series_uid, u.sop_instance_uid): u for u in fresh})
            self._generation += 1


class _Counter:
    """Serialises progress reports so the (done, total) pairs a caller sees only grow."""

    def __init__(self, done: int, total: int, progress: Progress | None) -> None:
        self._lock = threading.Lock()
        self.done = done
        self.total = total
        self._progress = progress
        self._report()

    def step(self) -> None:
        with self._lock:
            self.done += 1
            self._report()

    def _report(self) -> None:
        if self._progress is not None:
            self._progress(self.done, self.total)


class StudyDownloader:
    """Fills the encrypted cache with a study's instances for one tenant."""

    def __init__(
        self,
        source: InstanceSource,
        store: EncryptedStore,
        tenant: str,
        *,
        workers: int = 6,
        retry_delays: Sequence[float] = DEFAULT_RETRY_DELAYS,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self._source = source
        self._store = store
        self._tenant = tenant
        self._workers = workers
        self._delays = tuple(retry_delays)

    def download(
        self,
        study_uid: str,
        series_uid: str | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        *,
        series_only: bool = False,
    ) -> DownloadResult:
        """Fetch every instance of the study that is not cached yet.

        With ``series_uid`` that series goes first; with ``series_only`` as well, nothing
        else is fetched. ``progress(done, total)`` is called once before the first fetch
        and after every instance, from worker threads - a UI must marshal it to its own
        thread. Setting ``cancel`` stops the download promptly: queued instances are not
        started and retry waits are cut short. Listing failures raise ``HubError``.
        """
        cancel = cancel if cancel is not None else threading.Event()
        scope = series_uid if series_only else None

        def list_urls() -> list[InstanceUrl] | None:
            return self._with_retries(lambda: self._source.instance_urls(study_uid, scope), cancel)

        listing = list_urls()
        if listing is None:
            return DownloadResult(0, 0, 0, cancelled=True)
        plan = self._plan(listing, series_uid)
        pending = [u for u in plan if not self._is_cached(study_uid, u)]
        cached = len(plan) - len(pending)
        counter = _Counter(cached, len(plan), progress)
        if not pending or cancel.is_set():
            return DownloadResult(len(plan), 0, cached, cancelled=cancel.is_set() and bool(pending))

        book = _UrlBook(pending, list_urls)
        with ThreadPoolExecutor(self._workers, thread_name_prefix="study-download") as pool:
            futures = [
                pool.submit(
                    self._fetch_one,
                    study_uid,
                    (u.series_uid, u.sop_instance_uid),
                    book,
                    counter,
                    cancel,
                )
                for u in pending
            ]
            outcomes = [f.result() for f in futures]

        failed = [
            u.sop_instance_uid
            for u, o in zip(pending, outcomes, strict=True)
            if o is _Outcome.FAILED
        ]
        fetched = sum(o is _Outcome.FETCHED for o in outcomes)
        was_cancelled = any(o is _Outcome.CANCELLED for o in outcomes)
        if failed:
            log.warning("study download: %d of %d instances failed", len(failed), len(plan))
        log.info(
            "study download: %d fetched, %d cached, %d failed%s",
            fetched,
            cached,
            len(failed),
            ", cancelled" if was_cancelled else "",
        )
        return DownloadResult(len(plan), fetched, cached, failed, was_cancelled)

    # -- internals ----------------------------------------------------------------------
    @staticmethod
    def _plan(listing: Sequence[InstanceUrl], first_series: str | None) -> list[InstanceUrl]:
        """Unique instances in hub order, the requested series moved to the front."""
        seen: set[_Key] = set()
        unique = []
        for u in listing:
            key = (u.series_uid, u.sop_instance_uid)
            if key not in seen:
                seen.add(key)
                unique.append(u)
        if first_series is None:
            return unique
        return sorted(unique, key=lambda u: u.series_uid != first_series)  # stable sort

    def _is_cached(self, study_uid: str, u: InstanceUrl) -> bool:
        return self._store.has(self._tenant, study_uid, u.series_uid, u.sop_instance_uid)

    def _fetch_one(
        self,
        study_uid: str,
        key: _Key,
        book: _UrlBook,
        counter: _Counter,
        cancel: threading.Event,
    ) -> _Outcome:
        outcome = self._attempt(study_uid, key, book, cancel)
        if outcome is not _Outcome.CANCELLED:
            counter.step()
        return outcome

    def _attempt(
        self, study_uid: str, key: _Key, book: _UrlBook, cancel: threading.Event
    ) -> _Outcome:
        retries = 0
        renewed = False
        stale: int | None = None
        while not cancel.is_set():
            generation = 0
            try:
                if stale is not None:
                    book.renew(stale)
                    stale = None
                    continue  # re-check cancellation after a possibly long renewal
                url, generation = book.current(key)
                if url is None:  # the fresh listing no longer has this instance
                    return _Outcome.FAILED
                data = self._source.fetch(url.url)
            except UrlExpired:
                if renewed:
                    return _Outcome.FAILED
                renewed, stale = True, generation
                continue
            except HubError as exc:
                if not is_transient(exc) or retries >= len(self._delays):
                    log.debug("instance fetch failed: %s", exc.code)
                    return _Outcome.FAILED
                if cancel.wait(self._delays[retries]):
                    break
                retries += 1
                continue
            try:
                self._store.put(self._tenant, study_uid, key[0], key[1], data)
            except OSError as exc:
                log.warning("could not write to the cache: %s", type(exc).__name__)
                return _Outcome.FAILED
            return _Outcome.FETCHED
        return _Outcome.CANCELLED

    def _with_retries(self, call: Callable[[], T], cancel: threading.Event) -> T | None:
        """``call()`` with the transient-failure retries; ``None`` if cancelled first."""
        for attempt in range(len(self._delays) + 1):
            if cancel.is_set():
                return None
            try:
                return call()
            except HubError as exc:
                if not is_transient(exc) or attempt >= len(self._delays):
                    raise
                if cancel.wait(self._delays[attempt]):
                    return None
        return None
