"""Sign-in, TOTP, throttling and token lifecycle: HubClient against the demo hub in-process."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

import httpx
import jwt
import pytest
from test_hub_dataset import (
    FakeClock,
    InProcessTransport,
    bearer,
    build_hub_dataset,
    code_at,
    fast_settings,
    raw_sign_in,
    sign_in,
)

from workstation.demohub.accounts import DEMO_IZMIR, DEMO_READER
from workstation.demohub.app import create_app
from workstation.demohub.db import HubStore
from workstation.demohub.seed import index_manifest
from workstation.hub.client import HubClient
from workstation.hub.errors import AuthError

BASE = "http://hub.test"


@dataclass
class Hub:
    transport: InProcessTransport
    clock: FakeClock
    db: Path

    def client(self, **kwargs) -> HubClient:
        return HubClient(BASE, transport=self.transport, **kwargs)

    def http(self) -> httpx.Client:
        return httpx.Client(base_url=BASE, transport=self.transport)

    def query(self, sql: str, *params) -> list[tuple]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hub_dataset(tmp_path_factory.mktemp("demo")).manifest


@pytest.fixture
def hub(tmp_path: Path, manifest: Path):
    clock = FakeClock()
    store = HubStore.open(tmp_path / "hub")
    index_manifest(store, manifest)
    settings = fast_settings(
        clock,
        access_ttl=60,
        throttle_after=2,
        throttle_base_delay=5,
        lockout_after=4,
        lockout_seconds=600,
    )
    app = create_app(store, settings)
    yield Hub(InProcessTransport(app), clock, store.db_path)
    store.close()


def _wrong_code(when: float) -> str:
    valid = {DEMO_READER.totp().generate_otp(int(when // 30) + d) for d in (-1, 0, 1)}
    return next(c for c in (f"{n:06d}" for n in range(1000)) if c not in valid)


def test_sign_in_with_password_and_totp(hub: Hub) -> None:
    client = hub.client()
    user = sign_in(client, DEMO_READER, hub.clock)
    assert (user.username, user.role, user.tenants) == (
        "dr.demo",
        "radiologist",
        ("ankara", "izmir"),
    )
    assert client.is_authenticated and client.user == user
    assert hub.query("SELECT event, outcome FROM audit WHERE username = 'dr.demo'") == [
        ("login_password", "ok"),
        ("login", "ok"),
    ]
    assert hub.query("SELECT COUNT(*) FROM sessions WHERE revoked_at IS NULL") == [(1,)]


def test_wrong_password_and_unknown_user_are_refused_alike(hub: Hub) -> None:
    client = hub.client()
    for username in ("dr.demo", "nobody"):
        with pytest.raises(AuthError) as err:
            client.login(username, "not-the-password")
        assert (err.value.code, err.value.status) == ("invalid_credentials", 401)
    assert not client.is_authenticated
    assert hub.query("SELECT username, outcome FROM audit WHERE event = 'login_failed'") == [
        ("dr.demo", "invalid_credentials"),
        ("nobody", "invalid_credentials"),
    ]


def test_wrong_code_is_refused(hub: Hub) -> None:
    client = hub.client()
    challenge = client.login(DEMO_READER.username, DEMO_READER.password)
    with pytest.raises(AuthError) as err:
        client.verify_totp(challenge, _wrong_code(hub.clock()))
    assert err.value.code == "invalid_code"
    assert not client.is_authenticated


def test_a_code_is_accepted_only_once(hub: Hub) -> None:
    first = hub.client()
    sign_in(first, DEMO_READER, hub.clock)
    code = code_at(DEMO_READER, hub.clock())
    second = hub.client()
    with pytest.raises(AuthError) as err:
        second.verify_totp(second.login(DEMO_READER.username, DEMO_READER.password), code)
    assert err.value.code == "code_reused"
    # The previous step's code is still inside the drift window but older than the used one.
    older = DEMO_READER.totp().generate_otp(int(hub.clock() // 30) - 1)
    with pytest.raises(AuthError) as err:
        second.verify_totp(second.login(DEMO_READER.username, DEMO_READER.password), older)
    assert err.value.code == "code_reused"
    # The next step's code works.
    hub.clock.advance(30)
    challenge = second.login(DEMO_READER.username, DEMO_READER.password)
    assert second.verify_totp(challenge, code_at(DEMO_READER, hub.clock())).username == "dr.demo"


def test_mfa_token_expires(hub: Hub) -> None:
    client = hub.client()
    challenge = client.login(DEMO_READER.username, DEMO_READER.password)
    assert challenge.expires_in == 300
    hub.clock.advance(301)
    with pytest.raises(AuthError) as err:
        client.verify_totp(challenge, code_at(DEMO_READER, hub.clock()))
    assert err.value.code == "mfa_expired"


def test_failed_attempts_are_throttled_then_locked(hub: Hub) -> None:
    http = hub.http()
    wrong = {"username": "dr.demo", "password": "wrong"}
    right = {"username": "dr.demo", "password": DEMO_READER.password}
    assert http.post("/api/v1/auth/login", json=wrong).status_code == 401
    assert http.post("/api/v1/auth/login", json=wrong).status_code == 401  # delay 5 s begins
    throttled = http.post("/api/v1/auth/login", json=right)
    assert throttled.status_code == 429
    assert throttled.json() | {"message": ""} == {
        "error": "throttled",
        "retry_after": 5,
        "message": "",
    }
    assert throttled.headers["Retry-After"] == "5"
    hub.clock.advance(5)
    assert http.post("/api/v1/auth/login", json=wrong).status_code == 401
    assert http.post("/api/v1/auth/login", json=right).json()["retry_after"] == 10  # doubled
    hub.clock.advance(10)
    # A wrong TOTP code counts as a failure too; this fourth one locks the account.
    challenge = http.post("/api/v1/auth/login", json=right).json()
    bad = http.post(
        "/api/v1/auth/totp",
        json={"mfa_token": challenge["mfa_token"], "code": _wrong_code(hub.clock())},
    )
    assert bad.json()["error"] == "invalid_code"
    locked = http.post("/api/v1/auth/login", json=right)
    assert (locked.status_code, locked.json()["error"]) == (423, "locked")
    client = hub.client()
    with pytest.raises(AuthError) as err:
        client.login(DEMO_READER.username, DEMO_READER.password)
    assert (err.value.code, err.value.status) == ("locked", 423)
    # Other accounts are unaffected, and the lock runs out.
    assert sign_in(hub.client(), DEMO_IZMIR, hub.clock).username == "dr.izmir"
    hub.clock.advance(600)
    assert sign_in(client, DEMO_READER, hub.clock).username == "dr.demo"


def test_tokens_are_pinned_hs256_jwts(hub: Hub) -> None:
    http = hub.http()
    tokens = raw_sign_in(http, DEMO_READER, hub.clock)
    assert jwt.get_unverified_header(tokens["access_token"])["alg"] == "HS256"
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    assert claims["typ"] == "access" and claims["sub"] == "dr.demo"
    assert claims["tenants"] == ["ankara", "izmir"] and claims["role"] == "radiologist"
    assert claims["exp"] - claims["iat"] == 60
    assert {"iss", "aud", "jti", "sid"} <= claims.keys()
    forged = [
        jwt.encode(claims, "another-key-of-sufficient-length-123", algorithm="HS256"),
        jwt.encode(claims, None, algorithm="none"),
        tokens["refresh_token"],  # right key, wrong type
    ]
    for token in forged:
        answer = http.get("/api/v1/worklist", headers={"Authorization": f"Bearer {token}"})
        assert (answer.status_code, answer.json()["error"]) == (401, "invalid_token")
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
    assert http.get("/api/v1/worklist").json()["error"] == "unauthenticated"


def test_expired_access_token_is_refreshed_silently(hub: Hub) -> None:
    http = hub.http()
    tokens = raw_sign_in(http, DEMO_READER, hub.clock)
    client = hub.client()
    sign_in(client, DEMO_READER, hub.clock)
    first_refresh = client.refresh_token
    hub.clock.advance(61)
    expired = http.get("/api/v1/worklist", headers=bearer(tokens))
    assert (expired.status_code, expired.json()["error"]) == (401, "token_expired")
    assert len(client.worklist()) == 3
    assert client.refresh_token != first_refresh  # rotated on the way
    assert hub.query("SELECT COUNT(*) FROM sessions WHERE revoked_at IS NOT NULL") == [(0,)]


def test_concurrent_requests_after_expiry_keep_the_session(hub: Hub) -> None:
    client = hub.client()
    sign_in(client, DEMO_READER, hub.clock)
    hub.clock.advance(61)
    results: list[int] = []
    errors: list[Exception] = []

    def work() -> None:
        try:
            results.append(len(client.worklist()))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == [] and results == [3] * 8
    # A second refresh with the same token would have been taken for theft.
    assert hub.query("SELECT revoked_at FROM sessions") == [(None,)]


def test_reuse_of_a_rotated_refresh_token_revokes_the_family(hub: Hub) -> None:
    lost = threading.Event()
    client = hub.client(on_session_lost=lost.set)
    sign_in(client, DEMO_READER, hub.clock)
    stolen = client.refresh_token
    client.refresh()
    http = hub.http()
    replay = http.post("/api/v1/auth/refresh", json={"refresh_token": stolen})
    assert (replay.status_code, replay.json()["error"]) == (401, "session_expired")
    assert hub.query("SELECT revoke_reason FROM sessions") == [("refresh_token_reuse",)]
    # The legitimate holder is signed out too, immediately (its access token names the family).
    with pytest.raises(AuthError) as err:
        client.worklist()
    assert err.value.code == "session_expired"
    assert lost.is_set() and not client.is_authenticated
    assert hub.query("SELECT outcome FROM audit WHERE event = 'refresh' ORDER BY id") == [
        ("ok",),  # the legitimate rotation
        ("refresh_token_reuse",),
    ]


def test_logout_ends_the_session(hub: Hub) -> None:
    client = hub.client()
    sign_in(client, DEMO_READER, hub.clock)
    kept = client.refresh_token
    client.logout()
    assert not client.is_authenticated and client.user is None
    answer = hub.http().post("/api/v1/auth/refresh", json={"refresh_token": kept})
    assert answer.json()["error"] == "session_expired"
    assert hub.query("SELECT revoke_reason FROM sessions") == [("logout",)]


def test_restore_resumes_a_kept_session(hub: Hub) -> None:
    first = hub.client()
    sign_in(first, DEMO_IZMIR, hub.clock)
    kept = first.refresh_token
    first.close()
    resumed = hub.client()
    assert resumed.restore(kept).username == "dr.izmir"
    assert [item.tenant_id for item in resumed.worklist()] == ["izmir"]
    with pytest.raises(AuthError) as err:
        hub.client().restore("not-a-token")
    assert err.value.code == "session_expired"
