"""Decoding a planned series: which frame goes where, in which order, in which process.

Every file contributes one :class:`FileWork` per stack it has frames in. Works are done in
priority order - the slice shown first (by default the middle one, as the viewer opens a
volume there), then its neighbours outwards - so the image a reader sees first is decoded
first and the rest streams in around it.

Native little-endian frames are copied straight into the volume in this process (a
memory copy is faster than shipping it anywhere). Encapsulated frames of a stack worth
it (see :func:`workstation.dicom.loader` for the measurements) are sent to the process
pool in batches: each batch is the encoded bytes of a few frames of one stack, sized to
about 40 ms of decoding so that results stream back steadily (smaller towards the end,
so that the workers finish together); at most four batches per worker are in flight,
which bounds the encoded bytes held at once. Everything else
(rare layouts, small series) is decoded here, frame by frame.

A worker that dies (a codec crashing on a hostile file) breaks the pool: its batches are
sent once more to a fresh pool, and frames that break it a second time are reported as
failed instead of being decoded in this process, where a crash would end the viewer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from workstation.dicom import decode_pool
from workstation.dicom.color import frame_converter
from workstation.dicom.decode_worker import (
    FrameJob,
    FrameOutcome,
    ParsedFile,
    decode_batch_shared,
    decode_jobs,
)
from workstation.dicom.decoders import DecodeError, decode_cost_ms, decode_into
from workstation.dicom.file_reader import describe_failure, open_dataset
from workstation.dicom.frame_source import FramePath, encoded_frames, read_native_into
from workstation.dicom.image_record import PIXEL_DATA_TAG

log = logging.getLogger(__name__)

_BATCH_TARGET_MS = 40.0
_MAX_BATCH = 32
_NATIVE_CHUNK = 32
# Batches queued per worker process: enough that a worker never waits for this process
# (which may not be scheduled at once on a busy machine) to hand it the next batch.
_IN_FLIGHT_PER_WORKER = 4
_NATIVE_THREADS = 2


class DecodeEvents(Protocol):
    """What the decoding reports, on the thread that runs it."""

    def slice_ready(self, stack: int, slot: int) -> None: ...

    def file_failed(self, index: int, message: str) -> None: ...

    def file_done(self, index: int) -> None: ...

    def cancelled(self) -> bool: ...


@dataclass(slots=True)
class FileWork:
    """The frames of one file that belong to one stack, and how they are decoded."""

    stack: int
    parsed: ParsedFile
    frames: list[int]
    slots: list[int]
    route: FramePath
    priority: int
    pooled: bool = False
    remaining: int = 0

    @property
    def index(self) -> int:
        return self.parsed.index


@dataclass(slots=True)
class StackVolume:
    """A stack's pixel array; ``segment`` names its shared memory when the pool fills it."""

    pixels: np.ndarray
    segment: str | None = None


@dataclass(slots=True)
class _Batch:
    stack: int
    jobs: list[FrameJob]
    works: list[FileWork]  # the work of each job
    retried: bool = False


