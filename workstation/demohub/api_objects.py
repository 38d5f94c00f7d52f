"""The object endpoint: DICOM bytes behind pre-signed URLs, no bearer token.

Downloads run on many threads and may be handed to code that should not hold the reader's
tokens, so the URL itself is the credential: an HMAC signature over instance, user, tenant and
expiry (see :func:`workstation.demohub.security.sign_url`). The user's tenant access is checked
again at fetch time (tenant and the ``read_images`` permission of the role), so withdrawing
access also kills URLs already handed out.
"""

from __future__ import annotations

import logging
import os
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query
from fastapi.responses import Response

from workstation.demohub import catalog
from workstation.demohub.api_deps import Ctx
from workstation.demohub.api_errors import ApiError
from workstation.demohub.api_models import ErrorOut
from workstation.demohub.ranges import RangeNotSatisfiableError, parse_byte_range
from workstation.demohub.roles import has_permission
from workstation.demohub.security import url_signature_valid
from workstation.demohub.users import load_user
from workstation.hub.codes import ErrorCode
from workstation.hub.vocabulary import Permission

log = logging.getLogger(__name__)

router = APIRouter(tags=["objects"])

# RFC 3240 registers application/dicom for DICOM Part 10 files.
DICOM_MEDIA_TYPE = "application/dicom"


@router.get(
    "/objects/{instance_id}",
    response_class=Response,
    responses={
        200: {"content": {DICOM_MEDIA_TYPE: {}}, "description": "The DICOM Part 10 file"},
        206: {"content": {DICOM_MEDIA_TYPE: {}}, "description": "The requested byte range"},
        403: {"model": ErrorOut},
        404: {"model": ErrorOut},
        416: {"model": ErrorOut},
        422: {"model": ErrorOut},
    },
)
def get_object(
    instance_id: Annotated[int, Path(ge=1, le=2**62)],
    ctx: Ctx,
    u: Annotated[str, Query(max_length=128, description="user the URL was issued to")],
    t: Annotated[str, Query(max_length=64, description="tenant of the instance")],
    exp: Annotated[int, Query(description="expiry, Unix seconds")],
    sig: Annotated[str, Query(max_length=128, description="HMAC-SHA256, hex")],
    range_header: Annotated[str | None, Header(alias="Range")] = None,
    if_range: Annotated[str | None, Header(alias="If-Range")] = None,
) -> Response:
    now = ctx.now()

    def refuse(
        status: int,
        code: str,
        message: str,
        study_uid: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> ApiError:
        ctx.store.audit("object_fetch", code, at=now, username=u, tenant_id=t, study_uid=study_uid)
        return ApiError(status, code, message, headers=headers)

    if not url_signature_valid(ctx.keys.url, instance_id, u, t, exp, sig):
        raise refuse(403, ErrorCode.BAD_SIGNATURE, "URL signature invalid; request new URLs")
    if exp <= now:
        raise refuse(403, ErrorCode.URL_EXPIRED, "URL expired; request new URLs")
    with ctx.store.read() as conn:
        row = catalog.instance_by_id(conn, instance_id)
        user = load_user(conn, u)
    if row is None:
        raise refuse(404, ErrorCode.NOT_FOUND, "no such object")
    if (
        row["tenant_id"] != t
        or user is None
        or t not in user.tenants
        or not has_permission(user.role, Permission.READ_IMAGES)
    ):
        raise refuse(403, ErrorCode.FORBIDDEN, "no access to this object", row["study_uid"])

    try:
        fh = open(row["path"], "rb")
    except OSError:
        log.error("object file missing for instance id %d", instance_id)
        raise refuse(404, ErrorCode.NOT_FOUND, "object not available", row["study_uid"]) from None
    with fh:
        size = os.fstat(fh.fileno()).st_size
        try:
            # If-Range (RFC 9110 section 13.1.5) is not evaluated: send the whole object.
            byte_range = None if if_range else parse_byte_range(range_header, size)
        except RangeNotSatisfiableError:
            raise refuse(
                416,
                ErrorCode.RANGE_NOT_SATISFIABLE,
                "range outside the object",
                row["study_uid"],
                headers={"Content-Range": f"bytes */{size}"},
            ) from None
        first, last = byte_range if byte_range is not None else (0, size - 1)
        fh.seek(first)
        data = fh.read(max(last - first + 1, 0))
    headers = {"Accept-Ranges": "bytes", "Cache-Control": "no-store"}
    ctx.store.audit(
        "object_fetch",
        "ok",
        at=now,
        username=u,
        tenant_id=t,
        study_uid=row["study_uid"],
        detail=f"bytes={len(data)}",
    )
    if byte_range is None:
        return Response(data, media_type=DICOM_MEDIA_TYPE, headers=headers)
    headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    return Response(data, status_code=206, media_type=DICOM_MEDIA_TYPE, headers=headers)
