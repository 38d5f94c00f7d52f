"""The loader's fast paths give what pydicom's general paths give.

- fast_reader.read_file builds the dataset dcmread(defer_size=...) builds, or declines;
- fast_dataset keyword reads return pydicom's values (shared across identical bytes);
- decoders.decode_codestream decodes a frame to pydicom's pixels, or declines;
- frame_source masks bits above Bits Stored only when a value uses them.
"""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.sequence import Sequence
from pydicom.uid import (
    ExplicitVRLittleEndian,
    HTJ2KLossless,
    ImplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGLSLossless,
    generate_uid,
)

from workstation.dicom import decoders
from workstation.dicom.decode_worker import FrameJob, decode_jobs, parse_source
from workstation.dicom.decoders import decode_codestream
from workstation.dicom.fast_dataset import speed_up
from workstation.dicom.fast_reader import read_file
from workstation.dicom.frame_source import PixelDescription, _mask_unused_bits

DEFER = 64 * 1024


def _same_dataset(fast: pydicom.FileDataset, ref: pydicom.FileDataset) -> None:
    assert list(fast.keys()) == list(ref.keys())
    for tag in ref.keys():
        a = fast.get_item(tag, keep_deferred=True)
        b = ref.get_item(tag, keep_deferred=True)
        assert type(a) is type(b)
        assert tuple(a) == tuple(b), f"element {tag} differs"
    assert fast.file_meta == ref.file_meta
    assert fast.preamble == ref.preamble
    assert fast.original_encoding == ref.original_encoding
    assert fast.original_character_set == ref.original_character_set
    assert (fast.filename, fast.fileobj_type, fast.timestamp) == (
        ref.filename, ref.fileobj_type, ref.timestamp)


def _image(rows: int = 4, columns: int = 4) -> Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.SpecificCharacterSet = "ISO_IR 192"
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.PatientName = "Çelik^Şükrü"
    ds.Modality = "CT"
    ds.Rows, ds.Columns = rows, columns
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    ds.ImagePositionPatient = [0, 0, 1.5]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelData = np.arange(rows * columns, dtype="<u2").tobytes()
    return ds


def test_reader_matches_dcmread_on_the_shared_files(shared_dicom: Path):
    files = [p for p in sorted(shared_dicom.rglob("*")) if p.is_file()
             and p.suffix.lower() not in (".tsv", ".md", ".txt", ".json")]
    read = 0
    for path in files:
        fast = read_file(path, DEFER)
        if fast is None:
            continue
        _same_dataset(fast, pydicom.dcmread(str(path), defer_size=DEFER))
        read += 1
    assert read > len(files) // 2  # the common layout is most of the suite


def test_reader_keeps_sequences_small_pixels_and_trailing_elements(tmp_path: Path):
    ds = _image()
    item = Dataset()
    item.CodeValue = "T-D3000"
    item.CodeMeaning = "Chest"
    ds.AnatomicRegionSequence = Sequence([item])
    ds.DataSetTrailingPadding = b"\x00" * 6
    path = tmp_path / "small.dcm"
    ds.save_as(path, enforce_file_format=True)
    fast = read_file(path, DEFER)
    assert fast is not None
    _same_dataset(fast, pydicom.dcmread(str(path), defer_size=DEFER))
    assert fast.AnatomicRegionSequence[0].CodeMeaning == "Chest"
    assert fast.PatientName == "Çelik^Şükrü"
    np.testing.assert_array_equal(fast.pixel_array.ravel(), np.arange(16))


def test_reader_defers_large_values_and_reads_them_back(tmp_path: Path):
    ds = _image(256, 256)
    path = tmp_path / "large.dcm"
    ds.save_as(path, enforce_file_format=True)
    fast = read_file(path, DEFER)
    assert fast is not None
    assert fast.get_item(0x7FE00010, keep_deferred=True).value is None
    _same_dataset(fast, pydicom.dcmread(str(path), defer_size=DEFER))
    np.testing.assert_array_equal(fast.pixel_array.ravel() % 4096,
                                  np.arange(256 * 256) % 4096)


