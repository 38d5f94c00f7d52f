"""Tenant and role enforcement on every endpoint, over a real loopback socket.

Two kinds of denial are proven here:

* role: for every role and every permission-gated operation, the hub answers 403
  ``{"error": "forbidden", "permission": <the missing one>}`` exactly when the role lacks that
  permission (and audits the refusal); with the permission, the same request gets past the
  gate (to a 404 for a study that does not exist, or a 200 for listings).
* tenant: a study, object URL, report, draft, claim, critical result or audit event of another
  hospital is answered like one that does not exist (404), and nothing is changed.
"""

from __future__ import annotations

import sqlite3

import httpx
import pytest
from test_hub_dataset import FakeClock, bearer, raw_sign_in, signed_in, start_live_hub

from workstation.core.report import ReportDraft, ReportKind
from workstation.demohub.accounts import (
    DEMO_HOSPITAL_ADMIN,
    DEMO_IZMIR,
    DEMO_READER,
    DEMO_REFERRING,
    DEMO_SYSTEM_ADMIN,
    DEMO_USERS,
)
from workstation.demohub.roles import permissions_of
from workstation.hub.errors import NotFound, PermissionDenied
from workstation.hub.vocabulary import Permission

NOPE = "1.2.826.0.1.3680043.99999.1"  # a study UID that exists nowhere
FINAL = {"findings": "F.", "impression": "I.", "kind": "FINAL", "idempotency_key": "k-final-01"}
PRELIM = {"impression": "I.", "kind": "PRELIMINARY", "idempotency_key": "k-prelim-01"}
AMEND = {"findings": "F.", "impression": "I.", "reason": "typo", "idempotency_key": "k-amend-01"}
CRITICAL = {"category": 1, "finding": "PE", "recipient": "Dr. ED", "method": "phone"}
EVENTS = {"events": [{"event": "study_opened", "study_uid": NOPE}]}
S = f"/api/v1/studies/{NOPE}"

# (label, method, path, json body, permission the operation needs)
GATED = [
    ("worklist", "GET", "/api/v1/worklist", None, Permission.SEE_WORKLIST),
    ("study", "GET", S, None, Permission.SEE_WORKLIST),
    ("urls", "POST", f"{S}/urls", {}, Permission.READ_IMAGES),
    ("claim", "POST", f"{S}/claim", None, Permission.CLAIM),
    ("release", "DELETE", f"{S}/claim", None, Permission.CLAIM),
    ("report versions", "GET", f"{S}/reports", None, Permission.SEE_WORKLIST),
    ("preliminary", "POST", f"{S}/reports", PRELIM, Permission.WRITE_PRELIMINARY),
    ("final", "POST", f"{S}/reports", FINAL, Permission.SIGN_FINAL),
    ("amend", "POST", f"{S}/reports/amendments", AMEND, Permission.AMEND),
    ("save draft", "PUT", f"{S}/draft", {"findings": "F."}, Permission.WRITE_PRELIMINARY),
    ("load draft", "GET", f"{S}/draft", None, Permission.WRITE_PRELIMINARY),
    ("flag critical", "POST", f"{S}/critical", CRITICAL, Permission.FLAG_CRITICAL),
    ("acknowledge", "POST", "/api/v1/critical/nope/acknowledge", {"read_back": "PE"},
     Permission.ACKNOWLEDGE_CRITICAL),
    ("critical list", "GET", "/api/v1/critical", None, Permission.SEE_WORKLIST),
    ("audit events", "POST", "/api/v1/audit/events", EVENTS, Permission.READ_IMAGES),
    ("audit verify", "GET", "/api/v1/audit/verify", None, Permission.READ_AUDIT),
    ("audit rows", "GET", "/api/v1/audit", None, Permission.READ_AUDIT),
]  # fmt: skip


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory):
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path_factory.mktemp("access"), clock)
    http = httpx.Client(base_url=hub.base_url)
    headers = {user.username: bearer(raw_sign_in(http, user, clock)) for user in DEMO_USERS}
    yield hub, demo, clock, http, headers
    http.close()
    hub.stop()


