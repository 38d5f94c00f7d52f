"""A tiny demo data set for the hub tests (builder + helpers), and the tests of indexing it.

Other hub test modules import the helpers from here (pytest puts this folder on sys.path).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import anyio
import httpx
import numpy as np
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid

from workstation.demohub.accounts import DemoUser
from workstation.demohub.db import HubStore
from workstation.demohub.seed import index_manifest
from workstation.demohub.settings import HubSettings

# 2026-01-05 08:00:05 UTC: a few seconds into a TOTP step, so codes are stable in a test.
START_TIME = 1_767_600_005.0


@dataclass
class FakeClock:
    """The hub's clock in tests; advanced by hand to expire tokens, URLs and TOTP steps."""

    now: float = START_TIME

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def fast_settings(clock: FakeClock, **overrides) -> HubSettings:
    values = {"bcrypt_rounds": 4, "clock": clock, **overrides}
    return HubSettings(**values)


def code_at(user: DemoUser, when: float) -> str:
    """The user's authenticator code at ``when`` (RFC 6238 time step of 30 s)."""
    return user.totp().generate_otp(int(when // 30))


def sign_in(client, user: DemoUser, clock: FakeClock):
    """Full two-step sign-in. Each sign-in moves to a fresh TOTP step because a code is
    accepted only once."""
    clock.advance(30)
    challenge = client.login(user.username, user.password)
    return client.verify_totp(challenge, code_at(user, clock()))


class InProcessTransport(httpx.BaseTransport):
    """Serves the synchronous HubClient from the ASGI app in-process (no socket): each request
    runs httpx's ASGI transport on a short-lived event loop."""

    def __init__(self, app) -> None:
        self._asgi = httpx.ASGITransport(app=app)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()

        async def call() -> httpx.Response:
            answer = await self._asgi.handle_async_request(request)
            body = await answer.aread()
            return httpx.Response(answer.status_code, headers=answer.headers, content=body)

        return anyio.run(call)


def raw_sign_in(http: httpx.Client, user: DemoUser, clock: FakeClock) -> dict:
    """Sign in with plain HTTP calls; returns the token answer of /auth/totp."""
    clock.advance(30)
    step1 = http.post(
        "/api/v1/auth/login", json={"username": user.username, "password": user.password}
    )
    assert step1.status_code == 200, step1.text
    step2 = http.post(
        "/api/v1/auth/totp",
        json={"mfa_token": step1.json()["mfa_token"], "code": code_at(user, clock())},
    )
    assert step2.status_code == 200, step2.text
    return step2.json()


def bearer(tokens: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def start_live_hub(root: Path, clock: FakeClock, **overrides):
    """The demo hub on a real loopback socket over the tiny data set; returns (hub, demo)."""
    from workstation.demohub.server import start_in_thread

    demo = build_hub_dataset(root / "demo-data")
    hub = start_in_thread(
        root / "data", port=0, manifest=demo.manifest, settings=fast_settings(clock, **overrides)
    )
    return hub, demo


def signed_in(base_url: str, user: DemoUser, clock: FakeClock, **kwargs):
    """A HubClient signed in as ``user``."""
    from workstation.hub.client import HubClient

    client = HubClient(base_url, **kwargs)
    sign_in(client, user, clock)
    return client


@dataclass
class DemoSet:
    manifest: Path
    # study key -> study uid; keys: "ankara_old", "ankara_stat", "izmir"
    uids: dict[str, str]
    # sop instance uid -> file path
    files: dict[str, Path] = field(default_factory=dict)


def _write_instance(
    path: Path, *, study: dict, series_uid: str, series_number: int, modality: str, number: int
) -> str:
    sop_uid = generate_uid()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = CTImageStorage
    meta.MediaStorageSOPInstanceUID = sop_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SpecificCharacterSet = "ISO_IR 192"
    ds.SOPClassUID = CTImageStorage
    ds.SOPInstanceUID = sop_uid
    ds.PatientName = study["patient_name"]
    ds.PatientID = study["patient_id"]
    ds.PatientSex = study["sex"]
    ds.PatientBirthDate = study["birth"]
    ds.StudyInstanceUID = study["uid"]
    ds.StudyDate = study["date"]
    ds.StudyTime = study["time"]
    ds.AccessionNumber = study["accession"]
    ds.StudyDescription = study["description"]
    ds.Modality = modality
    ds.SeriesInstanceUID = series_uid
    ds.SeriesNumber = series_number
    ds.SeriesDescription = f"{modality} series {series_number}"
    ds.BodyPartExamined = "CHEST"
    ds.ImageLaterality = "U"
    ds.ViewPosition = ""
    ds.InstanceNumber = number
    ds.Rows = ds.Columns = 16
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated = ds.BitsStored = 16
    ds.HighBit = 15
    ds.PixelRepresentation = 0
    ds.PixelData = (np.arange(256, dtype=np.uint16) * number).tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    ds.save_as(path, enforce_file_format=True)
    return sop_uid


def build_hub_dataset(root: Path) -> DemoSet:
    """Patient P-1001 in tenant ankara with an old routine CT (reported) and a newer STAT CT;
    patient P-2001 in izmir with one urgent CT + PT study (3 series in total, 9 instances)."""
    studies = [
        dict(key="ankara_old", tenant="ankara", priority="ROUTINE", status="FINAL",
             patient_name="YILMAZ^AYŞE", patient_id="P-1001", sex="F", birth="19700312",
             date="20230301", time="101500", accession="ACC-1", description="CT Thorax",
             series=[("CT", 3)], notes="Follow-up nodule"),
        dict(key="ankara_stat", tenant="ankara", priority="STAT", status="UNREAD",
             patient_name="YILMAZ^AYŞE", patient_id="P-1001", sex="F", birth="19700312",
             date="20240510", time="083000", accession="ACC-2", description="CT Thorax PE",
             series=[("CT", 3)], notes="Sudden dyspnoea, rule out PE"),
        dict(key="izmir", tenant="izmir", priority="URGENT", status="UNREAD",
             patient_name="DEMIR^ALI", patient_id="P-2001", sex="M", birth="19551101",
             date="20240601", time="140000", accession="ACC-3", description="PET-CT",
             series=[("CT", 2), ("PT", 1)], notes="Staging"),
    ]  # fmt: skip
    demo = DemoSet(manifest=root / "manifest.json", uids={})
    entries = []
    for study in studies:
        study["uid"] = generate_uid()
        demo.uids[study["key"]] = study["uid"]
        study_dir = root / "studies" / study["key"]
        for series_number, (modality, count) in enumerate(study["series"], start=1):
            series_uid = generate_uid()
            for number in range(1, count + 1):
                path = study_dir / f"s{series_number}" / f"{number:03d}.dcm"
                sop = _write_instance(
                    path, study=study, series_uid=series_uid, series_number=series_number,
                    modality=modality, number=number,
                )  # fmt: skip
                demo.files[sop] = path
        entries.append(
            {
                "study_uid": study["uid"],
                "tenant": study["tenant"],
                "priority": study["priority"],
                "status": study["status"],
                "clinical_notes": study["notes"],
                "dir": f"studies/{study['key']}",
            }
        )
    manifest = {
        "version": 1,
        "tenants": [
            {"id": "ankara", "name": "Ankara City Hospital"},
            {"id": "izmir", "name": "Izmir Bay Hospital"},
        ],
        "studies": entries,
    }
    demo.manifest.write_text(json.dumps(manifest), encoding="utf-8")
    return demo


@pytest.fixture
def demo(tmp_path: Path) -> DemoSet:
    return build_hub_dataset(tmp_path / "demo-data")


def _counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(
            conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("studies", "series", "instances")
        )


def test_index_reads_headers_into_the_catalog(demo: DemoSet, tmp_path: Path) -> None:
    store = HubStore.open(tmp_path / "hub")
    result = index_manifest(store, demo.manifest)
    assert (result.tenants, result.studies, result.instances, result.reread) == (2, 3, 9, 3)
    assert _counts(store.db_path) == (3, 4, 9)
    with sqlite3.connect(store.db_path) as conn:
        row = conn.execute(
            "SELECT patient_name, patient_birth_date, study_datetime, modalities, priority,"
            " status, tenant_id FROM studies WHERE study_uid = ?",
            (demo.uids["izmir"],),
        ).fetchone()
        name = conn.execute(
            "SELECT patient_name FROM studies WHERE study_uid = ?", (demo.uids["ankara_stat"],)
        ).fetchone()[0]
        sizes = dict(conn.execute("SELECT sop_instance_uid, size FROM instances"))
    assert row == ("DEMIR^ALI", "1955-11-01", "2024-06-01T14:00:00", "CT/PT", "URGENT",
                   "UNREAD", "izmir")  # fmt: skip
    assert name == "YILMAZ^AYŞE"  # ISO_IR 192 decoded, kept as text
    assert sizes == {sop: path.stat().st_size for sop, path in demo.files.items()}
    store.close()


def test_reindex_is_idempotent_and_keeps_reading_state(demo: DemoSet, tmp_path: Path) -> None:
    store = HubStore.open(tmp_path / "hub")
    index_manifest(store, demo.manifest)
    with store.tx() as conn:
        conn.execute(
            "UPDATE studies SET status = 'FINAL' WHERE study_uid = ?", (demo.uids["izmir"],)
        )
    again = index_manifest(store, demo.manifest)
    assert again.reread == 0  # unchanged files are not read again
    assert _counts(store.db_path) == (3, 4, 9)
    # A changed file makes its study be re-read, still without duplicating anything.
    changed = next(p for p in demo.files.values() if "izmir" in p.parts)
    changed.write_bytes(changed.read_bytes() + b"\0\0")
    third = index_manifest(store, demo.manifest)
    assert third.reread == 1
    assert _counts(store.db_path) == (3, 4, 9)
    with store.read() as conn:
        status = conn.execute(
            "SELECT status FROM studies WHERE study_uid = ?", (demo.uids["izmir"],)
        ).fetchone()[0]
    assert status == "FINAL"
    store.close()


def test_manifest_with_unknown_version_is_refused(demo: DemoSet, tmp_path: Path) -> None:
    data = json.loads(demo.manifest.read_text())
    data["version"] = 2
    demo.manifest.write_text(json.dumps(data))
    store = HubStore.open(tmp_path / "hub")
    with pytest.raises(ValueError, match="version"):
        index_manifest(store, demo.manifest)
    store.close()
