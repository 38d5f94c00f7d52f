"""Small named records sealed with the cache key: the offline sign-in verifier and the last
worklist snapshot.

They hold health data (a worklist names patients) or protect access to it, so they get the
same at-rest treatment as images (KVKK art. 12, GDPR art. 32): AES-256-GCM under the
user's cache key, the record's name as associated data, and a file name that is an HMAC
of that name. Records are few and small, so they are not in the SQLite index and never
count against the image budget; ``clear`` and a purge remove them with everything else.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from workstation.cache.errors import IntegrityError
from workstation.cache.files import write_atomically
from workstation.cache.sealing import Sealer

log = logging.getLogger(__name__)


class RecordShelf:
    """Sealed records by name, under ``folder``. Thread-safe (each call is one file)."""

    def __init__(self, folder: Path, sealer: Sealer) -> None:
        self._folder = folder
        self._sealer = sealer
        self._folder.mkdir(mode=0o700, parents=True, exist_ok=True)

    def put(self, name: str, data: bytes) -> None:
        blob = self._sealer.seal_segment(self._aad(name), data)
        write_atomically(self._path(name), lambda fh: fh.write(blob))

    def get(self, name: str) -> bytes | None:
        """The record, or None when absent. A record that fails authentication is
        deleted and ``IntegrityError`` raised: a tampered verifier must not unlock."""
        path = self._path(name)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return self._sealer.open_segment(self._aad(name), blob)
        except IntegrityError:
            path.unlink(missing_ok=True)
            log.warning("a cached record failed authentication and was discarded")
            raise

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)

    def clear(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)
        self._folder.mkdir(mode=0o700, parents=True, exist_ok=True)

    def _aad(self, name: str) -> bytes:
        return self._sealer.segment_aad("record", name)

    def _path(self, name: str) -> Path:
        return self._folder / self._sealer.tag("record", name)
