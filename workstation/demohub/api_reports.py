"""Report routes: versions, preliminary and final submission, amendment, and the hub-side
working draft. Preliminary reports need ``write_preliminary``, final ones ``sign_final``,
amendments ``amend``; all of them only within the caller's tenants."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from workstation.core.report import ReportKind
from workstation.demohub import claims, reports
from workstation.demohub.api_deps import (
    Ctx,
    CurrentUser,
    HubContext,
    Principal,
    StudyUid,
    ensure_permission,
    require,
    scoped_study,
)
from workstation.demohub.api_errors import ApiError, not_found
from workstation.demohub.api_models import ErrorOut
from workstation.demohub.api_models_reporting import (
    AmendmentIn,
    DraftIn,
    DraftOut,
    ReceiptOut,
    ReportIn,
    ReportOut,
)
from workstation.hub.vocabulary import Permission

router = APIRouter(
    prefix="/api/v1/studies",
    tags=["reports"],
    responses={
        401: {"model": ErrorOut},
        403: {"model": ErrorOut},
        404: {"model": ErrorOut},
        422: {"model": ErrorOut},
    },
)

Viewer = Annotated[Principal, Depends(require(Permission.SEE_WORKLIST))]
Writer = Annotated[Principal, Depends(require(Permission.WRITE_PRELIMINARY))]
Amender = Annotated[Principal, Depends(require(Permission.AMEND))]

_FILED = {
    200: {"model": ReceiptOut, "description": "Repeated submission; the first receipt"},
    409: {"model": ErrorOut, "description": "claimed, already_signed or idempotency_conflict"},
}


Filing = Callable[[sqlite3.Connection, float], tuple[dict[str, Any], bool]]


def _file(
    ctx: HubContext, who: Principal, study_uid: str, event: str, action: Filing
) -> JSONResponse:
    """Run ``action(conn, now)`` in one transaction after the tenant and claim checks, audit
    the outcome, and answer 201 (new) or 200 (repeat of an earlier submission)."""
    item = scoped_study(ctx, who, study_uid, event)
    now = ctx.now()
    try:
        with ctx.store.tx() as conn:
            claims.refuse_if_held_by_other(conn, study_uid, who.username, now)
            receipt, created = action(conn, now)
            if created and receipt["kind"] == ReportKind.FINAL:
                # Signing ends the reading session.
                claims.release(conn, study_uid, who.username, now)
    except ApiError as err:
        ctx.store.audit(
            event, err.code, at=now, username=who.username, tenant_id=item["tenant_id"],
            study_uid=study_uid,
        )  # fmt: skip
        raise
    ctx.store.audit(
        event,
        "ok" if created else "repeated",
        at=now,
        username=who.username,
        tenant_id=item["tenant_id"],
        study_uid=study_uid,
        detail=f"version={receipt['version']} kind={receipt['kind']}",
    )
    return JSONResponse(receipt, status_code=201 if created else 200)


@router.post(
    "/{study_uid}/reports", status_code=201, response_model=ReceiptOut, responses=_FILED
)
def submit_report(study_uid: StudyUid, body: ReportIn, who: CurrentUser, ctx: Ctx) -> JSONResponse:
    """Preliminary (resident or radiologist) or final (radiologist) report. 201 with a receipt
    for a new report; 200 with the original receipt when the same idempotency key arrives
    again (the report is not filed twice); 409 ``already_signed`` with ``by`` once a final
    report exists, 409 ``claimed`` while another reader holds the study."""
    needed = Permission.SIGN_FINAL if body.kind == ReportKind.FINAL else Permission.WRITE_PRELIMINARY
    ensure_permission(ctx, who, needed)
    return _file(
        ctx,
        who,
        study_uid,
        "report_submit",
        lambda conn, now: reports.submit(
            conn,
            study_uid=study_uid,
            author=who.username,
            findings=body.findings,
            impression=body.impression,
            kind=body.kind,
            idempotency_key=body.idempotency_key,
            now=now,
        ),
    )


@router.post(
    "/{study_uid}/reports/amendments",
    status_code=201,
    response_model=ReceiptOut,
    responses={**_FILED, 409: {"model": ErrorOut, "description": "not_signed or claimed"}},
)
def amend_report(study_uid: StudyUid, body: AmendmentIn, who: Amender, ctx: Ctx) -> JSONResponse:
    """A new final version that supersedes the current one; the reason is required and the
    earlier versions stay on record."""
    return _file(
        ctx,
        who,
        study_uid,
        "report_amend",
        lambda conn, now: reports.amend(
            conn,
            study_uid=study_uid,
            author=who.username,
            findings=body.findings,
            impression=body.impression,
            reason=body.reason,
            idempotency_key=body.idempotency_key,
            now=now,
        ),
    )


@router.get("/{study_uid}/reports", response_model=list[ReportOut])
def report_versions(study_uid: StudyUid, who: Viewer, ctx: Ctx) -> list[dict]:
    """Every version of the study's report, oldest first; superseded ones are marked."""
    item = scoped_study(ctx, who, study_uid, "report_read")
    with ctx.store.read() as conn:
        versions = reports.list_reports(conn, study_uid)
    ctx.store.audit(
        "report_read", "ok", at=ctx.now(), username=who.username, tenant_id=item["tenant_id"],
        study_uid=study_uid, detail=f"versions={len(versions)}",
    )  # fmt: skip
    return versions


@router.put("/{study_uid}/draft", response_model=DraftOut)
def save_draft(study_uid: StudyUid, body: DraftIn, who: Writer, ctx: Ctx) -> dict:
    """Keep the caller's working draft on the hub (one per reader and study, overwritten)."""
    item = scoped_study(ctx, who, study_uid, "draft_save")
    now = ctx.now()
    with ctx.store.tx() as conn:
        draft = reports.save_draft(
            conn,
            study_uid=study_uid,
            author=who.username,
            findings=body.findings,
            impression=body.impression,
            now=now,
        )
    ctx.store.audit(
        "draft_save", "ok", at=now, username=who.username, tenant_id=item["tenant_id"],
        study_uid=study_uid,
    )  # fmt: skip
    return draft


@router.get("/{study_uid}/draft", response_model=DraftOut)
def load_draft(study_uid: StudyUid, who: Writer, ctx: Ctx) -> dict:
    """The caller's own draft of the study; 404 when there is none."""
    scoped_study(ctx, who, study_uid, "draft_read")
    with ctx.store.read() as conn:
        draft = reports.load_draft(conn, study_uid, who.username)
    if draft is None:
        raise not_found()
    return draft
