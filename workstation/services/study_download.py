"""Download one study (or one series) into the encrypted cache and wait for it.

A blocking front of :class:`workstation.services.download_queue.DownloadQueue` for code
that wants one study now, in a worker thread of its own: the requested series goes
first, instances already cached are never fetched again, and the same fetch engine
resumes dropped transfers (when the fetcher supports Range), renews expired URLs and
retries transient failures with backoff and jitter. A session that reads many studies
keeps one long-lived ``DownloadQueue`` instead, for priorities across studies.

Nothing here logs UIDs: they identify a patient's examination (KVKK/GDPR personal data).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from typing import Protocol

from workstation.cache.store import EncryptedStore
from workstation.core.study import InstanceUrl
from workstation.services.download_jobs import DownloadProgress, DownloadResult
from workstation.services.download_queue import DownloadQueue
from workstation.services.object_fetch import ObjectFetcher, RetryPolicy, WholeObjectFetcher

__all__ = ["DownloadResult", "InstanceSource", "Progress", "StudyDownloader"]

Progress = Callable[[int, int], None]


class InstanceSource(Protocol):
    """What the downloader needs from the hub client."""

    def instance_urls(self, study_uid: str, series_uid: str | None = None) -> list[InstanceUrl]: ...

    def fetch(self, url: str) -> bytes: ...


class StudyDownloader:
    """Fills the encrypted cache with a study's instances for one tenant.

    ``fetcher`` defaults to the source's own ``fetch`` (whole objects); pass an
    :class:`~workstation.services.object_fetch.HttpObjectFetcher` for Range resume and a
    pool of parallel connections.
    """

    def __init__(
        self,
        source: InstanceSource,
        store: EncryptedStore,
        tenant: str,
        *,
        workers: int = 6,
        retry: RetryPolicy | None = None,
        fetcher: ObjectFetcher | None = None,
        rng: random.Random | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self._source = source
        self._store = store
        self._tenant = tenant
        self._workers = workers
        self._retry = retry or RetryPolicy()
        self._fetcher = fetcher or WholeObjectFetcher(source.fetch)
        self._rng = rng

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
        else is fetched. ``progress(done, total)`` is called once after the listing and
        after every instance, from worker threads - a UI must marshal it to its own
        thread. Setting ``cancel`` stops the download promptly: queued instances are not
        started and retry waits are cut short. Listing failures raise ``HubError``.
        """
        cancel = cancel if cancel is not None else threading.Event()
        if cancel.is_set():
            return DownloadResult(0, 0, 0, cancelled=True)

        def report(event: DownloadProgress) -> None:
            if progress is not None:
                progress(event.study_done, event.study_total)

        queue = DownloadQueue(self._source, self._store, self._fetcher,
                              connections=self._workers, retry=self._retry, on_progress=report,
                              rng=self._rng)
        try:
            job = queue.open_study(self._tenant, study_uid, series_uid=series_uid, around=0,
                                   cancel=cancel, series_only=series_only, pin=False)
            result = job.wait()
        finally:
            queue.shutdown()
        assert result is not None
        if result.listing_error is not None:
            raise result.listing_error
        return result
