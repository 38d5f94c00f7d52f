"""Hanging protocols as data: which studies a protocol is for, and how it hangs them.

A protocol (the idea of DICOM PS3.3 C.23 Hanging Protocol IOD, kept as JSON data) has
study-level matching rules and one or more stages; a stage is a grid of viewports, each
naming the series it shows (current study or prior N, chosen by series rules or by
pairing with another viewport's series), the image within that series (rules on the
image's laterality and view: one mammography series holds four views), the initial
window, the orientation (explicit turn/flip, or automatic from Image Laterality and
Patient Orientation for mammography), the horizontal alignment, and the sync groups.
Parsing checks every field and names the place of an error, like the schema in
``resources/schemas/hanging_protocol.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workstation.core.hanging.rules import (
    IMAGE_ATTRIBUTES,
    SERIES_ATTRIBUTES,
    STUDY_ATTRIBUTES,
    Rule,
    parse_rule,
)
from workstation.core.resource_files import require

VERSION = 1
ALIGNMENTS = ("center", "left", "right", "chest_wall")
SCALES = ("fit", "same_physical_size")
SYNC_KINDS = ("scroll", "window", "zoom")
MAX_SIDE = 4


@dataclass(frozen=True, slots=True)
class SeriesSelector:
    """Which series a viewport shows: of the current study (``prior`` 0) or of the
    ``prior``-th most recent prior; by rules, or the prior series paired with the series
    of viewport ``paired_with`` of the same stage."""

    prior: int = 0
    rules: tuple[Rule, ...] = ()
    paired_with: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"study": "prior" if self.prior else "current"}
        if self.prior:
            data["prior"] = self.prior
        if self.rules:
            data["rules"] = [r.to_dict() for r in self.rules]
        if self.paired_with is not None:
            data["paired_with"] = self.paired_with
        return data


@dataclass(frozen=True, slots=True)
class WindowSpec:
    """A preset of the modality by name (window_presets.json), or an explicit window."""

    preset: str = ""
    center: float | None = None
    width: float | None = None

    def to_dict(self) -> dict[str, Any]:
        if self.preset:
            return {"preset": self.preset}
        return {"center": self.center, "width": self.width}


@dataclass(frozen=True, slots=True)
class ViewportSpec:
    series: SeriesSelector
    image_rules: tuple[Rule, ...] = ()
    window: WindowSpec | None = None
    orientation: str = "as_stored"  # "as_stored", "explicit" or "mammography"
    rotation: int = 0
    flipped: bool = False
    align: str = "center"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"series": self.series.to_dict()}
        if self.image_rules:
            data["image"] = {"rules": [r.to_dict() for r in self.image_rules]}
        if self.window is not None:
            data["window"] = self.window.to_dict()
        if self.orientation == "mammography":
            data["orientation"] = {"mode": "mammography"}
        elif self.orientation == "explicit":
            data["orientation"] = {"mode": "explicit", "rotation": self.rotation,
                                   "flipped": self.flipped}
        if self.align != "center":
            data["align"] = self.align
        return data


@dataclass(frozen=True, slots=True)
class SyncGroup:
    """Viewports (indices in the stage) that follow each other in ``kinds``."""

    members: tuple[int, ...]
    kinds: tuple[str, ...] = ("scroll",)

    def to_dict(self) -> dict[str, Any]:
        return {"members": list(self.members), "sync": list(self.kinds)}


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    rows: int
    columns: int
    viewports: tuple[ViewportSpec, ...]
    scale: str = "fit"
    sync_groups: tuple[SyncGroup, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name, "rows": self.rows, "columns": self.columns,
            "viewports": [v.to_dict() for v in self.viewports],
        }
        if self.scale != "fit":
            data["scale"] = self.scale
        if self.sync_groups:
            data["sync_groups"] = [g.to_dict() for g in self.sync_groups]
        return data


@dataclass(frozen=True, slots=True)
class Protocol:
    id: str
    name: str
    rules: tuple[Rule, ...]
    stages: tuple[Stage, ...]
    description: str = ""
    user: bool = False  # saved by the reader: wins ties against a shipped protocol
    source: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": VERSION, "id": self.id, "name": self.name}
        if self.description:
            data["description"] = self.description
        data["match"] = [r.to_dict() for r in self.rules]
        data["stages"] = [s.to_dict() for s in self.stages]
        return data


# -- parsing ------------------------------------------------------------------------------


def _rules(data: Any, where: str, allowed: frozenset[str]) -> tuple[Rule, ...]:
    require(isinstance(data, list), where, "must be a list of rules")
    return tuple(parse_rule(r, f"{where}[{i}]", allowed) for i, r in enumerate(data))


def _keys(data: Any, where: str, allowed: set[str]) -> None:
    require(isinstance(data, dict), where, "must be an object")
    require(set(data) <= allowed, where, f"unknown keys {sorted(set(data) - allowed)}")


def _selector(data: Any, where: str, index: int) -> SeriesSelector:
    _keys(data, where, {"study", "prior", "rules", "paired_with"})
    study = data.get("study", "current")
    require(study in ("current", "prior"), f"{where}.study", "must be 'current' or 'prior'")
    prior = data.get("prior", 1 if study == "prior" else 0)
    require(isinstance(prior, int) and (prior >= 1 if study == "prior" else prior == 0),
            f"{where}.prior", "prior N counts from 1 (most recent), only for a prior study")
    paired = data.get("paired_with")
    require(paired is None or (isinstance(paired, int) and 0 <= paired and paired != index),
            f"{where}.paired_with", "must be the index of another viewport")
    return SeriesSelector(int(prior), _rules(data.get("rules", []), f"{where}.rules",
                                             SERIES_ATTRIBUTES), paired)


def _window(data: Any, where: str) -> WindowSpec:
    _keys(data, where, {"preset", "center", "width"})
    if "preset" in data:
        require(isinstance(data["preset"], str) and data["preset"] and len(data) == 1,
                where, "a preset name alone")
        return WindowSpec(preset=data["preset"])
    center, width = data.get("center"), data.get("width")
    require(isinstance(center, int | float) and isinstance(width, int | float) and width >= 1,
            where, "center and width (>= 1) are required without a preset name")
    return WindowSpec(center=float(center), width=float(width))


def _viewport(data: Any, where: str, index: int) -> ViewportSpec:
    _keys(data, where, {"series", "image", "window", "orientation", "align"})
    selector = _selector(data.get("series", {}), f"{where}.series", index)
    image = data.get("image", {"rules": []})
    _keys(image, f"{where}.image", {"rules"})
    image_rules = _rules(image.get("rules", []), f"{where}.image.rules", IMAGE_ATTRIBUTES)
    window = _window(data["window"], f"{where}.window") if "window" in data else None
    orientation = data.get("orientation", {"mode": "as_stored"})
    _keys(orientation, f"{where}.orientation", {"mode", "rotation", "flipped"})
    mode = orientation.get("mode", "as_stored")
    require(mode in ("as_stored", "explicit", "mammography"), f"{where}.orientation.mode",
            "must be as_stored, explicit or mammography")
    rotation = orientation.get("rotation", 0)
    require(rotation in (0, 1, 2, 3), f"{where}.orientation.rotation", "quarter turns 0..3")
    align = data.get("align", "center")
    require(align in ALIGNMENTS, f"{where}.align", f"one of {ALIGNMENTS}")
    return ViewportSpec(selector, image_rules, window, mode, int(rotation),
                        bool(orientation.get("flipped", False)), align)


def _stage(data: Any, where: str) -> Stage:
    _keys(data, where, {"name", "rows", "columns", "viewports", "scale", "sync_groups"})
    rows, columns = data.get("rows"), data.get("columns")
    require(isinstance(rows, int) and isinstance(columns, int) and 1 <= rows <= MAX_SIDE
            and 1 <= columns <= MAX_SIDE, where, "rows and columns 1..4")
    raw = data.get("viewports")
    require(isinstance(raw, list) and 1 <= len(raw) <= rows * columns, f"{where}.viewports",
            "1 to rows x columns viewports")
    viewports = tuple(_viewport(v, f"{where}.viewports[{i}]", i) for i, v in enumerate(raw))
    for i, v in enumerate(viewports):
        paired = v.series.paired_with
        require(paired is None or paired < len(viewports),
                f"{where}.viewports[{i}].series.paired_with", "no such viewport")
    scale = data.get("scale", "fit")
    require(scale in SCALES, f"{where}.scale", f"one of {SCALES}")
    groups = []
    for i, g in enumerate(data.get("sync_groups", [])):
        _keys(g, f"{where}.sync_groups[{i}]", {"members", "sync"})
        members, kinds = g.get("members"), g.get("sync", ["scroll"])
        require(isinstance(members, list) and len(members) >= 2 and all(
            isinstance(m, int) and 0 <= m < len(viewports) for m in members),
            f"{where}.sync_groups[{i}].members", "two or more viewport indices")
        require(isinstance(kinds, list) and set(kinds) <= set(SYNC_KINDS),
                f"{where}.sync_groups[{i}].sync", f"subset of {SYNC_KINDS}")
        groups.append(SyncGroup(tuple(members), tuple(kinds)))
    name = data.get("name", "")
    require(isinstance(name, str) and name, f"{where}.name", "must be a non-empty string")
    return Stage(name, rows, columns, viewports, scale, tuple(groups))


def parse_protocol(data: Any, *, user: bool = False, source: str = "") -> Protocol:
    """Validate and convert one protocol document; :class:`ResourceError` names the place."""
    _keys(data, "top level", {"$schema", "version", "id", "name", "description", "match",
                              "stages"})
    require(data.get("version") == VERSION, "version", f"must be {VERSION}")
    pid, name = data.get("id"), data.get("name")
    require(isinstance(pid, str) and pid, "id", "must be a non-empty string")
    require(isinstance(name, str) and name, "name", "must be a non-empty string")
    rules = _rules(data.get("match", []), "match", STUDY_ATTRIBUTES)
    stages = data.get("stages")
    require(isinstance(stages, list) and stages, "stages", "at least one stage")
    parsed = tuple(_stage(s, f"stages[{i}]") for i, s in enumerate(stages))
    return Protocol(pid, name, rules, parsed, str(data.get("description", "")), user, source)
