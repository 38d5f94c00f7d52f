"""Request and response bodies of the hub API; they define the contract in /openapi.json."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    error: str
    message: str = ""


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
    role: str
    tenants: list[str]


class TokensOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["Bearer"]
    expires_in: int
    refresh_expires_in: int
    user: UserOut


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
    status: str
    priors_count: int
    clinical_notes: str


class WorklistOut(BaseModel):
    items: list[WorklistItemOut]
    total: int


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


class ReportIn(BaseModel):
    findings: str = Field(default="", max_length=100_000)
    impression: str = Field(default="", max_length=100_000)
    kind: Literal["PRELIMINARY", "FINAL"]
    idempotency_key: str = Field(min_length=8, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$")


class ReceiptOut(BaseModel):
    report_id: str
    study_uid: str
    version: int
    kind: str
    status: str
    created_at: str
    author: str


class ReportOut(ReceiptOut):
    findings: str
    impression: str
