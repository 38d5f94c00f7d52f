"""The SQLite index of the encrypted cache.

Privacy of the index: it holds no UID, tenant or patient attribute in plain text.

* ``slot`` (primary key, also the object's file name) is an HMAC-SHA256 of
  tenant + study + series + SOP instance UID (of tenant + study + series for a decoded
  volume);
* ``study_tag`` and ``series_tag`` are HMACs of tenant + study (+ series), so a study
  can be listed, measured, evicted or deleted by lookup without any UID being stored;
* ``identity`` is the UIDs sealed with AES-256-GCM (bound to the slot), which is what
  lets ``list_instances`` and ``cached_studies`` hand the UIDs back to the application.

Sizes, created / last-access times and a write serial are kept in clear: they describe
cache usage, not patients. Last access drives LRU eviction and retention; the serial
changes whenever an instance is written, so the set of (slot, serial) pairs of a series
fingerprints exactly the instances a decoded volume was built from.

One connection is shared by all threads and guarded by a lock: downloads put from a
thread pool, and each write is one short statement, so contention is negligible. The
journal is write-ahead with ``synchronous=NORMAL``: a commit no longer waits for the disk,
and a power cut can at worst forget the last few rows, whose objects are then fetched
again (the files left behind are swept as orphans).
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = "2"

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
    accessed    REAL NOT NULL,
    serial      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS objects_by_study ON objects (study_tag, series_tag);
CREATE TABLE IF NOT EXISTS volumes (
    slot        TEXT PRIMARY KEY,
    study_tag   TEXT NOT NULL,
    series_tag  TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    size        INTEGER NOT NULL,
    created     REAL NOT NULL,
    accessed    REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS volumes_by_study ON volumes (study_tag);
"""

_TABLES = ("objects", "volumes")


@dataclass(frozen=True, slots=True)
class IndexRow:
    """What the store needs to put an object back together: its slot and sealed identity."""

    slot: str
    identity: bytes


@dataclass(frozen=True, slots=True)
class StudyUsage:
    """One study as eviction and retention see it: bytes held (instances and volumes) and
    the most recent access to any of its objects. ``sample`` is one instance row, whose
    sealed identity names the study (None when only a volume is left)."""

    study_tag: str
    size: int
    instances: int
    last_access: float
    sample: IndexRow | None