@dataclass(slots=True)
class SeriesDecoding:
    """Runs every work to completion (or cancellation), reporting as it goes."""

    works: list[FileWork]
    volumes: list[StackVolume]
    events: DecodeEvents
    workers: int
    local_first: set[int] = field(default_factory=set)  # stacks whose first frame stays here
    _in_flight: dict[Future[list[FrameOutcome]], _Batch] = field(default_factory=dict)
    _files_left: dict[int, int] = field(default_factory=dict)
    _jobs: Iterator[tuple[FileWork, FrameJob]] = field(default_factory=lambda: iter(()))
    _lookahead: tuple[FileWork, FrameJob] | None = None
    _exhausted: bool = False
    _pooled_left: int = 0  # frames of pooled works not submitted yet
    _pooled_total: int = 0
    _threads: ThreadPoolExecutor | None = None  # native reads

    def run(self) -> None:
        ordered = sorted(self.works, key=lambda w: (w.priority, w.stack, w.index))
        for work in ordered:
            work.remaining = len(work.frames)
            self._files_left[work.index] = self._files_left.get(work.index, 0) + 1
        local = [w for w in ordered if not w.pooled]
        pooled = [w for w in ordered if w.pooled]
        # While the pool starts, the first slice of its stacks is decoded here at once.
        for stack in sorted(self.local_first):
            first = next((w for w in pooled if w.stack == stack), None)
            if first is not None:
                pooled.remove(first)
                self._run_local(first)
        self._pooled_left = self._pooled_total = sum(len(w.frames) for w in pooled)
        self._jobs = self._pooled_jobs(pooled)
        try:
            while not self.events.cancelled():
                self._fill()
                if len(local) > 1 and local[0].route is FramePath.NATIVE:
                    self._native_step(local)
                    self._collect(block=False)
                elif local:
                    self._run_local(local.pop(0))
                    self._collect(block=False)
                elif self._in_flight:
                    self._collect(block=True)
                elif self._lookahead is None and self._exhausted:
                    return
            self._abandon()
        finally:
            if self._threads is not None:
                self._threads.shutdown(wait=True)
                self._threads = None

    # -- pool ------------------------------------------------------------------------------

    def _pooled_jobs(self, works: list[FileWork]) -> Iterator[tuple[FileWork, FrameJob]]:
        """Jobs in priority order, reading each file's codestreams lazily; a file that
        cannot be read is reported failed and skipped."""
        for work in works:
            parsed = work.parsed
            record, location, description = parsed.record, parsed.location, parsed.description
            assert record is not None and location is not None and description is not None
            wanted = dict(zip(work.frames, work.slots, strict=True))
            last = max(wanted)
            try:
                for number, payload in enumerate(encoded_frames(record.source, location,
                                                                record.frames)):
                    if number in wanted:
                        yield work, FrameJob(wanted[number], payload, description)
                    if number >= last:
                        break
            except Exception as exc:  # noqa: BLE001 - hostile encapsulation fails anywhere
                self._fail_rest(work, describe_failure(exc))

    def _take(self) -> tuple[FileWork, FrameJob] | None:
        if self._lookahead is not None:
            item, self._lookahead = self._lookahead, None
            return item
        item = next(self._jobs, None)
        if item is None:
            self._exhausted = True
        return item

    def _fill(self) -> None:
        """Submit batches until ``_IN_FLIGHT_PER_WORKER`` per worker are in flight (or
        nothing is left)."""
        while len(self._in_flight) < _IN_FLIGHT_PER_WORKER * min(self.workers,
                                                                  decode_pool.pool_size() or 1):
            first = self._take()
            if first is None:
                return
            work, job = first
            batch = _Batch(work.stack, [job], [work])
            size = self._batch_size(work)
            while len(batch.jobs) < size:
                item = self._take()
                if item is None:
                    break
                if item[0].stack != batch.stack:
                    self._lookahead = item
                    break
                batch.works.append(item[0])
                batch.jobs.append(item[1])
            self._pooled_left -= len(batch.jobs)
            self._submit(batch)

    def _batch_size(self, work: FileWork) -> int:
        """One frame for a stack's first batch (the slice shown first), then about
        ``_BATCH_TARGET_MS`` of decoding."""
        if work.priority == 0:
            return 1
        description = work.parsed.description
        assert description is not None
        cost = decode_cost_ms(description.transfer_syntax,
                              description.rows * description.columns)
        size = min(_MAX_BATCH, int(_BATCH_TARGET_MS / max(cost, 0.1)))
        # Towards the end, smaller batches: the workers finish together instead of one
        # decoding a last full batch alone. Not in the first half: the batch after the
        # first slice's stays large, so that the first slice is reported first.
        if 2 * self._pooled_left >= self._pooled_total:
            return max(1, size)
        workers = min(self.workers, decode_pool.pool_size() or 1)
        return max(1, min(size, -(-self._pooled_left // (2 * workers))))

    def _submit(self, batch: _Batch) -> None:
        volume = self.volumes[batch.stack]
        assert volume.segment is not None
        try:
            pool = decode_pool.get_pool(self.workers)
            future = pool.submit(decode_batch_shared, volume.segment, volume.pixels.shape,
                                 volume.pixels.dtype.str, batch.jobs)
        except (BrokenProcessPool, RuntimeError, OSError) as exc:
            decode_pool.discard_pool()
            self._batch_failed(batch, f"decoding process unavailable: {type(exc).__name__}")
            return
        self._in_flight[future] = batch

    def _collect(self, *, block: bool) -> None:
        if not self._in_flight:
            return
        done, _ = wait(list(self._in_flight), timeout=None if block else 0,
                       return_when=FIRST_COMPLETED)
        if not done:
            return
        # The slice shown first is reported first, even when a later batch finished
        # before it (another worker, scheduling): its batch is one frame, so wait for it.
        firsts = [f for f, b in self._in_flight.items()
                  if f not in done and any(w.priority == 0 for w in b.works)]
        if firsts:
            wait(firsts)
            done = {f for f in self._in_flight if f.done()}
        # Then in submission order, not the set's.
        for future in [f for f in self._in_flight if f in done]:
            batch = self._in_flight.pop(future)
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                decode_pool.discard_pool()
                if batch.retried:
                    self._batch_failed(batch, "the decoder stopped on this file")
                else:
                    log.warning("a decoding process stopped; retrying its frames once")
                    batch.retried = True
                    self._submit(batch)
                continue
            except Exception as exc:  # noqa: BLE001 - e.g. shared memory gone after cancel
                self._batch_failed(batch, describe_failure(exc))
                continue
            for (slot, error), work in zip(outcomes, batch.works, strict=True):
                self._frame_done(work, slot, error)

    def _batch_failed(self, batch: _Batch, message: str) -> None:
        for job, work in zip(batch.jobs, batch.works, strict=True):
            self._frame_done(work, job.slot, message)

    def _abandon(self) -> None:
        for future in list(self._in_flight):
            future.cancel()
        wait(list(self._in_flight))
        self._in_flight.clear()

    # -- this process ----------------------------------------------------------------------

    def _native_step(self, local: list[FileWork]) -> None:
        """Copy the next few native files on threads: reading and the page faults of a
        fresh volume happen in the kernel, outside the GIL, so they overlap."""
        chunk = []
        while local and local[0].route is FramePath.NATIVE and len(chunk) < _NATIVE_CHUNK:
            chunk.append(local.pop(0))
        if self._threads is None:  # one pair of threads for the whole load
            self._threads = ThreadPoolExecutor(max_workers=_NATIVE_THREADS,
                                               thread_name_prefix="native-read")
        errors = self._threads.map(self._read_native, chunk)
        for work, error in zip(chunk, errors, strict=True):  # reported as each file lands
            if error is None:
                for slot in work.slots:
                    self._frame_done(work, slot, None)
            else:
                self._fail_rest(work, error)

    def _read_native(self, work: FileWork) -> str | None:
        parsed, pixels = work.parsed, self.volumes[work.stack].pixels
        assert parsed.record is not None and parsed.location is not None
        assert parsed.description is not None
        try:
            read_native_into(parsed.record.source, parsed.location, parsed.description,
                             pixels, work.frames, work.slots)
        except Exception as exc:  # noqa: BLE001 - hostile files fail anywhere
            return describe_failure(exc)
        return None

    def _run_local(self, work: FileWork) -> None:
        parsed, pixels = work.parsed, self.volumes[work.stack].pixels
        record, location, description = parsed.record, parsed.location, parsed.description
        assert record is not None and location is not None and description is not None
        try:
            if work.route is FramePath.NATIVE:
                read_native_into(record.source, location, description, pixels,
                                 work.frames, work.slots)
            elif work.route is FramePath.WHOLE:
                self._decode_whole(work, pixels)
            else:
                wanted = dict(zip(work.frames, work.slots, strict=True))
                for number, payload in enumerate(encoded_frames(record.source, location,
                                                                record.frames)):
                    if number in wanted:
                        job = FrameJob(wanted[number], payload, description)
                        for slot, error in decode_jobs(pixels, [job]):
                            self._frame_done(work, slot, error)
                    if number >= max(wanted):
                        break
                return
        except DecodeError as exc:
            self._fail_rest(work, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - hostile files fail anywhere
            self._fail_rest(work, describe_failure(exc))
            return
        for slot in work.slots:
            self._frame_done(work, slot, None)

    def _decode_whole(self, work: FileWork, pixels: np.ndarray) -> None:
        """pydicom decodes the file from its full header (re-read when a worker parsed it,
        as those records keep only the pixel description)."""
        record = work.parsed.record
        assert record is not None
        ds = record.dataset
        if PIXEL_DATA_TAG not in ds:
            ds = open_dataset(record.source)
        try:
            convert = frame_converter(ds) if record.channels > 1 else None
            decode_into(ds, pixels, work.slots, convert, work.frames)
        finally:
            if PIXEL_DATA_TAG in ds:
                del ds[PIXEL_DATA_TAG]

    # -- bookkeeping -----------------------------------------------------------------------

    def _fail_rest(self, work: FileWork, message: str) -> None:
        """Fail every frame of ``work`` not reported yet (at most once per frame)."""
        left = work.remaining
        work.remaining = 0
        self.events.file_failed(work.index, message)
        if left:
            self._work_finished(work)

    def _frame_done(self, work: FileWork, slot: int, error: str | None) -> None:
        if work.remaining <= 0:
            return
        if error is None:
            self.events.slice_ready(work.stack, slot)
        else:
            self.events.file_failed(work.index, error)
        work.remaining -= 1
        if work.remaining == 0:
            self._work_finished(work)

    def _work_finished(self, work: FileWork) -> None:
        left = self._files_left[work.index] - 1
        self._files_left[work.index] = left
        if left == 0:
            work.parsed.location = None  # drop small inline pixel values early
            self.events.file_done(work.index)