def test_reader_declines_other_layouts(tmp_path: Path):
    implicit = _image()
    implicit.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
    implicit.save_as(tmp_path / "implicit.dcm", implicit_vr=True, little_endian=True,
                     enforce_file_format=True)
    assert read_file(tmp_path / "implicit.dcm", DEFER) is None
    undefined = _image()
    undefined.AnatomicRegionSequence = Sequence([Dataset()])
    undefined["AnatomicRegionSequence"].is_undefined_length = True
    undefined.save_as(tmp_path / "undefined.dcm", enforce_file_format=True)
    assert read_file(tmp_path / "undefined.dcm", DEFER) is None
    raw = tmp_path / "raw.dcm"
    raw.write_bytes(b"not a dicom file at all" * 10)
    assert read_file(raw, DEFER) is None
    truncated = tmp_path / "truncated.dcm"
    _image(256, 256).save_as(truncated, enforce_file_format=True)
    truncated.write_bytes(truncated.read_bytes()[:-100])
    assert read_file(truncated, DEFER) is None  # pydicom words that case


def test_reader_measures_encapsulated_pixel_data_like_dcmread(tmp_path: Path):
    ds = _image()
    ds.file_meta.TransferSyntaxUID = JPEGLSLossless
    ds.PixelData = encapsulate([b"\xff\xd8" + b"\x01" * 30 + b"\xff\xd9"])
    ds["PixelData"].VR = "OB"
    ds.DataSetTrailingPadding = b"\x00\x00"
    path = tmp_path / "encapsulated.dcm"
    ds.save_as(path, enforce_file_format=True)
    fast = read_file(path, DEFER)
    assert fast is not None
    _same_dataset(fast, pydicom.dcmread(str(path), defer_size=DEFER))


def test_fast_reads_equal_pydicom_reads(tmp_path: Path):
    paths = []
    for k in range(3):
        ds = _image()
        ds.ImagePositionPatient = [0, 0, float(k)]
        ds.WindowCenter, ds.WindowWidth = [40, 400], [400, 1500]
        ds.PixelPaddingValue = 0xF000  # US or SS: resolved from Pixel Representation
        path = tmp_path / f"{k}.dcm"
        ds.save_as(path, enforce_file_format=True)
        paths.append(path)
    keywords = ("PatientName", "Modality", "Rows", "ImagePositionPatient", "WindowCenter",
                "WindowWidth", "PixelPaddingValue", "SpecificCharacterSet", "SliceLocation",
                "SOPInstanceUID")
    for path in paths:
        fast = speed_up(pydicom.dcmread(str(path), defer_size=DEFER))
        plain = pydicom.dcmread(str(path), defer_size=DEFER)
        for keyword in keywords:
            assert fast.get(keyword, "absent") == plain.get(keyword, "absent"), keyword
            assert (keyword in fast) == (keyword in plain)
        assert fast.ImagePositionPatient[2] == float(path.stem)


def test_parsed_records_equal_with_and_without_the_fast_paths(shared_dicom: Path,
                                                               monkeypatch: pytest.MonkeyPatch):
    files = sorted((shared_dicom / "ct_series" / "dcm_qa_ct_GE_tilt").glob("*.dcm"))[:6]
    fast = [parse_source(i, f) for i, f in enumerate(files)]
    monkeypatch.setattr("workstation.dicom.decode_worker.speed_up", lambda ds: ds)
    monkeypatch.setattr("workstation.dicom.file_reader.read_file", lambda *_: None)
    slow = [parse_source(i, f) for i, f in enumerate(files)]
    for a, b in zip(fast, slow, strict=True):
        assert a.record is not None and b.record is not None
        assert a.description == b.description and a.location == b.location
        for field in ("rows", "columns", "dtype", "frames_info", "slope", "intercept",
                      "windows", "padding_value", "instance_number", "sop_uid", "header",
                      "grayscale", "spacing_context", "projection", "notes"):
            assert getattr(a.record, field) == getattr(b.record, field), field


