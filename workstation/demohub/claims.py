"""Reading locks ("claims"): one reader at a time works on a study.

A claim lasts ``claim_ttl`` seconds and is renewed by claiming again, so an abandoned lock
frees itself. While it lasts, everyone else sees who holds it and can neither claim the study
nor file a report on it; the holder releases it, or signing the final report does.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from workstation.demohub.api_errors import ApiError
from workstation.hub.codes import ErrorCode


@dataclass(frozen=True, slots=True)
class Claim:
    username: str
    display_name: str
    expires_at: float


def active_claim(conn: sqlite3.Connection, study_uid: str, now: float) -> Claim | None:
    row = conn.execute(
        "SELECT username, display_name, expires_at FROM claims"
        " WHERE study_uid = ? AND expires_at > ?",
        (study_uid, now),
    ).fetchone()
    if row is None:
        return None
    return Claim(row["username"], row["display_name"], row["expires_at"])


def held_by_other(claim: Claim) -> ApiError:
    """409 ``claimed`` naming the holder, so the reader knows whom to ask."""
    until = datetime.fromtimestamp(claim.expires_at, UTC)
    return ApiError(
        409,
        ErrorCode.CLAIMED,
        f"being read by {claim.display_name} ({claim.username}) until {until:%H:%M} UTC",
        by=claim.username,
        expires_at=until.isoformat(timespec="seconds").replace("+00:00", "Z"),
    )


def refuse_if_held_by_other(
    conn: sqlite3.Connection, study_uid: str, username: str, now: float
) -> None:
    claim = active_claim(conn, study_uid, now)
    if claim is not None and claim.username != username:
        raise held_by_other(claim)


def claim(
    conn: sqlite3.Connection,
    study_uid: str,
    *,
    username: str,
    display_name: str,
    now: float,
    ttl: int,
) -> None:
    """Take or renew the lock; raises 409 ``claimed`` while someone else holds it. Call in a
    write transaction so two readers cannot both win."""
    refuse_if_held_by_other(conn, study_uid, username, now)
    conn.execute(
        "INSERT INTO claims (study_uid, username, display_name, claimed_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT(study_uid) DO UPDATE SET"
        " username = excluded.username, display_name = excluded.display_name,"
        " claimed_at = excluded.claimed_at, expires_at = excluded.expires_at",
        (study_uid, username, display_name, now, now + ttl),
    )


def release(conn: sqlite3.Connection, study_uid: str, username: str, now: float) -> bool:
    """Drop the caller's lock; returns whether there was one. Someone else's live lock is not
    the caller's to drop (409); an expired one is simply cleared."""
    refuse_if_held_by_other(conn, study_uid, username, now)
    cur = conn.execute("DELETE FROM claims WHERE study_uid = ?", (study_uid,))
    return cur.rowcount > 0
