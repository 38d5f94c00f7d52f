"""How to reach one DICOMweb server: base URL, authentication and trust.

TLS certificates are always verified (against the system store, or against the given CA
bundle for a hospital's own certificate authority); there is deliberately no switch to
turn verification off. ``secret`` is a password (basic) or a token (bearer); it is never
part of ``repr`` so it cannot end up in a log line.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit


class AuthKind(StrEnum):
    NONE = "none"
    BASIC = "basic"  # RFC 7617
    BEARER = "bearer"  # RFC 6750


@dataclass(frozen=True, slots=True)
class DicomWebConfig:
    """``base_url`` is the service root, e.g. ``https://pacs.example/dicom-web``."""

    base_url: str
    auth: AuthKind = AuthKind.NONE
    username: str = ""
    secret: str = field(default="", repr=False)
    ca_bundle: str = ""  # PEM file with the CA certificates to trust ("" = system store)
    timeout: float = 30.0

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("the DICOMweb address must start with https:// or http://")
        if parts.username or parts.password:
            raise ValueError("put credentials in the profile, not in the address")

    @property
    def root(self) -> str:
        return self.base_url.rstrip("/")

    def ssl_context(self) -> ssl.SSLContext:
        """Verification on, hostname checked; the CA bundle replaces the system store."""
        try:
            context = ssl.create_default_context(cafile=self.ca_bundle or None)
        except (OSError, ssl.SSLError):
            raise ValueError("the CA bundle of the server profile cannot be read "
                             "(it must be a PEM file of certificates)") from None
        context.check_hostname = True
        context.verify_mode = ssl.CERT_REQUIRED
        return context
