"""The per-user data key of the encrypted cache, kept in the operating system's keychain.

A key written next to the data it protects would protect nothing, so the 256-bit key is
only ever held by the keychain (macOS Keychain, Windows Credential Locker, Secret
Service) through ``keyring``. When no keychain is usable the cache still works with a
key that lives in memory for this session only: cached images become unreadable when the
application exits, which costs a re-download but never leaves readable health data on
disk (KVKK art. 12 / GDPR art. 32, "appropriate technical measures").
"""

from __future__ import annotations

import base64
import binascii
import logging
import secrets
from dataclasses import dataclass, field

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringError, PasswordDeleteError

log = logging.getLogger(__name__)

SERVICE = "workstation-cache"
KEY_BYTES = 32  # AES-256, NIST SP 800-38D / SP 800-57 Part 1 security strength 256
# Stored as 44 base64 characters: far below Windows Credential Manager's 2560-byte limit
# (UTF-16: 88 bytes); larger secrets are split, see ``token_keychain.py``.

SESSION_ONLY_MESSAGE = (
    "No system keychain is available, so the image cache is encrypted with a key that "
    "exists only until you close the workstation. Studies you open will be downloaded "
    "again next time."
)
REPLACED_MESSAGE = (
    "The image cache key in the system keychain was unreadable and has been replaced. "
    "Previously cached studies will be downloaded again."
)

# Backends from keyrings.alt keep secrets in files (some in plain text); the whole point
# of the keychain is that the key is not a file beside the encrypted cache.
_FILE_BACKED_PREFIXES = ("keyrings.alt",)


@dataclass(frozen=True, slots=True)
class KeyResult:
    """The data key and whether it survives this session.

    ``message`` is empty when all is well; otherwise it is a sentence to show the user.
    The key is excluded from ``repr`` so it cannot leak into logs or tracebacks.
    """

    key: bytes = field(repr=False)
    persisted: bool
    message: str = ""


def load_or_create_key(user_ref: str, keyring_backend: KeyringBackend | None = None) -> KeyResult:
    """Return the cache key of ``user_ref``, creating and storing it on first use.

    The key is stored base64-encoded under service ``workstation-cache`` with
    ``user_ref`` as the username, so each reader on a shared PC has a separate key.
    ``keyring_backend`` replaces the system keychain (tests pass an in-memory one).
    """
    backend = keyring_backend if keyring_backend is not None else keyring.get_keyring()
    if not _usable(backend):
        return _session_key()
    try:
        stored = backend.get_password(SERVICE, user_ref)
    except Exception as exc:  # keychain plugins (D-Bus, Win32, ...) raise arbitrary types
        _log_backend_failure("read", exc)
        return _session_key()

    message = ""
    if stored is not None:
        key = _decode(stored)
        if key is not None:
            return KeyResult(key, True)
        log.warning("cache key in the keychain is malformed; replacing it")
        message = REPLACED_MESSAGE

    key = secrets.token_bytes(KEY_BYTES)
    encoded = base64.b64encode(key).decode("ascii")
    try:
        backend.set_password(SERVICE, user_ref, encoded)
        # Some backends accept a write and drop it; only a read-back proves persistence.
        confirmed = backend.get_password(SERVICE, user_ref) == encoded
    except Exception as exc:  # same reason as above
        _log_backend_failure("write", exc)
        return KeyResult(key, False, SESSION_ONLY_MESSAGE)
    if not confirmed:
        log.warning("keychain did not keep the cache key; using a session-only key")
        return KeyResult(key, False, SESSION_ONLY_MESSAGE)
    log.info("created a new cache key in the system keychain")
    return KeyResult(key, True, message)


def existing_key(user_ref: str, keyring_backend: KeyringBackend | None = None) -> bytes | None:
    """The key of ``user_ref`` if the keychain holds a valid one; never creates a key.

    Offline sign-in uses this: creating a key there would make the store drop every
    object cached under the real one. None when there is no usable keychain, no key,
    or the keychain fails.
    """
    backend = keyring_backend if keyring_backend is not None else keyring.get_keyring()
    if not _usable(backend):
        return None
    try:
        stored = backend.get_password(SERVICE, user_ref)
    except Exception as exc:  # keychain plugins (D-Bus, Win32, ...) raise arbitrary types
        _log_backend_failure("read", exc, "no cache key available")
        return None
    return None if stored is None else _decode(stored)


def forget_key(user_ref: str, keyring_backend: KeyringBackend | None = None) -> bool:
    """Delete the key of ``user_ref`` from the keychain (purge at sign-out). Whatever of
    the cache might survive on disk is unreadable without it. True when no key remains."""
    backend = keyring_backend if keyring_backend is not None else keyring.get_keyring()
    if not _usable(backend):
        return True
    try:
        backend.delete_password(SERVICE, user_ref)
    except PasswordDeleteError:
        pass  # there was no key
    except Exception as exc:  # same reason as above
        _log_backend_failure("delete", exc, "the cache key may remain")
        return False
    try:
        return backend.get_password(SERVICE, user_ref) is None
    except Exception as exc:  # same reason as above
        _log_backend_failure("read", exc, "the cache key may remain")
        return False


def _session_key() -> KeyResult:
    return KeyResult(secrets.token_bytes(KEY_BYTES), False, SESSION_ONLY_MESSAGE)


def _decode(stored: str) -> bytes | None:
    try:
        key = base64.b64decode(stored.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return None
    return key if len(key) == KEY_BYTES else None


def usable_backend(backend: KeyringBackend) -> bool:
    """True when ``backend`` is a real OS keychain (see ``_usable``); other keychain users
    (the session token) apply the same rule."""
    return _usable(backend)


def _usable(backend: KeyringBackend) -> bool:
    """False for the backends that cannot keep a secret, or keep it in a file."""
    if isinstance(backend, fail.Keyring | null.Keyring):
        log.warning("no system keychain backend; using a session-only cache key")
        return False
    members = backend.backends if isinstance(backend, chainer.ChainerBackend) else [backend]
    if not members:
        log.warning("no system keychain backend; using a session-only cache key")
        return False
    if any(type(b).__module__.startswith(_FILE_BACKED_PREFIXES) for b in members):
        log.warning("keychain backend stores secrets in files; using a session-only cache key")
        return False
    return True


def _log_backend_failure(
    action: str, exc: Exception, outcome: str = "using a session-only cache key"
) -> None:
    kind = "keychain error" if isinstance(exc, KeyringError) else "keychain backend failure"
    log.warning("%s on %s (%s); %s", kind, action, type(exc).__name__, outcome)
