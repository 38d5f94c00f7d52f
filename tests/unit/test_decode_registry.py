"""The plugin registry: measured order per syntax, CPU-time order in workers, fallback,
and messages that name what is missing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.pixels import get_decoder
from pydicom.uid import (
    HTJ2K,
    JPEG2000,
    DeflatedExplicitVRLittleEndian,
    ExplicitVRBigEndian,
    HTJ2KLossless,
    HTJ2KLosslessRPCL,
    ImplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGLosslessSV1,
    JPEGLSNearLossless,
)

from workstation.dicom import decoders
from workstation.dicom.decoders import (
    UnsupportedTransferSyntaxError,
    decode_cost_ms,
    decode_into,
    plugin_order,
    use_throughput_order,
)

TS = "transfer_syntax"
HAVE_GDCM = "gdcm" in get_decoder(JPEG2000Lossless).available_plugins


@pytest.mark.parametrize("uid", [ImplicitVRLittleEndian, ExplicitVRBigEndian,
                                 DeflatedExplicitVRLittleEndian])
def test_native_syntaxes_need_no_plugin(uid: str):
    assert plugin_order(uid) == [""]


@pytest.mark.parametrize("uid", [HTJ2KLossless, HTJ2KLosslessRPCL, HTJ2K])
def test_htj2k_is_decoded_by_openjpeg(uid: str):
    assert plugin_order(uid) == ["pylibjpeg"]


@pytest.mark.skipif(not HAVE_GDCM, reason="python-gdcm is not installed")
def test_gdcm_goes_where_it_was_measured_fastest():
    assert plugin_order(JPEG2000Lossless)[:2] == ["gdcm", "pylibjpeg"]
    assert plugin_order(JPEGLosslessSV1)[0] == "gdcm"
    assert plugin_order(JPEGLSNearLossless)[:2] == ["pyjpegls", "gdcm"]
    assert plugin_order(JPEG2000)[0] == "pylibjpeg"  # lossy: OpenJPEG direct is faster


def test_workers_rank_jpeg2000_by_cpu_time():
    try:
        use_throughput_order(True)
        assert plugin_order(JPEG2000Lossless)[0] == "pylibjpeg"
    finally:
        use_throughput_order(False)
    assert plugin_order(JPEG2000Lossless)[-1] == "pillow"  # wrong on a signedness edge case


def test_jpeg_xl_names_the_missing_decoder():
    with pytest.raises(UnsupportedTransferSyntaxError) as info:
        plugin_order("1.2.840.10008.1.2.4.112")
    message = str(info.value)
    assert message.startswith("transfer syntax JPEG XL (1.2.840.10008.1.2.4.112)")
    assert "missing a JPEG XL decoder" in message


def test_a_plugin_that_raises_anything_falls_back(shared_dicom: Path,
                                                  monkeypatch: pytest.MonkeyPatch):
    ds = pydicom.dcmread(shared_dicom / TS / "dicomhtj2k" / "CT1_JPH")
    decoder = get_decoder(ds.file_meta.TransferSyntaxUID)
    original = decoder.as_array
    calls: list[str] = []

    def flaky(src, *, index=None, decoding_plugin="", **kwargs):  # noqa: ANN001, ANN202
        calls.append(decoding_plugin)
        if decoding_plugin == "broken":
            raise OSError("codec library missing")
        return original(src, index=index, decoding_plugin=decoding_plugin, **kwargs)

    monkeypatch.setattr(decoder, "as_array", flaky)
    monkeypatch.setattr(decoders, "plugin_order", lambda uid: ["broken", "pylibjpeg"])
    out = np.zeros((1, 512, 512), dtype=np.int16)
    decode_into(ds, out)
    assert calls == ["broken", "pylibjpeg"]
    reference = pydicom.dcmread(shared_dicom / TS / "dicomhtj2k" / "CT1_UNC").pixel_array
    np.testing.assert_array_equal(out[0], reference)


def test_decode_into_selected_frames(shared_dicom: Path):
    ds = pydicom.dcmread(shared_dicom / TS / "pydicom-data" / "emri_small_jpeg_ls_lossless.dcm")
    everything = ds.pixel_array
    out = np.zeros((2, 64, 64), dtype=np.uint16)
    decode_into(ds, out, slots=[1, 0], frame_numbers=[3, 7])
    np.testing.assert_array_equal(out[0], everything[7])
    np.testing.assert_array_equal(out[1], everything[3])


@pytest.mark.parametrize(("name", "twin"), [
    ("orthanc/1.2.840.10008.1.2.4.80.dcm", "JPEG-LS"),
    ("pydicom-data/693_J2KR.dcm", "JPEG 2000"),
    ("dwv/nema-ct1_jpll.dcm", "JPEG lossless"),
])
def test_every_available_plugin_agrees_on_lossless_files(shared_dicom: Path, name: str,
                                                         twin: str):
    """The order only changes speed, never pixels (the module docstring's claim)."""
    ds = pydicom.dcmread(shared_dicom / TS / name)
    decoder = get_decoder(ds.file_meta.TransferSyntaxUID)
    arrays = [decoder.as_array(ds, decoding_plugin=p)[0] for p in plugin_order(
        ds.file_meta.TransferSyntaxUID)]
    assert len(arrays) >= 2, twin
    for arr in arrays[1:]:
        np.testing.assert_array_equal(arr, arrays[0])


def test_cost_estimates_rank_the_syntaxes():
    pixels = 512 * 512
    assert decode_cost_ms(JPEG2000Lossless, pixels) > decode_cost_ms(HTJ2KLossless, pixels)
    assert decode_cost_ms(ExplicitVRBigEndian, pixels) < 1.0
    assert decode_cost_ms("1.2.840.10008.1.2.4.110", pixels) > 0
