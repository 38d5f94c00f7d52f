"""The SQLite index of the encrypted cache.

Privacy of the index: it holds no UID, tenant or patient attribute in plain text.

* ``slot`` (primary key, also the object's file name) is an HMAC-SHA256 of
  tenant + study + series + SOP instance UID;
* ``study_tag`` and ``series_tag`` are HMACs of tenant + study (+ series), so a study
  can be listed, measured or deleted by lookup without any UID being stored;
* ``identity`` is the four values sealed with AES-256-GCM (bound to the slot), which is
  what lets ``list_instances`` hand the UIDs back to the application.

Sizes and created / last-access times are kept in clear: they describe cache usage, not
patients, and last access is what a future eviction policy sorts on.

One connection is shared by all threads and guarded by a lock: downloads put from a
thread pool, and each write is one short statement, so contention is negligible.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS objects (
    slot        TEXT PRIMARY KEY,
    tenant_tag  TEXT NOT NULL,
    study_tag   TEXT NOT NULL,
    series_tag  TEXT NOT NULL,
    identity    BLOB NOT NULL,
    size        INTEGER NOT NULL,
    created     REAL NOT NULL,
    accessed    REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS objects_by_study ON objects (study_tag, series_tag);
"""


@dataclass(frozen=True, slots=True)
class IndexRow:
    """What the store needs to put an object back together: its slot and sealed identity."""

    slot: str
    identity: bytes


class ObjectIndex:
    """Rows keyed by opaque slot; every method is atomic and thread-safe."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = sqlite3.connect(
            str(path), check_same_thread=False, isolation_level=None
        )
        with self._lock:
            self._db.executescript(_SCHEMA)

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise sqlite3.ProgrammingError("the cache index is closed")
        return self._db

    # -- key bookkeeping ----------------------------------------------------------------
    def key_matches(self, key_check: str) -> bool:
        """True when the index is new or was written under the key that gives ``key_check``;
        a new index records the value."""
        with self._lock:
            db = self._conn()
            row = db.execute("SELECT value FROM meta WHERE name = 'key_check'").fetchone()
            if row is None:
                self._write_meta(db, key_check)
                return True
            return bool(row[0] == key_check)

    def reset(self, key_check: str) -> list[str]:
        """Forget every row and adopt a new key; returns the slots that were dropped."""
        with self._lock:
            db = self._conn()
            slots = [r[0] for r in db.execute("SELECT slot FROM objects")]
            db.execute("DELETE FROM objects")
            self._write_meta(db, key_check)
            return slots

    @staticmethod
    def _write_meta(db: sqlite3.Connection, key_check: str) -> None:
        db.executemany(
            "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)",
            [("key_check", key_check), ("schema", SCHEMA_VERSION)],
        )

    # -- rows ---------------------------------------------------------------------------
    def upsert(
        self,
        slot: str,
        *,
        tenant_tag: str,
        study_tag: str,
        series_tag: str,
        identity: bytes,
        size: int,
        now: float,
    ) -> None:
        with self._lock:
            self._conn().execute(
                "INSERT OR REPLACE INTO objects (slot, tenant_tag, study_tag, series_tag,"
                " identity, size, created, accessed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (slot, tenant_tag, study_tag, series_tag, identity, size, now, now),
            )

    def contains(self, slot: str) -> bool:
        with self._lock:
            row = self._conn().execute("SELECT 1 FROM objects WHERE slot = ?", (slot,)).fetchone()
            return row is not None

    def touch(self, slot: str, now: float) -> None:
        with self._lock:
            self._conn().execute("UPDATE objects SET accessed = ? WHERE slot = ?", (now, slot))

    def remove(self, slots: Iterable[str]) -> None:
        with self._lock:
            self._conn().executemany("DELETE FROM objects WHERE slot = ?", [(s,) for s in slots])

    def rows(self, study_tag: str, series_tag: str | None = None) -> list[IndexRow]:
        """A study's rows (optionally one series), oldest first."""
        query = "SELECT slot, identity FROM objects WHERE study_tag = ?"
        args: tuple[str, ...] = (study_tag,)
        if series_tag is not None:
            query += " AND series_tag = ?"
            args += (series_tag,)
        with self._lock:
            cur = self._conn().execute(query + " ORDER BY created, rowid", args)
            return [IndexRow(slot, bytes(identity)) for slot, identity in cur]

    def total_size(self, study_tag: str) -> int:
        with self._lock:
            row = (
                self._conn()
                .execute(
                    "SELECT COALESCE(SUM(size), 0) FROM objects WHERE study_tag = ?", (study_tag,)
                )
                .fetchone()
            )
            return int(row[0])

    def clear(self) -> None:
        with self._lock:
            self._conn().execute("DELETE FROM objects")

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
