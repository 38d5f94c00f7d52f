"""De-identification profiles: the shipped ``resources/anonymization/*.json`` as objects.

A profile is the PS3.15 Annex E Basic Application Confidentiality Profile plus options,
generated from Table E.1-1 by ``workstation.commands.build_deid_profiles``; this module
only reads it. Keys of ``actions`` are 8 hex digits of a tag, or one of the repeating /
private patterns (``50XXXXXX`` curves, ``60XX3000`` / ``60XX4000`` overlays,
``PRIVATE`` for odd groups).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workstation.core.resource_files import ResourceError, load_json, require, resource_path

FOLDER = "anonymization"
ACTIONS = frozenset("DZXKCU")
CURVES = "50XXXXXX"
OVERLAY_DATA = "60XX3000"
OVERLAY_COMMENTS = "60XX4000"
PRIVATE = "PRIVATE"


@dataclass(frozen=True, slots=True)
class MethodCode:
    """One CID 7050 item of the De-identification Method Code Sequence (0012,0064)."""

    value: str
    scheme: str
    meaning: str


@dataclass(frozen=True, slots=True)
class SafePrivate:
    """A private data element PS3.15 Table E.3.10-1 calls safe: kept by Retain Safe
    Private; identified by its private creator and the low byte of its element."""

    creator: str
    group: int
    element: int


@dataclass(frozen=True, slots=True)
class DeidProfile:
    name: str
    label: str
    description: str
    options: tuple[str, ...]
    method_codes: tuple[MethodCode, ...]
    dates: str  # "remove" | "shift" | "keep"
    clean_pixel_data: bool
    clean_visual_features: bool
    safe_private: tuple[SafePrivate, ...]
    actions: dict[str, str] = field(repr=False)  # key -> one of D Z X K C U

    def action_for_tag(self, tag: int) -> str | None:
        """The action for a public tag, a curve or an overlay element; None when the table
        does not list it (such attributes are kept)."""
        group, element = tag >> 16, tag & 0xFFFF
        if group & 0xFF01 == 0x5000 and group <= 0x501E:
            return self.actions.get(CURVES)
        if group & 0xFF01 == 0x6000 and group <= 0x601E and element in (0x3000, 0x4000):
            return self.actions.get(OVERLAY_DATA if element == 0x3000 else OVERLAY_COMMENTS)
        return self.actions.get(f"{tag:08X}")

    @property
    def private_action(self) -> str:
        return self.actions.get(PRIVATE, "X")

    @property
    def retains_uids(self) -> bool:
        return "rtnUIDsOpt" in self.options


def profile_names() -> list[str]:
    """Names of the shipped profiles, sorted."""
    return sorted(p.stem for p in resource_path(FOLDER).glob("*.json"))


def load_profile(name: str) -> DeidProfile:
    """The shipped profile ``name``; :class:`ResourceError` if unknown or malformed."""
    path = resource_path(FOLDER, f"{name}.json")
    if not path.is_file():
        raise ResourceError(
            f"unknown de-identification profile {name!r}; choose one of "
            + ", ".join(profile_names()))
    return parse_profile(load_json(path), path.name)


def parse_profile(data: dict, where: str) -> DeidProfile:
    actions: dict[str, str] = {}
    for key, entry in dict(data.get("actions", {})).items():
        action = entry.get("action") if isinstance(entry, dict) else None
        require(action in ACTIONS, f"{where}: {key}", f"bad action {action!r}")
        actions[str(key).upper()] = str(action)
    require(bool(actions), where, "no actions")
    dates = data.get("dates")
    require(dates in ("remove", "shift", "keep"), where, f"bad dates mode {dates!r}")
    try:
        codes = tuple(MethodCode(c["value"], c["scheme"], c["meaning"])
                      for c in data["methodCodes"])
        safe = tuple(SafePrivate(s["creator"], int(s["group"], 16), int(s["element"], 16))
                     for s in data.get("safePrivate", []))
        return DeidProfile(
            name=str(data["name"]), label=str(data["label"]),
            description=str(data.get("description", "")),
            options=tuple(data["options"]), method_codes=codes, dates=str(dates),
            clean_pixel_data=bool(data["cleanPixelData"]),
            clean_visual_features=bool(data["cleanVisualFeatures"]),
            safe_private=safe, actions=actions,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"{where}: {exc}") from exc
