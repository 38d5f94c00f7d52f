"""The role/permission table of the hub, pinned: changing who may do what must be a
deliberate edit of this test too."""

from __future__ import annotations

from workstation.demohub.accounts import DEMO_USERS
from workstation.demohub.roles import ROLE_PERMISSIONS, has_permission, permissions_of
from workstation.demohub.users import UserRecord
from workstation.hub.vocabulary import Permission, Role

EXPECTED = {
    "system_admin": {"read_audit"},
    "hospital_admin": {"see_worklist", "read_audit"},
    "radiologist": {"see_worklist", "read_images", "write_preliminary", "sign_final", "amend",
                    "flag_critical", "claim"},
    "resident": {"see_worklist", "read_images", "write_preliminary", "flag_critical", "claim"},
    "technologist": {"see_worklist", "read_images"},
    "referring_physician": {"see_worklist", "read_images", "acknowledge_critical"},
}  # fmt: skip


def test_the_permission_table() -> None:
    assert {r.value: {p.value for p in perms} for r, perms in ROLE_PERMISSIONS.items()} == EXPECTED
    assert set(ROLE_PERMISSIONS) == set(Role)
    # Every permission is held by someone, and only radiologists sign and amend.
    assert set().union(*ROLE_PERMISSIONS.values()) == set(Permission)
    for permission in (Permission.SIGN_FINAL, Permission.AMEND):
        assert [r for r, p in ROLE_PERMISSIONS.items() if permission in p] == [Role.RADIOLOGIST]


def test_unknown_roles_hold_nothing() -> None:
    assert permissions_of("superuser") == frozenset()
    assert not has_permission("", Permission.SEE_WORKLIST)


def test_the_user_shown_after_sign_in_lists_the_role_permissions_in_order() -> None:
    for account in DEMO_USERS:
        record = UserRecord(account.username, account.display_name, account.role,
                            account.tenants, "hash", "secret")  # fmt: skip
        shown = record.public()
        assert set(shown["permissions"]) == EXPECTED[account.role]
        order = [p.value for p in Permission]
        assert shown["permissions"] == sorted(shown["permissions"], key=order.index)
        assert "hash" not in shown.values() and "secret" not in shown.values()
