"""Critical results: the documented communication of an urgent imaging finding.

The ACR practice parameter on communication of diagnostic imaging findings asks for a record
of the finding, when it was communicated, by whom, to whom, how, and the recipient's
acknowledgement (read-back). Category 1 (immediate) findings need direct contact within
minutes, 2 (urgent) within hours, 3 (non-urgent) within days. A communication stays *open*
until the recipient side acknowledges it; the worklist counts the open ones per study.
Records are never edited except to add the one acknowledgement.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
from typing import Any

from workstation.demohub.api_errors import ApiError
from workstation.demohub.db import iso_utc
from workstation.hub.codes import ErrorCode

_COLUMNS = (
    "id, study_uid, tenant_id, category, finding, recipient, method, communicated_at,"
    " flagged_by, flagged_at, acknowledged_by, acknowledged_at, read_back"
)


def flag(
    conn: sqlite3.Connection,
    *,
    study_uid: str,
    tenant_id: str,
    category: int,
    finding: str,
    recipient: str,
    method: str,
    communicated_at: str,
    flagged_by: str,
    now: float,
) -> dict[str, Any]:
    record = {
        "id": uuid.uuid4().hex,
        "study_uid": study_uid,
        "tenant_id": tenant_id,
        "category": category,
        "finding": finding,
        "recipient": recipient,
        "method": method,
        "communicated_at": communicated_at,
        "flagged_by": flagged_by,
        "flagged_at": iso_utc(now),
        "acknowledged_by": None,
        "acknowledged_at": None,
        "read_back": None,
    }
    conn.execute(
        f"INSERT INTO critical_results ({_COLUMNS}) VALUES"  # noqa: S608 - constant columns
        " (:id, :study_uid, :tenant_id, :category, :finding, :recipient, :method,"
        " :communicated_at, :flagged_by, :flagged_at, NULL, NULL, NULL)",
        record,
    )
    return record


def get(
    conn: sqlite3.Connection, communication_id: str, tenants: Sequence[str]
) -> dict[str, Any] | None:
    """One communication if it belongs to one of ``tenants``; None otherwise (as if absent)."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM critical_results WHERE id = ?",  # noqa: S608
        (communication_id,),
    ).fetchone()
    if row is None or row["tenant_id"] not in tenants:
        return None
    return dict(row)


def acknowledge(
    conn: sqlite3.Connection, communication_id: str, *, by: str, read_back: str, now: float
) -> dict[str, Any]:
    """Record receipt; a communication is acknowledged once (409 afterwards)."""
    cur = conn.execute(
        "UPDATE critical_results SET acknowledged_by = ?, acknowledged_at = ?, read_back = ?"
        " WHERE id = ? AND acknowledged_at IS NULL",
        (by, iso_utc(now), read_back, communication_id),
    )
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM critical_results WHERE id = ?",  # noqa: S608
        (communication_id,),
    ).fetchone()
    if cur.rowcount == 0:
        raise ApiError(
            409,
            ErrorCode.ALREADY_ACKNOWLEDGED,
            f"already acknowledged by {row['acknowledged_by']}",
            by=row["acknowledged_by"],
        )
    return dict(row)


def listing(
    conn: sqlite3.Connection,
    tenants: Sequence[str],
    *,
    study_uid: str | None = None,
    open_only: bool = False,
) -> list[dict[str, Any]]:
    """Communications within ``tenants``, most urgent first, then oldest first."""
    if not tenants:
        return []
    where = [f"tenant_id IN ({', '.join('?' for _ in tenants)})"]
    params: list[Any] = list(tenants)
    if study_uid is not None:
        where.append("study_uid = ?")
        params.append(study_uid)
    if open_only:
        where.append("acknowledged_at IS NULL")
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM critical_results WHERE {' AND '.join(where)}"  # noqa: S608
        " ORDER BY acknowledged_at IS NOT NULL, category, flagged_at, id",
        params,
    ).fetchall()
    return [dict(row) for row in rows]
