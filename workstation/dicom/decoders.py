"""Which pydicom 3 decoding plugin to use for each transfer syntax, fastest first.

pydicom picks the first *available* plugin in its own registration order, which is not the
fastest one: for JPEG-LS it prefers pylibjpeg (CharLS inside pylibjpeg-libjpeg) over
pyjpegls, although pyjpegls decodes the same codestream four times faster. This module keeps
an explicit order per transfer syntax (PS3.5 Section 10 and Annex A define the syntaxes) and
falls back to the next plugin when one fails on a particular codestream.

Measured with ``python -m workstation.dicom.decoder_timing`` on one 512x512 16-bit CT slice
(WG04 CT1; RLE, JPEG-LS and JPEG 2000 re-encoded from CT1_UNC by pydicom's encoders, JPEG
lossless and HTJ2K from the suite's CT1 files), median of 7 decodes on one thread of a
2-core x86-64 machine, ms per slice (pydicom 3.0.2, pylibjpeg 2.1 with -libjpeg 2.5,
-openjpeg 2.6, -rle 2.2, pyjpegls 1.5, Pillow 13):

==============================  =========  ========  ======  =======
Transfer syntax                 pylibjpeg  pyjpegls  Pillow  pydicom
==============================  =========  ========  ======  =======
Explicit VR Little (.1)         -          -         -       0.1
RLE Lossless (.5)               0.6        -         -       4.6
JPEG-LS Lossless (.4.80)        19.3       4.1       -       -
JPEG-LS Near-Lossless (.4.81)   18.5       4.6       -       -
JPEG Lossless SV1 (.4.70)       8.8        -         -       -
JPEG 2000 Lossless (.4.90)      27.1       -         26.2    -
JPEG 2000 (.4.91, ratio 10)     9.9        -         10.4    -
HTJ2K Lossless RPCL (.4.202)    3.4        -         -       -
JPEG Baseline (.4.50, 8-bit)    2.3        -         0.8     -
==============================  =========  ========  ======  =======

The ratios match those of slower machines (JPEG-LS pyjpegls 12.5 vs pylibjpeg 55 ms, RLE
pylibjpeg 1.6 vs pydicom 8.6 ms): pydicom's own order costs 4-5x on JPEG-LS; for RLE it
already prefers pylibjpeg when installed, and the pure-numpy decoder stays as the fallback.
JPEG Baseline was timed on
the 512x512 8-bit frames of fo-dicom HasFragmentSequence.dcm; Pillow (libjpeg-turbo) goes
first there, pylibjpeg stays first for JPEG Extended because Pillow refuses 12-bit data.
For JPEG 2000 both wrap OpenJPEG and are equal within noise; pylibjpeg stays first.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydicom.dataset import Dataset
from pydicom.pixels import get_decoder
from pydicom.pixels.decoders.base import Decoder
from pydicom.uid import (
    HTJ2K,
    JPEG2000,
    UID,
    HTJ2KLossless,
    HTJ2KLosslessRPCL,
    JPEG2000Lossless,
    JPEGBaseline8Bit,
    JPEGExtended12Bit,
    JPEGLossless,
    JPEGLosslessSV1,
    JPEGLSLossless,
    JPEGLSNearLossless,
    RLELossless,
)

# Fastest first, from the table in the module docstring. Plugins that pydicom offers but
# that are not listed here are still tried, after these.
PREFERRED_PLUGINS: dict[str, tuple[str, ...]] = {
    JPEGBaseline8Bit: ("pillow", "pylibjpeg", "gdcm"),
    JPEGExtended12Bit: ("pylibjpeg", "pillow", "gdcm"),  # Pillow: 8-bit only
    JPEGLossless: ("pylibjpeg", "gdcm"),
    JPEGLosslessSV1: ("pylibjpeg", "gdcm"),
    JPEGLSLossless: ("pyjpegls", "pylibjpeg", "gdcm"),
    JPEGLSNearLossless: ("pyjpegls", "pylibjpeg", "gdcm"),
    JPEG2000Lossless: ("pylibjpeg", "pillow", "gdcm"),
    JPEG2000: ("pylibjpeg", "pillow", "gdcm"),
    HTJ2KLossless: ("pylibjpeg",),
    HTJ2KLosslessRPCL: ("pylibjpeg",),
    HTJ2K: ("pylibjpeg",),
    RLELossless: ("pylibjpeg", "pydicom"),
}

# Syntaxes pydicom 3.0 does not know at all, named so that the error says what the file is.
_UNKNOWN_SYNTAX_NAMES: dict[str, str] = {
    "1.2.840.10008.1.2.4.110": "JPEG XL Lossless",
    "1.2.840.10008.1.2.4.111": "JPEG XL JPEG Recompression",
    "1.2.840.10008.1.2.4.112": "JPEG XL",
    "1.2.840.10008.1.2.8.1": "Deflated Image Frame Compression",
}

# Lossy transfer syntaxes (PS3.5 Section 8.2): pixels differ from what the modality produced,
# which the overlay must say (PS3.3 C.7.6.1.1.5 Lossy Image Compression).
LOSSY_SYNTAXES: frozenset[str] = frozenset(
    {
        JPEGBaseline8Bit,
        JPEGExtended12Bit,
        JPEGLSNearLossless,
        JPEG2000,
        HTJ2K,
        "1.2.840.10008.1.2.4.112",
        "1.2.840.10008.1.2.4.111",
        "1.2.840.10008.1.2.4.100",
        "1.2.840.10008.1.2.4.101",
        "1.2.840.10008.1.2.4.102",
        "1.2.840.10008.1.2.4.103",
        "1.2.840.10008.1.2.4.104",
        "1.2.840.10008.1.2.4.105",
        "1.2.840.10008.1.2.4.106",
        "1.2.840.10008.1.2.4.107",
        "1.2.840.10008.1.2.4.108",
    }
)


class DecodeError(Exception):
    """Pixel data could not be turned into an array; the message is safe to show and log."""


class UnsupportedTransferSyntaxError(DecodeError):
    """No installed plugin can decode this transfer syntax."""


def syntax_name(uid: str) -> str:
    """Human-readable name of a transfer syntax, also for UIDs pydicom does not know."""
    if uid in _UNKNOWN_SYNTAX_NAMES:
        return _UNKNOWN_SYNTAX_NAMES[uid]
    name = UID(uid).name
    return name if name != uid else "unknown transfer syntax"


def transfer_syntax(ds: Dataset) -> UID:
    """The dataset's transfer syntax (0002,0010); files without meta info need one set."""
    meta = getattr(ds, "file_meta", None)
    uid = getattr(meta, "TransferSyntaxUID", None) if meta is not None else None
    if not uid:
        raise DecodeError("file meta information has no Transfer Syntax UID (0002,0010)")
    return UID(str(uid))


