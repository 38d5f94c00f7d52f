"""What the reader did on this workstation, for the hub's audit trail.

The hub records every access it serves (sign-in, worklist, object URLs, reports); only the
workstation knows that a study was opened, looked at, closed, exported or printed, or that
the screen was locked. Those events go through :class:`ClientAudit`: each is first
appended to the local, encrypted, hash-chained queue (:mod:`client_audit_queue`) and then
posted to the hub in batches, by a timer and at sign-out. When the hub is unreachable the
events wait in the queue and are sent when it is back.

Each event carries the user, the workstation's clock time, the study UID (when there is
one) and this workstation's ID. Details are short technical facts (series UID, format,
report status) and are passed through the log redactor, so a patient name that slipped in
never reaches the hub's trail.

Usage (the UI holds one instance, ``AppController.audit``)::

    audit.record("exported", study_uid, profile="basic", files="12")
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workstation.hub.errors import HubError, HubUnreachable, NotFound
from workstation.hub.vocabulary import ClientAuditEvent
from workstation.logs import redact
from workstation.services.client_audit_queue import AuditQueue, AuditRecord, QueueTamperedError

log = logging.getLogger(__name__)

BATCH_SIZE = 200  # the hub accepts up to 500 events per request
WORKSTATION_ID_FILE = "workstation-id"
DETAIL_LIMIT = 480  # the hub keeps 500 characters of detail

Sender = Callable[[list[dict[str, Any]]], int]


def workstation_id(folder: Path) -> str:
    """A random ID for this installation, created once and kept in ``folder``: stable
    across sessions, yet unlike a host name it says nothing about the site."""
    path = Path(folder) / WORKSTATION_ID_FILE
    try:
        value = path.read_text(encoding="ascii").strip()
        if value:
            return value
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    value = f"ws-{uuid.uuid4().hex[:16]}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(value, encoding="ascii")
    return value


class ClientAudit:
    """Records events locally and sends them to the hub. Thread-safe.

    ``send`` posts a list of hub events and returns how many were stored (the hub client's
    ``post_audit_events``); None keeps everything local (no hub yet).
    """

    def __init__(self, queue: AuditQueue, *, username: str, workstation: str,
                 send: Sender | None = None, clock: Callable[[], float] = time.time,
                 batch_size: int = BATCH_SIZE) -> None:
        self.queue = queue
        self.username = username
        self.workstation = workstation
        self.send = send
        self._clock = clock
        self._batch = batch_size
        self._send_lock = threading.Lock()
        self.last_error: str | None = None
        # Called (on the recording thread) after each event is queued, e.g. to send soon.
        self.on_recorded: Callable[[], None] | None = None
        if queue.damaged is not None:
            self.record("audit_queue_damaged", reason=queue.damaged)

    def record(self, event: ClientAuditEvent | str, study_uid: str | None = None,
               **details: object) -> AuditRecord:
        """Append one event (see ``ClientAuditEvent``) to the local queue; never blocks on
        the network. Details must not hold patient data; they are redacted regardless.
        Raises ValueError for an event name the hub does not know."""
        # Only names of the hub contract: an unknown one would be refused and hold up the queue.
        name = ClientAuditEvent(event).value
        clean = {str(k): redact(str(v))[:DETAIL_LIMIT] for k, v in details.items() if v is not None}
        record = self.queue.append(name, username=self.username, workstation_id=self.workstation,
                                   study_uid=study_uid or None, details=clean, at=self._clock())
        if self.on_recorded is not None:
            self.on_recorded()
        return record

    @property
    def pending(self) -> int:
        return len(self.queue.pending())

    def flush(self) -> int:
        """Send every pending event in batches; returns how many the hub stored. A hub
        that cannot be reached (or refuses) leaves the rest queued for the next try."""
        if self.send is None:
            return 0
        sent = 0
        with self._send_lock:
            try:
                self.queue.verify()
            except QueueTamperedError as err:
                log.error("local audit queue failed its integrity check: %s", err.reason)
                self.last_error = err.reason
                raise
            while True:
                batch = self.queue.pending(self._batch)
                if not batch:
                    break
                events = [hub_event(r) for r in batch]
                try:
                    accepted = self.send(events)
                except NotFound:
                    # A study no longer in the reader's hospitals refuses the whole batch;
                    # send one by one so the rest (and that event, without its study) lands.
                    done = self._send_singly(batch)
                    sent += done
                    if done < len(batch):
                        break
                    continue
                except HubUnreachable:
                    self.last_error = "unreachable"
                    log.info("hub unreachable; %d audit events stay queued", self.pending)
                    break
                except HubError as err:
                    self.last_error = err.code
                    log.warning("hub refused audit events (%s); they stay queued", err.code)
                    break
                if accepted != len(events):
                    self.last_error = "partial"
                    log.warning("hub stored %d of %d audit events", accepted, len(events))
                    break
                self.queue.mark_sent(batch[-1].seq)
                sent += accepted
                self.last_error = None
        return sent

    def _send_singly(self, batch: list[AuditRecord]) -> int:
        assert self.send is not None
        done = 0
        for record in batch:
            event = hub_event(record)
            try:
                try:
                    self.send([event])
                except NotFound:
                    uid = event.pop("study_uid", "")
                    event["detail"] = f"{event['detail']} study_uid={uid} study=not_in_scope"
                    event["detail"] = event["detail"][:DETAIL_LIMIT]
                    self.send([event])
            except HubError as err:
                self.last_error = err.code
                log.warning("hub refused an audit event (%s); it stays queued", err.code)
                return done
            self.queue.mark_sent(record.seq)
            done += 1
        self.last_error = None
        return done


def hub_event(record: AuditRecord) -> dict[str, Any]:
    """The hub's event body (``ClientEventIn``): the event, the study, the workstation's time
    and a detail line naming the workstation and the record's place in the local chain."""
    parts = [f"user={record.username}", f"workstation={record.workstation_id}",
             f"seq={record.seq}", f"hash={record.hash[:16]}"]
    parts += [f"{k}={v}" for k, v in sorted(record.details.items())]
    detail = " ".join(parts)[:DETAIL_LIMIT]
    event: dict[str, Any] = {
        "event": record.event,
        "at": datetime.fromtimestamp(record.at, UTC),
        "detail": detail,
    }
    if record.study_uid:
        event["study_uid"] = record.study_uid
    return event
