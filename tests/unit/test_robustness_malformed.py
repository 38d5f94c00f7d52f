"""Bad input: every broken file is a FileError or a clean load, the rest still loads, and
nothing large is allocated for a file that cannot back it."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
from dicom_synthetic import ct_dataset, ct_series, to_bytes
from pydicom.dataset import Dataset
from pydicom.uid import DeflatedExplicitVRLittleEndian, RLELossless

from workstation.dicom import file_reader, stack_builder
from workstation.dicom.loader import FileError, load_series

SHARED = Path(__file__).resolve().parents[3] / "shared" / "dicom"
MALFORMED = sorted(p.relative_to(SHARED / "malformed").as_posix()
                   for p in (SHARED / "malformed").rglob("*") if p.is_file())
# Any allocation beyond this while loading a few small files means a size went unchecked.
PEAK_LIMIT = 64 * 1024**2


def _good() -> bytes:
    return to_bytes(ct_series(1)[0])


def _load_bounded(sources):
    tracemalloc.start()
    try:
        result = load_series(sources, workers=2)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < PEAK_LIMIT
    return result


@pytest.mark.skipif(not MALFORMED, reason="../shared/dicom/malformed is not present")
@pytest.mark.parametrize("name", MALFORMED)
def test_every_malformed_file_is_an_error_or_a_clean_load(shared_dicom: Path, name: str):
    bad = shared_dicom / "malformed" / name
    started = time.monotonic()
    result = load_series([bad, _good()])
    assert time.monotonic() - started < 20
    good_stacks = [s for s in result.stacks if s.sop_instance_uids[0].endswith(".1")]
    assert len(good_stacks) == 1  # the good file is untouched by its broken neighbour
    errors = [e for e in result.errors if e.source_label == bad.name]
    if errors:
        (error,) = errors
        assert isinstance(error, FileError) and error.message
        assert len(result.stacks) == 1
    else:
        bad_stacks = [s for s in result.stacks if all(s is not g for g in good_stacks)]
        assert bad_stacks and all(s.count >= 1 for s in bad_stacks)


def _messages(result) -> list[str]:
    return [e.message for e in result.errors]


def test_absurd_native_dimensions_and_short_pixel_data():
    huge = ct_series(1)[0]
    huge.Rows = huge.Columns = 65535
    wide = ct_series(1)[0]
    wide.Columns = 600  # 8 x 600 declared, 8 x 6 present
    result = _load_bounded([to_bytes(huge), to_bytes(wide), _good()])
    assert len(result.stacks) == 1
    first, second = _messages(result)
    assert first == "image size 65535 x 65535 x 1 frames is implausible"
    assert "shorter than declared" in second


def test_absurd_frame_count_of_encapsulated_data_is_refused_before_planning():
    ds = ct_series(1)[0]
    ds.compress(RLELossless)
    ds.NumberOfFrames = 20_000_000  # 1.9 GB of 8 x 6 frames, a few hundred bytes on disk
    result = _load_bounded([to_bytes(ds), _good()])
    assert len(result.stacks) == 1
    assert "frames declared but the pixel data holds" in _messages(result)[0]


def test_wrong_value_representations():
    bad_rows = ct_series(1)[0]
    bad_rows.add_new(0x00280010, "LO", "many")  # Rows as text
    bad_position = ct_series(1)[0]
    bad_position.add_new(0x00200032, "LO", "a\\b\\c")  # Image Position as text
    result = _load_bounded([to_bytes(bad_rows), to_bytes(bad_position), _good()])
    assert _messages(result) == ["invalid Rows value"]
    # Without a usable position the image is shown on its own, not placed in the volume.
    assert sorted(s.positions.shape[0] for s in result.stacks) == [0, 1]


def test_missing_pixel_data_and_truncation_keep_the_rest():
    no_pixels = ct_series(1)[0]
    del no_pixels.PixelData
    blob = _good()
    result = _load_bounded([to_bytes(no_pixels), blob[:200], blob[: len(blob) - 10], blob])
    assert len(result.stacks) == 1
    assert len(result.errors) == 3
    assert _messages(result)[0] == "no pixel data"


def test_series_and_stack_size_caps_refuse_before_allocating(monkeypatch):
    blobs = [to_bytes(ds) for ds in ct_series(4)]
    slice_bytes = 8 * 6 * 2
    monkeypatch.setattr(stack_builder, "MAX_SERIES_BYTES", 3 * slice_bytes)
    result = load_series(blobs)
    assert result.stacks == [] and len(result.errors) == 4
    assert all("series" in m and "size limit" in m for m in _messages(result))

    monkeypatch.setattr(stack_builder, "MAX_SERIES_BYTES", 100 * slice_bytes)
    monkeypatch.setattr(stack_builder, "MAX_STACK_BYTES", 2 * slice_bytes)
    result = load_series(blobs)
    assert result.stacks == [] and "stack of 4 slices exceeds the size limit" in _messages(
        result)[0]


def _deflated(ds: Dataset) -> bytes:
    ds.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    return to_bytes(ds)


def test_deflate_bomb_is_refused_without_inflating_it(monkeypatch):
    ds = ct_dataset(np.zeros((512, 512), np.int16), instance=1, position=(0, 0, 0))
    blob = _deflated(ds)
    assert len(blob) < 10_000  # 512 KiB of zeros inflates from a few kB
    monkeypatch.setattr(file_reader, "MAX_INFLATED_BYTES", 256 * 1024)
    result = _load_bounded([blob, _good()])
    assert _messages(result) == ["deflated dataset inflates beyond the size limit"]
    monkeypatch.setattr(file_reader, "MAX_INFLATED_BYTES", 1024**2)
    (stack,) = load_series([blob]).stacks
    assert stack.pixels.shape == (1, 512, 512)


def test_truncated_deflate_stream_is_an_error():
    blob = _deflated(ct_series(1)[0])
    result = load_series([blob[: len(blob) - 30], _good()])
    assert len(result.stacks) == 1 and len(result.errors) == 1


def test_positions_at_the_edge_of_the_float_range():
    datasets = ct_series(3)
    datasets[0].ImagePositionPatient = [0.0, 0.0, -1e308]
    datasets[2].ImagePositionPatient = [0.0, 0.0, 1e308]
    result = load_series([to_bytes(ds) for ds in datasets])
    assert result.errors == [] and sum(s.count for s in result.stacks) == 3
