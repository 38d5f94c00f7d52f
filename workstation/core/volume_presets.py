"""3D volume rendering presets as data: ``resources/volume_presets/*.json``.

Each file is one preset (schema ``resources/schemas/volume_preset.schema.json``): colour
and opacity transfer functions as (value, ...) control points. Values are Modality LUT
output (HU for CT, PS3.3 C.11.1) or, for modalities without an absolute scale (MR),
fractions of the volume's own 1st..99th percentile range. The renderer works on stored
values, so :func:`stored_points` maps the control points through the inverse rescale;
the checks here mirror the schema so that a broken file is refused with its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from workstation.core.resource_files import ResourceError, load_json, require, resource_path
from workstation.core.stack import ImageStack

PRESET_FOLDER = "volume_presets"
UNITS = ("modality", "relative")


@dataclass(frozen=True, slots=True)
class VolumePreset:
    id: str
    name: str
    modalities: tuple[str, ...]
    default_for: tuple[str, ...]
    units: str
    color: tuple[tuple[float, float, float, float], ...]
    opacity: tuple[tuple[float, float], ...]
    shade: bool = True
    ambient: float = 0.2
    diffuse: float = 0.8
    specular: float = 0.1


def _points(raw: object, width: int, where: str) -> tuple[tuple[float, ...], ...]:
    require(isinstance(raw, list) and len(raw) >= 2, where, "needs at least two points")
    assert isinstance(raw, list)
    out = []
    for i, point in enumerate(raw):
        require(isinstance(point, list) and len(point) == width
                and all(isinstance(v, int | float) for v in point), f"{where}[{i}]",
                f"must be {width} numbers")
        require(all(0.0 <= v <= 1.0 for v in point[1:]), f"{where}[{i}]",
                "colour and opacity must be within 0..1")
        out.append(tuple(float(v) for v in point))
    values = [p[0] for p in out]
    require(values == sorted(values), where, "values must increase")
    return tuple(out)


def parse_preset(data: dict, name: str) -> VolumePreset:
    """One preset from its parsed JSON; ResourceError names the file and the field."""
    for key in ("id", "name", "modalities", "units", "color", "opacity"):
        require(key in data, name, f"missing '{key}'")
    require(data["units"] in UNITS, f"{name}: units", f"must be one of {UNITS}")
    return VolumePreset(
        id=str(data["id"]),
        name=str(data["name"]),
        modalities=tuple(str(m) for m in data["modalities"]),
        default_for=tuple(str(m) for m in data.get("default_for", ())),
        units=str(data["units"]),
        color=_points(data["color"], 4, f"{name}: color"),  # type: ignore[arg-type]
        opacity=_points(data["opacity"], 2, f"{name}: opacity"),  # type: ignore[arg-type]
        shade=bool(data.get("shade", True)),
        ambient=float(data.get("ambient", 0.2)),
        diffuse=float(data.get("diffuse", 0.8)),
        specular=float(data.get("specular", 0.1)),
    )


@lru_cache(maxsize=1)
def all_presets() -> tuple[VolumePreset, ...]:
    """Every shipped preset, sorted by file name."""
    folder = resource_path(PRESET_FOLDER)
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    if not files:
        raise ResourceError(f"{PRESET_FOLDER}: no presets found")
    return tuple(parse_preset(load_json(path), path.name) for path in files)


def presets_for(modality: str) -> tuple[VolumePreset, ...]:
    """Presets of this modality, its default first; any preset when none names it."""
    matching = [p for p in all_presets() if modality in p.modalities]
    if not matching:
        matching = [p for p in all_presets() if p.units == "relative"] or list(all_presets())
    matching.sort(key=lambda p: modality not in p.default_for)
    return tuple(matching)


def value_scale(preset: VolumePreset, stack: ImageStack) -> tuple[float, float]:
    """(a, b) so that stored = a * preset_value + b for this stack."""
    if preset.units == "relative":
        sample = stack.pixels[:: max(1, stack.count // 16)]
        lo, hi = (float(v) for v in np.percentile(sample, (1.0, 99.0)))
        return max(hi - lo, 1.0), lo
    transform = stack.grayscale
    slope = transform.slope if transform.slope else 1.0
    return 1.0 / slope, -transform.intercept / slope


def stored_points(preset: VolumePreset, stack: ImageStack) -> tuple[list[tuple[float, ...]],
                                                                   list[tuple[float, ...]]]:
    """The preset's colour and opacity points with values in the stack's stored units."""
    a, b = value_scale(preset, stack)
    color = [(a * p[0] + b, *p[1:]) for p in preset.color]
    opacity = [(a * p[0] + b, *p[1:]) for p in preset.opacity]
    return color, opacity
