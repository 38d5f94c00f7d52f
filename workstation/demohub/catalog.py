"""Study queries of the demo hub. Every query takes the caller's tenant list and never returns a
row outside it, so tenant scoping is enforced where the data is read, not left to each route.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from workstation.demohub.db import iso_utc

# Worklist order: STAT before URGENT before ROUTINE, then the longest-waiting study first.
_PRIORITY_RANK = "CASE s.priority WHEN 'STAT' THEN 0 WHEN 'URGENT' THEN 1 ELSE 2 END"

# An unread study someone holds a live reading lock on is being read right now.
_STATUS = (
    "CASE WHEN s.status = 'UNREAD' AND c.username IS NOT NULL THEN 'IN_PROGRESS'"
    " ELSE s.status END"
)

_ITEM_COLUMNS = " ".join(
    (
        """
    s.study_uid, s.accession, s.patient_name, s.patient_id, s.patient_sex,
    s.patient_birth_date, s.modalities AS modality, s.description, s.study_datetime,
    s.tenant_id, t.name AS hospital, s.priority,""",
        _STATUS,
        """AS status, s.clinical_notes,
    (SELECT COUNT(*) FROM studies p
      WHERE p.tenant_id = s.tenant_id AND p.patient_id = s.patient_id AND p.patient_id != ''
        AND p.study_datetime < s.study_datetime) AS priors_count,
    COALESCE(c.username, '') AS claimed_by, c.expires_at AS claim_expires_at,
    (SELECT COUNT(*) FROM critical_results k
      WHERE k.study_uid = s.study_uid AND k.acknowledged_at IS NULL) AS open_critical
