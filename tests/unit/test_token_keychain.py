"""The refresh token in the OS keychain: split under Windows' 2560-byte credential limit,
refused when too large, never persisted in plain text without a keychain."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.backends import fail, null
from keyring.errors import PasswordSetError

from workstation.cache import token_keychain as tk

REF = "dr.demo@hub.example"


class WindowsLikeKeyring:
    """An in-memory keychain enforcing Credential Manager's blob limit (UTF-16)."""

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}
        self.writes = 0

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if len(password.encode("utf-16-le")) > tk.WINDOWS_BLOB_BYTES:
            raise PasswordSetError("CredWrite: the stub received bad data (1783)")
        self.writes += 1
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def keychain(monkeypatch) -> WindowsLikeKeyring:
    backend = WindowsLikeKeyring()
    monkeypatch.setattr(tk, "usable_backend", lambda b: not isinstance(b, fail.Keyring | null.Keyring))
    return backend


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "APPDATA"):
        monkeypatch.setenv(var, str(home))
    monkeypatch.chdir(home)
    return home


def test_short_token_is_one_entry_and_round_trips(keychain):
    token = "eyJ" + "a" * 400
    assert tk.save_refresh_token(REF, token, keychain) == ""
    assert tk.load_refresh_token(REF, keychain) == token
    entries = [u for (s, u) in keychain.secrets if s == tk.SERVICE]
    assert sorted(entries) == [REF, f"{REF}#1"]


def test_long_token_is_split_under_the_windows_limit(keychain):
    token = "eyJ" + "b" * 4000  # a JWT with many claims: 8 KB in UTF-16
    with pytest.raises(PasswordSetError):
        keychain.set_password(tk.SERVICE, REF, token)  # what a single entry would do
    assert tk.save_refresh_token(REF, token, keychain) == ""
    assert tk.load_refresh_token(REF, keychain) == token
    for value in keychain.secrets.values():
        assert len(value.encode("utf-16-le")) <= tk.WINDOWS_BLOB_BYTES
    assert len(keychain.secrets) == 1 + 5
    # A shorter token later leaves no stale part behind.
    assert tk.save_refresh_token(REF, "short-token", keychain) == ""
    assert len(keychain.secrets) == 2
    assert tk.load_refresh_token(REF, keychain) == "short-token"


def test_mixed_up_parts_are_not_used(keychain):
    tk.save_refresh_token(REF, "x" * 2500, keychain)
    keychain.secrets[(tk.SERVICE, f"{REF}#2")] = "y" * 1000
    assert tk.load_refresh_token(REF, keychain) is None
    del keychain.secrets[(tk.SERVICE, f"{REF}#3")]
    assert tk.load_refresh_token(REF, keychain) is None


def test_too_large_token_is_refused_with_a_message(keychain):
    message = tk.save_refresh_token(REF, "z" * (tk.CHUNK_CHARS * tk.MAX_PARTS + 1), keychain)
    assert message == tk.TOO_LARGE_MESSAGE and "sign in again" in message
    assert keychain.secrets == {}


def test_forget_removes_every_part(keychain):
    tk.save_refresh_token(REF, "q" * 3000, keychain)
    tk.forget_refresh_token(REF, keychain)
    assert keychain.secrets == {}
    assert tk.load_refresh_token(REF, keychain) is None


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()], ids=["fail", "null"])
def test_no_keychain_gives_a_message_and_writes_nothing(backend, isolated_home):
    token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkci5kZW1vIn0.c2ln"
    message = tk.save_refresh_token(REF, token, backend)
    assert message == tk.NO_KEYCHAIN_MESSAGE and "Nothing was written" in message
    assert tk.load_refresh_token(REF, backend) is None
    tk.forget_refresh_token(REF, backend)
    assert list(isolated_home.rglob("*")) == []


def test_real_fail_backend_through_the_keyring_api(isolated_home, monkeypatch):
    """keyring's own fail backend selected as the system keychain (no backend at all)."""
    import keyring

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    assert tk.save_refresh_token(REF, "secret-refresh-token") == tk.NO_KEYCHAIN_MESSAGE
    assert tk.load_refresh_token(REF) is None
    assert list(isolated_home.rglob("*")) == []
