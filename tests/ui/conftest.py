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
from workstation.hub.errors import AuthError, Conflict


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory, qapp) -> None:
    """QSettings written by the application land in a temporary folder."""
    folder = tmp_path_factory.mktemp("settings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    from workstation.ui import i18n
    from workstation.ui.application import configure

    configure(qapp)
    i18n.install(qapp, "en")  # the tests read English text, whatever the machine's locale
    # The plain viewer's tests expect a study to open in one viewport; the hanging
    # protocol tests (test_hanging_*.py) turn automatic hanging back on.
    QSettings().setValue("hanging/enabled", False)


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


READER_PERMISSIONS = (
    "see_worklist",
    "read_images",
    "write_preliminary",
    "sign_final",
    "amend",
    "flag_critical",
    "claim",
)
CLAIM_TTL = timedelta(minutes=30)


@dataclass
class FakeHub:
    """A hub client double: sign-in by error codes, a filtering worklist with reading locks,
    DICOM bytes by URL. ``fail_next[method]`` holds errors the next calls of that method
    raise; an AuthError ``session_expired`` also fires ``on_session_lost``, as the real
    client does when its refresh token is refused."""

    items: list[WorklistItem]
    login_errors: list[Exception] = field(default_factory=list)
    verify_errors: list[Exception] = field(default_factory=list)
    series_sizes: tuple[int, ...] = (12, 3)
    submitted: list[ReportDraft] = field(default_factory=list)
    fetch_delay: float = 0.0
    logins: int = 0
    logged_out: bool = False
    worklist_calls: int = 0
    worklist_params: list[dict[str, Any]] = field(default_factory=list)
    username: str = "dr.test"
    tenants: tuple[str, ...] = ("ankara",)
    permissions: tuple[str, ...] = READER_PERMISSIONS
    claims: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    claim_calls: list[str] = field(default_factory=list)
    released: list[str] = field(default_factory=list)
    fail_next: dict[str, list[Exception]] = field(default_factory=dict)
    on_session_lost: Any = None
    audit_events: list[dict[str, Any]] = field(default_factory=list)
    _objects: dict[str, bytes] = field(default_factory=dict)
    _urls: dict[str, list[InstanceUrl]] = field(default_factory=dict)
    _details: dict[str, StudyDetail] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _maybe_fail(self, method: str) -> None:
        with self._lock:
            queue = self.fail_next.get(method) or []
            exc = queue.pop(0) if queue else None
        if exc is None:
            return
        if isinstance(exc, AuthError) and exc.code == "session_expired" and self.on_session_lost:
            self.on_session_lost()
        raise exc

    def login(self, username: str, password: str) -> object:
        self.logins += 1
        if self.login_errors:
            raise self.login_errors.pop(0)
        return {"challenge": self.logins}

    def verify_totp(self, challenge: object, code: str) -> UserInfo:
        if self.verify_errors:
            raise self.verify_errors.pop(0)
        return UserInfo(
            self.username, "Dr. Test Reader", "radiologist", self.tenants, self.permissions
        )

    def worklist(self, **filters: Any) -> list[WorklistItem]:
        self.worklist_calls += 1
        self.worklist_params.append(dict(filters))
        self._maybe_fail("worklist")
        return [self._with_claim(i) for i in self.items if _matches(i, filters)]

    def claim(self, study_uid: str) -> WorklistItem:
        self.claim_calls.append(study_uid)
        self._maybe_fail("claim")
        with self._lock:
            holder = self.claims.get(study_uid)
            if holder is not None and holder[0] != self.username:
                until = holder[1].isoformat(timespec="seconds").replace("+00:00", "Z")
                raise Conflict(
                    "claimed",
                    f"being read by {holder[0]} until {holder[1]:%H:%M} UTC",
                    409,
                    details={"by": holder[0], "expires_at": until},
                )
            self.claims[study_uid] = (self.username, datetime.now(UTC) + CLAIM_TTL)
        item = next(i for i in self.items if i.study_uid == study_uid)
        return self._with_claim(item)

    def release(self, study_uid: str) -> None:
        self._maybe_fail("release")
        with self._lock:
            holder = self.claims.get(study_uid)
            if holder is not None and holder[0] == self.username:
                del self.claims[study_uid]
            self.released.append(study_uid)

    def hold(self, study_uid: str, username: str, minutes: int = 20) -> None:
        """Another reader takes the study's lock."""
        with self._lock:
            self.claims[study_uid] = (username, datetime.now(UTC) + timedelta(minutes=minutes))

    def critical_communications(
        self, study_uid: str | None = None, open_only: bool = False
    ) -> list[dict[str, Any]]:
        return []

    def post_audit_events(self, events: list[dict[str, Any]]) -> int:
        self.audit_events.extend(events)
        return len(events)

    def _with_claim(self, item: WorklistItem) -> WorklistItem:
        from dataclasses import replace

        holder = self.claims.get(item.study_uid)
        if holder is None:
            return replace(item, claimed_by="", claim_expires_at=None)
        return replace(item, claimed_by=holder[0], claim_expires_at=holder[1])

    def study(self, study_uid: str) -> StudyDetail:
        self._maybe_fail("study")
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
        self._maybe_fail("submit_report")
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


def _matches(item: WorklistItem, filters: dict[str, Any]) -> bool:
    """The hub's filtering, for the values the worklist window sends."""

    def allowed(name: str) -> set[str] | None:
        value = filters.get(name)
        if value is None:
            return None
        return {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}

    for name, actual in (
        ("status", item.status.value),
        ("modality", item.modality),
        ("tenant", item.tenant_id),
        ("priority", item.priority.value),
    ):
        wanted = allowed(name)
        if wanted is not None and actual not in wanted:
            return False
    day = item.study_datetime.date() if item.study_datetime else None
    if filters.get("date_from") and (day is None or day < filters["date_from"]):
        return False
    if filters.get("date_to") and (day is None or day > filters["date_to"]):
        return False
    q = str(filters.get("q") or "").casefold()
    haystack = f"{item.patient_name} {item.patient_id} {item.accession}".casefold()
    return not q or q in haystack


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


@pytest.fixture
def signed_in_app(qtbot, fake_hub, cache_base, session_key):
    """The whole application on the fake hub, signed in, worklist loaded."""
    pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")
    from workstation.ui.app import build_main

    controller = build_main("https://hub.test:8443", client=fake_hub, cache_base=cache_base)
    with qtbot.waitSignal(controller.signed_in, timeout=10_000):
        controller.sign_in("dr.test", "secret", "123456")
    qtbot.waitUntil(lambda: controller.worklist_window.is_loaded, timeout=10_000)
    yield controller
    controller.shutdown()
    for window in (
        controller.viewer_window,
        controller.worklist_window,
        controller.login_dialog,
        controller.session.dialog,
    ):
        if window is not None:
            window.hide()
            window.deleteLater()


@pytest.fixture
def loaded_viewer(qtbot, fake_hub, tmp_path: Path):
    """A viewer of the first STAT study on the fake hub, its largest series on screen."""
    pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")
    from workstation.cache.store import EncryptedStore
    from workstation.services.report_submission import submit_report
    from workstation.ui.viewer_window import ViewerWindow

    store = EncryptedStore(tmp_path / "viewer_store", bytes(range(32)))
    item = next(i for i in fake_hub.items if i.priority is Priority.STAT)
    window = ViewerWindow(
        item, client=fake_hub, store=store, submit=lambda d: submit_report(fake_hub, d)
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.series_ready, timeout=60_000):
        window.start()
    # The rest of the study may still be arriving: let it settle so that no late event
    # (another series cached, the full stack replacing the preview) races the test.
    window.loader.wait(10_000)
    qtbot.wait(50)
    yield window
    window.close()
    window.loader.wait(10_000)
    store.close()
