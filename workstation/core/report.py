"""Report content as the reader writes it, independent of how it is stored or sent."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum


class ReportKind(StrEnum):
    DRAFT = "DRAFT"
    PRELIMINARY = "PRELIMINARY"
    FINAL = "FINAL"


@dataclass(slots=True)
class ReportDraft:
    """A report being written. The idempotency key is fixed when the draft is created so
    that a retried submission of the same draft can never land twice on the hub."""

    study_uid: str
    findings: str = ""
    impression: str = ""
    kind: ReportKind = ReportKind.FINAL
    idempotency_key: str = field(default_factory=lambda: uuid.uuid4().hex)
    # The reader's authenticator code (RFC 6238) for a hub whose policy asks for one on
    # signatures. Valid for seconds only, so it is never stored, queued or shown.
    sign_code: str = field(default="", repr=False, compare=False)

    def missing_fields(self) -> list[str]:
        """Fields a signed report must have."""
        missing = []
        if not self.findings.strip():
            missing.append("findings")
        if not self.impression.strip():
            missing.append("impression")
        return missing
