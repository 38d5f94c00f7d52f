"""Where the shipped data files (presets, shortcuts, schemas) live.

They are plain JSON in the top-level ``resources/`` folder of the source tree, next to the
``workstation`` package. A frozen build unpacks them next to the executable
(``sys._MEIPASS``); ``WORKSTATION_RESOURCES`` points elsewhere (tests, packaging).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ENV_VAR = "WORKSTATION_RESOURCES"


class ResourceError(ValueError):
    """A shipped data file is missing or does not follow its schema."""


def resources_dir() -> Path:
    """The folder holding ``presets/``, ``schemas/`` and ``shortcuts.json``."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def load_json(path: Path) -> dict[str, Any]:
    """Parse one JSON object; a missing file or invalid JSON is a :class:`ResourceError`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ResourceError(f"{Path(path).name}: {exc}") from exc
    if not isinstance(data, dict):
        raise ResourceError(f"{Path(path).name}: top level must be an object")
    return data


def require(condition: bool, where: str, message: str) -> None:
    """Raise :class:`ResourceError` naming the place in the file when ``condition`` fails."""
    if not condition:
        raise ResourceError(f"{where}: {message}")
