"""Window/level values and the CT presets used on the number keys."""

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


# Number keys 1..5 in the viewer. The data-driven preset table arrives with the viewer
# issue; these are the classic values used by every CT reader.
CT_PRESETS: tuple[tuple[str, Window], ...] = (
    ("Brain", Window(40, 80, "Brain")),
    ("Lung", Window(-600, 1500, "Lung")),
    ("Mediastinum", Window(40, 400, "Mediastinum")),
    ("Abdomen", Window(50, 350, "Abdomen")),
    ("Bone", Window(400, 1800, "Bone")),
)
