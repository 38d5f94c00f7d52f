"""Chest CT phantom and CT instances: HU at known patient positions, geometry, encoding."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pydicom
import pytest
from pydicom.uid import JPEG2000Lossless, JPEGLSLossless, RLELossless

from workstation.demohub.datagen import ct_landmarks, generate_ct_chest, nodule, study
from workstation.demohub.datagen.chest_phantom import ct_volume, render_slice
from workstation.demohub.datagen.writer import encode, write

CURRENT, PRIOR = "study-01", "study-02"


def _series(key: str):
    return study(key).series[0]


def _hu(ds: pydicom.Dataset) -> np.ndarray:
    return ds.pixel_array.astype(np.float64) * float(ds.RescaleSlope) + float(ds.RescaleIntercept)


def _slice_at(key: str, z: float) -> pydicom.Dataset:
    """The stored slice of a study whose centre is nearest to height z."""
    series = _series(key)
    k = round((z - series.geometry.z_first) / series.geometry.z_step)
    return next(generate_ct_chest(study(key), series, [k]))


def _value(ds: pydicom.Dataset, point: tuple[float, float, float]) -> float:
    """HU of the voxel containing an LPS point, located with the dataset's own header."""
    x0, y0, z0 = (float(v) for v in ds.ImagePositionPatient)
    row_spacing, col_spacing = (float(v) for v in ds.PixelSpacing)
    assert list(map(float, ds.ImageOrientationPatient)) == [1, 0, 0, 0, 1, 0]
    assert abs(point[2] - z0) <= float(ds.SliceThickness) / 2
    col = round((point[0] - x0) / col_spacing)
    row = round((point[1] - y0) / row_spacing)
    return float(_hu(ds)[row, col])


def test_current_series_matches_the_protocol():
    g = _series(CURRENT).geometry
    assert g.count >= 240 and (g.rows, g.columns) == (512, 512)
    assert 0.6 < g.pixel_spacing < 0.8
    assert g.slice_thickness == pytest.approx(1.25) and g.spacing == pytest.approx(1.25)
    prior = _series(PRIOR).geometry
    assert prior.slice_thickness == pytest.approx(5.0) and 50 <= prior.count <= 70


def test_nodule_is_solid_in_current_and_smaller_in_prior():
    (c_now, r_now), (c_then, r_then) = nodule(CURRENT), nodule(PRIOR)
    assert r_now == pytest.approx(6.0) and r_then == pytest.approx(3.5)
    now, then = _slice_at(CURRENT, c_now[2]), _slice_at(PRIOR, c_then[2])
    assert _value(now, c_now) == pytest.approx(30, abs=30)
    assert _value(then, c_then) == pytest.approx(30, abs=30)
    # 5 mm medial of the centre: nodule now, aerated lung a year ago.
    assert _value(now, (c_now[0] + 5, c_now[1], c_now[2])) == pytest.approx(30, abs=35)
    assert _value(then, (c_then[0] + 5, c_then[1], c_then[2])) < -650


def test_nodule_diameter_measured_on_the_image():
    def diameter(key: str) -> float:
        centre, _ = nodule(key)
        ds = _slice_at(key, centre[2])
        hu = _hu(ds)
        x0, y0, _ = (float(v) for v in ds.ImagePositionPatient)
        ps = float(ds.PixelSpacing[0])
        r, c = round((centre[1] - y0) / ps), round((centre[0] - x0) / ps)
        box = hu[r - 15 : r + 16, c - 15 : c + 16]
        return 2 * np.sqrt((box > -400).sum() * ps * ps / np.pi)

    assert diameter(CURRENT) == pytest.approx(12.0, abs=1.5)
    assert diameter(PRIOR) == pytest.approx(7.0, abs=1.5)


def test_tissues_have_their_nominal_hounsfield_units():
    marks = ct_landmarks(CURRENT)
    expected = {
        "air": -1000,
        "subcutaneous_fat": -100,
        "lung_right": -850,
        "lung_left": -850,
        "aorta_ascending": 250,
        "aorta_descending": 250,
        "vertebral_body": 230,
        "liver": 95,
    }
    for name, hu in expected.items():
        mark = marks[name]
        tolerance = 40 if name.startswith("lung") else 5
        assert mark.value == pytest.approx(hu, abs=tolerance), name
        measured = _value(_slice_at(CURRENT, mark.position[2]), mark.position)
        assert measured == pytest.approx(hu, abs=tolerance + 35), name


