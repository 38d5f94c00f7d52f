"""Outbox: states, backoff, persistence under encryption, crash recovery, connectivity hook."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from workstation.cache.store import EncryptedStore
from workstation.core.report import ReportDraft, ReportKind
from workstation.hub.errors import AuthError, Conflict, HubError, HubUnreachable
from workstation.services.connectivity import Connectivity
from workstation.services.outbox import RECORD, Backoff, IncompleteReport, Outbox, OutboxState

KEY = bytes(range(32))
UID = "1.2.826.0.1.3680043.8.498.77"


class Crash(BaseException):
    """The process dies: nothing after this point runs."""


class FakeHub:
    """Files reports by idempotency key like the demo hub; fails on demand."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.failures: list[BaseException] = []
        self.crash_after_store = False
        self.calls = 0

    def _file(self, key: str, **row: Any) -> dict[str, Any]:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        self.rows.setdefault(key, {"report_id": f"r{len(self.rows) + 1}", **row})
        if self.crash_after_store:
            self.crash_after_store = False
            raise Crash
        return {"report_id": self.rows[key]["report_id"]}

    def submit_report(self, draft: ReportDraft) -> dict[str, Any]:
        return self._file(draft.idempotency_key, findings=draft.findings, kind=draft.kind)

    def amend_report(self, study_uid: str, *, findings: str, impression: str, reason: str,
                     idempotency_key: str) -> dict[str, Any]:
        return self._file(idempotency_key, findings=findings, reason=reason)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _draft(n: int = 0) -> ReportDraft:
    return ReportDraft(UID, f"Findings {n}", f"Impression {n}", ReportKind.PRELIMINARY)


def _outbox(tmp_path: Path, hub: FakeHub, clock: Clock) -> Outbox:
    store = EncryptedStore(tmp_path / "cache", KEY)
    return Outbox(store.records, hub, clock=clock,
                  backoff=Backoff(base=2.0, cap=60.0, jitter=0.0, rng=random.Random(1)))


def test_sent_entry_keeps_its_key_and_report_id(tmp_path: Path) -> None:
    hub, clock = FakeHub(), Clock()
    outbox = _outbox(tmp_path, hub, clock)
    draft = _draft()
    entry = outbox.enqueue(draft)
    assert outbox.enqueue(draft) is entry
    assert entry.entry_id == draft.idempotency_key and entry.state is OutboxState.PENDING
    assert outbox.flush() == 1
    assert (entry.state, entry.report_id, entry.attempts) == (OutboxState.SENT, "r1", 1)
    assert list(hub.rows) == [draft.idempotency_key]


def test_transient_failures_back_off_exponentially(tmp_path: Path) -> None:
    hub, clock = FakeHub(), Clock()
    hub.failures = [HubUnreachable(), HubError("server_error", "boom", 503),
                    HubError("throttled", "slow down", 429)]
    outbox = _outbox(tmp_path, hub, clock)
    entry = outbox.enqueue(_draft())
    delays = []
    for _ in range(3):
        assert outbox.flush() == 0
        assert entry.state is OutboxState.PENDING
        delays.append(entry.next_attempt_at - clock.now)
        assert outbox.flush() == 0 and hub.calls == len(delays)  # still backing off
        clock.now = entry.next_attempt_at
    assert delays == [2.0, 4.0, 8.0]
    assert outbox.flush() == 1 and entry.state is OutboxState.SENT and entry.attempts == 4


def test_refusals_fail_permanently_and_can_be_retried(tmp_path: Path) -> None:
    hub, clock = FakeHub(), Clock()
    hub.failures = [Conflict("already_signed", "already signed by dr.x", 409)]
    outbox = _outbox(tmp_path, hub, clock)
    entry = outbox.enqueue(_draft())
    outbox.flush(force=True)
    assert (entry.state, entry.last_error) == (OutboxState.FAILED, "already_signed")
    outbox.flush(force=True)
    assert hub.calls == 1  # a failed entry is not retried by itself
    outbox.retry(entry.entry_id)
    assert outbox.flush() == 1 and entry.state is OutboxState.SENT


def test_expired_session_waits_without_counting_an_attempt(tmp_path: Path) -> None:
    hub, clock = FakeHub(), Clock()
    hub.failures = [AuthError("session_expired", "sign in", 401)]
    outbox = _outbox(tmp_path, hub, clock)
    entry = outbox.enqueue(_draft())
    outbox.flush()
    assert (entry.state, entry.attempts, entry.last_error) == (
        OutboxState.PENDING, 0, "session_expired")


