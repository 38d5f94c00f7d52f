"""For each shipped profile and each PS3.15 Table E.1-1 attribute, the profile's action is
applied: on a synthetic data set carrying every attribute, and on the shared real files."""

from __future__ import annotations

import io
from pathlib import Path

import pydicom
import pytest
from deid_checks import check_action
from deid_synthetic import PATIENT_ID, PATIENT_NAME, every_attribute_dataset, table_tags

from workstation.core.deid_profile import load_profile, profile_names
from workstation.dicom.deidentify import Deidentifier
from workstation.dicom.deidentify_values import Pseudonymizer, identifying_words

SECRET = b"export-secret-for-tests-0123456789"
PROFILES = ["ai_dataset", "clinical_trial", "research", "second_opinion", "teaching"]


def test_five_profiles_are_shipped():
    assert profile_names() == PROFILES


def _run(profile_name: str, ds: pydicom.Dataset):
    profile = load_profile(profile_name)
    ps = Pseudonymizer(SECRET)
    outcome = Deidentifier(profile, ps).deidentify(ds)
    buffer = io.BytesIO()
    outcome.dataset.save_as(buffer, enforce_file_format=True)  # still a valid file
    out = pydicom.dcmread(io.BytesIO(buffer.getvalue()))
    return profile, ps, out


def _problems(profile, ps, original, out) -> list[str]:
    key = str(original.get("PatientID", "") or original.get("PatientName", ""))
    words = identifying_words([str(original.get("PatientName", "")), key])
    problems = []
    for table_key, tag in sorted(table_tags(profile).items()):
        if tag not in original:
            continue
        action = profile.actions[table_key]
        problem = check_action(action, original[tag], out, ps=ps, profile=profile,
                               shift_days=ps.shift_days(key), words=words,
                               pseudonym=ps.pseudonym(key))
        if problem:
            problems.append(f"{table_key} {original[tag].keyword} [{action}]: {problem}")
    return problems


@pytest.mark.parametrize("name", PROFILES)
def test_every_table_attribute_gets_its_action(name):
    original = every_attribute_dataset(load_profile(name))
    profile, ps, out = _run(name, original)
    assert len(table_tags(profile)) >= 615
    assert _problems(profile, ps, original, out) == []
    # the patient identity and the pixel data survive in their new form
    assert out.PatientID == ps.pseudonym(PATIENT_ID) != PATIENT_ID
    assert out.PatientName == ""  # Z in Table E.1-1
    assert out.pixel_array[7, 7] == 63
    assert PATIENT_NAME.split("^")[1] not in out.to_json()
    assert PATIENT_ID not in out.to_json()


@pytest.mark.parametrize("name", PROFILES)
def test_private_attributes_removed_unless_safe(name):
    original = every_attribute_dataset(load_profile(name))
    profile, _ps, out = _run(name, original)
    assert 0x00291001 not in out and 0x00290010 not in out
    assert 0x00191008 not in out
    if "rtnSafePrivOpt" in profile.options:
        assert out[0x0019100C].value == 1000
        assert out[0x00190010].value == "SIEMENS MR HEADER"
    else:
        assert 0x0019100C not in out and 0x00190010 not in out


@pytest.mark.parametrize("name", PROFILES)
def test_identity_removed_and_method_codes(name):
    profile, ps, out = _run(name, every_attribute_dataset(load_profile(name)))
    assert out.PatientIdentityRemoved == "YES"
    codes = [item.CodeValue for item in out.DeidentificationMethodCodeSequence]
    assert codes[0] == "113100"
    assert codes == [c.value for c in profile.method_codes]
    assert {i.CodingSchemeDesignator for i in out.DeidentificationMethodCodeSequence} == {"DCM"}
    assert out.DeidentificationMethod.startswith("PS3.15 Annex E")
    want = {"research": "MODIFIED", "clinical_trial": "MODIFIED", "ai_dataset": "MODIFIED",
            "second_opinion": "UNMODIFIED", "teaching": "REMOVED"}[name]
    assert out.LongitudinalTemporalInformationModified == want
    assert out.file_meta.MediaStorageSOPInstanceUID == out.SOPInstanceUID
    if name != "second_opinion":
        assert out.SOPInstanceUID.startswith("2.25.")


def _shared_samples(root: Path) -> list[Path]:
    picks = []
    for pattern in ("ct_series/*/01.dcm", "luts/*/*.dcm", "*/*/*.dcm"):
        for path in sorted(root.glob(pattern)):
            if path not in picks:
                picks.append(path)
            if len(picks) >= 6:
                return picks
    return picks


@pytest.mark.parametrize("name", PROFILES)
def test_real_files_get_their_actions(name, shared_dicom):
    samples = _shared_samples(shared_dicom)
    if not samples:
        pytest.skip("no shared DICOM files")
    checked = 0
    for path in samples:
        original = pydicom.dcmread(path)
        if str(original.get("BurnedInAnnotation", "")).upper() == "YES":
            continue
        profile, ps, out = _run(name, original)
        assert _problems(profile, ps, original, out) == [], path.name
        assert not any(tag.is_private for tag in out.keys()
                       if "rtnSafePrivOpt" not in profile.options)
        checked += 1
    assert checked >= 1
