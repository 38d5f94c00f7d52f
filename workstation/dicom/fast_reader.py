"""Parsing the common file layout faster than pydicom's general reader, with its result.

Parsing headers is most of an uncompressed series load, and pydicom's element generator,
written for every layout (implicit VR, big endian, undefined lengths, stop conditions,
specific tags, debugging), costs about 0.4 ms per CT header. Nearly every file a
workstation receives is explicit VR little endian (PS3.5 7.1.2; every encapsulated
transfer syntax uses it too, PS3.5 A.4) with defined element lengths up to Pixel Data.
:func:`read_file` walks such a header from one buffered read and builds the same
:class:`~pydicom.dataset.FileDataset` that ``dcmread(path, defer_size=...)`` returns: the
same raw elements (tag, VR, length, value bytes, value offset, encoding), the same file
meta information, preamble, original encoding and file name, so everything downstream,
deferred reads included, behaves as before.

Whatever is not that layout - implicit VR or big endian datasets, deflated files, a
command set, an unknown VR, a sequence or other element of undefined length before Pixel
Data, a file without the PS3.10 preamble - returns None, and the caller uses pydicom.
Encapsulated Pixel Data (undefined length) is measured with pydicom's own delimiter
search, as ``dcmread`` does.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import Any

from pydicom.charset import convert_encodings, default_encoding
from pydicom.dataelem import RawDataElement, convert_raw_data_element, empty_value_for_VR
from pydicom.dataset import Dataset, FileDataset
from pydicom.errors import InvalidDicomError
from pydicom.filereader import _read_file_meta_info, read_preamble
from pydicom.fileutil import read_undefined_length_value
from pydicom.tag import BaseTag, SequenceDelimiterTag
from pydicom.uid import (
    DeflatedExplicitVRLittleEndian,
    ExplicitVRBigEndian,
    ImplicitVRLittleEndian,
    PrivateTransferSyntaxes,
)
from pydicom.valuerep import EXPLICIT_VR_LENGTH_32, VR

PIXEL_DATA_TAG = 0x7FE00010
_CHARSET_TAG = 0x00080005
_ITEM_DELIMITER_TAG = 0xFFFEE00D
_UNDEFINED = 0xFFFFFFFF
_FIRST_READ = 16 * 1024  # a CT header is 2-4 kB; longer headers read on
_MAX_HEADER = 4 * 1024 * 1024
_SHORT = struct.Struct("<HH2sH")
_LONG_LENGTH = struct.Struct("<L")
_KNOWN_VRS = {vr.value.encode(): vr.value for vr in VR if len(vr.value) == 2}
_LONG_VRS = frozenset(vr.encode() for vr in EXPLICIT_VR_LENGTH_32)
_NOT_EXPLICIT_LITTLE = frozenset({ImplicitVRLittleEndian, ExplicitVRBigEndian,
                                  DeflatedExplicitVRLittleEndian, *PrivateTransferSyntaxes})


_new_raw = tuple.__new__  # RawDataElement's own __new__ without its argument handling


class _UnsupportedLayoutError(Exception):
    """A layout this reader leaves to pydicom."""


def read_file(path: Path | str, defer_size: int) -> FileDataset | None:
    """``pydicom.dcmread(path, defer_size=defer_size)`` for the common layout (see the
    module docstring), or None when the file is not that layout."""
    try:
        with open(str(path), "rb") as fp:
            return _read(fp, defer_size)
    except (_UnsupportedLayoutError, InvalidDicomError, EOFError, struct.error):
        return None


def _read(fp: Any, defer_size: int) -> FileDataset:
    preamble = read_preamble(fp, False)
    file_meta = _read_file_meta_info(fp)
    syntax = file_meta.get("TransferSyntaxUID")
    if syntax is None or syntax in _NOT_EXPLICIT_LITTLE:
        raise _UnsupportedLayoutError
    start = fp.tell()
    size = os.fstat(fp.fileno()).st_size
    if start >= size:
        raise _UnsupportedLayoutError  # no dataset: pydicom marks it implicit VR
    elements: dict[BaseTag, RawDataElement] = {}
    _scan(fp, start, size, defer_size, elements, first=True)
    dataset = Dataset(elements)
    encoding: Any = default_encoding
    if _CHARSET_TAG in elements:
        char_set = convert_raw_data_element(elements[BaseTag(_CHARSET_TAG)]).value
        encoding = convert_encodings(char_set)
    dataset.set_original_encoding(False, True, encoding)
    ds = FileDataset(fp, dataset, preamble, file_meta, False, True)
    ds.set_original_encoding(False, True, dataset._character_set)  # noqa: SLF001 - as pydicom
    return ds


def _scan(fp: Any, start: int, size: int, defer_size: int,
          elements: dict[BaseTag, RawDataElement], *, first: bool) -> None:
    """Raw elements from ``start`` to the end of the file, as pydicom's generator yields
    them for explicit VR little endian with ``defer_size``."""
    fp.seek(start)
    buf = fp.read(min(_FIRST_READ, size - start))
    base = start  # file offset of buf[0]
    pos = 0
    if first and len(buf) >= 6 and buf[4:6] not in _KNOWN_VRS:
        raise _UnsupportedLayoutError  # pydicom would switch to implicit VR here
    while True:
        if pos + 12 > len(buf) and base + len(buf) < size:
            if base + pos + _FIRST_READ > start + _MAX_HEADER:
                raise _UnsupportedLayoutError
            fp.seek(base + pos)
            buf = fp.read(min(max(_FIRST_READ, 2 * len(buf)), size - base - pos))
            base, pos = base + pos, 0
        if pos + 8 > len(buf):
            return  # end of file
        group, elem, vr_bytes, length = _SHORT.unpack_from(buf, pos)
        vr = _KNOWN_VRS.get(vr_bytes)
        if vr is None:
            raise _UnsupportedLayoutError
        if vr_bytes in _LONG_VRS:
            length = _LONG_LENGTH.unpack_from(buf, pos + 8)[0]
            head = 12
        else:
            head = 8
        tag = group << 16 | elem
        value_tell = base + pos + head
        if tag == _ITEM_DELIMITER_TAG:
            return
        if group == 0x0000 or group == 0x0002:
            raise _UnsupportedLayoutError  # a command set or misplaced meta: pydicom's business
        if length == _UNDEFINED:
            if tag != PIXEL_DATA_TAG or vr == "SQ" or vr == "UN":
                raise _UnsupportedLayoutError
            fp.seek(value_tell)
            value = read_undefined_length_value(fp, True, SequenceDelimiterTag, defer_size)
            elements[BaseTag(tag)] = RawDataElement(BaseTag(tag), vr, length, value,
                                                    value_tell, False, True)
            after = fp.tell()
            if after < size:
                _scan(fp, after, size, defer_size, elements, first=False)
            return
        end = value_tell + length
        if end > size:
            raise _UnsupportedLayoutError  # truncated: pydicom words that case itself
        if length > defer_size and tag != _CHARSET_TAG:
            value = None
        elif length == 0:
            value = empty_value_for_VR(vr, raw=True)
        elif end <= base + len(buf):
            value = buf[value_tell - base:end - base]
        else:
            fp.seek(value_tell)
            value = fp.read(length)
        key = BaseTag(tag)
        elements[key] = _new_raw(RawDataElement, (key, vr, length, value, value_tell, False,
                                                  True, True, False))
        if end > base + len(buf):  # the value ran past the buffer: continue after it
            if end >= size:
                return
            fp.seek(end)
            buf = fp.read(min(_FIRST_READ, size - end))
            base, pos = end, 0
        else:
            pos = end - base
