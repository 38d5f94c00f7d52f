"""HubClient behaviour that needs no hub: silent refresh under concurrency, error mapping of
network failures, no token on object downloads. A scripted transport plays the hub."""

from __future__ import annotations

import json
import threading

import httpx
import pytest

from workstation.core.study import UserInfo
from workstation.hub.client import HubClient
from workstation.hub.errors import AuthError, HubUnreachable, UrlExpired
from workstation.hub.models import BadResponse, MfaChallenge

USER = {"username": "dr.demo", "display_name": "Dr", "role": "radiologist", "tenants": ["a"]}


class ScriptedHub:
    """Rotating tokens like the real hub: a refresh token works once; expired access tokens
    get 401 token_expired; presenting a spent refresh token ends the session."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.generation = 1
        self.refreshes = 0
        self.revoked = False
        self.down = False
        self.expired: set[str] = set()
        self.object_headers: list[httpx.Headers] = []
        self.barrier: threading.Barrier | None = None

    def tokens(self) -> dict:
        n = self.generation
        return {"access_token": f"a{n}", "refresh_token": f"r{n}", "user": USER}

    def expire_access(self) -> None:
        with self.lock:
            self.expired.add(f"a{self.generation}")

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("connection refused")
        path = request.url.path
        if path == "/api/v1/auth/totp":
            return httpx.Response(200, json=self.tokens())
        if path == "/api/v1/auth/refresh":
            presented = json.loads(request.content)["refresh_token"]
            with self.lock:
                if self.revoked or presented != f"r{self.generation}":
                    self.revoked = True
                    return httpx.Response(401, json={"error": "session_expired"})
                self.generation += 1
                self.refreshes += 1
                return httpx.Response(200, json=self.tokens())
        if path == "/api/v1/worklist":
            if self.barrier is not None:
                self.barrier.wait(10)  # every thread sends its request before any refresh
            token = request.headers.get("Authorization", "").removeprefix("Bearer ")
            with self.lock:
                if self.revoked:
                    return httpx.Response(401, json={"error": "session_expired"})
                if token in self.expired or token != f"a{self.generation}":
                    return httpx.Response(401, json={"error": "token_expired"})
            return httpx.Response(200, json={"items": [], "total": 0})
        if path.startswith("/objects/"):
            self.object_headers.append(request.headers)
            if "expired" in str(request.url):
                return httpx.Response(403, json={"error": "url_expired"})
            return httpx.Response(200, content=b"DICM-bytes")
        return httpx.Response(404, json={"error": "not_found"})


@pytest.fixture
def scripted() -> ScriptedHub:
    return ScriptedHub()


def _signed_in(hub: ScriptedHub, **kwargs) -> HubClient:
    client = HubClient("https://hub.example", transport=httpx.MockTransport(hub), **kwargs)
    user = client.verify_totp(MfaChallenge("mfa", 300), "123456")
    assert user == UserInfo("dr.demo", "Dr", "radiologist", ("a",))
    return client


def test_concurrent_401s_lead_to_a_single_refresh(scripted: ScriptedHub) -> None:
    client = _signed_in(scripted)
    scripted.expire_access()
    scripted.barrier = threading.Barrier(6)
    errors: list[Exception] = []

    def call() -> None:
        try:
            client.worklist()
        except Exception as exc:  # asserted below
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    scripted.barrier = None
    assert errors == []
    assert scripted.refreshes == 1 and not scripted.revoked
    assert client.refresh_token == "r2"


def test_failed_refresh_reports_the_lost_session(scripted: ScriptedHub) -> None:
    lost: list[bool] = []
    client = _signed_in(scripted, on_session_lost=lambda: lost.append(True))
    scripted.revoked = True
    with pytest.raises(AuthError) as err:
        client.refresh()
    assert err.value.code == "session_expired"
    assert lost == [True] and not client.is_authenticated and client.user is None


def test_object_downloads_carry_no_bearer_token(scripted: ScriptedHub) -> None:
    client = _signed_in(scripted)
    assert client.fetch("https://objects.example/objects/1?sig=ab") == b"DICM-bytes"
    assert "authorization" not in scripted.object_headers[0]
    with pytest.raises(UrlExpired):
        client.fetch("https://objects.example/objects/1?expired=1")


@pytest.mark.parametrize(
    "failure",
    [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("x")],
)
def test_network_failures_become_hub_unreachable(failure: Exception) -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        raise failure

    client = HubClient("https://hub.example", transport=httpx.MockTransport(broken))
    with pytest.raises(HubUnreachable):
        client.login("dr.demo", "pw")
    with pytest.raises(HubUnreachable):
        client.fetch("https://hub.example/objects/1")


def test_logout_ends_the_local_session_even_when_the_hub_is_down(scripted: ScriptedHub) -> None:
    client = _signed_in(scripted)
    client._http._transport = httpx.MockTransport(
        lambda r: (_ for _ in ()).throw(httpx.ConnectError("x"))
    )
    client.logout()
    assert not client.is_authenticated


def test_tls_verification_cannot_be_switched_off() -> None:
    with pytest.raises(ValueError, match="TLS"):
        HubClient("https://hub.example", verify=False)


def test_unexpected_answers_raise_bad_response() -> None:
    client = HubClient(
        "https://hub.example",
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json={"hello": 1})),
    )
    with pytest.raises(BadResponse):
        client.login("dr.demo", "pw")
