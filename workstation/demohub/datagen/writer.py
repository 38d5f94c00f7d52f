"""Encoding to the series' transfer syntax, a lossless check, and writing Part 10 files.

Compression uses pydicom's ``Dataset.compress`` with the installed plugins: RLE Lossless
(PS3.5 Annex G) through pylibjpeg-rle or pydicom's own encoder, JPEG-LS Lossless (PS3.5
A.4.3) through pyjpegls and JPEG 2000 Lossless Only (PS3.5 A.4.4) through
pylibjpeg-openjpeg. Every compressed frame is decoded again and compared with the source,
so a plugin that silently quantised would fail the generation instead of shipping.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from pydicom.dataset import Dataset
from pydicom.pixels import get_encoder
from pydicom.uid import ExplicitVRLittleEndian

# With the pylibjpeg RLE plugin installed it is several times faster than pure Python.
_PREFERRED_PLUGIN = {"1.2.840.10008.1.2.5": "pylibjpeg"}


class LossyEncodingError(RuntimeError):
    """A lossless transfer syntax did not round-trip the pixel data exactly."""


def _plugin_for(transfer_syntax: str) -> str:
    wanted = _PREFERRED_PLUGIN.get(transfer_syntax, "")
    return wanted if wanted in get_encoder(transfer_syntax).available_plugins else ""


def encode(ds: Dataset, transfer_syntax: str, verify: bool = True) -> Dataset:
    """Put the dataset's single frame into ``transfer_syntax`` (in place) and return it."""
    if transfer_syntax == ExplicitVRLittleEndian:
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        return ds
    source = np.frombuffer(ds.PixelData, dtype="<u2").reshape(ds.Rows, ds.Columns).copy()
    # Lossless re-encoding keeps the instance: the derived SOP Instance UID must survive.
    ds.compress(
        transfer_syntax,
        encoding_plugin=_plugin_for(transfer_syntax),
        generate_instance_uid=False,
    )
    if verify:
        decoded = ds.pixel_array
        if decoded.shape != source.shape or not np.array_equal(decoded.astype(np.uint16), source):
            raise LossyEncodingError(
                f"{transfer_syntax} changed pixel values of {ds.SOPInstanceUID}"
            )
    return ds


def write(ds: Dataset, path: Path) -> None:
    """Write a DICOM Part 10 file, via a temporary name so a crash leaves no torn file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    ds.save_as(tmp, enforce_file_format=True)
    os.replace(tmp, path)
