"""Errors raised by the hub client. Each carries the hub's machine-readable ``code`` so the
UI can say exactly what went wrong (wrong password vs. wrong code vs. hub unreachable)."""

from __future__ import annotations

from typing import Any


class HubError(Exception):
    """Any failure talking to the hub. ``details`` holds the extra fields of the hub's error
    answer, e.g. ``by`` (who holds the claim / signed first) or ``permission`` (which one the
    role lacks)."""

    def __init__(
        self,
        code: str,
        message: str = "",
        status: int | None = None,
        *,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message or code)
        self.code = code
        self.message = message or code
        self.status = status
        self.details: dict[str, Any] = dict(details or {})


class HubUnreachable(HubError):  # noqa: N818 - public names used across the project
    """The hub did not answer (connection refused, DNS, TLS, timeout)."""

    def __init__(self, message: str = "hub unreachable") -> None:
        super().__init__("unreachable", message)


class AuthError(HubError):
    """Login or session failure. Codes: invalid_credentials, invalid_code, code_reused,
    mfa_expired, throttled, locked, session_expired."""


class PermissionDenied(HubError):  # noqa: N818 - public names used across the project
    """Authenticated, but this user/tenant/role may not do this (HTTP 403)."""


class NotFound(HubError):  # noqa: N818 - public names used across the project
    """The study, series, instance or report does not exist in the user's scope (404)."""


class UrlExpired(HubError):  # noqa: N818 - public names used across the project
    """A pre-signed object URL has expired or was refused; ask the hub for fresh URLs."""


class Conflict(HubError):  # noqa: N818 - public names used across the project
    """The hub refused because of the current state (HTTP 409), e.g. already signed."""
