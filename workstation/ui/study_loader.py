"""Bringing one study from the hub onto the screen without ever blocking the UI thread.

The study's instances come through the session's download queue
(:class:`workstation.ui.download_center.DownloadCenter`), in the order reading needs:

1. the series in the active viewport, nearest the slice on screen first - the focus
   follows the reader (:meth:`StudyLoader.focus`) when they scroll or pick another series;
2. the rest of the study;
3. the study's priors (``StudyDetail.priors``);
4. the next studies of the worklist (how many is a setting, see ``download_center``).

A series is decoded as soon as all of its instances are in the encrypted cache. The
streaming decoder (``dicom/streaming.py``) needs every header of a series to plan its
stacks, so a series goes on screen once it is complete; ordering its download around
the viewed slice makes that moment come as early as the line allows.

Without the hub (the connectivity watch says offline, or the study cannot be asked for)
the loader reads what the cache holds: every series with cached instances can be shown.
Closing the viewer (:meth:`StudyLoader.cancel`) cancels the study's download and its
priors; objects are sealed and renamed into place whole, so nothing is left half-written.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from workstation.cache.errors import IntegrityError
from workstation.cache.store import EncryptedStore
from workstation.core.study import SeriesRef, StudyDetail, WorklistItem
from workstation.hub.errors import HubUnreachable
from workstation.services.download_jobs import DownloadJob, DownloadProgress, DownloadResult
from workstation.services.offline_study import cached_detail, remember_detail
from workstation.services.prefetch import prior_studies
from workstation.services.series_loading import load_cached_series
from workstation.ui.download_center import DownloadCenter
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
    series downloads; ``study_progress(done, total)`` for the whole study;
    ``series_cached(series_uid, DownloadResult)`` once a series is complete in the cache;
    ``series_loaded(series_uid, LoadResult)`` for each series asked for with
    :meth:`show_series` (several may be pending at once: one per viewport);
    ``failed(stage, series_uid, exception)`` with stage "study", "download" or "load".

    ``downloads`` is the session's download center; without one the loader runs a
    private queue and stops it on :meth:`cancel`. With the session's center and
    ``related``, the study's priors and the next worklist studies are queued behind it.
    """

    detail_ready = Signal(object)
    series_progress = Signal(str, int, int)
    study_progress = Signal(int, int)
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
        downloads: DownloadCenter | None = None,
        related: bool = True,
    ) -> None:
        super().__init__(parent)
        self.related = related  # also queue the study's priors and the worklist's next
        self._client = client
        self._store = store
        self._item = item
        self._own_center = downloads is None
        self._center = downloads or DownloadCenter(client, store, connections=workers, parent=self)
        self._center.progress.connect(self._on_queue_progress)
        self._center.finished.connect(self._on_queue_finished)
        self._cancel = threading.Event()
        self._runner = TaskRunner(self, max_threads=2)
        self.detail: StudyDetail | None = None
        self.offline = False
        self.wanted: str | None = None
        self.pending: set[str] = set()
        self.cached: set[str] = set()
        self.job: DownloadJob | None = None
        self.priors: list[DownloadJob] = []
        self.series_counts: dict[str, tuple[int, int]] = {}
        self._at_listing: dict[str, int] = {}
        self._failed_sops: dict[str, list[str]] = {}
        self._failed_total = 0
        self._complete: set[str] = set()
        self._loading: set[str] = set()
        self._refetched: set[str] = set()
        self._focus: tuple[str, int | None] | None = None
        self._reopen = False
        self._pinned = False  # pinned here (offline), not by the queue
        self._auto: str | None = None  # the series chosen for the reader, until shown

    # -- public --------------------------------------------------------------------------

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def downloads(self) -> DownloadCenter:
        return self._center

    def start(self) -> None:
        """Ask the hub for the study's series (the cache when offline), then download
        the study with the largest series first."""
        client, store, uid = self._client, self._store, self._item.study_uid
        if self._center.offline:
            self._open_offline(None)
            return

        def ask(_report: object) -> StudyDetail:
            detail = client.study(uid)
            remember_detail(store, detail)  # for reading it offline later
            return detail

        self._runner.start(ask, self._on_detail, self._on_study_failed)

    def show_series(self, series_uid: str) -> None:
        """Make ``series_uid`` the one to display: download it first, then decode it.
        ``wanted`` is the series asked for last; every asked series is loaded once."""
        if self._auto is not None and self._auto != series_uid:
            # The reader chose before the series picked for them arrived: theirs wins,
            # and the other no longer takes over the viewport when it is ready.
            self.pending.discard(self._auto)
        self._auto = None
        self.wanted = series_uid
        self.pending.add(series_uid)
        if series_uid in self.cached:
            self._load(series_uid)
            return
        if series_uid in self._complete:  # complete, yet nothing arrived: try it again
            self._complete.discard(series_uid)
            self._failed_sops.pop(series_uid, None)
            self._reopen = self.job is not None and not self.job.done
        count = self._series_size(series_uid)
        self._focus = None  # a click also retries a series whose download failed
        self.focus(series_uid, count // 2 if count else None)

    def focus(self, series_uid: str | None, around: int | None) -> None:
        """The reader looks at slice ``around`` of ``series_uid``: fetch near it first.
        Cheap; the viewer calls it on every scroll."""
        if series_uid is None or self.cancelled or series_uid in self._complete:
            return  # a complete series on screen keeps the focus where it was asked for
        if self._focus == (series_uid, around):
            return
        self._focus = (series_uid, around)
        if self.detail is None or self.offline:
            return
        if self.job is not None and not self.job.done:
            self._center.focus(self._item.tenant_id, self._item.study_uid, series_uid, around)
        elif series_uid not in self._complete:
            self._open_job()

    def resume(self) -> None:
        """Ask again for what failed (the session or the line was gone): the series list,
        then whatever of the study is not cached yet."""
        if self.cancelled:
            return
        if self.detail is None or (self.offline and not self._center.offline):
            self.offline = False
            self.start()
            return
        if self.job is None or self.job.done:
            self._open_job()

    def cancel(self) -> None:
        """Stop downloads promptly (the viewer closed); later results are ignored. The
        study is unpinned; its queued priors are dropped."""
        if self.cancelled:
            return
        self._cancel.set()
        tenant, uid = self._item.tenant_id, self._item.study_uid
        if self._pinned:
            self._store.unpin_study(tenant, uid)
            self._pinned = False
        if self._own_center:
            self._center.shutdown(0.0)
            return
        self._center.close_study(tenant, uid)
        for job in self.priors:
            if not job.done:
                job.cancel()

    def wait(self, msecs: int) -> bool:
        """Wait for the loader's own threads (and a private queue's workers) to end."""
        ok = self._runner.wait(msecs)
        if self._own_center and self.cancelled:
            self._center.shutdown(msecs / 1000)
        return ok

    # -- steps ---------------------------------------------------------------------------

    def _on_detail(self, detail: StudyDetail) -> None:
        if self.cancelled:
            return
        self.detail = detail
        log.info("study opened: %d series", len(detail.series))
        self.detail_ready.emit(detail)
        first = display_series(detail)
        if first is not None:
            self.wanted = self._auto = first.series_uid
            self.pending.add(first.series_uid)
            self._focus = (first.series_uid, first.count // 2)
        self._open_job()
        if self._own_center or not self.related:
            return  # a one-off loader (a prior hung beside the study): no more than its study
        priors = prior_studies(detail)
        if priors:
            self.priors = self._center.add_priors(priors)
        self._center.prefetch_after(self._item.study_uid)

    def _on_study_failed(self, exc: BaseException) -> None:
        if self.cancelled:
            return
        if isinstance(exc, HubUnreachable):
            self._open_offline(exc)
            return
        self.failed.emit("study", "", exc)

    def _open_offline(self, cause: BaseException | None) -> None:
        """Read the study from the cache alone; ``cause`` is reported when it has nothing."""
        store, tenant, uid, item = self._store, self._item.tenant_id, self._item.study_uid, self._item

        def done(detail: StudyDetail | bool) -> None:
            if self.cancelled:
                return
            if not isinstance(detail, StudyDetail):
                self.failed.emit("study", "", cause or HubUnreachable("offline"))
                return
            self.offline = True
            if not self._pinned:  # open in a viewer: "Clear local cache" leaves it alone
                self._store.pin_study(self._item.tenant_id, self._item.study_uid)
                self._pinned = True
            self.detail = detail
            log.info("study opened from the cache: %d series", len(detail.series))
            self.detail_ready.emit(detail)
            for series in detail.series:
                self._mark_complete(series.series_uid, series.count, series.count, [])
            first = display_series(detail)
            if first is not None:
                self.show_series(first.series_uid)

        # False, never None, through the queued signal (see session_services._done).
        self._runner.start(lambda _r: cached_detail(store, item, tenant, uid) or False, done,
                           lambda exc: self.failed.emit("study", "", exc))

    def _open_job(self) -> None:
        if self.cancelled or self.detail is None:
            return
        series, around = self._focus if self._focus is not None else (None, None)
        self._at_listing.clear()
        self._failed_total = 0
        try:
            self.job = self._center.open_study(self._item.tenant_id, self._item.study_uid,
                                               self.detail, series, around)
        except RuntimeError as exc:  # the session's queue is already shut down
            self.failed.emit("download", self.wanted or "", exc)
            return
        # A prefetched study joins its running job: what arrived before counts at once.
        try:
            known = self.job.series_progress()
        except RuntimeError:  # its listing is being planned right now: reports follow
            known = {}
        for series_uid, (done, total) in known.items():
            self._at_listing.setdefault(series_uid, done)
            self._progress(series_uid, done, total)

    def _mine(self, tenant: str, study_uid: str) -> bool:
        return (not self.cancelled and tenant == self._item.tenant_id
                and study_uid == self._item.study_uid)

    def _on_queue_progress(self, event: DownloadProgress, snapshot: Any) -> None:
        if not self._mine(event.tenant, event.study_uid):
            return
        self.study_progress.emit(event.study_done, event.study_total)
        if event.series_uid is None:  # the listing: what was cached already counts as done
            self._failed_total = event.failed
            for series_uid, (done, total) in (snapshot or {}).items():
                self._at_listing[series_uid] = done
                if done:  # a series with nothing yet stays "waiting"
                    self._progress(series_uid, done, total)
            return
        series_uid = event.series_uid
        if event.failed > self._failed_total and event.sop_uid is not None:
            self._failed_sops.setdefault(series_uid, []).append(event.sop_uid)
        self._failed_total = max(self._failed_total, event.failed)
        self._progress(series_uid, event.series_done, event.series_total)

    def _progress(self, series_uid: str, done: int, total: int) -> None:
        self.series_counts[series_uid] = (done, total)
        self.series_progress.emit(series_uid, done, total)
        if total and done >= total and series_uid not in self._complete:
            failed = self._failed_sops.get(series_uid, [])
            self._mark_complete(series_uid, total, self._at_listing.get(series_uid, 0), failed)

    def _mark_complete(self, series_uid: str, total: int, cached: int, failed: list[str]) -> None:
        self._complete.add(series_uid)
        fetched = max(total - cached - len(failed), 0)
        result = DownloadResult(total, fetched, min(cached, total), list(failed))
        if fetched + result.cached > 0:
            self.cached.add(series_uid)
        self.series_cached.emit(series_uid, result)
        if series_uid in self.pending and series_uid in self.cached:
            self._load(series_uid)

    def _on_queue_finished(self, job: DownloadJob, result: DownloadResult) -> None:
        if job is not self.job or self.cancelled:
            return
        if result.listing_error is not None:
            self.failed.emit("download", self.wanted or "", result.listing_error)
        elif self._reopen:
            self._reopen = False
            self._open_job()

    def _series_size(self, series_uid: str) -> int:
        for series in self.detail.series if self.detail is not None else ():
            if series.series_uid == series_uid:
                return series.count
        return 0

    def _load(self, series_uid: str) -> None:
        if series_uid in self._loading:
            return
        self._loading.add(series_uid)
        store, tenant, uid = self._store, self._item.tenant_id, self._item.study_uid

        def run(_report: object) -> Any:
            return load_cached_series(store, tenant, uid, series_uid)

        def done(result: Any) -> None:
            self._loading.discard(series_uid)
            if series_uid == self._auto:
                self._auto = None
            if not self.cancelled and series_uid in self.pending:
                self.pending.discard(series_uid)
                self.series_loaded.emit(series_uid, result)

        def fail(exc: BaseException) -> None:
            self._loading.discard(series_uid)
            if self.cancelled:
                return
            if (isinstance(exc, IntegrityError) and series_uid not in self._refetched
                    and not self.offline):
                # Damaged objects were dropped from the cache: fetch them again, load again.
                log.warning("cached series damaged; downloading it again")
                self._refetched.add(series_uid)
                self.cached.discard(series_uid)
                self._complete.discard(series_uid)
                self._failed_sops.pop(series_uid, None)
                self._focus = (series_uid, None)
                if self.job is None or self.job.done:
                    self._open_job()
                else:
                    self._reopen = True  # fetch them once the running job has ended
                return
            self.pending.discard(series_uid)
            self.failed.emit("load", series_uid, exc)

        self._runner.start(run, done, fail)
