"""The hash-chained audit table: appending, verifying, detecting edits, removals and
insertions made behind the hub's back, and chaining the rows of an older database."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from workstation.demohub import audit_chain
from workstation.demohub.db import HubStore

NOW = 1_767_600_005.0


@pytest.fixture
def store(tmp_path: Path):
    store = HubStore.open(tmp_path)
    for n in range(5):
        store.audit("worklist", "ok", at=NOW + n, username="dr.demo", detail=f"total={n}")
    yield store
    store.close()


def _raw(store: HubStore) -> sqlite3.Connection:
    """A connection like an intruder's: the append-only triggers dropped."""
    conn = sqlite3.connect(store.db_path, isolation_level=None)
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("DROP TRIGGER audit_no_delete")
    return conn


def _verify(store: HubStore) -> audit_chain.Verification:
    with store.read() as conn:
        return audit_chain.verify(conn)


def test_each_hash_covers_the_previous_hash_and_the_canonical_row(store: HubStore) -> None:
    assert _verify(store) == audit_chain.Verification(True, 5, None)
    with store.read() as conn:
        rows = [dict(r) for r in conn.execute("SELECT * FROM audit ORDER BY id")]
    assert rows[0]["prev_hash"] == "0" * 64
    for previous, row in zip(rows, rows[1:], strict=False):
        assert row["prev_hash"] == previous["hash"]
    content = {k: rows[2][k] for k in audit_chain.CONTENT_FIELDS}
    body = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    expected = hashlib.sha256((rows[1]["hash"] + body).encode()).hexdigest()
    assert rows[2]["hash"] == expected


def test_the_triggers_refuse_edits_through_sqlite(store: HubStore) -> None:
    with sqlite3.connect(store.db_path) as conn:
        for statement in ("UPDATE audit SET outcome = 'x'", "DELETE FROM audit"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                conn.execute(statement)


def test_an_edited_row_is_found(store: HubStore) -> None:
    _raw(store).execute("UPDATE audit SET username = 'someone.else' WHERE id = 3")
    assert _verify(store) == audit_chain.Verification(False, 3, 3)


def test_an_edit_with_recomputed_hash_breaks_the_next_link(store: HubStore) -> None:
    conn = _raw(store)
    conn.row_factory = sqlite3.Row
    row = dict(conn.execute("SELECT * FROM audit WHERE id = 2").fetchone())
    row["outcome"] = "denied"
    forged = audit_chain.chain_hash(row["prev_hash"], row)
    conn.execute("UPDATE audit SET outcome = 'denied', hash = ? WHERE id = 2", (forged,))
    assert _verify(store).first_bad == 3  # row 3 was chained to the original hash


def test_removed_and_appended_rows_are_found(store: HubStore) -> None:
    conn = _raw(store)
    conn.execute("DELETE FROM audit WHERE id = 4")
    assert _verify(store).first_bad == 5
    conn.execute(
        "INSERT INTO audit (id, at, event, outcome, detail, prev_hash, hash)"
        " VALUES (4, 'x', 'login', 'ok', '', 'bad', 'bad')"
    )
    assert _verify(store).first_bad == 4


def test_rows_from_an_older_hub_are_chained_on_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "hub.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.executescript(
            """
            CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL,
                event TEXT NOT NULL, username TEXT, tenant_id TEXT, study_uid TEXT,
                outcome TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '');
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
            CREATE TABLE reports (report_id TEXT PRIMARY KEY, study_uid TEXT NOT NULL,
                version INTEGER NOT NULL, kind TEXT NOT NULL, findings TEXT NOT NULL,
                impression TEXT NOT NULL, author TEXT NOT NULL, created_at TEXT NOT NULL,
                idempotency_key TEXT NOT NULL);
            INSERT INTO audit (at, event, username, outcome) VALUES
                ('2026-01-01T00:00:00Z', 'login', 'dr.demo', 'ok'),
                ('2026-01-01T00:01:00Z', 'worklist', 'dr.demo', 'ok');
            """
        )
    store = HubStore(db)
    try:
        store.audit("logout", "ok", at=NOW, username="dr.demo")
        assert _verify(store) == audit_chain.Verification(True, 3, None)
        with store.read() as conn:
            columns = {r["name"] for r in conn.execute("PRAGMA table_info(reports)")}
            assert {"reason", "supersedes"} <= columns
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                conn.execute("UPDATE audit SET outcome = 'x'")
    finally:
        store.close()
