"""A window computed from the image itself, for images that bring none (or on request).

Statistics are taken on Modality LUT output (PS3.3 C.11.1), the units windows are given
in, with pixel padding left out (PS3.3 C.7.5.1.1.2: padding is not image data, and a
large padded border would otherwise drag the window towards it). The 0.5 and 99.5
percentiles ignore a few hot or dead pixels. The volume is subsampled (at most
:data:`MAX_SAMPLES` voxels, taken from evenly spaced slices and a regular in-plane grid),
so the cost does not grow with the stack.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from workstation.core.grayscale import GrayscaleTransform
from workstation.core.window import VoiFunction, Window

if TYPE_CHECKING:  # the stack module uses auto_window for its default window
    from workstation.core.stack import ImageStack

MAX_SAMPLES = 1 << 20
MAX_SLICES = 32
LOW_PERCENT = 0.5
HIGH_PERCENT = 99.5
AUTO_EXPLANATION = "AUTO"
# Stored ranges up to this size are counted with bincount; wider (32-bit) ones with unique.
_BINCOUNT_LIMIT = 1 << 22


def subsample(pixels: np.ndarray, max_samples: int = MAX_SAMPLES) -> np.ndarray:
    """At most about ``max_samples`` stored values of a (slices, rows, cols) volume."""
    count, rows, cols = pixels.shape[:3]
    slices = np.unique(np.linspace(0, count - 1, min(count, MAX_SLICES)).round().astype(int))
    per_slice = max(1, max_samples // len(slices))
    step = max(1, math.ceil(math.sqrt(rows * cols / per_slice)))
    return np.asarray(pixels[slices][:, ::step, ::step]).reshape(-1)


def histogram(stored: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct stored values and how often each occurs."""
    stored = np.asarray(stored).astype(np.int64)
    if stored.size == 0:
        return stored, stored
    low, high = int(stored.min()), int(stored.max())
    if high - low < _BINCOUNT_LIMIT:
        counts = np.bincount(stored - low)
        values = np.nonzero(counts)[0]
        return values + low, counts[values]
    values, counts = np.unique(stored, return_counts=True)
    return values, counts


def percentile_window(
    stored: np.ndarray,
    transform: GrayscaleTransform,
    low_percent: float = LOW_PERCENT,
    high_percent: float = HIGH_PERCENT,
) -> Window:
    """LINEAR window whose limits are the given percentiles of the Modality LUT output of
    ``stored`` without padding: the low percentile shows black and the high one white.

    With ``lo`` and ``hi`` the percentiles, center ``(lo + hi) / 2 + 0.5`` and width
    ``hi - lo + 1`` put the LINEAR limits (PS3.3 C.11.2.1.2.1) exactly on them.
    """
    stored = np.asarray(stored).reshape(-1)
    if transform.padding is not None:
        image = stored[~transform.padding_mask(stored)]
        stored = image if image.size else stored  # an all-padding image: use what there is
    if stored.size == 0:
        raise ValueError("no pixels to compute a window from")
    values, counts = histogram(stored)
    x = transform.modality(values)
    order = np.argsort(x, kind="stable")
    x, cumulative = x[order], np.cumsum(counts[order])
    total = float(cumulative[-1])
    last = len(x) - 1
    lo = float(x[min(last, int(np.searchsorted(cumulative, total * low_percent / 100.0)))])
    hi = float(x[min(last, int(np.searchsorted(cumulative, total * high_percent / 100.0)))])
    return Window((lo + hi) / 2.0 + 0.5, hi - lo + 1.0, AUTO_EXPLANATION, VoiFunction.LINEAR)


def auto_window(stack: ImageStack) -> Window:
    """The automatic window of a grayscale stack (see the module docstring).

    Raises ValueError for a colour stack, which is shown without a window.
    """
    if stack.is_color:
        raise ValueError("colour images have no window")
    return percentile_window(subsample(stack.pixels), stack.grayscale)
