"""Window/level presets as data: ``resources/presets/window_presets.json``.

Each modality either lists presets for the number keys (centre and width in Modality LUT
output units, PS3.3 C.11.2.1.2; HU for CT) or says ``"source": "image"``: use the image's
own Window Center/Width (0028,1050)/(0028,1051) and VOI LUT Sequence (C.11.2). The file
follows ``resources/schemas/window_presets.schema.json``; the checks here mirror that
schema so that a broken file is refused at start-up with the place of the error.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from workstation.core.resource_files import ResourceError, load_json, require, resource_path
from workstation.core.window import VoiFunction, Window

PRESETS_FILE = ("presets", "window_presets.json")
SOURCE_PRESETS = "presets"
SOURCE_IMAGE = "image"


@dataclass(frozen=True, slots=True)
class Preset:
    """One number-key preset: key 1..9, its name and window."""

    key: int
    name: str
    window: Window


@dataclass(frozen=True, slots=True)
class PresetTable:
    """Presets per modality; modalities with no presets use the image's own windows."""

    by_modality: dict[str, tuple[Preset, ...]]
    image_modalities: frozenset[str]
    default_uses_image: bool = True

    def presets_for(self, modality: str) -> list[Preset]:
        return list(self.by_modality.get(modality.strip().upper(), ()))

    def uses_image_windows(self, modality: str) -> bool:
        """True when the number keys pick the image's own windows for this modality."""
        key = modality.strip().upper()
        if key in self.by_modality:
            return False
        return key in self.image_modalities or self.default_uses_image


def parse_presets(data: dict[str, Any]) -> PresetTable:
    """Validate and convert the parsed JSON document (see the schema)."""
    require(data.get("version") == 1, "version", "must be 1")
    allowed = {"$schema", "version", "description", "default", "modalities"}
    require(set(data) <= allowed, "top level", f"unknown keys {sorted(set(data) - allowed)}")
    default = _entry(data.get("default"), "default")
    modalities = data.get("modalities")
    require(isinstance(modalities, dict), "modalities", "must be an object")
    by_modality: dict[str, tuple[Preset, ...]] = {}
    image: set[str] = set()
    for name, entry in modalities.items():
        require(isinstance(name, str) and name.isupper() and name.isalpha()
                and 2 <= len(name) <= 16, f"modalities.{name}", "not a modality code")
        presets = _entry(entry, f"modalities.{name}")
        if presets is None:
            image.add(name)
        else:
            by_modality[name] = presets
    return PresetTable(by_modality, frozenset(image), default is None)


def _entry(entry: Any, where: str) -> tuple[Preset, ...] | None:
    require(isinstance(entry, dict), where, "must be an object")
    require(set(entry) <= {"source", "presets"}, where, "unknown keys")
    source = entry.get("source")
    require(source in (SOURCE_PRESETS, SOURCE_IMAGE), f"{where}.source",
            "must be 'presets' or 'image'")
    if source == SOURCE_IMAGE:
        require("presets" not in entry, where, "'image' takes no presets")
        return None
    items = entry.get("presets")
    require(isinstance(items, list) and 1 <= len(items) <= 9, f"{where}.presets",
            "must list 1 to 9 presets")
    presets = tuple(_preset(item, f"{where}.presets[{i}]") for i, item in enumerate(items))
    keys = [p.key for p in presets]
    require(len(set(keys)) == len(keys), f"{where}.presets", "keys must be unique")
    return tuple(sorted(presets, key=lambda p: p.key))


def _preset(item: Any, where: str) -> Preset:
    require(isinstance(item, dict), where, "must be an object")
    fields = {"key", "name", "center", "width", "function"}
    require({"key", "name", "center", "width"} <= set(item) <= fields, where,
            "needs key, name, center, width (and optionally function)")
    key, name = item["key"], item["name"]
    center, width = item["center"], item["width"]
    require(isinstance(key, int) and not isinstance(key, bool) and 1 <= key <= 9,
            f"{where}.key", "must be an integer 1..9")
    require(isinstance(name, str) and bool(name), f"{where}.name", "must be a non-empty string")
    for label, value in (("center", center), ("width", width)):
        require(isinstance(value, int | float) and not isinstance(value, bool),
                f"{where}.{label}", "must be a number")
    require(width > 0, f"{where}.width", "must be positive")
    try:
        function = VoiFunction(item.get("function", "LINEAR"))
    except ValueError as exc:
        raise ResourceError(f"{where}.function: {exc}") from exc
    return Preset(key, name, Window(float(center), float(width), name, function))


def load_presets(path: Path | None = None) -> PresetTable:
    """Read and validate a presets file (the shipped one by default)."""
    if path is None:
        return _shipped()
    return parse_presets(load_json(path))


@lru_cache(maxsize=1)
def _shipped() -> PresetTable:
    return parse_presets(load_json(resource_path(*PRESETS_FILE)))


# The reader's own presets (settings dialog), per modality; they replace the shipped list
# of that modality and are validated with the same rules as the file.
_user: dict[str, tuple[Preset, ...]] = {}


def set_user_presets(by_modality: dict[str, list[dict[str, Any]]]) -> None:
    """Install the reader's presets ({modality: [{key, name, center, width}]}); an empty
    list for a modality goes back to the shipped presets. Raises ResourceError on bad
    entries and then changes nothing."""
    parsed: dict[str, tuple[Preset, ...]] = {}
    for modality, items in by_modality.items():
        code = modality.strip().upper()
        if not items:
            continue
        found = _entry({"source": SOURCE_PRESETS, "presets": items}, f"user.{code}")
        assert found is not None
        parsed[code] = found
    _user.clear()
    _user.update(parsed)


def user_presets() -> dict[str, list[dict[str, Any]]]:
    """The installed user presets in the settings' storage form."""
    return {
        code: [{"key": p.key, "name": p.name, "center": p.window.center,
                "width": p.window.width} for p in presets]
        for code, presets in _user.items()
    }


def shipped_presets_for(modality: str) -> list[Preset]:
    return _shipped().presets_for(modality)


def presets_for(modality: str) -> list[Preset]:
    """The number-key presets of ``modality``: the reader's own when set, else the
    shipped ones (empty: use the image's windows)."""
    user = _user.get(modality.strip().upper())
    return list(user) if user else _shipped().presets_for(modality)
