"""Unlocking the cache offline: password verifier + keychain key, worklist snapshot."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from test_cache_keys import MemoryKeyring

from workstation.cache.keys import load_or_create_key
from workstation.cache.sealing import Sealer
from workstation.cache.store import EncryptedStore
from workstation.core.study import Priority, StudyStatus, UserInfo, WorklistItem
from workstation.services.offline_login import (
    VERIFIER_RECORD,
    OfflineReason,
    OfflineUnlockError,
    ScryptParams,
    load_worklist_snapshot,
    remember_sign_in,
    save_worklist_snapshot,
    unlock_offline,
)

FAST = ScryptParams(n=2**10, r=8, p=1)  # the real cost is 2**17; tests need speed only
USER_REF = "dr.demir@hub.example"
PASSWORD = "correct horse battery staple"
USER = UserInfo("dr.demir", "Dr. Demir", "radiologist", ("ankara", "izmir"), ("read_images",))
ITEMS = [
    WorklistItem("1.2.3.1", "ACC-1", "YILMAZ^AYŞE", "P-1001", "F", date(1970, 3, 12), "CT",
                 "CT Thorax", datetime(2024, 5, 10, 8, 30), "ankara", "Ankara City",
                 Priority.STAT, StudyStatus.UNREAD, 2, "rule out PE"),
    WorklistItem("1.2.3.2", "ACC-2", "DEMIR^ALI", "P-2001", "M", None, "PT", "PET-CT", None,
                 "izmir", "Izmir Bay", Priority.ROUTINE, StudyStatus.IN_PROGRESS,
                 claimed_by="dr.demir"),
]


@pytest.fixture
def online(tmp_path: Path):
    """A first online session on this machine: key in the keychain, verifier, snapshot,
    one cached study."""
    keyring = MemoryKeyring()
    root = tmp_path / "cache"
    store = EncryptedStore(root, load_or_create_key(USER_REF, keyring).key)
    remember_sign_in(store, "dr.demir", PASSWORD, USER, FAST)
    save_worklist_snapshot(store, ITEMS, now=1_700_000_000.0)
    store.put("ankara", "1.2.3.1", "1.2.3.1.1", "1.2.3.1.1.1", b"slice")
    store.close()
    return root, keyring


def test_unlock_with_the_right_password_shows_snapshot_and_cached_studies(online):
    root, keyring = online
    session = unlock_offline(root, USER_REF, "dr.demir", PASSWORD, keyring_backend=keyring)
    try:
        assert session.user == USER
        assert session.worklist == ITEMS
        assert session.snapshot_time == 1_700_000_000.0
        (study,) = session.cached_studies()
        assert (study.tenant, study.study_uid, study.instances) == ("ankara", "1.2.3.1", 1)
        assert session.store.get("ankara", "1.2.3.1", "1.2.3.1.1", "1.2.3.1.1.1") == b"slice"
    finally:
        session.store.close()


@pytest.mark.parametrize(("username", "password"), [
    ("dr.demir", "wrong"), ("dr.demir", PASSWORD.upper()), ("someone.else", PASSWORD)])
def test_wrong_password_or_user_is_refused(online, username, password):
    root, keyring = online
    with pytest.raises(OfflineUnlockError) as refused:
        unlock_offline(root, USER_REF, username, password, keyring_backend=keyring)
    assert refused.value.reason is OfflineReason.WRONG_PASSWORD


def test_without_the_keychain_key_nothing_unlocks_and_nothing_is_wiped(online):
    root, keyring = online
    keyring.secrets.clear()
    with pytest.raises(OfflineUnlockError) as refused:
        unlock_offline(root, USER_REF, "dr.demir", PASSWORD, keyring_backend=keyring)
    assert refused.value.reason is OfflineReason.NO_KEY
    assert keyring.secrets == {}  # no key was created (it would wipe the cache)
    assert any((root / "objects").rglob("*"))


def test_never_signed_in_on_this_machine(tmp_path: Path):
    keyring = MemoryKeyring()
    load_or_create_key(USER_REF, keyring)
    with pytest.raises(OfflineUnlockError) as refused:
        unlock_offline(tmp_path / "nothing", USER_REF, "dr.demir", PASSWORD,
                       keyring_backend=keyring)
    assert refused.value.reason is OfflineReason.NEVER_SIGNED_IN
    assert not (tmp_path / "nothing").exists()


def test_a_tampered_verifier_never_unlocks(online):
    root, keyring = online
    path = root / "records" / Sealer(keyring_key(keyring)).tag("record", VERIFIER_RECORD)
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 0x01
    path.write_bytes(bytes(blob))
    with pytest.raises(OfflineUnlockError) as refused:
        unlock_offline(root, USER_REF, "dr.demir", PASSWORD, keyring_backend=keyring)
    assert refused.value.reason is OfflineReason.DAMAGED
    assert not path.exists()  # discarded


def keyring_key(keyring: MemoryKeyring) -> bytes:
    return load_or_create_key(USER_REF, keyring).key


def test_nothing_readable_is_kept_on_disk(online):
    root, _keyring = online
    secrets = [PASSWORD.encode(), b"YILMAZ", b"dr.demir", b"P-1001", b"ACC-1", b"1.2.3.1"]
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(s in data for s in secrets), path.name


def test_a_new_online_sign_in_replaces_the_verifier(online):
    root, keyring = online
    store = EncryptedStore(root, keyring_key(keyring))
    remember_sign_in(store, "dr.demir", "new password", USER, FAST)
    store.close()
    with pytest.raises(OfflineUnlockError):
        unlock_offline(root, USER_REF, "dr.demir", PASSWORD, keyring_backend=keyring)
    unlock_offline(root, USER_REF, "dr.demir", "new password",
                   keyring_backend=keyring).store.close()


def test_snapshot_absent_or_cleared(tmp_path: Path):
    store = EncryptedStore(tmp_path / "c", bytes(32))
    assert load_worklist_snapshot(store) == ([], None)
    save_worklist_snapshot(store, ITEMS)
    store.clear()  # "Clear local cache" removes the snapshot with the images
    assert load_worklist_snapshot(store) == ([], None)
    store.close()


def test_default_cost_follows_owasp():
    params = ScryptParams()
    assert (params.n, params.r, params.p) == (2**17, 8, 1)
