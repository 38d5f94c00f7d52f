"""Property-based bad input: mutated copies of valid files never make load_series raise,
never stop a good file from loading, and never allocate beyond the size caps.

The caps are lowered to 8 MiB for these tests, so that an allocation that escaped them
(sized from a mutated header rather than checked first) shows in the tracemalloc peak.
"""

from __future__ import annotations

import io
import resource
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest
from dicom_synthetic import ct_dataset, ct_series, to_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydicom import dcmread
from pydicom.uid import DeflatedExplicitVRLittleEndian, RLELossless

from workstation.dicom import file_reader, image_record, stack_builder
from workstation.dicom.loader import load_series

CAP = 8 * 1024**2
PEAK_LIMIT = 3 * CAP
GOOD_VALUE = 4321
PROPERTY_SETTINGS = settings(max_examples=60, deadline=5000, derandomize=True, database=None,
                             suppress_health_check=[HealthCheck.too_slow])


def _classic_multiframe() -> bytes:
    ds = ct_series(1, rows=6, columns=4)[0]
    ds.NumberOfFrames = 3
    ds.PixelData = np.arange(72, dtype="<i2").tobytes()
    return to_bytes(ds)


def _rle() -> bytes:
    ds = ct_series(1)[0]
    ds.compress(RLELossless)
    return to_bytes(ds)


def _deflated() -> bytes:
    ds = ct_series(1)[0]
    ds.file_meta.TransferSyntaxUID = DeflatedExplicitVRLittleEndian
    return to_bytes(ds)


BASES = {
    "explicit": to_bytes(ct_series(1)[0]),
    "rle": _rle(),
    "multiframe": _classic_multiframe(),
    "deflated": _deflated(),
}
GOOD = to_bytes(ct_dataset(np.full((5, 7), GOOD_VALUE, np.int16), instance=99,
                           position=(0.0, 0.0, 50.0), series_uid="1.2.826.0.1.3680043.8.498.8"))
HEADER_KEYWORDS = ("Rows", "Columns", "BitsAllocated", "BitsStored", "HighBit",
                   "PixelRepresentation", "SamplesPerPixel", "NumberOfFrames")
DROPPABLE = ("Rows", "Columns", "BitsAllocated", "PixelRepresentation", "SamplesPerPixel",
             "PhotometricInterpretation", "ImagePositionPatient", "ImageOrientationPatient",
             "PixelSpacing", "SeriesInstanceUID", "SOPInstanceUID", "RescaleSlope",
             "WindowCenter", "PixelData", "NumberOfFrames")


@contextmanager
def _lowered_caps() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(image_record, "MAX_FRAME_BYTES", CAP)
        patch.setattr(image_record, "MAX_STACK_BYTES", CAP)
        patch.setattr(stack_builder, "MAX_STACK_BYTES", CAP)
        patch.setattr(stack_builder, "MAX_SERIES_BYTES", CAP)
        patch.setattr(file_reader, "MAX_INFLATED_BYTES", CAP)
        yield


def _check(mutated: bytes) -> None:
    """Load the mutant beside a good file: no exception, the good file loads, and the
    peak of traced allocations stays under the lowered caps."""
    with _lowered_caps():
        tracemalloc.start()
        try:
            result = load_series([mutated, GOOD], workers=2)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < PEAK_LIMIT
    good = [s for s in result.stacks if s.pixels.shape[1:] == (5, 7)
            and int(s.pixels.max()) == GOOD_VALUE]
    assert len(good) == 1
    assert len(result.errors) <= 1
    assert all(e.message for e in result.errors)


@pytest.fixture(scope="module", autouse=True)
def _resident_memory_stays_bounded() -> Iterator[None]:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    yield
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 256 * 1024


@PROPERTY_SETTINGS
@given(base=st.sampled_from(sorted(BASES)), fraction=st.floats(0.0, 1.0, exclude_max=True))
def test_truncated_anywhere(base: str, fraction: float):
    data = BASES[base]
    _check(data[: int(len(data) * fraction)])


@PROPERTY_SETTINGS
@given(base=st.sampled_from(sorted(BASES)),
       flips=st.lists(st.tuples(st.floats(0.0, 1.0, exclude_max=True),
                                st.integers(0, 255)), min_size=1, max_size=8))
def test_bytes_flipped(base: str, flips: list[tuple[float, int]]):
    data = bytearray(BASES[base])
    for where, value in flips:
        data[int(len(data) * where)] = value
    _check(bytes(data))


SIZES = st.one_of(st.integers(0, 65535), st.sampled_from([0, 1, 7, 4096, 46341, 65535]))


@pytest.mark.parametrize("base", sorted(BASES))
@settings(PROPERTY_SETTINGS, max_examples=40)
@given(rows=st.none() | SIZES, columns=st.none() | SIZES,
       bits=st.none() | st.sampled_from([0, 1, 8, 12, 16, 32, 64, 255]),
       frames=st.none() | st.integers(0, 2**31 - 1),
       other=st.none() | st.tuples(st.sampled_from(HEADER_KEYWORDS[3:7]), SIZES))
def test_size_attributes_set_to_random_values(base: str, rows: int | None, columns: int | None,
                                              bits: int | None, frames: int | None,
                                              other: tuple[str, int] | None):
    ds = dcmread(io.BytesIO(BASES[base]))
    for keyword, value in (("Rows", rows), ("Columns", columns), ("BitsAllocated", bits)):
        if value is not None:
            setattr(ds, keyword, value)
    if frames is not None:
        ds.NumberOfFrames = str(frames)
    if other is not None:
        setattr(ds, *other)
    _check(to_bytes(ds))


@PROPERTY_SETTINGS
@given(base=st.sampled_from(sorted(BASES)),
       dropped=st.lists(st.sampled_from(DROPPABLE), min_size=1, max_size=4, unique=True))
def test_elements_dropped(base: str, dropped: list[str]):
    ds = dcmread(io.BytesIO(BASES[base]))
    for keyword in dropped:
        if keyword in ds:
            delattr(ds, keyword)
    _check(to_bytes(ds))
