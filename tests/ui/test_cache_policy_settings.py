"""The cache budget and retention chosen in the settings reach the encrypted store.

The settings dialog only writes QSettings; these tests prove the values take effect where
the store is opened (online sign-in, offline unlock) and when the dialog closes on an
open session - and that a study open in a viewer survives an eviction.

The dialog's spin box counts whole gigabytes; to keep the test data small the lower limit
of the budget key is lowered for the test, the path from QSettings to the store is the
application's own.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from tests.ui.keychain_double import memory_keychain
from workstation.cache import keys
from workstation.cache.retention import DAY_SECONDS, CachePolicy
from workstation.cache.store import EncryptedStore
from workstation.services.offline_login import ScryptParams, remember_sign_in
from workstation.ui import settings_values
from workstation.ui.cache_actions import CacheActions
from workstation.ui.cache_session import cache_root, open_cache
from workstation.ui.session_services import unlock_for

HUB = "https://hub.test"
USER = "dr.test"
TENANT = "ankara"
KB = 1000
KEY = bytes(range(32))


@pytest.fixture
def persisted_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workstation.ui.cache_session.load_or_create_key",
                        lambda ref: keys.KeyResult(KEY, True))


@pytest.fixture
def keychain():
    yield from memory_keychain()


@pytest.fixture
def tiny_budgets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Budgets in kilobytes: the key's lower limit is lowered, nothing else changes."""
    _low, high, default = settings_values.LIMITS[settings_values.CACHE_BUDGET_GB]
    monkeypatch.setitem(settings_values.LIMITS, settings_values.CACHE_BUDGET_GB,
                        (1e-6, high, default))


def set_budget_kb(kb: int) -> None:
    settings_values.set_number(settings_values.CACHE_BUDGET_GB, kb * KB / 1000**3)


def fill(store: EncryptedStore, study: str, count: int = 2, size: int = 10 * KB) -> None:
    for i in range(count):
        store.put(TENANT, study, f"{study}.1", f"{study}.1.{i}", bytes([i + 1]) * size)


def age(root: Path, seconds_ago: float, store: EncryptedStore, study: str) -> None:
    """Backdate a study's last access (the index keys are opaque: ask the store)."""
    slots = store._index.study_slots(store._study_tag(TENANT, study))  # noqa: SLF001
    with sqlite3.connect(root / "index.sqlite") as db:
        db.executemany("UPDATE objects SET accessed = ? WHERE slot = ?",
                       [(time.time() - seconds_ago, s) for s in slots])


def studies(store: EncryptedStore) -> set[str]:
    return {s.study_uid for s in store.cached_studies()}


def test_defaults_when_the_reader_chose_nothing(tmp_path, persisted_key):
    session = open_cache(tmp_path, HUB, USER)
    assert session.store.policy == CachePolicy(20 * 1000**3, 30.0)
    session.close()


def test_sign_in_opens_the_cache_with_the_budget_from_the_settings(
        tmp_path, persisted_key, tiny_budgets):
    set_budget_kb(50)
    settings_values.set_number(settings_values.CACHE_RETENTION_DAYS, 9)
    session = open_cache(tmp_path, HUB, USER)
    store = session.store
    assert store.policy == CachePolicy(50 * KB, 9.0)

    fill(store, "open")  # 20 kB, the least recently used of all ...
    age(store.root, 5000, store, "open")
    store.pin_study(TENANT, "open")  # ... but open in the viewer
    fill(store, "older")
    age(store.root, 4000, store, "older")
    fill(store, "newer")  # 60 kB > 50 kB: evict down to 45 kB
    assert studies(store) == {"open", "newer"}
    assert store.usage() == 40 * KB <= 50 * KB
    assert store.get(TENANT, "open", "open.1", "open.1.0") == bytes([1]) * 10 * KB

    fill(store, "more", count=3)  # only "newer" may go; "open" stays even if over budget
    assert "open" in studies(store) and "newer" not in studies(store)
    session.close()


def test_session_only_cache_also_gets_the_budget(tmp_path, session_key, tiny_budgets):
    set_budget_kb(30)
    session = open_cache(tmp_path, HUB, USER)
    assert session.temporary_root is not None
    assert session.store.policy.budget_bytes == 30 * KB
    session.close()


def test_retention_from_the_settings_applies_at_sign_in(tmp_path, persisted_key):
    root = cache_root(tmp_path, HUB, USER)
    before = EncryptedStore(root, KEY)  # default: 30 days
    fill(before, "old")
    fill(before, "recent")
    age(root, 10 * DAY_SECONDS, before, "old")
    age(root, 2 * DAY_SECONDS, before, "recent")
    before.close()
    settings_values.set_number(settings_values.CACHE_RETENTION_DAYS, 7)
    session = open_cache(tmp_path, HUB, USER)
    assert studies(session.store) == {"recent"}
    session.close()


def test_offline_unlock_uses_the_settings_too(tmp_path, tiny_budgets, keychain):
    key = keys.load_or_create_key(f"{USER}@hub.test")
    assert key.persisted
    store = EncryptedStore(cache_root(tmp_path, HUB, USER), key.key)
    remember_sign_in(store, USER, "secret", params=ScryptParams(n=2**10))
    store.close()
    set_budget_kb(70)
    settings_values.set_number(settings_values.CACHE_RETENTION_DAYS, 3)
    offline = unlock_for(tmp_path, HUB, USER, "secret")
    assert offline.store.policy == CachePolicy(70 * KB, 3.0)
    offline.store.close()


def test_saving_the_settings_applies_the_new_budget_to_the_open_cache(
        qtbot, tmp_path, tiny_budgets):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.settings_action = QAction("Settings", window)  # as the worklist window has
    # Stands in for the modal dialog: the settings are saved when its slot returns.
    window.settings_action.triggered.connect(lambda: set_budget_kb(25))
    store = EncryptedStore(tmp_path / "c", KEY)
    for n, study in enumerate(("open", "a", "b")):
        fill(store, study)
        age(store.root, 1000 - n, store, study)  # "open" is the oldest
    store.pin_study(TENANT, "open")
    actions = CacheActions(window, store, lambda _text: None)

    window.settings_action.trigger()
    qtbot.waitUntil(lambda: store.policy.budget_bytes == 25 * KB and len(studies(store)) < 3,
                    timeout=5000)
    assert actions.wait(5000)
    assert studies(store) == {"open"}  # 60 kB -> 20 kB: both others go, the open one stays
    assert store.usage() == 20 * KB
    assert actions.apply_policy() is False  # unchanged settings: nothing to do
    store.close()
