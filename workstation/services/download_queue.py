"""The reader's download queue: every study being fetched, in the order reading needs.

One queue serves a signed-in session. A fixed pool of worker threads (one per connection:
the demo hub and most object stores speak HTTP/1.1, where parallel connections are what
fills a home line) takes, each time it is free, the most urgent instance of all:

1. the series on screen in an open study, nearest the slice on screen first; the focus
   follows the reader (``focus``) while the download runs;
2. the rest of the open studies;
3. their priors;
4. the next studies of the worklist (``prefetch``).

Each instance is fetched by :func:`workstation.services.object_fetch.fetch_instance`
(Range resume, URL renewal, retry with backoff and jitter) and sealed into the encrypted
store. Closing a study (``close_study``) cancels what it still had queued and cuts its
transfers and retry waits short. Open studies are pinned in the store, so the cache
budget never evicts what the reader is looking at.

Listeners are called on worker threads: a UI must hand them over to its own thread.
Nothing here logs UIDs (KVKK/GDPR personal data).
"""

from __future__ import annotations

import heapq
import itertools
import logging
import random
import threading
from collections.abc import Iterable, Sequence
from typing import Protocol

from workstation.cache.store import EncryptedStore
from workstation.core.study import InstanceUrl, StudyDetail
from workstation.hub.errors import HubError
from workstation.services.download_jobs import (
    DownloadJob,
    DownloadProgress,
    DownloadResult,
    FinishedListener,
    JobState,
    ProgressListener,
    Task,
    TaskState,
    Tier,
    display_order,
)
from workstation.services.object_fetch import (
    ObjectFetcher,
    Outcome,
    RetryPolicy,
    UrlBook,
    fetch_instance,
    with_retries,
)

log = logging.getLogger(__name__)

_Entry = tuple[tuple[int, int, int, int], int, int, DownloadJob, Task | None]


class UrlSource(Protocol):
    """What the queue needs from the hub client: the pre-signed URL listing."""

    def instance_urls(self, study_uid: str, series_uid: str | None = None) -> list[InstanceUrl]: ...


