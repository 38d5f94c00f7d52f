"""The encrypted object store that keeps downloaded DICOM instances on the reading PC.

Layout under ``root``::

    index.sqlite              opaque index (see ``index.py``)
    objects/ab/<64 hex>       one sealed instance; the name is an HMAC of its identity

Each instance is sealed with AES-256-GCM bound to its identity (``sealing.py``), so
neither file contents, file names nor the index reveal pixel data, UIDs or patient
attributes - KVKK art. 12 and GDPR art. 32 ask for exactly this kind of at-rest measure
for health data.

Integrity failures are signalled by raising: ``get`` raises ``IntegrityError`` when an
object is corrupted, truncated, tampered with or swapped with another slot. Returning
``None`` would make an attack or a failing disk look like an ordinary cache miss; the
exception lets the caller say so and fetch again. Before raising, the store removes the
file and its index row, so ``has`` turns false and the next download re-fetches it.

Files are written to a temporary name in their final folder and moved into place with
``os.replace``, which is atomic: a reader sees the old object, the new one, or none.
Files are not fsync'ed; a write torn by a power cut fails authentication and is simply
fetched again, which is cheaper than an fsync per slice.

The root must belong to one user and one key. Opening a root with another key drops the
objects written under the old key (nobody holding the new key could read them anyway),
so a session-only key (see ``keys.py``) should be given a root of its own.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path
from types import TracebackType

from workstation.cache.errors import IntegrityError
from workstation.cache.index import ObjectIndex
from workstation.cache.sealing import Identity, Sealer

log = logging.getLogger(__name__)


class EncryptedStore:
    """DICOM instances by (tenant, study, series, SOP instance UID), sealed at rest.

    Safe to use from several threads at once.
    """

    def __init__(self, root: Path, key: bytes) -> None:
        self._root = Path(root)
        self._objects = self._root / "objects"
        self._sealer = Sealer(key)
        self._root.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._objects.mkdir(mode=0o700, exist_ok=True)
        self._index = ObjectIndex(self._root / "index.sqlite")
        check = self._sealer.key_check()
        if not self._index.key_matches(check):
            dropped = self._index.reset(check)
            self._wipe_objects()
            log.info(
                "cache was written under another key; dropped %d unreadable objects", len(dropped)
            )

    @property
    def root(self) -> Path:
        return self._root

    # -- single objects -----------------------------------------------------------------
    def put(self, tenant: str, study_uid: str, series_uid: str, sop_uid: str, data: bytes) -> None:
        """Seal and store one instance, replacing any earlier copy."""
        identity = Identity(tenant, study_uid, series_uid, sop_uid)
        slot = self._sealer.slot(identity)
        self._write_atomically(self._path(slot), self._sealer.seal(identity, data))
        self._index.upsert(
            slot,
            tenant_tag=self._sealer.tag("tenant", tenant),
            study_tag=self._study_tag(tenant, study_uid),
            series_tag=self._series_tag(tenant, study_uid, series_uid),
            identity=self._sealer.seal_identity(identity, slot),
            size=len(data),
            now=time.time(),
        )

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
            self._index.remove([slot])
            return None
        try:
            data = self._sealer.open(identity, blob)
        except IntegrityError:
            self._discard(slot)
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
            for slot in damaged:
                self._discard(slot)
            log.warning("dropped %d cache index entries that failed authentication", len(damaged))
        return found

    def study_size(self, tenant: str, study_uid: str) -> int:
        """Total plaintext bytes cached for the study (each file adds 32 bytes of framing)."""
        return self._index.total_size(self._study_tag(tenant, study_uid))

    def delete_study(self, tenant: str, study_uid: str) -> None:
        """Remove every cached instance of the study, files and index rows."""
        rows = self._index.rows(self._study_tag(tenant, study_uid))
        for row in rows:
            self._path(row.slot).unlink(missing_ok=True)
        self._index.remove(row.slot for row in rows)

    def clear(self) -> None:
        """Remove everything the store holds; the key stays valid for new objects."""
        self._index.clear()
        self._wipe_objects()

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
    def _study_tag(self, tenant: str, study_uid: str) -> str:
        return self._sealer.tag("study", tenant, study_uid)

    def _series_tag(self, tenant: str, study_uid: str, series_uid: str) -> str:
        return self._sealer.tag("series", tenant, study_uid, series_uid)

    def _path(self, slot: str) -> Path:
        return self._objects / slot[:2] / slot

    def _discard(self, slot: str) -> None:
        self._path(slot).unlink(missing_ok=True)
        self._index.remove([slot])

    def _wipe_objects(self) -> None:
        shutil.rmtree(self._objects, ignore_errors=True)
        self._objects.mkdir(mode=0o700, parents=True, exist_ok=True)

    @staticmethod
    def _write_atomically(path: Path, blob: bytes) -> None:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)  # created 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
