"""The state of one study in the download queue: its instances, their order, its counts.

Order within a study, as a reader needs it:

* the series on screen, nearest the slice on screen first (ties go forward, the
  direction of scrolling through a stack): chosen on demand from a sorted list of the
  series' pending positions, so moving the focus costs nothing however often the reader
  scrolls;
* then the rest of the study, series in hub order (series number), each from its first
  instance.

Everything here is guarded by the queue's lock; only the progress reports of one job are
serialised by the job's own lock, so the counts a listener sees only ever grow.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum, IntEnum

from workstation.core.study import InstanceUrl, StudyDetail
from workstation.hub.errors import HubError
from workstation.services.object_fetch import Key, UrlBook


class Tier(IntEnum):
    """Download priority, most urgent first."""

    VIEWED = 0  # the series on screen in an open study (chosen around the viewed slice)
    STUDY = 1  # the rest of an open study
    PRIORS = 2  # earlier studies of the same patient, for comparison
    PREFETCH = 3  # the next studies of the worklist


@dataclass(frozen=True, slots=True)
class DownloadProgress:
    """One report: after the listing (``series_uid`` None) and after every instance
    finished (fetched or failed; ``sop_uid`` says which, for slice-by-slice display)."""

    tenant: str
    study_uid: str
    series_uid: str | None
    series_done: int
    series_total: int
    study_done: int
    study_total: int
    failed: int
    sop_uid: str | None = None


@dataclass(frozen=True, slots=True)
class DownloadResult:
    """Counts of one study download. ``failed`` holds SOP instance UIDs (for the UI and a
    retry, never for logs). When ``cancelled``, instances not yet attempted are in no
    count. ``listing_error`` is set when the hub could not even list the study (offline,
    forbidden): nothing was fetched."""

    total: int
    fetched: int
    cached: int
    failed: list[str] = field(default_factory=list)
    cancelled: bool = False
    listing_error: HubError | None = field(default=None, compare=False)

    @property
    def complete(self) -> bool:
        return (
            not self.cancelled
            and self.listing_error is None
            and not self.failed
            and self.fetched + self.cached == self.total
        )


ProgressListener = Callable[[DownloadProgress], None]
FinishedListener = Callable[["DownloadJob", DownloadResult], None]


def display_order(detail: StudyDetail) -> dict[str, list[str]]:
    """SOP UIDs of each series by instance number, as the viewer shows them."""
    return {
        s.series_uid: [i.sop_instance_uid for i in sorted(
            s.instances, key=lambda i: (i.instance_number is None, i.instance_number or 0))]
        for s in detail.series
    }


class JobState(Enum):
    LISTING = "listing"
    RUNNING = "running"
    DONE = "done"


class TaskState(Enum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"


@dataclass(slots=True, eq=False)
class Task:
    series_uid: str
    sop_uid: str
    series_rank: int
    pos: int
    state: TaskState = TaskState.PENDING

    @property
    def key(self) -> Key:
        return (self.series_uid, self.sop_uid)


class DownloadJob:
    """One study in the queue. The public part is the handle the caller keeps:
    ``wait``, ``done``, ``result``, ``cancel`` and ``series_progress``."""

    def __init__(self, tenant: str, study_uid: str, tier: Tier, seq: int,
                 cancel: threading.Event, scope: str | None,
                 order: dict[str, list[str]] | None,
                 close: Callable[[DownloadJob], None]) -> None:
        self.tenant = tenant
        self.study_uid = study_uid
        self.tier = tier
        self.seq = seq
        self.stamp = 0  # bumped when the tier changes: older heap entries become stale
        self.scope = scope  # list only this series (None: the whole study)
        self.order = order or {}  # series UID -> SOP UIDs in display order
        self.cancel_event = cancel
        self.state = JobState.LISTING
        self.listing_taken = False  # a worker has taken the listing step
        self.listing_busy = False  # ... and is still waiting for the hub's answer
        self.focus_series: str | None = None
        self.focus_ref: int | str | None = None  # as given: resolved again after listing
        self.focus_pos = 0
        self.focus_seq = 0
        self.book: UrlBook | None = None
        self.tasks: dict[Key, Task] = {}
        self.pending: dict[str, list[int]] = {}  # series -> sorted pending positions
        self.by_pos: dict[str, dict[int, Task]] = {}
        self.series_total: dict[str, int] = {}
        self.series_done: dict[str, int] = {}
        self.total = self.cached = self.fetched = self.running = 0
        self.failed: list[str] = []
        self.listing_error: HubError | None = None
        self.emit_lock = threading.Lock()
        self._close = close
        self._done = threading.Event()
        self._result: DownloadResult | None = None

    # -- the caller's handle --------------------------------------------------------------
    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> DownloadResult | None:
        """The result once the study is finished (complete, failed or cancelled), or None
        when ``timeout`` passes first."""
        return self._result if self._done.wait(timeout) else None

    @property
    def result(self) -> DownloadResult | None:
        return self._result

    def cancel(self) -> None:
        """Stop this study's download (same as closing it in the queue)."""
        self._close(self)

    def series_progress(self) -> dict[str, tuple[int, int]]:
        """(done, total) per series, for a display that polls instead of listening."""
        return {s: (self.series_done.get(s, 0), t) for s, t in self.series_total.items()}

    # -- used by the queue, under its lock ------------------------------------------------
    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def plan(self, listing: Sequence[InstanceUrl], cached: set[Key]) -> list[Task]:
        """Create the tasks from the hub listing; ``cached`` instances count as done.
        Returns the pending tasks in study order (for the heap)."""
        ranks: dict[str, int] = {}
        positions: dict[str, int] = {}
        urls: list[InstanceUrl] = []
        for u in listing:
            key = (u.series_uid, u.sop_instance_uid)
            if key in self.tasks or (self.scope is not None and u.series_uid != self.scope):
                continue
            ranks.setdefault(u.series_uid, len(ranks))
            pos = positions.get(u.series_uid, 0)
            positions[u.series_uid] = pos + 1
            task = Task(u.series_uid, u.sop_instance_uid, ranks[u.series_uid], pos)
            self.tasks[key] = task
            urls.append(u)
        for series, sops in self.order.items():  # the viewer's order overrides hub order
            wanted = {sop: k for k, sop in enumerate(sops)}
            mine = [t for t in self.tasks.values() if t.series_uid == series]
            mine.sort(key=lambda t: (wanted.get(t.sop_uid, len(wanted)), t.pos))
            for k, task in enumerate(mine):
                task.pos = k
        pending: list[Task] = []
        for task in self.tasks.values():
            self.series_total[task.series_uid] = self.series_total.get(task.series_uid, 0) + 1
            if task.key in cached:
                task.state = TaskState.DONE
                self.cached += 1
                self.series_done[task.series_uid] = self.series_done.get(task.series_uid, 0) + 1
            else:
                pending.append(task)
                bisect.insort(self.pending.setdefault(task.series_uid, []), task.pos)
                self.by_pos.setdefault(task.series_uid, {})[task.pos] = task
        self.total = len(self.tasks)
        if self.focus_series is not None:
            self.focus_pos = self.position_of(self.focus_series, self.focus_ref)
        return sorted(pending, key=lambda t: (t.series_rank, t.pos))

    def priority(self, task: Task | None) -> tuple[int, int, int, int]:
        """Heap order outside the focused series; ``None`` is the listing step."""
        if task is None:
            return (int(self.tier), self.seq, -1, 0)
        return (int(self.tier), self.seq, task.series_rank, task.pos)

    def nearest_pending(self) -> Task | None:
        """The pending instance of the focused series nearest the focused slice."""
        if self.focus_series is None:
            return None
        positions = self.pending.get(self.focus_series)
        if not positions:
            return None
        i = bisect.bisect_left(positions, self.focus_pos)
        after = positions[i] if i < len(positions) else None
        before = positions[i - 1] if i > 0 else None
        if after is None or (before is not None and self.focus_pos - before < after - self.focus_pos):
            chosen = before
        else:
            chosen = after
        assert chosen is not None
        return self.by_pos[self.focus_series][chosen]

    def take(self, task: Task) -> None:
        """Mark ``task`` running and remove it from the pending positions."""
        task.state = TaskState.RUNNING
        self.running += 1
        positions = self.pending[task.series_uid]
        del positions[bisect.bisect_left(positions, task.pos)]

    def drop_pending(self) -> None:
        for task in self.tasks.values():
            if task.state is TaskState.PENDING:
                task.state = TaskState.DONE
        self.pending.clear()

    def position_of(self, series_uid: str, around: int | str | None) -> int:
        """A slice index, or the position of a SOP instance UID in the series."""
        if isinstance(around, str):
            task = self.tasks.get((series_uid, around))
            if task is not None:
                return task.pos
            sops = self.order.get(series_uid, [])
            return sops.index(around) if around in sops else 0
        return max(int(around or 0), 0)

    def progress_event(self, task: Task | None) -> DownloadProgress:
        series = task.series_uid if task else None
        return DownloadProgress(
            self.tenant, self.study_uid, series,
            self.series_done.get(series, 0) if series else 0,
            self.series_total.get(series, 0) if series else 0,
            self.cached + self.fetched + len(self.failed), self.total, len(self.failed),
            task.sop_uid if task else None,
        )

    def finish(self) -> DownloadResult:
        """Freeze the counts. Cancelled means the cancel cut something short: the listing,
        or instances never attempted."""
        attempted = self.fetched + self.cached + len(self.failed)
        listed = self.book is not None or self.total > 0
        cut_short = self.cancelled and (not listed or attempted < self.total)
        self.state = JobState.DONE
        self._result = DownloadResult(self.total, self.fetched, self.cached, list(self.failed),
                                      cut_short and self.listing_error is None,
                                      self.listing_error)
        return self._result

    def set_done(self) -> None:
        self._done.set()
