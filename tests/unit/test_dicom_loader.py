"""load_series: grouping, ordering along the normal, geometry, errors per file."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from dicom_synthetic import SERIES, ct_dataset, ct_series, to_bytes

from workstation.core.window import VoiFunction, Window
from workstation.dicom.loader import FileError, load_series

CT_DIR = "ct_series/dcm_qa_ct_GE_tilt"
MR_DIR = "mr_series/dcm_qa_nih_GE_epi_mr0005"


def _files(root: Path, folder: str) -> list[Path]:
    return sorted((root / folder).glob("*.dcm"))


@pytest.fixture(scope="module")
def ct(shared_dicom: Path):
    files = _files(shared_dicom, CT_DIR)
    shuffled = files[:]
    random.Random(5).shuffle(shuffled)
    return files, load_series(shuffled)


def test_tilted_ct_is_one_stack_sorted_along_the_normal(ct):
    files, result = ct
    assert result.errors == []
    (stack,) = result.stacks
    assert stack.pixels.shape == (28, 512, 512)
    assert stack.pixels.dtype == np.int16
    depth = stack.positions @ stack.normal
    assert np.all(np.diff(depth) > 0)
    # Gantry tilt: the slice normal is not the patient z axis.
    assert abs(stack.normal[2]) < 0.96
    assert stack.column_cosine == pytest.approx((0.0, 0.9483237, -0.3173047))
    assert stack.instance_numbers == tuple(range(1, 29))
    assert stack.pixel_spacing == pytest.approx((0.4882812, 0.4882812))
    assert stack.padding_value == -1500
    # Windows come from the middle slice (15.dcm onwards carry 35/85).
    assert stack.windows == (Window(35.0, 85.0),)


def test_tilted_ct_values_are_plausible_hounsfield_units(ct):
    _, result = ct
    stack = result.stacks[0]
    mid = stack.pixels[14]
    hu = mid[mid != stack.padding_value].astype(np.float64) * stack.slope + stack.intercept
    assert -1100 <= hu.min() and hu.max() <= 4000
    assert np.percentile(hu, 5) < -900  # air around the head
    assert hu.max() > 700  # skull
    brain = mid[236:276, 236:276].astype(np.float64) * stack.slope + stack.intercept
    assert 0 < np.median(brain) < 80


def test_ct_header_fields(ct):
    _, result = ct
    header = result.stacks[0].header
    assert header.modality == "CT"
    assert header.series_number == 2
    assert header.body_part == "HEAD"
    assert header.series_uid.startswith("1.2.826.0.1.3680043.9.4245")
    assert header.frame_of_reference_uid
    assert header.lossy is False


def test_bytes_load_like_paths(shared_dicom: Path, ct):
    files, from_paths = ct
    from_bytes = load_series([p.read_bytes() for p in files], workers=1)
    assert from_bytes.errors == []
    a, b = from_paths.stacks[0], from_bytes.stacks[0]
    np.testing.assert_array_equal(a.pixels, b.pixels)
    np.testing.assert_array_equal(a.positions, b.positions)
    assert a.header == b.header
    assert a.sop_instance_uids == b.sop_instance_uids


def test_mr_time_series_splits_into_one_stack_per_repeat(shared_dicom: Path):
    result = load_series(_files(shared_dicom, MR_DIR))
    assert result.errors == []
    assert [s.count for s in result.stacks] == [15] * 10
    first = result.stacks[0]
    assert first.pixels.shape == (15, 64, 64) and first.pixels.dtype == np.int16
    assert first.instance_numbers == tuple(range(1, 16))
    assert result.stacks[1].instance_numbers == tuple(range(16, 31))
    assert first.pixel_spacing == (3.75, 3.75)
    assert first.header.patient_name == "Test^Regression"
    for stack in result.stacks:
        assert np.all(np.diff(stack.positions @ stack.normal) > 0)
        assert stack.warnings


def test_mammogram_is_a_single_slice_with_laterality(shared_dicom: Path):
    result = load_series([shared_dicom / "mg" / "GH133.dcm"])
    (stack,) = result.stacks
    assert stack.pixels.shape == (1, 3062, 2394)
    assert stack.pixels.dtype == np.uint16
    assert stack.header.laterality == "R"
    assert stack.header.view_position == "MLO"
    assert stack.header.modality == "MG"
    assert stack.pixel_spacing == pytest.approx((0.09409090909091, 0.09409090909091))
    assert [w.explanation for w in stack.windows] == ["NORMAL", "HARDER", "SOFTER"]
    assert stack.windows[0] == Window(2653, 900, "NORMAL", VoiFunction.SIGMOID)
    assert stack.positions.shape == (0, 3)  # a projection image has no plane position
    assert stack.padding_value == 0
    assert stack.pixels.max() <= 4095  # 12 bits stored


def test_multiframe_file_is_one_stack(shared_dicom: Path):
    result = load_series([shared_dicom / "multiframe" / "pydicom-data" / "emri_small.dcm"])
    (stack,) = result.stacks
    assert stack.pixels.shape == (10, 64, 64)


MALFORMED = [
    "fo-dicom/GH177_D_CLUNIE_CT1_IVRLE_BigEndian_undefined_length.dcm",
    "fo-dicom/Issue1097_FailToOpenDeflatedFileWithSQ.dcm",
    "orthanc/2026-05-06-Deeply-Nested-Sequence.dcm",
    "orthanc/2026-05-26-oob-monochrome-46341.dcm",
    "orthanc/DummyCTInvalidRows.dcm",
    "pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm",
    "pydicom/badVR.dcm",
    "pydicom/meta_missing_tsyntax.dcm",
    "pydicom/no_meta.dcm",
]


@pytest.mark.parametrize("name", MALFORMED)
def test_broken_file_is_reported_and_the_good_one_loads(shared_dicom: Path, name: str):
    good = shared_dicom / CT_DIR / "14.dcm"
    bad = shared_dicom / "malformed" / name
    result = load_series([bad, good])
    assert len(result.stacks) == 1
    assert result.stacks[0].count == 1
    assert [e.source_label for e in result.errors] == [bad.name]
    assert result.errors[0].message


def test_absurd_dimensions_are_refused_before_allocation(shared_dicom: Path):
    result = load_series([shared_dicom / "malformed/orthanc/2026-05-26-oob-monochrome-46341.dcm"])
    assert result.stacks == []
    assert "implausible" in result.errors[0].message


def test_shuffled_synthetic_ct_is_sorted_by_position_not_instance():
    datasets = ct_series(12)
    # Instance numbers run against the position (feet-first numbering), files are shuffled.
    for k, ds in enumerate(datasets):
        ds.InstanceNumber = 12 - k
    blobs = [to_bytes(ds) for ds in datasets]
    order = list(range(12))
    random.Random(3).shuffle(order)
    result = load_series([blobs[i] for i in order])
    (stack,) = result.stacks
    assert stack.pixels[:, 0, 0].tolist() == [1000 + k for k in range(12)]
    np.testing.assert_allclose(stack.positions[:, 2], [2.5 * k for k in range(12)])
    assert stack.instance_numbers == tuple(range(12, 0, -1))
    assert stack.slice_spacing == pytest.approx(2.5)
    assert stack.header.patient_name == "DOE^JANE"
    assert stack.windows == (Window(40, 400, "MEDIASTINUM"), Window(-600, 1500, "LUNG"))
    assert (stack.slope, stack.intercept) == (1.0, -1024.0)


def test_slices_descending_along_the_normal_are_ordered_by_projection():
    # Normal (0, 0, 1) but positions run towards -z: slice with the lowest z comes first.
    datasets = ct_series(5, normal_sign=-1.0)
    result = load_series([to_bytes(ds) for ds in datasets])
    (stack,) = result.stacks
    assert stack.positions[:, 2].tolist() == [-10.0, -7.5, -5.0, -2.5, 0.0]
    assert stack.pixels[:, 0, 0].tolist() == [1004, 1003, 1002, 1001, 1000]


def test_orientation_and_size_split_a_series():
    axial = ct_series(3)
    sagittal = [
        ct_dataset(np.full((8, 6), 7, np.int16), instance=10 + k, position=(k, 0, 0),
                   orientation=(0, 1, 0, 0, 0, -1))
        for k in range(2)
    ]
    bigger = [ct_dataset(np.zeros((10, 6), np.int16), instance=20, position=(0, 0, 0))]
    result = load_series([to_bytes(ds) for ds in axial + sagittal + bigger])
    assert sorted(s.count for s in result.stacks) == [1, 2, 3]
    assert all(s.header.series_uid == SERIES for s in result.stacks)


def _slice_bytes() -> bytes:
    return to_bytes(ct_series(1)[0])


def test_truncated_and_foreign_bytes_are_errors_not_crashes():
    good = _slice_bytes()
    truncated = good[: len(good) - 40]
    no_pixels = ct_series(1)[0]
    del no_pixels.PixelData
    short = ct_series(1)[0]
    short.PixelData = short.PixelData[:40]
    sources = [b"not a dicom file at all" * 10, truncated, to_bytes(no_pixels),
               to_bytes(short), good]
    result = load_series(sources)
    assert len(result.stacks) == 1
    messages = [e.message for e in result.errors]
    assert len(messages) == 4
    assert "truncated" in messages[1]
    assert messages[2] == "no pixel data"
    assert "shorter than declared" in messages[3]
    assert [e.source_label for e in result.errors] == [
        "in-memory file #1", "in-memory file #2", "in-memory file #3", "in-memory file #4"]
    assert isinstance(result.errors[0], FileError)


def test_corrupt_compressed_slice_is_dropped_from_its_stack(shared_dicom: Path):
    datasets = ct_series(4)
    blobs = [to_bytes(ds) for ds in datasets]
    broken = datasets[2]
    broken.compress("1.2.840.10008.1.2.5")  # RLE, then damage the segment data
    frag = bytearray(broken.PixelData)
    frag[-30:] = b"\xff" * 30
    broken.PixelData = bytes(frag[: len(frag) // 2] + b"\x00" * (len(frag) % 2))
    blobs[2] = to_bytes(broken)
    result = load_series(blobs)
    (stack,) = result.stacks
    assert stack.count == 3
    assert stack.pixels[:, 0, 0].tolist() == [1000, 1001, 1003]
    assert [e.source_label for e in result.errors] == ["in-memory file #3"]


def test_progress_counts_every_file_once():
    calls: list[tuple[int, int]] = []
    blobs = [to_bytes(ds) for ds in ct_series(6)] + [b"junk"]
    load_series(blobs, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 7)
    assert calls[-1] == (7, 7)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) == 8


def test_parallel_and_sequential_loads_agree():
    blobs = [to_bytes(ds) for ds in ct_series(9)]
    one = load_series(blobs, workers=1).stacks[0]
    four = load_series(blobs, workers=4).stacks[0]
    np.testing.assert_array_equal(one.pixels, four.pixels)
