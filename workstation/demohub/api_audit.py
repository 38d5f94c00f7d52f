"""Audit routes: workstation events in, chain verification and reading out (``read_audit``).

The hub records every access it serves itself; only the workstation knows when a study was
opened, closed, exported or printed, so it posts those events in batches. They are stored
under the caller's name and the study's tenant, with the workstation's own time in the
detail and the hub's time as the row's time, so a wrong workstation clock cannot reorder the
trail.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from workstation.demohub import audit_chain, catalog
from workstation.demohub.api_deps import Ctx, Principal, require
from workstation.demohub.api_errors import not_found
from workstation.demohub.api_models import ErrorOut
from workstation.demohub.api_models_reporting import (
    AcceptedOut,
    AuditPageOut,
    AuditVerifyOut,
    ClientEventsIn,
)
from workstation.demohub.db import iso_utc, utc_timestamp
from workstation.hub.vocabulary import Permission, Role

router = APIRouter(
    prefix="/api/v1/audit",
    tags=["audit"],
    responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)

ImageReader = Annotated[Principal, Depends(require(Permission.READ_IMAGES))]
Auditor = Annotated[Principal, Depends(require(Permission.READ_AUDIT))]


@router.post("/events", response_model=AcceptedOut, responses={404: {"model": ErrorOut}})
def post_events(body: ClientEventsIn, who: ImageReader, ctx: Ctx) -> dict:
    """Append a batch of workstation events. All or nothing: one study outside the caller's
    hospitals refuses the whole batch with 404, so a retried batch never lands twice in part."""
    now = ctx.now()
    tenants: dict[str, str] = {}
    with ctx.store.read() as conn:
        for study_uid in {event.study_uid for event in body.events} - {None}:
            item = catalog.study_item(conn, who.tenants, study_uid, now)
            if item is not None:
                tenants[study_uid] = item["tenant_id"]
    if any(event.study_uid is not None and event.study_uid not in tenants
           for event in body.events):
        ctx.store.audit("client_events", "not_found", at=now, username=who.username)
        raise not_found()
    with ctx.store.tx() as conn:
        for event in body.events:
            client_ts = utc_timestamp(event.at) if event.at is not None else None
            client_at = iso_utc(client_ts) if client_ts is not None else "-"
            audit_chain.append(
                conn,
                at=iso_utc(now),
                event=f"client.{event.event.value}",
                outcome="ok",
                username=who.username,
                tenant_id=tenants.get(event.study_uid) if event.study_uid else None,
                study_uid=event.study_uid,
                detail=f"client_at={client_at} {event.detail}".strip(),
            )
    return {"accepted": len(body.events)}


@router.get("/verify", response_model=AuditVerifyOut)
def verify(who: Auditor, ctx: Ctx) -> dict:
    """Recompute the whole hash chain; ``first_bad`` names the first row that was altered,
    removed or inserted out of order."""
    with ctx.store.read() as conn:
        result = audit_chain.verify(conn)
    ctx.store.audit(
        "audit_verify", "ok" if result.ok else "chain_broken", at=ctx.now(),
        username=who.username, detail=f"rows={result.rows} first_bad={result.first_bad}",
    )  # fmt: skip
    return {"ok": result.ok, "rows": result.rows, "first_bad": result.first_bad}


@router.get("", response_model=AuditPageOut)
def audit_rows(
    who: Auditor,
    ctx: Ctx,
    study_uid: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
) -> dict:
    """Newest rows first. A hospital administrator sees the rows of their hospitals; the
    system administrator sees everything, including sign-ins that belong to no hospital."""
    where: list[str] = []
    params: list[Any] = []
    if who.role != Role.SYSTEM_ADMIN:
        marks = ", ".join("?" for _ in who.tenants) or "NULL"
        where.append(f"tenant_id IN ({marks})")
        params.extend(who.tenants)
    if study_uid is not None:
        where.append("study_uid = ?")
        params.append(study_uid)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    columns = "id, at, event, username, tenant_id, study_uid, outcome, detail, hash"
    with ctx.store.read() as conn:
        total = conn.execute(f"SELECT COUNT(*) FROM audit {clause}", params).fetchone()[0]  # noqa: S608 - placeholders only
        rows = conn.execute(
            f"SELECT {columns} FROM audit {clause} ORDER BY id DESC LIMIT ? OFFSET ?",  # noqa: S608
            [*params, limit, offset],
        ).fetchall()
    ctx.store.audit("audit_read", "ok", at=ctx.now(), username=who.username, detail=f"rows={len(rows)}")
    return {"rows": [dict(r) for r in rows], "total": int(total)}
