"""The hash-chained audit trail: append a row, verify the whole chain.

SQLite triggers already refuse UPDATE and DELETE on the audit table, but anyone with the
database file can drop a trigger. The chain makes such tampering evident: every row stores
``hash = SHA-256(previous row's hash || canonical JSON of this row's content)``, so changing,
removing or re-ordering any row breaks every hash from that row on. The row id is part of the
content, so removing the last rows is also seen by comparing with a later export, and a gap
in the ids is reported at once. (KVKK and the HIPAA Security Rule 45 CFR 164.312(b) ask for
audit controls that record access; a chain shows the record has not been edited since.)
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64
CONTENT_FIELDS = ("id", "at", "event", "username", "tenant_id", "study_uid", "outcome", "detail")


def canonical(content: dict[str, Any]) -> bytes:
    """One fixed serialisation of a row: sorted keys, no whitespace, UTF-8."""
    fields = {name: content[name] for name in CONTENT_FIELDS}
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def chain_hash(prev_hash: str, content: dict[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical(content)).hexdigest()


def append(
    conn: sqlite3.Connection,
    *,
    at: str,
    event: str,
    outcome: str,
    username: str | None = None,
    tenant_id: str | None = None,
    study_uid: str | None = None,
    detail: str = "",
) -> int:
    """Add one row after the current last one; returns its id. Call inside a write
    transaction (BEGIN IMMEDIATE), so reading the last hash and inserting are atomic."""
    last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    prev_hash = last["hash"] if last is not None else GENESIS_HASH
    row = {
        "id": (last["id"] if last is not None else 0) + 1,
        "at": at,
        "event": event,
        "username": username,
        "tenant_id": tenant_id,
        "study_uid": study_uid,
        "outcome": outcome,
        "detail": detail,
    }
    conn.execute(
        "INSERT INTO audit (id, at, event, username, tenant_id, study_uid, outcome, detail,"
        " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*(row[name] for name in CONTENT_FIELDS), prev_hash, chain_hash(prev_hash, row)),
    )
    return int(row["id"])


@dataclass(frozen=True, slots=True)
class Verification:
    ok: bool
    rows: int
    first_bad: int | None


def verify(conn: sqlite3.Connection) -> Verification:
    """Recompute the chain from the first row; report the first row that does not fit."""
    prev_hash = GENESIS_HASH
    expected_id = 1
    rows = 0
    cursor = conn.execute(
        "SELECT id, at, event, username, tenant_id, study_uid, outcome, detail, prev_hash, hash"
        " FROM audit ORDER BY id"
    )
    for row in cursor:
        rows += 1
        content = dict(row)
        intact = (
            row["id"] == expected_id
            and row["prev_hash"] == prev_hash
            and row["hash"] == chain_hash(prev_hash, content)
        )
        if not intact:
            return Verification(False, rows, int(row["id"]))
        prev_hash = row["hash"]
        expected_id += 1
    return Verification(True, rows, None)


def seal_unchained(conn: sqlite3.Connection) -> int:
    """Chain rows written before the audit table had hashes (a database from an older hub),
    in id order; returns how many were sealed. Only the schema upgrade calls this, with the
    append-only triggers dropped for the duration."""
    prev_hash = GENESIS_HASH
    sealed = 0
    rows = conn.execute(
        "SELECT id, at, event, username, tenant_id, study_uid, outcome, detail FROM audit"
        " ORDER BY id"
    ).fetchall()
    for new_id, row in enumerate(rows, start=1):
        content = dict(row) | {"id": new_id}
        digest = chain_hash(prev_hash, content)
        conn.execute(
            "UPDATE audit SET id = ?, prev_hash = ?, hash = ? WHERE id = ?",
            (new_id, prev_hash, digest, row["id"]),
        )
        prev_hash = digest
        sealed += 1
    return sealed
