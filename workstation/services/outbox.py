"""Reports waiting to reach the hub: a persistent, encrypted outbox with exactly-once delivery.

A report signed on a train, or while the hub answers 503, must neither be lost nor filed
twice. Each submission is written to the outbox *before* any network call, with its
idempotency key fixed at that moment; the key travels with every retry, so when an answer
is lost after the hub stored the report (timeout, dropped connection, a crash of the
workstation between sending and recording "sent") the next attempt returns the first
receipt instead of a second report.

States: ``pending`` (waiting, possibly for its backoff to expire) → ``sending`` (written
before the request goes out) → ``sent`` (with the hub's report id) or ``failed`` (a refusal
that no retry can fix: already signed, forbidden, incomplete). An entry found ``sending``
when the outbox is opened was interrupted by a crash and goes back to ``pending``.
Transient failures (hub unreachable, 5xx, 429, timeouts) are retried with exponential
backoff and jitter; an expired session waits for the next sign-in without counting as a
failure.

The queue is health data (findings name diseases), so it is one record sealed with the
cache key (AES-256-GCM, ``EncryptedStore.records``), never a plain file (KVKK art. 12,
GDPR art. 32). Logs carry states and error codes only, never report text or study UIDs.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from workstation.core.report import ReportDraft, ReportKind
from workstation.hub.errors import AuthError, HubError
from workstation.services.connectivity import Connectivity
from workstation.services.hub_failures import is_transient

log = logging.getLogger(__name__)

RECORD = "report-outbox"
FORMAT = 1


class RecordStore(Protocol):
    """Sealed named records (``EncryptedStore.records``)."""

    def put(self, name: str, data: bytes) -> None: ...

    def get(self, name: str) -> bytes | None: ...


class ReportHub(Protocol):
    def submit_report(self, draft: ReportDraft) -> dict[str, Any]: ...

    def amend_report(self, study_uid: str, *, findings: str, impression: str, reason: str,
                     idempotency_key: str) -> dict[str, Any]: ...


class IncompleteReport(ValueError):  # noqa: N818 - reads as the reader's problem
    """Required narrative is empty; such a report is never queued (the hub would refuse it
    with 422 ``missing_fields``, after the reader has moved on)."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"missing {', '.join(missing)}")
        self.missing = tuple(missing)


def missing_fields(kind: ReportKind, findings: str, impression: str) -> list[str]:
    """What the hub requires: findings and impression for a final report, the impression
    for a preliminary one."""
    required = ("findings", "impression") if kind is ReportKind.FINAL else ("impression",)
    values = {"findings": findings, "impression": impression}
    return [name for name in required if not values[name].strip()]


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(slots=True)
class OutboxEntry:
    """One submission. ``entry_id`` is the idempotency key the hub deduplicates on."""

    entry_id: str
    study_uid: str
    kind: str
    findings: str
    impression: str
    amendment_reason: str = ""
    state: OutboxState = OutboxState.PENDING
    attempts: int = 0
    next_attempt_at: float = 0.0
    enqueued_at: float = 0.0
    last_error: str = ""
    report_id: str = ""

    @property
    def is_amendment(self) -> bool:
        return bool(self.amendment_reason)

    def draft(self) -> ReportDraft:
        return ReportDraft(self.study_uid, self.findings, self.impression,
                           ReportKind(self.kind), self.entry_id)


@dataclass(frozen=True, slots=True)
class Backoff:
    """Delay before retry ``attempt`` (1-based): base·2^(attempt-1), capped, with ±jitter."""

    base: float = 2.0
    cap: float = 300.0
    jitter: float = 0.2
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        raw = min(self.cap, self.base * 2 ** max(0, attempt - 1))
        return raw * (1 + self.jitter * (2 * self.rng.random() - 1))