""",
    )
)

# The first placeholder is the current time: only unexpired claims count.
_FROM = (
    " FROM studies s JOIN tenants t ON t.id = s.tenant_id"
    " LEFT JOIN claims c ON c.study_uid = s.study_uid AND c.expires_at > ?"
)


def _item(row: sqlite3.Row) -> dict[str, Any]:
    item = dict(row)
    expires = item["claim_expires_at"]
    item["claim_expires_at"] = iso_utc(expires) if item["claimed_by"] else None
    return item


@dataclass(frozen=True, slots=True)
class WorklistFilter:
    """Worklist query; multi-valued fields match any of their values."""

    status: tuple[str, ...] = ()
    modality: tuple[str, ...] = ()
    tenant: tuple[str, ...] = ()
    priority: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    q: str = ""
    limit: int = 200
    offset: int = 0


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def _scope_clause(tenants: Sequence[str]) -> tuple[str, list[Any]]:
    if not tenants:
        return "0", []
    return f"s.tenant_id IN ({_placeholders(tenants)})", list(tenants)


def worklist(
    conn: sqlite3.Connection, tenants: Sequence[str], flt: WorklistFilter, now: float
) -> tuple[list[dict[str, Any]], int]:
    """One page of the worklist and the total number of matching studies."""
    scope, scope_params = _scope_clause(tenants)
    where = [scope]
    params: list[Any] = [now, *scope_params]
    for column, values in (
        (_STATUS, flt.status),
        ("s.tenant_id", flt.tenant),
        ("s.priority", flt.priority),
    ):
        if values:
            where.append(f"{column} IN ({_placeholders(values)})")
            params.extend(values)
    if flt.modality:
        # Studies list all their modalities as "CT/PT"; match whole entries only.
        where.append(
            "("
            + " OR ".join("instr('/' || s.modalities || '/', ?) > 0" for _ in flt.modality)
            + ")"
        )
        params.extend(f"/{m}/" for m in flt.modality)
    if flt.date_from is not None:
        where.append("s.study_datetime >= ?")
        params.append(flt.date_from.isoformat())
    if flt.date_to is not None:
        where.append("s.study_datetime < ?")
        params.append((flt.date_to + timedelta(days=1)).isoformat())
    if flt.q.strip():
        where.append("instr(s.search_text, ?) > 0")
        params.append(flt.q.strip().casefold())
    clause = " AND ".join(where)
    total = conn.execute(f"SELECT COUNT(*) {_FROM} WHERE {clause}", params).fetchone()[0]  # noqa: S608 - only placeholders are interpolated
    rows = conn.execute(
        f"SELECT {_ITEM_COLUMNS} {_FROM}"  # noqa: S608
        f" WHERE {clause} ORDER BY {_PRIORITY_RANK}, s.study_datetime, s.study_uid"
        " LIMIT ? OFFSET ?",
        [*params, flt.limit, flt.offset],
    ).fetchall()
    return [_item(row) for row in rows], int(total)


def study_item(
    conn: sqlite3.Connection, tenants: Sequence[str], study_uid: str, now: float
) -> dict[str, Any] | None:
    """The worklist item of one study, or None when it does not exist in the caller's scope
    (the two cases are indistinguishable on purpose)."""
    scope, params = _scope_clause(tenants)
    row = conn.execute(
        f"SELECT {_ITEM_COLUMNS} {_FROM} WHERE {scope} AND s.study_uid = ?",  # noqa: S608
        [now, *params, study_uid],
    ).fetchone()
    return _item(row) if row is not None else None


def priors(conn: sqlite3.Connection, item: dict[str, Any], now: float) -> list[dict[str, Any]]:
    """Earlier studies of the same patient in the same tenant, newest first."""
    if not item["patient_id"] or not item["study_datetime"]:
        return []
    rows = conn.execute(
        f"SELECT {_ITEM_COLUMNS} {_FROM}"  # noqa: S608
        " WHERE s.tenant_id = ? AND s.patient_id = ? AND s.study_datetime < ?"
        " ORDER BY s.study_datetime DESC",
        (now, item["tenant_id"], item["patient_id"], item["study_datetime"]),
    ).fetchall()
    return [_item(row) for row in rows]


def series_with_instances(conn: sqlite3.Connection, study_uid: str) -> list[dict[str, Any]]:
    series = [
        dict(row)
        for row in conn.execute(
            "SELECT series_uid, series_number, modality, description, body_part, laterality,"
            " view_position FROM series WHERE study_uid = ?"
            " ORDER BY series_number IS NULL, series_number, series_uid",
            (study_uid,),
        )
    ]
    by_uid = {s["series_uid"]: s for s in series}
    for s in series:
        s["instances"] = []
    for row in conn.execute(
        "SELECT series_uid, sop_instance_uid, instance_number, size FROM instances"
        " WHERE study_uid = ? ORDER BY instance_number IS NULL, instance_number, id",
        (study_uid,),
    ):
        target = by_uid.get(row["series_uid"])
        if target is not None:
            target["instances"].append(
                {
                    "sop_instance_uid": row["sop_instance_uid"],
                    "instance_number": row["instance_number"],
                    "size": row["size"],
                }
            )
    return series


def instances_for_urls(
    conn: sqlite3.Connection, study_uid: str, series_uid: str | None
) -> list[sqlite3.Row]:
    sql = (
        "SELECT i.id, i.sop_instance_uid, i.series_uid, i.size, i.study_uid FROM instances i"
        " JOIN series r ON r.series_uid = i.series_uid WHERE i.study_uid = ?"
    )
    params: list[Any] = [study_uid]
    if series_uid is not None:
        sql += " AND i.series_uid = ?"
        params.append(series_uid)
    sql += " ORDER BY r.series_number IS NULL, r.series_number, i.instance_number, i.id"
    return conn.execute(sql, params).fetchall()


def instance_by_id(conn: sqlite3.Connection, instance_id: int) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT i.id, i.path, i.size, i.study_uid, s.tenant_id FROM instances i"
        " JOIN studies s ON s.study_uid = i.study_uid WHERE i.id = ?",
        (instance_id,),
    ).fetchone()
