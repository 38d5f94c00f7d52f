"""Sign-in sessions: token pairs and refresh-token families with rotation and reuse detection.

Every successful TOTP sign-in opens a *family*. Each refresh rotates the refresh token: the
family remembers only the newest token id, and presenting an older one means the token was
copied, so the whole family is revoked and both holders must sign in again (OAuth 2.0
Security BCP, RFC 9700 section 4.14.2). Access tokens name their family (``sid``) so a
revoked family also stops its access tokens at once instead of when they expire.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from typing import Any

from workstation.demohub.security import (
    ExpiredTokenError,
    InvalidTokenError,
    IssuedToken,
    decode_jwt,
    issue_jwt,
)
from workstation.demohub.settings import HubSettings
from workstation.demohub.users import UserRecord, load_user


@dataclass(frozen=True, slots=True)
class HubKeys:
    jwt: bytes
    url: bytes


def issue_mfa_token(
    keys: HubKeys, settings: HubSettings, user: UserRecord, now: float
) -> IssuedToken:
    """Proof that step one (password) passed; only good for step two, for mfa_ttl seconds."""
    return issue_jwt(
        keys.jwt,
        issuer=settings.issuer,
        audience=settings.audience,
        subject=user.username,
        typ="mfa",
        ttl=settings.mfa_ttl,
        now=now,
        extra={"tenants": list(user.tenants), "role": user.role},
    )


def issue_pair(
    conn: sqlite3.Connection,
    keys: HubKeys,
    settings: HubSettings,
    user: UserRecord,
    now: float,
    family_id: str | None = None,
) -> dict[str, Any]:
    """Issue an access + refresh token pair; opens a new family unless one is given."""
    if family_id is None:
        family_id = uuid.uuid4().hex
        conn.execute(
            "INSERT INTO sessions (family_id, username, current_jti, created_at)"
            " VALUES (?, ?, '', ?)",
            (family_id, user.username, now),
        )
    common = {
        "issuer": settings.issuer,
        "audience": settings.audience,
        "subject": user.username,
        "now": now,
        "extra": {"tenants": list(user.tenants), "role": user.role, "sid": family_id},
    }
    access = issue_jwt(keys.jwt, typ="access", ttl=settings.access_ttl, **common)
    refresh = issue_jwt(keys.jwt, typ="refresh", ttl=settings.refresh_ttl, **common)
    conn.execute(
        "UPDATE sessions SET current_jti = ? WHERE family_id = ?", (refresh.jti, family_id)
    )
    return {
        "access_token": access.token,
        "refresh_token": refresh.token,
        "token_type": "Bearer",
        "expires_in": settings.access_ttl,
        "refresh_expires_in": settings.refresh_ttl,
        "user": user.public(),
        "policy": {"idle_lock_seconds": settings.idle_lock_seconds,
                   "sign_code_required": settings.sign_code_required},
    }


def revoke(conn: sqlite3.Connection, family_id: str, now: float, reason: str) -> None:
    conn.execute(
        "UPDATE sessions SET revoked_at = ?, revoke_reason = ?"
        " WHERE family_id = ? AND revoked_at IS NULL",
        (now, reason, family_id),
    )


def is_active(conn: sqlite3.Connection, family_id: str) -> bool:
    row = conn.execute(
        "SELECT revoked_at FROM sessions WHERE family_id = ?", (family_id,)
    ).fetchone()
    return row is not None and row["revoked_at"] is None


@dataclass(frozen=True, slots=True)
class Rotation:
    """Outcome of a refresh: new tokens, or why not (the family may have been revoked, which
    the caller must commit even though the request fails)."""

    tokens: dict[str, Any] | None
    username: str | None
    reuse_detected: bool = False


def rotate(
    conn: sqlite3.Connection, keys: HubKeys, settings: HubSettings, refresh_token: str, now: float
) -> Rotation:
    try:
        claims = decode_jwt(
            keys.jwt,
            refresh_token,
            issuer=settings.issuer,
            audience=settings.audience,
            typ="refresh",
            now=now,
        )
    except (ExpiredTokenError, InvalidTokenError):
        return Rotation(None, None)
    family_id = claims.get("sid")
    username = claims["sub"]
    row = conn.execute(
        "SELECT current_jti, revoked_at, username FROM sessions WHERE family_id = ?",
        (family_id,),
    ).fetchone()
    if row is None or row["revoked_at"] is not None or row["username"] != username:
        return Rotation(None, username)
    if row["current_jti"] != claims["jti"]:
        revoke(conn, family_id, now, "refresh_token_reuse")
        return Rotation(None, username, reuse_detected=True)
    user = load_user(conn, username)
    if user is None:
        revoke(conn, family_id, now, "user_removed")
        return Rotation(None, username)
    return Rotation(issue_pair(conn, keys, settings, user, now, family_id), username)


def family_of(keys: HubKeys, settings: HubSettings, refresh_token: str) -> str | None:
    """The family a genuine refresh token belongs to, even an expired one, for logout."""
    try:
        claims = decode_jwt(
            keys.jwt,
            refresh_token,
            issuer=settings.issuer,
            audience=settings.audience,
            typ="refresh",
            now=float("-inf"),
        )
    except InvalidTokenError:
        return None
    sid = claims.get("sid")
    return sid if isinstance(sid, str) else None
