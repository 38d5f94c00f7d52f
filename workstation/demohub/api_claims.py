"""Claim and release routes: the reading lock of a study (see :mod:`claims`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from workstation.demohub import catalog, claims
from workstation.demohub.api_deps import Ctx, Principal, StudyUid, require, scoped_study
from workstation.demohub.api_errors import ApiError
from workstation.demohub.api_models import ErrorOut, WorklistItemOut
from workstation.hub.vocabulary import Permission

router = APIRouter(
    prefix="/api/v1/studies",
    tags=["claims"],
    responses={
        401: {"model": ErrorOut},
        403: {"model": ErrorOut},
        404: {"model": ErrorOut},
        409: {"model": ErrorOut, "description": "claimed: another reader holds the lock"},
        422: {"model": ErrorOut},
    },
)

Claimer = Annotated[Principal, Depends(require(Permission.CLAIM))]


@router.post("/{study_uid}/claim", response_model=WorklistItemOut)
def claim(study_uid: StudyUid, who: Claimer, ctx: Ctx) -> dict:
    """Take the study's reading lock for ``claim_ttl`` seconds, or renew one already held.
    While another reader holds it: 409 ``claimed`` with ``by`` and ``expires_at``."""
    item = scoped_study(ctx, who, study_uid, "claim")
    now = ctx.now()
    try:
        with ctx.store.tx() as conn:
            claims.claim(
                conn,
                study_uid,
                username=who.username,
                display_name=who.display_name,
                now=now,
                ttl=ctx.settings.claim_ttl,
            )
    except ApiError as err:
        ctx.store.audit(
            "claim", err.code, at=now, username=who.username, tenant_id=item["tenant_id"],
            study_uid=study_uid,
        )  # fmt: skip
        raise
    ctx.store.audit(
        "claim", "ok", at=now, username=who.username, tenant_id=item["tenant_id"],
        study_uid=study_uid,
    )  # fmt: skip
    with ctx.store.read() as conn:
        return catalog.study_item(conn, who.tenants, study_uid, now) or item


@router.delete("/{study_uid}/claim", status_code=204, response_class=Response)
def release(study_uid: StudyUid, who: Claimer, ctx: Ctx) -> Response:
    """Give the lock back (also fine when none is held); 409 if another reader holds it."""
    item = scoped_study(ctx, who, study_uid, "release")
    now = ctx.now()
    try:
        with ctx.store.tx() as conn:
            held = claims.release(conn, study_uid, who.username, now)
    except ApiError as err:
        ctx.store.audit(
            "release", err.code, at=now, username=who.username, tenant_id=item["tenant_id"],
            study_uid=study_uid,
        )  # fmt: skip
        raise
    ctx.store.audit(
        "release", "ok" if held else "not_held", at=now, username=who.username,
        tenant_id=item["tenant_id"], study_uid=study_uid,
    )  # fmt: skip
    return Response(status_code=204)