def _decoder(uid: UID) -> Decoder:
    try:
        decoder = get_decoder(uid)
    except NotImplementedError:
        raise UnsupportedTransferSyntaxError(
            f"transfer syntax {syntax_name(uid)} ({uid}) is not supported: "
            "pydicom has no decoder for it and no plugin is installed that adds one"
        ) from None
    if not decoder.is_available:
        missing = "; ".join(decoder.missing_dependencies) or "a decoding plugin"
        raise UnsupportedTransferSyntaxError(
            f"transfer syntax {syntax_name(uid)} ({uid}) cannot be decoded: missing {missing}"
        )
    return decoder


def plugin_order(uid: str) -> list[str]:
    """Available plugins for ``uid``, fastest first; ``[""]`` for native (uncompressed) data."""
    decoder = _decoder(UID(uid))
    if decoder.is_native:
        return [""]
    available = list(decoder.available_plugins)
    preferred = [p for p in PREFERRED_PLUGINS.get(uid, ()) if p in available]
    return preferred + [p for p in available if p not in preferred]


def is_lossy(ds: Dataset) -> bool:
    """Lossy Image Compression (0028,2110) "01", or a lossy transfer syntax."""
    if str(ds.get("LossyImageCompression", "")).strip() == "01":
        return True
    meta = getattr(ds, "file_meta", None)
    uid = str(getattr(meta, "TransferSyntaxUID", "") or "") if meta is not None else ""
    return uid in LOSSY_SYNTAXES


def _decode_one(ds: Dataset, index: int | None, plugins: list[str]) -> tuple[np.ndarray, str]:
    """Decode frame ``index`` (all frames when None) with the first plugin that succeeds."""
    uid = transfer_syntax(ds)
    decoder = _decoder(uid)
    failures: list[str] = []
    for plugin in plugins:
        try:
            arr, _ = decoder.as_array(ds, index=index, decoding_plugin=plugin)
            return arr, plugin
        except (ValueError, RuntimeError, NotImplementedError, TypeError, KeyError) as exc:
            failures.append(f"{plugin or 'native'}: {_reason(exc)}")
    raise DecodeError(f"{syntax_name(uid)} pixel data could not be decoded ({'; '.join(failures)})")


def _reason(exc: BaseException) -> str:
    """The informative line of a decoder error: pydicom puts the plugin's own message on
    the last line, after a generic "Unable to decode..." heading."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    if not lines:
        return type(exc).__name__
    reason = lines[-1]
    plugin, sep, rest = reason.partition(": ")
    if sep and " " not in plugin:
        reason = rest
    return reason[:200]


def decode_into(ds: Dataset, out: np.ndarray, slots: Sequence[int] | None = None) -> None:
    """Decode every frame of ``ds`` into ``out`` (slices, rows, cols): frame ``k`` goes to
    ``out[slots[k]]`` (``out[k]`` without slots). Only the byte order is converted (big
    endian files), so the stored integer type is kept and no float copy is ever made.

    Frames are decoded one at a time so that a multi-frame file never needs a second copy
    of its whole volume; the plugin that worked for one frame is tried first on the next.
    """
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    targets = list(range(frames)) if slots is None else list(slots)
    if len(targets) != frames:
        raise DecodeError(f"{frames} frames declared, {len(targets)} destinations given")
    plugins = plugin_order(transfer_syntax(ds))
    for k, slot in enumerate(targets):
        arr, used = _decode_one(ds, k if frames > 1 else None, plugins)
        if arr.shape != out.shape[1:]:
            raise DecodeError(f"decoded frame has shape {arr.shape}, expected {out.shape[1:]}")
        if arr.dtype.newbyteorder("=") != out.dtype:
            raise DecodeError(f"decoded frame has type {arr.dtype}, expected {out.dtype}")
        out[slot] = arr
        if plugins[0] != used:
            plugins = [used] + [p for p in plugins if p != used]


def decode_frames(ds: Dataset) -> np.ndarray:
    """All frames of ``ds`` as one array with a leading frame axis, in the stored dtype."""
    plugins = plugin_order(transfer_syntax(ds))
    arr, _ = _decode_one(ds, None, plugins)
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    samples = int(ds.get("SamplesPerPixel", 1) or 1)
    if frames == 1:
        arr = arr[np.newaxis]
    expected_ndim = 3 if samples == 1 else 4
    if arr.ndim != expected_ndim:
        raise DecodeError(f"decoded pixel data has {arr.ndim} dimensions, expected {expected_ndim}")
    if not arr.dtype.isnative:
        arr = arr.astype(arr.dtype.newbyteorder("="))
    return arr
