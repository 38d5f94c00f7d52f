"""Budget, LRU eviction, open-study pins, retention, clearing and purging at sign-out."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from test_cache_keys import MemoryKeyring

from workstation.cache.keys import SERVICE, existing_key, load_or_create_key
from workstation.cache.purge import purge_user
from workstation.cache.retention import DAY_SECONDS, CachePolicy
from workstation.cache.store import ORPHAN_AGE_SECONDS, EncryptedStore

KEY = bytes(range(32))
TENANT = "tenant-a"
KB = 1000


def fill(store: EncryptedStore, study: str, count: int = 2, size: int = 10 * KB) -> None:
    for i in range(count):
        store.put(TENANT, study, f"{study}.1", f"{study}.1.{i}", bytes([i]) * size)


def age(store: EncryptedStore, study: str, seconds_ago: float) -> None:
    """Backdate a study's last access (the index keys are opaque: go through the store)."""
    slots = store._index.study_slots(store._study_tag(TENANT, study))  # noqa: SLF001
    with sqlite3.connect(store.root / "index.sqlite") as db:
        for table in ("objects", "volumes"):
            db.executemany(f"UPDATE {table} SET accessed = ? WHERE slot = ?",  # noqa: S608
                           [(time.time() - seconds_ago, s) for s in slots])


def studies(store: EncryptedStore) -> set[str]:
    return {s.study_uid for s in store.cached_studies()}


def files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and p.parent.name != root.name]


def test_default_policy_is_20_gb_and_30_days():
    policy = CachePolicy()
    assert policy.budget_bytes == 20 * 1000**3
    assert policy.retention_days == 30.0
    with pytest.raises(ValueError):
        CachePolicy(budget_bytes=0)


def test_least_recently_used_studies_are_evicted_whole(tmp_path: Path):
    store = EncryptedStore(tmp_path / "c", KEY, CachePolicy(budget_bytes=100 * KB))
    for n, study in enumerate(("s1", "s2", "s3", "s4")):
        fill(store, study)  # 20 kB each
        age(store, study, 1000 - n)  # s1 oldest
    store.get(TENANT, "s1", "s1.1", "s1.1.0")  # reading s1 makes it the most recent
    assert store.usage() == 80 * KB
    fill(store, "s5", count=2, size=15 * KB)  # 110 kB > budget: evict down to 90 kB
    assert studies(store) == {"s1", "s3", "s4", "s5"}
    assert store.usage() == 90 * KB
    assert store.list_instances(TENANT, "s2") == []
    assert len(files(store.root / "objects")) == 8
    store.close()


def test_an_open_study_is_never_evicted(tmp_path: Path):
    store = EncryptedStore(tmp_path / "c", KEY, CachePolicy(budget_bytes=50 * KB))
    fill(store, "open")
    age(store, "open", 5000)  # the oldest of all ...
    store.pin_study(TENANT, "open")
    store.pin_study(TENANT, "open")  # two viewers
    fill(store, "other")
    fill(store, "new", count=2)  # 60 kB: over budget
    assert "open" in studies(store) and "other" not in studies(store)
    store.unpin_study(TENANT, "open")
    assert store.is_pinned(TENANT, "open")  # one viewer still has it
    fill(store, "more", count=3, size=10 * KB)
    assert "open" in studies(store)
    store.unpin_study(TENANT, "open")
    fill(store, "last")
    assert "open" not in studies(store) and "last" in studies(store)  # evictable when closed
    store.close()


def test_only_open_studies_left_stays_over_budget_without_evicting_them(tmp_path: Path):
    store = EncryptedStore(tmp_path / "c", KEY, CachePolicy(budget_bytes=10 * KB))
    store.pin_study(TENANT, "big")
    fill(store, "big", count=5)
    assert store.usage() == 50 * KB and studies(store) == {"big"}
    store.close()


def test_retention_deletes_studies_not_accessed_for_n_days_except_open_ones(tmp_path: Path):
    root = tmp_path / "c"
    store = EncryptedStore(root, KEY, CachePolicy(retention_days=7))
    for study in ("old", "old_open", "recent"):
        fill(store, study)
    age(store, "old", 8 * DAY_SECONDS)
    age(store, "old_open", 8 * DAY_SECONDS)
    age(store, "recent", 6 * DAY_SECONDS)
    store.pin_study(TENANT, "old_open")
    report = store.enforce_policy()
    assert report.expired_studies == 1 and report.freed_bytes == 20 * KB
    assert studies(store) == {"old_open", "recent"}
    store.close()
    age_later = EncryptedStore(root, KEY, CachePolicy(retention_days=5))  # applied at opening
    assert studies(age_later) == set()
    age_later.close()


def test_orphan_files_are_swept(tmp_path: Path):
    store = EncryptedStore(tmp_path / "c", KEY)
    fill(store, "s", count=1)
    orphan = store.root / "objects" / "ab" / ("ab" + "0" * 62)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"left by a crash")
    fresh = store.root / "objects" / "ab" / ("ab" + "1" * 62)
    fresh.write_bytes(b"a write in progress")
    old = time.time() - ORPHAN_AGE_SECONDS - 10
    os.utime(orphan, (old, old))
    assert store.enforce_policy().orphan_files == 1
    assert not orphan.exists() and fresh.exists()
    assert studies(store) == {"s"}
    store.close()


def test_clear_removes_images_volumes_and_records(tmp_path: Path):
    store = EncryptedStore(tmp_path / "c", KEY)
    fill(store, "s")
    fp = store.series_fingerprint(TENANT, "s", "s.1")
    store.put_volume(TENANT, "s", "s.1", fp, [b"header", b"pixels" * 100])
    store.records.put("worklist-snapshot", b"names")
    store.clear()
    assert files(store.root) == []
    assert store.usage() == 0 and studies(store) == set()
    assert store.records.get("worklist-snapshot") is None
    fill(store, "s")
    assert studies(store) == {"s"}
    store.close()


def test_purge_user_forgets_the_key_and_deletes_the_folder(tmp_path: Path):
    keyring = MemoryKeyring()
    key = load_or_create_key("reader@hub", keyring).key
    store = EncryptedStore(tmp_path / "c", key)
    fill(store, "s")
    assert purge_user(store, "reader@hub", keyring)
    assert not (tmp_path / "c").exists()
    assert (SERVICE, "reader@hub") not in keyring.secrets
    assert existing_key("reader@hub", keyring) is None


def test_a_version_1_index_is_migrated_in_place(tmp_path: Path):
    root = tmp_path / "c"
    store = EncryptedStore(root, KEY)
    fill(store, "s")
    store.close()
    with sqlite3.connect(root / "index.sqlite") as db:  # back to the schema 1 layout
        db.execute("DROP TABLE volumes")
        db.execute("ALTER TABLE objects DROP COLUMN serial")
        db.execute("UPDATE meta SET value = '1' WHERE name = 'schema'")
    again = EncryptedStore(root, KEY)
    assert studies(again) == {"s"}
    assert again.get(TENANT, "s", "s.1", "s.1.0") == bytes([0]) * 10 * KB
    assert again.series_fingerprint(TENANT, "s", "s.1") is not None
    again.close()
