"""Opening DICOM files given as paths or as raw bytes, with Pixel Data left unread.

Files are parsed with the Pixel Data value deferred (pydicom's ``defer_size``): the header
is enough to group, sort and allocate a series, and each file's pixel bytes are read only
when its slice is decoded, so a whole series is never held twice in memory.

Files on disk in the common layout (explicit VR little endian up to Pixel Data) are parsed
by :mod:`workstation.dicom.fast_reader`, which returns the dataset pydicom would, faster;
everything else by pydicom itself.

A Deflated Explicit VR Little Endian file (PS3.5 A.5) is inflated whole by the parser;
its inflated size is measured first, streaming and bounded, so that a small file that
inflates to gigabytes is refused instead of exhausting memory.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pydicom
from pydicom import config
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.errors import InvalidDicomError
from pydicom.uid import (
    DeflatedExplicitVRLittleEndian,
    ExplicitVRBigEndian,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
)

from workstation.dicom.fast_reader import read_file

Source = Path | bytes

# Reading never validates element values: a viewer shows what it was sent, and pydicom's
# validation warnings quote the offending value, which may be a patient's name or ID and
# must not reach the logs. (Writing validation is left as configured.)
config.settings.reading_validation_mode = config.IGNORE

# Values larger than this stay on disk until the slice is decoded.
_DEFER_BYTES = 64 * 1024
# A deflated dataset may inflate to at most this many bytes.
MAX_INFLATED_BYTES = 1024**3
# File meta information is read from at most this many leading bytes.
_META_BYTES = 64 * 1024
_CHUNK = 1024 * 1024
# Explicit VR with a 4-byte length (PS3.5 7.1.2).
_LONG_VRS = frozenset({b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN",
                       b"UR", b"UT", b"UV"})


class HeaderError(Exception):
    """The file is not a displayable DICOM image; the message names the reason, no PHI."""


def in_memory(source: Source) -> bool:
    return isinstance(source, bytes | bytearray | memoryview)


def source_size(source: Source) -> int:
    """Length in bytes of the whole file."""
    return len(source) if in_memory(source) else Path(source).stat().st_size


def source_label(source: Source, index: int) -> str:
    """How a source is named in error lists: the file name, or its place in the request."""
    if in_memory(source):
        return f"in-memory file #{index + 1}"
    return Path(source).name


def open_dataset(source: Source, *, pixels_deferred: bool = True) -> Dataset:
    """Parse a DICOM file (path or raw bytes), leaving Pixel Data unread when ``deferred``.

    Files without the PS3.10 preamble and "DICM" prefix are accepted when they still parse
    as a dataset with an SOP Class or Pixel Data, which is how some older archives store
    them; their transfer syntax is then the encoding the parser detected. Whatever the
    parser raises on a hostile file (OSError, ValueError, RecursionError on absurd
    nesting, ...) comes out as :class:`HeaderError`.
    """
    try:
        return _open(source, pixels_deferred)
    except HeaderError:
        raise
    except Exception as exc:  # noqa: BLE001 - parsers raise anything on hostile input
        raise HeaderError(describe_failure(exc)) from exc


def _head(source: Source, size: int) -> bytes:
    if in_memory(source):
        return bytes(source[:size])
    with open(source, "rb") as fp:
        return fp.read(size)


def _deflate_start(head: bytes) -> int | None:
    """Offset where a deflated dataset begins, when the file meta information (group
    0002, always explicit VR little endian, PS3.10 7.1) names the deflated syntax."""
    pos = 132 if head[128:132] == b"DICM" else 0
    deflated = False
    while pos + 8 <= len(head):
        group, _ = struct.unpack_from("<HH", head, pos)
        if group != 0x0002:
            break
        vr = head[pos + 4:pos + 6]
        if vr in _LONG_VRS:
            if pos + 12 > len(head):
                return None
            length = struct.unpack_from("<I", head, pos + 8)[0]
            start = pos + 12
        else:
            length = struct.unpack_from("<H", head, pos + 6)[0]
            start = pos + 8
        if head[pos:pos + 4] == b"\x02\x00\x10\x00":
            value = head[start:start + length].rstrip(b"\x00 ").decode("ascii", "replace")
            deflated = value == DeflatedExplicitVRLittleEndian
        pos = start + length
    return pos if deflated else None


def _chunks(source: Source, start: int) -> Iterator[bytes]:
    if in_memory(source):
        view = memoryview(source)
        for offset in range(start, len(view), _CHUNK):
            yield bytes(view[offset:offset + _CHUNK])
        return
    with open(source, "rb") as fp:
        fp.seek(start)
        while chunk := fp.read(_CHUNK):
            yield chunk


def _check_inflated_size(source: Source) -> None:
    """Refuse a deflated file whose dataset inflates beyond ``MAX_INFLATED_BYTES``,
    measured by streaming decompression that never holds more than one chunk."""
    start = _deflate_start(_head(source, _META_BYTES))
    if start is None:
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    total = 0
    for chunk in _chunks(source, start):
        while chunk:
            total += len(inflater.decompress(chunk, _CHUNK))
            chunk = inflater.unconsumed_tail
            if total > MAX_INFLATED_BYTES:
                raise HeaderError("deflated dataset inflates beyond the size limit")
        if inflater.eof:
            return


def _open(source: Source, pixels_deferred: bool) -> Dataset:
    defer = _DEFER_BYTES if pixels_deferred else None
    _check_inflated_size(source)
    force = False
    try:
        ds = _read(source, defer, force=False)
    except InvalidDicomError:
        force = True
        ds = _read(source, defer, force=True)
        if "SOPClassUID" not in ds and "PixelData" not in ds:
            raise HeaderError("not a DICOM file") from None
    syntax = ds.file_meta.get("TransferSyntaxUID") if hasattr(ds, "file_meta") else None
    if syntax == DeflatedExplicitVRLittleEndian and defer is not None:
        # A deferred value would be re-read at its offset in the inflated stream, which is
        # not an offset in the file (PS3.5 A.5): read the whole dataset now.
        return _read(source, None, force=force)
    if not syntax:
        _infer_native_syntax(ds)
    return ds


def _infer_native_syntax(ds: Dataset) -> None:
    """Set the Transfer Syntax UID of a file without one from the encoding it was read in,
    when the pixel data is native (a defined length; encapsulated data needs the UID)."""
    elem = ds.get_item(0x7FE00010, keep_deferred=True) if "PixelData" in ds else None
    length = getattr(elem, "length", None)
    if elem is None or length == 0xFFFFFFFF:
        return
    implicit, little = ds.original_encoding
    if implicit is None or little is None:
        return
    if little:
        uid = ImplicitVRLittleEndian if implicit else ExplicitVRLittleEndian
    else:
        uid = ExplicitVRBigEndian
    if not hasattr(ds, "file_meta"):
        ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = uid


def _read(source: Source, defer: int | None, force: bool) -> Dataset:
    if in_memory(source):
        return pydicom.dcmread(io.BytesIO(bytes(source)), defer_size=defer, force=force)
    if defer is not None and not force:
        ds = read_file(source, defer)  # the common layout, the same dataset, faster
        if ds is not None:
            return ds
    return pydicom.dcmread(str(source), defer_size=defer, force=force)


def describe_failure(exc: BaseException) -> str:
    """Short reason for a parser failure: the exception type and the first line of its
    message (parser messages name tags, offsets and VRs; element values are not logged)."""
    lines = str(exc).strip().splitlines()
    first = lines[0][:160] if lines else ""
    return f"unreadable DICOM file: {type(exc).__name__}" + (f": {first}" if first else "")