@pytest.mark.parametrize(("folder", "name", "uid"), [
    ("dicomhtj2k", "CT1_JPH", HTJ2KLossless),
    ("dicomhtj2k", "MR1_JPH", HTJ2KLossless),
])
def test_direct_decode_equals_pydicom(shared_dicom: Path, folder: str, name: str, uid: str):
    ds = pydicom.dcmread(shared_dicom / "transfer_syntax" / folder / name)
    frame = next(pydicom.encaps.generate_frames(ds.PixelData, number_of_frames=1))
    unsigned = np.dtype(f"u{ds.BitsAllocated // 8}")
    arr = decode_codestream(uid, frame, ds.Rows, ds.Columns, unsigned, 0)
    if int(ds.PixelRepresentation) == 1:
        # A signed codestream decodes to a signed array: left to pydicom's corrections.
        assert arr is None
        assert decode_codestream(uid, frame, ds.Rows, ds.Columns, unsigned, 1) is None
        return
    assert arr is not None
    np.testing.assert_array_equal(arr, ds.pixel_array)


@pytest.mark.parametrize("uid", [JPEGLSLossless, JPEG2000Lossless])
def test_direct_decode_of_encoded_frames(uid: str):
    ds = _image(64, 48)
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 4096, (64, 48), dtype=np.uint16)
    ds.PixelData = pixels.tobytes()
    encoded = copy.deepcopy(ds)
    encoded.compress(uid, generate_instance_uid=False)
    frame = next(pydicom.encaps.generate_frames(encoded.PixelData, number_of_frames=1))
    if decoders.plugin_order(uid)[0] not in ("pyjpegls", "pylibjpeg"):
        assert decode_codestream(uid, frame, 64, 48, np.dtype(np.uint16), 0) is None
    else:
        arr = decode_codestream(uid, frame, 64, 48, np.dtype(np.uint16), 0)
        assert arr is not None
        np.testing.assert_array_equal(arr, pixels)
    # Through the worker's entry point, direct or not, the same pixels land in the slot.
    description = PixelDescription(uid, 64, 48, 1, 16, 12, 0, "MONOCHROME2", 0, 1)
    out = np.zeros((2, 64, 48), dtype=np.uint16)
    assert decode_jobs(out, [FrameJob(1, frame, description)]) == [(1, None)]
    np.testing.assert_array_equal(out[1], pixels)
    assert not out[0].any()
    # A size the codestream does not have is left to pydicom, whatever it makes of it.
    wrong = PixelDescription(uid, 32, 48, 1, 16, 12, 0, "MONOCHROME2", 0, 1)
    ours = np.zeros((1, 32, 48), dtype=np.uint16)
    outcome = decode_jobs(ours, [FrameJob(0, frame, wrong)])
    theirs = np.zeros((1, 32, 48), dtype=np.uint16)
    try:
        decoders.decode_into(wrong.frame_dataset(frame), theirs, [0])
        expected = [(0, None)]
    except decoders.DecodeError as exc:
        expected = [(0, str(exc))]
    assert outcome == expected
    np.testing.assert_array_equal(ours, theirs)


def test_unused_bits_are_masked_only_when_used():
    description = PixelDescription(ExplicitVRLittleEndian, 1, 4, 1, 16, 12, 0,
                                   "MONOCHROME2", 0, 1)
    clean = np.array([[0, 1, 4095, 2048]], dtype=np.uint16)
    before = clean.copy()
    _mask_unused_bits(clean, description)
    np.testing.assert_array_equal(clean, before)
    dirty = np.array([[0xF000, 0x1FFF, 4095, 0x8001]], dtype=np.uint16)
    _mask_unused_bits(dirty, description)
    np.testing.assert_array_equal(dirty, [[0, 0x0FFF, 4095, 1]])
    signed = PixelDescription(ExplicitVRLittleEndian, 1, 4, 1, 16, 12, 1,
                              "MONOCHROME2", 0, 1)
    values = np.array([[-2048, 2047, -1, 0]], dtype=np.int16)
    _mask_unused_bits(values, signed)
    np.testing.assert_array_equal(values, [[-2048, 2047, -1, 0]])
    unextended = np.array([[0x0800, 0x0FFF, 0x7000, 5]], dtype=np.uint16).view(np.int16)
    _mask_unused_bits(unextended, signed)
    np.testing.assert_array_equal(unextended, [[-2048, -1, 0, 5]])
