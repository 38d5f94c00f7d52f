"""Throttling of failed sign-in attempts (password or TOTP), per username.

NIST SP 800-63B section 5.2.2 asks verifiers to limit consecutive failed attempts; this follows
its suggested techniques: after a few failures each further attempt must wait a delay that
doubles every time, and after more failures the account is locked for a while. A successful
sign-in clears the count. Unknown usernames are tracked like known ones so the answers do not
reveal which accounts exist.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass

from workstation.demohub.settings import HubSettings


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why an attempt is refused before its credentials are even checked."""

    code: str  # "throttled" or "locked"
    retry_after: int


def check(conn: sqlite3.Connection, username: str, now: float) -> Refusal | None:
    row = conn.execute(
        "SELECT failures, next_allowed_at, locked_until FROM login_failures WHERE username = ?",
        (username,),
    ).fetchone()
    if row is None:
        return None
    if row["locked_until"] > now:
        return Refusal("locked", math.ceil(row["locked_until"] - now))
    if row["locked_until"] > 0:
        # The lockout has run out: start counting afresh.
        conn.execute("DELETE FROM login_failures WHERE username = ?", (username,))
        return None
    if row["next_allowed_at"] > now:
        return Refusal("throttled", math.ceil(row["next_allowed_at"] - now))
    return None


def record_failure(
    conn: sqlite3.Connection, username: str, now: float, settings: HubSettings
) -> int:
    """Count one failed attempt; returns the number of consecutive failures."""
    row = conn.execute(
        "SELECT failures FROM login_failures WHERE username = ?", (username,)
    ).fetchone()
    failures = (row["failures"] if row is not None else 0) + 1
    next_allowed_at = locked_until = 0.0
    if failures >= settings.lockout_after:
        locked_until = now + settings.lockout_seconds
    elif failures >= settings.throttle_after:
        delay = settings.throttle_base_delay * 2 ** (failures - settings.throttle_after)
        next_allowed_at = now + min(delay, settings.throttle_max_delay)
    conn.execute(
        "INSERT INTO login_failures (username, failures, next_allowed_at, locked_until)"
        " VALUES (?, ?, ?, ?) ON CONFLICT(username) DO UPDATE SET failures = excluded.failures,"
        " next_allowed_at = excluded.next_allowed_at, locked_until = excluded.locked_until",
        (username, failures, next_allowed_at, locked_until),
    )
    return failures


def clear(conn: sqlite3.Connection, username: str) -> None:
    conn.execute("DELETE FROM login_failures WHERE username = ?", (username,))
