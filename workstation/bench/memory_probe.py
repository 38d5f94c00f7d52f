"""Peak resident memory of one series load, measured in a fresh process.

Run as ``python -m workstation.bench.memory_probe FILE_LIST`` (one path per line); prints
one JSON line: baseline and peak RSS of this process, voxel bytes, load time and how much
the decoding workers grew. The baseline is taken after every import and after the pool's
workers have started, so it holds what the application holds before a load. The volume
is read once after the load, so that pages written by worker processes count in this
process too. The peak is the kernel's high-water mark (VmHWM), reset at the baseline
through /proc/self/clear_refs (Linux 4.0+), and also sampled every millisecond from
/proc/self/statm in case the reset is not allowed.
"""

from __future__ import annotations

import contextlib
import json
import resource
import sys
import threading
import time
from pathlib import Path


def _rss(pid: str = "self") -> int:
    """Resident bytes of a process, from /proc/<pid>/statm (0 where unavailable)."""
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * resource.getpagesize()


def _reset_high_water() -> bool:
    """Make VmHWM start again from the current RSS."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _high_water() -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


class PeakRss:
    """This process's peak resident bytes over a stretch of work: sampled on a thread every
    ``period`` seconds from the start, and read back from VmHWM where the kernel lets the
    high-water mark be reset (so a spike between two samples still counts)."""

    def __init__(self, period: float) -> None:
        self._period = period
        self._reset = _reset_high_water()
        self.baseline = _rss()
        self._peak = self.baseline
        self._running = threading.Event()
        self._running.set()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while self._running.is_set():
            self._peak = max(self._peak, _rss())
            time.sleep(self._period)

    def stop(self) -> int:
        """Stop sampling; the peak in bytes."""
        self._running.clear()
        self._thread.join()
        return max(self._peak, _rss(), _high_water() if self._reset else 0)


def main(argv: list[str]) -> int:
    files = [Path(line) for line in Path(argv[0]).read_text().splitlines() if line.strip()]
    from workstation.dicom import decode_pool
    from workstation.dicom.loader import load_series

    decode_pool.warm_up(wait=True)
    time.sleep(0.2)
    peak = PeakRss(0.001)
    baseline = peak.baseline
    workers_before = sum(_rss(str(pid)) for pid in decode_pool.worker_pids())
    start = time.perf_counter()
    result = load_series(files)
    load_s = time.perf_counter() - start
    voxel_bytes = sum(stack.pixels.nbytes for stack in result.stacks)
    checksum = sum(int(stack.pixels.sum(dtype="int64")) for stack in result.stacks)
    peak_rss = peak.stop()
    workers_after = sum(_rss(str(pid)) for pid in decode_pool.worker_pids())
    print(json.dumps({
        "baseline": baseline,
        "peak": peak_rss,
        "peak_above_baseline": peak_rss - baseline,
        "voxel_bytes": voxel_bytes,
        "load_s": round(load_s, 4),
        "workers_growth": max(0, workers_after - workers_before),
        "errors": len(result.errors),
        "checksum": checksum,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
