"""Report storage: versioned, append-only reports with idempotent submission.

A workstation retries a submission whose answer got lost (timeout, dropped Wi-Fi). The
client-chosen idempotency key (in the spirit of the IETF "Idempotency-Key" HTTP header draft)
makes such a retry return the first result instead of filing the report twice. Reports are
never updated in place: a correction is a new version, the older ones stay readable.
"""

from __future__ import annotations

import sqlite3
import uuid
from typing import Any

from workstation.core.report import ReportKind
from workstation.core.study import StudyStatus
from workstation.demohub.api_errors import ApiError
from workstation.demohub.db import iso_utc
from workstation.hub.codes import ErrorCode

_COLUMNS = "report_id, study_uid, version, kind, findings, impression, author, created_at"


def _latest_version(conn: sqlite3.Connection, study_uid: str) -> int:
    row = conn.execute(
        "SELECT COALESCE(MAX(version), 0) FROM reports WHERE study_uid = ?", (study_uid,)
    ).fetchone()
    return int(row[0])


def _public(row: sqlite3.Row | dict[str, Any], latest: int, *, full: bool) -> dict[str, Any]:
    out = {
        "report_id": row["report_id"],
        "study_uid": row["study_uid"],
        "version": row["version"],
        "kind": row["kind"],
        # The newest version is in force; older versions were replaced by a correction.
        "status": row["kind"] if row["version"] == latest else "SUPERSEDED",
        "created_at": row["created_at"],
        "author": row["author"],
    }
    if full:
        out["findings"] = row["findings"]
        out["impression"] = row["impression"]
    return out


def submit(
    conn: sqlite3.Connection,
    *,
    study_uid: str,
    author: str,
    findings: str,
    impression: str,
    kind: str,
    idempotency_key: str,
    now: float,
) -> tuple[dict[str, Any], bool]:
    """File a report; returns its receipt and whether it was newly created. Call inside a
    transaction so the duplicate check and the insert are atomic."""
    existing = conn.execute(
        f"SELECT {_COLUMNS} FROM reports WHERE author = ? AND idempotency_key = ?",  # noqa: S608
        (author, idempotency_key),
    ).fetchone()
    if existing is not None:
        if existing["study_uid"] != study_uid:
            raise ApiError(
                409,
                ErrorCode.IDEMPOTENCY_CONFLICT,
                "idempotency key already used for another study",
            )
        return _public(existing, _latest_version(conn, study_uid), full=False), False

    required = ("findings", "impression") if kind == ReportKind.FINAL else ("impression",)
    values = {"findings": findings, "impression": impression}
    missing = [name for name in required if not values[name].strip()]
    if missing:
        raise ApiError(422, ErrorCode.MISSING_FIELDS, "report is incomplete", fields=missing)

    status = conn.execute("SELECT status FROM studies WHERE study_uid = ?", (study_uid,)).fetchone()
    if status["status"] == StudyStatus.FINAL and kind == ReportKind.PRELIMINARY:
        raise ApiError(
            409, ErrorCode.ALREADY_FINAL, "study already has a final report; submit a correction"
        )
    row = {
        "report_id": uuid.uuid4().hex,
        "study_uid": study_uid,
        "version": _latest_version(conn, study_uid) + 1,
        "kind": kind,
        "findings": findings,
        "impression": impression,
        "author": author,
        "created_at": iso_utc(now),
    }
    conn.execute(
        f"INSERT INTO reports ({_COLUMNS}, idempotency_key)"  # noqa: S608
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            row["report_id"],
            study_uid,
            row["version"],
            kind,
            findings,
            impression,
            author,
            row["created_at"],
            idempotency_key,
        ),
    )
    conn.execute("UPDATE studies SET status = ? WHERE study_uid = ?", (kind, study_uid))
    return _public(row, row["version"], full=False), True


def list_reports(conn: sqlite3.Connection, study_uid: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM reports WHERE study_uid = ? ORDER BY version",  # noqa: S608
        (study_uid,),
    ).fetchall()
    latest = rows[-1]["version"] if rows else 0
    return [_public(row, latest, full=True) for row in rows]
