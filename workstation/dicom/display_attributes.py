"""The grayscale display transforms a file carries, read into a core GrayscaleTransform.

PS3.3 C.11.1 Modality LUT (rescale, or a Modality LUT Sequence table), C.11.2 VOI LUT
(windows from :func:`workstation.dicom.header.windows`, and VOI LUT Sequence tables with
their LUT Explanation), C.11.6 Presentation LUT Shape, and pixel padding (Pixel Padding
Value, C.7.5.1.1.2, with Pixel Padding Range Limit, C.7.6.3). Only reading happens here;
the arithmetic is in :mod:`workstation.core.display`.
"""

from __future__ import annotations

import struct
from typing import Any

import numpy as np
import pydicom
from pydicom.dataset import Dataset

from workstation.core.grayscale import GrayscaleTransform, PixelPadding, presentation_for
from workstation.core.lut import LookupTable
from workstation.dicom.header import rescale, windows

BIG_ENDIAN_SYNTAX = "1.2.840.10008.1.2.2"


def _little_endian(ds: Dataset) -> bool:
    """Byte order of OW values: the encoding the file was read in (PS3.5 7.3)."""
    little = getattr(ds, "original_encoding", (None, None))[1]
    if little is not None:
        return bool(little)
    meta = getattr(ds, "file_meta", None)
    return str(getattr(meta, "TransferSyntaxUID", "") or "") != BIG_ENDIAN_SYNTAX


def _ints(value: Any) -> list[int]:
    if value is None:
        return []
    if isinstance(value, pydicom.multival.MultiValue | list | tuple):
        return [int(v) for v in value]
    return [int(value)]


def lut_data(item: Dataset, entries: int, bits: int, little: bool) -> np.ndarray:
    """LUT Data (0028,3006) entries, whether the file stored them as US or OW.

    US values arrive as integers. OW arrives as bytes in the file's byte order, one entry
    per 16-bit word; 8-bit tables written with two entries per word (the older encoding,
    recognisable by a byte count equal to the entry count) are read one entry per byte.
    """
    value = item["LUTData"].value
    if isinstance(value, bytes | bytearray):
        raw = bytes(value)
        if bits <= 8 and len(raw) == entries:
            return np.frombuffer(raw, dtype=np.uint8).astype(np.uint16)
        words = np.frombuffer(raw[: len(raw) // 2 * 2], dtype="<u2" if little else ">u2")
        return words.astype(np.uint16)
    return np.asarray(_ints(value), dtype=np.int64)


def lut_table(item: Dataset, little: bool, signed_input: bool) -> LookupTable | None:
    """One Modality or VOI LUT Sequence item as a table; None for an item without a
    usable descriptor or data (some files carry empty items)."""
    try:
        descriptor = _ints(item.get("LUTDescriptor"))
        if len(descriptor) != 3 or "LUTData" not in item or item["LUTData"].value is None:
            return None
        entries = descriptor[0] % (1 << 16) or 1 << 16
        data = lut_data(item, entries, descriptor[2], little)
        explanation = str(item.get("LUTExplanation", "") or "")
        return LookupTable.from_descriptor(descriptor, data, explanation, signed_input)
    except (TypeError, ValueError, KeyError):
        return None


def _tables(ds: Dataset, keyword: str, signed_input: bool) -> tuple[list[LookupTable], int]:
    """Usable tables of a LUT sequence, and how many non-empty items were unusable."""
    items = ds.get(keyword) or []
    little = _little_endian(ds)
    tables, broken = [], 0
    for item in items:
        table = lut_table(item, little, signed_input)
        if table is not None:
            tables.append(table)
        elif any(item.get(kw) not in (None, "", b"") for kw in ("LUTDescriptor", "LUTData")):
            broken += 1
    return tables, broken


def modality_table(ds: Dataset, signed_input: bool = False) -> LookupTable | None:
    """The Modality LUT Sequence (0028,3000) table; the sequence holds a single item."""
    tables, _ = _tables(ds, "ModalityLUTSequence", signed_input)
    return tables[0] if tables else None


def voi_tables(ds: Dataset, signed_input: bool = False) -> tuple[LookupTable, ...]:
    """Every VOI LUT Sequence (0028,3010) table, each with its LUT Explanation."""
    tables, _ = _tables(ds, "VOILUTSequence", signed_input)
    return tuple(tables)


def _stored_int(value: Any, dtype: np.dtype) -> int | None:
    """A stored-pixel-space value (US or SS by Pixel Representation), as the stored type
    reads it: a signed image's value written as US (or the reverse) is reinterpreted."""
    if isinstance(value, bytes | bytearray):
        if len(value) < 2:
            return None
        value = struct.unpack("<h" if dtype.kind == "i" else "<H", bytes(value[:2]))[0]
    if isinstance(value, pydicom.multival.MultiValue | list | tuple):
        value = value[0] if len(value) else None
    if value is None or isinstance(value, str | float):
        return None
    number = int(value)
    if dtype.kind not in "iu":
        return number
    info = np.iinfo(dtype)
    span = 1 << info.bits
    if number > info.max and number - span >= info.min:
        number -= span
    elif number < info.min and number + span <= info.max:
        number += span
    return number


def pixel_padding(ds: Dataset, dtype: np.dtype) -> PixelPadding | None:
    """Pixel Padding Value (0028,0120) and Pixel Padding Range Limit (0028,0121), in
    stored pixel space (PS3.3 C.7.5.1.1.2); the limit alone means nothing."""
    try:
        value = _stored_int(ds.get("PixelPaddingValue"), np.dtype(dtype))
        if value is None:
            return None
        limit = _stored_int(ds.get("PixelPaddingRangeLimit"), np.dtype(dtype))
    except (TypeError, ValueError, struct.error):
        return None
    return PixelPadding(value, limit)


def grayscale_transform(ds: Dataset, dtype: np.dtype, photometric: str) -> GrayscaleTransform:
    """Everything the grayscale pipeline applies to this file, with notes for the stack's
    warnings about transforms that were present but could not be used as written."""
    signed = int(ds.get("PixelRepresentation", 0) or 0) == 1
    slope, intercept = rescale(ds)
    notes = []
    modality, broken_modality = _tables(ds, "ModalityLUTSequence", signed)
    if broken_modality:
        notes.append("Modality LUT Sequence unreadable; rescale used")
    if modality and (slope, intercept) != (1.0, 0.0):
        notes.append("Modality LUT Sequence and rescale both present; the table is used")
    tables, broken_voi = _tables(ds, "VOILUTSequence", signed)
    if broken_voi:
        notes.append(f"{broken_voi} VOI LUT Sequence item(s) unreadable; ignored")
    shape = str(ds.get("PresentationLUTShape", "") or "")
    if photometric == "MONOCHROME1" and shape.strip().upper() == "IDENTITY":
        notes.append("Presentation LUT Shape IDENTITY on MONOCHROME1; shown as MONOCHROME1")
    return GrayscaleTransform(
        slope=slope,
        intercept=intercept,
        modality_table=modality[0] if modality else None,
        windows=windows(ds),
        voi_tables=tuple(tables),
        presentation=presentation_for(photometric, shape),
        padding=pixel_padding(ds, dtype),
        notes=tuple(notes),
    )
