"""The long-lived pool of decoding processes, and volumes in shared memory.

Why processes: the installed codecs (pylibjpeg-openjpeg, -libjpeg, pyjpegls, python-gdcm,
Pillow) hold the GIL while decoding, so threads do not decode in parallel at all (see the
table in :mod:`workstation.dicom.loader`). Worker processes do, but starting them costs a
few hundred milliseconds, so there is one pool per application: started lazily by the
first load that needs it (or ahead of time by :func:`warm_up`), reused by every later
load, shut down at exit.

Start method: ``forkserver`` where the platform has it, else ``spawn``; never ``fork``,
which would copy a process that may have Qt, VTK or OpenBLAS threads running (a forked
child of a threaded process may deadlock on a lock held by a thread that does not exist
in it). The fork server is a fresh interpreter that preloads the decoding modules, so each
worker starts with pydicom and the codecs already imported.

Volumes decoded by the pool live in a ``multiprocessing.shared_memory`` segment
(:func:`shared_volume`): workers write decoded frames straight into it, nothing is copied
back, and the volume is an ordinary numpy array of the stored type for the caller. The
segment's name is removed as soon as the load is over (:func:`release_name`); the memory
itself is returned when the last array viewing it is garbage-collected.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.shared_memory import SharedMemory
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

_WORKER_MODULE = "workstation.dicom.decode_worker"
_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_pool_workers = 0
_warm = threading.Event()


def default_workers() -> int:
    """One decoding process per core (at most 8: beyond that disk and memory bandwidth,
    not cores, bound a series load)."""
    return max(1, min(8, os.cpu_count() or 1))


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([_WORKER_MODULE])
        return ctx
    return multiprocessing.get_context("spawn")


def get_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """The shared pool, started on first use. ``workers`` only matters for the first call
    (or after :func:`shutdown`)."""
    global _pool, _pool_workers
    with _lock:
        if _pool is None:
            _pool_workers = workers or default_workers()
            from workstation.dicom.decode_worker import init_worker

            _pool = ProcessPoolExecutor(max_workers=_pool_workers, mp_context=_context(),
                                        initializer=init_worker)
            log.info("decoding pool started with %d processes", _pool_workers)
        return _pool


def pool_size() -> int:
    """Number of worker processes of the running pool (0 when not started)."""
    return _pool_workers if _pool is not None else 0


def worker_pids() -> list[int]:
    """Process ids of the running workers (for memory accounting)."""
    pool = _pool
    processes = getattr(pool, "_processes", None) or {}
    return [int(pid) for pid in processes]


def is_warm() -> bool:
    """True once every worker has answered a task (no start-up cost left to pay)."""
    return _pool is not None and _warm.is_set()


def warm_up(workers: int | None = None, *, wait: bool = False) -> None:
    """Start the worker processes ahead of the first load (e.g. while the worklist shows),
    so that the first compressed series does not pay their start-up."""
    from workstation.dicom.decode_worker import worker_ready

    pool = get_pool(workers)
    futures = [pool.submit(worker_ready) for _ in range(pool_size())]
    remaining = [len(futures)]

    def answered(_: Future[int]) -> None:
        with _lock:
            remaining[0] -= 1
            if remaining[0] == 0:
                _warm.set()

    for future in futures:
        future.add_done_callback(answered)
    if wait:
        for future in futures:
            future.result()


def discard_pool() -> None:
    """Forget a pool whose workers died (BrokenProcessPool); the next load starts anew."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
        _warm.clear()
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def shutdown() -> None:
    """Stop the workers (registered to run at interpreter exit)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
        _warm.clear()
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown)


class _SegmentHolder:
    """Keeps one shared-memory segment mapped for as long as any array uses it.

    numpy keeps the object that exposes ``__array_interface__`` as the array's base, so
    the segment is closed (unmapped) only when the volume and every view of it are gone.
    No buffer export is held, so closing never fails.
    """

    def __init__(self, shape: tuple[int, ...], dtype: np.dtype) -> None:
        nbytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
        self.segment = SharedMemory(create=True, size=max(1, nbytes))
        probe = np.frombuffer(self.segment.buf, dtype=np.uint8, count=1)
        address = int(probe.ctypes.data)
        del probe
        self.__array_interface__ = {
            "shape": shape,
            "typestr": dtype.str,
            "data": (address, False),
            "version": 3,
        }

    def __del__(self) -> None:
        try:
            self.segment.close()
        except (OSError, BufferError):
            pass


def shared_space_for(nbytes: int) -> bool:
    """Whether a shared segment of ``nbytes`` fits: on Linux, segments live in /dev/shm,
    which containers often cap at 64 MB, and writing past the cap kills the process with
    SIGBUS instead of raising."""
    shm_dir = "/dev/shm"  # noqa: S108 - the POSIX shared memory mount, not a temp file
    if not os.path.isdir(shm_dir):
        return True
    stats = os.statvfs(shm_dir)
    return stats.f_bavail * stats.f_frsize > nbytes * 1.1 + 64 * 1024**2


def shared_volume(shape: tuple[int, ...], dtype: np.dtype) -> tuple[np.ndarray, str]:
    """A new array in shared memory and the segment name workers attach to."""
    holder = _SegmentHolder(tuple(int(n) for n in shape), np.dtype(dtype))
    return np.asarray(holder), holder.segment.name


def release_name(volume: np.ndarray) -> None:
    """Remove the segment's name once no worker needs to attach any more; the memory stays
    mapped for this process until the array is collected."""
    base: object = volume
    while isinstance(base, np.ndarray):
        base = base.base
    if isinstance(base, _SegmentHolder):
        try:
            base.segment.unlink()
        except FileNotFoundError:
            pass
