"""The hub session's refresh token in the operating system's keychain.

A refresh token lets whoever holds it read patient data for a day, so it is kept where the
cache key is kept (``keys.py``): in the OS keychain, never in a settings file. With no
usable keychain it is simply not kept: the reader signs in again next time, and the
workstation says so once.

Windows Credential Manager stores at most 2560 bytes per credential
(``CRED_MAX_CREDENTIAL_BLOB_SIZE``), and keyring writes the secret as UTF-16, so one entry
holds at most 1280 characters. A longer token (a JWT with many claims easily exceeds that)
is split into numbered parts under ``<user>#1``, ``<user>#2``..., with a header entry naming
the count and a digest of the whole, so a half-written or mixed-up set is never used. A
token too large even for that is refused with a clear message rather than truncated.
"""

from __future__ import annotations

import hashlib
import logging

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from workstation.cache.keys import usable_backend

log = logging.getLogger(__name__)

SERVICE = "workstation-session"
WINDOWS_BLOB_BYTES = 2560
BYTES_PER_CHAR = 2  # keyring's Windows backend stores UTF-16
CHUNK_CHARS = 1000  # below 2560 / 2 with room to spare
MAX_PARTS = 16
_HEADER = "parts:v1"

NO_KEYCHAIN_MESSAGE = (
    "No system keychain is available, so your sign-in is not remembered: you will sign in "
    "with password and code again next time. Nothing was written to disk."
)
TOO_LARGE_MESSAGE = (
    "The hub's session token is too large for the system keychain, so your sign-in is not "
    "remembered: you will sign in again next time."
)


def fits_one_entry(secret: str) -> bool:
    return len(secret.encode("utf-16-le")) <= WINDOWS_BLOB_BYTES and len(secret) <= CHUNK_CHARS


def save_refresh_token(user_ref: str, token: str,
                       keyring_backend: KeyringBackend | None = None) -> str:
    """Keep ``token`` for ``user_ref`` (``user@hub-host``). Returns "" when kept, else the
    sentence to show the reader. Never writes anything outside the keychain."""
    backend = keyring_backend if keyring_backend is not None else keyring.get_keyring()
    if not usable_backend(backend):
        return NO_KEYCHAIN_MESSAGE
    if not token.isascii():
        return TOO_LARGE_MESSAGE  # tokens are base64url; anything else is not ours to keep
    parts = [token[i:i + CHUNK_CHARS] for i in range(0, len(token), CHUNK_CHARS)] or [""]
    if len(parts) > MAX_PARTS:
        log.warning("refresh token of %d characters is too large for the keychain", len(token))
        _delete_all(backend, user_ref)
        return TOO_LARGE_MESSAGE
    try:
        old = _part_count(backend.get_password(SERVICE, user_ref))
        for number, part in enumerate(parts, 1):
            backend.set_password(SERVICE, f"{user_ref}#{number}", part)
        backend.set_password(SERVICE, user_ref, _header(len(parts), token))
        for number in range(len(parts) + 1, old + 1):
            _delete(backend, f"{user_ref}#{number}")
    except Exception as exc:  # keychain plugins raise arbitrary types
        log.warning("keychain refused the session token (%s)", type(exc).__name__)
        return NO_KEYCHAIN_MESSAGE
    return ""


def load_refresh_token(user_ref: str, keyring_backend: KeyringBackend | None = None) -> str | None:
    """The kept token, or None (none kept, no keychain, or the parts do not add up)."""
    backend = keyring_backend if keyring_backend is not None else keyring.get_keyring()
    if not usable_backend(backend):
        return None
    try:
        header = backend.get_password(SERVICE, user_ref)
        count = _part_count(header)
        if header is None or count == 0:
            return None
        parts = [backend.get_password(SERVICE, f"{user_ref}#{n}") for n in range(1, count + 1)]
    except Exception as exc:  # same reason as above
        log.warning("keychain could not be read (%s)", type(exc).__name__)
        return None
    if any(p is None for p in parts):
        log.warning("kept session token is incomplete; ignored")
        return None
    token = "".join(p for p in parts if p is not None)
    if _header(count, token) != header:
        log.warning("kept session token does not match its digest; ignored")
        return None
    return token


def forget_refresh_token(user_ref: str, keyring_backend: KeyringBackend | None = None) -> None:
    """Remove every entry of ``user_ref`` (sign-out, session lost)."""
    backend = keyring_backend if keyring_backend is not None else keyring.get_keyring()
    if usable_backend(backend):
        _delete_all(backend, user_ref)


def _header(count: int, token: str) -> str:
    digest = hashlib.sha256(token.encode("ascii")).hexdigest()[:32]
    return f"{_HEADER}:{count}:{digest}"


def _part_count(header: str | None) -> int:
    if not header or not header.startswith(_HEADER + ":"):
        return 0
    try:
        count = int(header.split(":")[2])
    except (IndexError, ValueError):
        return 0
    return count if 0 < count <= MAX_PARTS else 0


def _delete(backend: KeyringBackend, username: str) -> None:
    try:
        backend.delete_password(SERVICE, username)
    except PasswordDeleteError:
        pass


def _delete_all(backend: KeyringBackend, user_ref: str) -> None:
    try:
        count = _part_count(backend.get_password(SERVICE, user_ref))
        _delete(backend, user_ref)
        for number in range(1, max(count, MAX_PARTS) + 1):
            _delete(backend, f"{user_ref}#{number}")
    except Exception as exc:  # same reason as above
        log.warning("keychain entry could not be removed (%s)", type(exc).__name__)
