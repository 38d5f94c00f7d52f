"""Colour files of the shared suite load as 8-bit RGB equal to pydicom's own conversion:
RGB in both planar configurations, YBR_FULL/_422 (native and JPEG), YBR_RCT (HTJ2K),
PALETTE COLOR with 8- and 16-bit palettes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.pixels import apply_color_lut

from workstation.dicom.loader import load_series

PF = "pixel_formats"
TS = "transfer_syntax"

# (file, tolerance): pydicom's pixel_array (YBR converted to RGB by default) is the
# reference; JPEG files may be decoded by another plugin here, hence a small tolerance.
REFERENCE_RGB = [
    (f"{PF}/pydicom-data/color-pl.dcm", 0),
    (f"{PF}/pydicom-data/color-px.dcm", 0),
    (f"{PF}/dwv/gdcm-US-RGB-8-esopecho.dcm", 0),
    (f"{PF}/orthanc/2022-11-14-RLEPlanarConfiguration.dcm", 0),
    (f"{PF}/orthanc/Issue19.dcm", 0),
    (f"{PF}/pydicom/SC_ybr_full_422_uncompressed.dcm", 0),
    (f"{TS}/orthanc/1.2.840.10008.1.2.2.dcm", 0),
    (f"{TS}/orthanc/2023-04-21-RLEPlanarConfigurationYBR_FULL.dcm", 0),
    (f"{TS}/dicomhtj2k/US1_JPH", 0),
    (f"{TS}/fo-dicom/GH538-jpeg1.dcm", 2),
]


def _stack(root: Path, name: str):
    result = load_series([root / name])
    assert result.errors == []
    (stack,) = result.stacks
    return stack


@pytest.mark.parametrize(("name", "tolerance"), REFERENCE_RGB)
def test_colour_file_equals_pydicom_rgb(shared_dicom: Path, name: str, tolerance: int):
    stack = _stack(shared_dicom, name)
    reference = pydicom.dcmread(shared_dicom / name).pixel_array
    assert stack.is_color and stack.photometric == "RGB"
    assert stack.pixels.dtype == np.uint8 and stack.pixels.shape == (1, *reference.shape)
    difference = np.abs(stack.pixels[0].astype(int) - reference.astype(int))
    assert difference.max() <= tolerance
    row, col = reference.shape[0] // 2, reference.shape[1] // 2
    assert np.abs(stack.pixels[0, row, col].astype(int) - reference[row, col]).max() <= tolerance


def test_planar_configurations_give_the_same_pixels(shared_dicom: Path):
    planar = _stack(shared_dicom, f"{PF}/pydicom-data/color-pl.dcm")
    interleaved = _stack(shared_dicom, f"{PF}/pydicom-data/color-px.dcm")
    assert pydicom.dcmread(shared_dicom / f"{PF}/pydicom-data/color-pl.dcm").PlanarConfiguration == 1
    np.testing.assert_array_equal(planar.pixels, interleaved.pixels)
    assert len(np.unique(planar.pixels[0].reshape(-1, 3), axis=0)) > 100  # really colour


def test_ycbcr_htj2k_equals_its_uncompressed_rgb_twin(shared_dicom: Path):
    coded = _stack(shared_dicom, f"{TS}/dicomhtj2k/US1_JPH")
    twin = _stack(shared_dicom, f"{TS}/dicomhtj2k/US1_UNC")
    np.testing.assert_array_equal(coded.pixels, twin.pixels)


def _to_8_bits(values: np.ndarray) -> np.ndarray:
    """Palette output as shown: 16-bit entries scaled onto 0..255."""
    if values.dtype == np.uint8:
        return values
    return np.rint(values.astype(float) * 255 / 65535).astype(np.uint8)


@pytest.mark.parametrize(
    "name",
    [f"{PF}/pydicom-data/OBXXXX1A.dcm", f"{TS}/pydicom-data/OBXXXX1A_rle.dcm",
     f"{TS}/pydicom-data/OBXXXX1A_expb.dcm", f"{PF}/orthanc/Implicit-vr-us-palette.dcm"],
)
def test_palette_colour_goes_through_the_palette(shared_dicom: Path, name: str):
    stack = _stack(shared_dicom, name)
    ds = pydicom.dcmread(shared_dicom / name)
    assert ds.PhotometricInterpretation == "PALETTE COLOR"
    indices = ds.pixel_array
    if ds.file_meta.TransferSyntaxUID != "1.2.840.10008.1.2.2":
        # pydicom 3.0's apply_color_lut reads palette data as little endian (see the
        # raw-data probe below for the big-endian twin).
        reference = _to_8_bits(apply_color_lut(indices, ds))
        np.testing.assert_array_equal(stack.pixels[0], reference)
    # A probed pixel, from the raw palette data: entry (index - first mapped) of each LUT.
    row, col = 300, 400
    _, first, bits = ds.RedPaletteColorLookupTableDescriptor
    entry = int(indices[row, col]) - int(first)
    order = ">" if ds.file_meta.TransferSyntaxUID == "1.2.840.10008.1.2.2" else "<"
    dtype = np.dtype(f"{order}u2") if bits == 16 else np.dtype(np.uint8)
    raw = np.array([np.frombuffer(getattr(ds, f"{c}PaletteColorLookupTableData"), dtype)[entry]
                    for c in ("Red", "Green", "Blue")])
    shown = _to_8_bits(raw.astype(dtype.newbyteorder("=")))
    assert stack.pixels[0, row, col].tolist() == shown.tolist()
    assert len(np.unique(stack.pixels[0].reshape(-1, 3), axis=0)) > 10
    if "OBXXXX1A" in name:  # RLE and big-endian copies of the same image
        twin = _stack(shared_dicom, f"{PF}/pydicom-data/OBXXXX1A.dcm")
        np.testing.assert_array_equal(stack.pixels, twin.pixels)


def test_sixteen_bit_palette_is_scaled_to_8_bits(shared_dicom: Path):
    name = f"{PF}/pydicom-data/gdcm-US-ALOKA-16.dcm"
    stack = _stack(shared_dicom, name)
    ds = pydicom.dcmread(shared_dicom / name)
    reference = apply_color_lut(ds.pixel_array, ds)
    assert reference.dtype == np.uint16 and ds.BitsAllocated == 16
    np.testing.assert_array_equal(stack.pixels[0], _to_8_bits(reference[..., :3]))
    assert stack.pixels.max() > 200  # the colour bar is bright somewhere


def test_multiframe_ybr_jpeg_loads_every_frame(shared_dicom: Path):
    name = "multiframe/pydicom/examples_ybr_color.dcm"
    stack = _stack(shared_dicom, name)
    reference = pydicom.dcmread(shared_dicom / name).pixel_array
    assert stack.pixels.shape == reference.shape == (30, 240, 320, 3)
    assert np.abs(stack.pixels.astype(int) - reference.astype(int)).max() <= 2


def test_cine_with_a_duplicated_delimiter_is_shown(shared_dicom: Path):
    # Tolerant readers display this US cine (INVENTORY notes); it only failed while colour
    # was refused.
    stack = _stack(shared_dicom, "malformed/fo-dicom/DIRW0007")
    assert stack.pixels.shape == (65, 456, 576, 3)
    assert 10 < stack.pixels[30].mean() < 100
