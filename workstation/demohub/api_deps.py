"""Request dependencies shared by the API routes: the hub context and the signed-in caller."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from workstation.demohub.api_errors import ApiError
from workstation.demohub.db import HubStore
from workstation.demohub.security import ExpiredTokenError, InvalidTokenError, decode_jwt
from workstation.demohub.sessions import HubKeys, is_active
from workstation.demohub.settings import HubSettings
from workstation.demohub.users import load_user
from workstation.hub.codes import ErrorCode


@dataclass(frozen=True, slots=True)
class HubContext:
    store: HubStore
    settings: HubSettings
    keys: HubKeys

    def now(self) -> float:
        return self.settings.clock()


def get_ctx(request: Request) -> HubContext:
    return request.app.state.hub


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller of an authenticated request. Tenants come from the user record at request
    time, not from the token, so withdrawing a tenant takes effect immediately."""

    username: str
    display_name: str
    role: str
    tenants: tuple[str, ...]
    session_id: str


bearer_scheme = HTTPBearer(auto_error=False, description="Access token from /api/v1/auth/totp")


def _unauthorized(code: str, message: str) -> ApiError:
    # RFC 6750 section 3: a 401 carries a WWW-Authenticate challenge naming the problem.
    challenge = 'Bearer realm="workstation-demohub"'
    if code != ErrorCode.UNAUTHENTICATED:
        challenge += f', error="invalid_token", error_description="{message}"'
    return ApiError(401, code, message, headers={"WWW-Authenticate": challenge})


Ctx = Annotated[HubContext, Depends(get_ctx)]
BearerCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]


def get_principal(credentials: BearerCredentials, ctx: Ctx) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorized(ErrorCode.UNAUTHENTICATED, "sign in first")
    try:
        claims = decode_jwt(
            ctx.keys.jwt,
            credentials.credentials,
            issuer=ctx.settings.issuer,
            audience=ctx.settings.audience,
            typ="access",
            now=ctx.now(),
        )
    except ExpiredTokenError:
        raise _unauthorized(ErrorCode.TOKEN_EXPIRED, "access token expired") from None
    except InvalidTokenError:
        raise _unauthorized(ErrorCode.INVALID_TOKEN, "access token invalid") from None
    session_id = claims.get("sid")
    with ctx.store.read() as conn:
        active = isinstance(session_id, str) and is_active(conn, session_id)
        user = load_user(conn, claims["sub"]) if active else None
    if user is None or not isinstance(session_id, str):
        raise _unauthorized(ErrorCode.SESSION_EXPIRED, "session ended; sign in again")
    return Principal(user.username, user.display_name, user.role, user.tenants, session_id)


CurrentUser = Annotated[Principal, Depends(get_principal)]
