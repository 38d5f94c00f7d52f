"""Which hub failures are worth trying again."""

from __future__ import annotations

from workstation.hub.errors import (
    AuthError,
    Conflict,
    HubError,
    HubUnreachable,
    NotFound,
    PermissionDenied,
    UrlExpired,
)


def is_transient(exc: HubError) -> bool:
    """True when the same request may well succeed shortly: the hub was unreachable,
    overloaded (429) or failed internally (5xx, or no status at all). Refusals that
    depend on who asks or on the study's state (auth, permission, not found, conflict,
    expired URL) never fix themselves and are not retried."""
    if isinstance(exc, HubUnreachable):
        return True
    if isinstance(exc, AuthError | PermissionDenied | NotFound | Conflict | UrlExpired):
        return False
    return exc.status is None or exc.status >= 500 or exc.status == 429
