"""Reading locks over a real loopback socket: who holds a study, for how long, and what a
second radiologist can and cannot do meanwhile."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from test_hub_dataset import FakeClock, signed_in, start_live_hub

from workstation.core.report import ReportDraft, ReportKind
from workstation.core.study import StudyStatus
from workstation.demohub.accounts import DEMO_IZMIR, DEMO_READER, DEMO_RESIDENT
from workstation.hub.errors import Conflict

TTL = 30 * 60


@pytest.fixture
def live(tmp_path):
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path, clock)
    first = signed_in(hub.base_url, DEMO_READER, clock)
    second = signed_in(hub.base_url, DEMO_IZMIR, clock)
    yield hub, demo, clock, first, second
    first.close()
    second.close()
    hub.stop()


def _item(client, uid):
    return next(i for i in client.worklist() if i.study_uid == uid)


def test_a_claim_is_visible_to_others_and_refuses_them(live) -> None:
    _hub, demo, clock, first, second = live
    uid = demo.uids["izmir"]
    mine = first.claim(uid)
    assert (mine.claimed_by, mine.status) == ("dr.demo", StudyStatus.IN_PROGRESS)
    assert mine.claim_expires_at == datetime.fromtimestamp(int(clock()) + TTL, UTC)
    seen = _item(second, uid)
    assert (seen.claimed_by, seen.claim_expires_at) == ("dr.demo", mine.claim_expires_at)
    with pytest.raises(Conflict) as err:
        second.claim(uid)
    assert (err.value.code, err.value.details["by"]) == ("claimed", "dr.demo")
    assert err.value.details["expires_at"] == mine.claim_expires_at.isoformat().replace("+00:00", "Z")
    assert "Dr. Demo Reader" in err.value.message and "dr.demo" in err.value.message
    with pytest.raises(Conflict):
        second.release(uid)  # not the second reader's lock to drop
    with pytest.raises(Conflict) as err:
        second.submit_report(ReportDraft(uid, findings="F.", impression="I."))
    assert err.value.code == "claimed"
    assert _item(first, uid).claimed_by == "dr.demo"


def test_claiming_again_renews_and_expiry_frees_the_study(live) -> None:
    _hub, demo, clock, first, second = live
    uid = demo.uids["izmir"]
    first.claim(uid)
    clock.advance(TTL - 60)
    renewed = first.claim(uid)
    assert renewed.claim_expires_at == datetime.fromtimestamp(int(clock()) + TTL, UTC)
    clock.advance(TTL - 60)  # past the first expiry, within the renewed one
    with pytest.raises(Conflict):
        second.claim(uid)
    clock.advance(61)
    assert _item(second, uid).claimed_by == ""
    assert _item(second, uid).status is StudyStatus.UNREAD
    assert second.claim(uid).claimed_by == "dr.izmir"


def test_release_frees_the_study_at_once(live) -> None:
    _hub, demo, _clock, first, second = live
    uid = demo.uids["izmir"]
    first.claim(uid)
    first.release(uid)
    first.release(uid)  # releasing twice is harmless
    item = _item(second, uid)
    assert (item.claimed_by, item.claim_expires_at, item.status) == ("", None, StudyStatus.UNREAD)
    assert second.claim(uid).claimed_by == "dr.izmir"


def test_signing_the_final_report_releases_the_claim(live) -> None:
    hub, demo, clock, first, second = live
    uid = demo.uids["izmir"]
    first.claim(uid)
    first.submit_report(ReportDraft(uid, impression="Prelim.", kind=ReportKind.PRELIMINARY))
    assert _item(second, uid).claimed_by == "dr.demo"  # a preliminary keeps the lock
    first.submit_report(ReportDraft(uid, findings="F.", impression="I."))
    item = _item(second, uid)
    assert (item.claimed_by, item.status) == ("", StudyStatus.FINAL)
    with sqlite3.connect(hub.db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM claims").fetchone() == (0,)
        events = [r[0] for r in conn.execute(
            "SELECT event || ':' || outcome FROM audit WHERE study_uid = ? AND event IN"
            " ('claim', 'report_submit') ORDER BY id", (uid,))]  # fmt: skip
    assert events == ["claim:ok", "report_submit:ok", "report_submit:ok"]


def test_unread_and_in_progress_filters_follow_the_claims(live) -> None:
    _hub, demo, clock, first, _second = live
    first.claim(demo.uids["ankara_stat"])
    in_progress = first.worklist(status=StudyStatus.IN_PROGRESS)
    assert [i.study_uid for i in in_progress] == [demo.uids["ankara_stat"]]
    assert demo.uids["ankara_stat"] not in {
        i.study_uid for i in first.worklist(status=StudyStatus.UNREAD)
    }
    resident = signed_in(first.base_url, DEMO_RESIDENT, clock)
    try:
        with pytest.raises(Conflict):
            resident.claim(demo.uids["ankara_stat"])
    finally:
        resident.close()
