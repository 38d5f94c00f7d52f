"""Series assembly: one series in, the right stacks out (PS3.3 C.7.6.2.1.1 ordering)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from dicom_synthetic import SERIES, ct_dataset, to_bytes
from pydicom.dataset import Dataset

from workstation.dicom.loader import load_series

AXIAL = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0)
CORONAL = (1.0, 0.0, 0.0, 0.0, 0.0, -1.0)
SAGITTAL = (0.0, 1.0, 0.0, 0.0, 0.0, -1.0)


def _slice(value: int, z: float, instance: int, *, orientation=AXIAL, shape=(8, 6),
           uid_suffix: str = "") -> Dataset:
    ds = ct_dataset(np.full(shape, value, np.int16), instance=instance,
                    position=(-10.0, -20.0, z), orientation=orientation)
    if uid_suffix:
        ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID = (
            f"{ds.SOPInstanceUID}.{uid_suffix}")
    return ds


def _axial(zs, first_value: int = 1000, first_instance: int = 1) -> list[Dataset]:
    return [_slice(first_value + k, z, first_instance + k) for k, z in enumerate(zs)]


def _load(datasets: list[Dataset], seed: int = 1):
    blobs = [to_bytes(ds) for ds in datasets]
    random.Random(seed).shuffle(blobs)
    result = load_series(blobs)
    assert result.errors == []
    return result.stacks


def test_shuffled_series_with_localizer_and_second_orientation():
    axial = _axial([2.5 * k for k in range(6)], first_instance=4)
    localizer = _slice(7, 0.0, 1, orientation=CORONAL)
    localizer.ImageType = ["ORIGINAL", "PRIMARY", "LOCALIZER"]
    # An axial localizer sits in the volume's orientation; only its Image Type tells.
    axial_scout = _slice(9, 3.0, 2)
    axial_scout.ImageType = ["ORIGINAL", "PRIMARY", "LOCALIZER"]
    sagittal = [_slice(20 + k, 0.0, 20 + k, orientation=SAGITTAL) for k in range(2)]
    for k, ds in enumerate(sagittal):
        ds.ImagePositionPatient = [float(k), 0.0, 0.0]
    stacks = _load(axial + [localizer, axial_scout] + sagittal)
    counts = {s.pixels[0, 0, 0].item(): s.count for s in stacks}
    # The sagittal normal is -x: the slice at x = 1 comes first.
    assert counts == {7: 1, 9: 1, 1000: 6, 21: 2}
    volume = next(s for s in stacks if s.count == 6)
    assert volume.pixels[:, 0, 0].tolist() == list(range(1000, 1006))
    assert volume.warnings == ()
    assert [s.pixels[0, 0, 0] for s in stacks][:2] == [7, 9]  # in instance order
    for scout in stacks[:2]:
        assert scout.warnings == ("Localizer: kept apart from the series' other images",)
    assert all(s.header.series_uid == SERIES for s in stacks)


def test_same_image_twice_is_kept_once():
    series = _axial([0.0, 1.0, 2.0, 3.0])
    again = to_bytes(series[2])
    renamed = _slice(1001, 1.0, 9, uid_suffix="copy")  # another UID, identical pixels
    blobs = [to_bytes(ds) for ds in series] + [again, to_bytes(renamed)]
    result = load_series(blobs)
    (stack,) = result.stacks
    assert stack.pixels[:, 0, 0].tolist() == [1000, 1001, 1002, 1003]
    assert stack.warnings == ("2 repeated image(s) with the same position and pixels ignored",)
    assert result.errors == []


def test_same_positions_with_different_pixels_and_nothing_to_tell_them_apart():
    first = _axial([0.0, 1.0, 2.0])
    second = _axial([0.0, 1.0, 2.0], first_value=2000, first_instance=4)
    stacks = _load(first + second)
    assert [s.pixels[:, 0, 0].tolist() for s in stacks] == [[1000, 1001, 1002],
                                                           [2000, 2001, 2002]]
    assert stacks[1].warnings == (
        "slices repeat at the same positions; shown as stack 2 of 2",)


def test_two_echoes_become_two_stacks():
    datasets = []
    for echo, (time, base) in enumerate([(12.0, 100), (90.0, 500)], start=1):
        for ds in _axial([0.0, 3.0, 6.0, 9.0], base, 1 + 10 * echo):
            ds.EchoNumbers = echo
            ds.EchoTime = time
            datasets.append(ds)
    stacks = _load(datasets, seed=4)
    assert [s.pixels[:, 0, 0].tolist() for s in stacks] == [[100, 101, 102, 103],
                                                           [500, 501, 502, 503]]
    assert stacks[1].warnings == (
        "Same positions as 1 other stack(s) of the series; this one is echo 2 (2 of 2)",)


def test_repeated_acquisitions_split_by_acquisition_number_even_when_coverage_differs():
    first = _axial([0.0, 2.0, 4.0, 6.0, 8.0])
    second = _axial([4.0, 6.0, 8.0, 10.0, 12.0], first_value=3000, first_instance=20)
    for ds in first:
        ds.AcquisitionNumber = 1
    for ds in second:
        ds.AcquisitionNumber = 2
    stacks = _load(first + second)
    assert [s.positions[:, 2].tolist() for s in stacks] == [[0, 2, 4, 6, 8], [4, 6, 8, 10, 12]]
    assert stacks[0].warnings[0].endswith("this one is acquisition 1 (1 of 2)")


def test_per_slice_acquisition_numbers_do_not_shatter_a_series():
    # GE numbers acquisitions per rotation; one slice is repeated. Only the repeat splits.
    datasets = _axial([4.0 * k for k in range(10)])
    for k, ds in enumerate(datasets):
        ds.AcquisitionNumber = 1 + k // 2
    extra = _slice(5000, 8.0, 40)
    extra.AcquisitionNumber = 2
    stacks = _load(datasets + [extra])
    assert [s.count for s in stacks] == [10, 1]
    assert stacks[1].pixels[0, 0, 0] == 5000


def test_spacing_comes_from_positions_and_gaps_are_reported():
    zs = [0.0, 1.25, 2.5, 3.75, 6.25, 7.5, 8.75]  # one slice missing after the 4th
    datasets = _axial(zs)
    for ds in datasets:
        ds.SliceThickness = 5.0  # wrong on purpose: spacing comes from positions
    (stack,) = _load(datasets)
    assert stack.slice_spacing == pytest.approx(1.25)
    assert stack.warnings == (
        "Missing slices: 1 slice absent after slice 4 (gap 2.50 mm, spacing 1.25 mm)",)

    (uneven,) = _load(_axial([0.0, 1.0, 2.0, 3.0, 4.5, 6.0, 7.5]))
    assert uneven.warnings == ("Non-uniform slice spacing 1.00-1.50 mm: 1.00 mm (slices 1-4), "
                               "1.50 mm (slices 4-7)",)


def test_a_slice_that_fails_to_decode_leaves_a_reported_gap():
    datasets = _axial([0.0, 1.0, 2.0, 3.0, 4.0])
    broken = datasets[2]
    broken.compress("1.2.840.10008.1.2.5")
    broken.PixelData = bytes(broken.PixelData)[:20] + b"\x00" * 20
    result = load_series([to_bytes(ds) for ds in datasets])
    (stack,) = result.stacks
    assert stack.count == 4 and len(result.errors) == 1
    assert "Missing slices: 1 slice absent after slice 2" in stack.warnings[0]


def test_mixed_sizes_in_a_series_are_separate_stacks_with_a_note():
    datasets = _axial([0.0, 1.0, 2.0]) + [_slice(7, 5.0, 9, shape=(10, 6))]
    stacks = _load(datasets)
    assert sorted(s.count for s in stacks) == [1, 3]
    note = "Series holds images of different sizes (8x6, 10x6); each size is a separate stack"
    assert all(note in s.warnings for s in stacks)


def test_time_series_split_by_temporal_position():
    datasets = []
    for t in (1, 2, 3):
        for ds in _axial([0.0, 5.0], first_value=100 * t, first_instance=10 * t):
            ds.TemporalPositionIdentifier = t
            datasets.append(ds)
    stacks = _load(datasets, seed=9)
    assert [s.pixels[:, 0, 0].tolist() for s in stacks] == [[100, 101], [200, 201], [300, 301]]
    assert "temporal position 3 (3 of 3)" in stacks[2].warnings[0]
