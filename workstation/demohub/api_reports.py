"""Report routes: versions, preliminary and final submission, amendment, and the hub-side
working draft. Preliminary reports need ``write_preliminary``, final ones ``sign_final``,
amendments ``amend``; all of them only within the caller's tenants. When the hub's policy
says so (``HubSettings.sign_code_required``, sent to the workstation in the sign-in
policy), a final signature or an amendment also needs the signer's current authenticator
code (RFC 6238) in the ``X-Sign-Code`` header, each code once, as at sign-in."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header
from fastapi.responses import JSONResponse

from workstation.core.report import ReportKind
from workstation.demohub import claims, reports, throttle
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
from workstation.demohub.security import match_totp
from workstation.demohub.users import accept_totp_step, load_user
from workstation.hub.codes import ErrorCode
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

SignCode = Annotated[
    str | None,
    Header(alias="X-Sign-Code", description="authenticator code, when the policy asks for it"),
]
Viewer = Annotated[Principal, Depends(require(Permission.SEE_WORKLIST))]
Writer = Annotated[Principal, Depends(require(Permission.WRITE_PRELIMINARY))]
Amender = Annotated[Principal, Depends(require(Permission.AMEND))]

_FILED = {
    200: {"model": ReceiptOut, "description": "Repeated submission; the first receipt"},
    409: {"model": ErrorOut, "description": "claimed, already_signed or idempotency_conflict"},
}


Filing = Callable[[sqlite3.Connection, float], tuple[dict[str, Any], bool]]


def _sign_check(
    ctx: HubContext, who: Principal, code: str | None, now: float
) -> reports.Authorize | None:
    """The authenticator-code check of a signature, when the policy asks for one. A refused
    code is audited by :func:`_file` like every refusal of a filing; wrong codes count
    towards the sign-in throttle of the account (:func:`_count_wrong_code`), so the
    signature is no way around it to guess codes."""
    if not ctx.settings.sign_code_required:
        return None

    def check(conn: sqlite3.Connection) -> None:
        if not code:
            raise ApiError(
                403, ErrorCode.SIGN_CODE_REQUIRED, "signing needs your authenticator code"
            )
        refusal = throttle.check(conn, who.username, now)
        if refusal is not None:
            raise ApiError(
                403, refusal.code,
                f"too many wrong codes; try again in {refusal.retry_after} s",
                retry_after=refusal.retry_after,
            )  # fmt: skip
        user = load_user(conn, who.username)
        step = None if user is None else match_totp(user.totp_secret, code, now)
        if step is None:
            raise ApiError(403, ErrorCode.INVALID_CODE, "wrong authenticator code")
        if not accept_totp_step(conn, who.username, step):
            raise ApiError(
                403, ErrorCode.CODE_REUSED, "code already used; wait for the next one"
            )
        throttle.clear(conn, who.username)

    return check


def _count_wrong_code(ctx: HubContext, who: Principal, filing: Callable[[], JSONResponse]
                      ) -> JSONResponse:
    """Run ``filing``; a wrong authenticator code is counted (in its own transaction: the
    filing's was rolled back)."""
    try:
        return filing()
    except ApiError as err:
        if err.code == ErrorCode.INVALID_CODE:
            with ctx.store.tx() as conn:
                throttle.record_failure(conn, who.username, ctx.now(), ctx.settings)
        raise


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
def submit_report(
    study_uid: StudyUid, body: ReportIn, who: CurrentUser, ctx: Ctx, sign_code: SignCode = None
) -> JSONResponse:
    """Preliminary (resident or radiologist) or final (radiologist) report. 201 with a receipt
    for a new report; 200 with the original receipt when the same idempotency key arrives
    again (the report is not filed twice); 409 ``already_signed`` with ``by`` once a final
    report exists, 409 ``claimed`` while another reader holds the study; 403
    ``sign_code_required`` / ``invalid_code`` / ``code_reused`` for a final report without a
    valid authenticator code when the policy asks for one."""
    needed = Permission.SIGN_FINAL if body.kind == ReportKind.FINAL else Permission.WRITE_PRELIMINARY
    ensure_permission(ctx, who, needed)
    final = body.kind == ReportKind.FINAL
    return _count_wrong_code(ctx, who, lambda: _file(
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
            authorize=_sign_check(ctx, who, sign_code, now) if final else None,
        ),
    ))


@router.post(
    "/{study_uid}/reports/amendments",
    status_code=201,
    response_model=ReceiptOut,
    responses={**_FILED, 409: {"model": ErrorOut, "description": "not_signed or claimed"}},
)
def amend_report(
    study_uid: StudyUid, body: AmendmentIn, who: Amender, ctx: Ctx, sign_code: SignCode = None
) -> JSONResponse:
    """A new final version that supersedes the current one; the reason is required and the
    earlier versions stay on record."""
    return _count_wrong_code(ctx, who, lambda: _file(
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
            authorize=_sign_check(ctx, who, sign_code, now),
        ),
    ))


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