def test_prior_is_unenhanced_and_lies_elsewhere_in_its_frame():
    now, then = ct_landmarks(CURRENT), ct_landmarks(PRIOR)
    assert then["aorta_descending"].value == pytest.approx(45, abs=5)
    assert then["nodule"].position != now["nodule"].position
    assert study(CURRENT).frame_of_reference_uid != study(PRIOR).frame_of_reference_uid


def test_bone_has_a_cortical_rim_around_cancellous_bone():
    mark = ct_landmarks(CURRENT)["vertebral_body"]
    hu = _hu(_slice_at(CURRENT, mark.position[2]))
    assert hu.max() > 600
    assert _value(_slice_at(CURRENT, mark.position[2]), mark.position) == pytest.approx(230, abs=40)


def test_anatomy_varies_smoothly_from_apex_to_base():
    series = _series(CURRENT)
    coarse = series.geometry.scaled(128, 128, 16)
    vol = ct_volume(series.phantom, coarse)
    lung = (vol < -500) & (vol > -950)
    fraction = lung.mean(axis=(1, 2))
    z = np.array([coarse.z(k) for k in range(coarse.count)])
    apex, mid, base = (
        fraction[np.argmin(abs(z - 125))],
        fraction[np.argmin(abs(z - 20))],
        fraction[-1],
    )
    assert apex < mid and base < mid
    assert np.abs(np.diff(fraction)).max() < 0.5 * fraction.max()


def test_image_position_advances_by_the_spacing_along_the_normal():
    series = replace(_series(CURRENT), geometry=_series(CURRENT).geometry.scaled(64, 64, 16))
    datasets = list(generate_ct_chest(study(CURRENT), series))
    row, col = (
        np.array(datasets[0].ImageOrientationPatient[:3]),
        np.array(datasets[0].ImageOrientationPatient[3:]),
    )
    normal = np.cross(row, col)
    along = [
        float(np.dot(normal, np.array(ds.ImagePositionPatient, dtype=float))) for ds in datasets
    ]
    steps = np.diff(along)
    assert np.allclose(steps, steps[0]) and abs(steps[0]) == pytest.approx(
        float(datasets[0].SpacingBetweenSlices)
    )
    assert [ds.InstanceNumber for ds in datasets] == list(range(1, 17))
    assert all(
        float(ds.SliceLocation) == pytest.approx(a) for ds, a in zip(datasets, along, strict=True)
    )


def test_ct_header_carries_the_required_attributes():
    ds = _slice_at(CURRENT, 0.0)
    assert ds.SOPClassUID == pydicom.uid.CTImageStorage
    assert (ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation) == (16, 12, 11, 0)
    assert (float(ds.RescaleIntercept), float(ds.RescaleSlope), ds.RescaleType) == (
        -1024.0,
        1.0,
        "HU",
    )
    assert list(ds.WindowCenterWidthExplanation) == ["MEDIASTINUM", "LUNG"]
    assert ds.FrameOfReferenceUID == study(CURRENT).frame_of_reference_uid
    assert ds.Manufacturer == "Workstation Demo" and ds.ContrastBolusAgent
    assert ds.StudyInstanceUID == study(CURRENT).study_uid


def test_generation_is_deterministic():
    a = _slice_at(CURRENT, -60.0)
    b = _slice_at(CURRENT, -60.0)
    assert a.PixelData == b.PixelData and a.SOPInstanceUID == b.SOPInstanceUID
    # The prior shares the patient's vessels: same anatomy, noise-free, at the same local z.
    now, then = _series(CURRENT), _series(PRIOR)
    g_now = replace(now.geometry, z_first=-60.0, count=1, slice_thickness=1.25)
    g_then = replace(then.geometry, z_first=-50.0, count=1, slice_thickness=1.25)
    a = render_slice(replace(now.phantom, nodules=()), g_now, 0)
    b = render_slice(
        replace(then.phantom, nodules=(), contrast=True, offset=(0.0, 0.0, 0.0)), g_now, 0
    )
    assert np.array_equal(a, b)
    assert render_slice(then.phantom, g_then, 0).shape == (512, 512)


@pytest.mark.parametrize("syntax", [RLELossless, JPEG2000Lossless, JPEGLSLossless])
def test_codecs_round_trip_exactly(tmp_path, syntax):
    ds = _slice_at(CURRENT, -60.0)
    source, uid = ds.pixel_array.copy(), ds.SOPInstanceUID
    encode(ds, syntax)
    assert ds.SOPInstanceUID == ds.file_meta.MediaStorageSOPInstanceUID == uid
    path = tmp_path / "slice.dcm"
    write(ds, path)
    back = pydicom.dcmread(path)
    assert back.file_meta.TransferSyntaxUID == syntax
    assert np.array_equal(back.pixel_array, source)
