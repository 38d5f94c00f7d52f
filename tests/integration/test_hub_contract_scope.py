"""Priors stay within one hospital: the same patient ID in two tenants is two different
patients as far as comparison goes (tenants keep their own patient registries), so neither
the prior list nor the worklist's prior count may reach across tenants - even for a reader
who works in both. Over a real loopback socket."""

from __future__ import annotations

import sqlite3

from test_hub_dataset import FakeClock, signed_in, start_live_hub

from workstation.demohub.accounts import DEMO_IZMIR, DEMO_READER

IZMIR_OLD = "1.2.826.0.1.3680043.99999.20"
IZMIR_NEW = "1.2.826.0.1.3680043.99999.21"


def _add_izmir_study(conn: sqlite3.Connection, uid: str, when: str) -> None:
    """A study of patient ID P-1001 (the Ankara patient's ID) in Izmir, without images."""
    conn.execute(
        "INSERT INTO studies (study_uid, tenant_id, accession, patient_name, patient_id,"
        " patient_sex, patient_birth_date, study_datetime, description, modalities, priority,"
        " status, clinical_notes, search_text) VALUES (?, 'izmir', ?, 'KAYA^MEHMET', 'P-1001',"
        " 'M', '1961-02-02', ?, 'CT Abdomen', 'CT', 'ROUTINE', 'UNREAD', '', ?)",
        (uid, f"IZ-{uid[-2:]}", when, f"kaya^mehmet p-1001 iz-{uid[-2:]}"),
    )


def test_priors_and_prior_counts_never_cross_tenants(tmp_path) -> None:
    clock = FakeClock()
    hub, demo = start_live_hub(tmp_path, clock)
    with sqlite3.connect(hub.db_path) as conn:
        _add_izmir_study(conn, IZMIR_OLD, "2022-01-10T09:00:00")  # before both Ankara studies
        _add_izmir_study(conn, IZMIR_NEW, "2025-03-01T09:00:00")  # after both
    reader = signed_in(hub.base_url, DEMO_READER, clock)  # works in Ankara and Izmir
    izmir = signed_in(hub.base_url, DEMO_IZMIR, clock)
    try:
        stat = demo.uids["ankara_stat"]
        assert [p.study_uid for p in reader.study(stat).priors] == [demo.uids["ankara_old"]]
        assert reader.study(demo.uids["ankara_old"]).priors == ()
        for client in (reader, izmir):
            assert [p.study_uid for p in client.study(IZMIR_NEW).priors] == [IZMIR_OLD]
        counts = {i.study_uid: i.priors_count for i in reader.worklist(q="p-1001")}
        assert counts == {stat: 1, demo.uids["ankara_old"]: 0, IZMIR_NEW: 1, IZMIR_OLD: 0}
    finally:
        reader.close()
        izmir.close()
        hub.stop()