class ObjectIndex:
    """Rows keyed by opaque slot; every method is atomic and thread-safe."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = sqlite3.connect(
            str(path), check_same_thread=False, isolation_level=None
        )
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._migrate(self._db)
            row = self._db.execute("SELECT COALESCE(MAX(serial), 0) FROM objects").fetchone()
            self._serial = int(row[0])

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        """Schema 1 had no write serial (its missing volumes table is created above)."""
        columns = {row[1] for row in db.execute("PRAGMA table_info(objects)")}
        if "serial" not in columns:
            db.execute("ALTER TABLE objects ADD COLUMN serial INTEGER NOT NULL DEFAULT 0")
        db.execute(
            "INSERT OR REPLACE INTO meta (name, value) VALUES ('schema', ?)", (SCHEMA_VERSION,)
        )

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
            slots = [r[0] for t in _TABLES for r in db.execute(f"SELECT slot FROM {t}")]  # noqa: S608
            db.execute("DELETE FROM objects")
            db.execute("DELETE FROM volumes")
            self._write_meta(db, key_check)
            return slots

    @staticmethod
    def _write_meta(db: sqlite3.Connection, key_check: str) -> None:
        db.executemany(
            "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)",
            [("key_check", key_check), ("schema", SCHEMA_VERSION)],
        )

    # -- instance rows ------------------------------------------------------------------
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
    ) -> int:
        """Insert or replace one instance row; returns the size of the row it replaced (0
        when new), so the store can keep its running total exact."""
        with self._lock:
            db = self._conn()
            old = db.execute("SELECT size FROM objects WHERE slot = ?", (slot,)).fetchone()
            self._serial += 1
            db.execute(
                "INSERT OR REPLACE INTO objects (slot, tenant_tag, study_tag, series_tag,"
                " identity, size, created, accessed, serial) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (slot, tenant_tag, study_tag, series_tag, identity, size, now, now, self._serial),
            )
            return int(old[0]) if old else 0

    def contains(self, slot: str) -> bool:
        with self._lock:
            row = self._conn().execute("SELECT 1 FROM objects WHERE slot = ?", (slot,)).fetchone()
            return row is not None

    def touch(self, slot: str, now: float) -> None:
        with self._lock:
            self._conn().execute("UPDATE objects SET accessed = ? WHERE slot = ?", (now, slot))

    def remove(self, slots: Iterable[str]) -> int:
        """Delete instance and volume rows by slot; returns the bytes they accounted for."""
        slots = [(s,) for s in slots]
        with self._lock:
            db = self._conn()
            freed = 0
            for table in _TABLES:
                for (slot,) in slots:
                    row = db.execute(
                        f"SELECT size FROM {table} WHERE slot = ?", (slot,)  # noqa: S608
                    ).fetchone()
                    freed += int(row[0]) if row else 0
                db.executemany(f"DELETE FROM {table} WHERE slot = ?", slots)  # noqa: S608
            return freed

    def rows(self, study_tag: str, series_tag: str | None = None) -> list[IndexRow]:
        """A study's instance rows (optionally one series), oldest first."""
        query = "SELECT slot, identity FROM objects WHERE study_tag = ?"
        args: tuple[str, ...] = (study_tag,)
        if series_tag is not None:
            query += " AND series_tag = ?"
            args += (series_tag,)
        with self._lock:
            cur = self._conn().execute(query + " ORDER BY created, rowid", args)
            return [IndexRow(slot, bytes(identity)) for slot, identity in cur]

    def study_slots(self, study_tag: str) -> list[str]:
        """Every slot of the study, instances and volumes."""
        with self._lock:
            db = self._conn()
            return [
                r[0]
                for t in _TABLES
                for r in db.execute(f"SELECT slot FROM {t} WHERE study_tag = ?", (study_tag,))  # noqa: S608
            ]

    def all_slots(self) -> set[str]:
        with self._lock:
            db = self._conn()
            return {r[0] for t in _TABLES for r in db.execute(f"SELECT slot FROM {t}")}  # noqa: S608

    def total_size(self, study_tag: str) -> int:
        """Plaintext bytes of the study's instances."""
        with self._lock:
            row = (
                self._conn()
                .execute(
                    "SELECT COALESCE(SUM(size), 0) FROM objects WHERE study_tag = ?", (study_tag,)
                )
                .fetchone()
            )
            return int(row[0])

    def usage(self) -> int:
        """Bytes held by the whole cache: instances and decoded volumes."""
        with self._lock:
            db = self._conn()
            return sum(
                int(db.execute(f"SELECT COALESCE(SUM(size), 0) FROM {t}").fetchone()[0])  # noqa: S608
                for t in _TABLES
            )

    def series_fingerprint(self, series_tag: str) -> str | None:
        """SHA-256 over the series' (slot, serial) pairs: it changes when any instance of
        the series is added, replaced or removed. None when the series has no instance."""
        with self._lock:
            pairs = self._conn().execute(
                "SELECT slot, serial FROM objects WHERE series_tag = ? ORDER BY slot",
                (series_tag,),
            ).fetchall()
        if not pairs:
            return None
        digest = hashlib.sha256()
        for slot, serial in pairs:
            digest.update(f"{slot}:{serial};".encode("ascii"))
        return digest.hexdigest()

    def studies(self) -> list[StudyUsage]:
        """Every study with its size and last access, least recently used first."""
        with self._lock:
            db = self._conn()
            usage: dict[str, list[float]] = {}
            for table in _TABLES:
                for tag, size, count, accessed in db.execute(
                    f"SELECT study_tag, SUM(size), COUNT(*), MAX(accessed) FROM {table}"  # noqa: S608
                    " GROUP BY study_tag"
                ):
                    entry = usage.setdefault(tag, [0, 0, 0.0])
                    entry[0] += int(size)
                    entry[1] += int(count) if table == "objects" else 0
                    entry[2] = max(entry[2], float(accessed))
            samples = {
                tag: IndexRow(slot, bytes(identity))
                for tag, slot, identity in db.execute(
                    "SELECT study_tag, slot, identity FROM objects"
                    " WHERE rowid IN (SELECT MIN(rowid) FROM objects GROUP BY study_tag)"
                )
            }
        found = [
            StudyUsage(tag, int(size), int(count), float(last), samples.get(tag))
            for tag, (size, count, last) in usage.items()
        ]
        return sorted(found, key=lambda s: (s.last_access, s.study_tag))

    # -- decoded volumes ----------------------------------------------------------------
    def upsert_volume(
        self, slot: str, *, study_tag: str, series_tag: str, fingerprint: str, size: int,
        now: float,
    ) -> int:
        """Insert or replace a volume row; returns the size of the row it replaced."""
        with self._lock:
            db = self._conn()
            old = db.execute("SELECT size FROM volumes WHERE slot = ?", (slot,)).fetchone()
            db.execute(
                "INSERT OR REPLACE INTO volumes (slot, study_tag, series_tag, fingerprint,"
                " size, created, accessed) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (slot, study_tag, series_tag, fingerprint, size, now, now),
            )
            return int(old[0]) if old else 0

    def volume_fingerprint(self, slot: str) -> str | None:
        with self._lock:
            row = self._conn().execute(
                "SELECT fingerprint FROM volumes WHERE slot = ?", (slot,)
            ).fetchone()
            return None if row is None else str(row[0])

    def touch_volume(self, slot: str, now: float) -> None:
        with self._lock:
            self._conn().execute("UPDATE volumes SET accessed = ? WHERE slot = ?", (now, slot))

    # -- whole index --------------------------------------------------------------------
    def clear(self) -> None:
        with self._lock:
            db = self._conn()
            db.execute("DELETE FROM objects")
            db.execute("DELETE FROM volumes")

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
