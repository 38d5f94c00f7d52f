"""Tunable numbers of the demo hub.

Defaults follow common practice for a reading workstation: short-lived access tokens (15 min,
so a stolen token is of little use), day-long refresh tokens (one sign-in per shift), 5-minute
object URLs (long enough for a large study download, short enough that a leaked URL dies
quickly), 30-minute reading locks (a claim is renewed by claiming again, and one forgotten
on a closed workstation frees itself) and login throttling in the spirit of NIST SP 800-63B section 5.2.2 (rate limiting
with growing delays, then a lockout). Tests shrink these numbers and inject a fake clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class HubSettings:
    issuer: str = "workstation-demohub"
    audience: str = "workstation"
    access_ttl: int = 15 * 60
    refresh_ttl: int = 24 * 60 * 60
    mfa_ttl: int = 5 * 60
    url_ttl: int = 5 * 60
    claim_ttl: int = 30 * 60
    # Consecutive failed password/TOTP attempts before delays start, the first delay (seconds,
    # doubled for each further failure, capped) and the count that locks the account.
    throttle_after: int = 3
    throttle_base_delay: float = 1.0
    throttle_max_delay: float = 60.0
    lockout_after: int = 10
    lockout_seconds: int = 15 * 60
    bcrypt_rounds: int = 12
    max_page: int = 1000
    # Idle time after which the workstation hides patient data behind its lock screen
    # (the hub's policy, sent at sign-in; HIPAA 45 CFR 164.312(a)(2)(iii) automatic logoff).
    idle_lock_seconds: int = 15 * 60
    # Final signatures and amendments need the reader's current authenticator code
    # (X-Sign-Code header): a second factor on the signature itself, not only at sign-in.
    sign_code_required: bool = False
    # Seconds since the Unix epoch; replaced by a controllable clock in tests.
    clock: Callable[[], float] = field(default=time.time)

    def __post_init__(self) -> None:
        lifetimes = (self.access_ttl, self.refresh_ttl, self.mfa_ttl, self.url_ttl, self.claim_ttl,
                     self.idle_lock_seconds)
        if min(lifetimes) <= 0:
            raise ValueError("token, URL and claim lifetimes must be positive")
        if not 1 <= self.throttle_after <= self.lockout_after:
            raise ValueError("need 1 <= throttle_after <= lockout_after")
        if not 4 <= self.bcrypt_rounds <= 31:
            raise ValueError("bcrypt rounds must be within 4..31")
