"""TOTP step matching, JWT checks and URL signatures of the demo hub."""

from __future__ import annotations

import base64
import warnings

import jwt
import pyotp
import pytest

from workstation.demohub.accounts import DEMO_IZMIR, DEMO_READER, DEMO_USERS
from workstation.demohub.security import (
    ExpiredTokenError,
    InvalidTokenError,
    check_password,
    decode_jwt,
    hash_password,
    issue_jwt,
    match_totp,
    sign_url,
    url_signature_valid,
)
from workstation.hub.vocabulary import Role

KEY = b"k" * 32
NOW = 1_767_600_005.0
JWT_ARGS = {"issuer": "hub", "audience": "ws"}


def test_match_totp_returns_the_matching_step_within_one_step_of_drift() -> None:
    totp = pyotp.TOTP(DEMO_READER.totp_secret)
    step = int(NOW // 30)
    for offset in (-1, 0, 1):
        assert (
            match_totp(DEMO_READER.totp_secret, totp.generate_otp(step + offset), NOW)
            == step + offset
        )
    assert match_totp(DEMO_READER.totp_secret, totp.generate_otp(step + 2), NOW) is None
    assert match_totp(DEMO_READER.totp_secret, totp.generate_otp(step - 2), NOW) is None


@pytest.mark.parametrize("code", ["", "12345", "1234567", "12a456", "١٢٣٤٥٦"])
def test_match_totp_rejects_malformed_codes(code: str) -> None:
    assert match_totp(DEMO_READER.totp_secret, code, NOW) is None


def test_rfc6238_reference_vector() -> None:
    # RFC 6238 appendix B, SHA-1 seed "12345678901234567890", T = 59 s: 94287082 with 8
    # digits; 6-digit codes are the same value modulo 10^6 (RFC 4226 section 5.3).
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert match_totp(secret, "287082", 59.0) == 1
    assert match_totp(secret, "287082", 59.0 + 90) is None


def test_demo_accounts_are_usable_in_authenticator_apps() -> None:
    assert {u.username for u in DEMO_USERS} == {
        "dr.demo", "dr.izmir", "res.ankara", "tech.ankara", "ref.ankara", "admin.ankara",
        "sysadmin",
    }  # fmt: skip
    # Every role has a demo account, and every secret is distinct.
    assert {u.role for u in DEMO_USERS} == {r.value for r in Role}
    assert len({u.totp_secret for u in DEMO_USERS}) == len(DEMO_USERS)
    assert DEMO_IZMIR.tenants == ("izmir",)
    for user in DEMO_USERS:
        assert len(user.totp_secret) == 32  # 160 bits
        uri = user.otpauth_uri()
        assert uri.startswith(f"otpauth://totp/Workstation%20Demo%20Hub:{user.username}?")
        assert f"secret={user.totp_secret}" in uri
        assert pyotp.parse_uri(uri).secret == user.totp_secret


def test_password_hash_roundtrip() -> None:
    hashed = hash_password("Demo.Reader.2026", rounds=4)
    assert hashed.startswith("$2b$04$")
    assert check_password("Demo.Reader.2026", hashed)
    assert not check_password("demo.reader.2026", hashed)
    assert not check_password("x" * 100, hashed)
    with pytest.raises(ValueError):
        hash_password("é" * 40, rounds=4)  # 80 bytes: bcrypt would silently truncate


def test_jwt_is_checked_for_type_audience_expiry_and_algorithm() -> None:
    token = issue_jwt(KEY, subject="dr.demo", typ="access", ttl=60, now=NOW, **JWT_ARGS)
    claims = decode_jwt(KEY, token.token, typ="access", now=NOW + 59, **JWT_ARGS)
    assert claims["sub"] == "dr.demo" and claims["jti"] == token.jti
    assert token.expires_at == int(NOW) + 60
    with pytest.raises(ExpiredTokenError):
        decode_jwt(KEY, token.token, typ="access", now=NOW + 60, **JWT_ARGS)
    with pytest.raises(InvalidTokenError):
        decode_jwt(KEY, token.token, typ="refresh", now=NOW, **JWT_ARGS)
    with pytest.raises(InvalidTokenError):
        decode_jwt(KEY, token.token, typ="access", now=NOW, issuer="hub", audience="other")
    with pytest.raises(InvalidTokenError):
        decode_jwt(KEY, token.token, typ="access", now=NOW, issuer="other", audience="ws")
    with pytest.raises(InvalidTokenError):
        decode_jwt(b"x" * 32, token.token, typ="access", now=NOW, **JWT_ARGS)
    unverified = jwt.decode(token.token, options={"verify_signature": False})
    # Same key, other algorithm: only the pinned algorithm list refuses these (RFC 8725 3.1).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyjwt warns about a 256-bit key for HS384/HS512
        forgeries = [jwt.encode(unverified, KEY, algorithm=alg) for alg in ("HS384", "HS512")]
    forgeries.append(jwt.encode(unverified, None, algorithm="none"))
    for forged in forgeries:
        with pytest.raises(InvalidTokenError):
            decode_jwt(KEY, forged, typ="access", now=NOW, **JWT_ARGS)
    missing_typ = jwt.encode({k: v for k, v in unverified.items() if k != "typ"}, KEY, "HS256")
    with pytest.raises(InvalidTokenError):
        decode_jwt(KEY, missing_typ, typ="access", now=NOW, **JWT_ARGS)


def test_url_signature_binds_every_field() -> None:
    sig = sign_url(KEY, 7, "dr.demo", "ankara", 1000)
    assert len(sig) == 64 and url_signature_valid(KEY, 7, "dr.demo", "ankara", 1000, sig)
    assert url_signature_valid(KEY, 7, "dr.demo", "ankara", 1000, sig.upper())
    for changed in (
        (8, "dr.demo", "ankara", 1000),
        (7, "dr.izmir", "ankara", 1000),
        (7, "dr.demo", "izmir", 1000),
        (7, "dr.demo", "ankara", 1001),
    ):
        assert not url_signature_valid(KEY, *changed, sig)
    assert not url_signature_valid(b"o" * 32, 7, "dr.demo", "ankara", 1000, sig)
    assert not url_signature_valid(KEY, 7, "dr.demo", "ankara", 1000, "é" * 64)
