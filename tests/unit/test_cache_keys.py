"""The cache data key: kept in the keychain, session-only when there is none, never a file."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import KeyringLocked, PasswordSetError

from workstation.cache.keys import SERVICE, load_or_create_key


class MemoryKeyring(KeyringBackend):
    """An in-memory keychain."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("locked")


class ReadOnlyKeyring(MemoryKeyring):
    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError("refused")


@pytest.fixture
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every place a file could be written at an empty folder."""
    home = tmp_path / "home"
    home.mkdir()
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "APPDATA"):
        monkeypatch.setenv(var, str(home))
    monkeypatch.chdir(home)
    return home


def test_key_is_created_stored_and_reloaded():
    kr = MemoryKeyring()
    first = load_or_create_key("alice@hub", kr)
    assert first.persisted and first.message == ""
    assert len(first.key) == 32
    assert base64.b64decode(kr.secrets[(SERVICE, "alice@hub")]) == first.key

    again = load_or_create_key("alice@hub", kr)
    assert again.persisted and again.key == first.key

    bob = load_or_create_key("bob@hub", kr)
    assert bob.key != first.key
    assert set(kr.secrets) == {(SERVICE, "alice@hub"), (SERVICE, "bob@hub")}


def test_key_never_appears_in_repr():
    result = load_or_create_key("alice", MemoryKeyring())
    assert result.key.hex() not in repr(result)
    assert repr(result.key) not in repr(result)


def test_malformed_stored_key_is_replaced():
    kr = MemoryKeyring()
    kr.secrets[(SERVICE, "alice")] = "not base64 at all!"
    result = load_or_create_key("alice", kr)
    assert result.persisted
    assert "replaced" in result.message
    assert base64.b64decode(kr.secrets[(SERVICE, "alice")]) == result.key
    assert load_or_create_key("alice", kr).key == result.key


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring(), LockedKeyring(), ReadOnlyKeyring()],
    ids=["fail", "null", "locked", "read-only"],
)
def test_unusable_keychain_gives_session_key_and_writes_nothing(backend, isolated_home: Path):
    first = load_or_create_key("alice", backend)
    second = load_or_create_key("alice", backend)
    assert not first.persisted
    assert "session" in first.message or "close" in first.message
    assert len(first.key) == 32
    assert first.key != second.key  # nothing was kept anywhere
    assert list(isolated_home.rglob("*")) == []


def test_keychain_that_forgets_writes_is_not_trusted(isolated_home: Path):
    class Forgetful(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            return None

    result = load_or_create_key("alice", Forgetful())
    assert not result.persisted and result.message
    assert list(isolated_home.rglob("*")) == []


def test_file_based_backend_is_refused(isolated_home: Path):
    file_backend = type("PlaintextKeyring", (MemoryKeyring,), {"__module__": "keyrings.alt.file"})()
    result = load_or_create_key("alice", file_backend)
    assert not result.persisted
    assert file_backend.secrets == {}
