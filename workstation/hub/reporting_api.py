"""Hub calls for reporting: drafts, preliminary/final reports, amendments and versions,
critical-result communication, and the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from workstation.core.report import ReportDraft, ReportKind
from workstation.hub.errors import NotFound
from workstation.hub.models import BadResponse
from workstation.hub.session import API, HubSession, segment

#: Header carrying the reader's authenticator code on a signature, when the hub's policy
#: (``SessionPolicy.sign_code_required``) asks for one.
SIGN_CODE_HEADER = "X-Sign-Code"


def _sign_headers(code: str) -> dict[str, str]:
    return {SIGN_CODE_HEADER: code} if code else {}


def _wire_time(when: datetime | str | None) -> str | None:
    """RFC 3339 with an offset. A naive datetime is the workstation's local time (Python's
    convention), so it is given its local offset rather than being mistaken for UTC."""
    if when is None or isinstance(when, str):
        return when
    return when.astimezone().isoformat()


class ReportingApi(HubSession):
    # -- reports --------------------------------------------------------------------------

    def submit_report(self, draft: ReportDraft) -> dict[str, Any]:
        """Send a preliminary or final report. Re-sending the same draft (same idempotency
        key) after a lost answer returns the original receipt instead of a second report.
        Raises Conflict ``already_signed`` (``by`` in the hub's answer) once a final report
        exists, ``claimed`` while another reader holds the study; PermissionDenied when the
        role may not file this kind, or (``sign_code_required`` / ``invalid_code`` /
        ``code_reused``) when the hub asks for an authenticator code on signatures and
        ``draft.sign_code`` is missing or wrong."""
        if draft.kind == ReportKind.DRAFT:
            raise ValueError("use save_draft for drafts; submit PRELIMINARY or FINAL")
        return self._object(
            "POST",
            f"{API}/studies/{segment(draft.study_uid)}/reports",
            "report receipt",
            headers=_sign_headers(draft.sign_code),
            json={
                "findings": draft.findings,
                "impression": draft.impression,
                "kind": draft.kind.value,
                "idempotency_key": draft.idempotency_key,
            },
        )

    def amend_report(
        self,
        study_uid: str,
        *,
        findings: str,
        impression: str,
        reason: str,
        idempotency_key: str,
        sign_code: str = "",
    ) -> dict[str, Any]:
        """File a new final version superseding the current one; nothing is deleted. Keep
        ``idempotency_key`` fixed across retries of the same amendment. ``sign_code``: the
        authenticator code, when the hub's policy asks for one on signatures."""
        return self._object(
            "POST",
            f"{API}/studies/{segment(study_uid)}/reports/amendments",
            "amendment receipt",
            headers=_sign_headers(sign_code),
            json={
                "findings": findings,
                "impression": impression,
                "reason": reason,
                "idempotency_key": idempotency_key,
            },
        )

    def report_versions(self, study_uid: str) -> list[dict[str, Any]]:
        """Every version, oldest first; older ones have status SUPERSEDED."""
        data = self._json("GET", f"{API}/studies/{segment(study_uid)}/reports")
        if not isinstance(data, list):
            raise BadResponse("malformed report list")
        return data

    def reports(self, study_uid: str) -> list[dict[str, Any]]:
        """Same as :meth:`report_versions`."""
        return self.report_versions(study_uid)

    def save_draft(self, draft: ReportDraft) -> dict[str, Any]:
        """Keep the reader's working draft on the hub (one per reader and study; each save
        replaces the previous one). The draft's kind is ignored."""
        return self._object(
            "PUT",
            f"{API}/studies/{segment(draft.study_uid)}/draft",
            "draft",
            json={"findings": draft.findings, "impression": draft.impression},
        )

    def load_draft(self, study_uid: str) -> ReportDraft | None:
        """The reader's saved draft of the study, or None when there is none."""
        try:
            data = self._object("GET", f"{API}/studies/{segment(study_uid)}/draft", "draft")
        except NotFound:
            return None
        return ReportDraft(
            study_uid,
            findings=str(data.get("findings", "")),
            impression=str(data.get("impression", "")),
            kind=ReportKind.DRAFT,
        )

    # -- critical results ------------------------------------------------------------------

    def flag_critical(
        self,
        study_uid: str,
        *,
        category: int,
        finding: str,
        recipient: str,
        method: str,
        communicated_at: datetime | None = None,
    ) -> dict[str, Any]:
        """Document a communicated critical finding (ACR practice parameter): category 1
        immediate / 2 urgent / 3 non-urgent, the finding, who was told, how
        (``CommunicationMethod``) and when (default: now). Returns the record with its id."""
        body: dict[str, Any] = {
            "category": int(category),
            "finding": finding,
            "recipient": recipient,
            "method": str(method),
        }
        if communicated_at is not None:
            body["communicated_at"] = _wire_time(communicated_at)
        return self._object(
            "POST", f"{API}/studies/{segment(study_uid)}/critical", "critical result", json=body
        )

    def acknowledge_critical(self, communication_id: str, *, read_back: str) -> dict[str, Any]:
        """The recipient confirms receipt, repeating the finding (read-back)."""
        return self._object(
            "POST",
            f"{API}/critical/{segment(communication_id)}/acknowledge",
            "acknowledgement",
            json={"read_back": read_back},
        )

    def critical_communications(
        self, study_uid: str | None = None, open_only: bool = False
    ) -> list[dict[str, Any]]:
        """Communications in the reader's hospitals, open (unacknowledged) first."""
        params: dict[str, Any] = {"open_only": "true" if open_only else "false"}
        if study_uid is not None:
            params["study_uid"] = study_uid
        data = self._object("GET", f"{API}/critical", "critical result list", params=params)
        found = data.get("communications")
        if not isinstance(found, list):
            raise BadResponse("malformed critical result list")
        return found

    # -- audit ----------------------------------------------------------------------------

    def post_audit_events(self, events: list[dict[str, Any]]) -> int:
        """Send a batch of workstation events (``ClientAuditEvent``: study_opened,
        study_closed, exported, printed), each ``{"event", "study_uid", "at"?, "detail"?}``;
        returns how many the hub stored. All or none are stored."""
        if not events:
            return 0
        batch = [
            {key: _wire_time(value) if key == "at" else value for key, value in event.items()}
            for event in events
        ]
        data = self._object("POST", f"{API}/audit/events", "audit answer", json={"events": batch})
        try:
            return int(data["accepted"])
        except (KeyError, TypeError, ValueError):
            raise BadResponse("malformed audit answer") from None

    def audit_verify(self) -> dict[str, Any]:
        """Have the hub recompute its audit hash chain: ``{"ok", "rows", "first_bad"}``."""
        return self._object("GET", f"{API}/audit/verify", "audit verification")

    def audit_trail(
        self, study_uid: str | None = None, *, limit: int = 100, offset: int = 0
    ) -> dict[str, Any]:
        """Audit rows visible to an administrator, newest first: ``{"rows", "total"}``."""
        params: dict[str, Any] = {"limit": limit, "offset": offset}
        if study_uid is not None:
            params["study_uid"] = study_uid
        return self._object("GET", f"{API}/audit", "audit rows", params=params)
