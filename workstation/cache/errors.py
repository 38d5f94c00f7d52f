"""Errors raised by the encrypted cache."""

from __future__ import annotations


class CacheError(Exception):
    """Any failure of the local cache that the caller may want to tell apart."""


class IntegrityError(CacheError):
    """A cached object failed AES-GCM authentication (corrupted, truncated, tampered with
    or moved to another slot). The store has already discarded it, so the caller fetches
    the instance again from the hub; ``count`` says how many objects were dropped."""

    def __init__(
        self, message: str = "cached object failed authentication", count: int = 1
    ) -> None:
        super().__init__(message)
        self.count = count
