"""Which slice a synchronised viewport shows when its partner moves.

Stacks in one frame of reference with parallel planes follow by patient position (PS3.3
C.7.4.1.1.1: one frame of reference, one coordinate system). A current and a prior are
two frames of reference: positions are not comparable, but the difference along the
slice normal between the two stacks is nearly constant, so they follow by position plus
an offset in millimetres, set when hung (top slices together) or when the reader
anchors them on two matching slices. Stacks without positions follow by index offset.
"""

from __future__ import annotations

import numpy as np

from workstation.core.stack import ImageStack

PARALLEL_COS = 0.99


def _placed(stack: ImageStack) -> bool:
    return len(stack.positions) == stack.count and stack.count > 0


def parallel(a: ImageStack, b: ImageStack) -> bool:
    """Both stacks have positions and parallel planes."""
    return _placed(a) and _placed(b) and abs(float(np.dot(a.normal, b.normal))) >= PARALLEL_COS


def same_frame(a: ImageStack, b: ImageStack) -> bool:
    fa, fb = a.header.frame_of_reference_uid, b.header.frame_of_reference_uid
    return bool(fa) and fa == fb and parallel(a, b)


def _along(stack: ImageStack, normal: np.ndarray) -> np.ndarray:
    return np.asarray(stack.positions, dtype=np.float64) @ normal


def top_offset(a: ImageStack, b: ImageStack) -> float:
    """Offset (mm along a's normal) that puts the end slices of the two stacks together:
    the head end of axial stacks (+z is superior in LPS), the left/posterior end of
    sagittal/coronal ones."""
    n = a.normal
    up = n if n[int(np.argmax(np.abs(n)))] > 0 else -n
    return anchor_offset(a, int(np.argmax(_along(a, up))), b, int(np.argmax(_along(b, up))))


def anchor_offset(a: ImageStack, ka: int, b: ImageStack, kb: int) -> float:
    """Offset (mm along a's normal) that makes slice ``kb`` of b match slice ``ka`` of a."""
    n = a.normal
    return float(_along(b, n)[kb] - _along(a, n)[ka])


def follow(a: ImageStack, k: int, b: ImageStack, *, offset_mm: float | None = None,
           index_offset: int = 0) -> int:
    """The slice of ``b`` to show when ``a`` shows slice ``k``."""
    if same_frame(a, b):
        offset_mm = 0.0
    if offset_mm is not None and parallel(a, b):
        n = a.normal
        target = float(_along(a, n)[k]) + offset_mm
        return int(np.argmin(np.abs(_along(b, n) - target)))
    return max(0, min(b.count - 1, k + index_offset))
