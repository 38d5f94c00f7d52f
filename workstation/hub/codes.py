"""Machine-readable error codes of the hub API.

The hub answers every failure with a JSON body ``{"error": <code>, ...}``. Client and demo hub
both import these constants so that a renamed code cannot silently break the mapping from HTTP
answers to :mod:`workstation.hub.errors` exceptions.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    # Login (step 1: password, step 2: RFC 6238 TOTP).
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_CODE = "invalid_code"
    CODE_REUSED = "code_reused"
    MFA_EXPIRED = "mfa_expired"
    THROTTLED = "throttled"
    LOCKED = "locked"
    # Bearer tokens (RFC 6750 section 3.1 calls all of these "invalid_token"; the hub is more
    # precise so the client knows whether a silent refresh can help).
    UNAUTHENTICATED = "unauthenticated"
    TOKEN_EXPIRED = "token_expired"  # noqa: S105 - an error code, not a secret
    INVALID_TOKEN = "invalid_token"  # noqa: S105 - an error code, not a secret
    SESSION_EXPIRED = "session_expired"
    # Pre-signed object URLs.
    URL_EXPIRED = "url_expired"
    BAD_SIGNATURE = "bad_signature"
    RANGE_NOT_SATISFIABLE = "range_not_satisfiable"
    # Generic.
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    INVALID_REQUEST = "invalid_request"
    MISSING_FIELDS = "missing_fields"
    IDEMPOTENCY_CONFLICT = "idempotency_conflict"
    # Reading and reporting state (HTTP 409).
    CLAIMED = "claimed"  # another reader holds the study's reading lock
    ALREADY_SIGNED = "already_signed"  # a final report exists; amend it instead
    NOT_SIGNED = "not_signed"  # an amendment needs a final report to amend
    ALREADY_ACKNOWLEDGED = "already_acknowledged"
    # Signing (HTTP 403): the hub's policy asks for the authenticator code on signatures.
    SIGN_CODE_REQUIRED = "sign_code_required"


#: Codes on a 401 after which the client may refresh its access token and retry once.
REFRESHABLE = frozenset({ErrorCode.TOKEN_EXPIRED})

#: Codes on a 403 from the object store meaning "ask the hub for fresh URLs".
URL_REFUSED = frozenset({ErrorCode.URL_EXPIRED, ErrorCode.BAD_SIGNATURE})
