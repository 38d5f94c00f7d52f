"""Fixtures of the GUI tests: an isolated QSettings, a themed QApplication, a fake hub.

The fake hub serves real DICOM bytes (built with pydicom) so the viewer runs the real
download -> encrypted cache -> decode -> VTK path, without a network or the demo hub.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid
from PySide6.QtCore import QSettings

from workstation.core.report import ReportDraft
from workstation.core.study import (
    InstanceRef,
    InstanceUrl,
    Priority,
    SeriesRef,
    StudyDetail,
    StudyStatus,
    UserInfo,
    WorklistItem,
)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory, qapp) -> None:
    """QSettings written by the application land in a temporary folder."""
    folder = tmp_path_factory.mktemp("settings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    from workstation.ui.application import configure

    configure(qapp)


def make_item(
    n: int,
    priority: Priority = Priority.ROUTINE,
    status: StudyStatus = StudyStatus.UNREAD,
    minutes_ago: int = 60,
    study_uid: str | None = None,
) -> WorklistItem:
    return WorklistItem(
        study_uid=study_uid or f"1.2.826.0.1.3680043.8.498.{n}",
        accession=f"ACC{n:04d}",
        patient_name=f"PATIENT{n}^TEST",
        patient_id=f"PID{n:04d}",
        patient_sex="F",
        patient_birth_date=date(1970, 1, n % 28 + 1),
        modality="CT",
        description=f"CT chest {n}",
        study_datetime=datetime(2026, 1, 5, 8, 0) - timedelta(minutes=minutes_ago),
        tenant_id="ankara",
        hospital="Ankara City Hospital",
        priority=priority,
        status=status,
        priors_count=n % 3,
        clinical_notes="Cough for three weeks",
    )


def ct_slice(study_uid: str, series_uid: str, number: int, count: int, size: int) -> bytes:
    """One small uncompressed CT slice: a disc whose radius changes along the stack."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CTImageStorage
    sop_uid = generate_uid()
    meta.MediaStorageSOPInstanceUID = sop_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = CTImageStorage
    ds.SOPInstanceUID = sop_uid
    ds.StudyInstanceUID = study_uid
    ds.SeriesInstanceUID = series_uid
    ds.FrameOfReferenceUID = study_uid + ".9"
    ds.Modality = "CT"
    ds.PatientName = "PATIENT1^TEST"
    ds.PatientID = "PID0001"
    ds.SeriesNumber = 2
    ds.SeriesDescription = "Axial 5 mm"
    ds.InstanceNumber = number + 1
    ds.ImagePositionPatient = [-100.0, -100.0, -5.0 * number]
    ds.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
    ds.PixelSpacing = [200.0 / size, 200.0 / size]
    ds.SliceThickness = 5.0
    ds.Rows = size
    ds.Columns = size
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = 16
    ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 1
    ds.RescaleSlope = 1
    ds.RescaleIntercept = -1024
    ds.WindowCenter = 40
    ds.WindowWidth = 400
    yy, xx = np.mgrid[0:size, 0:size]
    radius = size * (0.2 + 0.2 * number / max(count - 1, 1))
    disc = (xx - size / 2) ** 2 + (yy - size / 2) ** 2 < radius**2
    ds.PixelData = np.where(disc, 1024 + 60, 0).astype(np.int16).tobytes()
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


@dataclass
class FakeHub:
    """A hub client double: sign-in by error codes, one study, DICOM bytes by URL."""

    items: list[WorklistItem]
    login_errors: list[Exception] = field(default_factory=list)
    verify_errors: list[Exception] = field(default_factory=list)
    series_sizes: tuple[int, ...] = (12, 3)
    submitted: list[ReportDraft] = field(default_factory=list)
    fetch_delay: float = 0.0
    logins: int = 0
    logged_out: bool = False
    worklist_calls: int = 0
    _objects: dict[str, bytes] = field(default_factory=dict)
    _urls: dict[str, list[InstanceUrl]] = field(default_factory=dict)
    _details: dict[str, StudyDetail] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def login(self, username: str, password: str) -> object:
        self.logins += 1
        if self.login_errors:
            raise self.login_errors.pop(0)
        return {"challenge": self.logins}

    def verify_totp(self, challenge: object, code: str) -> UserInfo:
        if self.verify_errors:
            raise self.verify_errors.pop(0)
        return UserInfo("dr.test", "Dr. Test Reader", "radiologist", ("ankara",))

    def worklist(self, **_filters: Any) -> list[WorklistItem]:
        self.worklist_calls += 1
        return list(self.items)

    def study(self, study_uid: str) -> StudyDetail:
        with self._lock:
            if study_uid not in self._details:
                self._build(study_uid)
            return self._details[study_uid]

    def instance_urls(self, study_uid: str, series_uid: str | None = None) -> list[InstanceUrl]:
        self.study(study_uid)
        urls = self._urls[study_uid]
        return [u for u in urls if series_uid is None or u.series_uid == series_uid]

    def fetch(self, url: str) -> bytes:
        if self.fetch_delay:
            threading.Event().wait(self.fetch_delay)
        return self._objects[url]

    def submit_report(self, draft: ReportDraft) -> dict[str, Any]:
        self.submitted.append(draft)
        item = next(i for i in self.items if i.study_uid == draft.study_uid)
        self.items = [
            i if i is not item else _with_status(i, StudyStatus.FINAL) for i in self.items
        ]
        return {"report_id": "r1", "version": len(self.submitted), "status": "FINAL"}

    def logout(self) -> None:
        self.logged_out = True

    def _build(self, study_uid: str) -> None:
        item = next(i for i in self.items if i.study_uid == study_uid)
        series_refs, urls = [], []
        expires = datetime.now(UTC) + timedelta(hours=1)
        for s, count in enumerate(self.series_sizes):
            series_uid = f"{study_uid}.{s + 1}"
            refs = []
            for k in range(count):
                data = ct_slice(study_uid, series_uid, k, count, 64)
                sop = f"{series_uid}.{k + 1}"
                url = f"https://objects.test/{sop}"
                self._objects[url] = data
                refs.append(InstanceRef(sop, k + 1, len(data)))
                urls.append(InstanceUrl(study_uid, series_uid, sop, url, expires, len(data)))
            series_refs.append(SeriesRef(series_uid, s + 1, "CT", f"Series {s + 1}", tuple(refs)))
        self._details[study_uid] = StudyDetail(item, tuple(series_refs))
        self._urls[study_uid] = urls


def _with_status(item: WorklistItem, status: StudyStatus) -> WorklistItem:
    from dataclasses import replace

    return replace(item, status=status)


@pytest.fixture
def item_factory():
    """``make_item(n, priority, status, minutes_ago)`` for tests that build worklists."""
    return make_item


@pytest.fixture
def fake_hub() -> FakeHub:
    items = [
        make_item(1, Priority.ROUTINE, minutes_ago=300),
        make_item(2, Priority.STAT, minutes_ago=20),
        make_item(3, Priority.URGENT, minutes_ago=90),
        make_item(4, Priority.STAT, StudyStatus.FINAL, minutes_ago=400),
    ]
    return FakeHub(items)


@pytest.fixture
def session_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """No system keychain in tests: a session-only key, as on a headless machine."""
    from workstation.cache import keys

    def fake(user_ref: str, keyring_backend: object = None) -> keys.KeyResult:
        return keys.KeyResult(bytes(range(32)), False, keys.SESSION_ONLY_MESSAGE)

    monkeypatch.setattr("workstation.ui.cache_session.load_or_create_key", fake)


@pytest.fixture
def cache_base(tmp_path: Path) -> Path:
    return tmp_path / "cache"
