"""Decoded volumes in the store: chunked sealing, fingerprints, damage detection."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest

from workstation.cache import volumes
from workstation.cache.errors import IntegrityError
from workstation.cache.sealing import Sealer
from workstation.cache.store import EncryptedStore

KEY = bytes(range(32))
TENANT, STUDY, SERIES = "tenant-a", "1.2.3.4", "1.2.3.4.5"
HEADER = b'{"patient":"YILMAZ^AYSE"}'


@pytest.fixture
def store(tmp_path: Path):
    s = EncryptedStore(tmp_path / "c", KEY)
    s.put(TENANT, STUDY, SERIES, "1.2.3.4.5.1", b"slice one")
    yield s
    s.close()


def volume_file(store: EncryptedStore) -> Path:
    (path,) = [p for p in (store.root / "volumes").rglob("*") if p.is_file()]
    return path


def pixels(n: int = 300_000) -> np.ndarray:
    return (np.arange(n, dtype=np.uint32) * 2654435761 % 65521).astype(np.uint16)


def test_round_trip_in_many_chunks_without_plaintext_on_disk():
    sealer, aad = Sealer(KEY), b"volume-aad"
    parts = [HEADER, memoryview(pixels()), b""]
    out = io.BytesIO()
    assert volumes.write_parts(out, sealer, aad, parts, chunk_bytes=64 * 1024) == (
        len(HEADER) + 600_000)
    blob = out.getvalue()
    assert b"YILMAZ" not in blob and pixels()[:64].tobytes() not in blob
    got = volumes.read_parts(io.BytesIO(blob), sealer, aad, len(blob))
    assert [bytes(p) for p in got] == [HEADER, pixels().tobytes(), b""]
    with pytest.raises(IntegrityError):  # bound to its associated data
        volumes.read_parts(io.BytesIO(blob), sealer, b"another volume", len(blob))


def chunked(chunk: int = 64 * 1024) -> bytes:
    out = io.BytesIO()
    volumes.write_parts(out, Sealer(KEY), b"aad", [HEADER, memoryview(pixels())], chunk)
    return out.getvalue()


@pytest.mark.parametrize("damage", ["flip", "truncate", "trailing", "swap", "drop"])
def test_any_damage_fails_authentication(damage: str):
    blob = bytearray(chunked())
    frame = 4 + 12 + 64 * 1024 + 16
    first_chunk = len(blob) - (600_000 // (64 * 1024)) * frame - (4 + 12 + 600_000 % (64 * 1024) + 16)
    if damage == "flip":
        blob[len(blob) // 2] ^= 0x20
    elif damage == "truncate":
        del blob[-100:]
    elif damage == "trailing":
        blob += b"\x00"
    elif damage == "swap":  # two whole chunks of the pixel part change places
        a = blob[first_chunk : first_chunk + frame]
        b = blob[first_chunk + frame : first_chunk + 2 * frame]
        blob[first_chunk : first_chunk + 2 * frame] = b + a
    elif damage == "drop":  # a whole chunk removed
        del blob[first_chunk : first_chunk + frame]
    with pytest.raises(IntegrityError):
        volumes.read_parts(io.BytesIO(bytes(blob)), Sealer(KEY), b"aad", len(blob))


def test_store_volume_is_bound_to_the_instances_fingerprint(store: EncryptedStore):
    fp = store.series_fingerprint(TENANT, STUDY, SERIES)
    store.put_volume(TENANT, STUDY, SERIES, fp, [HEADER, memoryview(pixels())])
    got = store.get_volume(TENANT, STUDY, SERIES, fp, lambda n: np.empty(n, np.uint8))
    assert got is not None and bytes(got[0]) == HEADER
    assert np.array_equal(got[1].view(np.uint16), pixels())
    assert store.usage() == len(b"slice one") + len(HEADER) + 600_000

    store.put(TENANT, STUDY, SERIES, "1.2.3.4.5.2", b"slice two")  # the series changed
    fresh = store.series_fingerprint(TENANT, STUDY, SERIES)
    assert fresh != fp
    assert store.get_volume(TENANT, STUDY, SERIES, fresh) is None
    assert [p for p in (store.root / "volumes").rglob("*") if p.is_file()] == []  # deleted
    assert store.usage() == len(b"slice one") + len(b"slice two")


def test_replacing_an_instance_changes_the_fingerprint(store: EncryptedStore):
    before = store.series_fingerprint(TENANT, STUDY, SERIES)
    store.put(TENANT, STUDY, SERIES, "1.2.3.4.5.1", b"slice one")  # same bytes, rewritten
    assert store.series_fingerprint(TENANT, STUDY, SERIES) != before
    assert store.series_fingerprint(TENANT, STUDY, "no.such.series") is None


def test_a_damaged_volume_is_discarded(store: EncryptedStore):
    fp = store.series_fingerprint(TENANT, STUDY, SERIES)
    store.put_volume(TENANT, STUDY, SERIES, fp, [HEADER, memoryview(pixels())])
    path = volume_file(store)
    blob = bytearray(path.read_bytes())
    blob[-5] ^= 0x01
    path.write_bytes(bytes(blob))
    with pytest.raises(IntegrityError):
        store.get_volume(TENANT, STUDY, SERIES, fp)
    assert not path.exists()
    assert store.get_volume(TENANT, STUDY, SERIES, fp) is None
    assert store.get(TENANT, STUDY, SERIES, "1.2.3.4.5.1") == b"slice one"  # instances stay


def test_a_volume_moved_to_another_series_does_not_open(store: EncryptedStore):
    other = "1.2.3.4.6"
    store.put(TENANT, STUDY, other, "1.2.3.4.6.1", b"other")
    fp_a = store.series_fingerprint(TENANT, STUDY, SERIES)
    fp_b = store.series_fingerprint(TENANT, STUDY, other)
    store.put_volume(TENANT, STUDY, SERIES, fp_a, [b"A" * 100])
    store.put_volume(TENANT, STUDY, other, fp_b, [b"B" * 100])
    path_a, path_b = [p for p in (store.root / "volumes").rglob("*") if p.is_file()]
    a, b = path_a.read_bytes(), path_b.read_bytes()
    path_a.write_bytes(b)
    path_b.write_bytes(a)
    for series, fp in ((SERIES, fp_a), (other, fp_b)):
        with pytest.raises(IntegrityError):
            store.get_volume(TENANT, STUDY, series, fp)


def test_delete_study_removes_its_volumes(store: EncryptedStore):
    fp = store.series_fingerprint(TENANT, STUDY, SERIES)
    store.put_volume(TENANT, STUDY, SERIES, fp, [os.urandom(1000)])
    store.delete_study(TENANT, STUDY)
    assert [p for p in store.root.rglob("*") if p.is_file() and p.parent.name != "c"] == []
    assert store.usage() == 0
