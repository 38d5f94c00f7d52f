"""MR head phantom and MR instances: tissue contrast per weighting, lesion, headers."""

from __future__ import annotations

import numpy as np
import pydicom
import pytest
from pydicom.uid import JPEGLSLossless

from workstation.demohub.datagen import brain_lesion, generate_mr_brain, study
from workstation.demohub.datagen.mr_brain import signal_at
from workstation.demohub.datagen.writer import encode

CURRENT, PRIOR = "study-03", "study-04"
VENTRICLE = (11.0, 0.0, 24.0)  # lateral ventricle, CSF
THALAMUS = (-11.0, 10.0, 4.0)  # deep grey matter
WHITE = (-28.0, 10.0, 38.0)  # centrum semiovale of the right hemisphere


def _series(key: str, weighting: str):
    return next(s for s in study(key).series if s.weighting == weighting)


def _signals(weighting: str) -> tuple[float, float, float]:
    ph = _series(CURRENT, weighting).phantom
    return tuple(signal_at(ph, weighting, p) for p in (VENTRICLE, THALAMUS, WHITE))


def test_t1_csf_dark_white_matter_brightest():
    csf, grey, white = _signals("T1")
    assert csf < grey < white
    assert white - grey > 100


def test_t2_csf_bright_grey_above_white():
    csf, grey, white = _signals("T2")
    assert csf > grey > white
    assert csf > 2 * grey


def test_flair_nulls_csf():
    csf, grey, white = _signals("FLAIR")
    assert csf < 0.3 * white < white < grey


def test_lesion_is_new_since_the_prior():
    centre, radius, oedema = brain_lesion(CURRENT)
    assert brain_lesion(PRIOR) is None
    assert radius < oedema
    flair = _series(CURRENT, "FLAIR").phantom
    assert signal_at(flair, "FLAIR", centre) > 1000
    prior = _series(PRIOR, "T2").phantom
    same_place = prior.to_frame(centre)  # the current frame has no offset
    assert signal_at(prior, "T2", same_place) < 1000


def test_stored_slice_shows_the_contrast_with_noise():
    series = _series(CURRENT, "T2")
    g = series.geometry
    k = round((VENTRICLE[2] - g.z_first) / g.z_step)
    ds = next(generate_mr_brain(study(CURRENT), series, [k]))
    pixels = ds.pixel_array.astype(float)
    x0, y0, _ = (float(v) for v in ds.ImagePositionPatient)
    ps = float(ds.PixelSpacing[0])
    r, c = round((VENTRICLE[1] - y0) / ps), round((VENTRICLE[0] - x0) / ps)
    assert pixels[r - 1 : r + 2, c - 1 : c + 2].mean() > 1400
    background = pixels[:10, :10]
    assert 0 < background.mean() < 60  # Rician noise floor, not zero


def test_mr_header():
    series = _series(CURRENT, "FLAIR")
    ds = next(generate_mr_brain(study(CURRENT), series, [0]))
    assert ds.SOPClassUID == pydicom.uid.MRImageStorage
    assert (ds.Rows, ds.Columns) == (256, 256)
    assert (ds.BitsAllocated, ds.BitsStored, ds.PixelRepresentation) == (16, 12, 0)
    assert "RescaleSlope" not in ds and "RescaleIntercept" not in ds
    assert list(ds.ScanningSequence) == ["SE", "IR"] and float(ds.InversionTime) > 0
    assert float(ds.SliceThickness) == 5.0 and float(ds.SpacingBetweenSlices) == 6.0
    assert ds.WindowCenterWidthExplanation == "FLAIR"
    assert ds.SpecificCharacterSet == "ISO_IR 192" and str(ds.PatientName) == "Yıldız^Ayşe Gül"


def test_series_of_one_session_share_the_frame_of_reference():
    uids = {
        ds.FrameOfReferenceUID
        for s in study(CURRENT).series
        for ds in generate_mr_brain(study(CURRENT), s, [0])
    }
    assert len(uids) == 1
    prior = next(generate_mr_brain(study(PRIOR), study(PRIOR).series[0], [0]))
    assert prior.FrameOfReferenceUID not in uids
    assert [s.weighting for s in study(CURRENT).series] == ["T1", "T2", "FLAIR"]
    windows = {
        float(next(generate_mr_brain(study(CURRENT), s, [0])).WindowWidth)
        for s in study(CURRENT).series
    }
    assert len(windows) == 3


def test_jpeg_ls_round_trip():
    ds = next(generate_mr_brain(study(CURRENT), _series(CURRENT, "T1"), [12]))
    source = ds.pixel_array.copy()
    encode(ds, JPEGLSLossless)
    assert ds.file_meta.TransferSyntaxUID == JPEGLSLossless
    assert np.array_equal(ds.pixel_array, source)


@pytest.mark.parametrize("weighting", ["T1", "T2", "FLAIR"])
def test_slices_are_reproducible(weighting):
    series = _series(CURRENT, weighting)
    a = next(generate_mr_brain(study(CURRENT), series, [10]))
    b = next(generate_mr_brain(study(CURRENT), series, [10]))
    assert a.PixelData == b.PixelData
