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
-openjpeg 2.6, -rle 2.2, pyjpegls 1.5, python-gdcm 3.2.6, Pillow 13):

==============================  =========  ========  ====  ======  =======
Transfer syntax                 pylibjpeg  pyjpegls  gdcm  Pillow  pydicom
==============================  =========  ========  ====  ======  =======
Explicit VR Little (.1)         -          -         -     -       0.1
Explicit VR Big (.2), Deflated  -          -         -     -       0.1
RLE Lossless (.5)               0.6        -         -     -       3.4
JPEG-LS Lossless (.4.80)        19.9       4.1       8.0   -       -
JPEG-LS Near-Lossless (.4.81)   18.5       4.6       8.4   -       -
JPEG Lossless SV1 (.4.70)       9.3        -         5.6   -       -
JPEG 2000 Lossless (.4.90)      24.1       -         16.2  24.3    -
JPEG 2000 (.4.91, ratio 10)     10.9       -         11.4  11.3    -
HTJ2K Lossless RPCL (.4.202)    3.6        -         -     -       -
JPEG Baseline (.4.50, 8-bit)    3.8        -         4.3   1.1     -
==============================  =========  ========  ====  ======  =======

Larger images keep the ranking: JPEG 2000 lossless gdcm / pylibjpeg 53 / 80 ms at
1024x1024 (MR2_J2KR), 112 / 128 at 1760x1760 (RG3_J2KR), 377 / 524 at 2128x2000; JPEG
lossless 131 / 171 ms for a 3062x2394 mammogram (GH133); JPEG 2000 lossy goes the other
way (RG1_J2KI 1955x1841: pylibjpeg 115, Pillow 126, gdcm 142 ms). JPEG Baseline was timed
on the 535x800 leadtools file and the 512x512 frames of HasFragmentSequence.dcm (Pillow 43,
gdcm 121, pylibjpeg 163 ms for 96 frames); Pillow and gdcm (both libjpeg-turbo) decode
identical pixels, pylibjpeg's IDCT differs by a few grey levels, so it goes last. JPEG
Extended stays with pylibjpeg first: Pillow and gdcm refuse 12-bit samples. Every lossless
file of the shared suite decodes to identical pixels with every plugin that accepts it,
except Pillow on TOSHIBA_J2K_SIZ1_PixRep0 (unsigned data marked signed in the codestream:
values off by 32768), which is why Pillow comes last for JPEG 2000.

None of the plugins releases the GIL (two threads decode no faster than one); parallel
decoding therefore uses processes, see :mod:`workstation.dicom.decode_pool`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

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
    JPEGBaseline8Bit: ("pillow", "gdcm", "pylibjpeg"),
    JPEGExtended12Bit: ("pylibjpeg", "pillow", "gdcm"),  # Pillow and gdcm: 8-bit only
    JPEGLossless: ("gdcm", "pylibjpeg"),
    JPEGLosslessSV1: ("gdcm", "pylibjpeg"),
    JPEGLSLossless: ("pyjpegls", "gdcm", "pylibjpeg"),
    JPEGLSNearLossless: ("pyjpegls", "gdcm", "pylibjpeg"),
    JPEG2000Lossless: ("gdcm", "pylibjpeg", "pillow"),
    JPEG2000: ("pylibjpeg", "gdcm", "pillow"),
    HTJ2KLossless: ("pylibjpeg",),
    HTJ2KLosslessRPCL: ("pylibjpeg",),
    HTJ2K: ("pylibjpeg",),
    RLELossless: ("pylibjpeg", "pydicom"),
}

# In the pool's worker processes every core is already busy with other frames, so what
# counts is CPU time per frame, not wall time: gdcm's JPEG 2000 decoder runs OpenJPEG on
# all cores (15.6 ms wall but 26.6 ms CPU per CT slice here, vs 23.4 / 23.4 for pylibjpeg)
# and loses there. These orders replace the ones above in worker processes.
THROUGHPUT_PLUGINS: dict[str, tuple[str, ...]] = {
    JPEG2000Lossless: ("pylibjpeg", "gdcm", "pillow"),
    JPEG2000: ("pylibjpeg", "gdcm", "pillow"),
}
_throughput_order = False


def use_throughput_order(enabled: bool = True) -> None:
    """Rank plugins by CPU time per frame (worker processes) instead of wall time."""
    global _throughput_order
    _throughput_order = enabled


