"""The demo hub's user accounts.

They are plain data on purpose: the demo is meant to be tried by anyone, so the passwords are
published and the TOTP secrets are fixed. A fixed secret lets a person add the account to an
authenticator app once (via the ``otpauth://`` URI printed on start) and keep using it across
re-installs of the demo data. Secrets are 32 base32 characters = 160 bits, the HMAC-SHA1 key
length recommended by RFC 4226 section 4 (R6).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyotp

from workstation.demohub.security import TOTP_DIGITS, TOTP_INTERVAL

OTP_ISSUER = "Workstation Demo Hub"


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    password: str
    totp_secret: str
    role: str
    tenants: tuple[str, ...]
    display_name: str

    def totp(self) -> pyotp.TOTP:
        return pyotp.TOTP(self.totp_secret, digits=TOTP_DIGITS, interval=TOTP_INTERVAL)

    def otpauth_uri(self) -> str:
        """Key URI for authenticator apps (Google Authenticator "Key Uri Format")."""
        return self.totp().provisioning_uri(name=self.username, issuer_name=OTP_ISSUER)


DEMO_READER = DemoUser(
    username="dr.demo",
    password="Demo.Reader.2026",  # noqa: S106 - published demo credential
    totp_secret="EM6Q7AIPOKDXWT2RXD23X4UYDDCXNNWF",  # noqa: S106 - published demo secret
    role="radiologist",
    tenants=("ankara", "izmir"),
    display_name="Dr. Demo Reader",
)

DEMO_IZMIR = DemoUser(
    username="dr.izmir",
    password="Demo.Izmir.2026",  # noqa: S106 - published demo credential
    totp_secret="MC63Z7CIVA37MJIP765Q2JQCPPRBRDAE",  # noqa: S106 - published demo secret
    role="radiologist",
    tenants=("izmir",),
    display_name="Dr. Izmir Reader",
)

DEMO_USERS: tuple[DemoUser, ...] = (DEMO_READER, DEMO_IZMIR)
