"""Default key sequences of every viewer action: ``resources/shortcuts.json``.

Action ids are dotted (``scroll.next``, ``wl.preset.1``, ``view.rotate_cw``); key
sequences are Qt's portable text ("Ctrl+Shift+R", "PgDown"). The user's remapping is
stored by the UI as overrides on top of these defaults (:func:`with_overrides`). The file
follows ``resources/schemas/shortcuts.schema.json``; no key sequence may serve two actions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from workstation.core.resource_files import load_json, require, resource_path

SHORTCUTS_FILE = ("shortcuts.json",)
_ACTION_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_KEY = re.compile(r"^((Ctrl|Shift|Alt|Meta)\+)*([^+\s]+|\+)$")


@dataclass(frozen=True, slots=True)
class Shortcut:
    action: str
    label: str
    keys: tuple[str, ...]


def parse_shortcuts(data: dict[str, Any]) -> dict[str, Shortcut]:
    """Validate the parsed document; action id -> shortcut, in file order."""
    require(data.get("version") == 1, "version", "must be 1")
    allowed = {"$schema", "version", "description", "actions"}
    require(set(data) <= allowed, "top level", f"unknown keys {sorted(set(data) - allowed)}")
    actions = data.get("actions")
    require(isinstance(actions, dict) and bool(actions), "actions", "must be a non-empty object")
    result: dict[str, Shortcut] = {}
    for action, entry in actions.items():
        where = f"actions.{action}"
        require(bool(_ACTION_ID.match(action)), where, "action id must be dotted lower case")
        require(isinstance(entry, dict) and set(entry) == {"label", "keys"}, where,
                "needs exactly label and keys")
        label, keys = entry["label"], entry["keys"]
        require(isinstance(label, str) and bool(label), f"{where}.label", "must be text")
        require(isinstance(keys, list) and bool(keys), f"{where}.keys", "must list keys")
        for key in keys:
            require(isinstance(key, str) and bool(_KEY.match(key)), f"{where}.keys",
                    f"{key!r} is not a key sequence")
        require(len(set(keys)) == len(keys), f"{where}.keys", "repeated key")
        result[action] = Shortcut(action, label, tuple(keys))
    _check_conflicts(result)
    return result


def _check_conflicts(shortcuts: dict[str, Shortcut]) -> None:
    owner: dict[str, str] = {}
    for shortcut in shortcuts.values():
        for key in shortcut.keys:
            other = owner.setdefault(key, shortcut.action)
            require(other == shortcut.action, f"actions.{shortcut.action}",
                    f"{key!r} is already used by {other}")


def with_overrides(defaults: dict[str, Shortcut],
                   overrides: dict[str, list[str]]) -> dict[str, Shortcut]:
    """The defaults with the user's key sequences for some actions; conflicts refused."""
    merged = dict(defaults)
    for action, keys in overrides.items():
        require(action in defaults, f"overrides.{action}", "unknown action")
        merged[action] = Shortcut(action, defaults[action].label, tuple(keys))
    _check_conflicts(merged)
    return merged


def load_shortcuts(path: Path | None = None) -> dict[str, Shortcut]:
    """Read and validate a shortcuts file (the shipped one by default)."""
    if path is None:
        return dict(_shipped())
    return parse_shortcuts(load_json(path))


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Shortcut]:
    return parse_shortcuts(load_json(resource_path(*SHORTCUTS_FILE)))
