"""The encoded bytes of each frame of a file, read straight from the file or buffer.

A series is decoded frame by frame, possibly in other processes, so what travels is one
frame's encoded bytes plus the Image Pixel module attributes a decoder needs (PS3.3
C.7.6.3), never a whole pydicom Dataset. The header pass notes where the Pixel Data value
starts (pydicom's ``value_tell``); this module reads from there:

- native (uncompressed) data: frame ``k`` is the ``k``-th run of Rows x Columns x Samples x
  Bits Allocated / 8 bytes (PS3.5 8.1.1). Little-endian data of a whole-byte type is copied
  straight into the volume (:func:`read_native_into`), with the same masking of unused
  high bits that pydicom applies (PS3.5 8.1.1: bits above Bits Stored are not part of the
  value), so no intermediate array is made;
- encapsulated data: items after the Basic Offset Table, one or more fragments per frame
  (PS3.5 A.4); pydicom's ``generate_frames`` splits them, reading the file lazily.

Files whose frames cannot be cut out this way (big endian, deflated, 1-bit, colour by
plane) are left to pydicom whole; :func:`frame_plan` says which path a file takes.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import numpy as np
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate, generate_frames
from pydicom.uid import UID, ExplicitVRLittleEndian, ImplicitVRLittleEndian

from workstation.dicom.file_reader import Source, in_memory

PIXEL_DATA_TAG = 0x7FE00010
UNDEFINED_LENGTH = 0xFFFFFFFF
_LITTLE_ENDIAN_NATIVE = frozenset({ExplicitVRLittleEndian, ImplicitVRLittleEndian})
# Photometric interpretations that pydicom's decoders already return as 8-bit RGB.
_DECODED_AS_RGB = frozenset({"RGB", "YBR_FULL", "YBR_FULL_422", "YBR_ICT", "YBR_RCT"})


class FramePath(Enum):
    """How a file's frames reach the volume."""

    NATIVE = "native"  # raw little-endian bytes copied into the slots
    ENCAPSULATED = "encapsulated"  # one codestream per frame, decodable anywhere
    WHOLE = "whole"  # pydicom decodes the file's dataset (rare layouts)


@dataclass(frozen=True, slots=True)
class PixelDescription:
    """The Image Pixel module attributes a pydicom decoder reads (PS3.3 C.7.6.3.1)."""

    transfer_syntax: str
    rows: int
    columns: int
    samples_per_pixel: int
    bits_allocated: int
    bits_stored: int
    pixel_representation: int
    photometric: str
    planar_configuration: int
    frames: int

    @property
    def frame_bytes(self) -> int:
        return self.rows * self.columns * self.samples_per_pixel * self.bits_allocated // 8

    def frame_dataset(self, payload: bytes) -> Dataset:
        """A one-frame dataset around ``payload`` (a codestream, or native bytes) for the
        decoder registry; building it costs tens of microseconds."""
        ds = Dataset()
        ds.file_meta = FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = UID(self.transfer_syntax)
        ds.set_original_encoding(False, True)
        ds.Rows = self.rows
        ds.Columns = self.columns
        ds.SamplesPerPixel = self.samples_per_pixel
        ds.BitsAllocated = self.bits_allocated
        ds.BitsStored = self.bits_stored
        ds.HighBit = self.bits_stored - 1
        ds.PixelRepresentation = self.pixel_representation
        ds.PhotometricInterpretation = self.photometric
        if self.samples_per_pixel > 1:
            ds.PlanarConfiguration = self.planar_configuration
        ds.NumberOfFrames = 1
        if UID(self.transfer_syntax).is_encapsulated:
            ds.PixelData = encapsulate([payload])
            ds["PixelData"].VR = "OB"
        else:
            ds.PixelData = payload
            ds["PixelData"].VR = "OW" if self.bits_allocated > 8 else "OB"
        return ds


@dataclass(frozen=True, slots=True)
class PixelLocation:
    """Where the Pixel Data value is: ``offset`` in the file or buffer, ``length`` (None
    when undefined, as for encapsulated data), or the value itself when the parser has
    already read it (small values, deflated files whose offsets are not file offsets)."""

    offset: int
    length: int | None
    inline: bytes | None = None
    extended_offsets: tuple[bytes, bytes] | None = None


def _int(ds: Dataset, keyword: str, default: int) -> int:
    try:
        return int(ds.get(keyword, default) or default)
    except (TypeError, ValueError):
        return default


def describe(ds: Dataset) -> PixelDescription:
    """The pixel description of a parsed header (values already validated by the caller)."""
    bits_allocated = _int(ds, "BitsAllocated", 16)
    return PixelDescription(
        transfer_syntax=str(ds.file_meta.TransferSyntaxUID),
        rows=_int(ds, "Rows", 0),
        columns=_int(ds, "Columns", 0),
        samples_per_pixel=_int(ds, "SamplesPerPixel", 1),
        bits_allocated=bits_allocated,
        bits_stored=_int(ds, "BitsStored", bits_allocated),
        pixel_representation=_int(ds, "PixelRepresentation", 0),
        photometric=str(ds.get("PhotometricInterpretation") or "MONOCHROME2").strip(),
        planar_configuration=_int(ds, "PlanarConfiguration", 0),
        frames=_int(ds, "NumberOfFrames", 1),
    )


