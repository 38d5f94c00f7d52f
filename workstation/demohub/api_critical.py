"""Critical-result routes: flag (``flag_critical``), acknowledge (``acknowledge_critical``,
the recipient side) and list (``see_worklist``), all within the caller's tenants."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from workstation.demohub import critical
from workstation.demohub.api_deps import Ctx, Principal, StudyUid, require, scoped_study
from workstation.demohub.api_errors import ApiError, not_found
from workstation.demohub.api_models import ErrorOut
from workstation.demohub.api_models_reporting import (
    AcknowledgementIn,
    CriticalIn,
    CriticalListOut,
    CriticalOut,
)
from workstation.demohub.db import iso_utc, utc_timestamp
from workstation.hub.codes import ErrorCode
from workstation.hub.vocabulary import Permission

router = APIRouter(
    prefix="/api/v1",
    tags=["critical results"],
    responses={
        401: {"model": ErrorOut},
        403: {"model": ErrorOut},
        404: {"model": ErrorOut},
        422: {"model": ErrorOut},
    },
)

Flagger = Annotated[Principal, Depends(require(Permission.FLAG_CRITICAL))]
Recipient = Annotated[Principal, Depends(require(Permission.ACKNOWLEDGE_CRITICAL))]
Viewer = Annotated[Principal, Depends(require(Permission.SEE_WORKLIST))]


# Workstation clocks drift a little; a time further ahead than this is a mistake.
_CLOCK_SKEW = 5 * 60


def _communication_time(when: datetime | None, now: float) -> float:
    """Unix time of the communication (naive times are taken as UTC); 422 for a time in the
    future or outside the calendar."""
    if when is None:
        return now
    ts = utc_timestamp(when)
    if ts is None or ts > now + _CLOCK_SKEW:
        raise ApiError(
            422, ErrorCode.INVALID_REQUEST, "communicated_at must be a valid time, not in the future"
        )
    return ts


@router.post("/studies/{study_uid}/critical", status_code=201, response_model=CriticalOut)
def flag_critical(study_uid: StudyUid, body: CriticalIn, who: Flagger, ctx: Ctx) -> dict:
    """Document that a critical finding was communicated: category, finding, recipient,
    method and time (default: now). It stays open until acknowledged."""
    item = scoped_study(ctx, who, study_uid, "critical_flag")
    now = ctx.now()
    communicated_at = iso_utc(_communication_time(body.communicated_at, now))
    with ctx.store.tx() as conn:
        record = critical.flag(
            conn,
            study_uid=study_uid,
            tenant_id=item["tenant_id"],
            category=body.category,
            finding=body.finding,
            recipient=body.recipient,
            method=body.method.value,
            communicated_at=communicated_at,
            flagged_by=who.username,
            now=now,
        )
    ctx.store.audit(
        "critical_flag", "ok", at=now, username=who.username, tenant_id=item["tenant_id"],
        study_uid=study_uid, detail=f"id={record['id']} category={body.category}",
    )  # fmt: skip
    return record


@router.post(
    "/critical/{communication_id}/acknowledge",
    response_model=CriticalOut,
    responses={409: {"model": ErrorOut, "description": "already_acknowledged"}},
)
def acknowledge_critical(
    communication_id: Annotated[str, Path(max_length=64)],
    body: AcknowledgementIn,
    who: Recipient,
    ctx: Ctx,
) -> dict:
    """The recipient confirms receipt with a read-back of the finding; records who and when."""
    now = ctx.now()
    outcome: str = "ok"
    error: ApiError | None = None
    with ctx.store.tx() as conn:
        record = critical.get(conn, communication_id, who.tenants)
        if record is not None:
            try:
                record = critical.acknowledge(
                    conn, communication_id, by=who.username, read_back=body.read_back, now=now
                )
            except ApiError as err:
                outcome, error = err.code, err
    if record is None:
        ctx.store.audit(
            "critical_acknowledge", ErrorCode.NOT_FOUND, at=now, username=who.username,
            detail=f"id={communication_id}",
        )  # fmt: skip
        raise not_found()
    ctx.store.audit(
        "critical_acknowledge", outcome, at=now, username=who.username,
        tenant_id=record["tenant_id"], study_uid=record["study_uid"], detail=f"id={communication_id}",
    )  # fmt: skip
    if error is not None:
        raise error
    return record


@router.get("/critical", response_model=CriticalListOut)
def critical_communications(
    who: Viewer,
    ctx: Ctx,
    study_uid: Annotated[str | None, Query(max_length=64)] = None,
    open_only: bool = False,
) -> dict:
    """Communications in the caller's hospitals, open ones first, most urgent first."""
    with ctx.store.read() as conn:
        found = critical.listing(conn, who.tenants, study_uid=study_uid, open_only=open_only)
    ctx.store.audit(
        "critical_list", "ok", at=ctx.now(), username=who.username, study_uid=study_uid,
        detail=f"count={len(found)}",
    )  # fmt: skip
    return {"communications": found}
