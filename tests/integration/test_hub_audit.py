"""The audit trail over a real loopback socket: every kind of access is recorded, workstation
events arrive in batches, and tampering with the SQLite file is caught by /audit/verify."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from test_hub_dataset import FakeClock, signed_in, start_live_hub

from workstation.core.report import ReportDraft
from workstation.demohub.accounts import DEMO_HOSPITAL_ADMIN, DEMO_READER, DEMO_REFERRING
from workstation.hub.client import HubClient
from workstation.hub.errors import AuthError, HubError, UrlExpired
from workstation.hub.vocabulary import ClientAuditEvent


@pytest.fixture
def live(tmp_path):
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path, clock)
    yield hub, demo, clock
    hub.stop()


def _events(hub) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(hub.db_path) as conn:
        return conn.execute("SELECT event, outcome, username FROM audit ORDER BY id").fetchall()


def test_every_access_is_recorded_without_patient_names(live) -> None:
    hub, demo, clock = live
    anonymous = HubClient(hub.base_url)
    with pytest.raises(AuthError):
        anonymous.login(DEMO_READER.username, "wrong password")
    anonymous.close()
    reader = signed_in(hub.base_url, DEMO_READER, clock)
    referrer = signed_in(hub.base_url, DEMO_REFERRING, clock)
    uid = demo.uids["ankara_stat"]
    reader.worklist(q="yılmaz ayşe")
    reader.study(uid)
    url = reader.instance_urls(uid)[0].url
    reader.fetch(url)
    with pytest.raises(UrlExpired):
        reader.fetch(url.replace("sig=", "sig=0"))
    reader.claim(uid)
    reader.save_draft(ReportDraft(uid, findings="F."))
    reader.submit_report(ReportDraft(uid, findings="F.", impression="I."))
    reader.amend_report(uid, findings="F2.", impression="I2.", reason="laterality",
                        idempotency_key="audit-amend-1")  # fmt: skip
    record = reader.flag_critical(uid, category=1, finding="PE", recipient="ED", method="phone")
    referrer.acknowledge_critical(record["id"], read_back="PE")
    with pytest.raises(HubError):
        referrer.claim(uid)  # forbidden for the role
    reader.logout()
    referrer.close()
    seen = {(event, outcome) for event, outcome, _user in _events(hub)}
    assert {
        ("login_failed", "invalid_credentials"), ("login_password", "ok"), ("login", "ok"),
        ("worklist", "ok"), ("study_view", "ok"), ("urls_issued", "ok"), ("object_fetch", "ok"),
        ("object_fetch", "bad_signature"), ("claim", "ok"), ("draft_save", "ok"),
        ("report_submit", "ok"), ("report_amend", "ok"), ("critical_flag", "ok"),
        ("critical_acknowledge", "ok"), ("permission_denied", "forbidden"), ("logout", "ok"),
    } <= seen  # fmt: skip
    with sqlite3.connect(hub.db_path) as conn:
        dump = "\n".join(str(row) for row in conn.execute("SELECT * FROM audit"))
    assert "YILMAZ" not in dump.upper() and "yılmaz" not in dump  # the search text stays out


def test_workstation_events_arrive_in_batches(live) -> None:
    hub, demo, clock = live
    reader = signed_in(hub.base_url, DEMO_READER, clock)
    uid = demo.uids["ankara_stat"]
    opened = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
    batch = [
        {"event": ClientAuditEvent.STUDY_OPENED, "study_uid": uid, "at": opened},
        {"event": "exported", "study_uid": uid, "detail": "format=png"},
        {"event": "printed", "study_uid": uid},
        {"event": "study_closed", "study_uid": uid},
    ]
    assert reader.post_audit_events(batch) == 4
    assert reader.post_audit_events([]) == 0
    with pytest.raises(HubError) as err:
        reader.post_audit_events([{"event": "deleted_everything", "study_uid": uid}])
    assert err.value.status == 422
    reader.close()
    with sqlite3.connect(hub.db_path) as conn:
        rows = conn.execute(
            "SELECT event, username, tenant_id, study_uid, detail FROM audit"
            " WHERE event LIKE 'client.%' ORDER BY id"
        ).fetchall()
    assert [r[0] for r in rows] == ["client.study_opened", "client.exported", "client.printed",
                                    "client.study_closed"]  # fmt: skip
    assert {r[1:4] for r in rows} == {("dr.demo", "ankara", uid)}
    assert rows[0][4] == "client_at=2026-01-05T09:00:00Z"
    assert rows[1][4] == "client_at=- format=png"


def test_verify_finds_a_row_changed_in_the_sqlite_file(live) -> None:
    hub, _demo, clock = live
    admin = signed_in(hub.base_url, DEMO_HOSPITAL_ADMIN, clock)
    admin.worklist()
    healthy = admin.audit_verify()
    assert healthy["ok"] is True and healthy["first_bad"] is None and healthy["rows"] >= 3
    with sqlite3.connect(hub.db_path, isolation_level=None) as conn:
        conn.execute("DROP TRIGGER audit_no_update")
        victim = conn.execute("SELECT id FROM audit WHERE event = 'worklist'").fetchone()[0]
        conn.execute("UPDATE audit SET username = 'nobody' WHERE id = ?", (victim,))
    broken = admin.audit_verify()
    assert (broken["ok"], broken["first_bad"]) == (False, victim)
    assert broken["rows"] == victim
    admin.close()
    assert ("audit_verify", "chain_broken", "admin.ankara") in _events(hub)
