"""Checking the reader who wants the lock screen gone: password and TOTP code at the hub,
or the offline verifier when the hub cannot be reached.

Online, unlocking is a full sign-in (RFC 6238 code, once-only, throttled by the hub) for
the same user who locked; it also renews the hub session. Offline, only what the machine
can check alone is possible: the password against the scrypt verifier kept in the
encrypted cache at the last online sign-in (:mod:`workstation.services.offline_login`);
the cache key itself comes from the OS keychain of the signed-in OS user. The TOTP secret
lives on the hub only, so the code cannot be checked offline and is not asked for.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from workstation.hub.errors import AuthError, HubError, HubUnreachable
from workstation.services.offline_login import OfflineUnlockError
from workstation.services.offline_login import _check as check_offline_password

log = logging.getLogger(__name__)


class UnlockFailure(StrEnum):
    WRONG = "wrong"  # wrong password or code
    OTHER_USER = "other_user"
    THROTTLED = "throttled"
    LOCKED_OUT = "locked_out"
    NO_OFFLINE = "no_offline"  # hub unreachable and no verifier on this machine
    HUB_ERROR = "hub_error"


class UnlockRefused(Exception):  # noqa: N818 - reads as what happened
    def __init__(self, reason: UnlockFailure, detail: str = "") -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class UnlockResult:
    online: bool


def verify_unlock(client: Any, store: Any, username: str, password: str, code: str) -> UnlockResult:
    """Blocking (run on a worker thread). Raises UnlockRefused."""
    try:
        challenge = client.login(username, password)
        user = client.verify_totp(challenge, code)
    except HubUnreachable:
        return _offline(store, username, password)
    except AuthError as err:
        if err.code in ("invalid_credentials", "invalid_code", "code_reused", "mfa_expired"):
            raise UnlockRefused(UnlockFailure.WRONG, err.code) from None
        if err.code == "throttled":
            raise UnlockRefused(UnlockFailure.THROTTLED) from None
        if err.code == "locked":
            raise UnlockRefused(UnlockFailure.LOCKED_OUT) from None
        raise UnlockRefused(UnlockFailure.HUB_ERROR, err.code) from None
    except HubError as err:
        raise UnlockRefused(UnlockFailure.HUB_ERROR, err.message) from None
    if getattr(user, "username", username) != username:
        # Someone else's credentials: do not hand them this reader's screen.
        raise UnlockRefused(UnlockFailure.OTHER_USER)
    log.info("screen unlocked after hub verification")
    return UnlockResult(online=True)


def _offline(store: Any, username: str, password: str) -> UnlockResult:
    if store is None:
        raise UnlockRefused(UnlockFailure.NO_OFFLINE)
    try:
        check_offline_password(store, username, password)
    except OfflineUnlockError as err:
        if err.reason.value == "wrong_password":
            raise UnlockRefused(UnlockFailure.WRONG) from None
        raise UnlockRefused(UnlockFailure.NO_OFFLINE, err.reason.value) from None
    log.info("screen unlocked offline with the local verifier")
    return UnlockResult(online=False)
