"""Streaming loads: stacks before pixels, the first slice first, ready masks, cancel;
native frames copied straight from files (with pydicom's masking of unused bits)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pydicom
import pytest
from dicom_synthetic import ct_dataset, ct_series, to_bytes

from workstation.dicom.loader import load_series, load_series_streaming

CT_DIR = "ct_series/dcm_qa_ct_GE_tilt"


def test_stacks_exist_before_decoding_and_fill_in(tmp_path: Path):
    blobs = [to_bytes(ds) for ds in ct_series(7)]
    gate = threading.Event()
    seen: list[tuple[int, int]] = []

    def on_slice(stack: int, k: int) -> None:
        gate.wait(10)  # hold decoding until the stacks were looked at
        seen.append((stack, k))

    load = load_series_streaming(blobs, on_slice=on_slice)
    (stack,) = load.stacks
    assert stack.pixels.shape == (7, 8, 6)
    assert stack.positions.shape == (7, 3)  # geometry is final already
    assert not load.done()
    gate.set()
    result = load.result(timeout=30)
    assert seen[0] == (0, 3)  # the middle slice, where the viewer opens
    assert sorted(k for _, k in seen) == list(range(7))
    assert load.ready[0].all()
    assert result.stacks[0].pixels[:, 0, 0].tolist() == [1000 + k for k in range(7)]


def test_first_index_is_decoded_first_then_its_neighbours():
    blobs = [to_bytes(ds) for ds in ct_series(6)]
    order: list[int] = []
    load_series_streaming(blobs, first_index=1, background=False,
                          on_slice=lambda stack, k: order.append(k))
    assert order[0] == 1
    assert set(order[1:3]) == {0, 2}
    assert order[-1] == 5


def test_wait_slice_and_errors_while_streaming():
    blobs = [to_bytes(ds) for ds in ct_series(4)] + [b"not dicom"]
    load = load_series_streaming(blobs)
    assert load.wait_slice(0, 2, timeout=30)
    result = load.result(timeout=30)
    assert [e.source_label for e in result.errors] == ["in-memory file #5"]
    assert [e.source_label for e in load.errors] == ["in-memory file #5"]


def test_cancel_ends_the_load_with_what_was_decoded():
    # Uncompressed files are copied 32 at a time, so 70 files take three steps.
    blobs = [to_bytes(ds) for ds in ct_series(70)]
    gate = threading.Event()
    load = load_series_streaming(blobs, on_slice=lambda s, k: gate.wait(10))
    load.cancel()
    gate.set()
    result = load.result(timeout=30)
    assert load.done()
    decoded = int(load.ready[0].sum())
    assert 0 < decoded < 70
    assert result.stacks[0].count == decoded  # undecoded slices are not shown
    assert {e.message for e in result.errors} == {"loading was cancelled"}


def test_progress_reaches_the_total_once_per_file():
    calls: list[tuple[int, int]] = []
    blobs = [to_bytes(ds) for ds in ct_series(5)] + [b"junk"]
    load_series_streaming(blobs, progress=lambda d, t: calls.append((d, t))).result(timeout=30)
    assert calls[0] == (0, 6) and calls[-1] == (6, 6) and len(calls) == 7


@pytest.mark.parametrize(("representation", "stored", "expected"), [
    (0, 12, [0x0ABC, 0x0123]),  # unsigned: bits above Bits Stored are cleared
    (1, 12, [-1348, 0x0123]),  # signed: bit 11 is the sign, extended upwards
])
def test_native_copy_masks_unused_bits_like_pydicom(tmp_path: Path, representation: int,
                                                    stored: int, expected: list[int]):
    raw = np.array([[0xFABC, 0x7123]], dtype=np.uint16)
    ds = ct_dataset(raw.view(np.int16), instance=1, position=(0, 0, 0))
    ds.PixelRepresentation = representation
    ds.BitsStored, ds.HighBit = stored, stored - 1
    ds.PixelData = raw.tobytes()
    path = tmp_path / "masked.dcm"
    ds.save_as(path, enforce_file_format=True)
    for source in (path, path.read_bytes()):
        (stack,) = load_series([source]).stacks
        assert stack.pixels[0, 0].tolist() == expected
        np.testing.assert_array_equal(stack.pixels[0], pydicom.dcmread(path).pixel_array)


def test_files_on_disk_load_like_the_same_bytes(shared_dicom: Path):
    files = sorted((shared_dicom / CT_DIR).glob("*.dcm"))[:6]
    from_disk = load_series(files)
    from_memory = load_series([p.read_bytes() for p in files])
    np.testing.assert_array_equal(from_disk.stacks[0].pixels, from_memory.stacks[0].pixels)
    for path, k in ((files[0], 0), (files[-1], 5)):
        reference = pydicom.dcmread(path).pixel_array
        assert any(np.array_equal(reference, from_disk.stacks[0].pixels[j]) for j in range(6)), k
