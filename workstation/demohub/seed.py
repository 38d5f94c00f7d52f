"""Fill the hub database: demo accounts and the study index built from a demo-data manifest.

Seeding runs at every start, so it is idempotent: studies, series and instances are upserted,
while reading state (study status, reports, used TOTP steps, throttling) is never reset.
Studies whose files are unchanged (same paths and sizes) are not re-read.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydicom
from pydicom.errors import InvalidDicomError

from workstation.core.study import Priority, StudyStatus
from workstation.demohub.accounts import DemoUser
from workstation.demohub.db import HubStore
from workstation.demohub.security import check_password, hash_password

log = logging.getLogger(__name__)

MANIFEST_VERSION = 1
Progress = Callable[[str, float], None]


def _current_hash(stored: str | None, password: str, rounds: int) -> str:
    if stored is not None and check_password(password, stored):
        return stored
    return hash_password(password, rounds)


def seed_accounts(store: HubStore, users: Iterable[DemoUser], bcrypt_rounds: int) -> None:
    """Create or update the demo users. The password hash is only replaced when the published
    password no longer matches, so an existing account keeps its hash, TOTP replay state and
    sessions. bcrypt releases the GIL, so the deliberately slow checks run side by side."""
    users = list(users)
    with store.read() as conn:
        stored = {
            row["username"]: row["password_hash"]
            for row in conn.execute("SELECT username, password_hash FROM users")
        }
    with ThreadPoolExecutor(max_workers=max(len(users), 1)) as pool:
        hashes = list(
            pool.map(
                lambda u: _current_hash(stored.get(u.username), u.password, bcrypt_rounds), users
            )
        )
    for user, password_hash in zip(users, hashes, strict=True):
        with store.tx() as conn:
            conn.execute(
                "INSERT INTO users (username, display_name, role, tenants, password_hash,"
                " totp_secret) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(username) DO UPDATE SET display_name = excluded.display_name,"
                " role = excluded.role, tenants = excluded.tenants,"
                " password_hash = excluded.password_hash,"
                " last_totp_step = CASE WHEN users.totp_secret = excluded.totp_secret"
                "   THEN users.last_totp_step ELSE NULL END,"
                " totp_secret = excluded.totp_secret",
                (
                    user.username,
                    user.display_name,
                    user.role,
                    json.dumps(list(user.tenants)),
                    password_hash,
                    user.totp_secret,
                ),
            )


@dataclass(frozen=True, slots=True)
class SeedResult:
    tenants: int
    studies: int
    instances: int
    reread: int


def _text(ds: pydicom.Dataset, keyword: str) -> str:
    """A header value as text. PersonName and multi-byte character sets (ISO_IR 192, UTF-8)
    are already decoded by pydicom; str() keeps the DICOM ``^`` component separators."""
    value = ds.get(keyword)
    if value is None:
        return ""
    if isinstance(value, pydicom.multival.MultiValue):
        return "\\".join(str(v) for v in value)
    return str(value).strip()


def _int(ds: pydicom.Dataset, keyword: str) -> int | None:
    value = ds.get(keyword)
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _iso_date(da: str) -> str | None:
    """DICOM DA (PS3.5 section 6.2: YYYYMMDD) to ISO 8601, or None when absent or malformed."""
    da = da.strip()
    if len(da) != 8 or not da.isdigit():
        return None
    return f"{da[:4]}-{da[4:6]}-{da[6:]}"


def _iso_datetime(da: str, tm: str) -> str | None:
    """DICOM DA + TM (HHMMSS.FFFFFF, trailing components optional) to ISO 8601 seconds."""
    day = _iso_date(da)
    if day is None:
        return None
    digits = tm.split(".")[0].strip().replace(":", "")
    if not digits.isdigit():
        digits = ""
    digits = (digits + "000000")[:6]
    return f"{day}T{digits[:2]}:{digits[2:4]}:{digits[4:6]}"


def _read_headers(path: Path) -> pydicom.Dataset | None:
    try:
        return pydicom.dcmread(path, stop_before_pixels=True)
    except (InvalidDicomError, OSError, ValueError) as exc:
        log.warning("skipping unreadable DICOM file %s: %s", path.name, type(exc).__name__)
        return None


def _study_files(study_dir: Path) -> list[tuple[Path, int]]:
    return [(p.resolve(), p.stat().st_size) for p in sorted(study_dir.rglob("*.dcm"))]


def load_manifest(manifest_path: Path) -> dict[str, Any]:
    manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    if manifest.get("version") != MANIFEST_VERSION:
        raise ValueError(f"unsupported manifest version {manifest.get('version')!r}")
    return manifest


def index_manifest(
    store: HubStore, manifest_path: Path, progress: Progress | None = None
) -> SeedResult:
    """Index every study of the manifest. Priors need no table: they are derived from
    PatientID, tenant and study date when queried."""
    manifest_path = Path(manifest_path)
    manifest = load_manifest(manifest_path)
    tenants = {t["id"]: t["name"] for t in manifest.get("tenants", [])}
    with store.tx() as conn:
        for tenant_id, name in tenants.items():
            conn.execute(
                "INSERT INTO tenants (id, name) VALUES (?, ?)"
                " ON CONFLICT(id) DO UPDATE SET name = excluded.name",
                (tenant_id, name),
            )
    studies = manifest.get("studies", [])
    instances = reread = 0
    for index, entry in enumerate(studies):
        if entry["tenant"] not in tenants:
            raise ValueError(f"study in unknown tenant {entry['tenant']!r}")
        files = _study_files(manifest_path.parent / entry["dir"])
        instances += len(files)
        if _index_study(store, entry, files):
            reread += 1
        if progress is not None:
            progress("Indexing demo studies", (index + 1) / max(len(studies), 1))
    log.info("indexed %d studies (%d re-read), %d instances", len(studies), reread, instances)
    return SeedResult(len(tenants), len(studies), instances, reread)


def _index_study(store: HubStore, entry: dict[str, Any], files: list[tuple[Path, int]]) -> bool:
    """Upsert one study; returns True when its DICOM headers had to be read."""
    study_uid = entry["study_uid"]
    priority = Priority(entry.get("priority", "ROUTINE")).value
    status = StudyStatus(entry.get("status", "UNREAD")).value
    notes = entry.get("clinical_notes", "")
    with store.read() as conn:
        known = {
            (row["path"], row["size"])
            for row in conn.execute(
                "SELECT path, size FROM instances WHERE study_uid = ?", (study_uid,)
            )
        }
    if known and known == {(str(p), size) for p, size in files}:
        with store.tx() as conn:
            conn.execute(
                "UPDATE studies SET tenant_id = ?, priority = ?, clinical_notes = ?"
                " WHERE study_uid = ?",
                (entry["tenant"], priority, notes, study_uid),
            )
        return False

    headers = []
    for path, size in files:
        ds = _read_headers(path)
        if ds is None:
            continue
        if _text(ds, "StudyInstanceUID") != study_uid:
            log.warning("skipping %s: its StudyInstanceUID differs from the manifest", path.name)
            continue
        headers.append((path, size, ds))
    if not headers:
        log.warning("no readable instances below %s; study not indexed", entry["dir"])
        return True

    series: dict[str, tuple[pydicom.Dataset, list[tuple[Path, int, pydicom.Dataset]]]] = {}
    for path, size, ds in headers:
        series.setdefault(_text(ds, "SeriesInstanceUID"), (ds, []))[1].append((path, size, ds))
    ordered = sorted(series.items(), key=lambda kv: (_int(kv[1][0], "SeriesNumber") or 0, kv[0]))
    modalities: list[str] = []
    for _uid, (first, _files) in ordered:
        modality = _text(first, "Modality")
        if modality and modality not in modalities:
            modalities.append(modality)

    first = headers[0][2]
    name = _text(first, "PatientName")
    patient_id = _text(first, "PatientID")
    accession = _text(first, "AccessionNumber")
    search_text = " ".join((name.replace("^", " "), patient_id, accession)).casefold()
    with store.tx() as conn:
        conn.execute(
            "INSERT INTO studies (study_uid, tenant_id, accession, patient_name, patient_id,"
            " patient_sex, patient_birth_date, study_datetime, description, modalities,"
            " priority, status, clinical_notes, search_text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(study_uid) DO UPDATE SET tenant_id = excluded.tenant_id,"
            " accession = excluded.accession, patient_name = excluded.patient_name,"
            " patient_id = excluded.patient_id, patient_sex = excluded.patient_sex,"
            " patient_birth_date = excluded.patient_birth_date,"
            " study_datetime = excluded.study_datetime, description = excluded.description,"
            " modalities = excluded.modalities, priority = excluded.priority,"
            " clinical_notes = excluded.clinical_notes, search_text = excluded.search_text",
            (
                study_uid,
                entry["tenant"],
                accession,
                name,
                patient_id,
                _text(first, "PatientSex"),
                _iso_date(_text(first, "PatientBirthDate")),
                _iso_datetime(_text(first, "StudyDate"), _text(first, "StudyTime")),
                _text(first, "StudyDescription"),
                "/".join(modalities),
                priority,
                status,
                notes,
                search_text,
            ),
        )
        conn.execute("DELETE FROM instances WHERE study_uid = ?", (study_uid,))
        conn.execute("DELETE FROM series WHERE study_uid = ?", (study_uid,))
        for series_uid, (ds, members) in ordered:
            conn.execute(
                "INSERT OR IGNORE INTO series (series_uid, study_uid, series_number, modality,"
                " description, body_part, laterality, view_position)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    series_uid,
                    study_uid,
                    _int(ds, "SeriesNumber"),
                    _text(ds, "Modality"),
                    _text(ds, "SeriesDescription"),
                    _text(ds, "BodyPartExamined"),
                    _text(ds, "ImageLaterality") or _text(ds, "Laterality"),
                    _text(ds, "ViewPosition"),
                ),
            )
            for path, size, member in members:
                conn.execute(
                    "INSERT OR IGNORE INTO instances (sop_instance_uid, series_uid, study_uid,"
                    " instance_number, path, size) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        _text(member, "SOPInstanceUID"),
                        series_uid,
                        study_uid,
                        _int(member, "InstanceNumber"),
                        str(path),
                        size,
                    ),
                )
    return True
