"""The workstation's local audit queue: append-only, hash-chained and encrypted at rest.

Events (study opened, series viewed, exported...) are written here first and sent to the
hub in batches, so an access made offline is still reported once the hub is back. The
queue is evidence, so it is built like the hub's own trail:

* append-only: one line per record in ``audit-queue.log``, never rewritten; a record is
  only marked as sent (``sent_seq`` in the sealed head file);
* hash-chained: each record holds the SHA-256 of the previous record's hash and its own
  content, so a deleted, inserted or reordered record breaks the chain; the sealed head
  file holds the last sequence number and hash, so a cut-off tail is noticed as well;
* encrypted: each line is AES-256-GCM (NIST SP 800-38D) with a fresh 96-bit nonce and the
  sequence number as associated data, so an edited byte fails authentication. The records
  name study UIDs and the reader, which is personal data (KVKK art. 12, GDPR art. 32).

A queue whose file was tampered with is never repaired or silently dropped: it is moved
aside for inspection (``audit-queue.damaged-<time>``) and a new chain is started.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import struct
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from workstation.cache.files import write_atomically

log = logging.getLogger(__name__)

LOG_NAME = "audit-queue.log"
HEAD_NAME = "audit-queue.head"
GENESIS = "0" * 64
NONCE_BYTES = 12
_AAD_RECORD = b"workstation-audit/v1/record"
_AAD_HEAD = b"workstation-audit/v1/head"
ROTATE_BYTES = 256 * 1024


class QueueTamperedError(Exception):
    """The queue on disk is not what this workstation wrote; ``reason`` says what broke."""

    def __init__(self, reason: str, seq: int | None = None) -> None:
        super().__init__(reason if seq is None else f"{reason} (record {seq})")
        self.reason = reason
        self.seq = seq


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One event as queued. ``details`` holds no patient data (identifiers are UIDs)."""

    seq: int
    event: str
    at: float
    username: str
    workstation_id: str
    study_uid: str | None = None
    details: dict[str, str] = field(default_factory=dict)
    prev: str = GENESIS
    hash: str = ""

    def content(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "event": self.event, "at": self.at, "username": self.username,
            "workstation_id": self.workstation_id, "study_uid": self.study_uid,
            "details": dict(sorted(self.details.items())),
        }  # fmt: skip


