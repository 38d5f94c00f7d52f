"""Request and response bodies for reports, drafts, critical results and the audit trail;
part of the contract in /openapi.json."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from workstation.hub.vocabulary import ClientAuditEvent, CommunicationMethod

TEXT_LIMIT = 100_000
# Client-chosen retry key (in the spirit of the IETF "Idempotency-Key" header draft).
IdempotencyKey = Field(min_length=8, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$")


class ReportIn(BaseModel):
    findings: str = Field(default="", max_length=TEXT_LIMIT)
    impression: str = Field(default="", max_length=TEXT_LIMIT)
    kind: Literal["PRELIMINARY", "FINAL"]
    idempotency_key: str = IdempotencyKey


class AmendmentIn(BaseModel):
    findings: str = Field(max_length=TEXT_LIMIT)
    impression: str = Field(max_length=TEXT_LIMIT)
    reason: str = Field(min_length=1, max_length=2000, description="why the report changes")
    idempotency_key: str = IdempotencyKey


class ReceiptOut(BaseModel):
    report_id: str
    study_uid: str
    version: int
    kind: Literal["PRELIMINARY", "FINAL"]
    status: Literal["PRELIMINARY", "FINAL", "SUPERSEDED"]
    created_at: str
    author: str
    supersedes: str | None = Field(description="report_id of the version this one replaces")
    reason: str = Field(description="amendment reason; empty for first signatures")


class ReportOut(ReceiptOut):
    findings: str
    impression: str


class DraftIn(BaseModel):
    findings: str = Field(default="", max_length=TEXT_LIMIT)
    impression: str = Field(default="", max_length=TEXT_LIMIT)


class DraftOut(BaseModel):
    study_uid: str
    author: str
    findings: str
    impression: str
    updated_at: str


class CriticalIn(BaseModel):
    category: Literal[1, 2, 3] = Field(description="1 immediate, 2 urgent, 3 non-urgent")
    finding: str = Field(min_length=1, max_length=4000)
    recipient: str = Field(min_length=1, max_length=256, description="who was told")
    method: CommunicationMethod
    communicated_at: datetime | None = Field(
        default=None, description="when the recipient was told; default: now"
    )


class AcknowledgementIn(BaseModel):
    read_back: str = Field(min_length=1, max_length=4000, description="the finding as heard")


class CriticalOut(BaseModel):
    id: str
    study_uid: str
    tenant_id: str
    category: Literal[1, 2, 3]
    finding: str
    recipient: str
    method: CommunicationMethod
    communicated_at: str
    flagged_by: str
    flagged_at: str
    acknowledged_by: str | None
    acknowledged_at: str | None
    read_back: str | None


class CriticalListOut(BaseModel):
    communications: list[CriticalOut]


class ClientEventIn(BaseModel):
    event: ClientAuditEvent
    study_uid: str | None = Field(
        default=None, min_length=1, max_length=64,
        description="the study concerned; none for sign-in, sign-out and screen lock",
    )  # fmt: skip
    at: datetime | None = Field(default=None, description="when it happened on the workstation")
    detail: str = Field(default="", max_length=500, description="no patient data")


class ClientEventsIn(BaseModel):
    events: list[ClientEventIn] = Field(min_length=1, max_length=500)


class AcceptedOut(BaseModel):
    accepted: int


class AuditVerifyOut(BaseModel):
    ok: bool
    rows: int
    first_bad: int | None = Field(description="id of the first row that breaks the chain")


class AuditRowOut(BaseModel):
    id: int
    at: str
    event: str
    username: str | None
    tenant_id: str | None
    study_uid: str | None
    outcome: str
    detail: str
    hash: str


class AuditPageOut(BaseModel):
    rows: list[AuditRowOut]
    total: int
