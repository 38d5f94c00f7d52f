"""Bearer-token handling for the hub client: token storage and an httpx auth flow that
refreshes an expired access token silently.

Downloads and UI requests run on several threads at once. When the access token expires they
all get 401 ``token_expired`` at about the same time, yet the refresh token may be spent only
once (the hub rotates it and treats a second use as theft, revoking the session). So refreshes
are serialised by a lock, and a thread that waited for the lock reuses the token another
thread just obtained instead of refreshing again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator

import httpx

from workstation.core.study import UserInfo
from workstation.hub.codes import REFRESHABLE
from workstation.hub.http_errors import error_code


class TokenStore:
    """The current session's tokens and user; all access goes through ``lock``."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._access: str | None = None
        self._refresh: str | None = None
        self._user: UserInfo | None = None

    @property
    def access_token(self) -> str | None:
        with self.lock:
            return self._access

    @property
    def refresh_token(self) -> str | None:
        with self.lock:
            return self._refresh

    @property
    def user(self) -> UserInfo | None:
        with self.lock:
            return self._user

    def set(self, access: str, refresh: str, user: UserInfo) -> None:
        with self.lock:
            self._access, self._refresh, self._user = access, refresh, user

    def set_refresh_only(self, refresh: str) -> None:
        with self.lock:
            self._access, self._refresh, self._user = None, refresh, None

    def clear(self) -> None:
        with self.lock:
            self._access = self._refresh = None
            self._user = None

    def __repr__(self) -> str:  # never show tokens in logs or tracebacks
        return f"TokenStore(signed_in={self._access is not None})"


class BearerAuth(httpx.Auth):
    """Attach ``Authorization: Bearer`` (RFC 6750 section 2.1); on 401 ``token_expired``
    refresh once via ``refresh_after`` and replay the request with the new token."""

    requires_response_body = True  # the 401's JSON code decides whether to refresh

    def __init__(self, tokens: TokenStore, refresh_after: Callable[[str | None], None]) -> None:
        self._tokens = tokens
        self._refresh_after = refresh_after

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self._tokens.access_token
        if token is None and self._tokens.refresh_token is not None:
            # Resumed session (refresh token only): obtain an access token first.
            self._refresh_after(None)
            token = self._tokens.access_token
        if token is not None:
            request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code != 401 or token is None:
            return
        if error_code(response) not in REFRESHABLE:
            return
        self._refresh_after(token)
        fresh = self._tokens.access_token
        if fresh is None or fresh == token:
            return
        request.headers["Authorization"] = f"Bearer {fresh}"
        yield request
