"""The DICOM engine's benchmark figures, each a ratio of two times taken in the same run.

- P1: our load of an uncompressed series from files (headers parsed, validated, sorted,
  volume filled) vs SimpleITK's ``ImageSeriesReader`` on the same files; goal <= 0.5.
- P2_<syntax>: our load of the same series stored as JPEG-LS, JPEG 2000 or HTJ2K vs the
  best single plugin decoding it sequentially (read, decode, copy into a volume, one file
  after another, in one process); goal <= 1.1 / number of cores.
- P_mem (P_mem_j2k): peak resident memory above the baseline during our load, in a fresh
  process, vs the volume's voxel bytes; goal <= 1.5.

Times are medians of ``repeats`` runs after one untimed run of each side (files in the
page cache, the decoding pool started: the application starts it at launch). Ours and the
peer alternate, so that background load on the machine hits both alike.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np


@dataclass(slots=True)
class Figure:
    """One benchmark figure; ``ratio`` is None when it could not be measured."""

    id: str
    goal: float
    peer: str
    ratio: float | None = None
    ours_s: float | None = None
    peer_s: float | None = None
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        met = None if self.ratio is None else self.ratio <= self.goal
        return {"ratio": self.ratio, "goal": round(self.goal, 4), "ours_s": self.ours_s,
                "peer_s": self.peer_s, "peer": self.peer, "met": met, "notes": self.notes,
                **self.extra}


def cores() -> int:
    return os.cpu_count() or 1


def _round(value: float) -> float:
    return round(value, 4)


def alternate(ours: Callable[[], object], peer: Callable[[], object],
              repeats: int) -> tuple[float, float]:
    """Median seconds of each, runs alternating, after one untimed run of each."""
    ours()
    peer()
    ours_times, peer_times = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        ours()
        ours_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        peer()
        peer_times.append(time.perf_counter() - start)
    return statistics.median(ours_times), statistics.median(peer_times)


def _our_volume(files: list[Path]) -> np.ndarray:
    from workstation.dicom.loader import load_series

    result = load_series(files)
    if result.errors or len(result.stacks) != 1 or result.stacks[0].count != len(files):
        raise RuntimeError(f"the benchmark series did not load as one stack: {result.errors[:2]}")
    return result.stacks[0].pixels


def figure_p1(files: list[Path], repeats: int) -> Figure:
    figure = Figure("P1", 0.5, "SimpleITK ImageSeriesReader")
    try:
        import SimpleITK as sitk  # noqa: N813 - the library's own name
    except ImportError:
        figure.notes = "not measured: SimpleITK is not installed (pip install SimpleITK)"
        return figure
    from workstation.dicom import decode_pool

    decode_pool.warm_up(wait=True)
    names = [str(f) for f in files]

    def peer() -> np.ndarray:
        reader = sitk.ImageSeriesReader()
        reader.SetFileNames(names)
        return sitk.GetArrayViewFromImage(reader.Execute())

    ours_volume = _our_volume(files)
    peer_volume = peer()
    if peer_volume.shape != ours_volume.shape:
        raise RuntimeError("SimpleITK and the loader disagree on the volume's shape")
    ours_s, peer_s = alternate(lambda: _our_volume(files), peer, repeats)
    figure.peer = f"SimpleITK {sitk.Version.VersionString()} ImageSeriesReader"
    figure.ours_s, figure.peer_s = _round(ours_s), _round(peer_s)
    figure.ratio = _round(ours_s / peer_s)
    figure.notes = (f"{len(files)} files {ours_volume.shape[1]}x{ours_volume.shape[2]} "
                    "uncompressed, page cache warm, pool started before timing")
    return figure


def _sequential_decode(files: list[Path], plugin: str) -> Callable[[], np.ndarray]:
    """Read, decode with one plugin and copy into a volume, one file after the other."""
    import pydicom
    from pydicom.pixels import get_decoder

    def run() -> np.ndarray:
        volume: np.ndarray | None = None
        for k, path in enumerate(files):
            ds = pydicom.dcmread(path)
            arr, _ = get_decoder(ds.file_meta.TransferSyntaxUID).as_array(
                ds, decoding_plugin=plugin)
            if volume is None:
                volume = np.empty((len(files), *arr.shape), dtype=arr.dtype)
            volume[k] = arr
        assert volume is not None
        return volume

    return run


def _slice_sums(volume: np.ndarray) -> list[int]:
    return sorted(volume.reshape(volume.shape[0], -1).sum(axis=1, dtype=np.int64).tolist())


def figure_p2(name: str, files: list[Path], repeats: int) -> Figure:
    """Our load vs the fastest plugin of the syntax, each plugin timed sequentially."""
    import pydicom

    from workstation.dicom import decode_pool
    from workstation.dicom.decoders import plugin_order

    figure = Figure(f"P2_{name}", 1.1 / cores(), "best single plugin, sequential")
    syntax = pydicom.dcmread(files[0], stop_before_pixels=True).file_meta.TransferSyntaxUID
    decode_pool.warm_up(wait=True)
    reference = _our_volume(files)
    once: dict[str, tuple[float, float]] = {}
    for plugin in plugin_order(syntax):  # one timed run each, checked against our pixels
        run = _sequential_decode(files, plugin)
        start, cpu = time.perf_counter(), time.process_time()
        try:
            volume = run()
        except Exception:  # noqa: BLE001, S112 - a plugin that cannot decode is no peer
            continue
        elapsed = (time.perf_counter() - start, time.process_time() - cpu)
        if _slice_sums(volume) == _slice_sums(reference):  # same slices, any order
            once[plugin] = elapsed
    if not once:
        figure.notes = "not measured: no plugin decodes this syntax sequentially"
        return figure
    plugin = min(once, key=lambda p: once[p][0])
    ours_s, peer_s = alternate(lambda: _our_volume(files), _sequential_decode(files, plugin),
                               repeats)
    wall, cpu = once[plugin]
    figure.peer = f"{plugin} (sequential, pydicom {pydicom.__version__})"
    figure.ours_s, figure.peer_s = _round(ours_s), _round(peer_s)
    figure.ratio = _round(ours_s / peer_s)
    threads = f"; the peer itself used {cpu / wall:.1f} cores (CPU/wall)" if cpu > 1.2 * wall else ""
    figure.notes = (f"{len(files)} files, {cores()} cores, goal 1.1/{cores()}; plugins "
                    + ", ".join(f"{p} {once[p][0]:.3f}s" for p in once) + threads)
    figure.extra["plugins_s"] = {p: _round(once[p][0]) for p in once}
    return figure


def figure_memory(figure_id: str, files: list[Path]) -> Figure:
    """Peak RSS above baseline in a fresh process (workstation.bench.memory_probe)."""
    figure = Figure(figure_id, 1.5, "voxel bytes of the volume")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(str(f) for f in files))
    try:
        output = subprocess.run(  # noqa: S603 - this interpreter, our own module
            [sys.executable, "-m", "workstation.bench.memory_probe", listing.name],
            check=True, capture_output=True, text=True, timeout=600).stdout
    finally:
        Path(listing.name).unlink()
    probe = json.loads(output.strip().splitlines()[-1])
    figure.ratio = _round(probe["peak_above_baseline"] / probe["voxel_bytes"])
    figure.ours_s = probe["load_s"]
    figure.notes = (f"parent process, baseline after imports and pool start; peak "
                    f"{probe['peak_above_baseline'] / 2**20:.0f} MiB above baseline for "
                    f"{probe['voxel_bytes'] / 2**20:.0f} MiB of voxels; worker processes grew "
                    f"{probe['workers_growth'] / 2**20:.0f} MiB (private, not the volume)")
    figure.extra.update(probe)
    return figure
