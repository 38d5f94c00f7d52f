"""Send a report to the hub and turn every outcome into something the reader can act on.

A signed report with empty findings or impression is clinically meaningless, so it is
stopped here, before any network call. Hub failures become a ``SubmissionReceipt`` with
a sentence for the reader and a ``retryable`` flag: resubmitting is always safe because
the draft carries a fixed idempotency key, so the hub can never file it twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from workstation.core.report import ReportDraft, ReportKind
from workstation.hub.codes import ErrorCode
from workstation.hub.errors import (
    AuthError,
    Conflict,
    HubError,
    HubUnreachable,
    NotFound,
    PermissionDenied,
)
from workstation.services.hub_failures import is_transient
from workstation.services.outbox import OutboxState

log = logging.getLogger(__name__)


class ReportSink(Protocol):
    """What submission needs from the hub client."""

    def submit_report(self, draft: ReportDraft) -> dict[str, Any]: ...


class SubmissionStatus(StrEnum):
    SUBMITTED = "SUBMITTED"
    INCOMPLETE = "INCOMPLETE"  # required fields missing; nothing was sent
    SESSION_EXPIRED = "SESSION_EXPIRED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    SIGN_CODE = "SIGN_CODE"  # the hub wants (another) authenticator code on the signature
    UNREACHABLE = "UNREACHABLE"
    FAILED = "FAILED"


@dataclass(frozen=True, slots=True)
class SubmissionReceipt:
    """The outcome of one submission attempt.

    ``message`` is a sentence for the reader (empty on success); ``code`` is the hub's
    machine-readable error code when there was one; ``missing`` names the empty required
    fields; ``response`` is the hub's answer on success.
    """

    status: SubmissionStatus
    message: str = ""
    code: str = ""
    retryable: bool = False
    missing: tuple[str, ...] = ()
    report_id: str | None = None
    response: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status is SubmissionStatus.SUBMITTED


_FIELD_LABELS = {"findings": "Findings", "impression": "Impression"}

#: Refusals of the signature's authenticator code: ask the reader for a (new) code.
SIGN_CODE_REFUSALS = frozenset({
    ErrorCode.SIGN_CODE_REQUIRED, ErrorCode.INVALID_CODE, ErrorCode.CODE_REUSED,
    ErrorCode.THROTTLED, ErrorCode.LOCKED,  # too many wrong codes: wait, then sign again
})


def submit_report(client: ReportSink, draft: ReportDraft) -> SubmissionReceipt:
    """Validate and send ``draft``. Never raises for hub failures; returns a receipt.

    Findings and impression are required for preliminary and final reports (the ones the
    hub records as signed); a ``DRAFT`` may be saved incomplete.
    """
    missing = tuple(draft.missing_fields()) if draft.kind is not ReportKind.DRAFT else ()
    if missing:
        labels = " and ".join(_FIELD_LABELS.get(f, f.capitalize()) for f in missing)
        verb = "is" if len(missing) == 1 else "are"
        return SubmissionReceipt(
            SubmissionStatus.INCOMPLETE,
            f"{labels} {verb} required before the report can be signed.",
            missing=missing,
        )
    try:
        response = client.submit_report(draft)
    except HubError as exc:
        receipt = _from_error(exc)
        log.warning("report submission failed: %s (%s)", receipt.status, exc.code)
        return receipt
    report_id = response.get("report_id", response.get("id"))
    log.info("report submitted (%s)", draft.kind)
    return SubmissionReceipt(
        SubmissionStatus.SUBMITTED,
        report_id=None if report_id is None else str(report_id),
        response=dict(response),
    )


def _from_error(exc: HubError) -> SubmissionReceipt:
    if exc.code.startswith("dicomweb_"):  # a DICOMweb archive: its message says what failed
        status = SubmissionStatus.CONFLICT if isinstance(exc, Conflict) else (
            SubmissionStatus.FORBIDDEN if isinstance(exc, PermissionDenied)
            else SubmissionStatus.FAILED)
        return SubmissionReceipt(status, exc.message, exc.code, retryable=is_transient(exc))
    if isinstance(exc, HubUnreachable):
        return SubmissionReceipt(
            SubmissionStatus.UNREACHABLE,
            "The hub could not be reached, so the report was not sent. Try again; "
            "it cannot be filed twice.",
            exc.code,
            retryable=True,
        )
    if isinstance(exc, AuthError):
        return SubmissionReceipt(
            SubmissionStatus.SESSION_EXPIRED,
            "Your session has ended. Sign in again, then send the report.",
            exc.code,
            retryable=True,
        )
    if isinstance(exc, PermissionDenied) and exc.code in SIGN_CODE_REFUSALS:
        return SubmissionReceipt(
            SubmissionStatus.SIGN_CODE,
            "The hub did not accept the authenticator code; the report was not signed.",
            exc.code,
        )
    if isinstance(exc, PermissionDenied):
        return SubmissionReceipt(
            SubmissionStatus.FORBIDDEN,
            "You are not allowed to report this study.",
            exc.code,
        )
    if isinstance(exc, NotFound):
        return SubmissionReceipt(
            SubmissionStatus.NOT_FOUND,
            "The hub no longer has this study in your worklist.",
            exc.code,
        )
    if isinstance(exc, Conflict):
        return SubmissionReceipt(
            SubmissionStatus.CONFLICT,
            "The hub refused the report because the study has changed state "
            "(for example, it has already been signed).",
            exc.code,
        )
    transient = is_transient(exc)
    return SubmissionReceipt(
        SubmissionStatus.FAILED,
        "The hub could not accept the report right now." + (" Try again." if transient else ""),
        exc.code,
        retryable=transient,
    )


class RetryableOutbox(Protocol):
    """What "Retry now" needs of ``services.outbox.Outbox``."""

    def entry(self, entry_id: str) -> Any: ...

    def retry(self, entry_id: str) -> None: ...

    def flush(self, *, force: bool = False) -> int: ...


def retry_now(outbox: RetryableOutbox, entry_id: str) -> OutboxState | None:
    """The reader's "Retry now" for one outbox entry: a failed entry goes back to the
    queue and every pending one is sent at once, backoff or not. The entry keeps its
    idempotency key (it *is* the entry id), so however often this is pressed, and even if
    an earlier attempt did reach the hub, the hub files the report once. Returns the
    entry's state afterwards (None when the entry is gone)."""
    entry = outbox.entry(entry_id)
    if entry is None:
        return None
    if entry.state is OutboxState.FAILED:
        outbox.retry(entry_id)
        entry = outbox.entry(entry_id)
    if entry is not None and entry.state is OutboxState.PENDING:
        outbox.flush(force=True)
    after = outbox.entry(entry_id)
    return None if after is None else after.state
