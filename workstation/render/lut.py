"""The VTK color table that turns stored pixel values into the displayed gray.

The table holds exactly one entry per stored value: entry i is
:func:`workstation.core.display.display_table` for stored value ``min + i`` (pixel
padding, Modality LUT, VOI LUT and Presentation LUT of PS3.4 Annex N in one step). With N
entries and the table range (min - 0.5, max + 0.5), vtkLookupTable computes the index as
floor((v - (min - 0.5)) * N / N) = v - min, so every integer maps to its own entry and the
gray on screen is the reference pipeline's value, not an interpolation of it.

Only VOI, transform or invert changes rebuild the table; changing slice never does.
"""

from __future__ import annotations

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonCore import VTK_UNSIGNED_CHAR, vtkLookupTable

from workstation.core.display import display_table, display_values
from workstation.core.grayscale import GrayscaleTransform, VoiTransform
from workstation.core.window import Window

# 16-bit data needs 65536 entries (256 kB RGBA). Wider ranges (32-bit data) are sampled at
# this many entries, each showing the display value at its centre.
MAX_ENTRIES = 1 << 20


def transform_table(
    stored_min: int,
    stored_max: int,
    transform: GrayscaleTransform,
    voi: VoiTransform,
    invert: bool,
) -> tuple[np.ndarray, tuple[float, float]]:
    """RGBA rows for the table and the table range that maps each stored value to its row."""
    count = int(stored_max) - int(stored_min) + 1
    if count <= MAX_ENTRIES:
        gray = display_table(stored_min, stored_max, transform, voi, invert)
    else:
        step = count / MAX_ENTRIES
        centers = stored_min - 0.5 + (np.arange(MAX_ENTRIES) + 0.5) * step
        gray = display_values(np.rint(centers).astype(np.int64), transform, voi, invert)
    value_range = (stored_min - 0.5, stored_max + 0.5)
    rgba = np.empty((gray.size, 4), dtype=np.uint8)
    rgba[:, :3] = gray[:, np.newaxis]
    rgba[:, 3] = 255
    return rgba, value_range


def gray_table(
    stored_min: int,
    stored_max: int,
    slope: float,
    intercept: float,
    window: Window,
    invert: bool,
) -> tuple[np.ndarray, tuple[float, float]]:
    """:func:`transform_table` for an image described by rescale alone."""
    transform = GrayscaleTransform(slope=float(slope), intercept=float(intercept))
    return transform_table(stored_min, stored_max, transform, window, invert)


class GrayLookupTable:
    """Owns the vtkLookupTable given to the image property and refills it on demand."""

    def __init__(self) -> None:
        self.vtk_table = vtkLookupTable()
        self._key: tuple[object, ...] | None = None

    def update(
        self,
        stored_min: int,
        stored_max: int,
        slope: float,
        intercept: float,
        window: Window,
        invert: bool,
    ) -> bool:
        """Refill for a rescale-only image; returns False when nothing changed."""
        transform = GrayscaleTransform(slope=float(slope), intercept=float(intercept))
        return self.update_transform(stored_min, stored_max, transform, window, invert)

    def update_transform(
        self,
        stored_min: int,
        stored_max: int,
        transform: GrayscaleTransform,
        voi: VoiTransform,
        invert: bool,
    ) -> bool:
        """Refill the table; returns False when nothing changed (no rebuild)."""
        key = (stored_min, stored_max, transform, voi, invert)
        if key == self._key:
            return False
        rgba, value_range = transform_table(stored_min, stored_max, transform, voi, invert)
        # A fresh array each time: SetTable() then marks the entries as inserted, so VTK's
        # Build() never replaces them with its default hue ramp. The copy (deep) lets VTK
        # append its below/above/NaN colors without touching numpy memory.
        array = numpy_to_vtk(rgba, deep=True, array_type=VTK_UNSIGNED_CHAR)
        table = self.vtk_table
        table.SetNumberOfTableValues(rgba.shape[0])
        table.SetTable(array)
        table.SetTableRange(*value_range)
        table.UseBelowRangeColorOff()
        table.UseAboveRangeColorOff()
        self._key = key
        return True
