"""Purging a reader's cache at sign-out, for shared or less trusted machines.

Deleting files is not enough on SSDs and copy-on-write file systems, where old blocks
linger. Forgetting the key is: every sealed byte that might survive becomes unreadable
(crypto-shredding, the approach NIST SP 800-88 Rev. 1 calls cryptographic erase). So a
purge deletes the key from the keychain first, then the folder.
"""

from __future__ import annotations

import logging

from keyring.backend import KeyringBackend

from workstation.cache.keys import forget_key
from workstation.cache.store import EncryptedStore

log = logging.getLogger(__name__)


def purge_user(
    store: EncryptedStore, user_ref: str, keyring_backend: KeyringBackend | None = None
) -> bool:
    """Forget ``user_ref``'s cache key, then close ``store`` and delete its folder
    (images, decoded volumes, the offline verifier and worklist snapshot).

    Returns True when the key is gone; False when the keychain refused to delete it (the
    files are deleted all the same, and the caller may tell the user).
    """
    forgotten = forget_key(user_ref, keyring_backend)
    store.destroy()
    if not forgotten:
        log.warning("cache purged, but the keychain kept the cache key")
    return forgotten
