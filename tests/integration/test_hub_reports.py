"""Report submission over a loopback socket: DB rows, idempotency, status, restart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
import pytest
from test_hub_dataset import (
    FakeClock,
    bearer,
    build_hub_dataset,
    fast_settings,
    raw_sign_in,
    sign_in,
)

from workstation.core.report import ReportDraft, ReportKind
from workstation.core.study import StudyStatus
from workstation.demohub.accounts import DEMO_READER
from workstation.demohub.server import start_in_thread
from workstation.hub.client import HubClient
from workstation.hub.errors import Conflict, HubError


@pytest.fixture
def live(tmp_path: Path):
    demo = build_hub_dataset(tmp_path / "demo-data")
    clock = FakeClock()
    hub = start_in_thread(tmp_path / "data", manifest=demo.manifest, settings=fast_settings(clock))
    client = HubClient(hub.base_url)
    sign_in(client, DEMO_READER, clock)
    yield hub, demo, clock, client
    client.close()
    hub.stop()


def _rows(db: Path, study_uid: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT version, kind, findings, impression, author, idempotency_key FROM reports"
            " WHERE study_uid = ? ORDER BY version",
            (study_uid,),
        ).fetchall()


def test_final_report_lands_once_and_finalises_the_study(live) -> None:
    hub, demo, _clock, client = live
    uid = demo.uids["ankara_stat"]
    draft = ReportDraft(uid, findings="Filling defect in the right lower lobe artery.",
                        impression="Acute pulmonary embolism.", kind=ReportKind.FINAL)  # fmt: skip
    receipt = client.submit_report(draft)
    assert (receipt["version"], receipt["kind"], receipt["status"], receipt["author"]) == (
        1, "FINAL", "FINAL", "dr.demo",
    )  # fmt: skip
    again = client.submit_report(draft)  # e.g. a retry after a lost answer
    assert again["report_id"] == receipt["report_id"]
    assert _rows(hub.db_path, uid) == [
        (1, "FINAL", draft.findings, draft.impression, "dr.demo", draft.idempotency_key)
    ]
    item = next(i for i in client.worklist() if i.study_uid == uid)
    assert item.status is StudyStatus.FINAL
    listed = client.reports(uid)
    assert [(r["report_id"], r["findings"]) for r in listed] == [
        (receipt["report_id"], draft.findings)
    ]
    with sqlite3.connect(hub.db_path) as conn:
        audit = conn.execute(
            "SELECT outcome FROM audit WHERE event = 'report_submit' AND study_uid = ?", (uid,)
        ).fetchall()
    assert audit == [("ok",), ("repeated",)]


def test_repeated_submission_answers_200_with_the_first_receipt(live) -> None:
    hub, demo, clock, _client = live
    with httpx.Client(base_url=hub.base_url) as http:
        headers = bearer(raw_sign_in(http, DEMO_READER, clock))
        body = {"findings": "No acute finding.", "impression": "Normal.", "kind": "FINAL",
                "idempotency_key": "key-0001-abcdef"}  # fmt: skip
        url = f"/api/v1/studies/{demo.uids['izmir']}/reports"
        first = http.post(url, json=body, headers=headers)
        second = http.post(url, json=body, headers=headers)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == second.json()
    assert len(_rows(hub.db_path, demo.uids["izmir"])) == 1


def test_preliminary_then_final_versions(live) -> None:
    hub, demo, _clock, client = live
    uid = demo.uids["izmir"]
    client.submit_report(
        ReportDraft(uid, impression="Likely lymphoma.", kind=ReportKind.PRELIMINARY)
    )
    assert (
        next(i for i in client.worklist() if i.study_uid == uid).status is StudyStatus.PRELIMINARY
    )
    final = client.submit_report(
        ReportDraft(uid, findings="Bulky mediastinal nodes.", impression="Lymphoma, stage II.")
    )
    assert final["version"] == 2
    assert [(r["version"], r["status"]) for r in client.reports(uid)] == [
        (1, "SUPERSEDED"),
        (2, "FINAL"),
    ]
    with pytest.raises(Conflict) as err:
        client.submit_report(ReportDraft(uid, impression="Oops", kind=ReportKind.PRELIMINARY))
    assert err.value.code == "already_signed"
    assert [row[0] for row in _rows(hub.db_path, uid)] == [1, 2]


def test_incomplete_or_conflicting_reports_are_refused(live) -> None:
    hub, demo, _clock, client = live
    uid = demo.uids["ankara_stat"]
    with pytest.raises(HubError) as err:
        client.submit_report(ReportDraft(uid, findings="Something.", kind=ReportKind.FINAL))
    assert (err.value.code, err.value.status) == ("missing_fields", 422)
    draft = ReportDraft(uid, findings="F.", impression="I.")
    client.submit_report(draft)
    reused_key = ReportDraft(demo.uids["izmir"], findings="F.", impression="I.",
                             idempotency_key=draft.idempotency_key)  # fmt: skip
    with pytest.raises(Conflict) as err:
        client.submit_report(reused_key)
    assert err.value.code == "idempotency_conflict"
    assert _rows(hub.db_path, demo.uids["izmir"]) == []
    with pytest.raises(ValueError, match="drafts"):
        client.submit_report(ReportDraft(uid, kind=ReportKind.DRAFT))


def test_restart_on_the_same_data_keeps_reports(live, tmp_path: Path) -> None:
    hub, demo, clock, client = live
    uid = demo.uids["ankara_stat"]
    client.submit_report(ReportDraft(uid, findings="F.", impression="I."))
    hub.stop()
    again = start_in_thread(
        tmp_path / "data", manifest=demo.manifest, settings=fast_settings(clock)
    )
    try:
        with sqlite3.connect(again.db_path) as conn:
            counts = conn.execute(
                "SELECT (SELECT COUNT(*) FROM studies), (SELECT COUNT(*) FROM instances),"
                " (SELECT COUNT(*) FROM reports), (SELECT status FROM studies WHERE study_uid = ?)",
                (uid,),
            ).fetchone()
        assert counts == (3, 9, 1, "FINAL")
        # The session survives the restart too: the keys live in the data directory.
        resumed = HubClient(again.base_url)
        assert resumed.restore(client.refresh_token).username == "dr.demo"
        resumed.close()
    finally:
        again.stop()
