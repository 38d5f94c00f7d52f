"""Reopening a series from the decoded-volume cache: same stacks, no DICOM decoding, and
never a stale or damaged volume."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from dicom_synthetic import SERIES, STUDY, ct_series, to_bytes

from workstation.cache.store import EncryptedStore
from workstation.core.grayscale import GrayscaleTransform, PixelPadding, PresentationShape
from workstation.core.lut import LookupTable
from workstation.core.projection_info import ProjectionInfo
from workstation.core.stack import ImageStack, SeriesHeader
from workstation.core.window import VoiFunction, Window
from workstation.dicom import loader
from workstation.dicom.load_report import FileError, LoadResult
from workstation.services import volume_codec
from workstation.services.series_loading import load_cached_series

TENANT = "tenant-a"


@pytest.fixture
def store(tmp_path: Path):
    s = EncryptedStore(tmp_path / "cache", bytes(range(32)))
    for ds in ct_series(6, rows=16, columns=12):
        s.put(TENANT, STUDY, SERIES, str(ds.SOPInstanceUID), to_bytes(ds))
    yield s
    s.close()


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the DICOM decodes (calls of the real loader)."""
    calls: list[int] = []
    real = loader.load_series

    def counting(sources, **kwargs):
        calls.append(len(sources))
        return real(sources, **kwargs)

    monkeypatch.setattr(loader, "load_series", counting)
    return calls


def assert_same_result(a: LoadResult, b: LoadResult) -> None:
    assert len(a.stacks) == len(b.stacks) and a.errors == b.errors and a.sources == b.sources
    for x, y in zip(a.stacks, b.stacks, strict=True):
        for f in dataclasses.fields(ImageStack):
            left, right = getattr(x, f.name), getattr(y, f.name)
            if isinstance(left, np.ndarray):
                assert left.dtype == right.dtype and np.array_equal(left, right), f.name
            else:
                assert left == right, f.name


def volume_files(store: EncryptedStore) -> list[Path]:
    return [p for p in (store.root / "volumes").rglob("*") if p.is_file()]


def test_reopening_skips_dicom_decoding_and_gives_the_same_stacks(store, decodes):
    first = load_cached_series(store, TENANT, STUDY, SERIES)
    assert decodes == [6] and len(volume_files(store)) == 1
    progress: list[tuple[int, int]] = []
    again = load_cached_series(store, TENANT, STUDY, SERIES,
                               progress=lambda d, t: progress.append((d, t)))
    assert decodes == [6]  # no second decode
    assert progress == [(6, 6)]
    assert_same_result(first, again)
    assert again.stacks[0].pixels.flags.writeable
    assert again.stacks[0].header.patient_name == "DOE^JANE"
    for path in store.root.rglob("*"):  # the volume holds no readable header or pixels
        if path.is_file():
            assert b"DOE^JANE" not in path.read_bytes() and b"DICM" not in path.read_bytes()


def test_a_changed_instance_invalidates_the_volume(store, decodes):
    load_cached_series(store, TENANT, STUDY, SERIES)
    extra = ct_series(7, rows=16, columns=12)[6]
    store.put(TENANT, STUDY, SERIES, str(extra.SOPInstanceUID), to_bytes(extra))
    result = load_cached_series(store, TENANT, STUDY, SERIES)
    assert decodes == [6, 7] and result.stacks[0].count == 7
    load_cached_series(store, TENANT, STUDY, SERIES)
    assert decodes == [6, 7]  # the new volume serves the next opening


def test_a_damaged_volume_is_never_returned(store, decodes):
    first = load_cached_series(store, TENANT, STUDY, SERIES)
    (path,) = volume_files(store)
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    path.write_bytes(bytes(blob))
    again = load_cached_series(store, TENANT, STUDY, SERIES)
    assert decodes == [6, 6]  # decoded again from the instances
    assert_same_result(first, again)
    assert len(volume_files(store)) == 1 and volume_files(store)[0].read_bytes() != bytes(blob)


def test_a_volume_of_another_version_is_decoded_again(store, decodes, monkeypatch):
    load_cached_series(store, TENANT, STUDY, SERIES)
    monkeypatch.setattr(volume_codec, "__version__", "0.0.0-other")
    load_cached_series(store, TENANT, STUDY, SERIES)
    assert decodes == [6, 6]


def test_without_the_volume_cache_nothing_is_kept(store, decodes):
    load_cached_series(store, TENANT, STUDY, SERIES, use_volume_cache=False)
    assert volume_files(store) == []


def test_codec_round_trips_every_stack_attribute():
    table = LookupTable(-1024, 12, np.arange(4096, dtype=np.uint16), "HU TABLE")
    stack = ImageStack(
        pixels=np.arange(2 * 3 * 4, dtype=np.uint16).reshape(2, 3, 4),
        slope=2.0, intercept=-1024.5, row_cosine=(1.0, 0.0, 0.0), column_cosine=(0.0, 0.0, -1.0),
        positions=np.array([[0.1, 0.2, 0.3], [0.1, 0.2, 1.3]]), pixel_spacing=(0.7, 0.8),
        slice_thickness=None, photometric="MONOCHROME1",
        windows=(Window(40.0, 400.0, "SOFT", VoiFunction.SIGMOID),), padding_value=-2000,
        instance_numbers=(1, None), sop_instance_uids=("1.2.1", "1.2.2"),
        header=SeriesHeader(patient_name="ÇELİK^ŞÜKRÜ", series_number=7, lossy=True),
        warnings=("gap",),
        display=GrayscaleTransform(modality_table=table, voi_tables=(table,),
                                   presentation=PresentationShape.INVERSE,
                                   padding=PixelPadding(-2000, -1990), notes=("n",)),
        spacing_source="ImagerPixelSpacing",
        projection=ProjectionInfo("L", "MLO", "", ("A", "FR"), (0.1, 0.1), 1.1, "GEOMETRY"),
    )
    result = LoadResult([stack], [FileError("file 3", "not DICOM", 3)], [(0, 2)])
    header, arrays = volume_codec.encode(result)
    buffers = [np.frombuffer(a.tobytes(), dtype=np.uint8).copy() for a in arrays]
    back = volume_codec.decode(header, buffers)
    decoded = back.stacks[0]
    assert decoded.display is not None and stack.display is not None
    assert np.array_equal(decoded.display.modality_table.data, table.data)
    assert decoded.display.voi_tables[0].explanation == "HU TABLE"
    decoded.display = stack.display = None  # tables compare by identity; checked above
    assert_same_result(result, back)


@pytest.mark.parametrize("header", [
    b"not json", b'{"format": 99}',
    b'{"format": 1, "version": "%s", "stacks": [{"$class": "Popen", "fields": {}}],'
    b' "errors": [], "sources": []}',
    b'{"format": 1, "version": "%s", "stacks": [{"$array": 5, "dtype": "<u2", "shape": [1]}],'
    b' "errors": [], "sources": []}',
])
def test_codec_refuses_headers_it_did_not_write(header: bytes):
    if b"%s" in header:
        header = header.replace(b"%s", volume_codec.__version__.encode())
    with pytest.raises(volume_codec.VolumeFormatError):
        volume_codec.decode(header, [])