def chain_hash(prev: str, content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(prev.encode("ascii") + canonical.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class _Head:
    anchor_seq: int = 0  # records up to here were rotated out of the file
    anchor_hash: str = GENESIS
    head_seq: int = 0
    head_hash: str = GENESIS
    sent_seq: int = 0


class AuditQueue:
    """The queue in ``folder``, sealed with the 256-bit ``key``. Thread-safe."""

    def __init__(self, folder: Path, key: bytes, *, clock: Any = time.time) -> None:
        if len(key) != 32:
            raise ValueError("the audit queue needs a 256-bit key")
        self.folder = Path(folder)
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._aead = AESGCM(key)
        self._clock = clock
        self._lock = threading.RLock()
        self._records: list[AuditRecord] = []
        self.damaged: str | None = None  # set when a tampered queue was moved aside
        try:
            self._head = self._read_head()
            self._records = self._load(self._head)
        except QueueTamperedError as err:
            self._set_aside(err)

    # -- writing --------------------------------------------------------------------------
    def append(self, event: str, *, username: str, workstation_id: str,
               study_uid: str | None = None, details: dict[str, str] | None = None,
               at: float | None = None) -> AuditRecord:
        """Add one record at the end of the chain and persist it before returning."""
        with self._lock:
            head = self._head
            draft = AuditRecord(
                seq=head.head_seq + 1, event=str(event),
                at=float(self._clock() if at is None else at), username=username,
                workstation_id=workstation_id, study_uid=study_uid,
                details={str(k): str(v) for k, v in (details or {}).items()},
                prev=head.head_hash,
            )  # fmt: skip
            record = AuditRecord(**{**_fields(draft), "hash": chain_hash(draft.prev, draft.content())})
            line = self._seal(record)
            with open(self._log_path, "ab") as fh:
                fh.write(line + b"\n")
                fh.flush()
                os.fsync(fh.fileno())
            head.head_seq, head.head_hash = record.seq, record.hash
            self._write_head()
            self._records.append(record)
            return record

    def pending(self, limit: int | None = None) -> list[AuditRecord]:
        """Records not yet acknowledged by the hub, oldest first."""
        with self._lock:
            unsent = [r for r in self._records if r.seq > self._head.sent_seq]
            return unsent if limit is None else unsent[:limit]

    def mark_sent(self, up_to_seq: int) -> None:
        """The hub stored every record up to ``up_to_seq``."""
        with self._lock:
            if up_to_seq <= self._head.sent_seq:
                return
            self._head.sent_seq = min(up_to_seq, self._head.head_seq)
            self._write_head()
            self._rotate_if_done()

    @property
    def head_seq(self) -> int:
        return self._head.head_seq

    @property
    def sent_seq(self) -> int:
        return self._head.sent_seq

    def records(self) -> list[AuditRecord]:
        with self._lock:
            return list(self._records)

    # -- checking -------------------------------------------------------------------------
    def verify(self) -> None:
        """Re-read the file and the head; raises QueueTamperedError when anything was altered,
        deleted, inserted or reordered since this workstation wrote it."""
        with self._lock:
            self._load(self._read_head())

    # -- internals ------------------------------------------------------------------------
    @property
    def _log_path(self) -> Path:
        return self.folder / LOG_NAME

    @property
    def _head_path(self) -> Path:
        return self.folder / HEAD_NAME

    def _seal(self, record: AuditRecord) -> bytes:
        plain = json.dumps({**record.content(), "prev": record.prev, "hash": record.hash},
                           separators=(",", ":")).encode("utf-8")
        nonce = os.urandom(NONCE_BYTES)
        aad = _AAD_RECORD + struct.pack(">Q", record.seq)
        return base64.b64encode(nonce + self._aead.encrypt(nonce, plain, aad))

    def _open(self, line: bytes, seq: int) -> AuditRecord:
        try:
            blob = base64.b64decode(line, validate=True)
            plain = self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:],
                                       _AAD_RECORD + struct.pack(">Q", seq))
            data = json.loads(plain)
            return AuditRecord(
                seq=int(data["seq"]), event=str(data["event"]), at=float(data["at"]),
                username=str(data["username"]), workstation_id=str(data["workstation_id"]),
                study_uid=data["study_uid"], details=dict(data["details"]),
                prev=str(data["prev"]), hash=str(data["hash"]),
            )  # fmt: skip
        except (InvalidTag, ValueError, KeyError, TypeError):
            raise QueueTamperedError("record altered, missing or out of order", seq) from None

    def _load(self, head: _Head) -> list[AuditRecord]:
        records: list[AuditRecord] = []
        seq, prev = head.anchor_seq, head.anchor_hash
        try:
            lines = [ln for ln in self._log_path.read_bytes().split(b"\n") if ln.strip()]
        except FileNotFoundError:
            lines = []
        for line in lines:
            seq += 1
            record = self._open(line.strip(), seq)
            if record.seq != seq or record.prev != prev:
                raise QueueTamperedError("chain broken: a record is missing or out of order", seq)
            if chain_hash(record.prev, record.content()) != record.hash:
                raise QueueTamperedError("record content does not match its hash", seq)
            records.append(record)
            prev = record.hash
        if (seq, prev) != (head.head_seq, head.head_hash):
            raise QueueTamperedError("records are missing at the end of the queue", seq + 1)
        return records

    def _read_head(self) -> _Head:
        try:
            blob = base64.b64decode(self._head_path.read_bytes(), validate=True)
        except FileNotFoundError:
            if self._log_path.exists() and self._log_path.stat().st_size:
                raise QueueTamperedError("the queue's head record is missing") from None
            return _Head()
        except ValueError:
            raise QueueTamperedError("the queue's head record is unreadable") from None
        try:
            plain = self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], _AAD_HEAD)
            return _Head(**json.loads(plain))
        except (InvalidTag, ValueError, TypeError):
            raise QueueTamperedError("the queue's head record is unreadable") from None

    def _write_head(self) -> None:
        plain = json.dumps(_head_fields(self._head)).encode("utf-8")
        nonce = os.urandom(NONCE_BYTES)
        blob = base64.b64encode(nonce + self._aead.encrypt(nonce, plain, _AAD_HEAD))
        write_atomically(self._head_path, lambda fh: fh.write(blob))

    def _rotate_if_done(self) -> None:
        """Once the hub holds every record, start a fresh file; the chain goes on from the
        anchor kept in the head, so a record cannot be slipped in at the seam either."""
        head = self._head
        if head.sent_seq != head.head_seq:
            return
        try:
            size = self._log_path.stat().st_size
        except FileNotFoundError:
            return
        if size < ROTATE_BYTES:
            return
        head.anchor_seq, head.anchor_hash = head.head_seq, head.head_hash
        self._write_head()
        self._log_path.unlink()
        self._records = []

    def _set_aside(self, err: QueueTamperedError) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        for name in (LOG_NAME, HEAD_NAME):
            path = self.folder / name
            if path.exists():
                path.rename(self.folder / f"{name}.damaged-{stamp}")
        log.error("local audit queue failed its integrity check (%s); kept aside, new chain "
                  "started", err.reason)
        self.damaged = str(err)
        self._head = _Head()
        self._records = []


def _fields(record: AuditRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in AuditRecord.__slots__}


def _head_fields(head: _Head) -> dict[str, Any]:
    return {name: getattr(head, name) for name in _Head.__slots__}
