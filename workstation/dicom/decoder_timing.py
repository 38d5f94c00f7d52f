"""Measure how fast each installed decoding plugin decodes a slice, per transfer syntax.

The plugin order in :mod:`workstation.dicom.decoders` comes from this measurement; rerun it
when a plugin is upgraded:

    python -m workstation.dicom.decoder_timing CT_UNCOMPRESSED.dcm [COMPRESSED.dcm ...]

The uncompressed file is re-encoded with every encoder pydicom has installed (RLE, JPEG-LS,
JPEG 2000); syntaxes pydicom cannot encode (JPEG lossless, HTJ2K) are timed from the extra
files given on the command line.
"""

from __future__ import annotations

import copy
import statistics
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset
from pydicom.pixels import get_decoder
from pydicom.uid import (
    JPEG2000,
    JPEG2000Lossless,
    JPEGLSLossless,
    JPEGLSNearLossless,
    RLELossless,
)

from workstation.dicom.decoders import plugin_order, syntax_name, transfer_syntax

# (syntax, encoder options) applied to the uncompressed input; lossy settings are typical.
_ENCODINGS: tuple[tuple[str, dict[str, object]], ...] = (
    (RLELossless, {}),
    (JPEGLSLossless, {}),
    (JPEGLSNearLossless, {"jls_error": 2}),
    (JPEG2000Lossless, {}),
    (JPEG2000, {"j2k_cr": [10]}),
)


def time_plugins(ds: Dataset, repeats: int = 7) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) milliseconds per full decode of ``ds`` for every available
    plugin; CPU above wall means the plugin decodes on several threads (gdcm's JPEG 2000),
    which helps one decode but not a pool that already keeps every core busy."""
    uid = transfer_syntax(ds)
    decoder = get_decoder(uid)
    results: dict[str, tuple[float, float]] = {}
    for plugin in plugin_order(uid):
        try:
            decoder.as_array(ds, decoding_plugin=plugin)
        except Exception as exc:  # noqa: BLE001 - a plugin that fails is reported, not timed
            reason = str(exc).strip().splitlines()[-1][:120]
            print(f"  {plugin or 'native'} cannot decode {syntax_name(uid)}: {reason}")
            continue
        samples, cpu = [], []
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            decoder.as_array(ds, decoding_plugin=plugin)
            samples.append((time.perf_counter() - start) * 1000.0)
            cpu.append((time.process_time() - start_cpu) * 1000.0)
        results[plugin or "native"] = (statistics.median(samples), statistics.median(cpu))
    return results


def encoded_variants(uncompressed: Dataset) -> Iterable[Dataset]:
    """The uncompressed dataset plus one copy per transfer syntax pydicom can encode."""
    yield uncompressed
    for uid, options in _ENCODINGS:
        ds = copy.deepcopy(uncompressed)
        try:
            ds.compress(uid, **options)
        except (RuntimeError, ValueError, NotImplementedError):
            continue
        yield ds


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    datasets = list(encoded_variants(pydicom.dcmread(argv[0])))
    datasets += [pydicom.dcmread(p) for p in argv[1:]]
    for ds in datasets:
        uid = transfer_syntax(ds)
        timings = time_plugins(ds)
        cells = "  ".join(f"{name} {wall:6.1f} ms ({cpu:.1f} CPU)"
                          for name, (wall, cpu) in timings.items())
        print(f"{syntax_name(uid):45s} {ds.Rows}x{ds.Columns}  {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main([str(Path(a)) for a in sys.argv[1:]]))