def test_queue_survives_a_restart_and_is_sealed(tmp_path: Path) -> None:
    hub, clock = FakeHub(), Clock()
    first = _outbox(tmp_path, hub, clock)
    first.enqueue(_draft(1))
    first.enqueue_amendment(UID, findings="Şüpheli lezyon", impression="Sonuç", reason="typo")
    again = _outbox(tmp_path, hub, clock)
    assert [e.findings for e in again.entries()] == ["Findings 1", "Şüpheli lezyon"]
    for path in (tmp_path / "cache").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"Findings 1" not in data and "Şüpheli".encode() not in data
    assert again.flush() == 2
    assert hub.rows[again.entries()[1].entry_id]["reason"] == "typo"
    with pytest.raises(ValueError, match="reason"):
        again.enqueue_amendment(UID, findings="a", impression="b", reason=" ")


def test_crash_between_send_and_sent_does_not_duplicate(tmp_path: Path) -> None:
    hub, clock = FakeHub(), Clock()
    outbox = _outbox(tmp_path, hub, clock)
    entry = outbox.enqueue(_draft())
    hub.crash_after_store = True
    with pytest.raises(Crash):
        outbox.flush()
    assert len(hub.rows) == 1
    restarted = _outbox(tmp_path, hub, clock)  # a new process opens the same store
    (recovered,) = restarted.entries()
    assert recovered.state is OutboxState.PENDING and recovered.entry_id == entry.entry_id
    assert restarted.flush() == 1
    assert len(hub.rows) == 1 and hub.calls == 2
    assert restarted.entries()[0].report_id == "r1"


def test_back_online_flushes_despite_backoff(tmp_path: Path) -> None:
    hub, clock = FakeHub(), Clock()
    hub.failures = [HubUnreachable()]
    seen: list[OutboxState] = []
    store = EncryptedStore(tmp_path / "cache", KEY)
    outbox = Outbox(store.records, hub, clock=clock, on_change=lambda e: seen.append(e.state))
    outbox.enqueue(_draft())
    outbox.flush()
    outbox.on_connectivity(Connectivity.OFFLINE)
    assert outbox.counts()[OutboxState.PENDING] == 1
    outbox.on_connectivity(Connectivity.ONLINE)
    assert outbox.counts()[OutboxState.SENT] == 1
    assert seen == [OutboxState.PENDING, OutboxState.PENDING, OutboxState.SENT]
    assert outbox.prune_sent() == 1 and outbox.entries() == []
    assert store.records.get(RECORD) is not None


def test_drafts_are_not_queued(tmp_path: Path) -> None:
    outbox = _outbox(tmp_path, FakeHub(), Clock())
    with pytest.raises(ValueError, match="autosaved"):
        outbox.enqueue(ReportDraft(UID, kind=ReportKind.DRAFT))


def test_incomplete_reports_are_refused_before_queuing(tmp_path: Path) -> None:
    outbox = _outbox(tmp_path, FakeHub(), Clock())
    with pytest.raises(IncompleteReport) as final:
        outbox.enqueue(ReportDraft(UID, findings="", impression=" ", kind=ReportKind.FINAL))
    assert final.value.missing == ("findings", "impression")
    with pytest.raises(IncompleteReport) as prelim:
        outbox.enqueue(ReportDraft(UID, findings="x", kind=ReportKind.PRELIMINARY))
    assert prelim.value.missing == ("impression",)
    outbox.enqueue(ReportDraft(UID, impression="Preliminary read.", kind=ReportKind.PRELIMINARY))
    with pytest.raises(IncompleteReport):
        outbox.enqueue_amendment(UID, findings="", impression="x", reason="typo")
    assert len(outbox.entries()) == 1


def test_unexpected_fault_keeps_the_entry_pending(tmp_path: Path) -> None:
    hub, clock = FakeHub(), Clock()
    hub.failures = [RuntimeError("bug")]
    outbox = _outbox(tmp_path, hub, clock)
    entry = outbox.enqueue(_draft())
    with pytest.raises(RuntimeError):
        outbox.flush()
    assert (entry.state, entry.last_error) == (OutboxState.PENDING, "unexpected")
    clock.now = entry.next_attempt_at
    assert outbox.flush() == 1
