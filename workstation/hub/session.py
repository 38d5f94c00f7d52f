"""The hub client's session: one pooled HTTP connection, sign-in with TOTP (RFC 6238), silent
token refresh, error mapping. The API calls built on it are in :mod:`studies_api` and
:mod:`reporting_api`; :class:`workstation.hub.client.HubClient` combines them.

One ``httpx.Client`` (thread-safe, pooled connections) serves every thread. API calls carry the
bearer token; object downloads do not: pre-signed URLs are their own credential, and the
reader's token must not travel to wherever an object URL points.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable
from typing import Any, Self
from urllib.parse import quote

import httpx

from workstation import __version__
from workstation.core.study import UserInfo
from workstation.hub import models
from workstation.hub.auth import BearerAuth, TokenStore
from workstation.hub.errors import AuthError, HubError, HubUnreachable
from workstation.hub.http_errors import raise_for_error
from workstation.hub.models import BadResponse, MfaChallenge
from workstation.hub.policy import SessionPolicy, parse_policy
from workstation.hub.redaction import install_httpx_log_redaction
from workstation.hub.tls import CertificatePinError, hub_ssl_context, is_pin_mismatch

log = logging.getLogger(__name__)

API = "/api/v1"
# Codes meaning the session is gone for good: the reader must sign in again.
_SESSION_LOST = frozenset({"session_expired", "invalid_token"})


def _ssl_context(verify: bool | str, pin: str | None = None) -> ssl.SSLContext:
    """Always a verifying context (see :mod:`workstation.hub.tls`); ``verify`` may name a CA
    bundle, ``pin`` the hub's public-key pin."""
    if verify is not True and not isinstance(verify, str):
        raise ValueError("TLS certificate verification cannot be turned off")
    return hub_ssl_context(verify if isinstance(verify, str) else None, pin)


def segment(value: str) -> str:
    """One URL path segment (UIDs and ids never contain "/", but a caller's typo might)."""
    return quote(value, safe="")


