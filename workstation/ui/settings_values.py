"""The reader's settings: one place for their keys, defaults and limits.

They live in ``QSettings`` (per operating-system user: the registry on Windows, a plist on
macOS, an INI file under ``~/.config`` on Linux). The settings dialog writes them; the
parts of the application read them through these functions so a default is never
repeated, and a value edited by hand outside its limits is clamped, not trusted.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtCore import QSettings

from workstation.cache.retention import CachePolicy
from workstation.core import presets
from workstation.core.resource_files import ResourceError

log = logging.getLogger(__name__)

CACHE_BUDGET_GB = "cache/budget_gb"
CACHE_RETENTION_DAYS = "cache/retention_days"
PURGE_AT_SIGN_OUT = "cache/purge_at_sign_out"
PREFETCH_COUNT = "downloads/prefetch_count"
IDLE_LOCK_MINUTES = "security/idle_lock_minutes"
USER_PRESETS = "presets/user"
CA_BUNDLE = "security/ca_bundle"
HUB_PIN = "security/hub_spki_sha256"
# Hang each opened study by its hanging protocol (read by hanging_controller.ENABLED_KEY).
HANGING_ENABLED = "hanging/enabled"

LIMITS: dict[str, tuple[float, float, float]] = {  # key: (minimum, maximum, default)
    CACHE_BUDGET_GB: (1, 4000, 20),
    CACHE_RETENTION_DAYS: (1, 3650, 30),
    PREFETCH_COUNT: (0, 10, 2),
    IDLE_LOCK_MINUTES: (1, 240, 15),
}


def number(key: str) -> float:
    low, high, default = LIMITS[key]
    try:
        value = float(QSettings().value(key, default))
    except (TypeError, ValueError):
        return default
    return min(max(value, low), high)


def set_number(key: str, value: float) -> None:
    low, high, _ = LIMITS[key]
    QSettings().setValue(key, min(max(float(value), low), high))


DEFAULT_FLAGS: dict[str, bool] = {HANGING_ENABLED: True, PURGE_AT_SIGN_OUT: False}


def flag(key: str, default: bool | None = None) -> bool:
    if default is None:
        default = DEFAULT_FLAGS.get(key, False)
    value = QSettings().value(key, default)
    return value in (True, "true", "1", 1)


def set_flag(key: str, value: bool) -> None:
    QSettings().setValue(key, bool(value))


def text(key: str) -> str:
    return str(QSettings().value(key, "") or "")


def set_text(key: str, value: str) -> None:
    QSettings().setValue(key, value.strip())


def cache_policy() -> CachePolicy:
    """The encrypted cache's size budget and retention from the settings."""
    return CachePolicy(
        budget_bytes=int(number(CACHE_BUDGET_GB) * 1000**3),
        retention_days=number(CACHE_RETENTION_DAYS),
    )


def idle_lock_seconds(hub_limit_seconds: float | None = None) -> float:
    """The idle time before the screen locks; a hub policy can only shorten it."""
    seconds = number(IDLE_LOCK_MINUTES) * 60
    return min(seconds, hub_limit_seconds) if hub_limit_seconds else seconds


def load_user_presets() -> dict[str, list[dict[str, Any]]]:
    """The reader's window presets, installed into core; a broken value is ignored (the
    shipped presets stay) and logged."""
    raw = text(USER_PRESETS)
    try:
        data = json.loads(raw) if raw else {}
        presets.set_user_presets(data)
    except (ValueError, ResourceError, AttributeError) as exc:
        log.warning("user window presets ignored: %s", exc)
        presets.set_user_presets({})
    return presets.user_presets()


def save_user_presets(by_modality: dict[str, list[dict[str, Any]]]) -> None:
    """Validate (raises ResourceError) and keep the reader's window presets."""
    presets.set_user_presets(by_modality)
    QSettings().setValue(USER_PRESETS, json.dumps(presets.user_presets()))
