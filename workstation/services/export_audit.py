"""Every export leaves an audit event (KVKK art. 12, GDPR art. 30/32: disclosures of health
data must be traceable).

The client audit trail is a separate service; it connects itself here with
:func:`connect_audit` (one callable taking an :class:`ExportEvent`). Until it is connected,
or when a caller passes its own ``sink``, events go to that callable; with neither, the
event is logged without patient identity (counts, profile and destination kind only), so
an export never happens unrecorded.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from workstation.services.audit_sink import SinkSlot

log = logging.getLogger(__name__)

ANONYMIZED = "export.anonymized"
IMAGES = "export.images"
PATIENT = "export.patient"


@dataclass(frozen=True, slots=True)
class ExportEvent:
    """What was exported. ``study_uids`` are the source studies (the audit trail is
    encrypted and needs them to answer "who saw this study"); never names or IDs."""

    action: str
    study_uids: tuple[str, ...]
    instances: int
    destination_kind: str  # "folder" | "zip" | "encrypted-zip"
    profile: str | None = None
    outcome: str = "success"  # "success" | "partial" | "failure"
    detail: str = ""
    at: float = field(default_factory=time.time)


AuditSink = Callable[[ExportEvent], None]

_slot: SinkSlot[ExportEvent] = SinkSlot()
connect_audit = _slot.connect
disconnect_audit = _slot.disconnect


def audit_export(event: ExportEvent, sink: AuditSink | None = None) -> None:
    """Record one export. A failing audit sink is an error the caller must see: an export
    that cannot be audited is reported, not silently accepted."""
    target = _slot.target(sink)
    if target is None:
        log.info("export %s: %d instance(s) from %d study(ies) to %s, profile %s, %s",
                 event.action, event.instances, len(event.study_uids),
                 event.destination_kind, event.profile or "-", event.outcome)
        return
    target(event)


def client_audit_sink(record: Callable[..., object]) -> AuditSink:
    """An :data:`AuditSink` over ``ClientAudit.record`` (the hub-bound, hash-chained client
    trail): one ``exported`` event per source study, details without patient data."""

    def sink(event: ExportEvent) -> None:
        details = {"kind": event.action, "profile": event.profile, "files": event.instances,
                   "destination": event.destination_kind, "outcome": event.outcome}
        for study_uid in event.study_uids or (None,):
            record("exported", study_uid, **details)

    return sink
