"""Who may do what on the hub: the one table mapping each role to its permissions.

The table is data on purpose: every route asks :func:`has_permission` (through the
``require`` dependency in :mod:`workstation.demohub.api_deps`), the sign-in answer carries
:func:`permissions_of` so the workstation can hide what the user may not do, and the tests
check the table itself. Least privilege (KVKK / GDPR data minimisation): administrators manage
and audit but do not open images; technologists check image quality but do not report;
referring physicians read results and acknowledge critical findings but do not report.
Tenant scope is separate: a permission only ever applies within the user's hospitals.
"""

from __future__ import annotations

from types import MappingProxyType

from workstation.hub.vocabulary import Permission, Role

_COLUMNS = (
    Role.SYSTEM_ADMIN,
    Role.HOSPITAL_ADMIN,
    Role.RADIOLOGIST,
    Role.RESIDENT,
    Role.TECHNOLOGIST,
    Role.REFERRING_PHYSICIAN,
)

# fmt: off
_MATRIX: dict[Permission, tuple[int, int, int, int, int, int]] = {
    #                                 system  hospital  radio-  resi-  techno-  referring
    #                                 admin   admin     logist  dent   logist   physician
    Permission.SEE_WORKLIST:         (0,      1,        1,      1,     1,       1),
    Permission.READ_IMAGES:          (0,      0,        1,      1,     1,       1),
    Permission.WRITE_PRELIMINARY:    (0,      0,        1,      1,     0,       0),
    Permission.SIGN_FINAL:           (0,      0,        1,      0,     0,       0),
    Permission.AMEND:                (0,      0,        1,      0,     0,       0),
    Permission.FLAG_CRITICAL:        (0,      0,        1,      1,     0,       0),
    Permission.ACKNOWLEDGE_CRITICAL: (0,      0,        0,      0,     0,       1),
    Permission.READ_AUDIT:           (1,      1,        0,      0,     0,       0),
    Permission.CLAIM:                (0,      0,        1,      1,     0,       0),
}
# fmt: on

ROLE_PERMISSIONS: MappingProxyType[Role, frozenset[Permission]] = MappingProxyType(
    {
        role: frozenset(p for p, row in _MATRIX.items() if row[column])
        for column, role in enumerate(_COLUMNS)
    }
)


def permissions_of(role: str) -> frozenset[Permission]:
    """The permissions of ``role``; an unknown role (e.g. from an older database) has none."""
    try:
        return ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return frozenset()


def has_permission(role: str, permission: Permission) -> bool:
    return permission in permissions_of(role)
