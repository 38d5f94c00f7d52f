"""The hub's session policy as sent at sign-in: how long the workstation may stay idle
before its lock screen hides patient data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DEFAULT_IDLE_LOCK_SECONDS = 15 * 60
# A hub asking for less than this would make reading impossible; more than a shift is no lock.
MIN_IDLE_LOCK_SECONDS = 30
MAX_IDLE_LOCK_SECONDS = 12 * 3600


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    idle_lock_seconds: int = DEFAULT_IDLE_LOCK_SECONDS
    # Signing a final report (or an amendment) needs the reader's authenticator code.
    sign_code_required: bool = False


def parse_policy(data: Any) -> SessionPolicy | None:
    """The policy of a token answer, None when the hub sent none (or nonsense)."""
    if not isinstance(data, dict):
        return None
    try:
        seconds = int(data["idle_lock_seconds"])
    except (KeyError, TypeError, ValueError):
        return None
    return SessionPolicy(max(MIN_IDLE_LOCK_SECONDS, min(MAX_IDLE_LOCK_SECONDS, seconds)),
                         sign_code_required=data.get("sign_code_required") is True)
