"""Every print of a report leaves an audit event: paper (or a PDF written by a print
driver) is a disclosure of health data that leaves the system's control, so it must be
traceable like an export (KVKK art. 12, GDPR art. 30/32).

Wired like :mod:`export_audit`: the session connects the client audit trail with
:func:`connect_audit` (one callable taking a :class:`PrintEvent`); without one, or when a
caller passes its own ``sink``, the event goes to that callable or, with neither, to the
log without patient identity (what, version, pages, destination kind), so a print is never
unrecorded.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from workstation.services.audit_sink import SinkSlot

log = logging.getLogger(__name__)

REPORT = "print.report"


@dataclass(frozen=True, slots=True)
class PrintEvent:
    """What was printed. ``study_uid`` answers "who saw this study" in the (encrypted)
    trail; never names, IDs or the printer's queue name (it may name a ward)."""

    action: str
    study_uid: str
    pages: int
    destination_kind: str  # "printer" | "pdf-file"
    version: int | None = None
    outcome: str = "success"  # "success" | "failure"
    at: float = field(default_factory=time.time)


PrintSink = Callable[[PrintEvent], None]

_slot: SinkSlot[PrintEvent] = SinkSlot()
connect_audit = _slot.connect
disconnect_audit = _slot.disconnect


def audit_print(event: PrintEvent, sink: PrintSink | None = None) -> None:
    """Record one print. A failing sink raises: the caller tells the reader that the print
    could not be recorded rather than hiding it."""
    target = _slot.target(sink)
    if target is None:
        log.info("print %s: %d page(s), version %s, to %s, %s", event.action, event.pages,
                 event.version if event.version is not None else "-",
                 event.destination_kind, event.outcome)
        return
    target(event)


def client_audit_sink(record: Callable[..., object]) -> PrintSink:
    """A :data:`PrintSink` over ``ClientAudit.record``: one ``printed`` event for the study,
    details without patient data."""

    def sink(event: PrintEvent) -> None:
        record("printed", event.study_uid or None, kind=event.action, pages=event.pages,
               version=event.version, destination=event.destination_kind,
               outcome=event.outcome)

    return sink
