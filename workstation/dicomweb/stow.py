"""STOW-RS responses (PS3.18 10.5.3): which instances were stored, which failed and why.

200 means every instance was stored; 202 that some were stored and others failed or were
stored with warnings; 409 that none was stored because of the server's state (e.g. a
study UID that does not match the request); 400 and 415 a request the server could not
read. The body is a DICOM JSON object with Referenced SOP Sequence (0008,1199) for the
stored instances, Failed SOP Sequence (0008,1198) with Failure Reason (0008,1197) for the
others, and Warning Reason (0008,1196) on stored-with-warnings items.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from workstation.dicomweb import dicom_json as dj
from workstation.dicomweb.errors import (
    DicomWebAuthError,
    DicomWebError,
    StoreOutcome,
    StorePartial,
    StoreRejected,
)

STOW_MEDIA_TYPE = "application/dicom+json"


@dataclass(frozen=True, slots=True)
class StoreResult:
    """A fully successful store (200): the instances the server lists as stored."""

    stored: tuple[StoreOutcome, ...]


def _outcomes(body: dj.JsonDataset, tag: str, reason_tag: str) -> tuple[StoreOutcome, ...]:
    return tuple(
        StoreOutcome(dj.text(item, dj.REFERENCED_SOP_CLASS),
                     dj.text(item, dj.REFERENCED_SOP_INSTANCE),
                     dj.integer(item, reason_tag) or 0)
        for item in dj.sequence(body, tag)
    )


def _summary(failed: tuple[StoreOutcome, ...]) -> str:
    reasons = sorted({o.reason_text for o in failed})
    return "; ".join(reasons) if reasons else "no reason given"


def parse_response(status: int, content: bytes) -> StoreResult:
    """The stored instances, or raise :class:`StorePartial` / :class:`StoreRejected` with
    the server's reasons."""
    try:
        body = json.loads(content) if content.strip() else {}
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    stored = _outcomes(body, dj.REFERENCED_SOP_SEQUENCE, dj.WARNING_REASON)
    failed = _outcomes(body, dj.FAILED_SOP_SEQUENCE, dj.FAILURE_REASON)
    warnings = tuple(o for o in stored if o.reason)
    if status in (401, 403):
        raise DicomWebAuthError(
            f"The DICOMweb server refused to store (HTTP {status}): check the "
            "user name, password or token of this server profile.", status)
    if status == 200 and not failed:
        return StoreResult(stored)
    # Some stored and some not is a partial store whatever the status says: the standard
    # answers 202, Orthanc 409 with both sequences filled.
    if status == 202 or (failed and stored and status in (200, 409)) or (status == 200 and failed):
        raise StorePartial(
            f"The server stored {len(stored)} of {len(stored) + len(failed)} objects; "
            f"failed: {_summary(failed) if failed else 'none'}"
            + (f"; warnings: {_summary(warnings)}" if warnings else ""),
            stored, failed, warnings)
    if status == 409:
        raise StoreRejected(
            f"The server refused to store the objects (HTTP 409 Conflict): {_summary(failed)}.",
            status, failed)
    if status in (400, 415):
        raise StoreRejected(
            f"The server could not read the objects (HTTP {status}): "
            f"{_summary(failed)}.", status, failed)
    raise DicomWebError(f"The server failed to store the objects (HTTP {status}).", status)