def _db(hub, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(hub.db_path) as conn:
        return conn.execute(sql, params).fetchall()


def test_every_operation_behind_a_token_is_in_the_gate_table(live) -> None:
    hub = live[0]
    spec = httpx.get(f"{hub.base_url}/openapi.json").json()
    served = {
        (method.upper(), path)
        for path, ops in spec["paths"].items()
        for method in ops
        if path.startswith("/api/v1/") and not path.startswith(("/api/v1/auth/", "/api/v1/health"))
    }
    tested = {(m, p.replace(NOPE, "{study_uid}").replace("nope", "{communication_id}"))
              for _label, m, p, _body, _perm in GATED}  # fmt: skip
    assert tested == served
    assert {perm for *_rest, perm in GATED} == set(Permission)


@pytest.mark.parametrize("user", DEMO_USERS, ids=lambda u: u.role)
@pytest.mark.parametrize("case", GATED, ids=lambda c: c[0])
def test_role_gate(live, user, case) -> None:
    hub, _demo, _clock, http, headers = live
    _label, method, path, body, permission = case
    answer = http.request(method, path, json=body, headers=headers[user.username])
    if permission in permissions_of(user.role):
        assert answer.status_code in (200, 404), answer.text
    else:
        assert answer.status_code == 403
        assert answer.json()["error"] == "forbidden"
        assert answer.json()["permission"] == permission.value
        assert _db(
            hub,
            "SELECT COUNT(*) FROM audit WHERE event = 'permission_denied' AND username = ?"
            " AND detail = ?",
            user.username,
            f"permission={permission.value}",
        )[0][0] >= 1


def test_sign_in_answer_carries_the_role_permissions(live) -> None:
    hub, _demo, clock = live[:3]
    for user in (DEMO_READER, DEMO_REFERRING, DEMO_SYSTEM_ADMIN):
        client = signed_in(hub.base_url, user, clock)
        try:
            assert set(client.user.permissions) == {p.value for p in permissions_of(user.role)}
            assert client.user.can(Permission.SEE_WORKLIST) == (user is not DEMO_SYSTEM_ADMIN)
        finally:
            client.close()


def test_cross_tenant_study_and_urls_are_invisible(live) -> None:
    hub, demo, clock = live[:3]
    izmir = signed_in(hub.base_url, DEMO_IZMIR, clock)
    try:
        assert [i.tenant_id for i in izmir.worklist()] == ["izmir"]
        assert izmir.worklist(tenant="ankara") == []
        assert izmir.worklist(q="yilmaz") == []  # the Ankara patient's name finds nothing
        for call in (izmir.study, izmir.instance_urls, izmir.claim, izmir.release):
            with pytest.raises(NotFound):
                call(demo.uids["ankara_stat"])
        assert izmir.study(demo.uids["izmir"]).priors == ()  # priors never cross hospitals
    finally:
        izmir.close()


def test_object_urls_stop_working_when_the_role_loses_read_images(live) -> None:
    hub, demo, clock = live[:3]
    reader = signed_in(hub.base_url, DEMO_READER, clock)
    url = reader.instance_urls(demo.uids["ankara_stat"])[0].url
    assert reader.fetch(url)[128:132] == b"DICM"
    _db(hub, "UPDATE users SET role = 'hospital_admin' WHERE username = 'dr.demo'")
    try:
        with pytest.raises(PermissionDenied) as err:
            reader.fetch(url)
        assert err.value.code == "forbidden"
    finally:
        _db(hub, "UPDATE users SET role = 'radiologist' WHERE username = 'dr.demo'")
        reader.close()


def test_cross_tenant_reports_and_drafts_are_refused_without_trace(live) -> None:
    hub, demo, clock = live[:3]
    uid = demo.uids["ankara_stat"]
    izmir = signed_in(hub.base_url, DEMO_IZMIR, clock)
    try:
        calls = [
            lambda: izmir.submit_report(ReportDraft(uid, findings="F.", impression="I.")),
            lambda: izmir.submit_report(ReportDraft(uid, impression="I.", kind=ReportKind.PRELIMINARY)),
            lambda: izmir.amend_report(uid, findings="F.", impression="I.", reason="r",
                                       idempotency_key="cross-tenant-amend"),
            lambda: izmir.report_versions(uid),
            lambda: izmir.save_draft(ReportDraft(uid, findings="F.")),
        ]  # fmt: skip
        for call in calls:
            with pytest.raises(NotFound):
                call()
        assert izmir.load_draft(uid) is None
    finally:
        izmir.close()
    assert _db(hub, "SELECT COUNT(*) FROM reports WHERE study_uid = ?", uid) == [(0,)]
    assert _db(hub, "SELECT COUNT(*) FROM drafts WHERE study_uid = ?", uid) == [(0,)]
    assert _db(hub, "SELECT status FROM studies WHERE study_uid = ?", uid) == [("UNREAD",)]


def test_cross_tenant_critical_results_are_refused(live) -> None:
    hub, demo, clock = live[:3]
    izmir = signed_in(hub.base_url, DEMO_IZMIR, clock)
    referrer = signed_in(hub.base_url, DEMO_REFERRING, clock)  # Ankara only
    try:
        with pytest.raises(NotFound):
            izmir.flag_critical(demo.uids["ankara_stat"], category=1, finding="PE",
                                recipient="Dr. ED", method="phone")  # fmt: skip
        record = izmir.flag_critical(demo.uids["izmir"], category=2, finding="Mass",
                                     recipient="Dr. Onc", method="secure_message")  # fmt: skip
        assert all(c["id"] != record["id"] for c in referrer.critical_communications())
        with pytest.raises(NotFound):
            referrer.acknowledge_critical(record["id"], read_back="Mass")
    finally:
        izmir.close()
        referrer.close()
    assert _db(
        hub, "SELECT acknowledged_by FROM critical_results WHERE id = ?", record["id"]
    ) == [(None,)]
    assert _db(
        hub,
        "SELECT COUNT(*) FROM critical_results WHERE study_uid = ?",
        demo.uids["ankara_stat"],
    ) == [(0,)]


def test_cross_tenant_audit_events_are_refused_whole(live) -> None:
    hub, demo, clock = live[:3]
    izmir = signed_in(hub.base_url, DEMO_IZMIR, clock)
    before = _db(hub, "SELECT COUNT(*) FROM audit WHERE event LIKE 'client.%'")
    try:
        with pytest.raises(NotFound):
            izmir.post_audit_events([
                {"event": "study_opened", "study_uid": demo.uids["izmir"]},
                {"event": "exported", "study_uid": demo.uids["ankara_stat"]},
            ])  # fmt: skip
    finally:
        izmir.close()
    assert _db(hub, "SELECT COUNT(*) FROM audit WHERE event LIKE 'client.%'") == before


def test_audit_rows_are_scoped_to_the_administrators_hospitals(live) -> None:
    hub, _demo, clock = live[:3]
    hospital = signed_in(hub.base_url, DEMO_HOSPITAL_ADMIN, clock)
    system = signed_in(hub.base_url, DEMO_SYSTEM_ADMIN, clock)
    try:
        seen = hospital.audit_trail(limit=1000)["rows"]
        everything = system.audit_trail(limit=1000)
        assert seen and {row["tenant_id"] for row in seen} == {"ankara"}
        assert {"izmir", None} <= {row["tenant_id"] for row in everything["rows"]}
        assert everything["total"] >= len(everything["rows"])
    finally:
        hospital.close()
        system.close()


def test_refused_writes_left_no_trace(live) -> None:
    """None of the refused or out-of-scope writes above created a report, claim or draft."""
    hub = live[0]
    counts = _db(
        hub,
        "SELECT (SELECT COUNT(*) FROM reports), (SELECT COUNT(*) FROM claims),"
        " (SELECT COUNT(*) FROM drafts)",
    )
    assert counts == [(0, 0, 0)]