class DownloadQueue:
    """Prioritised, cancellable, resumable downloads into the encrypted cache."""

    def __init__(
        self,
        source: UrlSource,
        store: EncryptedStore,
        fetcher: ObjectFetcher,
        *,
        connections: int = 6,
        retry: RetryPolicy | None = None,
        on_progress: ProgressListener | None = None,
        on_finished: FinishedListener | None = None,
        thread_name: str = "study-download",
        rng: random.Random | None = None,
    ) -> None:
        if connections < 1:
            raise ValueError("connections must be at least 1")
        self._source = source
        self._store = store
        self._fetcher = fetcher
        self._connections = connections
        self._retry = retry or RetryPolicy()
        self._on_progress = on_progress
        self._on_finished = on_finished
        self._thread_name = thread_name
        self._rng = rng or random.Random()  # noqa: S311 - jitter, not a secret
        self._cond = threading.Condition()
        self._heap: list[_Entry] = []
        self._seq = itertools.count()
        self._jobs: dict[tuple[str, str], DownloadJob] = {}
        self._focus_seq = itertools.count(1)
        self._open: set[tuple[str, str]] = set()  # studies pinned in the store
        self._threads: list[threading.Thread] = []
        self._stopping = False

    # -- what the UI calls ----------------------------------------------------------------
    def open_study(self, tenant: str, study_uid: str, *, detail: StudyDetail | None = None,
                   series_uid: str | None = None, around: int | str | None = None,
                   cancel: threading.Event | None = None, series_only: bool = False,
                   pin: bool = True) -> DownloadJob:
        """Start (or promote) the download of a study the reader opened and, with ``pin``,
        pin it in the cache until ``close_study``. ``detail`` gives the display order of
        each series; ``series_uid`` / ``around`` the series and slice on screen (see
        ``focus``). ``series_only`` lists and fetches that series alone (for one-off
        downloads: a later ``open_study`` of the same study joins that job until it
        ends); ``cancel`` is an event of the caller's that cancels this study when set.
        ``DownloadJob.cancel`` stops the download but leaves the study open and pinned;
        ``close_study`` does both."""
        key = (tenant, study_uid)
        if pin:
            with self._cond:
                newly_open = key not in self._open
                self._open.add(key)
            if newly_open:
                self._store.pin_study(tenant, study_uid)
        job = self._enqueue(tenant, study_uid, Tier.STUDY, cancel=cancel,
                            scope=series_uid if series_only else None, detail=detail)
        if series_uid is not None:
            self.focus(tenant, study_uid, series_uid, around)
        return job

    def focus(self, tenant: str, study_uid: str, series_uid: str,
              around: int | str | None = None) -> None:
        """The reader looks at ``series_uid``, slice ``around`` (an index in display order,
        or a SOP instance UID): fetch around it first. Cheap: call it on every scroll."""
        with self._cond:
            job = self._jobs.get((tenant, study_uid))
            if job is None or job.state is JobState.DONE:
                return
            job.focus_series = series_uid
            job.focus_ref = around
            job.focus_pos = job.position_of(series_uid, around)
            job.focus_seq = next(self._focus_seq)
            self._cond.notify_all()

    def add_priors(self, studies: Iterable[tuple[str, str]]) -> list[DownloadJob]:
        """Queue earlier (tenant, study UID) of the patient behind every open study
        (``workstation.services.prefetch.prior_studies`` lists them from the detail)."""
        return [self._enqueue(tenant, uid, Tier.PRIORS) for tenant, uid in studies]

    def prefetch(self, studies: Sequence[tuple[str, str]]) -> list[DownloadJob]:
        """Queue the next (tenant, study UID) of the worklist, in this order, behind
        everything else. Replaces the previous prefetch list: studies no longer in it and
        not yet finished are cancelled (what arrived stays cached)."""
        wanted = set(studies)
        with self._cond:
            stale = [j for k, j in self._jobs.items()
                     if j.tier is Tier.PREFETCH and k not in wanted and j.state is not JobState.DONE]
        for job in stale:
            self._cancel(job)
        return [self._enqueue(tenant, uid, Tier.PREFETCH) for tenant, uid in studies]

    def close_study(self, tenant: str, study_uid: str) -> None:
        """The reader closed the study: cancel what is left of its download and unpin it."""
        with self._cond:
            job = self._jobs.get((tenant, study_uid))
            was_open = (tenant, study_uid) in self._open
            self._open.discard((tenant, study_uid))
        if job is not None:
            self._cancel(job)
        if was_open:
            self._store.unpin_study(tenant, study_uid)

    def job(self, tenant: str, study_uid: str) -> DownloadJob | None:
        with self._cond:
            return self._jobs.get((tenant, study_uid))

    def shutdown(self, timeout: float = 10.0) -> None:
        """Cancel everything, unpin the open studies and stop the workers (sign-out, exit)."""
        with self._cond:
            jobs = list(self._jobs.values())
            opened, self._open = self._open, set()
        for job in jobs:
            self._cancel(job)
        for tenant, study_uid in opened:
            self._store.unpin_study(tenant, study_uid)
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout)

    # -- queueing -------------------------------------------------------------------------
    def _enqueue(self, tenant: str, study_uid: str, tier: Tier, *,
                 cancel: threading.Event | None = None, scope: str | None = None,
                 detail: StudyDetail | None = None) -> DownloadJob:
        key = (tenant, study_uid)
        with self._cond:
            if self._stopping:
                raise RuntimeError("the download queue is shut down")
            job = self._jobs.get(key)
            if job is None or job.state is JobState.DONE or job.cancelled:
                job = DownloadJob(tenant, study_uid, tier, next(self._seq),
                                  cancel or threading.Event(), scope,
                                  display_order(detail) if detail else None, self._cancel)
                self._jobs[key] = job
                self._push(job, None)
            elif tier < job.tier:  # promoted, e.g. a prefetched study was opened
                job.tier = tier
                job.stamp += 1
                if job.state is JobState.LISTING:
                    self._push(job, None)
                for task in job.tasks.values():
                    if task.state is TaskState.PENDING:
                        self._push(job, task)
            if detail is not None and not job.order:
                job.order = display_order(detail)
            self._start_workers()
            self._cond.notify_all()
        return job

    def _push(self, job: DownloadJob, task: Task | None) -> None:
        heapq.heappush(self._heap, (job.priority(task), next(self._seq), job.stamp, job, task))

    def _start_workers(self) -> None:
        while len(self._threads) < self._connections:
            thread = threading.Thread(target=self._work, daemon=True,
                                      name=f"{self._thread_name}-{len(self._threads)}")
            self._threads.append(thread)
            thread.start()

    def _next(self) -> tuple[DownloadJob, Task | None] | None:
        """The most urgent work, under the lock: the focused series of the most recently
        focused open study, then the heap. ``(job, None)`` is a listing."""
        focused = sorted((j for j in self._jobs.values()
                          if j.focus_series is not None and j.tier <= Tier.STUDY
                          and j.state is not JobState.DONE), key=lambda j: -j.focus_seq)
        for job in focused:
            if job.cancelled:
                self._finish_cancelled(job)
                continue
            if job.state is JobState.LISTING and not job.listing_taken:
                job.listing_taken = job.listing_busy = True
                return job, None
            task = job.nearest_pending() if job.state is JobState.RUNNING else None
            if task is not None:
                job.take(task)
                return job, task
        while self._heap:
            _prio, _seq, stamp, job, task = heapq.heappop(self._heap)
            if stamp != job.stamp or job.state is JobState.DONE:
                continue
            if job.cancelled:
                self._finish_cancelled(job)
                continue
            if task is None:
                if job.state is JobState.LISTING and not job.listing_taken:
                    job.listing_taken = job.listing_busy = True
                    return job, None
                continue
            if task.state is TaskState.PENDING:
                job.take(task)
                return job, task
        return None

    def _work(self) -> None:
        while True:
            with self._cond:
                picked = self._next()
                while picked is None:
                    if self._stopping:
                        return
                    self._cond.wait()
                    picked = self._next()
            job, task = picked
            try:
                if task is None:
                    self._list(job)
                else:
                    self._fetch(job, task)
            except Exception:  # a bug must not kill the worker and hang every wait()
                log.exception("download worker failed")
                with self._cond:
                    job.cancel_event.set()
                    job.listing_busy = False
                    job.running = 0
                    self._finish_cancelled(job)

    # -- one listing, one instance ----------------------------------------------------------
    def _list(self, job: DownloadJob) -> None:
        def listing_call() -> list[InstanceUrl] | None:
            return with_retries(lambda: self._source.instance_urls(job.study_uid, job.scope),
                                self._retry, job.cancel_event, self._rng)

        try:
            listing = listing_call()
        except HubError as exc:
            log.warning("study listing failed: %s", exc.code)
            with self._cond:
                job.listing_busy = False
                job.listing_error = exc
                self._finish(job)
            return
        if listing is None:
            with self._cond:
                job.listing_busy = False
                self._finish_cancelled(job)
            return
        cached = {(u.series_uid, u.sop_instance_uid) for u in listing
                  if self._store.has(job.tenant, job.study_uid, u.series_uid, u.sop_instance_uid)}
        with job.emit_lock:
            with self._cond:
                job.book = UrlBook(listing, listing_call)
                pending = job.plan(listing, cached)
                job.state = JobState.RUNNING
                job.listing_busy = False
                for task in pending:
                    self._push(job, task)
                self._cond.notify_all()
                event = job.progress_event(None)
            self._emit(job, event)
        with self._cond:
            if job.cancelled:
                self._finish_cancelled(job)
            elif not pending:
                self._finish(job)

    def _fetch(self, job: DownloadJob, task: Task) -> None:
        assert job.book is not None
        got = fetch_instance(task.key, job.book, self._fetcher, self._retry, job.cancel_event,
                             self._rng)
        outcome = got.outcome
        if outcome is Outcome.FETCHED:
            assert got.data is not None
            try:
                self._store.put(job.tenant, job.study_uid, task.series_uid, task.sop_uid,
                                got.data)
            except OSError as exc:
                log.warning("could not write to the cache: %s", type(exc).__name__)
                outcome = Outcome.FAILED
        if outcome is Outcome.CANCELLED:
            with self._cond:
                job.running -= 1
                self._finish_cancelled(job)
            return
        with job.emit_lock:  # count and report in one step, so reports only grow
            with self._cond:
                job.running -= 1
                task.state = TaskState.DONE
                if outcome is Outcome.FETCHED:
                    job.fetched += 1
                else:
                    job.failed.append(task.sop_uid)
                job.series_done[task.series_uid] = job.series_done.get(task.series_uid, 0) + 1
                event = job.progress_event(task)
            self._emit(job, event)
        with self._cond:
            if job.cancelled:
                self._finish_cancelled(job)
            elif job.running == 0 and not any(job.pending.values()):
                self._finish(job)

    def _emit(self, job: DownloadJob, event: DownloadProgress) -> None:
        """Report, unless the study was cancelled: a closed viewer hears nothing more."""
        if self._on_progress is not None and not job.cancelled:
            self._on_progress(event)

    # -- ending a job (under the lock) ------------------------------------------------------
    def _cancel(self, job: DownloadJob) -> None:
        job.cancel_event.set()
        with self._cond:
            self._finish_cancelled(job)
            self._cond.notify_all()

    def _finish_cancelled(self, job: DownloadJob) -> None:
        if job.state is JobState.DONE:
            return
        job.drop_pending()
        if job.running == 0 and not job.listing_busy:
            self._finish(job)

    def _finish(self, job: DownloadJob) -> None:
        if job.state is JobState.DONE:
            return
        result = job.finish()
        if self._jobs.get((job.tenant, job.study_uid)) is job:
            del self._jobs[(job.tenant, job.study_uid)]
        if result.failed:
            log.warning("study download: %d of %d instances failed", len(result.failed),
                        result.total)
        threading.Thread(target=self._announce, args=(job, result), daemon=True,
                         name=f"{self._thread_name}-done").start()

    def _announce(self, job: DownloadJob, result: DownloadResult) -> None:
        """Listeners run off the lock and off the workers; ``wait`` returns after them."""
        try:
            if self._on_finished is not None:
                self._on_finished(job, result)
        finally:
            job.set_done()