class Outbox:
    """The workstation's outbox. Thread-safe; one flush runs at a time. ``on_change`` is
    called on the thread that changed the entry (a flush may run on the connectivity
    monitor's thread), so a UI must hand it over to its own thread."""

    def __init__(self, records: RecordStore, hub: ReportHub, *,
                 clock: Callable[[], float] = time.time, backoff: Backoff | None = None,
                 on_change: Callable[[OutboxEntry], None] | None = None) -> None:
        self._records = records
        self._hub = hub
        self._clock = clock
        self._backoff = backoff or Backoff()
        self._on_change = on_change
        self._lock = threading.Lock()
        self._flushing = threading.Lock()
        self._entries: dict[str, OutboxEntry] = {}
        self._load()

    # -- queue --------------------------------------------------------------------------

    def enqueue(self, draft: ReportDraft) -> OutboxEntry:
        """Queue a preliminary or final report; its idempotency key becomes the entry id.
        Queuing the same draft again returns the existing entry."""
        if draft.kind is ReportKind.DRAFT:
            raise ValueError("drafts are autosaved, not submitted")
        missing = missing_fields(draft.kind, draft.findings, draft.impression)
        if missing:
            raise IncompleteReport(missing)
        return self._add(OutboxEntry(draft.idempotency_key, draft.study_uid, draft.kind.value,
                                     draft.findings, draft.impression))

    def enqueue_amendment(self, study_uid: str, *, findings: str, impression: str,
                          reason: str, idempotency_key: str | None = None) -> OutboxEntry:
        """Queue an amendment of the signed report (a new version superseding it)."""
        if not reason.strip():
            raise ValueError("an amendment needs a reason")
        missing = missing_fields(ReportKind.FINAL, findings, impression)
        if missing:
            raise IncompleteReport(missing)
        return self._add(OutboxEntry(idempotency_key or uuid.uuid4().hex, study_uid,
                                     ReportKind.FINAL.value, findings, impression,
                                     amendment_reason=reason.strip()))

    def _add(self, entry: OutboxEntry) -> OutboxEntry:
        with self._lock:
            existing = self._entries.get(entry.entry_id)
            if existing is not None:
                return existing
            entry.enqueued_at = self._clock()
            self._entries[entry.entry_id] = entry
            self._save()
        self._notify(entry)
        return entry

    def entries(self, state: OutboxState | None = None) -> list[OutboxEntry]:
        with self._lock:
            items = sorted(self._entries.values(), key=lambda e: e.enqueued_at)
            return [e for e in items if state is None or e.state is state]

    def entry(self, entry_id: str) -> OutboxEntry | None:
        with self._lock:
            return self._entries.get(entry_id)

    def counts(self) -> dict[OutboxState, int]:
        with self._lock:
            out = dict.fromkeys(OutboxState, 0)
            for e in self._entries.values():
                out[e.state] += 1
            return out

    def retry(self, entry_id: str) -> None:
        """Put a failed entry back in the queue (after the reader fixed the cause)."""
        with self._lock:
            entry = self._entries[entry_id]
            if entry.state is OutboxState.FAILED:
                entry.state, entry.next_attempt_at, entry.last_error = OutboxState.PENDING, 0.0, ""
                self._save()

    def prune_sent(self) -> int:
        """Forget delivered entries; returns how many."""
        with self._lock:
            sent = [k for k, e in self._entries.items() if e.state is OutboxState.SENT]
            for k in sent:
                del self._entries[k]
            if sent:
                self._save()
            return len(sent)

    # -- delivery -----------------------------------------------------------------------

    def flush(self, *, force: bool = False) -> int:
        """Send every pending entry whose backoff has expired (all of them when ``force``d);
        returns how many were delivered. Stops at the first transient failure: the hub is
        evidently unwell and the rest would fail the same way. Returns 0 at once when
        another flush is running."""
        if not self._flushing.acquire(blocking=False):
            return 0
        delivered = 0
        try:
            for entry in self.entries(OutboxState.PENDING):
                if not force and entry.next_attempt_at > self._clock():
                    continue
                outcome = self._send(entry)
                if outcome is OutboxState.SENT:
                    delivered += 1
                elif outcome is OutboxState.PENDING:
                    break
        finally:
            self._flushing.release()
        return delivered

    def on_connectivity(self, state: Connectivity) -> None:
        """Listener for ``ConnectivityMonitor.add_listener``: back online → send now."""
        if state is Connectivity.ONLINE:
            self.flush(force=True)

    def _send(self, entry: OutboxEntry) -> OutboxState:
        with self._lock:
            entry.state = OutboxState.SENDING
            entry.attempts += 1
            self._save()  # a crash from here on leaves "sending": resent with the same key
        try:
            if entry.is_amendment:
                receipt = self._hub.amend_report(
                    entry.study_uid, findings=entry.findings, impression=entry.impression,
                    reason=entry.amendment_reason, idempotency_key=entry.entry_id)
            else:
                receipt = self._hub.submit_report(entry.draft())
        except HubError as exc:
            self._failed(entry, exc)
        except Exception:
            # an unexpected fault of the workstation itself: keep the entry to retry later
            self._failed(entry, HubError("unexpected", "unexpected failure"))
            raise
        else:
            with self._lock:
                entry.state = OutboxState.SENT
                entry.report_id = str(receipt.get("report_id", ""))
                entry.last_error = ""
                self._save()
            log.info("outbox entry delivered after %d attempt(s)", entry.attempts)
        self._notify(entry)
        return entry.state

    def _failed(self, entry: OutboxEntry, exc: HubError) -> None:
        with self._lock:
            entry.last_error = exc.code or type(exc).__name__
            if isinstance(exc, AuthError):
                entry.state = OutboxState.PENDING  # waits for the next sign-in
                entry.attempts -= 1
                entry.next_attempt_at = 0.0
            elif is_transient(exc):
                entry.state = OutboxState.PENDING
                entry.next_attempt_at = self._clock() + self._backoff.delay(entry.attempts)
            else:
                entry.state = OutboxState.FAILED
            self._save()
        log.warning("outbox entry not delivered: %s (%s)", entry.state, entry.last_error)

    # -- persistence --------------------------------------------------------------------

    def _notify(self, entry: OutboxEntry) -> None:
        if self._on_change is not None:
            self._on_change(entry)

    def _save(self) -> None:
        payload = {"format": FORMAT, "entries": [
            {**asdict(e), "state": e.state.value} for e in self._entries.values()
        ]}
        self._records.put(RECORD, json.dumps(payload, ensure_ascii=False).encode("utf-8"))

    def _load(self) -> None:
        blob = self._records.get(RECORD)
        if blob is None:
            return
        payload = json.loads(blob.decode("utf-8"))
        if payload.get("format") != FORMAT:
            raise ValueError(f"unsupported outbox format {payload.get('format')!r}")
        interrupted = 0
        for raw in payload["entries"]:
            entry = OutboxEntry(**{**raw, "state": OutboxState(raw["state"])})
            if entry.state is OutboxState.SENDING:
                entry.state = OutboxState.PENDING  # answer unknown: resend, the key dedupes
                entry.next_attempt_at = 0.0
                interrupted += 1
            self._entries[entry.entry_id] = entry
        if interrupted:
            log.info("outbox: %d interrupted submission(s) will be resent", interrupted)
            self._save()
