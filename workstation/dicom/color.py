"""Colour images: which ones the viewer shows, and how decoded frames become 8-bit RGB.

pydicom's decoders already return RGB for RGB (either Planar Configuration, PS3.3
C.7.6.3.1.3), YBR_FULL and YBR_FULL_422 (converted by the decoder's default ``as_rgb``),
YBR_ICT and YBR_RCT (inverted by the JPEG 2000 codec). What is left for each decoded frame:

- PALETTE COLOR (PS3.3 C.7.6.3.1.5): indices through the Red/Green/Blue Palette Color
  LUTs, using pydicom's ``apply_color_lut`` (normal and segmented palettes) once over the
  whole stored range, then a table lookup per frame;
- YBR_PARTIAL_422/420 (PS3.3 C.7.6.3.1.2), which pydicom leaves as partial-range YCbCr;
- samples wider than 8 bits, scaled onto 0..255.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from pydicom.dataset import Dataset
from pydicom.pixels import apply_color_lut

from workstation.core.color import to_rgb8, ybr_partial_to_rgb

PALETTE = "PALETTE COLOR"
THREE_SAMPLE = frozenset(
    {"RGB", "YBR_FULL", "YBR_FULL_422", "YBR_PARTIAL_422", "YBR_PARTIAL_420", "YBR_ICT",
     "YBR_RCT"}
)
YBR_PARTIAL = frozenset({"YBR_PARTIAL_422", "YBR_PARTIAL_420"})
# What colour stacks hold and say they are: 8-bit RGB.
DISPLAY_PHOTOMETRIC = "RGB"
DISPLAY_DTYPE = np.dtype(np.uint8)

FrameConverter = Callable[[np.ndarray], np.ndarray]


def is_color(photometric: str, samples: int) -> bool:
    """A colour image the viewer shows: three samples in an RGB/YBR space, or a palette."""
    return (samples == 3 and photometric in THREE_SAMPLE) or (
        samples == 1 and photometric == PALETTE
    )


def native_sample_count(photometric: str, samples: int, pixels: int) -> int:
    """Samples that uncompressed Pixel Data holds for ``pixels`` pixels: the 4:2:2 spaces
    store two samples per pixel, Cb and Cr halved horizontally (PS3.3 C.7.6.3.1.2)."""
    if samples == 3 and photometric in ("YBR_FULL_422", "YBR_PARTIAL_422"):
        return pixels * 2
    return pixels * samples


def _bits_stored(ds: Dataset) -> int:
    allocated = int(ds.get("BitsAllocated", 8) or 8)
    stored = int(ds.get("BitsStored", allocated) or allocated)
    return stored if 0 < stored <= allocated else allocated


def _little_endian_palette(ds: Dataset) -> Dataset:
    """The palette attributes with 16-bit LUT Data in little-endian byte order.

    ``apply_color_lut`` (pydicom 3.0) reads non-segmented OW palette data as little
    endian whatever the transfer syntax, which swaps the bytes of every 16-bit entry of a
    big-endian file (Explicit VR Big Endian, PS3.5 A.3). Those entries are swapped back
    here; segmented palettes are expanded by pydicom with the right byte order.
    """
    little = getattr(ds, "original_encoding", (None, None))[1]
    if little is not False or "RedPaletteColorLookupTableData" not in ds:
        return ds
    palette = Dataset()
    for colour in ("Red", "Green", "Blue", "Alpha"):
        descriptor = ds.get(f"{colour}PaletteColorLookupTableDescriptor")
        data = ds.get(f"{colour}PaletteColorLookupTableData")
        if descriptor is None or data is None:
            continue
        setattr(palette, f"{colour}PaletteColorLookupTableDescriptor", descriptor)
        entries = int(descriptor[0]) or 1 << 16
        raw = bytes(data)
        if len(raw) == 2 * entries:
            raw = np.frombuffer(raw, dtype=">u2").astype("<u2").tobytes()
        palette.add_new(f"{colour}PaletteColorLookupTableData", "OW", raw)
    return palette


def palette_table(ds: Dataset, stored_dtype: np.dtype) -> np.ndarray:
    """(2^bits, 3) uint8 RGB for every value of the stored type, lowest value first."""
    info = np.iinfo(stored_dtype)
    values = np.arange(int(info.min), int(info.max) + 1, dtype=stored_dtype)
    # An Alpha palette, if any, is not shown.
    rgb = apply_color_lut(values, _little_endian_palette(ds))[..., :3]
    max_value = 255 if rgb.dtype == np.uint8 else (1 << 16) - 1
    return to_rgb8(rgb, max_value)


def frame_converter(ds: Dataset) -> FrameConverter | None:
    """The per-frame conversion to (rows, cols, 3) uint8 RGB; None when the decoder's
    output already is that. Raises ValueError for a palette that cannot be read."""
    photometric = str(ds.get("PhotometricInterpretation", "") or "").strip().upper()
    if photometric == PALETTE:
        kind = "i" if int(ds.get("PixelRepresentation", 0) or 0) == 1 else "u"
        size = 2 if int(ds.get("BitsAllocated", 8) or 8) > 8 else 1
        dtype = np.dtype(f"{kind}{size}")
        table = palette_table(ds, dtype)
        lowest = int(np.iinfo(dtype).min)

        def through_palette(frame: np.ndarray) -> np.ndarray:
            if lowest == 0:
                return table[frame]
            return table[frame.astype(np.int64) - lowest]

        return through_palette
    max_value = (1 << _bits_stored(ds)) - 1
    if photometric in YBR_PARTIAL:
        return lambda frame: ybr_partial_to_rgb(to_rgb8(frame, max_value))
    if int(ds.get("BitsAllocated", 8) or 8) > 8:
        return lambda frame: to_rgb8(frame, max_value)
    return None
