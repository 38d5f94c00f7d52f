"""A decoded series (``LoadResult``) as a JSON header plus raw array buffers, and back.

The decoded-volume cache stores what the DICOM loader produced so that reopening a study
needs neither DICOM parsing nor decoding. The header is JSON: readable by any later
version, and unable to run code when read (unlike pickle, which would turn a tampered
cache file into code execution, were the AES-GCM tag ever bypassed). Arrays - the pixel
volume, slice positions, LUT tables - travel as separate buffers, written and read
without copies.

Dataclasses are encoded field by field with their class name; decoding accepts only the
classes in ``_CLASSES``, so a header can never make the decoder build anything else.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from enum import Enum
from typing import Any

import numpy as np

from workstation import __version__
from workstation.core.grayscale import GrayscaleTransform, PixelPadding, PresentationShape
from workstation.core.lut import LookupTable
from workstation.core.projection_info import ProjectionInfo
from workstation.core.stack import ImageStack, SeriesHeader
from workstation.core.window import VoiFunction, Window
from workstation.dicom.load_report import FileError, LoadResult

FORMAT = 1
_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (ImageStack, SeriesHeader, Window, GrayscaleTransform, LookupTable,
                PixelPadding, ProjectionInfo, FileError)
}
_ENUMS: dict[str, type[Enum]] = {cls.__name__: cls for cls in (VoiFunction, PresentationShape)}


class VolumeFormatError(ValueError):
    """The header was written by another version or does not describe a volume."""


def encode(result: LoadResult) -> tuple[bytes, list[np.ndarray]]:
    """The header (JSON, UTF-8) and the arrays it refers to by index, C-contiguous."""
    arrays: list[np.ndarray] = []

    def value(obj: Any) -> Any:
        if isinstance(obj, np.ndarray):
            arrays.append(np.ascontiguousarray(obj))
            return {"$array": len(arrays) - 1, "dtype": obj.dtype.str, "shape": list(obj.shape)}
        if isinstance(obj, Enum):
            return {"$enum": type(obj).__name__, "value": obj.value}
        if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            name = type(obj).__name__
            if name not in _CLASSES:
                raise TypeError(f"{name} cannot be stored in the volume cache")
            return {"$class": name, "fields": {f.name: value(getattr(obj, f.name))
                                               for f in dataclasses.fields(obj)}}
        if isinstance(obj, tuple | list):
            return {"$tuple": [value(v) for v in obj]}
        if isinstance(obj, np.generic):
            return obj.item()
        if obj is None or isinstance(obj, str | int | float | bool):
            return obj
        raise TypeError(f"{type(obj).__name__} cannot be stored in the volume cache")

    header = {
        "format": FORMAT,
        "version": __version__,
        "stacks": [value(s) for s in result.stacks],
        "errors": [value(e) for e in result.errors],
        "sources": [list(s) for s in result.sources],
    }
    return json.dumps(header, separators=(",", ":")).encode("utf-8"), arrays


def decode(header: bytes, buffers: Sequence[np.ndarray | bytearray]) -> LoadResult:
    """Rebuild the ``LoadResult``; the arrays are views of ``buffers`` (no copy)."""
    try:
        data = json.loads(header.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise VolumeFormatError("volume header is not JSON") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise VolumeFormatError("volume header of an unknown format")
    if data.get("version") != __version__:
        # Another loader version may decode differently: decode again from the DICOM.
        raise VolumeFormatError("volume written by another version")

    def value(obj: Any) -> Any:
        if isinstance(obj, dict):
            if "$array" in obj:
                return _array(buffers, obj)
            if "$enum" in obj:
                return _ENUMS[obj["$enum"]](obj["value"])
            if "$class" in obj:
                cls = _CLASSES[obj["$class"]]
                return cls(**{k: value(v) for k, v in obj["fields"].items()})
            if "$tuple" in obj:
                return tuple(value(v) for v in obj["$tuple"])
            raise VolumeFormatError("unknown value in the volume header")
        return obj

    try:
        stacks = [value(s) for s in data["stacks"]]
        errors = [value(e) for e in data["errors"]]
        sources = [tuple(int(i) for i in s) for s in data["sources"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise VolumeFormatError(f"volume header does not fit: {type(exc).__name__}") from None
    if not all(isinstance(s, ImageStack) for s in stacks):
        raise VolumeFormatError("volume header holds something other than stacks")
    return LoadResult(stacks=stacks, errors=errors, sources=sources)


def _array(buffers: Sequence[np.ndarray | bytearray], spec: dict[str, Any]) -> np.ndarray:
    index = int(spec["$array"])
    dtype = np.dtype(spec["dtype"])
    shape = tuple(int(n) for n in spec["shape"])
    if dtype.hasobject or not 0 <= index < len(buffers):
        raise VolumeFormatError("volume header refers to a missing array")
    raw = np.asarray(buffers[index]).view(np.uint8).reshape(-1)  # no copy
    if raw.size != dtype.itemsize * int(np.prod(shape, dtype=np.int64)):
        raise VolumeFormatError("volume array has the wrong size")
    return raw.view(dtype).reshape(shape)
