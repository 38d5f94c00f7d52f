"""SQLite storage of the demo hub: schema, transactions, server keys and the audit trail.

One connection is shared by the request threads and serialised with a lock: the demo hub
serves one reading room, so simplicity beats write concurrency. WAL journaling lets other
processes (tests, an administrator with the sqlite3 shell) read while the hub writes.
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from workstation.demohub import audit_chain

log = logging.getLogger(__name__)

DB_FILENAME = "hub.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS server_keys (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    tenants TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    totp_secret TEXT NOT NULL,
    last_totp_step INTEGER
);
CREATE TABLE IF NOT EXISTS login_failures (
    username TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    next_allowed_at REAL NOT NULL DEFAULT 0,
    locked_until REAL NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sessions (
    family_id TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users(username),
    current_jti TEXT NOT NULL,
    created_at REAL NOT NULL,
    revoked_at REAL,
    revoke_reason TEXT
);
CREATE TABLE IF NOT EXISTS studies (
    study_uid TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    accession TEXT NOT NULL,
    patient_name TEXT NOT NULL,
    patient_id TEXT NOT NULL,
    patient_sex TEXT NOT NULL,
    patient_birth_date TEXT,
    study_datetime TEXT,
    description TEXT NOT NULL,
    modalities TEXT NOT NULL,
    priority TEXT NOT NULL,
    status TEXT NOT NULL,
    clinical_notes TEXT NOT NULL,
    search_text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS studies_patient ON studies(tenant_id, patient_id, study_datetime);
CREATE TABLE IF NOT EXISTS series (
    series_uid TEXT PRIMARY KEY,
    study_uid TEXT NOT NULL REFERENCES studies(study_uid),
    series_number INTEGER,
    modality TEXT NOT NULL,
    description TEXT NOT NULL,
    body_part TEXT NOT NULL,
    laterality TEXT NOT NULL,
    view_position TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS series_study ON series(study_uid);
CREATE TABLE IF NOT EXISTS instances (
    id INTEGER PRIMARY KEY,
    sop_instance_uid TEXT NOT NULL UNIQUE,
    series_uid TEXT NOT NULL REFERENCES series(series_uid),
    study_uid TEXT NOT NULL REFERENCES studies(study_uid),
    instance_number INTEGER,
    path TEXT NOT NULL,
    size INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS instances_series ON instances(series_uid);
CREATE INDEX IF NOT EXISTS instances_study ON instances(study_uid);
CREATE TABLE IF NOT EXISTS reports (
    report_id TEXT PRIMARY KEY,
    study_uid TEXT NOT NULL REFERENCES studies(study_uid),
    version INTEGER NOT NULL,
    kind TEXT NOT NULL,
    findings TEXT NOT NULL,
    impression TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    supersedes TEXT,
    UNIQUE (author, idempotency_key),
    UNIQUE (study_uid, version)
);
CREATE TABLE IF NOT EXISTS drafts (
    study_uid TEXT NOT NULL REFERENCES studies(study_uid),
    author TEXT NOT NULL,
    findings TEXT NOT NULL,
    impression TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (study_uid, author)
);
CREATE TABLE IF NOT EXISTS claims (
    study_uid TEXT PRIMARY KEY REFERENCES studies(study_uid),
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    claimed_at REAL NOT NULL,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS critical_results (
    id TEXT PRIMARY KEY,
    study_uid TEXT NOT NULL REFERENCES studies(study_uid),
    tenant_id TEXT NOT NULL,
    category INTEGER NOT NULL,
    finding TEXT NOT NULL,
    recipient TEXT NOT NULL,
    method TEXT NOT NULL,
    communicated_at TEXT NOT NULL,
    flagged_by TEXT NOT NULL,
    flagged_at TEXT NOT NULL,
    acknowledged_by TEXT,
    acknowledged_at TEXT,
    read_back TEXT
);
CREATE INDEX IF NOT EXISTS critical_study ON critical_results(study_uid, acknowledged_at);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    username TEXT,
    tenant_id TEXT,
    study_uid TEXT,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL DEFAULT '',
    hash TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
"""


