"""The local audit queue: encrypted at rest, hash-chained, tampering detected, batches sent
and resent after the hub was unreachable."""

from __future__ import annotations

import base64

import pytest

from workstation.hub.errors import HubUnreachable
from workstation.services.client_audit import ClientAudit, hub_event, workstation_id
from workstation.services.client_audit_queue import (
    HEAD_NAME,
    LOG_NAME,
    AuditQueue,
    QueueTamperedError,
)

KEY = bytes(range(32))
STUDY = "1.2.826.0.1.3680043.8.498.77"


def _audit(folder, send=None, **kw) -> ClientAudit:
    return ClientAudit(AuditQueue(folder, KEY), username="dr.demo", workstation="ws-test",
                       send=send, clock=lambda: 1_767_600_000.0, **kw)


def _fill(folder, n=4) -> list[bytes]:
    audit = _audit(folder)
    for i in range(n):
        audit.record("series_viewed", STUDY, series_uid=f"1.2.3.{i}")
    return (folder / LOG_NAME).read_bytes().splitlines()


def test_records_are_encrypted_chained_and_survive_reopening(tmp_path):
    audit = _audit(tmp_path)
    first = audit.record("study_opened", STUDY, patient="DOE^JANE")
    second = audit.record("study_closed", STUDY)
    assert second.prev == first.hash and len(first.hash) == 64
    raw = (tmp_path / LOG_NAME).read_bytes() + (tmp_path / HEAD_NAME).read_bytes()
    for plain in (STUDY.encode(), b"dr.demo", b"study_opened", b"ws-test", b"DOE"):
        assert plain not in raw
    # A person name in a detail is redacted before it is ever written.
    assert first.details == {"patient": "[redacted]"}
    reopened = AuditQueue(tmp_path, KEY)
    assert [r.event for r in reopened.records()] == ["study_opened", "study_closed"]
    assert reopened.damaged is None
    reopened.verify()


@pytest.mark.parametrize("tamper", ["edit", "delete", "reorder", "truncate", "insert"])
def test_tampering_with_the_queue_is_detected(tmp_path, tamper):
    lines = _fill(tmp_path)
    path = tmp_path / LOG_NAME
    if tamper == "edit":
        blob = bytearray(base64.b64decode(lines[1]))
        blob[20] ^= 0x01
        lines[1] = base64.b64encode(bytes(blob))
    elif tamper == "delete":
        del lines[2]
    elif tamper == "reorder":
        lines[1], lines[2] = lines[2], lines[1]
    elif tamper == "truncate":
        del lines[-1]
    else:
        lines.insert(1, lines[1])
    path.write_bytes(b"\n".join(lines) + b"\n")
    # Opened for use, the damaged queue is kept aside and a new chain reports the damage.
    audit = _audit(tmp_path)
    assert audit.queue.damaged is not None
    assert list(tmp_path.glob(f"{LOG_NAME}.damaged-*"))
    assert [r.event for r in audit.queue.records()] == ["audit_queue_damaged"]
    assert audit.queue.records()[0].details["reason"] == audit.queue.damaged


def test_verify_detects_tampering_after_opening(tmp_path):
    lines = _fill(tmp_path)
    queue = AuditQueue(tmp_path, KEY)
    (tmp_path / LOG_NAME).write_bytes(b"\n".join(lines[:1] + lines[2:]) + b"\n")
    with pytest.raises(QueueTamperedError, match="missing or out of order"):
        queue.verify()


def test_a_wrong_key_cannot_read_the_queue(tmp_path):
    _fill(tmp_path)
    queue = AuditQueue(tmp_path, bytes(32))
    assert queue.damaged is not None and queue.records() == []


def test_batches_are_sent_and_kept_while_the_hub_is_unreachable(tmp_path):
    posted: list[list[dict]] = []
    reachable = [False]

    def send(events):
        if not reachable[0]:
            raise HubUnreachable("hub unreachable: ConnectError")
        posted.append(events)
        return len(events)

    audit = _audit(tmp_path, send=send, batch_size=3)
    audit.record("signed_in")
    for i in range(4):
        audit.record("series_viewed", STUDY, series_uid=f"1.2.3.{i}")
    assert audit.flush() == 0 and audit.pending == 5 and audit.last_error == "unreachable"
    # Offline, then the application restarts: the queue is still there.
    audit = _audit(tmp_path, send=send, batch_size=3)
    reachable[0] = True
    assert audit.flush() == 5
    assert [len(b) for b in posted] == [3, 2]
    assert audit.pending == 0
    first = posted[0][0]
    assert first["event"] == "signed_in" and "study_uid" not in first
    assert posted[0][1]["study_uid"] == STUDY
    assert "user=dr.demo" in first["detail"] and "workstation=ws-test" in first["detail"]
    assert "series_uid=1.2.3.0" in posted[0][1]["detail"]
    assert audit.flush() == 0 and len(posted) == 2  # nothing is sent twice


def test_queue_rotates_once_everything_is_sent_and_the_chain_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr("workstation.services.client_audit_queue.ROTATE_BYTES", 10)
    audit = _audit(tmp_path, send=len)
    audit.record("study_opened", STUDY)
    last = audit.record("study_closed", STUDY)
    assert audit.flush() == 2
    assert not (tmp_path / LOG_NAME).exists()
    nxt = audit.record("study_opened", STUDY)
    assert nxt.seq == 3 and nxt.prev == last.hash
    reopened = AuditQueue(tmp_path, KEY)
    assert reopened.damaged is None and [r.seq for r in reopened.records()] == [3]


def test_hub_event_shape():
    from workstation.services.client_audit_queue import AuditRecord

    record = AuditRecord(seq=7, event="exported", at=0.0, username="u", workstation_id="w",
                         study_uid=STUDY, details={"profile": "basic"}, hash="ab" * 32)
    event = hub_event(record)
    assert event["event"] == "exported" and event["study_uid"] == STUDY
    assert event["at"].year == 1970 and "profile=basic" in event["detail"]


def test_workstation_id_is_stable(tmp_path):
    first = workstation_id(tmp_path)
    assert first.startswith("ws-") and workstation_id(tmp_path) == first


def test_a_study_out_of_scope_does_not_block_the_queue(tmp_path):
    from workstation.hub.errors import NotFound

    stored: list[dict] = []

    def send(events):
        if any(e.get("study_uid") == "9.9.9" for e in events):
            raise NotFound("not_found", "not found", 404)
        stored.extend(events)
        return len(events)

    audit = _audit(tmp_path, send=send)
    audit.record("study_opened", STUDY)
    audit.record("study_opened", "9.9.9")
    audit.record("study_closed", STUDY)
    assert audit.flush() == 3 and audit.pending == 0
    assert [e.get("study_uid") for e in stored] == [STUDY, None, STUDY]
    assert "study_uid=9.9.9 study=not_in_scope" in stored[1]["detail"]


def test_unknown_event_names_are_refused_before_queueing(tmp_path):
    audit = _audit(tmp_path)
    with pytest.raises(ValueError):
        audit.record("patient_exported", STUDY)
    assert audit.queue.records() == []
