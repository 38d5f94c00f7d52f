"""The encrypted store: round trips, nothing readable on disk, and tamper detection."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from workstation.cache.errors import IntegrityError
from workstation.cache.files import write_bytes_atomically
from workstation.cache.sealing import OVERHEAD, Identity, Sealer
from workstation.cache.store import EncryptedStore

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
TENANT = "ankara-city-hospital"
STUDY = "1.2.826.0.1.3680043.8.498.10000000000000000001"
SERIES = "1.2.826.0.1.3680043.8.498.20000000000000000002"
SOP_A = "1.2.826.0.1.3680043.8.498.30000000000000000003"
SOP_B = "1.2.826.0.1.3680043.8.498.30000000000000000004"
PATIENT = "YILMAZ^AYSE^FATMA"


def payload(sop: str, size: int = 4096) -> bytes:
    """A DICOM-looking instance that carries recognisable identifiers in clear."""
    body = b"\x00" * 128 + b"DICM" + sop.encode() + b"\x00" + PATIENT.encode() + STUDY.encode()
    return body + bytes((i * 7) % 251 for i in range(size))


@pytest.fixture
def store(tmp_path: Path):
    s = EncryptedStore(tmp_path / "cache", KEY)
    yield s
    s.close()


def object_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "objects").rglob("*") if p.is_file())


def index_rows(root: Path) -> int:
    with sqlite3.connect(root / "index.sqlite") as db:
        return int(db.execute("SELECT COUNT(*) FROM objects").fetchone()[0])


def test_round_trip_and_listing(store: EncryptedStore):
    a, b = payload(SOP_A), payload(SOP_B, 100)
    store.put(TENANT, STUDY, SERIES, SOP_A, a)
    store.put(TENANT, STUDY, "1.2.3.9", SOP_B, b)

    assert store.get(TENANT, STUDY, SERIES, SOP_A) == a
    assert store.get(TENANT, STUDY, "1.2.3.9", SOP_B) == b
    assert store.has(TENANT, STUDY, SERIES, SOP_A)
    assert not store.has(TENANT, STUDY, SERIES, SOP_B)
    assert store.get(TENANT, STUDY, SERIES, SOP_B) is None
    assert store.get("other-tenant", STUDY, SERIES, SOP_A) is None
    assert store.list_instances(TENANT, STUDY) == [(SERIES, SOP_A), ("1.2.3.9", SOP_B)]
    assert store.list_instances(TENANT, STUDY, "1.2.3.9") == [("1.2.3.9", SOP_B)]
    assert store.list_instances("other-tenant", STUDY) == []
    assert store.study_size(TENANT, STUDY) == len(a) + len(b)


def test_put_replaces_previous_copy(store: EncryptedStore):
    store.put(TENANT, STUDY, SERIES, SOP_A, b"first")
    store.put(TENANT, STUDY, SERIES, SOP_A, b"second")
    assert store.get(TENANT, STUDY, SERIES, SOP_A) == b"second"
    assert len(object_files(store.root)) == 1
    assert index_rows(store.root) == 1


def test_nothing_identifying_is_on_disk(store: EncryptedStore):
    store.put(TENANT, STUDY, SERIES, SOP_A, payload(SOP_A))
    store.put(TENANT, STUDY, SERIES, SOP_B, payload(SOP_B))
    assert store.list_instances(TENANT, STUDY)  # the index can still answer
    store.close()

    markers = [
        b"DICM",
        PATIENT.encode(),
        STUDY.encode(),
        SERIES.encode(),
        SOP_A.encode(),
        SOP_B.encode(),
        TENANT.encode(),
        b"30000000000000000003",
    ]
    files = [p for p in store.root.rglob("*") if p.is_file()]
    assert any(p.name == "index.sqlite" for p in files)
    assert len(object_files(store.root)) == 2
    for path in store.root.rglob("*"):
        rel = str(path.relative_to(store.root))
        assert all(m.decode() not in rel for m in markers), rel
        if path.is_file():
            blob = path.read_bytes()
            hits = [m for m in markers if m in blob]
            assert hits == [], f"{rel} contains {hits}"


def test_flipped_byte_is_detected_discarded_and_refetchable(store: EncryptedStore):
    data = payload(SOP_A)
    store.put(TENANT, STUDY, SERIES, SOP_A, data)
    (path,) = object_files(store.root)
    blob = bytearray(path.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    path.write_bytes(bytes(blob))

    with pytest.raises(IntegrityError):
        store.get(TENANT, STUDY, SERIES, SOP_A)
    assert not path.exists()
    assert index_rows(store.root) == 0
    assert not store.has(TENANT, STUDY, SERIES, SOP_A)
    assert store.get(TENANT, STUDY, SERIES, SOP_A) is None

    store.put(TENANT, STUDY, SERIES, SOP_A, data)
    assert store.get(TENANT, STUDY, SERIES, SOP_A) == data


@pytest.mark.parametrize("keep", [0, 10, 40, -1])
def test_truncated_object_is_detected(store: EncryptedStore, keep: int):
    data = payload(SOP_A)
    store.put(TENANT, STUDY, SERIES, SOP_A, data)
    (path,) = object_files(store.root)
    blob = path.read_bytes()
    path.write_bytes(blob[:keep])

    with pytest.raises(IntegrityError):
        store.get(TENANT, STUDY, SERIES, SOP_A)
    assert object_files(store.root) == []
    assert index_rows(store.root) == 0
    store.put(TENANT, STUDY, SERIES, SOP_A, data)
    assert store.get(TENANT, STUDY, SERIES, SOP_A) == data


def test_swapped_objects_fail_authentication(store: EncryptedStore):
    store.put(TENANT, STUDY, SERIES, SOP_A, payload(SOP_A))
    store.put(TENANT, STUDY, SERIES, SOP_B, payload(SOP_B))
    first, second = object_files(store.root)
    a, b = first.read_bytes(), second.read_bytes()
    first.write_bytes(b)
    second.write_bytes(a)

    for sop in (SOP_A, SOP_B):
        with pytest.raises(IntegrityError):
            store.get(TENANT, STUDY, SERIES, sop)
    assert object_files(store.root) == []
    assert store.list_instances(TENANT, STUDY) == []


def test_wrong_key_cannot_open_an_object():
    identity = Identity(TENANT, STUDY, SERIES, SOP_A)
    blob = Sealer(KEY).seal(identity, payload(SOP_A))
    assert Sealer(KEY).open(identity, blob) == payload(SOP_A)
    with pytest.raises(IntegrityError):
        Sealer(OTHER_KEY).open(identity, blob)
    assert Sealer(KEY).slot(identity) != Sealer(OTHER_KEY).slot(identity)


def test_reopening_with_another_key_reads_nothing_and_drops_old_objects(tmp_path: Path):
    root = tmp_path / "cache"
    with EncryptedStore(root, KEY) as s:
        s.put(TENANT, STUDY, SERIES, SOP_A, payload(SOP_A))
    with EncryptedStore(root, KEY) as s:  # same key: still there after reopening
        assert s.get(TENANT, STUDY, SERIES, SOP_A) == payload(SOP_A)

    with EncryptedStore(root, OTHER_KEY) as s:
        assert s.get(TENANT, STUDY, SERIES, SOP_A) is None
        assert s.list_instances(TENANT, STUDY) == []
        assert object_files(root) == []
        s.put(TENANT, STUDY, SERIES, SOP_B, b"new")
        assert s.get(TENANT, STUDY, SERIES, SOP_B) == b"new"


def test_tampered_index_identity_is_dropped(store: EncryptedStore):
    store.put(TENANT, STUDY, SERIES, SOP_A, b"x")
    store.put(TENANT, STUDY, SERIES, SOP_B, b"y")
    with sqlite3.connect(store.root / "index.sqlite") as db:
        db.execute("UPDATE objects SET identity = zeroblob(60) WHERE rowid = 1")
    assert store.list_instances(TENANT, STUDY) == [(SERIES, SOP_B)]
    assert index_rows(store.root) == 1
    assert len(object_files(store.root)) == 1


def test_missing_file_reads_as_absent(store: EncryptedStore):
    store.put(TENANT, STUDY, SERIES, SOP_A, b"x")
    (path,) = object_files(store.root)
    path.unlink()
    assert not store.has(TENANT, STUDY, SERIES, SOP_A)
    assert store.get(TENANT, STUDY, SERIES, SOP_A) is None
    assert index_rows(store.root) == 0


def test_delete_study_and_clear(store: EncryptedStore):
    other = "1.2.3.4.5"
    store.put(TENANT, STUDY, SERIES, SOP_A, b"a" * 10)
    store.put(TENANT, STUDY, SERIES, SOP_B, b"b" * 20)
    store.put(TENANT, other, SERIES, SOP_A, b"c" * 30)

    store.delete_study(TENANT, STUDY)
    assert store.list_instances(TENANT, STUDY) == []
    assert store.study_size(TENANT, STUDY) == 0
    assert store.get(TENANT, other, SERIES, SOP_A) == b"c" * 30
    assert len(object_files(store.root)) == 1

    store.clear()
    assert object_files(store.root) == []
    assert index_rows(store.root) == 0
    store.put(TENANT, STUDY, SERIES, SOP_A, b"again")
    assert store.get(TENANT, STUDY, SERIES, SOP_A) == b"again"


def test_files_are_private_and_no_temporaries_remain(store: EncryptedStore):
    store.put(TENANT, STUDY, SERIES, SOP_A, b"x")
    (path,) = object_files(store.root)
    assert not path.name.startswith(".tmp-")
    if os.name == "posix":
        assert path.stat().st_mode & 0o077 == 0
        assert path.parent.stat().st_mode & 0o077 == 0


def test_concurrent_puts_and_gets(store: EncryptedStore):
    items = {f"1.2.3.{i}": os.urandom(64 + i) for i in range(200)}
    keys = list(items)
    errors: list[BaseException] = []

    def worker(chunk: list[str]) -> None:
        try:
            for sop in chunk:
                store.put(TENANT, STUDY, SERIES, sop, items[sop])
                assert store.get(TENANT, STUDY, SERIES, sop) == items[sop]
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(keys[i::8],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(sop for _, sop in store.list_instances(TENANT, STUDY)) == sorted(keys)
    assert all(store.get(TENANT, STUDY, SERIES, k) == v for k, v in items.items())
    assert store.study_size(TENANT, STUDY) == sum(len(v) for v in items.values())


def test_reused_sealing_buffer_never_leaks_bytes_between_objects(store: EncryptedStore,
                                                                 monkeypatch):
    # One thread seals a big object, then smaller and bigger ones, and one above the
    # per-thread buffer limit: each file holds its own object only (exact length).
    monkeypatch.setattr("workstation.cache.store.SCRATCH_MAX_BYTES", 64 * 1024)
    sizes = {"1.2.3.1": 50_000, "1.2.3.2": 17, "1.2.3.3": 0, "1.2.3.4": 60_000,
             "1.2.3.5": 200_000, "1.2.3.6": 33}
    items = {sop: os.urandom(size) for sop, size in sizes.items()}
    for sop, data in items.items():
        store.put(TENANT, STUDY, SERIES, sop, bytearray(data))
    for sop, data in items.items():
        assert store.get(TENANT, STUDY, SERIES, sop) == data
    assert sorted(p.stat().st_size - OVERHEAD for p in object_files(store.root)) == sorted(sizes.values())


def test_seal_into_writes_what_seal_writes():
    sealer = Sealer(KEY)
    identity = Identity(TENANT, STUDY, SERIES, SOP_A)
    data = payload(SOP_A)
    out = bytearray(OVERHEAD + len(data) + 5)
    sealer.seal_into(identity, data, memoryview(out)[: OVERHEAD + len(data)])
    assert sealer.open(identity, bytes(out[: OVERHEAD + len(data)])) == data
    assert out[-5:] == bytes(5)
    assert len(sealer.seal(identity, data)) == OVERHEAD + len(data)
    with pytest.raises(ValueError):
        sealer.seal_into(identity, data, memoryview(out))


def test_write_bytes_atomically_replaces_privately_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "objects" / "ab" / "slot"
    folders: set[Path] = set()
    write_bytes_atomically(target, bytearray(b"first"), folders)
    write_bytes_atomically(target, memoryview(b"second version"), folders)
    assert target.read_bytes() == b"second version"
    assert folders == {target.parent}
    # The folder removed behind the store's back (it still thinks it exists).
    target.unlink()
    target.parent.rmdir()
    write_bytes_atomically(target, b"third", folders)
    assert target.read_bytes() == b"third"
    assert [p.name for p in target.parent.iterdir()] == ["slot"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o077 == 0


def test_write_bytes_atomically_keeps_the_old_file_when_writing_fails(tmp_path: Path,
                                                                      monkeypatch):
    target = tmp_path / "slot"
    write_bytes_atomically(target, b"old")
    written: list[int] = []

    def disk_full(fd: int, data: memoryview) -> int:
        if written:
            raise OSError(28, "No space left on device")
        written.append(fd)
        return min(len(data), 3)  # a short write first: the rest must follow

    monkeypatch.setattr("workstation.cache.files.os.write", disk_full)
    with pytest.raises(OSError):
        write_bytes_atomically(target, b"new contents")
    assert written
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["slot"]


def test_write_bytes_atomically_finishes_short_writes(tmp_path: Path, monkeypatch):
    real_write = os.write
    monkeypatch.setattr("workstation.cache.files.os.write",
                        lambda fd, data: real_write(fd, data[:3]))
    write_bytes_atomically(tmp_path / "slot", bytearray(b"0123456789abcdef"))
    assert (tmp_path / "slot").read_bytes() == b"0123456789abcdef"
