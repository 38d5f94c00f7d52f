"""What ``inspect`` says about one stack: identity, geometry, warnings and value range.

The value statistics are of the Modality LUT output (PS3.3 C.11.1: rescale, or the
Modality LUT Sequence) over every pixel of the stack. They are computed a few slices at a
time, so memory stays at one chunk of float64 values whatever the stack's size; the
volume itself is never converted.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from workstation.core.stack import ImageStack

# Slices per chunk: 8 x 512 x 512 float64 values are 16 MB.
_CHUNK_PIXELS = 2 * 1024 * 1024


def value_statistics(stack: ImageStack) -> tuple[float, float, float]:
    """(min, max, mean) of the Modality LUT output; colour stacks: of the RGB samples."""
    pixels = stack.pixels
    per_slice = max(1, int(np.prod(pixels.shape[1:])))
    step = max(1, _CHUNK_PIXELS // per_slice)
    grayscale = None if stack.is_color else stack.grayscale
    low, high, total, count = np.inf, -np.inf, 0.0, 0
    for start in range(0, pixels.shape[0], step):
        chunk = pixels[start:start + step]
        values = grayscale.modality(chunk) if grayscale is not None else chunk
        low = min(low, float(values.min()))
        high = max(high, float(values.max()))
        total += float(values.sum(dtype=np.float64))
        count += values.size
    return low, high, total / max(count, 1)


def _floats(values: Sequence[float] | np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in values]


def summarize(stack: ImageStack, files: Sequence[Path]) -> dict[str, Any]:
    """The ``inspect --json`` entry of one stack (keys as in the command's help)."""
    low, high, mean = value_statistics(stack)
    ordered: list[str] = []
    for path in files:  # one entry per file, in display order (multi-frame: once)
        if not ordered or ordered[-1] != str(path):
            ordered.append(str(path))
    origin = _floats(stack.positions[0]) if len(stack.positions) else None
    return {
        "series_uid": stack.header.series_uid,
        "modality": stack.header.modality,
        "rows": stack.rows,
        "columns": stack.columns,
        "count": stack.count,
        "spacing": _floats([stack.pixel_spacing[0], stack.pixel_spacing[1],
                            stack.slice_spacing]),
        "origin": origin,
        "orientation": _floats([*stack.row_cosine, *stack.column_cosine]),
        "warnings": list(stack.warnings),
        "min": round(low, 6),
        "max": round(high, 6),
        "mean": round(mean, 6),
        "files": ordered,
        "photometric": stack.photometric,
        "stored_type": str(stack.pixels.dtype),
        "values": "rgb samples" if stack.is_color else "modality lut output",
        "spacing_source": stack.spacing_source,
        "series_description": stack.header.series_description,
    }
