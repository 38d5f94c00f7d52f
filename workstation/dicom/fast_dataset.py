"""Faster attribute reads on a parsed header, for building image records.

Validating and placing one file reads about forty attributes by keyword. Through
pydicom's generic path each read resolves the keyword (``__getattr__``, ``Tag``), and
the first read of an element converts its raw bytes (VR lookup, character set, value
parsing); together this cost about three times as much as parsing the file, and parsing
the headers was most of an uncompressed series load.

:func:`speed_up` gives a parsed dataset a ``get`` and ``in`` that look the keyword up in
a table and, for elements whose conversion depends on nothing but their own bytes, reuse
the value converted for an identical element of an earlier file (the files of one series
repeat most of their header byte for byte, PS3.3 C.7.3/C.7.4/C.7.6.2). Everything else -
ambiguous VRs (US or SS, resolved from Pixel Representation), sequences, private and
deferred elements, files without a Specific Character Set - goes through pydicom as
before, so the values read are the ones pydicom would return.

The memory of converted values lasts one batch of files (:func:`forgetting`): the files
of one series share it, and a later load converts its values afresh, as a first load
does. Values are shared between the datasets that hold the same bytes: the record builder
only reads them. Item access (``ds[tag]``) and attribute access (``ds.Rows``) are
pydicom's own and return per-dataset elements.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from pydicom.datadict import keyword_dict
from pydicom.dataelem import DataElement, RawDataElement
from pydicom.dataset import Dataset, FileDataset
from pydicom.valuerep import AMBIGUOUS_VR

_TAG_OF_KEYWORD: dict[str, int] = dict(keyword_dict)
# Converted values of raw elements, keyed by everything their conversion depends on.
_MEMO: dict[tuple[Any, ...], Any] = {}
_MEMO_LIMIT = 8192  # entries; a series repeats a few hundred distinct values
_MEMO_MAX_BYTES = 1024  # longer values (LUT data, private blobs) are not kept
_NOT_MEMOIZED_VRS = frozenset(AMBIGUOUS_VR) | {"SQ", "UN", None}
_MISSING = object()


def _value(ds: Dataset, tag: int, default: Any) -> Any:
    elem = ds._dict.get(tag, _MISSING)  # noqa: SLF001 - the element table itself
    if elem is _MISSING:
        return default
    if type(elem) is DataElement:
        return elem.value
    if type(elem) is RawDataElement:
        raw = elem
        charset = ds.original_character_set
        if (raw.value is not None and raw.VR not in _NOT_MEMOIZED_VRS and charset
                and len(raw.value) <= _MEMO_MAX_BYTES and not (tag >> 16) & 1):
            key = (tag, raw.VR, raw.value, raw.is_implicit_VR, raw.is_little_endian,
                   charset if isinstance(charset, str) else tuple(charset))
            value = _MEMO.get(key, _MISSING)
            if value is _MISSING:
                value = Dataset.__getitem__(ds, tag).value
                if len(_MEMO) >= _MEMO_LIMIT:
                    _MEMO.clear()
                _MEMO[key] = value
            return value
    return Dataset.__getitem__(ds, tag).value


class _FastGet:
    """``get`` and ``in`` by keyword without pydicom's generic attribute machinery."""

    def get(self, key: Any, default: Any = None) -> Any:
        if type(key) is str:
            tag = _TAG_OF_KEYWORD.get(key)
            if tag is not None:
                return _value(self, tag, default)  # type: ignore[arg-type]
        return Dataset.get(self, key, default)  # type: ignore[arg-type]

    def __contains__(self, name: Any) -> bool:
        if type(name) is str:
            tag = _TAG_OF_KEYWORD.get(name)
            if tag is not None:
                return tag in self._dict  # type: ignore[attr-defined]
        return Dataset.__contains__(self, name)  # type: ignore[arg-type]


class FastDataset(_FastGet, Dataset):
    """A :class:`Dataset` with the faster keyword reads."""


class FastFileDataset(_FastGet, FileDataset):
    """A :class:`FileDataset` with the faster keyword reads."""


@contextlib.contextmanager
def forgetting() -> Iterator[None]:
    """Converted values are remembered within this block only."""
    _MEMO.clear()
    try:
        yield
    finally:
        _MEMO.clear()


def speed_up(ds: Dataset) -> Dataset:
    """``ds`` itself, its keyword reads made faster (the elements are untouched)."""
    if type(ds) is FileDataset:
        ds.__class__ = FastFileDataset
    elif type(ds) is Dataset:
        ds.__class__ = FastDataset
    return ds
