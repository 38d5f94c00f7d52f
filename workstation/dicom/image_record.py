"""One parsed, validated image file: everything needed to place it in a stack before decoding.

Validation happens here, on the header alone, so that a file that can never be shown is
reported before memory is allocated for it: no pixel data, a photometric interpretation
the viewer cannot show (colour is shown as 8-bit RGB, see :mod:`workstation.dicom.color`),
absurd dimensions (a 46341 x 46341 header on a 10 kB file), or
uncompressed pixel data shorter than Rows x Columns x Frames x Bits Allocated declare
(PS3.5 8.1.1: native data is exactly that long, padded to even length), or more
encapsulated frames than the remaining bytes can hold (PS3.5 A.4: one fragment at least
per frame). The placement of every frame is read here too (:mod:`workstation.dicom.enhanced`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.uid import UID

from workstation.core.grayscale import GrayscaleTransform
from workstation.core.projection_info import ProjectionInfo
from workstation.core.stack import SeriesHeader
from workstation.core.window import Window
from workstation.dicom.color import (
    DISPLAY_DTYPE,
    DISPLAY_PHOTOMETRIC,
    is_color,
    native_sample_count,
)
from workstation.dicom.decoders import DecodeError, plugin_order, transfer_syntax
from workstation.dicom.display_attributes import grayscale_transform
from workstation.dicom.enhanced import FrameInfo, frame_infos
from workstation.dicom.file_reader import HeaderError, Source, source_size
from workstation.dicom.header import series_header
from workstation.dicom.projection import SpacingContext, projection_info

PIXEL_DATA_TAG = 0x7FE00010
UNDEFINED_LENGTH = 0xFFFFFFFF
# Refuse before allocating: one frame above 512 MiB (e.g. 16384 x 16384 x 16 bit) or one
# stack above 4 GiB is not a real image on a reading workstation.
MAX_FRAME_BYTES = 512 * 1024**2
MAX_STACK_BYTES = 4 * 1024**3
# All stacks of one series together (a 4D acquisition may hold several stacks).
MAX_SERIES_BYTES = 8 * 1024**3
# Smallest encapsulated frame: one fragment Item tag and length (PS3.5 A.4).
_MIN_ENCAPSULATED_FRAME_BYTES = 8
GRAYSCALE = ("MONOCHROME1", "MONOCHROME2")


@dataclass(slots=True)
class ImageRecord:
    """A file whose header passed validation; ``dataset`` still has its pixels deferred."""

    index: int
    label: str
    source: Source
    dataset: Dataset
    series_uid: str
    rows: int
    columns: int
    frames: int
    dtype: np.dtype
    photometric: str
    frames_info: tuple[FrameInfo, ...]  # placement of each frame (PS3.3 C.7.6.2, C.7.6.16)
    slope: float
    intercept: float
    windows: tuple[Window, ...]
    padding_value: int | None
    instance_number: int | None
    sop_uid: str
    header: SeriesHeader
    notes: tuple[str, ...] = ()
    channels: int = 1  # 3 for colour: frames are decoded to (rows, cols, 3) RGB
    grayscale: GrayscaleTransform | None = None  # None for colour
    # How Pixel Spacing is read (PS3.3 10.7.1.1), and side/view/scale for projection images.
    spacing_context: SpacingContext = SpacingContext()
    projection: ProjectionInfo | None = None

    @property
    def frame_bytes(self) -> int:
        return self.rows * self.columns * self.channels * self.dtype.itemsize


def _positive_int(ds: Dataset, keyword: str, default: int | None = None) -> int:
    value = ds.get(keyword, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise HeaderError(f"invalid {keyword} value") from None
    if number <= 0:
        raise HeaderError(f"invalid {keyword} value {number}")
    return number


def stored_dtype(bits_allocated: int, pixel_representation: int) -> np.dtype:
    """The numpy type pydicom decodes to (PS3.5 8.1.1); 1-bit data is unpacked to uint8."""
    if bits_allocated == 1:
        return np.dtype(np.uint8)
    if bits_allocated not in (8, 16, 32):
        raise HeaderError(f"Bits Allocated {bits_allocated} is not supported")
    kind = "i" if pixel_representation == 1 else "u"
    return np.dtype(f"{kind}{bits_allocated // 8}")


def _check_native_length(ds: Dataset, source: Source, expected: int) -> None:
    """Uncompressed Pixel Data must hold every declared frame, and must be in the file."""
    elem = ds.get_item(PIXEL_DATA_TAG, keep_deferred=True)
    if not isinstance(elem, RawDataElement) or elem.length == UNDEFINED_LENGTH:
        return
    if elem.value is not None:
        available = len(elem.value)  # already read (deflated files are read whole)
    else:
        available = min(elem.length, source_size(source) - (elem.value_tell or 0))
    if elem.length < expected:
        raise HeaderError(f"pixel data shorter than declared ({elem.length} of {expected} bytes)")
    if available < expected:
        raise HeaderError(f"file is truncated ({max(available, 0)} of {expected} pixel bytes)")


def _check_encapsulated_frames(ds: Dataset, source: Source, frames: int) -> None:
    """Each encapsulated frame takes at least one fragment: a Number of Frames the
    remaining bytes cannot hold is refused before anything is planned per frame."""
    elem = ds.get_item(PIXEL_DATA_TAG, keep_deferred=True)
    if not isinstance(elem, RawDataElement):
        return
    if elem.value is not None:
        available = len(elem.value)
    else:
        available = source_size(source) - (elem.value_tell or 0)
    if frames * _MIN_ENCAPSULATED_FRAME_BYTES > available:
        raise HeaderError(f"{frames} frames declared but the pixel data holds {available} bytes")


def make_record(index: int, label: str, source: Source, ds: Dataset) -> ImageRecord:
    """Validate ``ds`` for display and collect its placement attributes."""
    if PIXEL_DATA_TAG not in ds:
        if "FloatPixelData" in ds or "DoubleFloatPixelData" in ds:
            raise HeaderError("floating point pixel data is not supported")
        raise HeaderError("no pixel data")
    try:
        uid = transfer_syntax(ds)
        plugin_order(uid)
    except DecodeError as exc:
        raise HeaderError(str(exc)) from None
    rows = _positive_int(ds, "Rows")
    columns = _positive_int(ds, "Columns")
    frames = _positive_int(ds, "NumberOfFrames", 1)
    samples = _positive_int(ds, "SamplesPerPixel", 1)
    # A single-sample image without Photometric Interpretation is read as MONOCHROME2, as
    # the ACR-NEMA files that omit it intended.
    default_photometric = "MONOCHROME2" if samples == 1 else ""
    photometric = str(ds.get("PhotometricInterpretation") or default_photometric).strip().upper()
    color = is_color(photometric, samples)
    if not color and (samples != 1 or photometric not in GRAYSCALE):
        raise HeaderError(f"{photometric or 'unknown'} images with {samples} samples per "
                          "pixel are not supported")
    bits_allocated = _positive_int(ds, "BitsAllocated")
    dtype = stored_dtype(bits_allocated, int(ds.get("PixelRepresentation", 0) or 0))
    channels = 3 if color else 1
    if color:
        dtype = DISPLAY_DTYPE  # the stack holds what is shown: 8-bit RGB
    frame_bytes = rows * columns * channels * dtype.itemsize
    if frame_bytes > MAX_FRAME_BYTES or frames * frame_bytes > MAX_STACK_BYTES:
        raise HeaderError(f"image size {rows} x {columns} x {frames} frames is implausible")
    if not UID(uid).is_compressed:
        pixels = native_sample_count(photometric, samples, rows * columns * frames)
        expected = (pixels + 7) // 8 if bits_allocated == 1 else pixels * bits_allocated // 8
        _check_native_length(ds, source, expected)
    else:
        _check_encapsulated_frames(ds, source, frames)
    grayscale = None if color else grayscale_transform(ds, dtype, photometric)
    padding = grayscale.padding if grayscale is not None else None
    spacing = SpacingContext.from_dataset(ds)
    return ImageRecord(
        index=index,
        label=label,
        source=source,
        dataset=ds,
        series_uid=str(ds.get("SeriesInstanceUID", "") or ""),
        rows=rows,
        columns=columns,
        frames=frames,
        dtype=dtype,
        photometric=DISPLAY_PHOTOMETRIC if color else photometric,
        frames_info=frame_infos(ds, frames),
        slope=grayscale.slope if grayscale is not None else 1.0,
        intercept=grayscale.intercept if grayscale is not None else 0.0,
        windows=grayscale.windows if grayscale is not None else (),
        padding_value=padding.value if padding is not None else None,
        instance_number=_instance_number(ds),
        sop_uid=str(ds.get("SOPInstanceUID", "") or ""),
        header=series_header(ds),
        # Transforms present in the file but unusable as written, for the stack warnings.
        notes=grayscale.notes if grayscale is not None else (),
        channels=channels,
        grayscale=grayscale,
        spacing_context=spacing,
        projection=projection_info(ds, spacing),
    )


def _instance_number(ds: Dataset) -> int | None:
    try:
        value = ds.get("InstanceNumber")
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
