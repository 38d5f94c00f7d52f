"""Decoder registry: plugin order, fallback, unsupported syntaxes, stored dtype kept."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.uid import JPEG2000Lossless, JPEGBaseline8Bit, JPEGLSLossless, RLELossless

from workstation.dicom import decoders
from workstation.dicom.decoders import (
    UnsupportedTransferSyntaxError,
    decode_frames,
    decode_into,
    is_lossy,
    plugin_order,
)
from workstation.dicom.loader import load_series

TS = "transfer_syntax"


def test_fastest_measured_plugin_comes_first():
    assert plugin_order(JPEGLSLossless)[0] == "pyjpegls"  # pydicom itself would pick pylibjpeg
    assert plugin_order(RLELossless)[:2] == ["pylibjpeg", "pydicom"]
    assert plugin_order(JPEG2000Lossless)[0] in ("gdcm", "pylibjpeg")  # gdcm when installed
    assert plugin_order(JPEGBaseline8Bit)[0] == "pillow"
    assert plugin_order("1.2.840.10008.1.2.1") == [""]


def test_jpeg_xl_is_refused_with_its_name():
    with pytest.raises(UnsupportedTransferSyntaxError) as info:
        plugin_order("1.2.840.10008.1.2.4.110")
    message = str(info.value)
    assert "JPEG XL Lossless" in message
    assert "1.2.840.10008.1.2.4.110" in message
    assert "no decoder" in message


def test_decode_frames_keeps_the_stored_type(shared_dicom: Path):
    ds = pydicom.dcmread(shared_dicom / TS / "dicomhtj2k" / "CT1_JPH")
    arr = decode_frames(ds)
    assert arr.shape == (1, 512, 512)
    assert arr.dtype == np.int16
    reference = pydicom.dcmread(shared_dicom / TS / "dicomhtj2k" / "CT1_UNC").pixel_array
    np.testing.assert_array_equal(arr[0], reference)


def test_big_endian_frames_become_native_order(shared_dicom: Path):
    big = pydicom.dcmread(shared_dicom / TS / "pydicom-data" / "emri_small_big_endian.dcm")
    little = pydicom.dcmread(shared_dicom / "multiframe" / "pydicom-data" / "emri_small.dcm")
    arr = decode_frames(big)
    assert arr.dtype == np.dtype(np.uint16) and arr.dtype.isnative
    np.testing.assert_array_equal(arr, little.pixel_array)


def test_falls_back_to_the_next_plugin(shared_dicom: Path, monkeypatch: pytest.MonkeyPatch):
    ds = pydicom.dcmread(shared_dicom / TS / "orthanc" / "1.2.840.10008.1.2.4.80.dcm")
    monkeypatch.setattr(decoders, "plugin_order", lambda uid: ["no-such-plugin", "pylibjpeg"])
    out = np.zeros((1, ds.Rows, ds.Columns), dtype=np.int16)
    decode_into(ds, out)
    np.testing.assert_array_equal(out[0], ds.pixel_array)


def test_every_plugin_failing_names_the_syntax(shared_dicom: Path,
                                              monkeypatch: pytest.MonkeyPatch):
    ds = pydicom.dcmread(shared_dicom / TS / "orthanc" / "1.2.840.10008.1.2.4.80.dcm")
    monkeypatch.setattr(decoders, "plugin_order", lambda uid: ["no-such-plugin"])
    with pytest.raises(decoders.DecodeError, match="JPEG-LS Lossless"):
        decode_frames(ds)


def test_lossy_from_syntax_and_attribute(shared_dicom: Path):
    jpeg = pydicom.dcmread(shared_dicom / TS / "dwv" / "leadtools-8BitsJpegLossyGrayScale.dcm",
                           stop_before_pixels=True)
    lossless = pydicom.dcmread(shared_dicom / TS / "dicomhtj2k" / "CT1_UNC",
                               stop_before_pixels=True)
    assert is_lossy(jpeg)
    assert not is_lossy(lossless)
    lossless.LossyImageCompression = "01"
    assert is_lossy(lossless)


def _pairs(root: Path) -> list[tuple[str, str]]:
    lines = (root / "REFERENCE_PAIRS.tsv").read_text().splitlines()[1:]
    return [(line.split("\t")[0], line.split("\t")[1]) for line in lines]


# Grayscale pairs of REFERENCE_PAIRS.tsv, one per codec family (color pairs are refused by
# the grayscale loader and covered elsewhere).
PAIRS = [
    ("transfer_syntax/orthanc/1.2.840.10008.1.2.4.80.dcm", "JPEG-LS lossless"),
    ("transfer_syntax/pylibjpeg-data/RG2_JLSL.dcm", "JPEG-LS lossless 16-bit radiograph"),
    ("transfer_syntax/pydicom-data/693_J2KR.dcm", "JPEG 2000 lossless"),
    ("transfer_syntax/pydicom-data/MR2_J2KI.dcm", "JPEG 2000 lossy vs reference decode"),
    ("transfer_syntax/fo-dicom/D_CLUNIE_CT1_RLE_FRAGS.dcm", "RLE, fragmented"),
    ("transfer_syntax/orthanc/1.2.840.10008.1.2.5.dcm", "RLE"),
    ("transfer_syntax/dicomhtj2k/CT1_JPH", "HTJ2K"),
    ("transfer_syntax/dicomhtj2k/XA1_JPH", "HTJ2K unsigned"),
    ("transfer_syntax/dwv/nema-ct1_jpll.dcm", "JPEG lossless"),
    ("transfer_syntax/pydicom-data/emri_small_big_endian.dcm", "big endian multi-frame"),
    ("transfer_syntax/pydicom-data/emri_small_jpeg_ls_lossless.dcm", "JPEG-LS multi-frame"),
]


@pytest.mark.parametrize(("test_file", "what"), PAIRS, ids=[p[1] for p in PAIRS])
def test_reference_pairs_decode_identically(shared_dicom: Path, test_file: str, what: str):
    reference = dict(_pairs(shared_dicom))[test_file]
    got = load_series([shared_dicom / test_file])
    want = load_series([shared_dicom / reference])
    assert not got.errors and not want.errors
    assert got.stacks[0].pixels.dtype == want.stacks[0].pixels.dtype
    np.testing.assert_array_equal(got.stacks[0].pixels, want.stacks[0].pixels)


def _inventory(root: Path) -> list[list[str]]:
    return [line.split("\t") for line in (root / "INVENTORY.tsv").read_text().splitlines()[1:]]


def test_pixels_match_the_inventory_hashes(shared_dicom: Path):
    """Every integer grayscale file under 1 MB that pydicom decodes (outside the series
    folders) gives exactly pydicom's array, checked against the SHA-256 in INVENTORY.tsv."""
    checked = 0
    for row in _inventory(shared_dicom):
        path, size, photometric, decode, digest = row[0], int(row[5]), row[10], row[18], row[19]
        if (not decode.startswith("ok") or "float" in decode or size > 1_000_000
                or photometric not in ("MONOCHROME1", "MONOCHROME2")
                or path.startswith(("ct_series", "mr_series"))):
            continue
        result = load_series([shared_dicom / path])
        assert not result.errors, (path, result.errors)
        pixels = result.stacks[0].pixels
        data = pixels[0] if pixels.shape[0] == 1 else pixels
        assert hashlib.sha256(data.tobytes()).hexdigest() == digest, path
        checked += 1
    assert checked >= 60
