"""Reading without the hub: unlocking the local cache with the password of an earlier sign-in.

A teleradiologist on a train or a failing home line must still reach the studies already
on the laptop. After every successful online sign-in the workstation keeps, sealed in
the user's encrypted cache (``EncryptedStore.records``):

* a verifier of the password - scrypt (RFC 7914) with a random salt and OWASP's
  parameters (N=2**17, r=8, p=1: 128 MiB, a few tenths of a second), never the password
  itself;
* the last worklist snapshot, so the reader sees what was assigned.

Unlocking offline needs both factors the machine can check alone: the cache key from
the OS keychain (only the signed-in OS user can read it) and the password, checked
against the verifier. The key is only ever *read* here: creating one would make the
store drop everything cached under the real key.

All of this is health data or guards it, hence sealed with the cache key (KVKK art. 12,
GDPR art. 32); nothing here logs a username, password or patient attribute.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from keyring.backend import KeyringBackend

from workstation.cache.errors import IntegrityError
from workstation.cache.keys import existing_key
from workstation.cache.retention import CachePolicy
from workstation.cache.store import CachedStudy, EncryptedStore
from workstation.core.study import Priority, StudyStatus, UserInfo, WorklistItem

log = logging.getLogger(__name__)

VERIFIER_RECORD = "offline-verifier"
SNAPSHOT_RECORD = "worklist-snapshot"
FORMAT = 1
SALT_BYTES = 16


@dataclass(frozen=True, slots=True)
class ScryptParams:
    """Cost of the verifier; stored with it, so raising the defaults later keeps older
    verifiers usable until the next online sign-in rewrites them."""

    n: int = 2**17
    r: int = 8
    p: int = 1
    length: int = 32


class OfflineReason(StrEnum):
    NO_KEY = "no_key"  # the keychain has no cache key for this user on this machine
    NEVER_SIGNED_IN = "never_signed_in"  # no verifier: never signed in online here
    WRONG_PASSWORD = "wrong_password"  # noqa: S105 - a reason code, not a secret
    DAMAGED = "damaged"  # the verifier failed authentication and was discarded


class OfflineUnlockError(Exception):
    """Offline unlock refused; ``reason`` says why, for the sign-in dialog."""

    def __init__(self, reason: OfflineReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(slots=True)
class OfflineSession:
    """An unlocked cache: the open store, who signed in last time and what they had."""

    store: EncryptedStore
    user: UserInfo | None
    worklist: list[WorklistItem] = field(default_factory=list)
    snapshot_time: float | None = None

    def cached_studies(self) -> list[CachedStudy]:
        """Every study an offline reader can open."""
        return self.store.cached_studies()


# -- after an online sign-in -------------------------------------------------------------
def remember_sign_in(store: EncryptedStore, username: str, password: str,
                     user: UserInfo | None = None, params: ScryptParams | None = None) -> None:
    """Keep a scrypt verifier of ``password`` (and the user's profile) for offline
    unlocking. Call after every successful online sign-in: a password changed on the hub
    then replaces the old verifier."""
    params = params or ScryptParams()
    salt = os.urandom(SALT_BYTES)
    digest = _kdf(salt, params).derive(password.encode("utf-8"))
    record = {
        "format": FORMAT,
        "username": username,
        "salt": _b64(salt),
        "scrypt": dataclasses.asdict(params),
        "digest": _b64(digest),
        "user": None if user is None else encode_record(user),
        "saved_at": time.time(),
    }
    store.records.put(VERIFIER_RECORD, json.dumps(record).encode("utf-8"))


def save_worklist_snapshot(store: EncryptedStore, items: Sequence[WorklistItem],
                           now: float | None = None) -> None:
    """Keep the worklist as last seen online, for reading offline."""
    record = {"format": FORMAT, "saved_at": time.time() if now is None else now,
              "items": [encode_record(item) for item in items]}
    store.records.put(SNAPSHOT_RECORD, json.dumps(record).encode("utf-8"))


def load_worklist_snapshot(store: EncryptedStore) -> tuple[list[WorklistItem], float | None]:
    """The last snapshot and when it was taken; empty when there is none (or it was
    damaged, in which case the store has discarded it)."""
    try:
        raw = store.records.get(SNAPSHOT_RECORD)
    except IntegrityError:
        return [], None
    if raw is None:
        return [], None
    try:
        data = json.loads(raw)
        return [decode_item(i) for i in data["items"]], float(data["saved_at"])
    except (ValueError, KeyError, TypeError):
        log.warning("the worklist snapshot could not be read")
        return [], None


# -- offline -----------------------------------------------------------------------------
def unlock_offline(root: Path, user_ref: str, username: str, password: str, *,
                   keyring_backend: KeyringBackend | None = None,
                   policy: CachePolicy | None = None) -> OfflineSession:
    """Open the cache at ``root`` (the same folder the online session uses) for
    ``username`` when the hub is unreachable. ``user_ref`` names the keychain entry
    (as in ``load_or_create_key``). Raises ``OfflineUnlockError``."""
    key = existing_key(user_ref, keyring_backend)
    if key is None:
        raise OfflineUnlockError(OfflineReason.NO_KEY)
    if not (Path(root) / "index.sqlite").is_file():
        raise OfflineUnlockError(OfflineReason.NEVER_SIGNED_IN)
    store = EncryptedStore(Path(root), key, policy)
    try:
        user = _check(store, username, password)
    except BaseException:
        store.close()
        raise
    worklist, taken = load_worklist_snapshot(store)
    log.info("cache unlocked offline")
    return OfflineSession(store, user, worklist, taken)


def _check(store: EncryptedStore, username: str, password: str) -> UserInfo | None:
    try:
        raw = store.records.get(VERIFIER_RECORD)
    except IntegrityError:
        raise OfflineUnlockError(OfflineReason.DAMAGED) from None
    if raw is None:
        raise OfflineUnlockError(OfflineReason.NEVER_SIGNED_IN)
    try:
        record = json.loads(raw)
        params = ScryptParams(**record["scrypt"])
        salt, digest = _unb64(record["salt"]), _unb64(record["digest"])
        stored_user = record["username"]
        profile = record.get("user")
    except (ValueError, KeyError, TypeError):
        raise OfflineUnlockError(OfflineReason.DAMAGED) from None
    try:
        _kdf(salt, params).verify(password.encode("utf-8"), digest)
    except InvalidKey:
        raise OfflineUnlockError(OfflineReason.WRONG_PASSWORD) from None
    if stored_user != username:  # same answer as a wrong password: reveal nothing
        raise OfflineUnlockError(OfflineReason.WRONG_PASSWORD)
    return None if profile is None else _decode_user(profile)


def _kdf(salt: bytes, params: ScryptParams) -> Scrypt:
    return Scrypt(salt=salt, length=params.length, n=params.n, r=params.r, p=params.p)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# -- JSON of core dataclasses --------------------------------------------------------------
def encode_record(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, datetime):
            value = {"$datetime": value.isoformat()}
        elif isinstance(value, date):
            value = {"$date": value.isoformat()}
        elif isinstance(value, StrEnum):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, dict) and "$datetime" in value:
        return datetime.fromisoformat(value["$datetime"])
    if isinstance(value, dict) and "$date" in value:
        return date.fromisoformat(value["$date"])
    return value


def decode_item(data: dict[str, Any]) -> WorklistItem:
    names = {f.name for f in dataclasses.fields(WorklistItem)}
    values = {k: _plain(v) for k, v in data.items() if k in names}
    values["priority"] = Priority(values["priority"])
    values["status"] = StudyStatus(values["status"])
    return WorklistItem(**values)


def _decode_user(data: dict[str, Any]) -> UserInfo:
    names = {f.name for f in dataclasses.fields(UserInfo)}
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in names}
    return UserInfo(**values)
