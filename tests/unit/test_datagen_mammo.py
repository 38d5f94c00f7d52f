"""Mammography phantom and instances: MONOCHROME1, orientation, views, calcifications."""

from __future__ import annotations

import copy
from dataclasses import replace
from functools import cache

import numpy as np
import pydicom
import pytest
from pydicom.uid import JPEG2000Lossless

from workstation.demohub.datagen import calcification_clusters, generate_mammo, study
from workstation.demohub.datagen.mammo import (
    PADDING_VALUE,
    MammoView,
    calcification_pixel,
    mammo_image,
)
from workstation.demohub.datagen.writer import encode

CURRENT, PRIOR = "study-05", "study-06"


def _small(key: str, spacing: float = 0.5):
    """The study's series over the same detector area on a coarser pixel grid."""
    series = study(key).series[0]
    scale = series.spacing / spacing
    return replace(
        series,
        rows=round(series.rows * scale),
        columns=round(series.columns * scale),
        spacing=spacing,
    )


@cache
def _images(key: str, spacing: float = 0.5) -> dict[str, pydicom.Dataset]:
    """Generated once per module run; tests must not modify the datasets."""
    series = _small(key, spacing)
    return {ds.ImageLaterality + ds.ViewPosition: ds for ds in generate_mammo(study(key), series)}


def _chest_wall_on_left(pixels: np.ndarray) -> bool:
    mid = pixels[pixels.shape[0] // 2]
    return bool(mid[0] < PADDING_VALUE and mid[-1] == PADDING_VALUE)


def test_full_size_series_is_a_realistic_detector():
    series = study(CURRENT).series[0]
    assert (series.rows, series.columns, series.spacing) == (2294, 1914, 0.1)
    assert [v.name for v in series.views] == ["RCC", "LCC", "RMLO", "LMLO"]


def test_monochrome1_air_is_padding_and_tissue_is_lower():
    for ds in _images(CURRENT).values():
        pixels = ds.pixel_array
        assert ds.PhotometricInterpretation == "MONOCHROME1"
        assert ds.PresentationLUTShape == "INVERSE"
        assert ds.PixelPaddingValue == PADDING_VALUE == pixels.max()
        assert 0.2 < (pixels == PADDING_VALUE).mean() < 0.7
        tissue = pixels[pixels < PADDING_VALUE - 50]
        assert tissue.size > 0.3 * pixels.size
        assert int(tissue.max()) < PADDING_VALUE


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (CURRENT, {"RCC": ("A", "L"), "LCC": ("A", "R"), "RMLO": ("A", "FL"), "LMLO": ("A", "FR")}),
        (PRIOR, {"RCC": ("P", "L"), "LCC": ("A", "R"), "RMLO": ("P", "FL"), "LMLO": ("A", "FR")}),
    ],
)
def test_patient_orientation_matches_where_the_breast_is(key, expected):
    for name, ds in _images(key).items():
        assert tuple(ds.PatientOrientation) == expected[name], name
        # Row direction A means the nipple points right: the chest wall is on the left.
        assert _chest_wall_on_left(ds.pixel_array) == (ds.PatientOrientation[0] == "A"), name


def test_view_tags():
    for name, ds in _images(CURRENT).items():
        assert ds.SOPClassUID == pydicom.uid.DigitalMammographyXRayImageStorageForPresentation
        assert ds.PresentationIntentType == "FOR PRESENTATION"
        assert ds.ImageLaterality == name[0] and ds.ViewPosition == name[1:]
        code = ds.ViewCodeSequence[0]
        assert (code.CodingSchemeDesignator, code.CodeValue) == (
            "SCT",
            "399162004" if name.endswith("CC") else "399368009",
        )
        assert ds.BreastImplantPresent == "NO" and ds.BodyPartExamined == "BREAST"
        assert [float(v) for v in ds.ImagerPixelSpacing] == [0.5, 0.5]
        assert "PixelSpacing" not in ds and "ImageOrientationPatient" not in ds
        assert "FrameOfReferenceUID" not in ds
        assert ds.VOILUTFunction == "SIGMOID" and len(ds.WindowCenter) == 2
        assert ds.BitsStored == 12 and ds.InstitutionName == "İzmir Demo Devlet Hastanesi"


def test_pectoral_muscle_only_on_mlo():
    images = _images(CURRENT)
    for name in ("LCC", "LMLO"):
        pixels = images[name].pixel_array.astype(float)
        corner = pixels[5:25, 2:20]  # top of the chest wall edge
        if name == "LMLO":  # dense, homogeneous muscle: half the span below air
            assert corner.mean() < PADDING_VALUE - 1700 and corner.std() < 80
        else:  # above the breast on a CC view there is only air
            assert (corner == PADDING_VALUE).all()


def test_new_calcification_cluster_in_the_left_breast():
    full = study(CURRENT).series[0]
    clusters = calcification_clusters(CURRENT)
    assert set(clusters) == {"LCC", "LMLO"} and calcification_clusters(PRIOR) == {}
    series = _small(CURRENT, 0.1)
    view = next(v for v in series.views if v.name == "LCC")
    ds = next(generate_mammo(study(CURRENT), series, [series.views.index(view)]))
    r, c = calcification_pixel(full.phantom, view, full.rows, full.columns, full.spacing)
    pixels = ds.pixel_array.astype(float)
    cluster = pixels[r - 50 : r + 51, c - 50 : c + 51]
    around = pixels[r - 150 : r + 151, c + 100 : c + 200]
    assert cluster.min() < around.min() - 600  # calcium: far lower than any breast tissue


def test_same_parenchyma_at_both_visits():
    series_now, series_then = _small(CURRENT), _small(PRIOR)
    view_now = MammoView("R", "CC", chest_wall_left=True)
    now = mammo_image(series_now.phantom, view_now, series_now.rows, series_now.columns, 0.5)
    then = mammo_image(series_then.phantom, view_now, series_now.rows, series_now.columns, 0.5)
    dv, du = (round(v / 0.5) for v in series_then.phantom.shift_mm)
    a = now[200:300, 60:160].astype(float)
    b = then[200 + dv : 300 + dv, 60 + du : 160 + du].astype(float)
    assert np.corrcoef(a.ravel(), b.ravel())[0, 1] > 0.9
    other = then[200:300, 60:160].astype(float)
    assert np.corrcoef(a.ravel(), other.ravel())[0, 1] < np.corrcoef(a.ravel(), b.ravel())[0, 1]


def test_jpeg2000_round_trip():
    ds = copy.deepcopy(_images(CURRENT)["LMLO"])
    source = ds.pixel_array.copy()
    encode(ds, JPEG2000Lossless)
    assert np.array_equal(ds.pixel_array, source)