def locate(ds: Dataset) -> PixelLocation:
    """The Pixel Data value's place, from the element the header pass left deferred."""
    elem = ds.get_item(PIXEL_DATA_TAG, keep_deferred=True)
    extended = None
    if "ExtendedOffsetTable" in ds and "ExtendedOffsetTableLengths" in ds:
        extended = (bytes(ds.ExtendedOffsetTable), bytes(ds.ExtendedOffsetTableLengths))
    if isinstance(elem, RawDataElement):
        length = None if elem.length == UNDEFINED_LENGTH else int(elem.length)
        inline = bytes(elem.value) if elem.value is not None else None
        return PixelLocation(int(elem.value_tell or 0), length, inline, extended)
    value = ds.PixelData  # already converted by someone: keep the bytes
    return PixelLocation(0, len(value), bytes(value), extended)


def frame_plan(description: PixelDescription, dtype: np.dtype, channels: int) -> FramePath:
    """Which path the file's frames take (see the module docstring). Colour images other
    than 8-bit RGB/YBR_FULL codestreams need a per-frame conversion that reads the whole
    header (palettes), so they go to pydicom whole."""
    uid = UID(description.transfer_syntax)
    if channels > 1:
        direct = (uid.is_encapsulated and description.bits_allocated == 8
                  and description.samples_per_pixel == 3
                  and description.photometric.upper() in _DECODED_AS_RGB)
        return FramePath.ENCAPSULATED if direct else FramePath.WHOLE
    if uid.is_encapsulated:
        return FramePath.ENCAPSULATED
    whole_bytes = description.bits_allocated in (8, 16, 32)
    if (uid in _LITTLE_ENDIAN_NATIVE and whole_bytes and description.samples_per_pixel == 1
            and dtype.itemsize * 8 == description.bits_allocated and sys.byteorder == "little"):
        return FramePath.NATIVE
    return FramePath.WHOLE


def _open(source: Source) -> io.BufferedIOBase:
    if in_memory(source):
        return io.BytesIO(source)  # shares the bytes object, no copy
    return Path(source).open("rb")


def encoded_frames(source: Source, location: PixelLocation, frames: int) -> Iterator[bytes]:
    """The codestream of each frame of an encapsulated Pixel Data value, in order, read
    lazily: at most one frame is held at a time. Stops after ``frames`` frames; raises
    ValueError when the value holds fewer."""
    produced = 0
    if location.inline is not None:
        stream = generate_frames(location.inline, number_of_frames=frames,
                                 extended_offsets=location.extended_offsets)
        for frame in stream:
            yield frame
            produced += 1
            if produced == frames:
                return
    else:
        with _open(source) as handle:
            handle.seek(location.offset)
            stream = generate_frames(handle, number_of_frames=frames,
                                     extended_offsets=location.extended_offsets)
            for frame in stream:
                yield frame
                produced += 1
                if produced == frames:
                    return
    raise ValueError(f"pixel data holds {produced} of {frames} declared frames")


def _mask_unused_bits(view: np.ndarray, description: PixelDescription) -> None:
    """Clear (unsigned) or sign-extend (signed) the bits above Bits Stored, in place, as
    pydicom's ``correct_unused_bits`` does (PS3.5 8.1.1)."""
    shift = description.bits_allocated - description.bits_stored
    if not 0 < shift < description.bits_allocated:
        return
    # Values already within Bits Stored come out of the shifts unchanged; checking the
    # extremes (vectorised, one pass each) costs a tenth of the two shifting passes.
    bits = description.bits_stored
    if view.dtype.kind == "u":
        if int(view.max(initial=0)) < 1 << bits:
            return
        np.bitwise_and(view, view.dtype.type((1 << bits) - 1), out=view)
        return
    if view.size == 0 or (int(view.min()) >= -(1 << (bits - 1))
                          and int(view.max()) < 1 << (bits - 1)):
        return
    np.left_shift(view, shift, out=view)
    np.right_shift(view, shift, out=view)


def read_native_into(source: Source, location: PixelLocation, description: PixelDescription,
                     out: np.ndarray, frames: list[int], slots: list[int]) -> None:
    """Copy native little-endian frames ``frames[k]`` into ``out[slots[k]]`` without an
    intermediate array; ``out`` has the stored dtype in native (little-endian) order."""
    size = description.frame_bytes
    last = max(frames, default=-1) + 1
    if location.length is not None and location.length < size * last:
        raise ValueError("pixel data is shorter than its frames")
    dtype = out.dtype.newbyteorder("<")
    if location.inline is not None or in_memory(source):
        data = memoryview(location.inline if location.inline is not None else source)
        base = 0 if location.inline is not None else location.offset
        for frame, slot in zip(frames, slots, strict=True):
            chunk = data[base + frame * size: base + (frame + 1) * size]
            if len(chunk) < size:
                raise ValueError("pixel data is truncated")
            out[slot] = np.frombuffer(chunk, dtype=dtype).reshape(out.shape[1:])
            _mask_unused_bits(out[slot], description)
        return
    with Path(source).open("rb", buffering=0) as handle:
        for frame, slot in zip(frames, slots, strict=True):
            target = out[slot]
            if not target.flags.c_contiguous:
                raise ValueError("volume slices must be contiguous")
            handle.seek(location.offset + frame * size)
            if handle.readinto(memoryview(target).cast("B")) != size:
                raise ValueError("pixel data is truncated")
            _mask_unused_bits(target, description)
