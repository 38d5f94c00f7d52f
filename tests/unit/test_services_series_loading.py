"""Loading a cached series: decrypted bytes go to the DICOM loader in memory."""

from __future__ import annotations

import io
import sys
import types
from pathlib import Path

import numpy as np
import pytest

from workstation.cache.errors import IntegrityError
from workstation.cache.store import EncryptedStore
from workstation.core.stack import ImageStack
from workstation.dicom.load_report import LoadResult
from workstation.services.series_loading import SeriesNotCachedError, load_cached_series

TENANT = "tenant-a"
STUDY = "1.2.826.0.1.3680043.8.498.1"
SERIES = "1.2.826.0.1.3680043.8.498.1.1"
OTHER_SERIES = "1.2.826.0.1.3680043.8.498.1.2"


@pytest.fixture
def store(tmp_path: Path):
    s = EncryptedStore(tmp_path / "cache", bytes(range(32)))
    yield s
    s.close()


def fake_result(count: int) -> LoadResult:
    """A stack whose slice values say how many sources the loader was given."""
    return LoadResult(stacks=[ImageStack(np.full((count, 2, 2), count, dtype=np.int16))],
                      sources=[tuple(range(count))])


@pytest.fixture
def fake_loader(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list, object]]:
    """Stands in for workstation.dicom.loader and records what it was given."""
    calls: list[tuple[list, object]] = []
    module = types.ModuleType("workstation.dicom.loader")

    def load_series(sources, *, workers=None, progress=None):
        calls.append((list(sources), progress))
        return fake_result(len(sources))

    module.load_series = load_series  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "workstation.dicom.loader", module)
    return calls


def test_passes_exactly_the_series_bytes_in_memory(store: EncryptedStore, fake_loader, tmp_path):
    series_bytes = {f"{SERIES}.{i}": f"DICM slice {i}".encode() * 10 for i in range(4)}
    for sop, data in series_bytes.items():
        store.put(TENANT, STUDY, SERIES, sop, data)
    store.put(TENANT, STUDY, OTHER_SERIES, f"{OTHER_SERIES}.1", b"other series")
    files_before = sorted(tmp_path.rglob("*"))

    def progress(done: int, total: int) -> None:
        return None

    result = load_cached_series(store, TENANT, STUDY, SERIES, progress=progress,
                                use_volume_cache=False)

    assert result.stacks[0].pixels.shape == (4, 2, 2)
    ((sources, given_progress),) = fake_loader
    assert all(type(s) is bytes for s in sources)
    assert sorted(sources) == sorted(series_bytes.values())
    assert given_progress is progress
    assert sorted(tmp_path.rglob("*")) == files_before  # nothing was written to disk


def test_uncached_series_is_reported(store: EncryptedStore, fake_loader):
    store.put(TENANT, STUDY, OTHER_SERIES, "1.2.3", b"x")
    with pytest.raises(SeriesNotCachedError):
        load_cached_series(store, TENANT, STUDY, SERIES)
    assert fake_loader == []


def test_damaged_objects_are_all_discarded_then_reported(store: EncryptedStore, fake_loader):
    for i in range(5):
        store.put(TENANT, STUDY, SERIES, f"{SERIES}.{i}", b"slice %d" % i)
    files = sorted((store.root / "objects").rglob("*"))
    objects = [p for p in files if p.is_file()]
    for path in objects[:2]:
        path.write_bytes(path.read_bytes()[:-1] + b"\x00")

    with pytest.raises(IntegrityError) as info:
        load_cached_series(store, TENANT, STUDY, SERIES)
    assert info.value.count == 2
    assert fake_loader == []
    assert len(store.list_instances(TENANT, STUDY, SERIES)) == 3
    assert all(not p.exists() for p in objects[:2])


def _ct_slice(index: int, pixels: np.ndarray) -> bytes:
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CTImageStorage
    meta.MediaStorageSOPInstanceUID = f"{SERIES}.{index + 1}"
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = CTImageStorage
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = STUDY
    ds.SeriesInstanceUID = SERIES
    ds.FrameOfReferenceUID = f"{STUDY}.9"
    ds.PatientName = "TEST^PATIENT"
    ds.PatientID = "P1"
    ds.Modality = "CT"
    ds.InstanceNumber = index + 1
    ds.ImagePositionPatient = [0.0, 0.0, float(index) * 2.5]
    ds.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
    ds.PixelSpacing = [0.5, 0.5]
    ds.SliceThickness = 2.5
    ds.RescaleSlope = 1
    ds.RescaleIntercept = -1024
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = pixels.shape
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 1
    ds.PixelData = pixels.astype("<i2").tobytes()
    buf = io.BytesIO()
    ds.save_as(buf, enforce_file_format=True)
    return buf.getvalue()


def test_real_loader_builds_the_stack_from_cached_bytes(store: EncryptedStore):
    pytest.importorskip("workstation.dicom.loader", reason="the DICOM loader is not available")
    rng = np.random.default_rng(7)
    slices = [rng.integers(-1000, 2000, size=(8, 6), dtype=np.int16) for _ in range(3)]
    for i in (2, 0, 1):  # stored out of order: the loader sorts by position
        store.put(TENANT, STUDY, SERIES, f"{SERIES}.{i + 1}", _ct_slice(i, slices[i]))

    result = load_cached_series(store, TENANT, STUDY, SERIES)

    assert result.errors == []
    (stack,) = result.stacks
    assert stack.pixels.shape == (3, 8, 6)
    assert stack.intercept == -1024.0
    np.testing.assert_array_equal(np.asarray(stack.pixels), np.stack(slices))
