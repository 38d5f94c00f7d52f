"""Map hub HTTP answers to :mod:`workstation.hub.errors` exceptions.

The hub's JSON body names the problem (``{"error": "invalid_code"}``); the HTTP status picks
the exception class (RFC 9110 section 15 semantics), the body's code is kept on it so the UI
can tell a wrong password from a wrong authenticator code.
"""

from __future__ import annotations

import httpx

from workstation.hub.codes import URL_REFUSED
from workstation.hub.errors import (
    AuthError,
    Conflict,
    HubError,
    HubUnreachable,
    NotFound,
    PermissionDenied,
    UrlExpired,
)

# A gateway in front of the hub answering 502/503/504 means the hub itself did not answer.
_GATEWAY_FAILURES = frozenset({502, 503, 504})


def error_body(response: httpx.Response) -> dict:
    """The JSON error object, or {} for bodies that are not one (e.g. a proxy's HTML page)."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def error_code(response: httpx.Response) -> str | None:
    code = error_body(response).get("error")
    return code if isinstance(code, str) else None


def to_error(response: httpx.Response) -> HubError:
    """The exception for a non-success answer."""
    status = response.status_code
    if status in _GATEWAY_FAILURES:
        return HubUnreachable(f"hub unavailable (HTTP {status})")
    body = error_body(response)
    code = body.get("error") if isinstance(body.get("error"), str) else f"http_{status}"
    message = body.get("message") if isinstance(body.get("message"), str) else ""
    message = message or response.reason_phrase or code
    details = {k: v for k, v in body.items() if k not in ("error", "message")}
    cls: type[HubError] = HubError
    if status in (401, 423, 429):
        cls = AuthError
    elif status == 403:
        cls = UrlExpired if code in URL_REFUSED else PermissionDenied
    elif status == 404:
        cls = NotFound
    elif status == 409:
        cls = Conflict
    return cls(code, message, status, details=details)


def raise_for_error(response: httpx.Response) -> None:
    if not response.is_success:
        raise to_error(response)
