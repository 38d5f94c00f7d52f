"""Report routes: submit (idempotent) and list the versions of a study's report."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from workstation.demohub import catalog, reports
from workstation.demohub.api_deps import Ctx, CurrentUser
from workstation.demohub.api_errors import ApiError, not_found
from workstation.demohub.api_models import ErrorOut, ReceiptOut, ReportIn, ReportOut

router = APIRouter(prefix="/api/v1/studies", tags=["reports"])

_ERRORS = {401: {"model": ErrorOut}, 404: {"model": ErrorOut}}


@router.post(
    "/{study_uid}/reports",
    status_code=201,
    response_model=ReceiptOut,
    responses={
        **_ERRORS,
        200: {"model": ReceiptOut, "description": "Repeated submission; the first receipt"},
        409: {"model": ErrorOut},
        422: {"model": ErrorOut},
    },
)
def submit_report(
    study_uid: str,
    body: ReportIn,
    who: CurrentUser,
    ctx: Ctx,
) -> JSONResponse:
    """201 with a receipt for a new report; 200 with the original receipt when the same
    idempotency key arrives again (the report is not filed twice)."""
    now = ctx.now()
    with ctx.store.read() as conn:
        item = catalog.study_item(conn, who.tenants, study_uid)
    if item is None:
        raise not_found()
    try:
        with ctx.store.tx() as conn:
            receipt, created = reports.submit(
                conn,
                study_uid=study_uid,
                author=who.username,
                findings=body.findings,
                impression=body.impression,
                kind=body.kind,
                idempotency_key=body.idempotency_key,
                now=now,
            )
    except ApiError as err:
        ctx.store.audit(
            "report_submit",
            err.code,
            at=now,
            username=who.username,
            tenant_id=item["tenant_id"],
            study_uid=study_uid,
        )
        raise
    ctx.store.audit(
        "report_submit",
        "ok" if created else "repeated",
        at=now,
        username=who.username,
        tenant_id=item["tenant_id"],
        study_uid=study_uid,
        detail=f"version={receipt['version']} kind={receipt['kind']}",
    )
    return JSONResponse(receipt, status_code=201 if created else 200)


@router.get("/{study_uid}/reports", response_model=list[ReportOut], responses=_ERRORS)
def list_reports(
    study_uid: str,
    who: CurrentUser,
    ctx: Ctx,
) -> list[dict]:
    with ctx.store.read() as conn:
        if catalog.study_item(conn, who.tenants, study_uid) is None:
            raise not_found()
        return reports.list_reports(conn, study_uid)
