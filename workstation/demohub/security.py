"""Cryptographic building blocks of the demo hub: password hashes, TOTP, JWTs, URL signatures.

Each function takes the current time as an argument instead of reading the system clock, so
the hub's single injectable clock (:class:`HubSettings.clock`) governs every expiry decision.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import uuid
from dataclasses import dataclass
from typing import Any

import bcrypt
import jwt
import pyotp

TOTP_INTERVAL = 30  # RFC 6238 section 4.1: X = 30 seconds is the recommended time step.
TOTP_DIGITS = 6
TOTP_WINDOW = 1  # RFC 6238 section 5.2: accept one step of clock drift either way.
JWT_ALGORITHM = "HS256"  # Pinned; never taken from the token header (RFC 8725 section 3.1).

# bcrypt only reads the first 72 bytes of a password; longer input is refused instead of being
# silently truncated.
MAX_PASSWORD_BYTES = 72


def hash_password(password: str, rounds: int) -> str:
    raw = password.encode("utf-8")
    if len(raw) > MAX_PASSWORD_BYTES:
        raise ValueError("password longer than 72 bytes")
    return bcrypt.hashpw(raw, bcrypt.gensalt(rounds)).decode("ascii")


def check_password(password: str, password_hash: str) -> bool:
    raw = password.encode("utf-8")
    if len(raw) > MAX_PASSWORD_BYTES:
        return False
    return bcrypt.checkpw(raw, password_hash.encode("ascii"))


@functools.lru_cache(maxsize=4)
def _dummy_hash(rounds: int) -> str:
    return hash_password(uuid.uuid4().hex, rounds)


def burn_password_check(password: str, rounds: int) -> None:
    """Check the password against a random hash of the same cost when the username is unknown,
    so the answer takes as long as for a known user and does not reveal which names exist."""
    check_password(password, _dummy_hash(rounds))


def totp_step(now: float) -> int:
    """RFC 6238 section 4.2: T = floor((Unix time - T0) / X) with T0 = 0."""
    return int(now // TOTP_INTERVAL)


def match_totp(secret: str, code: str, now: float, window: int = TOTP_WINDOW) -> int | None:
    """The time step whose code equals ``code`` within the drift window, or None.

    Knowing the matching step (not just "valid") lets the caller refuse every code at or
    before the last accepted step: RFC 6238 section 5.2 requires a verifier not to accept the
    same OTP twice.
    """
    code = code.strip()
    if len(code) != TOTP_DIGITS or not code.isascii() or not code.isdigit():
        return None
    otp = pyotp.TOTP(secret, digits=TOTP_DIGITS, interval=TOTP_INTERVAL)
    current = totp_step(now)
    for step in range(current - window, current + window + 1):
        if hmac.compare_digest(otp.generate_otp(step), code):
            return step
    return None


class InvalidTokenError(Exception):
    """The token is malformed, forged, of the wrong type or audience."""


class ExpiredTokenError(InvalidTokenError):
    """The token was genuine but its ``exp`` has passed."""


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str
    jti: str
    expires_at: int


def issue_jwt(
    key: bytes,
    *,
    issuer: str,
    audience: str,
    subject: str,
    typ: str,
    ttl: int,
    now: float,
    extra: dict[str, Any] | None = None,
) -> IssuedToken:
    """A signed JWT (RFC 7519) carrying the registered claims iss, aud, sub, iat, exp, jti plus
    ``typ`` so an MFA or refresh token can never be used as an access token."""
    iat = int(now)
    jti = uuid.uuid4().hex
    claims: dict[str, Any] = {
        "iss": issuer,
        "aud": audience,
        "sub": subject,
        "iat": iat,
        "exp": iat + ttl,
        "jti": jti,
        "typ": typ,
    }
    claims.update(extra or {})
    return IssuedToken(jwt.encode(claims, key, algorithm=JWT_ALGORITHM), jti, iat + ttl)


def decode_jwt(key: bytes, token: str, *, issuer: str, audience: str, typ: str, now: float) -> dict:
    """Verify signature, issuer, audience and type; check ``exp`` against the hub clock.

    pyjwt's own time checks use the system clock, so they are switched off and ``exp`` is
    compared here (RFC 7519 section 4.1.4) with the hub's injectable clock instead.
    """
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[JWT_ALGORITHM],
            audience=audience,
            issuer=issuer,
            options={
                "require": ["iss", "aud", "sub", "iat", "exp", "jti", "typ"],
                "verify_exp": False,
                "verify_iat": False,
                "verify_nbf": False,
            },
        )
    except jwt.PyJWTError as exc:
        raise InvalidTokenError(type(exc).__name__) from exc
    if claims.get("typ") != typ:
        raise InvalidTokenError("wrong token type")
    exp = claims.get("exp")
    if not isinstance(exp, int) or isinstance(exp, bool):
        raise InvalidTokenError("exp is not an integer")
    if exp <= now:
        raise ExpiredTokenError("token expired")
    return claims


def _url_message(instance_id: int, user: str, tenant: str, exp: int) -> bytes:
    # Fields are joined with a byte that cannot occur in any of them (user names and tenant ids
    # are printable), so two different field tuples can never produce the same message.
    return "\x1f".join((str(instance_id), user, tenant, str(exp))).encode("utf-8")


def sign_url(key: bytes, instance_id: int, user: str, tenant: str, exp: int) -> str:
    """HMAC-SHA256 (RFC 2104) over the URL's fields, hex encoded."""
    return hmac.new(key, _url_message(instance_id, user, tenant, exp), hashlib.sha256).hexdigest()


def url_signature_valid(
    key: bytes, instance_id: int, user: str, tenant: str, exp: int, sig: str
) -> bool:
    if not sig.isascii():
        return False
    expected = sign_url(key, instance_id, user, tenant, exp)
    return hmac.compare_digest(expected, sig.lower())
