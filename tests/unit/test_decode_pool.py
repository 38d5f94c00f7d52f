"""Decoding in worker processes: same pixels as in-process, shared volumes, crashed workers."""

from __future__ import annotations

import os
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import numpy as np
import pytest
from dicom_synthetic import ct_dataset, to_bytes
from pydicom.uid import JPEG2000Lossless, JPEGLSLossless, RLELossless

from workstation.dicom import decode_pool, decode_schedule, streaming
from workstation.dicom.loader import load_series, load_series_streaming

TS = "transfer_syntax/pydicom-data"


def _series(count: int, syntax: str | None, seed: int = 7) -> tuple[list[bytes], np.ndarray]:
    """A small CT series of signed 12-bit values (a ramp plus noise, so that codecs
    compress it), compressed to ``syntax``."""
    rng = np.random.default_rng(seed)
    ramp = np.linspace(-2000, 2000, 64 * 48).reshape(1, 64, 48)
    noise = rng.integers(-40, 40, size=(count, 64, 48))
    volume = np.clip(ramp + noise + np.arange(count).reshape(-1, 1, 1), -2048, 2047)
    volume = volume.astype(np.int16)
    blobs = []
    for k in range(count):
        ds = ct_dataset(volume[k], instance=k + 1, position=(0.0, 0.0, 2.0 * k))
        ds.BitsStored, ds.HighBit = 12, 11
        if syntax is not None:
            ds.compress(syntax, generate_instance_uid=False)
        blobs.append(to_bytes(ds))
    return blobs, volume


@pytest.fixture
def always_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """Send every compressed stack to the pool, however small."""
    monkeypatch.setattr(streaming, "POOL_MIN_MS_WARM", 0.0)
    monkeypatch.setattr(streaming, "POOL_MIN_MS_COLD", 0.0)


def _segments() -> set[str]:
    """Names of the shared-memory segments (multiprocessing names them psm_*)."""
    folder = "/dev/shm"  # noqa: S108 - the POSIX shared memory mount
    names = os.listdir(folder) if os.path.isdir(folder) else []
    return {n for n in names if n.startswith("psm_")}


@pytest.mark.parametrize("syntax", [JPEGLSLossless, JPEG2000Lossless, RLELossless],
                         ids=["jpeg-ls", "jpeg2000", "rle"])
def test_pool_decodes_exactly_like_this_process(syntax: str, always_pool: None):
    blobs, volume = _series(9, syntax)
    before = _segments()
    pooled = load_series(blobs, workers=2)
    local = load_series(blobs, workers=1)
    assert pooled.errors == [] and local.errors == []
    (stack,) = pooled.stacks
    # Sorted along the normal = instance order here; 12 bits stored are sign-extended.
    np.testing.assert_array_equal(stack.pixels, volume)
    np.testing.assert_array_equal(stack.pixels, local.stacks[0].pixels)
    assert stack.pixels.dtype == np.int16
    assert _segments() <= before  # the segment's name is gone once the load is over


def test_multiframe_frames_reach_their_slots_through_the_pool(shared_dicom: Path,
                                                               always_pool: None):
    reference = load_series([shared_dicom / "multiframe/pydicom-data/emri_small.dcm"])
    for name in ("emri_small_jpeg_ls_lossless.dcm", "emri_small_jpeg_2k_lossless.dcm"):
        result = load_series([shared_dicom / TS / name], workers=2)
        assert result.errors == []
        np.testing.assert_array_equal(result.stacks[0].pixels, reference.stacks[0].pixels)


def test_shared_volume_outlives_its_segment_name():
    volume, name = decode_pool.shared_volume((3, 4, 5), np.dtype(np.uint16))
    volume[:] = np.arange(60, dtype=np.uint16).reshape(3, 4, 5)
    view = volume[1]
    decode_pool.release_name(volume)
    assert name.lstrip("/") not in _segments()
    del volume
    assert view.sum() == sum(range(20, 40))  # still mapped while a view lives


def test_corrupt_frame_fails_its_file_only(always_pool: None):
    blobs, volume = _series(6, JPEGLSLossless)
    start = blobs[4].index(b"\xff\xd8\xff\xf7")  # SOI then SOF55 (JPEG-LS)
    blobs[4] = blobs[4][:start] + b"\x00" * 8 + blobs[4][start + 8:]
    result = load_series(blobs, workers=2)
    assert [e.source_label for e in result.errors] == ["in-memory file #5"]
    (stack,) = result.stacks
    np.testing.assert_array_equal(stack.pixels, volume[[0, 1, 2, 3, 5]])


class _BreakingPool:
    """Stands in for the process pool: the first ``breaks`` submissions fail as if their
    worker had died, later ones run in this process."""

    def __init__(self, breaks: int) -> None:
        self.breaks = breaks
        self.submitted = 0

    def submit(self, fn, *args):  # noqa: ANN001, ANN202 - mirrors Executor.submit
        self.submitted += 1
        future: Future = Future()
        if self.breaks > 0:
            self.breaks -= 1
            future.set_exception(BrokenProcessPool("worker died"))
        else:
            future.set_result(fn(*args))
        return future


def test_a_dead_worker_is_retried_once_then_its_frames_fail(monkeypatch: pytest.MonkeyPatch,
                                                           always_pool: None):
    blobs, volume = _series(4, RLELossless)
    pool = _BreakingPool(breaks=1)
    monkeypatch.setattr(decode_schedule.decode_pool, "get_pool", lambda workers=None: pool)
    monkeypatch.setattr(decode_schedule.decode_pool, "discard_pool", lambda: None)
    monkeypatch.setattr(decode_pool, "is_warm", lambda: True)
    result = load_series(blobs, workers=2)
    assert result.errors == []
    np.testing.assert_array_equal(result.stacks[0].pixels, volume)
    assert pool.submitted > 1

    pool.breaks, pool.submitted = 1000, 0
    result = load_series(blobs, workers=2)
    assert {e.message for e in result.errors} == {"the decoder stopped on this file"}
    assert result.stacks == []


def test_headers_parsed_in_workers_give_the_same_stacks(shared_dicom: Path,
                                                        monkeypatch: pytest.MonkeyPatch):
    files = sorted((shared_dicom / "mr_series/dcm_qa_nih_GE_epi_mr0005").glob("*.dcm"))
    decode_pool.warm_up(wait=True)
    monkeypatch.setattr(streaming, "POOL_MIN_HEADER_FILES", 8)
    parallel = load_series(files[:60], workers=2)
    local = load_series(files[:60], workers=1)
    assert parallel.errors == local.errors == []
    assert [s.count for s in parallel.stacks] == [s.count for s in local.stacks]
    for a, b in zip(parallel.stacks, local.stacks, strict=True):
        np.testing.assert_array_equal(a.pixels, b.pixels)
        np.testing.assert_array_equal(a.positions, b.positions)
        assert a.sop_instance_uids == b.sop_instance_uids
        assert a.header == b.header


def test_streaming_through_the_pool_delivers_the_first_slice_first(always_pool: None):
    blobs, volume = _series(12, JPEGLSLossless)
    seen: list[int] = []
    load = load_series_streaming(blobs, first_index=3, workers=2,
                                 on_slice=lambda stack, k: seen.append(k))
    result = load.result(timeout=60)
    assert seen[0] == 3
    assert sorted(seen) == list(range(12))
    assert load.ready[0].all()
    np.testing.assert_array_equal(result.stacks[0].pixels, volume)