# Decoding cost of the first plugin above, ms per megapixel of 16-bit grayscale (the table
# divided by 0.26 MP); the loader uses it to decide whether worker processes pay off.
DECODE_MS_PER_MEGAPIXEL: dict[str, float] = {
    RLELossless: 2.3,
    JPEGBaseline8Bit: 2.6,
    JPEGExtended12Bit: 7.0,
    JPEGLossless: 21.0,
    JPEGLosslessSV1: 21.0,
    JPEGLSLossless: 16.0,
    JPEGLSNearLossless: 18.0,
    JPEG2000Lossless: 62.0,
    JPEG2000: 42.0,
    HTJ2KLossless: 14.0,
    HTJ2KLosslessRPCL: 14.0,
    HTJ2K: 14.0,
}
UNCOMPRESSED_MS_PER_MEGAPIXEL = 0.4

# Syntaxes pydicom 3.0 does not know at all, named so that the error says what the file is
# and what would be needed to show it.
_UNKNOWN_SYNTAX_NAMES: dict[str, str] = {
    "1.2.840.10008.1.2.4.110": "JPEG XL Lossless",
    "1.2.840.10008.1.2.4.111": "JPEG XL JPEG Recompression",
    "1.2.840.10008.1.2.4.112": "JPEG XL",
    "1.2.840.10008.1.2.8.1": "Deflated Image Frame Compression",
}
_MISSING_DECODERS: dict[str, str] = {
    "1.2.840.10008.1.2.4.110": "a JPEG XL decoder (libjxl) registered as a pydicom plugin",
    "1.2.840.10008.1.2.4.111": "a JPEG XL decoder (libjxl) registered as a pydicom plugin",
    "1.2.840.10008.1.2.4.112": "a JPEG XL decoder (libjxl) registered as a pydicom plugin",
    "1.2.840.10008.1.2.8.1": "a per-frame deflate decoder registered as a pydicom plugin",
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
        needed = _MISSING_DECODERS.get(str(uid), "a decoder plugin for it")
        raise UnsupportedTransferSyntaxError(
            f"transfer syntax {syntax_name(uid)} ({uid}) is not supported: "
            f"pydicom has no decoder for it and none is installed; missing {needed}"
        ) from None
    if not decoder.is_available:
        missing = "; ".join(decoder.missing_dependencies) or "a decoding plugin"
        raise UnsupportedTransferSyntaxError(
            f"transfer syntax {syntax_name(uid)} ({uid}) cannot be decoded: missing {missing}"
        )
    return decoder


def plugin_order(uid: str) -> list[str]:
    """Available plugins for ``uid``, fastest first; ``[""]`` for native (uncompressed) data."""
    return list(_plugin_order(str(uid), _throughput_order))


@functools.lru_cache(maxsize=64)
def _plugin_order(uid: str, throughput: bool) -> tuple[str, ...]:
    """Asked for every file and frame; the installed plugins do not change while running
    (an unsupported syntax raises, and exceptions are not cached)."""
    decoder = _decoder(UID(uid))
    if decoder.is_native:
        return ("",)
    available = list(decoder.available_plugins)
    table = THROUGHPUT_PLUGINS if throughput and uid in THROUGHPUT_PLUGINS else (
        PREFERRED_PLUGINS)
    preferred = [p for p in table.get(uid, ()) if p in available]
    return tuple(preferred + [p for p in available if p not in preferred])


def decode_cost_ms(uid: str, pixels: int) -> float:
    """Estimated single-core decoding time of ``pixels`` pixels in transfer syntax ``uid``,
    from the measurements in the module docstring."""
    native = uid in ("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2",
                     "1.2.840.10008.1.2.1.99")
    per_megapixel = DECODE_MS_PER_MEGAPIXEL.get(
        uid, UNCOMPRESSED_MS_PER_MEGAPIXEL if native else 50.0)
    return per_megapixel * pixels / 1e6


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
        except Exception as exc:  # noqa: BLE001 - any plugin failure moves on to the next
            failures.append(f"{plugin or 'native'}: {_reason(exc)}")
        except BaseException as exc:
            # Rust codecs (pylibjpeg-rle) turn a panic on hostile data into pyo3's
            # PanicException, a BaseException: a failure of this plugin, not of the program.
            if type(exc).__name__ != "PanicException":
                raise
            failures.append(f"{plugin or 'native'}: decoder panicked: {_reason(exc)}")
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


# Plugins that :func:`decode_codestream` calls without pydicom's decoding machinery, for
# the syntaxes where they come first. Per CT slice that machinery (options, validation,
# codestream parameters, intermediate buffers) cost 1.3 ms on top of pyjpegls' 4.5 ms
# and 0.6 ms on top of OpenJPEG's 3.4 ms for HTJ2K, a fifth of a compressed load.
_DIRECT_PLUGINS: dict[str, str] = {
    JPEGLSLossless: "pyjpegls",
    JPEGLSNearLossless: "pyjpegls",
    JPEG2000Lossless: "pylibjpeg",
    JPEG2000: "pylibjpeg",
    HTJ2KLossless: "pylibjpeg",
    HTJ2KLosslessRPCL: "pylibjpeg",
    HTJ2K: "pylibjpeg",
}


def _jpegls_frame(payload: bytes, shape: tuple[int, int], dtype: np.dtype) -> np.ndarray | None:
    import jpeg_ls

    buffer, info = jpeg_ls.decode_pixel_data(payload)
    precision = int(info.get("bits_per_sample", 0))
    itemsize = 1 if precision <= 8 else 2
    if (int(info.get("components", 0)) != 1 or not 0 < precision <= 16
            or itemsize != dtype.itemsize or len(buffer) != shape[0] * shape[1] * itemsize):
        return None
    return np.frombuffer(buffer, dtype=dtype.newbyteorder("<")).reshape(shape)


def _openjpeg_frame(payload: bytes, shape: tuple[int, int],
                    dtype: np.dtype) -> np.ndarray | None:
    import openjpeg

    arr = openjpeg.decode(payload)
    if arr.shape != shape or arr.dtype.newbyteorder("=") != dtype:
        return None  # a signed codestream, another precision: pydicom corrects those
    return arr


def decode_codestream(uid: str, payload: bytes, rows: int, columns: int, dtype: np.dtype,
                      pixel_representation: int) -> np.ndarray | None:
    """One unsigned grayscale frame decoded straight by the fastest plugin of ``uid``,
    with the values pydicom's own path gives for such a frame: unsigned JPEG-LS samples
    are not corrected (PS3.5 A.4.3), and a JPEG 2000 codestream whose signedness and
    precision match the dataset's needs no correction either. None when the frame is not
    that simple case, or the plugin is not the first for ``uid`` here, or it is not
    installed: the caller then decodes through pydicom, which handles everything else.
    Decoder errors propagate (the pydicom path would meet the same codestream)."""
    plugin = _DIRECT_PLUGINS.get(uid)
    if (plugin is None or pixel_representation != 0 or dtype.kind != "u"
            or dtype.itemsize > 2):
        return None
    if plugin_order(uid)[0] != plugin:
        return None
    frame = _jpegls_frame if plugin == "pyjpegls" else _openjpeg_frame
    try:
        return frame(payload, (rows, columns), np.dtype(dtype))
    except ImportError:
        return None


def decode_into(
    ds: Dataset,
    out: np.ndarray,
    slots: Sequence[int] | None = None,
    convert: Callable[[np.ndarray], np.ndarray] | None = None,
    frame_numbers: Sequence[int] | None = None,
) -> None:
    """Decode every frame of ``ds`` into ``out`` (slices, rows, cols): frame ``k`` goes to
    ``out[slots[k]]`` (``out[k]`` without slots). Only the byte order is converted (big
    endian files), so the stored integer type is kept and no float copy is ever made.
    ``convert``, when given, maps each decoded frame to what ``out`` holds (colour images:
    palette or YBR_PARTIAL to 8-bit RGB, see :mod:`workstation.dicom.color`).
    ``frame_numbers`` limits decoding to those frames (a multi-frame file whose frames
    belong to several stacks); ``slots`` then holds one destination per listed frame.

    Frames are decoded one at a time so that a multi-frame file never needs a second copy
    of its whole volume; the plugin that worked for one frame is tried first on the next.
    """
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    wanted = list(range(frames)) if frame_numbers is None else list(frame_numbers)
    targets = wanted if slots is None else list(slots)
    if len(targets) != len(wanted) or any(not 0 <= k < frames for k in wanted):
        raise DecodeError(f"{frames} frames declared, {len(targets)} destinations given")
    plugins = plugin_order(transfer_syntax(ds))
    for k, slot in zip(wanted, targets, strict=True):
        arr, used = _decode_one(ds, k if frames > 1 else None, plugins)
        if convert is not None:
            arr = convert(arr)
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
