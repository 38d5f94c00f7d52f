"""Benchmark figures of the encrypted cache and the downloader.

- P3: reopening a cached 300-slice CT to a ready volume (decoded-volume cache: read,
  authenticate, decrypt) vs SimpleITK's ``ImageSeriesReader`` reading the same series
  from plain files; ratio ours/peer, goal <= 0.2. The decompression times of candidate
  codecs on the same volume are recorded too (``codecs``), which is why the volume cache
  stores pixels uncompressed.
- P6: downloading a 300-instance study from the demo hub over loopback into the
  encrypted cache (listing, parallel fetches, sealing, indexing) vs ``curl --parallel``
  fetching the same pre-signed URLs to /dev/null; ratio ours_throughput/curl_throughput,
  **higher is better**, goal >= 0.9 (the JSON says ``"goal": ">= 0.9"``).

The demo hub runs in a process of its own (``python -m workstation.bench.cache_figures
serve-hub``), as a real hub would: sharing this process's GIL would slow it down for
our side only. Runs alternate between ours and the peer, medians of ``repeats`` after
one untimed run of each, as in :mod:`workstation.bench.figures`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from workstation.bench.figures import Figure, alternate

CACHE_FIGURES = ("P3", "P6")
TENANT = "ankara"
DOWNLOAD_CONNECTIONS = 6  # the queue's default, as browsers use per host


@dataclass(slots=True)
class AtLeastFigure(Figure):
    """A figure whose ratio must reach the goal from below (throughput ratios)."""

    def as_json(self) -> dict[str, Any]:
        data = Figure.as_json(self)
        data["met"] = None if self.ratio is None else self.ratio >= self.goal
        data["goal"] = f">= {self.goal}"
        data["goal_direction"] = "higher is better"
        return data


def _round(value: float) -> float:
    return round(value, 4)


def _series_uids(files: list[Path]) -> tuple[str, str]:
    import pydicom

    ds = pydicom.dcmread(files[0], stop_before_pixels=True)
    return str(ds.StudyInstanceUID), str(ds.SeriesInstanceUID)


# -- P3 ----------------------------------------------------------------------------------
def figure_p3(files: list[Path], repeats: int, work: Path) -> Figure:
    figure = Figure("P3", 0.2, "SimpleITK ImageSeriesReader")
    try:
        import SimpleITK as sitk  # noqa: N813 - the library's own name
    except ImportError:
        figure.notes = "not measured: SimpleITK is not installed (pip install SimpleITK)"
        return figure
    import pydicom

    from workstation.cache.store import EncryptedStore
    from workstation.dicom import decode_pool
    from workstation.services.series_loading import load_cached_series

    decode_pool.warm_up(wait=True)
    root = work / "p3-cache"
    shutil.rmtree(root, ignore_errors=True)
    store = EncryptedStore(root, bytes(range(32)))
    try:
        for path in files:
            ds = pydicom.dcmread(path, stop_before_pixels=True)
            store.put(TENANT, str(ds.StudyInstanceUID), str(ds.SeriesInstanceUID),
                      str(ds.SOPInstanceUID), path.read_bytes())
        study, series = _series_uids(files)
        start = time.perf_counter()
        first = load_cached_series(store, TENANT, study, series)  # decodes, keeps the volume
        first_open = time.perf_counter() - start
        names = [str(f) for f in files]

        def ours() -> np.ndarray:
            return load_cached_series(store, TENANT, study, series).stacks[0].pixels

        def peer() -> np.ndarray:
            reader = sitk.ImageSeriesReader()
            reader.SetFileNames(names)
            return sitk.GetArrayViewFromImage(reader.Execute())

        volume = ours()
        if volume.shape != peer().shape or not np.array_equal(volume, first.stacks[0].pixels):
            raise RuntimeError("the reopened volume differs from the decoded one")
        ours_s, peer_s = alternate(ours, peer, repeats)
        figure.extra["codecs"] = _codec_times(volume)
        figure.extra["first_open_s"] = _round(first_open)
    finally:
        store.close()
        shutil.rmtree(root, ignore_errors=True)
    figure.peer = f"SimpleITK {sitk.Version.VersionString()} ImageSeriesReader"
    figure.ours_s, figure.peer_s = _round(ours_s), _round(peer_s)
    figure.ratio = _round(ours_s / peer_s)
    figure.notes = (f"{len(files)} files {volume.shape[1]}x{volume.shape[2]}: reopen from the "
                    f"encrypted decoded-volume cache (first open, decoding DICOM: "
                    f"{first_open:.2f} s); files and cache in the page cache")
    return figure


def _codec_times(volume: np.ndarray) -> dict[str, dict[str, float]]:
    """Compression ratio and decompression seconds of the volume's bytes per codec."""
    raw = np.ascontiguousarray(volume).tobytes()
    codecs: dict[str, tuple[Callable[[bytes], bytes], Callable[[bytes], bytes]]] = {
        "zlib-1": (lambda b: zlib.compress(b, 1), zlib.decompress)}
    try:
        import lz4.frame

        codecs["lz4"] = (lz4.frame.compress, lz4.frame.decompress)
    except ImportError:
        pass
    try:
        import zstandard

        codecs["zstd-1"] = (zstandard.ZstdCompressor(level=1).compress,
                            zstandard.ZstdDecompressor().decompress)
    except ImportError:
        pass
    found = {}
    for name, (compress, decompress) in codecs.items():
        packed = compress(raw)
        start = time.perf_counter()
        decompress(packed)
        found[name] = {"ratio": _round(len(packed) / len(raw)),
                       "decompress_s": _round(time.perf_counter() - start)}
    return found


