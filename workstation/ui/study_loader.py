"""Bringing one study from the hub onto the screen without ever blocking the UI thread.

Order of work, chosen so the reader sees an image as early as possible:
1. the study's series list from the hub;
2. the series to show first (the one with most images) is downloaded into the encrypted
   cache and decoded;
3. the remaining series are downloaded one after another in the background, so a click on
   their thumbnail later only has to decode.
A series the reader clicks is downloaded at once, alongside the background work. Every
step runs on a worker thread; results come back as Qt signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from workstation.cache.errors import IntegrityError
from workstation.cache.store import EncryptedStore
from workstation.core.study import SeriesRef, StudyDetail, WorklistItem
from workstation.services.series_loading import load_cached_series
from workstation.services.study_download import DownloadResult, StudyDownloader
from workstation.ui.workers import TaskRunner

log = logging.getLogger(__name__)


class StudyClient(Protocol):
    """The part of ``HubClient`` a study needs."""

    def study(self, study_uid: str) -> StudyDetail: ...

    def instance_urls(self, study_uid: str, series_uid: str | None = None) -> Any: ...

    def fetch(self, url: str) -> bytes: ...


def display_series(detail: StudyDetail) -> SeriesRef | None:
    """The series shown first: the one with most images (ties: the earliest listed)."""
    best: SeriesRef | None = None
    for series in detail.series:
        if best is None or series.count > best.count:
            best = series
    return best


class StudyLoader(QObject):
    """Downloads and decodes a study's series for one viewer.

    Signals (all delivered on the UI thread):
    ``detail_ready(StudyDetail)``; ``series_progress(series_uid, done, total)`` while a
    series downloads; ``series_cached(series_uid, DownloadResult)``;
    ``series_loaded(series_uid, LoadResult)`` for each series asked for with
    :meth:`show_series` (several may be pending at once: one per viewport);
    ``failed(stage, series_uid, exception)`` with stage "study", "download" or "load".
    """

    detail_ready = Signal(object)
    series_progress = Signal(str, int, int)
    series_cached = Signal(str, object)
    series_loaded = Signal(str, object)
    failed = Signal(str, str, object)

    def __init__(
        self,
        client: StudyClient,
        store: EncryptedStore,
        item: WorklistItem,
        parent: QObject | None = None,
        *,
        workers: int = 6,
    ) -> None:
        super().__init__(parent)
        self._client = client
        self._store = store
        self._item = item
        self._workers = workers
        self._cancel = threading.Event()
        self._runner = TaskRunner(self, max_threads=3)
        self.detail: StudyDetail | None = None
        self.wanted: str | None = None
        self.pending: set[str] = set()
        self.cached: set[str] = set()
        self._downloading: set[str] = set()
        self._background_started = False
        self._tried: set[str] = set()
        self._refetched: set[str] = set()

    # -- public --------------------------------------------------------------------------

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def start(self) -> None:
        """Ask the hub for the study's series, then show the largest one."""
        client, uid = self._client, self._item.study_uid
        self._runner.start(lambda _r: client.study(uid), self._on_detail, self._on_study_failed)

    def show_series(self, series_uid: str) -> None:
        """Make ``series_uid`` the one to display: download if needed, then decode it.
        ``wanted`` is the series asked for last; every asked series is loaded once."""
        self.wanted = series_uid
        if series_uid in self.pending and series_uid in self._downloading:
            return  # already on its way
        self.pending.add(series_uid)
        if series_uid in self.cached:
            self._load(series_uid)
        elif series_uid not in self._downloading:
            self._download(series_uid)

    def resume(self) -> None:
        """Ask again for what failed (e.g. while the session was gone): the series list,
        the series on screen, and the background series that could not be fetched."""
        if self.cancelled:
            return
        if self.detail is None:
            self.start()
            return
        self._tried = {uid for uid in self._tried if uid in self.cached}
        wanted = self.wanted
        if wanted is not None and wanted not in self.cached and wanted not in self._downloading:
            self._download(wanted)
        if self._background_started and not self._downloading - {wanted}:
            self._continue_background()

    def cancel(self) -> None:
        """Stop downloads promptly (the viewer closed); later results are ignored."""
        self._cancel.set()

    def wait(self, msecs: int) -> bool:
        return self._runner.wait(msecs)

    # -- steps ---------------------------------------------------------------------------

    def _on_detail(self, detail: StudyDetail) -> None:
        if self.cancelled:
            return
        self.detail = detail
        log.info("study opened: %d series", len(detail.series))
        self.detail_ready.emit(detail)
        first = display_series(detail)
        if first is not None:
            self.show_series(first.series_uid)

    def _on_study_failed(self, exc: BaseException) -> None:
        if not self.cancelled:
            self.failed.emit("study", "", exc)

    def _downloader(self) -> StudyDownloader:
        # One downloader per call: each download owns its thread pool and URL book.
        return StudyDownloader(
            self._client, self._store, self._item.tenant_id, workers=self._workers
        )

    def _download(self, series_uid: str, *, background: bool = False) -> None:
        self._downloading.add(series_uid)
        downloader, uid, cancel = self._downloader(), self._item.study_uid, self._cancel

        def run(report: Callable[[Any, Any], None]) -> DownloadResult:
            return downloader.download(uid, series_uid, report, cancel, series_only=True)

        def done(result: DownloadResult) -> None:
            self._on_downloaded(series_uid, result)
            if background:
                self._continue_background()

        def fail(exc: BaseException) -> None:
            self._downloading.discard(series_uid)
            if self.cancelled:
                return
            self.failed.emit("download", series_uid, exc)
            if background:
                self._continue_background()

        def progress(done_count: int, total: int) -> None:
            self.series_progress.emit(series_uid, done_count, total)

        self._runner.start(run, done, fail, progress)

    def _on_downloaded(self, series_uid: str, result: DownloadResult) -> None:
        self._downloading.discard(series_uid)
        if self.cancelled or result.cancelled:
            return
        if result.fetched + result.cached > 0:
            self.cached.add(series_uid)
        self.series_cached.emit(series_uid, result)
        if series_uid in self.pending:
            self._load(series_uid)
        if not self._background_started:
            self._background_started = True
            self._continue_background()

    def _continue_background(self) -> None:
        """Download the next series not yet tried, largest first, one at a time."""
        if self.detail is None or self.cancelled:
            return
        for series in sorted(self.detail.series, key=lambda s: -s.count):
            uid = series.series_uid
            if uid in self.cached or uid in self._downloading or uid in self._tried:
                continue
            self._tried.add(uid)
            self._download(uid, background=True)
            return

    def _load(self, series_uid: str) -> None:
        store, tenant, uid = self._store, self._item.tenant_id, self._item.study_uid

        def run(_report: object) -> Any:
            return load_cached_series(store, tenant, uid, series_uid)

        def done(result: Any) -> None:
            if not self.cancelled and series_uid in self.pending:
                self.pending.discard(series_uid)
                self.series_loaded.emit(series_uid, result)

        def fail(exc: BaseException) -> None:
            if self.cancelled:
                return
            if isinstance(exc, IntegrityError) and series_uid not in self._refetched:
                # Damaged objects were dropped from the cache: fetch them again, load again.
                log.warning("cached series damaged; downloading it again")
                self._refetched.add(series_uid)
                self.cached.discard(series_uid)
                self._download(series_uid)
                return
            self.pending.discard(series_uid)
            self.failed.emit("load", series_uid, exc)

        self._runner.start(run, done, fail)
