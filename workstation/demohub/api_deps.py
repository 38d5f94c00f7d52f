"""Request dependencies shared by the API routes: the hub context, the signed-in caller, the
role check and the tenant-scoped study lookup.

Every route that touches patient data declares its permission with :func:`require`, so the
role check cannot be forgotten in a handler's body and is visible in the route's signature;
studies are only ever looked up through :func:`scoped_study`, which applies the tenant scope.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from workstation.demohub import catalog
from workstation.demohub.api_errors import ApiError, not_found
from workstation.demohub.db import HubStore
from workstation.demohub.roles import has_permission
from workstation.demohub.security import ExpiredTokenError, InvalidTokenError, decode_jwt
from workstation.demohub.sessions import HubKeys, is_active
from workstation.demohub.settings import HubSettings
from workstation.demohub.users import load_user
from workstation.hub.codes import ErrorCode
from workstation.hub.vocabulary import Permission


@dataclass(frozen=True, slots=True)
class HubContext:
    store: HubStore
    settings: HubSettings
    keys: HubKeys

    def now(self) -> float:
        return self.settings.clock()

    def decode_token(self, token: str, typ: str, *, now: float | None = None) -> dict[str, Any]:
        """Claims of one of this hub's JWTs of type ``typ`` (pinned algorithm, iss/aud/exp
        checked, RFC 8725); raises InvalidTokenError / ExpiredTokenError."""
        return decode_jwt(
            self.keys.jwt,
            token,
            issuer=self.settings.issuer,
            audience=self.settings.audience,
            typ=typ,
            now=self.now() if now is None else now,
        )


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
        claims = ctx.decode_token(credentials.credentials, "access")
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


def ensure_permission(ctx: HubContext, who: Principal, permission: Permission) -> None:
    """403 ``{"error": "forbidden", "permission": ...}`` unless the caller's role holds
    ``permission``; the refusal is audited."""
    if has_permission(who.role, permission):
        return
    ctx.store.audit(
        "permission_denied",
        ErrorCode.FORBIDDEN,
        at=ctx.now(),
        username=who.username,
        detail=f"permission={permission.value}",
    )
    raise ApiError(
        403,
        ErrorCode.FORBIDDEN,
        f"your role may not {permission.value.replace('_', ' ')}",
        permission=permission.value,
    )


def require(permission: Permission) -> Callable[..., Principal]:
    """A dependency admitting only callers whose role holds ``permission``."""

    def check(who: CurrentUser, ctx: Ctx) -> Principal:
        ensure_permission(ctx, who, permission)
        return who

    check.__name__ = f"require_{permission.value}"
    return check


def scoped_study(ctx: HubContext, who: Principal, study_uid: str, event: str) -> dict[str, Any]:
    """The study's worklist item if it is in one of the caller's tenants. A study of another
    tenant answers 404 exactly like one that does not exist, so its existence is not revealed;
    the attempt is still audited under ``event``."""
    with ctx.store.read() as conn:
        item = catalog.study_item(conn, who.tenants, study_uid, ctx.now())
    if item is None:
        ctx.store.audit(
            event, ErrorCode.NOT_FOUND, at=ctx.now(), username=who.username, study_uid=study_uid
        )
        raise not_found()
    return item


# DICOM UIDs are at most 64 characters (PS3.5 section 9.1).
StudyUid = Annotated[str, Path(max_length=64, description="Study Instance UID")]
