"""A series load whose stacks exist before their pixels: the first slice shown arrives
first and the rest stream in.

:func:`load_series_streaming` parses every header (in parallel worker processes for a
large series of files on disk), groups and orders the slices, allocates each stack's
volume in its stored type and returns a :class:`SeriesLoad` at once: geometry, windows and
the header are final, ``pixels`` fill in on a background thread (slices not decoded yet
hold zeros), and ``ready`` says which slices are decoded. :meth:`SeriesLoad.result`
waits and returns the final :class:`LoadResult`, built by series assembly from the
decoded pixels: slices of files that failed, and images repeated with identical pixels,
are removed there, so its stacks may differ from the provisional ones.

Memory is the volumes plus, while decoding, at most four batches of encoded frames per
worker process; pydicom's deferred reading keeps the files' pixel data out of the parsed
headers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from workstation.core.stack import ImageStack
from workstation.dicom import decode_pool
from workstation.dicom.decode_schedule import FileWork, SeriesDecoding, StackVolume
from workstation.dicom.decode_worker import ParsedFile, parse_batch, parse_source
from workstation.dicom.decoders import decode_cost_ms
from workstation.dicom.fast_dataset import forgetting
from workstation.dicom.file_reader import Source, in_memory, source_label
from workstation.dicom.frame_source import FramePath, frame_plan
from workstation.dicom.load_report import FileError, LoadResult, Progress
from workstation.dicom.stack_builder import (
    StackPlan,
    build_stacks,
    plan_stacks,
    stacks_before_decoding,
)

log = logging.getLogger(__name__)

SliceReady = Callable[[int, int], None]  # (stack index, slice index)

# Measured (see workstation.dicom.loader): the pool pays off above these estimated
# single-core decoding times; a cold pool first costs its start-up (~0.3 s).
POOL_MIN_MS_WARM = 60.0
POOL_MIN_MS_COLD = 400.0
# Parsing headers in the running pool pays off for this many files on disk and more (a
# cold pool costs more to start than it saves on fewer than POOL_MIN_HEADER_FILES_COLD).
POOL_MIN_HEADER_FILES = 48
POOL_MIN_HEADER_FILES_COLD = 1000
# Headers go out in a multiple of the worker count of equal batches (at most this many
# files each), so that the workers finish together instead of one parsing a last batch
# alone while the volume waits.
_HEADER_BATCH = 24
_HEADER_BATCHES_PER_WORKER = 4


class SeriesLoad:
    """A load in progress. ``stacks`` hold final geometry and a volume being filled;
    ``ready[s][k]`` is True once slice ``k`` of stack ``s`` is decoded. Callbacks run on
    the decoding thread (the caller's own for :func:`workstation.dicom.loader.load_series`),
    so a GUI must hand them over to its own thread."""

    def __init__(self, total: int, on_slice: SliceReady | None, progress: Progress | None):
        self.stacks: list[ImageStack] = []
        self.ready: list[np.ndarray] = []
        self._plans: list[StackPlan] = []
        # For each plan: (first slot, last slot + 1, stack index) of its stacks.
        self._ranges: list[list[tuple[int, int, int]]] = []
        self._total = total
        self._done_files = 0
        self._errors: dict[int, FileError] = {}
        self._finished_files: set[int] = set()
        self._labels: dict[int, str] = {}
        self._on_slice = on_slice
        self._progress = progress
        self._cancel = threading.Event()
        self._finished = threading.Event()
        self._changed = threading.Condition()
        self._result: LoadResult | None = None
        self._thread: threading.Thread | None = None

    # -- reading the state -----------------------------------------------------------------

    @property
    def errors(self) -> list[FileError]:
        """Per-file errors known so far, in source order."""
        with self._changed:
            return [self._errors[i] for i in sorted(self._errors)]

    def done(self) -> bool:
        return self._finished.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._finished.wait(timeout)

    def wait_slice(self, stack: int, k: int, timeout: float | None = None) -> bool:
        """Wait until slice ``k`` of stack ``stack`` is decoded (False: failed or timeout)."""
        with self._changed:
            return self._changed.wait_for(
                lambda: bool(self.ready[stack][k]) or self._finished.is_set(), timeout
            ) and bool(self.ready[stack][k])

    def result(self, timeout: float | None = None) -> LoadResult:
        if not self._finished.wait(timeout):
            raise TimeoutError("the series is still loading")
        assert self._result is not None
        return self._result

    def cancel(self) -> None:
        """Stop decoding soon; :meth:`result` then holds what was decoded."""
        self._cancel.set()

    # -- DecodeEvents, called on the decoding thread ------------------------------------------

    def slice_ready(self, volume: int, slot: int) -> None:
        for start, stop, stack in self._ranges[volume]:
            if start <= slot < stop:
                with self._changed:
                    self.ready[stack][slot - start] = True
                    self._changed.notify_all()
                if self._on_slice is not None:
                    self._on_slice(stack, slot - start)
                return

    def file_failed(self, index: int, message: str) -> None:
        with self._changed:
            self._errors.setdefault(index, FileError(self._labels[index], message, index))

    def file_done(self, index: int) -> None:
        self._finished_files.add(index)
        self._report()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _report(self, count: int = 1) -> None:
        self._done_files += count
        if self._progress is not None:
            self._progress(self._done_files, self._total)

    # -- finishing ---------------------------------------------------------------------------

    def _finish(self, volumes: list[StackVolume]) -> None:
        # Undecoded slices must never be shown: after a cancel (or a failure of the
        # decoding itself) the files not finished are errors.
        reason = ("loading was cancelled" if self._cancel.is_set()
                  else "decoding stopped before this file")
        for index in self._labels:
            if index not in self._finished_files:
                self.file_failed(index, reason)
        failed = set(self._errors)
        result = LoadResult(errors=self.errors)
        for plan in self._plans:
            stacks = build_stacks(plan, failed)
            result.stacks.extend(stacks)
            result.sources.extend(_slice_sources(plan, stacks))
        for volume in volumes:
            if volume.segment is not None:
                decode_pool.release_name(volume.pixels)
        self._result = result
        log.info("loaded %d stacks from %d files, %d failed", len(result.stacks), self._total,
                 len(result.errors))
        with self._changed:
            self._finished.set()
            self._changed.notify_all()


def _slice_sources(plan: StackPlan, stacks: list[ImageStack]) -> list[tuple[int, ...]]:
    """The source index of every slice of the finished stacks, found by SOP Instance UID
    (the same instance sent as two files is attributed to each in turn)."""
    by_uid: dict[str, list[int]] = {}
    for placed in plan.slices:
        indices = by_uid.setdefault(placed.record.sop_uid, [])
        if placed.record.index not in indices:
            indices.append(placed.record.index)
    result = []
    for stack in stacks:
        seen: dict[str, int] = {}
        row = []
        for uid in stack.sop_instance_uids:
            candidates = by_uid.get(uid) or [-1]
            row.append(candidates[seen.get(uid, 0) % len(candidates)])
            seen[uid] = seen.get(uid, 0) + 1
        result.append(tuple(row))
    return result


def _parse_all(sources: Sequence[Source], use_pool: bool, workers: int) -> list[ParsedFile]:
    """Every header, in source order; in the pool when there are many files on disk."""
    on_disk = not any(in_memory(s) for s in sources)
    enough = POOL_MIN_HEADER_FILES if decode_pool.is_warm() else POOL_MIN_HEADER_FILES_COLD
    if use_pool and on_disk and len(sources) >= enough:
        try:
            pool = decode_pool.get_pool(workers)
            items = [(i, str(s)) for i, s in enumerate(sources)]
            per_round = (decode_pool.pool_size() or workers) * _HEADER_BATCHES_PER_WORKER
            count = per_round * max(1, -(-len(items) // (_HEADER_BATCH * per_round)))
            size = -(-len(items) // count)
            futures = [pool.submit(parse_batch, items[k:k + size])
                       for k in range(0, len(items), size)]
            return [parsed for future in futures for parsed in future.result()]
        except Exception as exc:  # noqa: BLE001 - a broken pool falls back to this process
            log.warning("parsing headers in worker processes failed (%s)", type(exc).__name__)
            decode_pool.discard_pool()
    with forgetting():
        return [parse_source(i, s) for i, s in enumerate(sources)]


def _first_slot(count: int, first_index: int | None) -> int:
    if first_index is None:
        return count // 2 if count > 1 else 0  # the viewer opens a volume in the middle
    return max(0, min(count - 1, int(first_index)))


def _works(plans: list[StackPlan], parsed: dict[int, ParsedFile],
           first_index: int | None) -> list[FileWork]:
    """One work per file and plan; its priority is the distance of its nearest slice from
    the slice shown first in that slice's stack."""
    works = []
    for v, plan in enumerate(plans):
        distance = np.zeros(len(plan.slices), dtype=np.int64)
        for sub in plan.stacks:
            first = sub.start + _first_slot(sub.stop - sub.start, first_index)
            distance[sub.start:sub.stop] = np.abs(np.arange(sub.start, sub.stop) - first)
        by_record: dict[int, list[tuple[int, int]]] = {}
        for slot, placed in enumerate(plan.slices):
            by_record.setdefault(placed.record.index, []).append((placed.frame, slot))
        for index, pairs in by_record.items():
            pairs.sort()
            item = parsed[index]
            assert item.record is not None and item.description is not None
            route = frame_plan(item.description, item.record.dtype, item.record.channels)
            works.append(FileWork(
                stack=v, parsed=item, frames=[f for f, _ in pairs],
                slots=[slot for _, slot in pairs], route=route,
                priority=int(min(distance[slot] for _, slot in pairs))))
    return works


def _syntax(work: FileWork) -> str:
    assert work.parsed.description is not None
    return work.parsed.description.transfer_syntax


def _pool_decision(works: list[FileWork], plans: list[StackPlan], workers: int,
                   allowed: bool) -> set[int]:
    """Stacks whose encapsulated frames go to the pool: worth at least the measured
    threshold of single-core decoding time, and room for a shared volume."""
    if not allowed or workers < 2:
        return set()
    threshold = POOL_MIN_MS_WARM if decode_pool.is_warm() else POOL_MIN_MS_COLD
    pooled = set()
    for s, plan in enumerate(plans):
        coded = [w for w in works if w.stack == s and w.route is FramePath.ENCAPSULATED]
        frames = sum(len(w.frames) for w in coded)
        if frames < 2:
            continue
        # Colour frames cost about three grayscale frames (samples, then YBR to RGB).
        pixels = plan.first.rows * plan.first.columns * plan.first.channels
        cost = sum(decode_cost_ms(_syntax(w), pixels) * len(w.frames) for w in coded)
        if cost >= threshold and decode_pool.shared_space_for(plan.nbytes):
            pooled.add(s)
    return pooled


def load_series_streaming(
    sources: Sequence[Path | bytes],
    *,
    first_index: int | None = None,
    on_slice: SliceReady | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    processes: bool = True,
    background: bool = True,
) -> SeriesLoad:
    """Parse, plan and allocate on the calling thread, then decode ``first_index`` of each
    stack (default: the middle slice) before the others, on a background thread.

    ``workers`` caps the decoding processes (1: decode in this process only);
    ``processes=False`` never uses the pool; ``background=False`` decodes before
    returning, on the calling thread (what :func:`load_series` does).
    """
    total = len(sources)
    workers = workers or decode_pool.default_workers()
    load = SeriesLoad(total, on_slice, progress)
    if progress is not None:
        progress(0, total)
    use_pool = processes and workers > 1
    parsed: dict[int, ParsedFile] = {}
    for item in _parse_all(sources, use_pool, workers):
        load._labels[item.index] = source_label(sources[item.index], item.index)
        if item.record is None:
            load.file_failed(item.index, item.error or "unreadable DICOM file")
            load._report()
        else:
            parsed[item.index] = item
    plans = []
    for plan in plan_stacks([p.record for p in parsed.values() if p.record is not None]):
        try:
            empty = plan.allocate()  # checks the size limits
            # Zero-filled, so that a slice shown before it is decoded is blank, not noise;
            # large arrays come zeroed from the kernel page by page, at no extra cost.
            plan.pixels = np.zeros(empty.shape, dtype=empty.dtype)
        except MemoryError as exc:
            for index in sorted({s.record.index for s in plan.slices}):
                load.file_failed(index, str(exc) or "not enough memory for the stack")
                load._report()
            continue
        plans.append(plan)
    works = _works(plans, parsed, first_index)
    pooled = _pool_decision(works, plans, workers, use_pool)
    volumes = []
    for v, plan in enumerate(plans):
        volumes.append(_shared(plan) if v in pooled else StackVolume(plan.pixels))
        ranges = []
        for sub, stack in zip(plan.stacks, stacks_before_decoding(plan), strict=True):
            ranges.append((sub.start, sub.stop, len(load.stacks)))
            load.stacks.append(stack)
            load.ready.append(np.zeros(stack.count, dtype=bool))
        load._ranges.append(ranges)
    load._plans = plans
    for work in works:
        work.pooled = work.stack in pooled and work.route is FramePath.ENCAPSULATED
    cold = bool(pooled) and not decode_pool.is_warm()
    if cold:  # start the workers while this thread decodes the first slices
        threading.Thread(target=decode_pool.warm_up, kwargs={"workers": workers},
                         name="decode-pool-start", daemon=True).start()
    decoding = SeriesDecoding(works, volumes, load, workers=workers,
                              local_first=set(pooled) if cold else set())

    def run() -> None:
        try:
            decoding.run()
        except Exception:
            log.exception("series decoding failed")
            if not background:
                raise
        finally:
            load._finish(volumes)

    if background:
        load._thread = threading.Thread(target=run, name="series-decoding", daemon=True)
        load._thread.start()
    else:
        run()
    return load


def _shared(plan: StackPlan) -> StackVolume:
    """Move the stack's volume into shared memory, where the pool's workers write."""
    assert plan.pixels is not None
    pixels, segment = decode_pool.shared_volume(plan.pixels.shape, plan.pixels.dtype)
    plan.pixels = pixels
    return StackVolume(pixels, segment)
