"""Report storage: versioned, append-only reports with idempotent submission and amendment.

A workstation retries a submission whose answer got lost (timeout, dropped Wi-Fi). The
client-chosen idempotency key (in the spirit of the IETF "Idempotency-Key" HTTP header draft)
makes such a retry return the first result instead of filing the report twice. Reports are
never updated in place or deleted: preliminary reads may be followed by newer versions, a
signed final report can only be *amended* - a new version naming its reason and the version
it supersedes, the older one stays readable (the amendment practice of the ACR practice
parameter for communication of diagnostic imaging findings; DICOM SR expresses the same link
with the Predecessor Documents Sequence).
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from typing import Any

from workstation.core.report import ReportKind
from workstation.core.study import StudyStatus
from workstation.demohub.api_errors import ApiError
from workstation.demohub.db import iso_utc
from workstation.hub.codes import ErrorCode

#: A check run before a *new* version is filed (not for a repeat of an earlier submission),
#: inside the same transaction: e.g. the authenticator code a signature needs.
Authorize = Callable[[sqlite3.Connection], None]

_COLUMNS = (
    "report_id, study_uid, version, kind, findings, impression, author, created_at,"
    " reason, supersedes"
)


def _latest(conn: sqlite3.Connection, study_uid: str) -> sqlite3.Row | None:
    return conn.execute(
        f"SELECT {_COLUMNS} FROM reports WHERE study_uid = ?"  # noqa: S608 - constant columns
        " ORDER BY version DESC LIMIT 1",
        (study_uid,),
    ).fetchone()


def _public(row: sqlite3.Row | dict[str, Any], latest: int, *, full: bool) -> dict[str, Any]:
    out = {
        "report_id": row["report_id"],
        "study_uid": row["study_uid"],
        "version": row["version"],
        "kind": row["kind"],
        # The newest version is in force; older versions were replaced by a newer one.
        "status": row["kind"] if row["version"] == latest else "SUPERSEDED",
        "created_at": row["created_at"],
        "author": row["author"],
        "supersedes": row["supersedes"],
        "reason": row["reason"],
    }
    if full:
        out["findings"] = row["findings"]
        out["impression"] = row["impression"]
    return out


def _repeat(
    conn: sqlite3.Connection, study_uid: str, author: str, idempotency_key: str
) -> dict[str, Any] | None:
    """The receipt of an earlier submission with the same key, if any."""
    existing = conn.execute(
        f"SELECT {_COLUMNS} FROM reports WHERE author = ? AND idempotency_key = ?",  # noqa: S608
        (author, idempotency_key),
    ).fetchone()
    if existing is None:
        return None
    if existing["study_uid"] != study_uid:
        raise ApiError(
            409, ErrorCode.IDEMPOTENCY_CONFLICT, "idempotency key already used for another study"
        )
    latest = _latest(conn, study_uid)
    return _public(existing, latest["version"] if latest else 0, full=False)


def _require(kind: str, findings: str, impression: str) -> None:
    required = ("findings", "impression") if kind == ReportKind.FINAL else ("impression",)
    values = {"findings": findings, "impression": impression}
    missing = [name for name in required if not values[name].strip()]
    if missing:
        raise ApiError(422, ErrorCode.MISSING_FIELDS, "report is incomplete", fields=missing)


def _insert(
    conn: sqlite3.Connection,
    *,
    study_uid: str,
    kind: str,
    findings: str,
    impression: str,
    author: str,
    idempotency_key: str,
    now: float,
    previous: sqlite3.Row | None,
    reason: str = "",
) -> dict[str, Any]:
    row = {
        "report_id": uuid.uuid4().hex,
        "study_uid": study_uid,
        "version": (previous["version"] if previous else 0) + 1,
        "kind": kind,
        "findings": findings,
        "impression": impression,
        "author": author,
        "created_at": iso_utc(now),
        "reason": reason,
        "supersedes": previous["report_id"] if previous else None,
    }
    conn.execute(
        f"INSERT INTO reports ({_COLUMNS}, idempotency_key)"  # noqa: S608
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*(row[c.strip()] for c in _COLUMNS.split(",")), idempotency_key),
    )
    conn.execute("UPDATE studies SET status = ? WHERE study_uid = ?", (kind, study_uid))
    # The author's working draft has become a report.
    conn.execute("DELETE FROM drafts WHERE study_uid = ? AND author = ?", (study_uid, author))
    return _public(row, row["version"], full=False)


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
    authorize: Authorize | None = None,
) -> tuple[dict[str, Any], bool]:
    """File a preliminary or final report; returns its receipt and whether it was newly
    created. Once a final report exists nothing but an amendment may follow: 409
    ``already_signed`` names who signed. Call inside a write transaction so the checks and the
    insert are atomic (two readers signing at once: the second one gets the 409)."""
    repeated = _repeat(conn, study_uid, author, idempotency_key)
    if repeated is not None:
        return repeated, False
    _require(kind, findings, impression)
    if authorize is not None:
        authorize(conn)
    previous = _latest(conn, study_uid)
    if previous is not None and previous["kind"] == StudyStatus.FINAL:
        raise ApiError(
            409,
            ErrorCode.ALREADY_SIGNED,
            f"already signed by {previous['author']}; amend the report instead",
            by=previous["author"],
        )
    receipt = _insert(
        conn,
        study_uid=study_uid,
        kind=kind,
        findings=findings,
        impression=impression,
        author=author,
        idempotency_key=idempotency_key,
        now=now,
        previous=previous,
    )
    return receipt, True


def amend(
    conn: sqlite3.Connection,
    *,
    study_uid: str,
    author: str,
    findings: str,
    impression: str,
    reason: str,
    idempotency_key: str,
    now: float,
    authorize: Authorize | None = None,
) -> tuple[dict[str, Any], bool]:
    """File an amendment: a new final version superseding the current final one."""
    repeated = _repeat(conn, study_uid, author, idempotency_key)
    if repeated is not None:
        return repeated, False
    if not reason.strip():
        raise ApiError(422, ErrorCode.MISSING_FIELDS, "an amendment needs a reason", fields=["reason"])
    _require(ReportKind.FINAL, findings, impression)
    if authorize is not None:
        authorize(conn)
    previous = _latest(conn, study_uid)
    if previous is None or previous["kind"] != StudyStatus.FINAL:
        raise ApiError(409, ErrorCode.NOT_SIGNED, "no final report to amend; sign one first")
    receipt = _insert(
        conn,
        study_uid=study_uid,
        kind=ReportKind.FINAL,
        findings=findings,
        impression=impression,
        author=author,
        idempotency_key=idempotency_key,
        now=now,
        previous=previous,
        reason=reason.strip(),
    )
    return receipt, True


def list_reports(conn: sqlite3.Connection, study_uid: str) -> list[dict[str, Any]]:
    """Every version, oldest first; only the newest is in force."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM reports WHERE study_uid = ? ORDER BY version",  # noqa: S608
        (study_uid,),
    ).fetchall()
    latest = rows[-1]["version"] if rows else 0
    return [_public(row, latest, full=True) for row in rows]


def save_draft(
    conn: sqlite3.Connection,
    *,
    study_uid: str,
    author: str,
    findings: str,
    impression: str,
    now: float,
) -> dict[str, Any]:
    """Keep the author's one working draft of the study, overwriting the previous save.
    Drafts are scratch space, not reports: they are private to their author and replaced."""
    draft = {
        "study_uid": study_uid,
        "author": author,
        "findings": findings,
        "impression": impression,
        "updated_at": iso_utc(now),
    }
    conn.execute(
        "INSERT INTO drafts (study_uid, author, findings, impression, updated_at)"
        " VALUES (:study_uid, :author, :findings, :impression, :updated_at)"
        " ON CONFLICT(study_uid, author) DO UPDATE SET findings = excluded.findings,"
        " impression = excluded.impression, updated_at = excluded.updated_at",
        draft,
    )
    return draft


def load_draft(conn: sqlite3.Connection, study_uid: str, author: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT study_uid, author, findings, impression, updated_at FROM drafts"
        " WHERE study_uid = ? AND author = ?",
        (study_uid, author),
    ).fetchone()
    return dict(row) if row is not None else None
