"""Window/level values; the CT presets of the number keys come from data (``CT_PRESETS``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class VoiFunction(StrEnum):
    """VOI LUT Function (0028,1056), PS3.3 C.11.2.1.3."""

    LINEAR = "LINEAR"
    LINEAR_EXACT = "LINEAR_EXACT"
    SIGMOID = "SIGMOID"


@dataclass(frozen=True, slots=True)
class Window:
    """A window in Modality-LUT output units (HU for CT)."""

    center: float
    width: float
    explanation: str = ""
    function: VoiFunction = VoiFunction.LINEAR

    def moved(self, d_center: float, d_width: float, min_width: float = 1.0) -> Window:
        return Window(
            self.center + d_center,
            max(min_width, self.width + d_width),
            "",
            self.function,
        )


def __getattr__(name: str) -> object:
    """``CT_PRESETS``: (name, window) of the CT number-key presets, read from
    ``resources/presets/window_presets.json`` (:mod:`workstation.core.presets`)."""
    if name == "CT_PRESETS":
        from workstation.core.presets import presets_for

        return tuple((p.name, p.window) for p in presets_for("CT"))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
