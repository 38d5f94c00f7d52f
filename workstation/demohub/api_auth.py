"""Sign-in routes: password, then TOTP (RFC 6238), then rotating bearer tokens.

The two steps are separate requests so the password alone never yields a usable token; the
MFA token from step one is only good for step two and only for a few minutes.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Body

from workstation.demohub import throttle
from workstation.demohub.api_deps import BearerCredentials, Ctx, HubContext
from workstation.demohub.api_errors import ApiError
from workstation.demohub.api_models import (
    ErrorOut,
    LoginIn,
    LogoutIn,
    MfaChallengeOut,
    RefreshIn,
    StatusOut,
    TokensOut,
    TotpIn,
)
from workstation.demohub.security import (
    InvalidTokenError,
    burn_password_check,
    check_password,
    match_totp,
)
from workstation.demohub.sessions import family_of, issue_mfa_token, issue_pair, revoke, rotate
from workstation.demohub.users import accept_totp_step, load_user
from workstation.hub.codes import ErrorCode

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])

_ERRORS = {
    401: {"model": ErrorOut},
    422: {"model": ErrorOut},
    423: {"model": ErrorOut},
    429: {"model": ErrorOut},
}


def _refuse_if_throttled(ctx: HubContext, username: str, event: str) -> None:
    now = ctx.now()
    with ctx.store.tx() as conn:
        refusal = throttle.check(conn, username, now)
    if refusal is None:
        return
    ctx.store.audit(event, refusal.code, at=now, username=username)
    status = 423 if refusal.code == ErrorCode.LOCKED else 429
    raise ApiError(
        status,
        refusal.code,
        f"too many failed attempts; try again in {refusal.retry_after} s",
        # RFC 9110 section 10.2.3: Retry-After in seconds.
        headers={"Retry-After": str(refusal.retry_after)},
        retry_after=refusal.retry_after,
    )


def _fail(ctx: HubContext, username: str, event: str, code: str, message: str) -> ApiError:
    now = ctx.now()
    with ctx.store.tx() as conn:
        failures = throttle.record_failure(conn, username, now, ctx.settings)
    ctx.store.audit(event, code, at=now, username=username, detail=f"failures={failures}")
    return ApiError(401, code, message)


@router.post("/login", response_model=MfaChallengeOut, responses=_ERRORS)
def login(body: LoginIn, ctx: Ctx) -> dict:
    """Step one: check the password and hand out a short-lived MFA token."""
    username = body.username
    _refuse_if_throttled(ctx, username, "login_failed")
    with ctx.store.read() as conn:
        user = load_user(conn, username)
    if user is None:
        burn_password_check(body.password, ctx.settings.bcrypt_rounds)
        ok = False
    else:
        ok = check_password(body.password, user.password_hash)
    if user is None or not ok:
        raise _fail(
            ctx,
            username,
            "login_failed",
            ErrorCode.INVALID_CREDENTIALS,
            "wrong user name or password",
        )
    now = ctx.now()
    mfa = issue_mfa_token(ctx.keys, ctx.settings, user, now)
    ctx.store.audit("login_password", "ok", at=now, username=username)
    return {"mfa_token": mfa.token, "expires_in": ctx.settings.mfa_ttl, "methods": ["totp"]}


@router.post("/totp", response_model=TokensOut, responses=_ERRORS)
def totp(body: TotpIn, ctx: Ctx) -> dict:
    """Step two: check the authenticator code, each code only once, and open a session."""
    try:
        claims = ctx.decode_token(body.mfa_token, "mfa")
    except InvalidTokenError:
        raise ApiError(401, ErrorCode.MFA_EXPIRED, "sign-in took too long; start again") from None
    username = claims["sub"]
    _refuse_if_throttled(ctx, username, "login_failed")
    with ctx.store.read() as conn:
        user = load_user(conn, username)
    if user is None:
        raise ApiError(401, ErrorCode.MFA_EXPIRED, "sign-in took too long; start again")
    now = ctx.now()
    step = match_totp(user.totp_secret, body.code, now)
    if step is None:
        raise _fail(ctx, username, "login_failed", ErrorCode.INVALID_CODE, "wrong code")
    tokens = None
    with ctx.store.tx() as conn:
        if accept_totp_step(conn, username, step):
            throttle.clear(conn, username)
            tokens = issue_pair(conn, ctx.keys, ctx.settings, user, now)
    if tokens is None:
        raise _fail(
            ctx,
            username,
            "login_failed",
            ErrorCode.CODE_REUSED,
            "code already used; wait for the next one",
        )
    ctx.store.audit("login", "ok", at=now, username=username)
    log.info("user %s signed in", username)
    return tokens


@router.post(
    "/refresh", response_model=TokensOut, responses={401: {"model": ErrorOut}, 422: {"model": ErrorOut}}
)
def refresh(body: RefreshIn, ctx: Ctx) -> dict:
    """Swap a refresh token for a new pair; an already-used one revokes its whole family."""
    now = ctx.now()
    with ctx.store.tx() as conn:
        rotation = rotate(conn, ctx.keys, ctx.settings, body.refresh_token, now)
    if rotation.tokens is None:
        outcome = "refresh_token_reuse" if rotation.reuse_detected else "refused"
        ctx.store.audit("refresh", outcome, at=now, username=rotation.username)
        if rotation.reuse_detected:
            log.warning("refresh token reuse for user %s; session revoked", rotation.username)
        raise ApiError(401, ErrorCode.SESSION_EXPIRED, "session ended; sign in again")
    ctx.store.audit("refresh", "ok", at=now, username=rotation.username)
    return rotation.tokens


@router.post("/logout", response_model=StatusOut, responses={422: {"model": ErrorOut}})
def logout(
    ctx: Ctx,
    credentials: BearerCredentials,
    body: Annotated[LogoutIn | None, Body()] = None,
) -> dict:
    """End the session of the given refresh token and/or bearer token. Expired tokens are
    accepted here: signing out must work even after a long pause."""
    families: set[str] = set()
    if body is not None and body.refresh_token:
        family = family_of(ctx.keys, ctx.settings, body.refresh_token)
        if family is not None:
            families.add(family)
    if credentials is not None:
        try:
            # Logout accepts an expired access token: it only names the session to end.
            claims = ctx.decode_token(credentials.credentials, "access", now=float("-inf"))
            if isinstance(claims.get("sid"), str):
                families.add(claims["sid"])
        except InvalidTokenError:
            pass
    now = ctx.now()
    usernames = set()
    with ctx.store.tx() as conn:
        for family in families:
            row = conn.execute(
                "SELECT username FROM sessions WHERE family_id = ?", (family,)
            ).fetchone()
            if row is not None:
                usernames.add(row["username"])
                revoke(conn, family, now, "logout")
    for username in sorted(usernames):
        ctx.store.audit("logout", "ok", at=now, username=username)
    return {"status": "signed_out"}
