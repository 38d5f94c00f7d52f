"""Sequential vs threads vs processes for each transfer syntax of the bench series.

``python -m workstation.bench.decode_modes [--slices N] [--repeats R]`` prints the table
kept in :mod:`workstation.dicom.loader` (MEASURED_MODES), in ms per series load:

- sequential: ``load_series(files, workers=1)``, everything in this process;
- threads: the same header pass, then frames decoded on a pool of one thread per core
  (the loader's former design: the codecs hold the GIL, so this shows what threads buy);
- processes: ``load_series(files)`` with the warm process pool (the loader's design).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from workstation.bench.series_data import SYNTAXES, ensure_series


def _threads_load(files: list[Path], threads: int) -> np.ndarray:
    from workstation.dicom.decode_worker import FrameJob, decode_jobs, parse_source
    from workstation.dicom.frame_source import FramePath, frame_plan, read_native_into
    from workstation.dicom.stack_builder import plan_stacks

    parsed = [parse_source(i, f) for i, f in enumerate(files)]
    (plan,) = plan_stacks([p.record for p in parsed if p.record is not None])
    volume = plan.allocate()
    slot = {placed.record.index: k for k, placed in enumerate(plan.slices)}

    def decode(item: object) -> None:
        from workstation.dicom.decode_worker import ParsedFile
        from workstation.dicom.frame_source import encoded_frames

        assert isinstance(item, ParsedFile) and item.record is not None
        assert item.location is not None and item.description is not None
        k = slot[item.index]
        if frame_plan(item.description, item.record.dtype, 1) is FramePath.NATIVE:
            read_native_into(item.record.source, item.location, item.description, volume,
                             [0], [k])
            return
        payload = next(encoded_frames(item.record.source, item.location, 1))
        decode_jobs(volume, [FrameJob(k, payload, item.description)])

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(decode, parsed))
    return volume


def _median_ms(run: Callable[[], object], repeats: int) -> float:
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m workstation.bench.decode_modes")
    parser.add_argument("--slices", type=int, default=300)
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--data", type=Path, default=Path("build/bench-data"))
    args = parser.parse_args(argv)

    from workstation.dicom import decode_pool
    from workstation.dicom.loader import load_series

    series = ensure_series(args.data, args.size, args.size, args.slices)
    workers = decode_pool.default_workers()
    decode_pool.warm_up(wait=True)
    print(f"{'syntax':14s} {'sequential':>10s} {workers} threads {workers} processes  (ms)")
    for name in SYNTAXES:
        files = series[name]
        if not isinstance(files, list):
            print(f"{name:14s} not measured: {files}")
            continue
        sequential = _median_ms(lambda f=files: load_series(f, workers=1), args.repeats)
        threads = _median_ms(lambda f=files: _threads_load(f, workers), args.repeats)
        processes = _median_ms(lambda f=files: load_series(f), args.repeats)
        print(f"{name:14s} {sequential:10.0f} {threads:9.0f} {processes:11.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
