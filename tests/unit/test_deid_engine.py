"""De-identification engine rules beyond the per-attribute table: consistency of UIDs
across a series, per-patient date shifts, burned-in annotation, generated profiles."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from dicom_synthetic import ct_dataset

from workstation.commands.build_deid_profiles import build_profile
from workstation.core.deid_profile import load_profile
from workstation.core.resource_files import resource_path
from workstation.dicom.deidentify import DeidentificationRefusedError, Deidentifier, PixelMask
from workstation.dicom.deidentify_values import Pseudonymizer, shift_date

SECRET = b"0123456789abcdef0123456789abcdef"
TABLE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "ps3-15-table-e1-1.json"


def _series(count: int = 3, *, patient: str = "P-001", series: str = "1.2.3.4.1"):
    items = []
    for k in range(count):
        ds = ct_dataset(np.full((4, 4), k, dtype=np.int16), instance=k + 1,
                        position=(0, 0, k), series_uid=series)
        ds.PatientID = patient
        items.append(ds)
    return items


def test_uids_consistent_across_a_series_and_references_follow():
    engine = Deidentifier(load_profile("research"), Pseudonymizer(SECRET))
    originals = _series(3)
    ref = originals[2].ReferencedImageSequence = [type(originals[0])()]
    ref[0].ReferencedSOPInstanceUID = originals[0].SOPInstanceUID
    outs = [engine.deidentify(ds).dataset for ds in originals]
    assert len({o.StudyInstanceUID for o in outs}) == 1
    assert len({o.SeriesInstanceUID for o in outs}) == 1
    assert len({o.FrameOfReferenceUID for o in outs}) == 1
    assert len({o.SOPInstanceUID for o in outs}) == 3
    assert outs[0].StudyInstanceUID != originals[0].StudyInstanceUID
    assert outs[0].StudyInstanceUID.startswith("2.25.")
    assert outs[2].ReferencedImageSequence[0].ReferencedSOPInstanceUID == outs[0].SOPInstanceUID
    # the source data sets are left as they were
    assert originals[0].PatientName == "DOE^JANE"


def test_same_secret_same_uids_other_secret_other_uids():
    ds = _series(1)[0]
    a = Deidentifier(load_profile("teaching"), Pseudonymizer(SECRET)).deidentify(ds).dataset
    b = Deidentifier(load_profile("teaching"), Pseudonymizer(SECRET)).deidentify(ds).dataset
    c = Deidentifier(load_profile("teaching"), Pseudonymizer(b"x" * 32)).deidentify(ds).dataset
    assert a.SOPInstanceUID == b.SOPInstanceUID != c.SOPInstanceUID


def test_date_shift_is_consistent_per_patient():
    engine = Deidentifier(load_profile("research"), Pseudonymizer(SECRET))
    first = _series(1, patient="P-1", series="1.2.3.4.1")[0]
    later = _series(1, patient="P-1", series="1.2.3.4.2")[0]
    later.StudyDate = "20240301"
    other = _series(1, patient="P-2", series="1.2.3.4.3")[0]
    a, b, c = (engine.deidentify(ds).dataset for ds in (first, later, other))
    days = engine.pseudonymizer.shift_days("P-1")
    assert -3650 <= days <= -1
    assert a.StudyDate == shift_date("20240131", days) != "20240131"
    assert b.StudyDate == shift_date("20240301", days)
    from datetime import date
    interval = date.fromisoformat(b.StudyDate) - date.fromisoformat(a.StudyDate)
    assert interval.days == 30  # the interval between the patient's studies is kept
    assert c.StudyDate == shift_date("20240131", engine.pseudonymizer.shift_days("P-2"))
    assert c.StudyDate != a.StudyDate
    assert a.PatientID == engine.pseudonymizer.pseudonym("P-1") != c.PatientID


def test_teaching_profile_removes_dates_second_opinion_keeps_them():
    ds = _series(1)[0]
    teaching = Deidentifier(load_profile("teaching"), Pseudonymizer(SECRET)).deidentify(ds)
    assert teaching.dataset.StudyDate == ""
    kept = Deidentifier(load_profile("second_opinion"), Pseudonymizer(SECRET)).deidentify(ds)
    assert kept.dataset.StudyDate == "20240131"
    assert kept.dataset.StudyInstanceUID == ds.StudyInstanceUID


def test_burned_in_annotation_refused_without_clean_pixel_data():
    ds = _series(1)[0]
    ds.BurnedInAnnotation = "YES"
    with pytest.raises(DeidentificationRefusedError, match="Burned In Annotation"):
        Deidentifier(load_profile("research"), Pseudonymizer(SECRET)).deidentify(ds)
    with pytest.raises(DeidentificationRefusedError, match="no text regions"):
        Deidentifier(load_profile("teaching"), Pseudonymizer(SECRET)).deidentify(ds)


def test_clean_pixel_data_blanks_the_marked_regions():
    pixels = np.arange(16, dtype=np.int16).reshape(4, 4) + 100
    ds = ct_dataset(pixels, instance=1, position=(0, 0, 0))
    ds.BurnedInAnnotation = "YES"
    engine = Deidentifier(load_profile("teaching"), Pseudonymizer(SECRET),
                          masks=[PixelMask(top=0, left=0, height=1, width=4)])
    out = engine.deidentify(ds).dataset
    result = out.pixel_array
    assert result[0].tolist() == [100, 100, 100, 100]
    assert result[1:].tolist() == pixels[1:].tolist()
    assert out.BurnedInAnnotation == "NO"


def test_visual_features_refused_by_teaching_profile():
    ds = _series(1)[0]
    ds.RecognizableVisualFeatures = "YES"
    with pytest.raises(DeidentificationRefusedError, match="Visual Features"):
        Deidentifier(load_profile("teaching"), Pseudonymizer(SECRET)).deidentify(ds)


def test_short_secret_rejected():
    with pytest.raises(ValueError):
        Pseudonymizer(b"short")


def test_shipped_profiles_match_the_generator():
    if not TABLE.is_file():
        pytest.skip("../shared/reference is not present")
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    for path in sorted(resource_path("anonymization").glob("*.json")):
        shipped = json.loads(path.read_text(encoding="utf-8"))
        assert shipped == build_profile(path.stem, table), path.name


def test_combined_codes_resolved():
    profile = json.loads(resource_path("anonymization", "teaching.json").read_text())
    actions = profile["actions"]
    assert actions["00081070"] == {"name": "Operators' Name", "basic": "X/Z/D", "action": "D"}
    assert actions["00081140"]["action"] == "U"  # X/Z/U*
    assert actions["00080022"]["action"] == "Z"  # X/Z, Type 2 in a standard IOD
    clinical = json.loads(resource_path("anonymization", "clinical_trial.json").read_text())
    assert clinical["actions"]["00181200"]["action"] == "C"  # date shift beats device K
