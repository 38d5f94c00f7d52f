"""The session's one download queue, seen from the UI thread.

A reader's session keeps a single :class:`~workstation.services.download_queue.DownloadQueue`
so priorities hold across studies: the series on screen first (around the slice on
screen), then the rest of the open study, then its priors, then the next studies of the
worklist. The queue reports on its worker threads; this object hands every report over
to the UI thread as a Qt signal, so viewers and thumbnails can listen safely.

The number of worklist studies fetched ahead is a setting (``downloads/prefetch_count``,
default 2, see ``settings_values``): each one costs disk space and bandwidth on a home line.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

from workstation.cache.store import EncryptedStore
from workstation.core.study import StudyDetail, WorklistItem
from workstation.services.download_jobs import DownloadJob, DownloadProgress, DownloadResult
from workstation.services.download_queue import DownloadQueue, UrlSource
from workstation.services.object_fetch import ObjectFetcher, RetryPolicy, WholeObjectFetcher
from workstation.services.prefetch import next_to_prefetch
from workstation.ui import settings_values

log = logging.getLogger(__name__)

PREFETCH_KEY = settings_values.PREFETCH_COUNT  # default 2, edited in the settings dialog


def prefetch_count() -> int:
    """How many of the next worklist studies to fetch ahead (the reader's setting)."""
    return int(settings_values.number(PREFETCH_KEY))


class DownloadCenter(QObject):
    """Owns the queue; ``progress(DownloadProgress, snapshot)`` and
    ``finished(DownloadJob, DownloadResult)`` arrive on the UI thread. ``snapshot`` is
    ``{series UID: (done, total)}`` taken right after a study's listing (else empty),
    so a listener learns at once which series were already cached.

    ``offline`` is set by the connectivity watch: while True nothing is asked of the hub
    and viewers read what the cache holds."""

    progress = Signal(object, object)
    finished = Signal(object, object)
    _wake = Signal()

    def __init__(
        self,
        source: Any,
        store: EncryptedStore,
        *,
        fetcher: ObjectFetcher | None = None,
        connections: int = 6,
        retry: RetryPolicy | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.offline = False
        self.worklist: Callable[[], Sequence[WorklistItem]] | None = None
        self._fetcher = fetcher or WholeObjectFetcher(source.fetch)
        self._shut = False
        self._lock = threading.Lock()
        self._inbox: deque[tuple[str, Any, Any]] = deque()
        self._woken = False
        self._wake.connect(self._drain, Qt.ConnectionType.QueuedConnection)
        self._jobs: list[DownloadJob] = []
        self.queue = DownloadQueue(
            _Source(source), store, self._fetcher, connections=connections, retry=retry,
            on_progress=self._report, on_finished=self._done,
        )

    # -- worker threads ------------------------------------------------------------------
    # Python objects never cross threads through a queued signal here: PySide mishandles
    # the references of arguments emitted from plain Python threads, which crashed the
    # interpreter after a few thousand reports. Workers append to a deque and wake the UI
    # thread with an argument-less signal; the UI thread emits the real signals.
    def _report(self, event: DownloadProgress) -> None:
        if self._shut:
            return
        snapshot: dict[str, tuple[int, int]] = {}
        if event.series_uid is None:
            job = self.queue.job(event.tenant, event.study_uid)
            snapshot = job.series_progress() if job is not None else {}
        self._post(("progress", event, snapshot))

    def _done(self, job: DownloadJob, result: DownloadResult) -> None:
        if not self._shut:  # nobody listens any more; never wake a finalising app
            self._post(("finished", job, result))

    def _post(self, item: tuple[str, Any, Any]) -> None:
        with self._lock:
            self._inbox.append(item)
            wake = not self._woken
            self._woken = True
        if wake:
            self._wake.emit()

    def _drain(self) -> None:
        with self._lock:
            items = list(self._inbox)
            self._inbox.clear()
            self._woken = False
        for kind, a, b in items:
            if self._shut:
                return
            (self.progress if kind == "progress" else self.finished).emit(a, b)

    # -- what viewers call ---------------------------------------------------------------
    def open_study(self, tenant: str, study_uid: str, detail: StudyDetail | None,
                   series_uid: str | None, around: int | None) -> DownloadJob:
        return self._keep([self.queue.open_study(tenant, study_uid, detail=detail,
                                                 series_uid=series_uid, around=around)])[0]

    def focus(self, tenant: str, study_uid: str, series_uid: str, around: int | None) -> None:
        self.queue.focus(tenant, study_uid, series_uid, around)

    def close_study(self, tenant: str, study_uid: str) -> None:
        self.queue.close_study(tenant, study_uid)

    def add_priors(self, studies: Iterable[tuple[str, str]]) -> list[DownloadJob]:
        if self._shut or self.offline:
            return []
        return self._keep(self.queue.add_priors(studies))

    def prefetch_after(self, current_uid: str | None) -> list[DownloadJob]:
        """Queue the next ``prefetch_count()`` unreported studies of the worklist after
        ``current_uid`` (replacing the previous prefetch list)."""
        if self._shut or self.offline or self.worklist is None:
            return []
        wanted = next_to_prefetch(list(self.worklist()), current_uid, prefetch_count())
        log.info("prefetching %d worklist studies", len(wanted))
        return self._keep(self.queue.prefetch(wanted))

    def _keep(self, jobs: list[DownloadJob]) -> list[DownloadJob]:
        self._jobs = [j for j in self._jobs if not j.done] + jobs
        return jobs

    def shutdown(self, timeout: float = 5.0) -> None:
        """Cancel everything and stop the workers (sign-out, exit). Idempotent. Waits
        (up to ``timeout``) for the queue's threads, so none outlives the session."""
        self._shut = True
        deadline = time.monotonic() + timeout
        self.queue.shutdown(timeout)
        for job in self._jobs:
            job.wait(max(deadline - time.monotonic(), 0.0))
        close = getattr(self._fetcher, "close", None)
        if callable(close):
            close()


class _Source:
    """The hub client as a URL source (keeps the queue's protocol narrow)."""

    def __init__(self, client: UrlSource) -> None:
        self._client = client

    def instance_urls(self, study_uid: str, series_uid: str | None = None) -> Any:
        return self._client.instance_urls(study_uid, series_uid)
