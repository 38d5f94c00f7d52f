"""What is under the pointer: pixel indices, stored value, modality value and LPS position.

The modality value is the Modality LUT output (PS3.3 C.11.1: rescale or Modality LUT
Sequence), in Hounsfield units for CT; the patient position follows C.7.6.2.1.1 from the
slice's Image Position (Patient), the direction cosines and Pixel Spacing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workstation.core.stack import ImageStack


@dataclass(frozen=True, slots=True)
class ProbeResult:
    row: int
    col: int
    stored: int | tuple[int, ...]
    modality_value: float | None  # None for colour images
    unit: str  # "HU" for CT, "" when the modality has no fixed unit
    lps: tuple[float, float, float] | None  # None when the slice has no position

    def label(self) -> str:
        """One-line text for the viewport, e.g. "(120, 64)  40 HU": (column, row), value."""
        where = f"({self.col}, {self.row})"
        if self.modality_value is None:
            return f"{where}  RGB {self.stored}"
        value = f"{self.modality_value:.6g}"
        return f"{where}  {value} {self.unit}".rstrip()


def modality_unit(stack: ImageStack) -> str:
    """Unit of the Modality LUT output: HU for CT, otherwise none is implied."""
    return "HU" if stack.header.modality.upper() == "CT" else ""


def probe(stack: ImageStack, k: int, row: float, col: float) -> ProbeResult | None:
    """The pixel whose area contains (row, col) on slice ``k``; None outside the image."""
    r, c = int(np.floor(row + 0.5)), int(np.floor(col + 0.5))
    if not (0 <= k < stack.count and 0 <= r < stack.rows and 0 <= c < stack.columns):
        return None
    lps: tuple[float, float, float] | None = None
    if len(stack.positions) > k:
        x, y, z = (float(v) for v in stack.patient_point(k, r, c))
        lps = (x, y, z)
    if stack.is_color:
        stored = tuple(int(v) for v in stack.pixels[k, r, c])
        return ProbeResult(r, c, stored, None, "", lps)
    return ProbeResult(r, c, int(stack.pixels[k, r, c]), stack.modality_value(k, r, c),
                       modality_unit(stack), lps)
