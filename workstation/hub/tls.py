"""TLS towards the hub: verification always on, an optional CA bundle, an optional pin.

Verification of the hub's certificate chain and host name can never be turned off
(RFC 9110 section 4.3.4 / RFC 6125); a site whose hub uses a private CA points the
workstation at that CA's bundle instead. On top of the chain check, a site may pin the hub's
public key: the base64 SHA-256 of the certificate's SubjectPublicKeyInfo, the same value as
HPKP's ``pin-sha256`` (RFC 7469 section 2.4), computed for example with::

    openssl x509 -in hub.pem -pubkey -noout | openssl pkey -pubin -outform der \\
        | openssl dgst -sha256 -binary | base64

A pinned key survives certificate renewal as long as the key pair stays. The pin is checked
right after every handshake, before a single byte of the request (or a token) is sent.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import ssl
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from workstation.hub.errors import HubError

PIN_MISMATCH = "certificate_pin_mismatch"
PIN_MESSAGE = (
    "The hub's certificate does not match the pinned key configured for this workstation. "
    "The connection was refused: someone may be intercepting it, or the hub's key has "
    "changed. Contact your administrator."
)


class CertificatePinError(HubError):
    """The hub failed the pin check. Not ``HubUnreachable``: falling back to offline reading
    would hide a possible interception, so callers must show this, not work around it."""

    def __init__(self) -> None:
        super().__init__(PIN_MISMATCH, PIN_MESSAGE)


class PinMismatchError(ssl.SSLCertVerificationError):
    """The hub presented a certificate whose public key is not the pinned one."""

    def __init__(self, expected: str, actual: str) -> None:
        super().__init__(
            f"{PIN_MISMATCH}: the hub's certificate key (sha256/{actual}) is not the pinned "
            f"key (sha256/{expected}); the connection was refused"
        )
        self.expected = expected
        self.actual = actual


def spki_sha256(der_certificate: bytes) -> str:
    """Base64 SHA-256 of a DER certificate's SubjectPublicKeyInfo (RFC 7469 ``pin-sha256``)."""
    cert = x509.load_der_x509_certificate(der_certificate)
    spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


def normalise_pin(pin: str) -> str:
    """Accept ``sha256/<base64>``, bare base64 or hex; return base64. ValueError otherwise."""
    text = pin.strip()
    if text.lower().startswith("sha256/"):
        text = text[7:]
    try:
        raw = bytes.fromhex(text.replace(":", "")) if len(text) in (64, 95) else b""
    except ValueError:
        raw = b""
    if not raw:
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raw = b""
    if len(raw) != 32:
        raise ValueError("a certificate pin is the SHA-256 of the public key (32 bytes)")
    return base64.b64encode(raw).decode("ascii")


class _PinnedSocket(ssl.SSLSocket):
    """An SSL socket that checks the pin as part of its handshake."""

    expected_pin: str = ""

    def do_handshake(self, block: bool = False) -> None:  # noqa: FBT001, FBT002 - stdlib signature
        super().do_handshake(block)
        der = self.getpeercert(binary_form=True)
        actual = spki_sha256(der) if der else ""
        if actual != self.expected_pin:
            raise PinMismatchError(self.expected_pin, actual or "none")


def hub_ssl_context(ca_bundle: str | Path | None = None, pin: str | None = None) -> ssl.SSLContext:
    """A client context with chain and host-name verification on (always), trusting
    ``ca_bundle`` instead of the system store when given, and checking ``pin`` when given."""
    if ca_bundle is not None and not Path(ca_bundle).is_file():
        raise FileNotFoundError(f"CA bundle not found: {ca_bundle}")
    context = ssl.create_default_context(cafile=str(ca_bundle) if ca_bundle else None)
    context.check_hostname = True
    context.verify_mode = ssl.CERT_REQUIRED
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if pin:
        expected = normalise_pin(pin)
        socket_class = type("PinnedSocket", (_PinnedSocket,), {"expected_pin": expected})
        context.sslsocket_class = socket_class
    return context


def is_pin_mismatch(exc: BaseException) -> bool:
    """True when ``exc`` (or what caused it) is a pin mismatch: httpx wraps it in ConnectError."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, PinMismatchError) or PIN_MISMATCH in str(current):
            return True
        current = current.__cause__ or current.__context__
    return False