class HubSession:
    """Talks to one hub. All methods are safe to call from several threads."""

    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
        verify: bool | str = True,
        pin: str | None = None,
        on_session_lost: Callable[[], None] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.on_session_lost = on_session_lost
        self._tokens = TokenStore()
        self.policy: SessionPolicy | None = None  # the hub's session policy, from sign-in
        # Called with each new refresh token (None at sign-out), e.g. to keep it in the
        # OS keychain; never with anything else.
        self.on_refresh_token: Callable[[str | None], None] | None = None
        self._auth = BearerAuth(self._tokens, self._refresh)
        install_httpx_log_redaction()
        self._http = httpx.Client(
            base_url=self.base_url,
            transport=transport,
            timeout=timeout,
            verify=_ssl_context(verify, pin),
            headers={"User-Agent": f"workstation/{__version__}"},
            follow_redirects=False,
        )

    # -- plumbing -------------------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _send(self, method: str, url: str, *, authed: bool, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(
                method, url, auth=self._auth if authed else None, **kwargs
            )
        except httpx.TransportError as exc:
            if is_pin_mismatch(exc):
                log.error("hub certificate does not match the configured pin; refused")
                raise CertificatePinError() from None
            raise HubUnreachable(f"hub unreachable: {type(exc).__name__}") from None
        try:
            raise_for_error(response)
        except AuthError as err:
            if authed and err.code in _SESSION_LOST:
                self._session_lost()
            raise
        return response

    def _json(self, method: str, path: str, *, authed: bool = True, **kwargs: Any) -> Any:
        response = self._send(method, path, authed=authed, **kwargs)
        try:
            return response.json()
        except ValueError:
            raise BadResponse("hub answer is not JSON", response.status_code) from None

    def _object(self, method: str, path: str, what: str, **kwargs: Any) -> dict[str, Any]:
        """A JSON object answer, or BadResponse naming ``what`` was expected."""
        data = self._json(method, path, **kwargs)
        if not isinstance(data, dict):
            raise BadResponse(f"malformed {what}")
        return data

    def _session_lost(self) -> None:
        """Forget the tokens; tell the owner once, outside any lock."""
        with self._tokens.lock:
            had_session = self._tokens.refresh_token is not None
            self._tokens.clear()
        if had_session:
            self._tell_refresh_token(None)
        if had_session and self.on_session_lost is not None:
            self.on_session_lost()

    def _store_tokens(self, payload: dict[str, Any]) -> UserInfo:
        try:
            user = models.parse_user(payload["user"])
            self._tokens.set(str(payload["access_token"]), str(payload["refresh_token"]), user)
        except (KeyError, TypeError, ValueError):
            raise BadResponse("hub sent no usable tokens") from None
        self.policy = parse_policy(payload.get("policy")) or self.policy
        self._tell_refresh_token(str(payload["refresh_token"]))
        return user

    def _tell_refresh_token(self, token: str | None) -> None:
        callback = self.on_refresh_token
        if callback is None:
            return
        try:
            callback(token)
        except Exception as exc:  # noqa: BLE001 - keeping the token is best effort
            log.warning("could not keep the refresh token (%s)", type(exc).__name__)

    def _refresh(self, stale_access: str | None = None, *, force: bool = False) -> None:
        """Swap the refresh token for a new pair. Unless ``force``d, nothing happens when the
        access token is no longer ``stale_access``: another thread has refreshed meanwhile
        (see auth.py). A refused refresh ends the session; a network failure keeps it."""
        failure: AuthError | None = None
        with self._tokens.lock:
            refresh_token = self._tokens.refresh_token
            if refresh_token is None:
                raise AuthError("session_expired", "not signed in", 401)
            if not force and self._tokens.access_token != stale_access:
                return
            try:
                payload = self._json(
                    "POST",
                    f"{API}/auth/refresh",
                    authed=False,
                    json={"refresh_token": refresh_token},
                )
            except AuthError as err:
                self._tokens.clear()
                failure = err
            else:
                self._store_tokens(payload)
        if failure is not None:
            if self.on_session_lost is not None:
                self.on_session_lost()
            raise failure

    # -- session --------------------------------------------------------------------------

    @property
    def user(self) -> UserInfo | None:
        return self._tokens.user

    @property
    def refresh_token(self) -> str | None:
        """Keep this (e.g. in the OS keyring) to resume the session with :meth:`restore`."""
        return self._tokens.refresh_token

    @property
    def is_authenticated(self) -> bool:
        return self._tokens.refresh_token is not None

    def login(self, username: str, password: str) -> MfaChallenge:
        """Step one: password. Raises AuthError invalid_credentials / throttled / locked."""
        data = self._json(
            "POST",
            f"{API}/auth/login",
            authed=False,
            json={"username": username, "password": password},
        )
        try:
            return models.parse_challenge(data)
        except (KeyError, TypeError, ValueError):
            raise BadResponse("hub sent no MFA challenge") from None

    def verify_totp(self, challenge: MfaChallenge, code: str) -> UserInfo:
        """Step two: the authenticator code. Raises AuthError invalid_code / code_reused /
        mfa_expired / throttled / locked."""
        payload = self._json(
            "POST",
            f"{API}/auth/totp",
            authed=False,
            json={"mfa_token": challenge.mfa_token, "code": code.strip()},
        )
        user = self._store_tokens(payload)
        log.info("signed in to the hub as %s", user.username)
        return user

    def refresh(self) -> None:
        """Rotate the tokens now (normally done silently when the access token expires)."""
        self._refresh(force=True)

    def restore(self, refresh_token: str) -> UserInfo:
        """Resume a session from a refresh token kept from an earlier run."""
        self._tokens.set_refresh_only(refresh_token)
        self._refresh(force=True)
        user = self._tokens.user
        if user is None:
            raise AuthError("session_expired", "session could not be resumed", 401)
        return user

    def logout(self) -> None:
        """End the session on the hub and forget the tokens. The local sign-out always
        happens; a hub that cannot be told is logged, as its session expires on its own."""
        with self._tokens.lock:
            access, refresh = self._tokens.access_token, self._tokens.refresh_token
            self._tokens.clear()
        self._tell_refresh_token(None)
        if refresh is None:
            return
        headers = {"Authorization": f"Bearer {access}"} if access else {}
        try:
            self._send(
                "POST",
                f"{API}/auth/logout",
                authed=False,
                json={"refresh_token": refresh},
                headers=headers,
            )
        except HubError as err:
            log.warning("hub sign-out failed (%s); local session ended anyway", err.code)
