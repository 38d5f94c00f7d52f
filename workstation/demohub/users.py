"""User records as stored by the hub, and the one-time-use rule for TOTP codes."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from workstation.demohub.roles import permissions_of
from workstation.hub.vocabulary import Permission


@dataclass(frozen=True, slots=True)
class UserRecord:
    username: str
    display_name: str
    role: str
    tenants: tuple[str, ...]
    password_hash: str
    totp_secret: str

    def public(self) -> dict[str, object]:
        """The user as shown to the client after login (no secrets), with the permissions of
        the role so the workstation offers only what the hub will allow."""
        granted = permissions_of(self.role)
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
            "tenants": list(self.tenants),
            "permissions": [p.value for p in Permission if p in granted],
        }


def load_user(conn: sqlite3.Connection, username: str) -> UserRecord | None:
    row = conn.execute(
        "SELECT username, display_name, role, tenants, password_hash, totp_secret"
        " FROM users WHERE username = ?",
        (username,),
    ).fetchone()
    if row is None:
        return None
    return UserRecord(
        username=row["username"],
        display_name=row["display_name"],
        role=row["role"],
        tenants=tuple(json.loads(row["tenants"])),
        password_hash=row["password_hash"],
        totp_secret=row["totp_secret"],
    )


def accept_totp_step(conn: sqlite3.Connection, username: str, step: int) -> bool:
    """Record ``step`` as used; False when it is not newer than the last accepted step.

    RFC 6238 section 5.2: "the verifier MUST NOT accept the second attempt of the OTP after
    the successful validation has been issued for the first OTP". Refusing every step up to
    the last accepted one also stops an older, still-in-window code from being replayed. The
    check and the update are one statement, so two concurrent logins cannot both win.
    """
    cur = conn.execute(
        "UPDATE users SET last_totp_step = ?"
        " WHERE username = ? AND (last_totp_step IS NULL OR last_totp_step < ?)",
        (step, username, step),
    )
    return cur.rowcount == 1
