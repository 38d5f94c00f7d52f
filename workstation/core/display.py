"""Grayscale display pipeline, PS3.4 Annex N / PS3.3 C.11, in numpy.

Stored value -> pixel padding (PS3.3 C.7.5.1.1.2, shown as background) -> Modality LUT
(rescale or Modality LUT Sequence, C.11.1) -> VOI LUT (window or VOI LUT Sequence, C.11.2)
-> Presentation LUT (INVERSE for MONOCHROME1, C.11.6) -> 8-bit display value. The renderer
never re-implements these formulas: it asks :func:`display_table` for one output value per
possible stored value and hands that table to VTK, so what is tested here is exactly what
is on screen.
"""

from __future__ import annotations

import numpy as np

from workstation.core.grayscale import GrayscaleTransform, VoiTransform
from workstation.core.lut import LookupTable
from workstation.core.window import VoiFunction, Window

Y_MIN = 0.0
Y_MAX = 255.0


def modality_lut(stored: np.ndarray, slope: float, intercept: float) -> np.ndarray:
    """Rescale stored values to modality units: ``y = stored * slope + intercept`` (C.11.1)."""
    return stored.astype(np.float64) * float(slope) + float(intercept)


def voi_lut(
    x: np.ndarray, window: Window, y_min: float = Y_MIN, y_max: float = Y_MAX
) -> np.ndarray:
    """Apply a window to modality values (PS3.3 C.11.2.1.2).

    LINEAR:  x <= c-0.5-(w-1)/2 -> ymin; x > c-0.5+(w-1)/2 -> ymax;
             else ((x-(c-0.5))/(w-1)+0.5)*(ymax-ymin)+ymin.
    LINEAR_EXACT: x <= c-w/2 -> ymin; x > c+w/2 -> ymax; else ((x-c)/w+0.5)*(ymax-ymin)+ymin.
    SIGMOID: (ymax-ymin)/(1+exp(-4(x-c)/w))+ymin.
    """
    x = np.asarray(x, dtype=np.float64)
    c, w = float(window.center), float(window.width)
    span = y_max - y_min
    if window.function is VoiFunction.SIGMOID:
        return span / (1.0 + np.exp(-4.0 * (x - c) / max(w, 1e-9))) + y_min
    if window.function is VoiFunction.LINEAR_EXACT:
        w = max(w, 1e-9)
        y = ((x - c) / w + 0.5) * span + y_min
        y = np.where(x <= c - w / 2.0, y_min, y)
        return np.where(x > c + w / 2.0, y_max, y)
    w = max(w, 1.0)
    if w == 1.0:
        # Width 1 is a threshold at c - 0.5 (the formula's denominator vanishes).
        return np.where(x > c - 0.5, y_max, y_min)
    y = ((x - (c - 0.5)) / (w - 1.0) + 0.5) * span + y_min
    y = np.where(x <= c - 0.5 - (w - 1.0) / 2.0, y_min, y)
    return np.where(x > c - 0.5 + (w - 1.0) / 2.0, y_max, y)


def display_lut(
    stored_min: int,
    stored_max: int,
    slope: float,
    intercept: float,
    window: Window,
    invert: bool = False,
) -> np.ndarray:
    """8-bit display value for every stored value in ``[stored_min, stored_max]``.

    ``invert`` is the Presentation LUT Shape INVERSE (MONOCHROME1, or the user's invert).
    Entry ``i`` belongs to stored value ``stored_min + i``.
    """
    stored = np.arange(int(stored_min), int(stored_max) + 1, dtype=np.int64)
    y = voi_lut(modality_lut(stored, slope, intercept), window)
    if invert:
        y = Y_MAX - y
    return np.clip(np.rint(y), 0, 255).astype(np.uint8)


def apply_display(
    stored: np.ndarray, slope: float, intercept: float, window: Window, invert: bool = False
) -> np.ndarray:
    """Full pipeline on an array of stored values; the reference for render tests."""
    y = voi_lut(modality_lut(stored, slope, intercept), window)
    if invert:
        y = Y_MAX - y
    return np.clip(np.rint(y), 0, 255).astype(np.uint8)


# Display value of padding pixels: black whatever the window and the inversion, so that
# background air stays black while windowing (IHE MAMMO) on MONOCHROME1 images too.
BACKGROUND = 0


def voi_table_lut(
    x: np.ndarray, table: LookupTable, y_min: float = Y_MIN, y_max: float = Y_MAX
) -> np.ndarray:
    """Apply a VOI LUT Sequence table to modality values (PS3.3 C.11.2.1.1).

    The table's output spans 0 .. 2^bits - 1 (bits = third LUT Descriptor value); it is
    scaled linearly onto the display range, so an 8-, 10-, 12- or 16-bit table all reach
    white at their maximum entry.
    """
    out = table.apply(x).astype(np.float64)
    return out * ((y_max - y_min) / table.max_output) + y_min


def voi_values(
    x: np.ndarray, voi: VoiTransform, y_min: float = Y_MIN, y_max: float = Y_MAX
) -> np.ndarray:
    """VOI output of modality values for a window or a VOI LUT table."""
    if isinstance(voi, LookupTable):
        return voi_table_lut(x, voi, y_min, y_max)
    return voi_lut(x, voi, y_min, y_max)


def display_values(
    stored: np.ndarray,
    transform: GrayscaleTransform,
    voi: VoiTransform,
    invert: bool = False,
) -> np.ndarray:
    """The whole pipeline on stored values: 8-bit display value of each.

    ``invert`` is the user's invert toggle; it is combined with the image's Presentation
    LUT Shape (INVERSE for MONOCHROME1), so toggling a MONOCHROME1 image shows its
    minimum black. Padding is :data:`BACKGROUND` in every case.
    """
    stored = np.asarray(stored)
    y = voi_values(transform.modality(stored), voi)
    if transform.inverse != bool(invert):
        y = Y_MAX - y
    out = np.clip(np.rint(y), 0, 255).astype(np.uint8)
    if transform.padding is not None:
        out[transform.padding_mask(stored)] = BACKGROUND
    return out


def display_table(
    stored_min: int,
    stored_max: int,
    transform: GrayscaleTransform,
    voi: VoiTransform,
    invert: bool = False,
) -> np.ndarray:
    """8-bit display value for every stored value in ``[stored_min, stored_max]``;
    entry ``i`` belongs to stored value ``stored_min + i``."""
    stored = np.arange(int(stored_min), int(stored_max) + 1, dtype=np.int64)
    return display_values(stored, transform, voi, invert)