def iso_utc(ts: float) -> str:
    """RFC 3339 timestamp in UTC with a ``Z`` suffix, as used in every API answer."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def utc_timestamp(when: datetime) -> float | None:
    """Unix time of a client-supplied time (naive means UTC), or None when it cannot be
    shown as an RFC 3339 UTC time (e.g. year 1 with a positive offset)."""
    aware = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    try:
        ts = aware.timestamp()
        iso_utc(ts)
    except (OverflowError, OSError, ValueError):
        return None
    return ts


class HubStore:
    """The hub's database. Use :meth:`read` for queries and :meth:`tx` for changes."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(
            self.db_path, check_same_thread=False, isolation_level=None, timeout=10.0
        )
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL still never corrupts the database and survives a crash of the hub
        # process; only an OS crash or power cut may drop the last commits. It saves an fsync
        # per request (each request writes an audit row).
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        with self._lock:
            _upgrade(self._conn)
        self._conn.executescript(SCHEMA)

    @classmethod
    def open(cls, data_dir: Path) -> HubStore:
        return cls(Path(data_dir) / DB_FILENAME)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._conn

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; BEGIN IMMEDIATE takes the write lock up front so two hub
        processes on the same file fail fast instead of deadlocking on upgrade."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def server_key(self, name: str) -> bytes:
        """A 256-bit random key created on first use and kept for the life of the data dir,
        so tokens and URLs stay valid across restarts of the same hub."""
        with self.tx() as conn:
            row = conn.execute("SELECT value FROM server_keys WHERE name = ?", (name,)).fetchone()
            if row is not None:
                return bytes(row["value"])
            value = secrets.token_bytes(32)
            conn.execute("INSERT INTO server_keys (name, value) VALUES (?, ?)", (name, value))
            return value

    def audit(
        self,
        event: str,
        outcome: str,
        *,
        at: float,
        username: str | None = None,
        tenant_id: str | None = None,
        study_uid: str | None = None,
        detail: str = "",
    ) -> None:
        """Append one row to the hash-chained audit trail (IHE ATNA-style: who, what, when,
        outcome). Never put patient names or secrets in ``detail``."""
        with self.tx() as conn:
            audit_chain.append(
                conn,
                at=iso_utc(at),
                event=event,
                outcome=outcome,
                username=username,
                tenant_id=tenant_id,
                study_uid=study_uid,
                detail=detail,
            )
        log.debug("audit event=%s outcome=%s user=%s", event, outcome, username or "-")


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row["name"] for row in conn.execute(f"PRAGMA table_info({table})")}


def _upgrade(conn: sqlite3.Connection) -> None:
    """Bring a database written by an older hub up to the current schema (new columns only;
    tables that are missing are created by SCHEMA afterwards). Old audit rows are chained in
    the same transaction, so the trail verifies from the first row on."""
    reports, audit = _columns(conn, "reports"), _columns(conn, "audit")
    if (not reports or "reason" in reports) and (not audit or "hash" in audit):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if reports and "reason" not in reports:
            conn.execute("ALTER TABLE reports ADD COLUMN reason TEXT NOT NULL DEFAULT ''")
            conn.execute("ALTER TABLE reports ADD COLUMN supersedes TEXT")
        if audit and "hash" not in audit:
            conn.execute("DROP TRIGGER IF EXISTS audit_no_update")
            conn.execute("DROP TRIGGER IF EXISTS audit_no_delete")
            conn.execute("ALTER TABLE audit ADD COLUMN prev_hash TEXT NOT NULL DEFAULT ''")
            conn.execute("ALTER TABLE audit ADD COLUMN hash TEXT NOT NULL DEFAULT ''")
            sealed = audit_chain.seal_unchained(conn)
            log.info("audit trail upgraded: %d earlier rows chained", sealed)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
