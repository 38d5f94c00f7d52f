"""Request and response bodies of the hub API (sign-in, worklist, studies, object URLs); they
define the contract in /openapi.json. Reporting, critical results and audit bodies are in
:mod:`workstation.demohub.api_models_reporting`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from workstation.hub.vocabulary import Permission, Role


class ValidationIssue(BaseModel):
    loc: list[str]
    msg: str


class ErrorOut(BaseModel):
    """Every failure: a machine-readable ``error`` code (see workstation.hub.codes) and a
    sentence; some codes add the fields below."""

    error: str
    message: str = ""
    permission: str | None = Field(default=None, description="forbidden: the missing one")
    by: str | None = Field(default=None, description="claimed / already_signed: the holder")
    expires_at: str | None = Field(default=None, description="claimed: when the lock ends")
    retry_after: int | None = Field(default=None, description="throttled / locked: seconds")
    fields: list[str] | None = Field(default=None, description="missing_fields: which")
    detail: list[ValidationIssue] | None = Field(default=None, description="invalid_request")


class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=256)


class MfaChallengeOut(BaseModel):
    mfa_token: str
    expires_in: int
    methods: list[str]


class TotpIn(BaseModel):
    mfa_token: str = Field(min_length=1, max_length=4096)
    code: str = Field(min_length=1, max_length=16)


class UserOut(BaseModel):
    username: str
    display_name: str
    role: Role
    tenants: list[str]
    permissions: list[Permission]


class SessionPolicyOut(BaseModel):
    idle_lock_seconds: int = Field(description="lock the workstation after this idle time")
    sign_code_required: bool = Field(
        False, description="final signatures and amendments need an authenticator code"
    )


class TokensOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["Bearer"]
    expires_in: int
    refresh_expires_in: int
    user: UserOut
    policy: SessionPolicyOut


class RefreshIn(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=4096)


class LogoutIn(BaseModel):
    refresh_token: str | None = Field(default=None, max_length=4096)


class StatusOut(BaseModel):
    status: str


class WorklistItemOut(BaseModel):
    study_uid: str
    accession: str
    patient_name: str
    patient_id: str
    patient_sex: str
    patient_birth_date: str | None
    modality: str
    description: str
    study_datetime: str | None
    tenant_id: str
    hospital: str
    priority: Literal["STAT", "URGENT", "ROUTINE"]
    status: Literal["UNREAD", "IN_PROGRESS", "PRELIMINARY", "FINAL"]
    priors_count: int
    clinical_notes: str
    claimed_by: str = Field(description="user holding the reading lock; empty when free")
    claim_expires_at: str | None = Field(description="when that lock ends (RFC 3339, UTC)")
    open_critical: int = Field(description="critical-result communications not acknowledged")


class WorklistOut(BaseModel):
    items: list[WorklistItemOut]
    total: int = Field(description="matching studies across all pages")
    limit: int
    offset: int


class InstanceOut(BaseModel):
    sop_instance_uid: str
    instance_number: int | None
    size: int


class SeriesOut(BaseModel):
    series_uid: str
    series_number: int | None
    modality: str
    description: str
    body_part: str
    laterality: str
    view_position: str
    instances: list[InstanceOut]


class StudyOut(BaseModel):
    study: WorklistItemOut
    series: list[SeriesOut]
    priors: list[WorklistItemOut]


class UrlsIn(BaseModel):
    series_uid: str | None = Field(default=None, max_length=64)


class InstanceUrlOut(BaseModel):
    study_uid: str
    series_uid: str
    sop_instance_uid: str
    url: str
    expires_at: str
    size: int


class UrlsOut(BaseModel):
    urls: list[InstanceUrlOut]
