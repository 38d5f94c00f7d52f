"""Offline, the worklist is the last snapshot plus every other study cached on this
machine (issue 5, item 6): rows from the record kept at opening, or from a cached header."""

from __future__ import annotations

import io
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian

from workstation.cache.store import EncryptedStore
from workstation.core.study import (
    InstanceRef,
    Priority,
    SeriesRef,
    StudyDetail,
    StudyStatus,
    WorklistItem,
)
from workstation.services.offline_study import cached_detail, offline_worklist, remember_detail

KEY = bytes(range(32))


def item(uid: str, name: str, priority: Priority = Priority.ROUTINE,
         status: StudyStatus = StudyStatus.UNREAD) -> WorklistItem:
    return WorklistItem(uid, f"ACC-{uid[-1]}", name, f"P-{uid[-1]}", "F", date(1980, 1, 2),
                        "CT", "CT Thorax", datetime(2026, 3, 4, 9, 15), "ankara",
                        "Ankara City", priority, status)


def dicom(study: str, series: str, sop: str) -> bytes:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CTImageStorage
    meta.MediaStorageSOPInstanceUID = sop
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 192"
    ds.SOPClassUID, ds.SOPInstanceUID = CTImageStorage, sop
    ds.StudyInstanceUID, ds.SeriesInstanceUID = study, series
    ds.PatientName, ds.PatientID, ds.PatientSex = "ŞAHİN^GÜL", "P-9090", "F"
    ds.PatientBirthDate = "19611224"
    ds.StudyDate, ds.StudyTime, ds.AccessionNumber = "20260105", "081530.25", "ACC-PF"
    ds.StudyDescription, ds.InstitutionName, ds.Modality = "MR Brain", "Izmir Bay", "MR"
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


@pytest.fixture
def store(tmp_path: Path):
    s = EncryptedStore(tmp_path / "cache", KEY)
    yield s
    s.close()


def test_snapshot_then_every_other_cached_study(store: EncryptedStore):
    in_snapshot = item("1.2.3.1", "YILMAZ^AYSE")
    store.put("ankara", "1.2.3.1", "1.2.3.1.1", "1.2.3.1.1.1", b"a")
    # Read last week, no longer on the worklist: its row was kept when it was opened.
    read_before = item("1.2.3.2", "DEMIR^ALI", Priority.STAT, StudyStatus.FINAL)
    remember_detail(store, StudyDetail(read_before, (
        SeriesRef("1.2.3.2.1", 4, "CT", "Axial", (InstanceRef("1.2.3.2.1.1", 1, 1),)),)))
    store.put("ankara", "1.2.3.2", "1.2.3.2.1", "1.2.3.2.1.1", b"b")
    time.sleep(0.01)  # the most recently used study is listed first
    # Only prefetched: no record, its row comes from the cached DICOM header.
    store.put("izmir", "1.2.3.3", "1.2.3.3.7", "1.2.3.3.7.1",
              dicom("1.2.3.3", "1.2.3.3.7", "1.2.3.3.7.1"))

    rows = offline_worklist(store, [in_snapshot])

    assert [(r.tenant_id, r.study_uid) for r in rows] == [
        ("ankara", "1.2.3.1"), ("izmir", "1.2.3.3"), ("ankara", "1.2.3.2")]
    assert rows[0] is in_snapshot
    assert rows[2] == read_before  # the whole row, priority and status included
    header = rows[1]
    assert (header.patient_name, header.patient_id, header.patient_sex) == (
        "ŞAHİN^GÜL", "P-9090", "F")
    assert header.patient_birth_date == date(1961, 12, 24)
    assert header.study_datetime == datetime(2026, 1, 5, 8, 15, 30)
    assert (header.accession, header.modality, header.description, header.hospital) == (
        "ACC-PF", "MR", "MR Brain", "Izmir Bay")
    assert (header.priority, header.status) == (Priority.ROUTINE, StudyStatus.UNREAD)
    # ... and it opens from the cache with the row it was listed with.
    detail = cached_detail(store, header, "izmir", "1.2.3.3")
    assert detail is not None and detail.item is header
    assert [s.series_uid for s in detail.series] == ["1.2.3.3.7"]


def test_a_study_in_the_snapshot_is_listed_once(store: EncryptedStore):
    row = item("1.2.3.1", "YILMAZ^AYSE")
    remember_detail(store, StudyDetail(row, ()))
    store.put("ankara", "1.2.3.1", "1.2.3.1.1", "1.2.3.1.1.1", b"a")
    assert offline_worklist(store, [row]) == [row]


def test_empty_snapshot_still_lists_the_cache(store: EncryptedStore):
    store.put("izmir", "1.2.3.3", "1.2.3.3.7", "1.2.3.3.7.1",
              dicom("1.2.3.3", "1.2.3.3.7", "1.2.3.3.7.1"))
    (row,) = offline_worklist(store, [])
    assert (row.study_uid, row.patient_name) == ("1.2.3.3", "ŞAHİN^GÜL")


def test_a_study_whose_objects_are_all_damaged_is_left_out(store: EncryptedStore):
    store.put("izmir", "1.2.3.3", "1.2.3.3.7", "1.2.3.3.7.1",
              dicom("1.2.3.3", "1.2.3.3.7", "1.2.3.3.7.1"))
    (path,) = [p for p in (store.root / "objects").rglob("*") if p.is_file()]
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    path.write_bytes(bytes(blob))
    assert offline_worklist(store, []) == []
    assert store.list_instances("izmir", "1.2.3.3") == []  # discarded, as any tamper is

