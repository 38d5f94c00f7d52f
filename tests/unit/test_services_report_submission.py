"""Report submission: validation before sending and hub failures the UI can show."""

from __future__ import annotations

import pytest

from workstation.core.report import ReportDraft, ReportKind
from workstation.hub.errors import (
    AuthError,
    Conflict,
    HubError,
    HubUnreachable,
    NotFound,
    PermissionDenied,
)
from workstation.services.report_submission import SubmissionStatus, submit_report


class FakeSink:
    def __init__(self, response: dict | None = None, error: HubError | None = None) -> None:
        self.response = response or {}
        self.error = error
        self.sent: list[ReportDraft] = []

    def submit_report(self, draft: ReportDraft) -> dict:
        self.sent.append(draft)
        if self.error is not None:
            raise self.error
        return self.response


def complete_draft(kind: ReportKind = ReportKind.FINAL) -> ReportDraft:
    return ReportDraft("1.2.3", findings="No acute findings.", impression="Normal.", kind=kind)


def test_success_returns_the_hub_receipt():
    sink = FakeSink({"report_id": 42, "status": "FINAL"})
    draft = complete_draft()
    receipt = submit_report(sink, draft)
    assert receipt.ok and receipt.status is SubmissionStatus.SUBMITTED
    assert receipt.report_id == "42"
    assert receipt.response == {"report_id": 42, "status": "FINAL"}
    assert sink.sent == [draft]


@pytest.mark.parametrize(
    ("findings", "impression", "missing", "text"),
    [
        ("", "Normal.", ("findings",), "Findings is required"),
        ("Lungs clear.", "  ", ("impression",), "Impression is required"),
        ("", "", ("findings", "impression"), "Findings and Impression are required"),
    ],
)
def test_missing_fields_stop_before_sending(findings, impression, missing, text):
    sink = FakeSink()
    draft = ReportDraft("1.2.3", findings=findings, impression=impression)
    receipt = submit_report(sink, draft)
    assert receipt.status is SubmissionStatus.INCOMPLETE and not receipt.ok
    assert receipt.missing == missing
    assert receipt.message.startswith(text)
    assert sink.sent == []


def test_an_unsigned_draft_may_be_incomplete():
    sink = FakeSink({"id": "r-1"})
    receipt = submit_report(
        sink, ReportDraft("1.2.3", findings="Work in progress", kind=ReportKind.DRAFT)
    )
    assert receipt.ok and receipt.report_id == "r-1"
    assert len(sink.sent) == 1


@pytest.mark.parametrize(
    ("error", "status", "retryable"),
    [
        (HubUnreachable(), SubmissionStatus.UNREACHABLE, True),
        (AuthError("session_expired", status=401), SubmissionStatus.SESSION_EXPIRED, True),
        (PermissionDenied("forbidden", status=403), SubmissionStatus.FORBIDDEN, False),
        (NotFound("not_found", status=404), SubmissionStatus.NOT_FOUND, False),
        (Conflict("already_signed", status=409), SubmissionStatus.CONFLICT, False),
        (HubError("server_error", status=503), SubmissionStatus.FAILED, True),
        (HubError("bad_request", status=400), SubmissionStatus.FAILED, False),
    ],
)
def test_hub_errors_become_receipts(error, status, retryable):
    receipt = submit_report(FakeSink(error=error), complete_draft())
    assert receipt.status is status and not receipt.ok
    assert receipt.retryable is retryable
    assert receipt.code == error.code
    assert receipt.message


def test_the_same_draft_resubmits_with_the_same_idempotency_key():
    sink = FakeSink(error=HubUnreachable())
    draft = complete_draft()
    assert submit_report(sink, draft).retryable
    sink.error = None
    assert submit_report(sink, draft).ok
    assert [d.idempotency_key for d in sink.sent] == [draft.idempotency_key] * 2
