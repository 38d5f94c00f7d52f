"""Drafts, role-gated preliminary and final reports, amendments and the version history, and
the race of two radiologists signing the same study - over a real loopback socket."""

from __future__ import annotations

import sqlite3
import threading
import uuid

import pytest
from test_hub_dataset import FakeClock, signed_in, start_live_hub

from workstation.core.report import ReportDraft, ReportKind
from workstation.demohub.accounts import DEMO_IZMIR, DEMO_READER, DEMO_RESIDENT
from workstation.hub.errors import Conflict, HubError, PermissionDenied


@pytest.fixture
def live(tmp_path):
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path, clock)
    clients = {u.username: signed_in(hub.base_url, u, clock)
               for u in (DEMO_READER, DEMO_IZMIR, DEMO_RESIDENT)}  # fmt: skip
    yield hub, demo, clock, clients
    for client in clients.values():
        client.close()
    hub.stop()


def _rows(hub, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(hub.db_path) as conn:
        return conn.execute(sql, params).fetchall()


def test_draft_is_one_per_reader_and_overwritten(live) -> None:
    hub, demo, clock, clients = live
    uid = demo.uids["ankara_stat"]
    reader, resident = clients["dr.demo"], clients["res.ankara"]
    assert reader.load_draft(uid) is None
    reader.save_draft(ReportDraft(uid, findings="First thoughts."))
    clock.advance(60)
    saved = reader.save_draft(ReportDraft(uid, findings="Filling defect.", impression="PE?"))
    assert (saved["author"], saved["findings"]) == ("dr.demo", "Filling defect.")
    resident.save_draft(ReportDraft(uid, findings="Resident's own notes."))
    loaded = reader.load_draft(uid)
    assert (loaded.findings, loaded.impression, loaded.kind) == ("Filling defect.", "PE?",
                                                                 ReportKind.DRAFT)  # fmt: skip
    assert resident.load_draft(uid).findings == "Resident's own notes."
    assert _rows(hub, "SELECT author FROM drafts ORDER BY author") == [("dr.demo",), ("res.ankara",)]
    # Filing the report uses the draft up; the other reader's draft stays.
    reader.submit_report(ReportDraft(uid, findings="Filling defect.", impression="PE."))
    assert reader.load_draft(uid) is None
    assert resident.load_draft(uid) is not None


def test_resident_writes_preliminary_but_cannot_sign_or_amend(live) -> None:
    hub, demo, _clock, clients = live
    uid = demo.uids["ankara_stat"]
    resident, reader = clients["res.ankara"], clients["dr.demo"]
    prelim = resident.submit_report(ReportDraft(uid, impression="Likely PE.",
                                                kind=ReportKind.PRELIMINARY))  # fmt: skip
    assert (prelim["kind"], prelim["author"]) == ("PRELIMINARY", "res.ankara")
    with pytest.raises(PermissionDenied) as err:
        resident.submit_report(ReportDraft(uid, findings="F.", impression="I."))
    assert (err.value.code, err.value.details) == ("forbidden", {"permission": "sign_final"})
    final = reader.submit_report(ReportDraft(uid, findings="Saddle embolus.", impression="PE."))
    assert (final["version"], final["supersedes"]) == (2, prelim["report_id"])
    with pytest.raises(PermissionDenied):
        resident.amend_report(uid, findings="F.", impression="I.", reason="r",
                              idempotency_key=uuid.uuid4().hex)  # fmt: skip
    assert [(k, a) for k, a in _rows(
        hub, "SELECT kind, author FROM reports WHERE study_uid = ? ORDER BY version", uid
    )] == [("PRELIMINARY", "res.ankara"), ("FINAL", "dr.demo")]  # fmt: skip


def test_amendment_supersedes_and_keeps_every_version(live) -> None:
    hub, demo, _clock, clients = live
    uid = demo.uids["izmir"]
    reader, colleague = clients["dr.demo"], clients["dr.izmir"]
    first = reader.submit_report(ReportDraft(uid, findings="Nodes.", impression="Lymphoma."))
    with pytest.raises(HubError) as err:
        reader.amend_report(uid, findings="Nodes.", impression="Lymphoma II.", reason=" ",
                            idempotency_key="amend-key-blank")  # fmt: skip
    assert (err.value.status, err.value.code) == (422, "missing_fields")
    key = uuid.uuid4().hex
    amended = colleague.amend_report(uid, findings="Nodes, spleen.", impression="Lymphoma III.",
                                     reason="Splenic involvement missed", idempotency_key=key)  # fmt: skip
    again = colleague.amend_report(uid, findings="Nodes, spleen.", impression="Lymphoma III.",
                                   reason="Splenic involvement missed", idempotency_key=key)  # fmt: skip
    assert again == amended  # a retried amendment is not filed twice
    assert (amended["version"], amended["supersedes"], amended["status"]) == (
        2, first["report_id"], "FINAL")  # fmt: skip
    versions = reader.report_versions(uid)
    assert [(v["version"], v["status"], v["author"], v["reason"]) for v in versions] == [
        (1, "SUPERSEDED", "dr.demo", ""),
        (2, "FINAL", "dr.izmir", "Splenic involvement missed"),
    ]
    assert versions[0]["impression"] == "Lymphoma."  # the earlier text is kept
    with sqlite3.connect(hub.db_path) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute(  # versions are unique per study: nothing can overwrite version 2
            "INSERT INTO reports (report_id, study_uid, version, kind, findings, impression,"
            " author, created_at, idempotency_key) VALUES ('x', ?, 2, 'FINAL', '', '', 'x',"
            " '', 'x')", (uid,))  # fmt: skip


def test_amending_needs_a_signed_report(live) -> None:
    _hub, demo, _clock, clients = live
    uid = demo.uids["izmir"]
    with pytest.raises(Conflict) as err:
        clients["dr.demo"].amend_report(uid, findings="F.", impression="I.", reason="r",
                                        idempotency_key="amend-unsigned")  # fmt: skip
    assert err.value.code == "not_signed"


def test_second_signature_gets_409_naming_who_signed_first(live) -> None:
    hub, demo, _clock, clients = live
    uid = demo.uids["izmir"]
    drafts = {name: ReportDraft(uid, findings=f"By {name}.", impression="I.")
              for name in ("dr.demo", "dr.izmir")}  # fmt: skip
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def sign(name: str) -> None:
        barrier.wait(5)
        try:
            outcomes[name] = clients[name].submit_report(drafts[name])
        except Conflict as exc:
            outcomes[name] = exc

    threads = [threading.Thread(target=sign, args=(n,)) for n in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    winners = [n for n, o in outcomes.items() if isinstance(o, dict)]
    losers = [o for o in outcomes.values() if isinstance(o, Conflict)]
    assert len(winners) == 1 and len(losers) == 1
    assert losers[0].code == "already_signed" and losers[0].details["by"] == winners[0]
    assert winners[0] in losers[0].message
    assert _rows(hub, "SELECT author FROM reports WHERE study_uid = ?", uid) == [(winners[0],)]
    # The winner's retry is still the idempotent repeat, not a conflict.
    assert clients[winners[0]].submit_report(drafts[winners[0]]) == outcomes[winners[0]]
