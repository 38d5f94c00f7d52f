"""A keychain in memory for GUI tests: the test machine has no system keychain, and the
offline unlock and the purge at sign-out need a key that outlives one session."""

from __future__ import annotations

from collections.abc import Iterator

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
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


def memory_keychain() -> Iterator[MemoryKeyring]:
    """For a fixture: ``yield from memory_keychain()``."""
    import keyring

    ring = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)
