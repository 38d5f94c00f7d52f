"""Parsing of hub JSON answers into the core dataclasses the rest of the workstation uses.

Parsing is strict: a missing field or an unknown enumeration value raises
:class:`BadResponse`, because silently defaulting a priority or status on a worklist could
hide an emergency study.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from workstation.core.study import (
    InstanceRef,
    InstanceUrl,
    Priority,
    SeriesRef,
    StudyDetail,
    StudyStatus,
    UserInfo,
    WorklistItem,
)
from workstation.hub.errors import HubError


class BadResponse(HubError):  # noqa: N818 - named like its sibling errors
    """The hub answered, but not with what the API promises."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__("bad_response", message, status)


@dataclass(frozen=True, slots=True)
class MfaChallenge:
    """Step one of sign-in passed; answer with a TOTP code before ``expires_in`` seconds."""

    mfa_token: str = field(repr=False)
    expires_in: int
    methods: tuple[str, ...] = ("totp",)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(value: str | None) -> datetime | None:
    """ISO 8601 / RFC 3339; study times are local wall-clock times without an offset."""
    return datetime.fromisoformat(value) if value else None


def _utc(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_challenge(data: dict[str, Any]) -> MfaChallenge:
    return MfaChallenge(
        mfa_token=str(data["mfa_token"]),
        expires_in=int(data["expires_in"]),
        methods=tuple(data.get("methods", ("totp",))),
    )


def parse_user(data: dict[str, Any]) -> UserInfo:
    return UserInfo(
        username=str(data["username"]),
        display_name=str(data.get("display_name", data["username"])),
        role=str(data["role"]),
        tenants=tuple(str(t) for t in data.get("tenants", ())),
        # What the role may do, as granted by the hub; unknown names are kept (a newer hub
        # may grant more) and simply never asked for.
        permissions=tuple(str(p) for p in data.get("permissions", ())),
    )


def parse_item(data: dict[str, Any]) -> WorklistItem:
    return WorklistItem(
        study_uid=str(data["study_uid"]),
        accession=data.get("accession") or "",
        patient_name=data.get("patient_name") or "",
        patient_id=data.get("patient_id") or "",
        patient_sex=data.get("patient_sex") or "",
        patient_birth_date=_date(data.get("patient_birth_date")),
        modality=data.get("modality") or "",
        description=data.get("description") or "",
        study_datetime=_datetime(data.get("study_datetime")),
        tenant_id=str(data["tenant_id"]),
        hospital=data.get("hospital") or "",
        priority=Priority(data["priority"]),
        status=StudyStatus(data["status"]),
        priors_count=int(data.get("priors_count") or 0),
        clinical_notes=data.get("clinical_notes") or "",
        claimed_by=data.get("claimed_by") or "",
        claim_expires_at=_utc(data["claim_expires_at"]) if data.get("claim_expires_at") else None,
        open_critical=int(data.get("open_critical") or 0),
    )


def _parse_series(data: dict[str, Any]) -> SeriesRef:
    return SeriesRef(
        series_uid=str(data["series_uid"]),
        series_number=data.get("series_number"),
        modality=data.get("modality") or "",
        description=data.get("description") or "",
        instances=tuple(
            InstanceRef(
                sop_instance_uid=str(i["sop_instance_uid"]),
                instance_number=i.get("instance_number"),
                size=int(i.get("size") or 0),
            )
            for i in data.get("instances", ())
        ),
        body_part=data.get("body_part") or "",
        laterality=data.get("laterality") or "",
        view_position=data.get("view_position") or "",
    )


def parse_study(data: dict[str, Any]) -> StudyDetail:
    return StudyDetail(
        item=parse_item(data["study"]),
        series=tuple(_parse_series(s) for s in data.get("series", ())),
        priors=tuple(parse_item(p) for p in data.get("priors", ())),
    )


def parse_instance_url(data: dict[str, Any]) -> InstanceUrl:
    return InstanceUrl(
        study_uid=str(data["study_uid"]),
        series_uid=str(data["series_uid"]),
        sop_instance_uid=str(data["sop_instance_uid"]),
        url=str(data["url"]),
        expires_at=_utc(str(data["expires_at"])),
        size=int(data.get("size") or 0),
    )
