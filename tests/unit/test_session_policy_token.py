"""The hub client hands each new refresh token to its keeper (the OS keychain) and the
hub's idle-lock policy to the workstation; sign-out forgets the token."""

from __future__ import annotations

import json

import httpx

from workstation.hub.client import HubClient
from workstation.hub.policy import MIN_IDLE_LOCK_SECONDS, parse_policy

USER = {"username": "dr.demo", "display_name": "Dr Demo", "role": "radiologist",
        "tenants": ["ankara"], "permissions": ["read_images"]}


def _handler(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path.endswith("/auth/login"):
        return httpx.Response(200, json={"mfa_token": "m", "expires_in": 300})
    if path.endswith("/auth/totp"):
        return httpx.Response(200, json=_tokens("r1", 600))
    if path.endswith("/auth/refresh"):
        assert json.loads(request.content)["refresh_token"] == "r1"
        return httpx.Response(200, json=_tokens("r2", 600))
    if path.endswith("/auth/logout"):
        return httpx.Response(204)
    return httpx.Response(404, json={"code": "not_found"})


def _tokens(refresh: str, idle: int) -> dict:
    return {"access_token": "a-" + refresh, "refresh_token": refresh, "token_type": "Bearer",
            "expires_in": 900, "refresh_expires_in": 86400, "user": USER,
            "policy": {"idle_lock_seconds": idle}}


def test_refresh_tokens_reach_the_keeper_and_policy_is_parsed():
    kept: list[str | None] = []
    client = HubClient("http://hub.test", transport=httpx.MockTransport(_handler))
    client.on_refresh_token = kept.append
    client.verify_totp(client.login("dr.demo", "pw"), "123456")
    assert client.policy is not None and client.policy.idle_lock_seconds == 600
    client.refresh()
    client.logout()
    assert kept == ["r1", "r2", None]


def test_policy_parsing_bounds():
    assert parse_policy(None) is None and parse_policy({"x": 1}) is None
    assert parse_policy({"idle_lock_seconds": 1}).idle_lock_seconds == MIN_IDLE_LOCK_SECONDS
    assert parse_policy({"idle_lock_seconds": "900"}).idle_lock_seconds == 900


def test_token_keeper_uses_the_keychain(monkeypatch):
    import keyring

    from workstation.cache import token_keychain
    from workstation.ui.idle_lock_session import TokenKeeper

    store: dict[tuple[str, str], str] = {}

    class Memory(keyring.backend.KeyringBackend):
        priority = 1

        def get_password(self, s, u):
            return store.get((s, u))

        def set_password(self, s, u, p):
            store[(s, u)] = p

        def delete_password(self, s, u):
            store.pop((s, u), None)

    monkeypatch.setattr(keyring, "get_keyring", Memory)
    client = HubClient("http://hub.test", transport=httpx.MockTransport(_handler))
    client.on_refresh_token = keeper = TokenKeeper(client, "https://hub.example:8443")
    client.verify_totp(client.login("dr.demo", "pw"), "123456")
    assert keeper.message == ""
    assert token_keychain.load_refresh_token("dr.demo@hub.example") == "r1"
    client.logout()
    assert store == {}
