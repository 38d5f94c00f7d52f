"""Failures of a DICOMweb server, each with a message a reader can act on.

Messages never contain UIDs, URLs with query strings or credentials: they reach logs and
status bars.
"""

from __future__ import annotations

from dataclasses import dataclass


class DicomWebError(Exception):
    """Any DICOMweb failure; ``status`` is the HTTP status when the server answered."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class DicomWebUnreachable(DicomWebError):  # noqa: N818 - reads as a state, like the hub's
    """No answer: connection refused, DNS, TLS verification, timeout."""


class DicomWebAuthError(DicomWebError):
    """401 (wrong or missing credentials) or 403 (not allowed)."""


class DicomWebNotFound(DicomWebError):  # noqa: N818
    """404: the study, series or instance is not on the server."""


class NotAcceptable(DicomWebError):  # noqa: N818
    """The server cannot send the requested media type or transfer syntax (406, or an
    error while transcoding)."""


class BadDicomWebResponse(DicomWebError):  # noqa: N818
    """The answer does not follow PS3.18 (malformed JSON or multipart body)."""


@dataclass(frozen=True, slots=True)
class StoreOutcome:
    """One instance in a STOW-RS response (PS3.18 10.5.3, Table 10.5.3-1): ``reason`` is
    the Failure Reason (0008,1197) or Warning Reason (0008,1196) code, 0 when stored."""

    sop_class_uid: str
    sop_instance_uid: str
    reason: int = 0

    @property
    def reason_text(self) -> str:
        return reason_text(self.reason)


# PS3.4 Annex GG Table GG.4-1 and PS3.18 Table 10.5.3-2 (failure), PS3.18 Table 10.5.3-3
# (warning) - the codes a STOW-RS origin server puts in Failure/Warning Reason.
_REASONS = {
    0x0110: "processing failure",
    0x0122: "SOP class not supported",
    0x0124: "not authorized",
    0xA700: "out of resources (server storage full)",
    0xA770: "out of resources",
    0xA900: "data set does not match the SOP class",
    0xC000: "cannot understand the data set",
    0xC122: "transfer syntax not supported",
    0x0111: "duplicate SOP instance",
    0xB000: "coercion of data elements",
    0xB006: "elements discarded",
    0xB007: "data set does not match the SOP class (stored anyway)",
}


def reason_text(code: int) -> str:
    if code == 0:
        return "stored"
    return _REASONS.get(code, f"reason 0x{code:04X}")


class StoreRejected(DicomWebError):  # noqa: N818 - reads as an outcome
    """STOW-RS stored nothing (409 Conflict, or 400/415 for a malformed request):
    ``failed`` lists the instances and why, from Failed SOP Sequence (0008,1198)."""

    def __init__(self, message: str, status: int | None,
                 failed: tuple[StoreOutcome, ...] = ()) -> None:
        super().__init__(message, status)
        self.failed = failed


class StorePartial(DicomWebError):  # noqa: N818 - reads as an outcome
    """202 Accepted: some instances were stored, others failed or were stored with
    warnings (PS3.18 10.5.3)."""

    def __init__(self, message: str, stored: tuple[StoreOutcome, ...],
                 failed: tuple[StoreOutcome, ...], warnings: tuple[StoreOutcome, ...]) -> None:
        super().__init__(message, 202)
        self.stored = stored
        self.failed = failed
        self.warnings = warnings
