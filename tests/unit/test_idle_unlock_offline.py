"""Unlocking the lock screen: hub verification of the same reader, the offline verifier
when the hub is unreachable, and refusals."""

from __future__ import annotations

import pytest

from workstation.cache.store import EncryptedStore
from workstation.core.study import UserInfo
from workstation.hub.errors import AuthError, HubUnreachable
from workstation.services.offline_login import ScryptParams, remember_sign_in
from workstation.ui.idle_lock_unlock import UnlockFailure, UnlockRefused, verify_unlock

CHEAP = ScryptParams(n=2**10, r=8, p=1)


class Hub:
    def __init__(self, *, reachable=True, user="dr.demo", refuse=None):
        self.reachable, self.user, self.refuse = reachable, user, refuse
        self.calls = []

    def login(self, username, password):
        self.calls.append(("login", username, password))
        if not self.reachable:
            raise HubUnreachable("hub unreachable: ConnectError")
        if self.refuse:
            raise AuthError(self.refuse, self.refuse, 401)
        return "challenge"

    def verify_totp(self, challenge, code):
        self.calls.append(("totp", code))
        return UserInfo(self.user, self.user, "radiologist")


@pytest.fixture
def store(tmp_path):
    s = EncryptedStore(tmp_path / "cache", bytes(range(32)))
    remember_sign_in(s, "dr.demo", "right-pass", params=CHEAP)
    yield s
    s.close()


def test_online_unlock_checks_password_and_code_at_the_hub(store):
    hub = Hub()
    assert verify_unlock(hub, store, "dr.demo", "right-pass", "123456").online
    assert hub.calls == [("login", "dr.demo", "right-pass"), ("totp", "123456")]


@pytest.mark.parametrize(("code", "reason"), [
    ("invalid_credentials", UnlockFailure.WRONG), ("invalid_code", UnlockFailure.WRONG),
    ("code_reused", UnlockFailure.WRONG), ("throttled", UnlockFailure.THROTTLED),
    ("locked", UnlockFailure.LOCKED_OUT),
])
def test_hub_refusals(store, code, reason):
    with pytest.raises(UnlockRefused) as caught:
        verify_unlock(Hub(refuse=code), store, "dr.demo", "right-pass", "123456")
    assert caught.value.reason is reason


def test_another_readers_credentials_do_not_unlock(store):
    with pytest.raises(UnlockRefused) as caught:
        verify_unlock(Hub(user="dr.other"), store, "dr.demo", "x", "123456")
    assert caught.value.reason is UnlockFailure.OTHER_USER


def test_offline_unlock_uses_the_local_verifier(store):
    hub = Hub(reachable=False)
    assert not verify_unlock(hub, store, "dr.demo", "right-pass", "").online
    with pytest.raises(UnlockRefused) as caught:
        verify_unlock(hub, store, "dr.demo", "wrong-pass", "")
    assert caught.value.reason is UnlockFailure.WRONG


def test_offline_without_verifier_is_refused(tmp_path):
    empty = EncryptedStore(tmp_path / "c2", bytes(range(32)))
    try:
        with pytest.raises(UnlockRefused) as caught:
            verify_unlock(Hub(reachable=False), empty, "dr.demo", "right-pass", "")
        assert caught.value.reason is UnlockFailure.NO_OFFLINE
        with pytest.raises(UnlockRefused):
            verify_unlock(Hub(reachable=False), None, "dr.demo", "right-pass", "")
    finally:
        empty.close()
