"""Colour pixels as the viewer shows them: 8-bit RGB.

Colour images are displayed directly, without Modality, VOI or Presentation LUTs (those
apply to grayscale only, PS3.4 N.1). The decoder delivers RGB for RGB, YBR_FULL(_422),
YBR_ICT and YBR_RCT data; what remains is done here with numpy: the partial-range YCbCr
of YBR_PARTIAL_422/420 (PS3.3 C.7.6.3.1.2) and samples wider than 8 bits (16-bit RGB,
16-bit palette entries) scaled onto 0..255.
"""

from __future__ import annotations

import numpy as np

# ITU-R BT.601 with Y in 16..235 and Cb/Cr in 16..240 (PS3.3 C.7.6.3.1.2, YBR_PARTIAL):
# inverse of Y = 0.2568R + 0.5041G + 0.0979B + 16, Cb = -0.1482R - 0.2910G + 0.4392B + 128,
# Cr = 0.4392R - 0.3678G - 0.0714B + 128.
_PARTIAL_FORWARD = np.array(
    [
        [0.2568, 0.5041, 0.0979],
        [-0.1482, -0.2910, 0.4392],
        [0.4392, -0.3678, -0.0714],
    ]
)
_PARTIAL_INVERSE = np.linalg.inv(_PARTIAL_FORWARD)
_PARTIAL_OFFSET = np.array([16.0, 128.0, 128.0])


def ybr_partial_to_rgb(ybr: np.ndarray) -> np.ndarray:
    """Partial-range YCbCr samples (..., 3) to 8-bit RGB."""
    ybr = np.asarray(ybr, dtype=np.float64)
    rgb = (ybr - _PARTIAL_OFFSET) @ _PARTIAL_INVERSE.T
    return np.clip(np.rint(rgb), 0, 255).astype(np.uint8)


def to_rgb8(samples: np.ndarray, max_value: int) -> np.ndarray:
    """Samples in 0..``max_value`` scaled linearly onto 0..255 (uint8 passes through)."""
    samples = np.asarray(samples)
    if samples.dtype == np.uint8 and max_value == 255:
        return samples
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    scaled = samples.astype(np.float64) * (255.0 / max_value)
    return np.clip(np.rint(scaled), 0, 255).astype(np.uint8)