# -- P6 ----------------------------------------------------------------------------------
def figure_p6(files: list[Path], repeats: int, work: Path) -> Figure:
    figure = AtLeastFigure("P6", 0.9, "curl --parallel")
    curl = shutil.which("curl")
    if curl is None:
        figure.notes = "not measured: curl is not installed"
        return figure
    study, _series = _series_uids(files)
    manifest = work / "p6-hub" / "manifest.json"
    manifest.parent.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps({
        "version": 1, "tenants": [{"id": TENANT, "name": "Bench Hospital"}],
        "studies": [{"study_uid": study, "tenant": TENANT, "priority": "ROUTINE",
                     "status": "UNREAD", "dir": str(files[0].parent.resolve())}]}))
    hub = subprocess.Popen(  # noqa: S603 - this interpreter, our own module
        [sys.executable, "-m", "workstation.bench.cache_figures", "serve-hub",
         str(work / "p6-hub" / "data"), str(manifest)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert hub.stdout is not None
        base_url = hub.stdout.readline().strip()
        if not base_url.startswith("http"):
            raise RuntimeError("the demo hub did not start")
        _measure_p6(figure, curl, base_url, study, files, repeats, work, hub.pid)
    finally:
        if hub.stdin is not None:
            hub.stdin.close()
        hub.wait(30)
    return figure


def _process_cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of process ``pid`` so far (Linux ``/proc``), else None.
    Diagnostics only: the hub serves both sides, so its CPU use shows how much of the two
    cores it leaves to the client being timed."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def _children_cpu_s() -> float | None:
    """User + system CPU seconds of the finished child processes (curl), else None."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass(slots=True)
class _CpuLog:
    """CPU seconds per timed run, read around (never inside) the timed section."""

    own: list[float]
    hub: list[float]

    def median(self, values: list[float]) -> float | None:
        return _round(statistics.median(values)) if values else None


def _measure_p6(figure: Figure, curl: str, base_url: str, study: str, files: list[Path],
                repeats: int, work: Path, hub_pid: int | None = None) -> None:
    from workstation.cache.store import EncryptedStore
    from workstation.demohub.accounts import DEMO_READER
    from workstation.hub.client import HubClient
    from workstation.services.download_queue import DownloadQueue
    from workstation.services.object_http import HttpObjectFetcher

    client = HubClient(base_url)
    challenge = client.login(DEMO_READER.username, DEMO_READER.password)
    client.verify_totp(challenge, DEMO_READER.totp().now())
    urls = client.instance_urls(study)
    total = sum(u.size for u in urls)
    config = work / "p6-curl.cfg"
    config.write_text("".join(f'url = "{u.url}"\noutput = "/dev/null"\n' for u in urls))
    version = subprocess.run([curl, "--version"], capture_output=True, text=True,  # noqa: S603
                             check=True).stdout.split()[1]
    root = work / "p6-cache"
    shutil.rmtree(root, ignore_errors=True)
    store = EncryptedStore(root, bytes(range(32)))
    http2 = False
    ours_cpu, curl_cpu = _CpuLog([], []), _CpuLog([], [])

    def hub_cpu() -> float | None:
        return None if hub_pid is None else _process_cpu_s(hub_pid)

    def ours() -> float:
        """Seconds from asking for the study to having all of it sealed in the cache."""
        nonlocal http2
        store.clear()  # untimed: every run starts from an empty cache
        fetcher = HttpObjectFetcher(connections=DOWNLOAD_CONNECTIONS)
        http2 = fetcher.http2
        queue = DownloadQueue(client, store, fetcher, connections=DOWNLOAD_CONNECTIONS)
        hub_before, own_before = hub_cpu(), time.process_time()
        start = time.perf_counter()
        try:
            result = queue.open_study(TENANT, study, pin=False).wait(600)
            elapsed = time.perf_counter() - start
            own, hub_after = time.process_time() - own_before, hub_cpu()
        finally:
            queue.shutdown()
            fetcher.close()
        if result is None or not result.complete or result.fetched != len(urls):
            raise RuntimeError(f"the benchmark download did not complete: {result}")
        ours_cpu.own.append(own)
        if hub_before is not None and hub_after is not None:
            ours_cpu.hub.append(hub_after - hub_before)
        return elapsed

    def peer() -> float:
        hub_before, children_before = hub_cpu(), _children_cpu_s()
        start = time.perf_counter()
        subprocess.run([curl, "--parallel", "--silent", "--fail", "--config", str(config)],  # noqa: S603
                       check=True, timeout=600, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        hub_after, children_after = hub_cpu(), _children_cpu_s()
        if children_before is not None and children_after is not None:
            curl_cpu.own.append(children_after - children_before)
        if hub_before is not None and hub_after is not None:
            curl_cpu.hub.append(hub_after - hub_before)
        return elapsed

    try:
        ours()  # untimed first run of each, as in figures.alternate
        peer()
        for log in (ours_cpu, curl_cpu):
            log.own.clear()
            log.hub.clear()
        ours_times, peer_times = [], []
        for _ in range(repeats):
            ours_times.append(ours())
            peer_times.append(peer())
        ours_s, peer_s = statistics.median(ours_times), statistics.median(peer_times)
        # Byte-for-byte equality is the tests' job; here the sizes must agree.
        if store.study_size(TENANT, study) != total:
            raise RuntimeError("the cached study does not have the listed size")
    finally:
        store.close()
        shutil.rmtree(root, ignore_errors=True)
        config.unlink(missing_ok=True)  # signed URLs: not left lying around
        client.close()
    mb = total / 1e6
    figure.peer = f"curl {version} --parallel (max 50 transfers), to /dev/null"
    figure.ours_s, figure.peer_s = _round(ours_s), _round(peer_s)
    figure.ratio = _round(peer_s / ours_s)  # = our throughput / curl's throughput
    figure.extra.update({"bytes": total, "instances": len(urls),
                         "ours_mb_s": _round(mb / ours_s), "curl_mb_s": _round(mb / peer_s),
                         "connections": DOWNLOAD_CONNECTIONS, "http2_available": http2,
                         # Diagnostics, medians of the timed runs: CPU seconds of our
                         # process, of curl, and of the hub while serving each side.
                         "ours_runs_s": [_round(t) for t in ours_times],
                         "curl_runs_s": [_round(t) for t in peer_times],
                         "ours_cpu_s": ours_cpu.median(ours_cpu.own),
                         "curl_cpu_s": curl_cpu.median(curl_cpu.own),
                         "hub_cpu_s_serving_ours": ours_cpu.median(ours_cpu.hub),
                         "hub_cpu_s_serving_curl": curl_cpu.median(curl_cpu.hub),
                         "load_average_1min": _load_average()})
    figure.notes = (f"{len(urls)} instances, {mb:.0f} MB from the demo hub (own process, "
                    f"HTTP/1.1 over loopback); ours: {DOWNLOAD_CONNECTIONS} connections into "
                    "the encrypted cache, timed from the URL listing request; "
                    "ratio = our throughput / curl's, higher is better")


def _load_average() -> float | None:
    """The 1-minute load average (other work on the machine shares the cores), if known."""
    try:
        return round(os.getloadavg()[0], 2)
    except (OSError, AttributeError):
        return None


def run_cache_figures(wanted: set[str], files: list[Path], repeats: int,
                      work: Path) -> list[Figure]:
    """The figures of this module that are in ``wanted``."""
    work.mkdir(parents=True, exist_ok=True)
    figures: list[Figure] = []
    if "P3" in wanted:
        figures.append(figure_p3(files, repeats, work))
    if "P6" in wanted:
        figures.append(figure_p6(files, repeats, work))
    return figures


# -- the hub process of P6 ----------------------------------------------------------------
def serve_hub(data: Path, manifest: Path) -> int:
    """Serve the demo hub until standard input closes; print its URL first."""
    from workstation.demohub.server import start_in_thread
    from workstation.demohub.settings import HubSettings

    shutil.rmtree(data, ignore_errors=True)  # a fresh hub database every run
    hub = start_in_thread(data, port=0, manifest=manifest,
                          settings=HubSettings(bcrypt_rounds=4, url_ttl=3600))
    print(hub.base_url, flush=True)
    try:
        sys.stdin.read()
    finally:
        hub.stop()
        shutil.rmtree(data, ignore_errors=True)
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m workstation.bench.cache_figures")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve-hub", help="serve the demo hub for P6 until stdin closes")
    serve.add_argument("data", type=Path)
    serve.add_argument("manifest", type=Path)
    args = parser.parse_args(argv)
    return serve_hub(args.data, args.manifest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
