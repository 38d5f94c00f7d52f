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
from workstation.hub.vocabulary import Role

OTP_ISSUER = "Workstation Demo Hub"


@dataclass(frozen=True, slots=True)
class DemoUser:
    username: str
    password: str
    totp_secret: str
    role: str
    tenants: tuple[str, ...]
    display_name: str

    def __post_init__(self) -> None:
        Role(self.role)  # an unknown role would hold no permissions: refuse it here

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

DEMO_RESIDENT = DemoUser(
    username="res.ankara",
    password="Demo.Resident.2026",  # noqa: S106 - published demo credential
    totp_secret="3B62IKGBCEHBQFOBHO5LSOK76Q2OXCQT",  # noqa: S106 - published demo secret
    role="resident",
    tenants=("ankara",),
    display_name="Dr. Ankara Resident",
)

DEMO_TECHNOLOGIST = DemoUser(
    username="tech.ankara",
    password="Demo.Technologist.2026",  # noqa: S106 - published demo credential
    totp_secret="IDH2CUYY45LSF5YSF2TIUX5VQ67UHLOY",  # noqa: S106 - published demo secret
    role="technologist",
    tenants=("ankara",),
    display_name="Ankara CT Technologist",
)

DEMO_REFERRING = DemoUser(
    username="ref.ankara",
    password="Demo.Referring.2026",  # noqa: S106 - published demo credential
    totp_secret="DCYECQTSAIPXTWX2JKTRW2XTDJNWCXAM",  # noqa: S106 - published demo secret
    role="referring_physician",
    tenants=("ankara",),
    display_name="Dr. Ankara Emergency Physician",
)

DEMO_HOSPITAL_ADMIN = DemoUser(
    username="admin.ankara",
    password="Demo.HospitalAdmin.2026",  # noqa: S106 - published demo credential
    totp_secret="UKXC2KNUI72S36WXJ33SCLLK4MDD727K",  # noqa: S106 - published demo secret
    role="hospital_admin",
    tenants=("ankara",),
    display_name="Ankara PACS Administrator",
)

DEMO_SYSTEM_ADMIN = DemoUser(
    username="sysadmin",
    password="Demo.SystemAdmin.2026",  # noqa: S106 - published demo credential
    totp_secret="3YDMUPHQWLGYD6XDWBQ7I2ZKBYCSPFHY",  # noqa: S106 - published demo secret
    role="system_admin",
    tenants=("ankara", "izmir"),
    display_name="Hub System Administrator",
)

# One account per role (two radiologists, to show reading locks held by a colleague).
DEMO_USERS: tuple[DemoUser, ...] = (
    DEMO_READER,
    DEMO_IZMIR,
    DEMO_RESIDENT,
    DEMO_TECHNOLOGIST,
    DEMO_REFERRING,
    DEMO_HOSPITAL_ADMIN,
    DEMO_SYSTEM_ADMIN,
)
