"""Worklist, study detail and pre-signed object URL routes.

All of them run as the signed-in reader and see only studies of that reader's tenants; a study
of another tenant answers exactly like a study that does not exist. The worklist and study
detail need ``see_worklist``; object URLs (the images themselves) need ``read_images``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Depends, Query, Request

from workstation.core.study import Priority, StudyStatus
from workstation.demohub import catalog
from workstation.demohub.api_deps import Ctx, Principal, StudyUid, require, scoped_study
from workstation.demohub.api_errors import ApiError
from workstation.demohub.api_models import ErrorOut, StudyOut, UrlsIn, UrlsOut, WorklistOut
from workstation.demohub.db import iso_utc
from workstation.demohub.security import sign_url
from workstation.hub.codes import ErrorCode
from workstation.hub.vocabulary import Permission

router = APIRouter(
    prefix="/api/v1",
    tags=["studies"],
    responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)

Viewer = Annotated[Principal, Depends(require(Permission.SEE_WORKLIST))]
ImageReader = Annotated[Principal, Depends(require(Permission.READ_IMAGES))]
_MODALITY = re.compile(r"^[A-Z0-9]{1,16}$")


def _split(value: str | None, allowed: set[str] | None, name: str) -> tuple[str, ...]:
    """Parse a comma-separated filter such as ``status=UNREAD,PRELIMINARY``."""
    if value is None:
        return ()
    items = tuple(v.strip() for v in value.split(",") if v.strip())
    for item in items:
        if (allowed is not None and item not in allowed) or len(item) > 64:
            raise ApiError(422, ErrorCode.INVALID_REQUEST, f"unknown {name} {item!r}")
    return items


@router.get("/worklist", response_model=WorklistOut)
def worklist(
    who: Viewer,
    ctx: Ctx,
    status: Annotated[str | None, Query(description="comma-separated StudyStatus values")] = None,
    modality: Annotated[str | None, Query(description="comma-separated codes, e.g. CT,MR")] = None,
    tenant: Annotated[str | None, Query(description="comma-separated tenant ids")] = None,
    priority: Annotated[str | None, Query(description="comma-separated priorities")] = None,
    date_from: Annotated[date | None, Query(description="first study date, inclusive")] = None,
    date_to: Annotated[date | None, Query(description="last study date, inclusive")] = None,
    q: Annotated[str | None, Query(max_length=128, description="name, ID or accession")] = None,
    limit: Annotated[int, Query(ge=1, le=1_000_000)] = 200,
    offset: Annotated[int, Query(ge=0, le=2**62)] = 0,
) -> dict:
    """One page of the caller's worklist: STAT, then URGENT, then ROUTINE, each oldest first
    (longest waiting); ``total`` counts all matches for paging."""
    modalities = tuple(m.upper() for m in _split(modality, None, "modality"))
    if any(not _MODALITY.match(m) for m in modalities):
        raise ApiError(422, ErrorCode.INVALID_REQUEST, "modality must be a DICOM modality code")
    flt = catalog.WorklistFilter(
        status=_split(status, {s.value for s in StudyStatus}, "status"),
        modality=modalities,
        tenant=_split(tenant, None, "tenant"),
        priority=_split(priority, {p.value for p in Priority}, "priority"),
        date_from=date_from,
        date_to=date_to,
        q=q or "",
        limit=min(limit, ctx.settings.max_page),
        offset=offset,
    )
    now = ctx.now()
    with ctx.store.read() as conn:
        items, total = catalog.worklist(conn, who.tenants, flt, now)
    # Which filters were used, never their values: a search text may be a patient's name.
    used = ",".join(
        name for name, value in (("status", status), ("modality", modality), ("tenant", tenant),
                                 ("priority", priority), ("date_from", date_from),
                                 ("date_to", date_to), ("q", q)) if value
    )  # fmt: skip
    ctx.store.audit(
        "worklist", "ok", at=now, username=who.username,
        detail=f"total={total} filters={used or '-'}",
    )  # fmt: skip
    return {"items": items, "total": total, "limit": flt.limit, "offset": flt.offset}


@router.get("/studies/{study_uid}", response_model=StudyOut, responses={404: {"model": ErrorOut}})
def study(study_uid: StudyUid, who: Viewer, ctx: Ctx) -> dict:
    """Series and instances of one study, and the same patient's earlier studies in the same
    hospital (priors for comparison)."""
    item = scoped_study(ctx, who, study_uid, "study_view")
    with ctx.store.read() as conn:
        series = catalog.series_with_instances(conn, study_uid)
        priors = catalog.priors(conn, item, ctx.now())
    ctx.store.audit(
        "study_view",
        "ok",
        at=ctx.now(),
        username=who.username,
        tenant_id=item["tenant_id"],
        study_uid=study_uid,
    )
    return {"study": item, "series": series, "priors": priors}


@router.post("/studies/{study_uid}/urls", response_model=UrlsOut, responses={404: {"model": ErrorOut}})
def instance_urls(
    study_uid: StudyUid,
    request: Request,
    who: ImageReader,
    ctx: Ctx,
    body: Annotated[UrlsIn | None, Body()] = None,
) -> dict:
    """Pre-signed GET URLs, one per instance, valid for ``url_ttl`` seconds. Signing binds
    instance, user, tenant and expiry, so a URL cannot be altered to fetch anything else and
    stops working when it expires or the user loses the tenant."""
    series_uid = body.series_uid if body is not None else None
    item = scoped_study(ctx, who, study_uid, "urls_issued")
    with ctx.store.read() as conn:
        rows = catalog.instances_for_urls(conn, study_uid, series_uid)
    if series_uid is not None and not rows:
        raise ApiError(404, ErrorCode.NOT_FOUND, "no such series in this study")
    now = ctx.now()
    exp = int(now) + ctx.settings.url_ttl
    base = str(request.base_url).rstrip("/")
    tenant = item["tenant_id"]
    urls = []
    for row in rows:
        query = urlencode(
            {
                "u": who.username,
                "t": tenant,
                "exp": exp,
                "sig": sign_url(ctx.keys.url, row["id"], who.username, tenant, exp),
            }
        )
        urls.append(
            {
                "study_uid": study_uid,
                "series_uid": row["series_uid"],
                "sop_instance_uid": row["sop_instance_uid"],
                "url": f"{base}/objects/{row['id']}?{query}",
                "expires_at": iso_utc(exp),
                "size": row["size"],
            }
        )
    ctx.store.audit(
        "urls_issued",
        "ok",
        at=now,
        username=who.username,
        tenant_id=tenant,
        study_uid=study_uid,
        detail=f"count={len(urls)}",
    )
    return {"urls": urls}
