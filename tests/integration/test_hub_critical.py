"""Critical-result communication over a real loopback socket: flagging with category,
finding, recipient, method and time; the worklist's open count; acknowledgement with
read-back by the recipient side; the listing."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from test_hub_dataset import FakeClock, signed_in, start_live_hub

from workstation.demohub.accounts import DEMO_READER, DEMO_REFERRING, DEMO_RESIDENT
from workstation.hub.errors import Conflict, HubError, PermissionDenied
from workstation.hub.vocabulary import CommunicationMethod


@pytest.fixture
def live(tmp_path):
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path, clock)
    clients = {u.username: signed_in(hub.base_url, u, clock)
               for u in (DEMO_READER, DEMO_RESIDENT, DEMO_REFERRING)}  # fmt: skip
    yield hub, demo, clock, clients
    for client in clients.values():
        client.close()
    hub.stop()


def _open(client, uid) -> int:
    return next(i for i in client.worklist() if i.study_uid == uid).open_critical


def test_flag_count_acknowledge_and_list(live) -> None:
    hub, demo, clock, clients = live
    uid = demo.uids["ankara_stat"]
    reader, resident, referrer = clients["dr.demo"], clients["res.ankara"], clients["ref.ankara"]
    told = datetime.fromtimestamp(clock() - 120, UTC)
    pe = reader.flag_critical(uid, category=1, finding="Saddle pulmonary embolus",
                              recipient="Dr. Kaya, emergency department",
                              method=CommunicationMethod.PHONE, communicated_at=told)  # fmt: skip
    assert (pe["category"], pe["method"], pe["flagged_by"]) == (1, "phone", "dr.demo")
    assert pe["communicated_at"] == told.isoformat().replace("+00:00", "Z")
    assert pe["acknowledged_at"] is None and pe["tenant_id"] == "ankara"
    clock.advance(30)
    rv = resident.flag_critical(uid, category=2, finding="Right heart strain",
                                recipient="Dr. Kaya", method="in_person")  # fmt: skip
    assert rv["communicated_at"] == rv["flagged_at"]  # default: now
    assert _open(referrer, uid) == 2
    assert [c["id"] for c in referrer.critical_communications(open_only=True)] == [pe["id"],
                                                                                   rv["id"]]  # fmt: skip

    clock.advance(60)
    ack = referrer.acknowledge_critical(pe["id"], read_back="Saddle PE, starting heparin")
    assert (ack["acknowledged_by"], ack["read_back"]) == ("ref.ankara", "Saddle PE, starting heparin")
    assert ack["acknowledged_at"] == datetime.fromtimestamp(int(clock()), UTC).isoformat().replace(
        "+00:00", "Z")  # fmt: skip
    with pytest.raises(Conflict) as err:
        referrer.acknowledge_critical(pe["id"], read_back="again")
    assert (err.value.code, err.value.details["by"]) == ("already_acknowledged", "ref.ankara")
    assert _open(reader, uid) == 1
    assert [c["id"] for c in reader.critical_communications(uid, open_only=True)] == [rv["id"]]
    everything = reader.critical_communications(uid)
    assert [c["id"] for c in everything] == [rv["id"], pe["id"]]  # open ones first
    assert reader.critical_communications(demo.uids["izmir"]) == []
    with sqlite3.connect(hub.db_path) as conn:
        events = [r[0] for r in conn.execute(
            "SELECT event || ':' || outcome FROM audit WHERE event LIKE 'critical_%'"
            " AND event != 'critical_list' ORDER BY id")]  # fmt: skip
    assert events == ["critical_flag:ok", "critical_flag:ok", "critical_acknowledge:ok",
                      "critical_acknowledge:already_acknowledged"]  # fmt: skip


def test_only_the_recipient_side_acknowledges(live) -> None:
    _hub, demo, _clock, clients = live
    record = clients["dr.demo"].flag_critical(
        demo.uids["ankara_stat"], category=3, finding="Incidental adrenal nodule",
        recipient="Dr. GP", method="secure_message")  # fmt: skip
    with pytest.raises(PermissionDenied) as err:
        clients["dr.demo"].acknowledge_critical(record["id"], read_back="adrenal nodule")
    assert err.value.details == {"permission": "acknowledge_critical"}
    with pytest.raises(PermissionDenied):
        clients["ref.ankara"].flag_critical(demo.uids["ankara_stat"], category=1, finding="x",
                                            recipient="y", method="phone")  # fmt: skip


@pytest.mark.parametrize(
    "change",
    [{"category": 4}, {"category": 0}, {"method": "carrier_pigeon"}, {"finding": ""},
     {"recipient": ""}, {"communicated_at": "future"}],
)  # fmt: skip
def test_incomplete_or_impossible_records_are_refused(live, change) -> None:
    hub, demo, clock, clients = live
    fields = {"category": 1, "finding": "PE", "recipient": "Dr. K", "method": "phone"} | change
    if fields.get("communicated_at") == "future":
        fields["communicated_at"] = datetime.fromtimestamp(clock(), UTC) + timedelta(hours=1)
    with pytest.raises(HubError) as err:
        clients["dr.demo"].flag_critical(demo.uids["ankara_stat"], **fields)
    assert (err.value.status, err.value.code) == (422, "invalid_request")
    with sqlite3.connect(hub.db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM critical_results").fetchone() == (0,)


def test_naive_times_are_taken_as_the_workstations_local_time(live) -> None:
    _hub, demo, clock, clients = live
    local = datetime.fromtimestamp(clock() - 300)  # naive, local wall-clock time
    record = clients["dr.demo"].flag_critical(demo.uids["ankara_stat"], category=2, finding="x",
                                              recipient="y", method="pager",
                                              communicated_at=local)  # fmt: skip
    expected = datetime.fromtimestamp(int(clock()) - 300, UTC)
    assert record["communicated_at"] == expected.isoformat().replace("+00:00", "Z")
