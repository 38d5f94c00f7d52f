"""Demo catalogue: manifest content, UIDs, neutral paths, Turkish text, job planning."""

from __future__ import annotations

import re
from collections import Counter

import pydicom
import pytest
from pydicom.uid import UID, RLELossless

from workstation.demohub.datagen import generate_mr_brain, manifest, studies, study, study_by_uid
from workstation.demohub.datagen.build import plan, run_job
from workstation.demohub.datagen.specs import derived_uid, instance_count


def test_manifest_lists_tenants_and_studies():
    m = manifest()
    assert m["version"] == 1
    assert m["tenants"] == [
        {"id": "ankara", "name": "Ankara Demo Eğitim ve Araştırma Hastanesi"},
        {"id": "izmir", "name": "İzmir Demo Devlet Hastanesi"},
    ]
    entries = m["studies"]
    assert len(entries) == 8
    assert all(
        set(e) == {"study_uid", "tenant", "priority", "status", "clinical_notes", "dir"}
        for e in entries
    )
    current = [e for e in entries if e["status"] == "UNREAD"]
    priors = [e for e in entries if e["status"] == "FINAL"]
    assert len(current) == 5 and len(priors) == 3
    assert Counter(e["priority"] for e in current) == {"STAT": 2, "URGENT": 1, "ROUTINE": 2}
    assert {e["tenant"] for e in current if e["priority"] == "STAT"} == {"ankara", "izmir"}
    assert all(e["priority"] == "ROUTINE" for e in priors)
    assert all(e["clinical_notes"] for e in entries)


def test_priors_belong_to_a_current_patient_and_are_older():
    by_patient: dict[str, list] = {}
    for s in studies():
        by_patient.setdefault(s.patient.patient_id, []).append(s)
    for group in by_patient.values():
        currents = [s for s in group if s.status == "UNREAD"]
        assert len(currents) == 1
        for prior in (s for s in group if s.status == "FINAL"):
            assert prior.when < currents[0].when
            assert prior.tenant == currents[0].tenant and prior.modality == currents[0].modality


def test_directories_never_reveal_the_patient():
    for s in studies():
        assert re.fullmatch(r"studies/study-\d\d", s.dir)
        for series in s.series:
            path = f"{s.series_dir(series)}/{s.file_name(instance_count(series))}"
            assert re.fullmatch(r"studies/study-\d\d/series-\d\d/\d{4}\.dcm", path)
            family, given = s.patient.name.split("^")
            for secret in (s.patient.patient_id, family, given, s.accession):
                assert secret not in path


def test_uids_are_valid_unique_and_reproducible():
    uids = []
    for s in studies():
        uids += [s.study_uid, s.frame_of_reference_uid]
        for series in s.series:
            uids.append(s.series_uid(series))
            uids += [s.sop_uid(series, i + 1) for i in range(instance_count(series))]
    assert len(uids) == len(set(uids))
    assert all(UID(u).is_valid for u in uids)
    assert derived_uid("study", "study-01") == studies()[0].study_uid
    assert study_by_uid(studies()[4].study_uid).key == "study-05"


def test_turkish_names_survive_a_file_round_trip(tmp_path):
    s = study("study-04")
    ds = next(generate_mr_brain(s, s.series[0], [0]))
    path = tmp_path / "0001.dcm"
    ds.save_as(path, enforce_file_format=True)
    raw = path.read_bytes()
    assert "Yıldız^Ayşe Gül".encode() in raw
    back = pydicom.dcmread(path)
    assert back.SpecificCharacterSet == "ISO_IR 192"
    assert str(back.PatientName) == "Yıldız^Ayşe Gül"
    assert back.PatientName.family_name == "Yıldız"
    assert back.InstitutionName == "Ankara Demo Eğitim ve Araştırma Hastanesi"
    assert back.StudyDescription == "Beyin MR"
    names = {st.patient.name for st in studies()}
    assert set("çğıİöşüÇÖŞ") <= set(
        "".join(names) + "".join(t["name"] for t in manifest()["tenants"])
    )


@pytest.mark.parametrize("key", [s.key for s in studies()])
def test_patient_header_fields(key):
    s = study(key)
    age = int(s.patient.age_at(s.when.date())[:3])
    assert 18 < age < 90
    assert s.tenant.id in {"ankara", "izmir"}
    assert len(s.description) <= 64 and len(s.tenant.name) <= 64


def test_plan_covers_every_instance_once():
    seen = Counter()
    for job in plan():
        for i in job.indices:
            seen[(job.study_key, job.series_number, i)] += 1
    expected = {
        (s.key, series.number, i)
        for s in studies()
        for series in s.series
        for i in range(instance_count(series))
    }
    assert set(seen) == expected and set(seen.values()) == {1}


def test_a_job_writes_decodable_files_in_the_series_syntax(tmp_path):
    s = study("study-04")
    job = next(j for j in plan() if j.study_key == "study-04" and 0 in j.indices)
    small = type(job)(job.study_key, job.series_number, (0, 1), job.cost)
    assert run_job(str(tmp_path), small) == 2
    files = sorted((tmp_path / s.series_dir(s.series[0])).glob("*.dcm"))
    assert [f.name for f in files] == ["0001.dcm", "0002.dcm"]
    for f in files:
        ds = pydicom.dcmread(f)
        assert ds.file_meta.TransferSyntaxUID == RLELossless
        assert ds.SOPInstanceUID == s.sop_uid(s.series[0], ds.InstanceNumber)
        assert ds.pixel_array.shape == (256, 256)


def test_parallel_and_serial_builds_write_identical_files(tmp_path, monkeypatch):
    from workstation.demohub.datagen import build

    jobs = [j for j in plan() if j.study_key == "study-04"]
    small = [type(j)(j.study_key, j.series_number, j.indices[:2], j.cost) for j in jobs]
    monkeypatch.setattr(build, "plan", lambda: small)
    reports: list[float] = []
    assert build.build_all(tmp_path / "a", lambda m, f: reports.append(f), workers=2) == 4
    assert build.build_all(tmp_path / "b", workers=1) == 4
    a = sorted((tmp_path / "a").rglob("*.dcm"))
    b = sorted((tmp_path / "b").rglob("*.dcm"))
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b, strict=True))
    assert reports == sorted(reports) and 0 < reports[-1] < 1
