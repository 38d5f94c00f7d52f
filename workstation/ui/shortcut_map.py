"""The reader's key map: the shipped defaults (``resources/shortcuts.json``, read by
:mod:`workstation.core.shortcuts`) with the reader's own remappings from QSettings.

Overrides are stored per action under ``shortcuts/<action id>`` as a list of Qt portable
key-sequence texts; an empty list means "no key". A remapping that would give one key to
two actions is refused with the name of the action that already has it.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from workstation.core.resource_files import ResourceError
from workstation.core.shortcuts import Shortcut, load_shortcuts, with_overrides

GROUP = "shortcuts"


def defaults() -> dict[str, Shortcut]:
    return load_shortcuts()


def overrides() -> dict[str, list[str]]:
    """The reader's remappings (action id -> key texts), unknown actions left out."""
    known = defaults()
    settings = QSettings()
    settings.beginGroup(GROUP)
    result: dict[str, list[str]] = {}
    for action in settings.childKeys():
        if action not in known:
            continue
        value = settings.value(action)
        if value is None or value == "":
            keys: list[str] = []
        elif isinstance(value, str):
            keys = [value]
        else:
            keys = [str(v) for v in value]
        result[action] = [k for k in keys if k]
    settings.endGroup()
    return result


def current() -> dict[str, Shortcut]:
    """Defaults with the reader's remappings; a stored map that conflicts (e.g. after a new
    default took a key) falls back to the defaults rather than leaving keys dead."""
    try:
        return with_overrides(defaults(), overrides())
    except ResourceError:
        return defaults()


def conflict(action: str, key: str) -> str | None:
    """The other action that already uses ``key`` in the current map, if any."""
    wanted = normalised(key)
    for other in current().values():
        if other.action != action and any(normalised(k) == wanted for k in other.keys):
            return other.action
    return None


def set_keys(action: str, keys: list[str]) -> None:
    """Store the reader's keys for ``action``; ValueError names a conflicting action."""
    if action not in defaults():
        raise ValueError(action)
    for key in keys:
        other = conflict(action, key)
        if other is not None:
            raise ValueError(other)
    settings = QSettings()
    settings.setValue(f"{GROUP}/{action}", list(keys))
    settings.sync()


def reset(action: str | None = None) -> None:
    """Back to the shipped keys for one action, or for all of them."""
    settings = QSettings()
    if action is None:
        settings.remove(GROUP)
    else:
        settings.remove(f"{GROUP}/{action}")
    settings.sync()


def sequences(shortcut: Shortcut) -> list[QKeySequence]:
    return [QKeySequence(k) for k in shortcut.keys]


def normalised(key: str) -> str:
    """One spelling per key sequence ("PgDown" and "PageDown" are the same key)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText)
