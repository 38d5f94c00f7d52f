"""Token, TOTP and URL rules of the hub contract, each checked over a real loopback socket with
the hub's default lifetimes and a faked clock.

The JWT cases sign tokens with the hub's own key (read from its database), so a refusal can
only come from the claim or header under test: an unchanged re-signed copy is accepted, which
shows the forging is otherwise faithful. Without this, a token signed with a wrong key would
be refused for its signature alone and the ``alg``/``iss``/``aud``/``typ`` checks could be
missing unnoticed.
"""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Callable

import httpx
import jwt
import pytest
from test_hub_dataset import FakeClock, bearer, code_at, raw_sign_in, sign_in, start_live_hub

from workstation.demohub.accounts import DEMO_IZMIR, DEMO_READER
from workstation.hub.client import HubClient
from workstation.hub.errors import UrlExpired

ACCESS_TTL = 15 * 60  # the hub's defaults (HubSettings)
REFRESH_TTL = 24 * 60 * 60
URL_TTL = 5 * 60


@pytest.fixture
def live(tmp_path):
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path, clock)  # default lifetimes, fast bcrypt
    http = httpx.Client(base_url=hub.base_url)
    yield hub, demo, clock, http
    http.close()
    hub.stop()


def _db(hub, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(hub.db_path) as conn:
        return conn.execute(sql, params).fetchall()


def _worklist(http: httpx.Client, token: str) -> httpx.Response:
    return http.get("/api/v1/worklist", headers={"Authorization": f"Bearer {token}"})


def _claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def test_access_tokens_last_15_minutes_and_refresh_tokens_24_hours(live) -> None:
    hub, _demo, clock, http = live
    tokens = raw_sign_in(http, DEMO_READER, clock)
    issued = clock()
    assert (tokens["expires_in"], tokens["refresh_expires_in"]) == (ACCESS_TTL, REFRESH_TTL)
    access, refresh = _claims(tokens["access_token"]), _claims(tokens["refresh_token"])
    assert (access["exp"] - access["iat"], refresh["exp"] - refresh["iat"]) == (
        ACCESS_TTL, REFRESH_TTL)  # fmt: skip
    clock.now = issued + ACCESS_TTL - 1
    assert _worklist(http, tokens["access_token"]).status_code == 200
    clock.now = issued + ACCESS_TTL
    expired = _worklist(http, tokens["access_token"])
    assert (expired.status_code, expired.json()["error"]) == (401, "token_expired")
    rotated = http.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert rotated.status_code == 200
    # The rotated refresh token lives 24 h from its own issue, then only a sign-in helps.
    clock.now = issued + ACCESS_TTL + REFRESH_TTL
    late = http.post("/api/v1/auth/refresh", json={"refresh_token": rotated.json()["refresh_token"]})
    assert (late.status_code, late.json()["error"]) == (401, "session_expired")
    # Expiry is not theft: the family is not revoked, the refusal is audited as such.
    assert _db(hub, "SELECT revoked_at FROM sessions") == [(None,)]
    assert _db(hub, "SELECT outcome FROM audit WHERE event = 'refresh' ORDER BY id") == [
        ("ok",), ("refused",)]  # fmt: skip


def _resign(key: bytes, claims: dict, alg: str = "HS256") -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyjwt warns about a 256-bit key for HS384/HS512
        return jwt.encode(claims, key, algorithm=alg)


FORGERIES: list[tuple[str, Callable[[dict, float], dict], str, str]] = [
    # (label, change to the genuine claims, algorithm, expected error code)
    ("alg HS384", lambda c, _now: c, "HS384", "invalid_token"),
    ("alg HS512", lambda c, _now: c, "HS512", "invalid_token"),
    ("other issuer", lambda c, _now: c | {"iss": "another-hub"}, "HS256", "invalid_token"),
    ("other audience", lambda c, _now: c | {"aud": "another-app"}, "HS256", "invalid_token"),
    ("typ refresh", lambda c, _now: c | {"typ": "refresh"}, "HS256", "invalid_token"),
    ("typ mfa", lambda c, _now: c | {"typ": "mfa"}, "HS256", "invalid_token"),
    ("no typ", lambda c, _now: {k: v for k, v in c.items() if k != "typ"}, "HS256",
     "invalid_token"),
    ("no exp", lambda c, _now: {k: v for k, v in c.items() if k != "exp"}, "HS256",
     "invalid_token"),
    ("exp now", lambda c, now: c | {"exp": int(now)}, "HS256", "token_expired"),
]  # fmt: skip


@pytest.mark.parametrize("forgery", FORGERIES, ids=lambda f: f[0])
def test_tokens_signed_with_the_hub_key_are_still_checked(live, forgery) -> None:
    hub, _demo, clock, http = live
    _label, change, alg, expected = forgery
    key = bytes(_db(hub, "SELECT value FROM server_keys WHERE name = 'jwt-hs256'")[0][0])
    genuine = _claims(raw_sign_in(http, DEMO_READER, clock)["access_token"])
    # Control: the unchanged claims re-signed like the hub does are accepted.
    assert _worklist(http, _resign(key, genuine)).status_code == 200
    answer = _worklist(http, _resign(key, change(dict(genuine), clock()), alg))
    assert (answer.status_code, answer.json()["error"]) == (401, expected)
    assert answer.headers["WWW-Authenticate"].startswith('Bearer realm="workstation-demohub"')


def test_logout_revokes_the_access_token_at_once(live) -> None:
    hub, _demo, clock, http = live
    tokens = raw_sign_in(http, DEMO_READER, clock)
    other = raw_sign_in(http, DEMO_READER, clock)  # a second session of the same reader
    assert _worklist(http, tokens["access_token"]).status_code == 200
    out = http.post("/api/v1/auth/logout", headers=bearer(tokens))  # bearer only, no body
    assert out.json() == {"status": "signed_out"}
    # Long before its 15 minutes are over, the access token is dead, and so is the refresh.
    gone = _worklist(http, tokens["access_token"])
    assert (gone.status_code, gone.json()["error"]) == (401, "session_expired")
    refused = http.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert (refused.status_code, refused.json()["error"]) == (401, "session_expired")
    # Only that session: the reader's other session goes on.
    assert _worklist(http, other["access_token"]).status_code == 200
    assert _db(hub, "SELECT revoke_reason FROM sessions ORDER BY created_at") == [
        ("logout",), (None,)]  # fmt: skip
    assert ("logout", "ok", "dr.demo") in _db(hub, "SELECT event, outcome, username FROM audit")


def _totp(http: httpx.Client, user, code: str) -> httpx.Response:
    challenge = http.post(
        "/api/v1/auth/login", json={"username": user.username, "password": user.password}
    )
    assert challenge.status_code == 200, challenge.text
    return http.post(
        "/api/v1/auth/totp", json={"mfa_token": challenge.json()["mfa_token"], "code": code}
    )


def test_totp_allows_one_step_of_drift_and_each_code_once_per_user(live) -> None:
    _hub, _demo, clock, http = live
    clock.advance(30)
    now = clock()
    step = int(now // 30)

    def code(user, offset: int) -> str:
        return user.totp().generate_otp(step + offset)

    for offset in (-2, 2):  # outside the RFC 6238 drift window of one step
        answer = _totp(http, DEMO_READER, code(DEMO_READER, offset))
        assert (answer.status_code, answer.json()["error"]) == (401, "invalid_code")
    assert _totp(http, DEMO_READER, code(DEMO_READER, -1)).status_code == 200  # one step late
    again = _totp(http, DEMO_READER, code(DEMO_READER, -1))
    assert (again.status_code, again.json()["error"]) == (401, "code_reused")
    assert _totp(http, DEMO_READER, code(DEMO_READER, 1)).status_code == 200  # one step early
    for offset in (-1, 0, 1):  # nothing at or before the last accepted step works again
        answer = _totp(http, DEMO_READER, code(DEMO_READER, offset))
        assert (answer.status_code, answer.json()["error"]) == (401, "code_reused")
    # The replay store is per user: another reader's code of the same step is accepted.
    assert _totp(http, DEMO_IZMIR, code_at(DEMO_IZMIR, now)).status_code == 200


def test_object_urls_live_exactly_five_minutes_then_403_url_expired(live) -> None:
    hub, demo, clock, _http = live
    client = HubClient(hub.base_url)
    try:
        sign_in(client, DEMO_READER, clock)
        issued = int(clock())
        url = client.instance_urls(demo.uids["ankara_stat"])[0]
        assert url.expires_at.timestamp() == issued + URL_TTL
        clock.now = issued + URL_TTL - 1
        assert client.fetch(url.url)[128:132] == b"DICM"
        clock.now = issued + URL_TTL
        answer = httpx.get(url.url)
        assert answer.status_code == 403
        assert answer.json()["error"] == "url_expired"  # the machine-readable reason
        with pytest.raises(UrlExpired):
            client.fetch(url.url)
        # What the client does on that reason: ask again, and the fresh URL works.
        fresh = client.instance_urls(demo.uids["ankara_stat"])[0]
        assert fresh.sop_instance_uid == url.sop_instance_uid and fresh.url != url.url
        assert client.fetch(fresh.url) == demo.files[url.sop_instance_uid].read_bytes()
    finally:
        client.close()
