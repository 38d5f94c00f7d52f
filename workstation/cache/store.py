"""The encrypted object store that keeps downloaded DICOM instances on the reading PC.

Layout under ``root``::

    index.sqlite              opaque index (see ``index.py``)
    objects/ab/<64 hex>       one sealed instance; the name is an HMAC of its identity
    volumes/ab/<64 hex>       one sealed decoded series (see ``volumes.py``)
    records/<64 hex>          small sealed records (see ``records.py``)

Each instance is sealed with AES-256-GCM bound to its identity (``sealing.py``), so
neither file contents, file names nor the index reveal pixel data, UIDs or patient
attributes - KVKK art. 12 and GDPR art. 32 ask for exactly this kind of at-rest measure
for health data.

Integrity failures are signalled by raising: ``get`` raises ``IntegrityError`` when an
object is corrupted, truncated, tampered with or swapped with another slot. Returning
``None`` would make an attack or a failing disk look like an ordinary cache miss; the
exception lets the caller say so and fetch again. Before raising, the store removes the
file and its index row, so ``has`` turns false and the next download re-fetches it.

Size and age are bounded by a :class:`CachePolicy` (``retention.py``): every write that
takes the cache over budget evicts the least recently used studies, except those pinned
as open in the viewer; ``enforce_policy`` (run at opening) also deletes studies past the
retention period and files that no index row knows.

The root must belong to one user and one key. Opening a root with another key drops the
objects written under the old key (nobody holding the new key could read them anyway),
so a session-only key (see ``keys.py``) should be given a root of its own.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from workstation.cache import volumes
from workstation.cache.errors import IntegrityError
from workstation.cache.files import TEMP_PREFIX, write_atomically, write_bytes_atomically
from workstation.cache.index import ObjectIndex
from workstation.cache.records import RecordShelf
from workstation.cache.retention import Budget, CachePolicy
from workstation.cache.sealing import OVERHEAD, Identity, Sealer

log = logging.getLogger(__name__)

ORPHAN_AGE_SECONDS = 600.0
SCRATCH_MAX_BYTES = 16 * 1024 * 1024  # per-thread sealing buffer: covers CT/MR/CR slices
TAG_CACHE_SIZE = 4096


@dataclass(frozen=True, slots=True)
class CachedStudy:
    """A study with something in the cache, for the offline worklist and cache settings."""

    tenant: str
    study_uid: str
    size: int
    instances: int
    last_access: float
    pinned: bool


@dataclass(frozen=True, slots=True)
class PolicyReport:
    """What one ``enforce_policy`` run removed (counts only: nothing identifying)."""

    evicted_studies: int = 0
    expired_studies: int = 0
    orphan_files: int = 0
    freed_bytes: int = 0


class EncryptedStore:
    """DICOM instances by (tenant, study, series, SOP instance UID), sealed at rest, plus
    decoded volumes and small records. Safe to use from several threads at once."""

    def __init__(self, root: Path, key: bytes, policy: CachePolicy | None = None) -> None:
        self._root = Path(root)
        self._objects = self._root / "objects"
        self._volumes = self._root / "volumes"
        self._sealer = Sealer(key)
        # Study, series and tenant names repeat for every instance of a download; the
        # cache lives in memory only, as the UIDs themselves do.
        self._tag = functools.lru_cache(maxsize=TAG_CACHE_SIZE)(self._sealer.tag)
        self._scratch_local = threading.local()
        self._root.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(self._root, 0o700)  # private even if the folder existed before
        for folder in (self._objects, self._volumes):
            folder.mkdir(mode=0o700, exist_ok=True)
        self.records = RecordShelf(self._root / "records", self._sealer)
        self._folders: set[Path] = set()  # object folders known to exist
        self._index = ObjectIndex(self._root / "index.sqlite")
        check = self._sealer.key_check()
        if not self._index.key_matches(check):
            dropped = self._index.reset(check)
            self._wipe_files()
            log.info(
                "cache was written under another key; dropped %d unreadable objects", len(dropped)
            )
        self._budget = Budget(policy or CachePolicy(), self._index.usage(),
                              self._index.studies, self._drop_study)
        self.enforce_policy()

    @property
    def root(self) -> Path:
        return self._root

    @property
    def policy(self) -> CachePolicy:
        return self._budget.policy

    def set_policy(self, policy: CachePolicy) -> PolicyReport:
        """Adopt a new budget / retention (from the settings) and apply it at once."""
        self._budget.policy = policy
        return self.enforce_policy()

    # -- single objects -----------------------------------------------------------------
    def put(self, tenant: str, study_uid: str, series_uid: str, sop_uid: str,
            data: bytes | bytearray) -> None:
        """Seal and store one instance, replacing any earlier copy; evicts other studies
        when this takes the cache over budget."""
        identity = Identity(tenant, study_uid, series_uid, sop_uid)
        slot = self._sealer.slot(identity)
        sealed = self._scratch(OVERHEAD + len(data))
        try:
            self._sealer.seal_into(identity, data, sealed)
            write_bytes_atomically(self._path(slot), sealed, self._folders)
        finally:
            sealed.release()
        replaced = self._index.upsert(
            slot,
            tenant_tag=self._tag("tenant", tenant),
            study_tag=self._study_tag(tenant, study_uid),
            series_tag=self._series_tag(tenant, study_uid, series_uid),
            identity=self._sealer.seal_identity(identity, slot),
            size=len(data),
            now=time.time(),
        )
        self._budget.grow(len(data) - replaced)

    def get(self, tenant: str, study_uid: str, series_uid: str, sop_uid: str) -> bytes | None:
        """The instance bytes, or ``None`` when not cached.

        Raises ``IntegrityError`` (after discarding the object) when it fails
        authentication; the caller fetches it again.
        """
        identity = Identity(tenant, study_uid, series_uid, sop_uid)
        slot = self._sealer.slot(identity)
        if not self._index.contains(slot):
            return None
        try:
            blob = self._path(slot).read_bytes()
        except FileNotFoundError:
            self._discard([slot])
            return None
        try:
            data = self._sealer.open(identity, blob)
        except IntegrityError:
            self._discard([slot])
            log.warning("a cached object failed authentication and was discarded")
            raise
        self._index.touch(slot, time.time())
        return data

    def has(self, tenant: str, study_uid: str, series_uid: str, sop_uid: str) -> bool:
        """Whether the instance is cached. Cheap: checks the index and the file, it does
        not decrypt (damage is detected by ``get``)."""
        slot = self._sealer.slot(Identity(tenant, study_uid, series_uid, sop_uid))
        return self._index.contains(slot) and self._path(slot).is_file()

    # -- studies ------------------------------------------------------------------------
    def list_instances(
        self, tenant: str, study_uid: str, series_uid: str | None = None
    ) -> list[tuple[str, str]]:
        """(series UID, SOP instance UID) of the study's cached instances, oldest first;
        only one series when ``series_uid`` is given. Index entries whose sealed identity
        fails authentication are dropped together with their object."""
        series_tag = None if series_uid is None else self._series_tag(tenant, study_uid, series_uid)
        rows = self._index.rows(self._study_tag(tenant, study_uid), series_tag)
        found: list[tuple[str, str]] = []
        damaged: list[str] = []
        for row in rows:
            try:
                identity = self._sealer.open_identity(row.identity, row.slot)
            except IntegrityError:
                damaged.append(row.slot)
                continue
            if identity.tenant == tenant and identity.study_uid == study_uid:
                found.append((identity.series_uid, identity.sop_uid))
        if damaged:
            self._discard(damaged)
            log.warning("dropped %d cache index entries that failed authentication", len(damaged))
        return found

    def study_size(self, tenant: str, study_uid: str) -> int:
        """Total plaintext bytes cached for the study's instances (each file adds 32 bytes
        of framing; decoded volumes are not counted here, but are in ``usage``)."""
        return self._index.total_size(self._study_tag(tenant, study_uid))

    def cached_studies(self) -> list[CachedStudy]:
        """Every study with cached instances, most recently used first: what an offline
        reader can open."""
        pinned = self._budget.pinned()
        found: list[CachedStudy] = []
        for usage in reversed(self._index.studies()):
            if usage.sample is None:
                continue
            try:
                who = self._sealer.open_identity(usage.sample.identity, usage.sample.slot)
            except IntegrityError:
                self._discard([usage.sample.slot])
                continue
            found.append(CachedStudy(who.tenant, who.study_uid, usage.size, usage.instances,
                                     usage.last_access, usage.study_tag in pinned))
        return found

    def delete_study(self, tenant: str, study_uid: str) -> None:
        """Remove every cached instance and volume of the study, files and index rows."""
        self._discard(self._index.study_slots(self._study_tag(tenant, study_uid)))

    # -- open studies -------------------------------------------------------------------
    def pin_study(self, tenant: str, study_uid: str) -> None:
        """Mark the study open in a viewer: eviction and retention leave it alone until
        every pin is released with ``unpin_study`` (pins are counted, per process)."""
        self._budget.pin(self._study_tag(tenant, study_uid))

    def unpin_study(self, tenant: str, study_uid: str) -> None:
        self._budget.unpin(self._study_tag(tenant, study_uid))

    def is_pinned(self, tenant: str, study_uid: str) -> bool:
        return self._budget.is_pinned(self._study_tag(tenant, study_uid))

    # -- budget and retention -----------------------------------------------------------
    def usage(self) -> int:
        """Bytes held: instances plus decoded volumes."""
        return self._budget.usage

    def enforce_policy(self, now: float | None = None) -> PolicyReport:
        """Delete studies past retention, evict down to the budget and sweep orphan files
        (left by a crash between writing a file and indexing it)."""
        before = self._budget.usage
        expired, evicted = self._budget.enforce(time.time() if now is None else now)
        orphans = self._sweep_orphans()
        if expired or evicted or orphans:
            log.info("cache policy: %d studies expired, %d evicted, %d orphan files removed",
                     expired, evicted, orphans)
        return PolicyReport(evicted, expired, orphans, before - self._budget.usage)

    def _drop_study(self, study_tag: str) -> None:
        self._discard(self._index.study_slots(study_tag))

    def _sweep_orphans(self) -> int:
        """Files without an index row, older than ORPHAN_AGE_SECONDS so that a write in
        progress (file first, then row) is never taken for an orphan."""
        known = self._index.all_slots()
        cutoff = time.time() - ORPHAN_AGE_SECONDS
        removed = 0
        for folder in (self._objects, self._volumes):
            for path in folder.glob("*/*"):
                if path.name in known and not path.name.startswith(TEMP_PREFIX):
                    continue
                try:
                    if path.stat().st_mtime < cutoff:
                        path.unlink()
                        removed += 1
                except FileNotFoundError:
                    continue
        return removed

    # -- decoded volumes ----------------------------------------------------------------
    def series_fingerprint(self, tenant: str, study_uid: str, series_uid: str) -> str | None:
        """Changes whenever an instance of the series is added, replaced or removed; a
        decoded volume is valid only for the fingerprint it was stored with."""
        return self._index.series_fingerprint(self._series_tag(tenant, study_uid, series_uid))

    def put_volume(self, tenant: str, study_uid: str, series_uid: str, fingerprint: str,
                   parts: Sequence[volumes.Part]) -> None:
        """Seal a decoded series (header and pixel buffers) for ``fingerprint``."""
        slot = self._volume_slot(tenant, study_uid, series_uid)
        aad = self._volume_aad(tenant, study_uid, series_uid, fingerprint)
        written: list[int] = []
        write_atomically(self._volume_path(slot),
                         lambda fh: written.append(volumes.write_parts(fh, self._sealer, aad,
                                                                       parts)))
        replaced = self._index.upsert_volume(
            slot, study_tag=self._study_tag(tenant, study_uid),
            series_tag=self._series_tag(tenant, study_uid, series_uid),
            fingerprint=fingerprint, size=written[0], now=time.time(),
        )
        self._budget.grow(written[0] - replaced)

    def get_volume(self, tenant: str, study_uid: str, series_uid: str, fingerprint: str,
                   allocate: volumes.Allocate = bytearray) -> list[Any] | None:
        """The parts given to ``put_volume``, each in a buffer from ``allocate`` (see
        ``volumes.read_parts``), or None when there is no volume for this fingerprint (a
        stale one is deleted). Raises ``IntegrityError`` after discarding a damaged
        volume."""
        slot = self._volume_slot(tenant, study_uid, series_uid)
        stored = self._index.volume_fingerprint(slot)
        if stored is None:
            return None
        if stored != fingerprint:
            self._discard([slot])
            return None
        aad = self._volume_aad(tenant, study_uid, series_uid, fingerprint)
        try:
            with open(self._volume_path(slot), "rb") as fh:
                parts = volumes.read_parts(fh, self._sealer, aad,
                                           os.fstat(fh.fileno()).st_size, allocate)
        except FileNotFoundError:
            self._discard([slot])
            return None
        except IntegrityError:
            self._discard([slot])
            log.warning("a cached volume failed authentication and was discarded")
            raise
        self._index.touch_volume(slot, time.time())
        return parts

    def delete_volume(self, tenant: str, study_uid: str, series_uid: str) -> None:
        self._discard([self._volume_slot(tenant, study_uid, series_uid)])

    # -- whole store --------------------------------------------------------------------
    def clear(self) -> None:
        """Remove everything the store holds (instances, volumes, records); the key stays
        valid for new objects. What "Clear local cache" does."""
        self._index.clear()
        self._wipe_files()
        self._budget.reset()

    def destroy(self) -> None:
        """Close the store and delete its whole folder (purge at sign-out)."""
        self.close()
        shutil.rmtree(self._root, ignore_errors=True)

    def close(self) -> None:
        self._index.close()

    def __enter__(self) -> EncryptedStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- internals ----------------------------------------------------------------------
    def _scratch(self, size: int) -> memoryview:
        """A ``size``-byte view of this thread's sealing buffer. Every download worker
        seals and writes hundreds of objects: reusing one buffer spares an allocation and
        the zeroing of every byte per object. Objects above ``SCRATCH_MAX_BYTES`` get a
        buffer of their own, so that an odd huge instance is not kept alive per thread.
        The buffer only ever holds sealed bytes, never plaintext."""
        if size > SCRATCH_MAX_BYTES:
            return memoryview(bytearray(size))
        buffer: bytearray | None = getattr(self._scratch_local, "buffer", None)
        if buffer is None or len(buffer) < size:
            buffer = bytearray(min(max(size, 2 * len(buffer or b"")), SCRATCH_MAX_BYTES))
            self._scratch_local.buffer = buffer
        return memoryview(buffer)[:size]

    def _study_tag(self, tenant: str, study_uid: str) -> str:
        return self._tag("study", tenant, study_uid)

    def _series_tag(self, tenant: str, study_uid: str, series_uid: str) -> str:
        return self._tag("series", tenant, study_uid, series_uid)

    def _volume_slot(self, tenant: str, study_uid: str, series_uid: str) -> str:
        return self._sealer.tag("volume", tenant, study_uid, series_uid)

    def _volume_aad(self, tenant: str, study_uid: str, series_uid: str, fingerprint: str) -> bytes:
        return self._sealer.segment_aad("volume", tenant, study_uid, series_uid, fingerprint)

    def _path(self, slot: str) -> Path:
        return self._objects / slot[:2] / slot

    def _volume_path(self, slot: str) -> Path:
        return self._volumes / slot[:2] / slot

    def _discard(self, slots: Sequence[str]) -> int:
        """Delete files and rows; returns the bytes freed."""
        for slot in slots:
            self._path(slot).unlink(missing_ok=True)
            self._volume_path(slot).unlink(missing_ok=True)
        freed = self._index.remove(slots)
        self._budget.shrink(freed)
        return freed

    def _wipe_files(self) -> None:
        self._folders.clear()
        for folder in (self._objects, self._volumes):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.records.clear()
