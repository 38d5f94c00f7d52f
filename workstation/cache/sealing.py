"""Cryptography of the cache: sub-keys, opaque names, sealed objects and sealed identities.

One random data key (see ``keys.py``) is expanded with HKDF-SHA256 (RFC 5869, the
two-step derivation of NIST SP 800-56C) into three independent sub-keys, so that no key
serves two purposes (NIST SP 800-57 Part 1, 5.2):

* an HMAC-SHA256 key that turns an identity (tenant, study, series, SOP instance) into an
  opaque name - file names and index keys reveal nothing, yet are stable for lookups;
* an AES-256-GCM key for the instance bytes (NIST SP 800-38D), with a fresh random 96-bit
  nonce per object and the identity as associated data, so an object moved to another
  slot fails authentication just as a corrupted one does;
* an AES-256-GCM key for the identities kept in the index, so the index can list a
  study's instances without holding any UID in plain text.

Decoded volumes and small records (the offline sign-in verifier, the worklist snapshot)
use the object key with their own associated data (``segment_aad``): a kind label comes
first, so no sealed segment can ever pass for an instance or for another kind.

Random 96-bit nonces are safe up to 2**32 encryptions per key (SP 800-38D, 8.3); a
reading workstation's cache stays many orders of magnitude below that.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from workstation.cache.errors import IntegrityError

FORMAT = b"WSC1"  # object header: format tag, authenticated as part of the associated data
NONCE_BYTES = 12
TAG_BYTES = 16
OVERHEAD = len(FORMAT) + NONCE_BYTES + TAG_BYTES

_LABEL_NAME = b"workstation-cache/v1/hmac-names"
_LABEL_OBJECT = b"workstation-cache/v1/aes-objects"
_LABEL_INDEX = b"workstation-cache/v1/aes-index"


@dataclass(frozen=True, slots=True)
class Identity:
    """Where an instance belongs. Held in memory only; on disk it is sealed or hashed."""

    tenant: str
    study_uid: str
    series_uid: str
    sop_uid: str

    def parts(self) -> tuple[str, str, str, str]:
        return (self.tenant, self.study_uid, self.series_uid, self.sop_uid)


def encode_parts(*parts: str) -> bytes:
    """Length-prefixed UTF-8, so ("a.b", "c") and ("a", "b.c") can never collide."""
    out = bytearray()
    for part in parts:
        raw = part.encode("utf-8")
        out += struct.pack(">I", len(raw)) + raw
    return bytes(out)


def decode_parts(blob: bytes) -> tuple[str, ...]:
    parts = []
    pos = 0
    while pos < len(blob):
        (size,) = struct.unpack_from(">I", blob, pos)
        pos += 4
        parts.append(blob[pos : pos + size].decode("utf-8"))
        pos += size
    return tuple(parts)


def _derive(key: bytes, label: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(key)


class Sealer:
    """All keyed operations of one cache, derived from its data key."""

    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("the cache data key must be 32 bytes (AES-256)")
        self._name_key = _derive(key, _LABEL_NAME)
        self._objects = AESGCM(_derive(key, _LABEL_OBJECT))
        self._index = AESGCM(_derive(key, _LABEL_INDEX))

    # -- opaque names -------------------------------------------------------------------
    def tag(self, kind: str, *parts: str) -> str:
        """HMAC-SHA256 of a labelled tuple, hex. ``kind`` separates the name spaces of
        objects, series and studies so one tag can never be mistaken for another."""
        message = encode_parts(kind, *parts)
        # The one-shot form runs in C: a download names hundreds of objects a second.
        return hmac.digest(self._name_key, message, hashlib.sha256).hex()

    def slot(self, identity: Identity) -> str:
        """The opaque file name and index key of one instance."""
        return self.tag("object", *identity.parts())

    def key_check(self) -> str:
        """A value that tells whether an index was written under this key."""
        return self.tag("key-check")

    # -- objects ------------------------------------------------------------------------
    def seal(self, identity: Identity, data: bytes | bytearray) -> bytearray:
        """Format tag + nonce + ciphertext + tag, encrypted straight into the result (one
        allocation, no concatenation copy: a download seals hundreds of these a second)."""
        out = bytearray(OVERHEAD + len(data))
        self.seal_into(identity, data, memoryview(out))
        return out

    def seal_into(self, identity: Identity, data: bytes | bytearray | memoryview,
                  out: memoryview) -> None:
        """``seal`` into ``out``, exactly ``OVERHEAD + len(data)`` bytes long, so that a
        writer can reuse one buffer for every object instead of allocating (and zeroing)
        a new one per object."""
        if len(out) != OVERHEAD + len(data):
            raise ValueError("the output buffer must be OVERHEAD bytes longer than the data")
        nonce = os.urandom(NONCE_BYTES)
        aad = FORMAT + encode_parts(*identity.parts())
        out[: len(FORMAT)] = FORMAT
        out[len(FORMAT) : len(FORMAT) + NONCE_BYTES] = nonce
        self._objects.encrypt_into(nonce, data, aad, out[len(FORMAT) + NONCE_BYTES :])

    def open(self, identity: Identity, blob: bytes) -> bytes:
        """Decrypt and authenticate; any damage, truncation or slot swap raises
        ``IntegrityError``."""
        if len(blob) < OVERHEAD or not blob.startswith(FORMAT):
            raise IntegrityError("cached object is truncated or not a cache object")
        nonce = blob[len(FORMAT) : len(FORMAT) + NONCE_BYTES]
        body = blob[len(FORMAT) + NONCE_BYTES :]
        aad = FORMAT + encode_parts(*identity.parts())
        try:
            return self._objects.decrypt(nonce, body, aad)
        except InvalidTag:
            raise IntegrityError() from None

    # -- segments of volumes and records ------------------------------------------------
    @staticmethod
    def segment_aad(kind: str, *parts: str) -> bytes:
        """Associated data of a segment: the format tag, then the labelled parts. The
        four-part instance AAD can never equal it: the encoding is length-prefixed and
        the kind label adds a part."""
        return FORMAT + encode_parts("segment", kind, *parts)

    def seal_segment(self, aad: bytes, data: bytes | memoryview) -> bytes:
        """Nonce + ciphertext + tag of ``data`` under the object key."""
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._objects.encrypt(nonce, data, aad)

    def open_segment(self, aad: bytes, blob: bytes | memoryview) -> bytes:
        if len(blob) < NONCE_BYTES + TAG_BYTES:
            raise IntegrityError("cached segment is truncated")
        view = memoryview(blob)
        try:
            return self._objects.decrypt(view[:NONCE_BYTES], view[NONCE_BYTES:], aad)
        except InvalidTag:
            raise IntegrityError() from None

    def open_segment_into(self, aad: bytes, blob: bytes | memoryview, out: memoryview) -> None:
        """Like ``open_segment`` but decrypts straight into ``out`` (exactly the plaintext
        length): a 150 MB volume is then never held twice in memory."""
        view = memoryview(blob)
        if len(view) != NONCE_BYTES + len(out) + TAG_BYTES:
            raise IntegrityError("cached segment has the wrong length")
        try:
            self._objects.decrypt_into(view[:NONCE_BYTES], view[NONCE_BYTES:], aad, out)
        except InvalidTag:
            raise IntegrityError() from None

    # -- identities in the index --------------------------------------------------------
    def seal_identity(self, identity: Identity, slot: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        plain = encode_parts(*identity.parts())
        return nonce + self._index.encrypt(nonce, plain, slot.encode("ascii"))

    def open_identity(self, blob: bytes, slot: str) -> Identity:
        try:
            plain = self._index.decrypt(
                blob[:NONCE_BYTES], blob[NONCE_BYTES:], slot.encode("ascii")
            )
        except InvalidTag:
            raise IntegrityError("cache index entry failed authentication") from None
        tenant, study, series, sop = decode_parts(plain)
        return Identity(tenant, study, series, sop)
