"""Reference pixels: the shared suite's tables drive these tests, as pydicom's own
pixel-reference table drives its decoder tests.

The reference table is ``../shared/dicom/INVENTORY.tsv`` (one row per file: what pydicom
3.0.2 made of it and the SHA-256 of its decoded array) with ``REFERENCE_PAIRS.tsv`` (files
whose decoded pixels are equal), plus ``tests/data/reference_pixels.tsv``, the files where
the loader deliberately differs from pydicom. For every file up to 8 MB:

- pydicom decodes it: grayscale pixels hash-equal the inventory (stored values, native
  byte order); colour is shown as 8-bit RGB: three-sample images equal pydicom's RGB
  (hash-equal; for lossy JPEG, whose decoders differ in IDCT, chroma upsampling and
  YCbCr rounding, within 4 and 0.5 on average), PALETTE
  COLOR equals the palette applied to pydicom's indices, 16-bit entries scaled to 8 bits;
- pydicom cannot decode it: the load ends in exactly one FileError with a message;
- listed in reference_pixels.tsv: refused with the stated reason, or loaded and checked
  as the table says.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.pixels import apply_color_lut
from pydicom.uid import ExplicitVRBigEndian, ImplicitVRLittleEndian

from workstation.dicom.loader import load_series

SHARED = Path(__file__).resolve().parents[3] / "shared" / "dicom"
OVERRIDES_TABLE = Path(__file__).resolve().parents[1] / "data" / "reference_pixels.tsv"
DECODE = "pydicom3.0.2_decode"
SHA = "pydicom_pixel_array_sha256"
MAX_FILE_BYTES = 8 * 1024**2
SERIES_FOLDERS = ("ct_series/", "mr_series/")
THREE_SAMPLE = {"RGB", "YBR_FULL", "YBR_FULL_422", "YBR_PARTIAL_422", "YBR_PARTIAL_420",
                "YBR_ICT", "YBR_RCT"}
LOSSY_JPEG = {"1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51"}


def _table(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as fp:
        lines = [line for line in fp if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


INVENTORY = [row for row in _table(SHARED / "INVENTORY.tsv")
             if int(row["bytes"] or 0) <= MAX_FILE_BYTES]
PAIRS = _table(SHARED / "REFERENCE_PAIRS.tsv")
OVERRIDES = {row["local_path"]: row for row in _table(OVERRIDES_TABLE)}
SINGLE = [row for row in INVENTORY if not row["local_path"].startswith(SERIES_FOLDERS)]
SERIES = sorted({row["local_path"].rsplit("/", 1)[0] for row in INVENTORY
                 if row["local_path"].startswith(SERIES_FOLDERS)})


def _decodes(row: dict[str, str]) -> bool:
    return row[DECODE].startswith("ok ")


def _frames(row: dict[str, str]) -> int:
    return int(row["NumberOfFrames"] or 1)


def _sha(array: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()


def _as_pydicom_shapes(pixels: np.ndarray, frames: int) -> np.ndarray:
    """pydicom drops the frame axis of single-frame images."""
    return pixels[0] if frames == 1 else pixels


def test_the_tables_are_present(shared_dicom: Path):
    assert len(INVENTORY) > 250 and len(PAIRS) > 20
    assert set(OVERRIDES) <= {row["local_path"] for row in INVENTORY}


def _single_stack(path: Path):
    result = load_series([path], workers=1)
    assert result.errors == []
    (stack,) = result.stacks
    return stack


def _check_palette(stack, path: Path, row: dict[str, str]) -> None:
    ds = pydicom.dcmread(path)
    indices = ds.pixel_array
    assert stack.pixels.shape == (_frames(row), *indices.shape[-2:], 3)
    if ds.file_meta.TransferSyntaxUID == ExplicitVRBigEndian:
        return  # pydicom 3.0 reads palette data little endian; its pair covers this file
    shown = apply_color_lut(indices, ds)[..., :3]
    if shown.dtype != np.uint8:
        shown = np.rint(shown.astype(np.float64) * 255 / 65535).astype(np.uint8)
    np.testing.assert_array_equal(_as_pydicom_shapes(stack.pixels, _frames(row)), shown)


def _check_rgb(stack, path: Path, row: dict[str, str]) -> None:
    pixels = _as_pydicom_shapes(stack.pixels, _frames(row))
    assert row[DECODE] == f"ok {pixels.dtype}{list(pixels.shape)}"
    if _sha(pixels) == row[SHA]:
        return
    assert row["TransferSyntaxUID"] in LOSSY_JPEG, "lossless colour must be exact"
    difference = np.abs(pixels.astype(int) - pydicom.dcmread(path).pixel_array.astype(int))
    assert difference.max() <= 4 and difference.mean() < 0.5


def _check_override(stack, path: Path, row: dict[str, str]) -> None:
    if path.name == "1.2.840.10008.1.2.dcm":
        ds = pydicom.dcmread(path, force=True)
        ds.file_meta = pydicom.dataset.FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
        np.testing.assert_array_equal(stack.pixels[0], ds.pixel_array)
    else:
        rows, columns = (int(v) for v in row["Rows x Cols"].split(" x "))
        assert stack.pixels.shape == (_frames(row), rows, columns, 3)


@pytest.mark.parametrize("row", SINGLE, ids=[row["local_path"] for row in SINGLE])
def test_file_decodes_to_its_reference(shared_dicom: Path, row: dict[str, str]):
    path = shared_dicom / row["local_path"]
    override = OVERRIDES.get(row["local_path"])
    expect = override["expect"] if override else ("loads" if _decodes(row) else "refused")
    if expect == "refused":
        result = load_series([path], workers=1)
        assert result.stacks == []
        (error,) = result.errors
        assert error.source_label == path.name and error.message
        if override:
            assert override["detail"] in error.message
        return
    stack = _single_stack(path)
    photometric = row["PhotometricInterpretation"]
    if override:
        _check_override(stack, path, row)
    elif photometric == "PALETTE COLOR":
        _check_palette(stack, path, row)
    elif photometric in THREE_SAMPLE:
        _check_rgb(stack, path, row)
    else:
        pixels = _as_pydicom_shapes(stack.pixels, _frames(row))
        assert row[DECODE] == f"ok {pixels.dtype}{list(pixels.shape)}"
        assert _sha(pixels) == row[SHA]


@pytest.mark.parametrize("folder", SERIES)
def test_series_slices_decode_to_their_references(shared_dicom: Path, folder: str):
    rows = [row for row in INVENTORY if row["local_path"].startswith(folder + "/")]
    paths = [shared_dicom / row["local_path"] for row in rows]
    result = load_series(paths)
    assert result.errors == []
    where = {uid: (stack, k) for stack in result.stacks
             for k, uid in enumerate(stack.sop_instance_uids)}
    for row, path in zip(rows, paths, strict=True):
        uid = pydicom.dcmread(path, stop_before_pixels=True).SOPInstanceUID
        stack, k = where[uid]
        assert _sha(stack.pixels[k]) == row[SHA], row["local_path"]


@pytest.mark.parametrize("pair", PAIRS, ids=[p["test_file"] for p in PAIRS])
def test_reference_pair_decodes_equal(shared_dicom: Path, pair: dict[str, str]):
    assert pair["pydicom_hashes_equal"] == "yes"
    test = _single_stack(shared_dicom / pair["test_file"])
    reference = _single_stack(shared_dicom / pair["reference_file"])
    np.testing.assert_array_equal(test.pixels, reference.pixels)
