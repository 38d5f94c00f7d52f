"""The benchmark's CT series, generated once and cached on disk.

One axial CT of the demo chest phantom (:mod:`workstation.demohub.datagen`, unsigned
16-bit with 12 bits stored, rescale -1024) resampled to the requested matrix and slice
count, written as Explicit VR Little Endian files and, from the same pixels, as JPEG-LS
lossless (pyjpegls), JPEG 2000 lossless (OpenJPEG) and HTJ2K lossless. pydicom has no
HTJ2K encoder, so HTJ2K codestreams come from OpenJPH's ``ojph_compress`` (Debian package
openjph-tools) when it is installed; every HTJ2K frame is decoded again and compared.

A folder is reused when its ``complete.json`` marker names the same parameters, so only
the first bench run pays for the generation (about a minute for 300 slices of 512x512).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from pydicom.dataset import Dataset
from pydicom.encaps import encapsulate
from pydicom.uid import (
    ExplicitVRLittleEndian,
    HTJ2KLossless,
    JPEG2000Lossless,
    JPEGLSLossless,
)

UNCOMPRESSED = "uncompressed"
SYNTAXES: dict[str, str] = {
    UNCOMPRESSED: ExplicitVRLittleEndian,
    "jpegls": JPEGLSLossless,
    "j2k": JPEG2000Lossless,
    "htj2k": HTJ2KLossless,
}
_MARKER = "complete.json"


class EncoderMissingError(RuntimeError):
    """The tool that writes this transfer syntax is not installed."""


def _htj2k_codestream(pixels: np.ndarray, bits_stored: int) -> bytes:
    """Lossless HTJ2K (ISO/IEC 15444-15) of one unsigned frame, via ``ojph_compress``."""
    tool = shutil.which("ojph_compress")
    if tool is None:
        raise EncoderMissingError("ojph_compress not found (Debian package openjph-tools)")
    rows, columns = pixels.shape
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = Path(tmp) / "frame.raw", Path(tmp) / "frame.j2c"
        raw.write_bytes(pixels.astype("<u2").tobytes())
        subprocess.run(  # noqa: S603 - fixed tool, arguments built from integers
            [tool, "-i", str(raw), "-o", str(out), "-reversible", "true",
             "-dims", f"{{{columns},{rows}}}", "-num_comps", "1", "-signed", "false",
             "-bit_depth", str(bits_stored), "-downsamp", "{1,1}"],
            check=True, capture_output=True, timeout=60)
        return out.read_bytes()


def _encode(ds: Dataset, syntax: str) -> Dataset:
    """``ds`` (uncompressed, unsigned) re-encoded losslessly to ``syntax``, in place."""
    if syntax == ExplicitVRLittleEndian:
        return ds
    if syntax == HTJ2KLossless:
        pixels = ds.pixel_array
        ds.PixelData = encapsulate([_htj2k_codestream(pixels, int(ds.BitsStored))])
        ds["PixelData"].VR = "OB"
        ds.file_meta.TransferSyntaxUID = HTJ2KLossless
        if not np.array_equal(ds.pixel_array, pixels):
            raise RuntimeError("HTJ2K encoding was not lossless")
        return ds
    ds.compress(syntax, generate_instance_uid=False)
    return ds


def _ct_datasets(rows: int, columns: int, count: int) -> Callable[[], list[Dataset]]:
    from workstation.demohub.datagen import generate_ct_chest, studies
    from workstation.demohub.datagen.specs import CtSeries

    study = next(s for s in studies() if any(isinstance(x, CtSeries) for x in s.series))
    series = next(x for x in study.series if isinstance(x, CtSeries))
    scaled = dataclasses.replace(series, geometry=series.geometry.scaled(rows, columns, count))
    return lambda: list(generate_ct_chest(study, scaled))


def ensure_series(root: Path, rows: int, columns: int, count: int,
                  log: Callable[[str], None] = print) -> dict[str, list[Path] | str]:
    """Files of the series per variant name (see SYNTAXES); a variant whose encoder is
    missing maps to the reason instead. Generated into ``root`` when not cached."""
    folder = root / f"ct_{rows}x{columns}x{count}"
    params = {"rows": rows, "columns": columns, "count": count, "version": 1}
    marker = folder / _MARKER
    if marker.is_file():
        saved = json.loads(marker.read_text())
        if saved.get("params") == params:
            return {name: (sorted((folder / name).glob("*.dcm")) if name not in saved["missing"]
                           else saved["missing"][name]) for name in SYNTAXES}
    if folder.exists():
        shutil.rmtree(folder)
    log(f"generating a {count}-slice {rows}x{columns} CT into {folder} (cached afterwards)")
    datasets = _ct_datasets(rows, columns, count)()
    missing: dict[str, str] = {}
    for name, syntax in SYNTAXES.items():
        target = folder / name
        target.mkdir(parents=True)
        for k, source in enumerate(datasets):
            ds = copy.deepcopy(source)  # setting an attribute changes its element in place
            try:
                _encode(ds, syntax)
            except EncoderMissingError as exc:
                missing[name] = str(exc)
                shutil.rmtree(target)
                break
            ds.save_as(target / f"{k:04d}.dcm", enforce_file_format=True)
    marker.write_text(json.dumps({"params": params, "missing": missing}))
    return ensure_series(root, rows, columns, count, log)
