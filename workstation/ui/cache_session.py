"""Opening the reader's encrypted image cache after sign-in.

Each hub and each reader get their own cache folder, so readers sharing a PC never share
cached images, and the key comes from the system keychain under ``user@hub-host``. The
size budget and retention period are the reader's (settings dialog, ``settings_values``),
applied as the store opens: a study past retention is gone before anything is shown. When
the keychain cannot keep the key, the cache runs in a throw-away folder of its own: the
cache store drops objects written under another key, so a session-only key must never
open the persistent folder (it would wipe the images cached under the real key).
"""

from __future__ import annotations

import logging
import re
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

from workstation.cache.keys import load_or_create_key
from workstation.cache.retention import CachePolicy
from workstation.cache.store import EncryptedStore
from workstation.ui import settings_values

log = logging.getLogger(__name__)

APP_DIR_NAME = "workstation"
STALE_SESSION_SECONDS = 24 * 3600


@dataclass(slots=True)
class CacheSession:
    """The open store, a message for the reader (empty when all is well) and, for a
    session-only key, the folder to delete at exit."""

    store: EncryptedStore
    message: str = ""
    temporary_root: Path | None = field(default=None)

    def close(self) -> None:
        self.store.close()
        if self.temporary_root is not None:
            shutil.rmtree(self.temporary_root, ignore_errors=True)


def hub_host_port(hub_url: str) -> tuple[str, int]:
    parts = urlsplit(hub_url)
    host = parts.hostname or "localhost"
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return host, port


def _safe(name: str) -> str:
    """A folder name from a host or user name (no separators, no dots-only names)."""
    cleaned = re.sub(r"[^A-Za-z0-9._@-]", "_", name).strip(".")
    return cleaned or "_"


def default_cache_base() -> Path:
    return Path(platformdirs.user_cache_dir(APP_DIR_NAME))


def cache_root(base: Path, hub_url: str, username: str) -> Path:
    """``<base>/<host>-<port>/<username>``."""
    host, port = hub_host_port(hub_url)
    return base / _safe(f"{host}-{port}") / _safe(username)


def open_cache(base: Path, hub_url: str, username: str,
               policy: CachePolicy | None = None) -> CacheSession:
    """Load (or create) the key and open the store under ``policy`` (None: the reader's
    settings). Blocking: call from a worker thread."""
    host, _port = hub_host_port(hub_url)
    result = load_or_create_key(f"{username}@{host}")
    root = cache_root(base, hub_url, username)
    policy = policy if policy is not None else settings_values.cache_policy()
    if result.persisted:
        return CacheSession(EncryptedStore(root, result.key, policy), result.message)
    _remove_stale_sessions(root / "session")
    temporary = root / "session" / uuid.uuid4().hex
    log.info("cache key is session-only; using a temporary cache folder")
    return CacheSession(EncryptedStore(temporary, result.key, policy), result.message, temporary)


def _remove_stale_sessions(folder: Path) -> None:
    """Session folders left by a crash are unreadable (their key is gone): reclaim the
    disk space. Recent ones may belong to another running instance and are kept."""
    if not folder.is_dir():
        return
    cutoff = time.time() - STALE_SESSION_SECONDS
    for child in folder.iterdir():
        try:
            if child.is_dir() and child.stat().st_mtime < cutoff:
                shutil.rmtree(child, ignore_errors=True)
        except OSError:
            continue
