"""Anonymized export from the encrypted cache to a folder and a zip, key images, patient
export with a password, the audit events, and the ``workstation anonymize`` command."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile

import numpy as np
import pydicom
import pytest
import pyzipper
from dicom_synthetic import ct_dataset
from PIL import Image

from workstation.cache.store import EncryptedStore
from workstation.cli import main
from workstation.core.deid_profile import load_profile
from workstation.core.display import apply_display
from workstation.core.window import Window
from workstation.services import export_audit, outbox
from workstation.services.export_dicom import (
    ExportError,
    cached_sources,
    export_anonymized,
    file_sources,
)
from workstation.services.export_images import export_key_images
from workstation.services.patient_export import export_patient, local_reports
from workstation.services.report_autosave import record_name

KEY = bytes(range(32))
TENANT = "t1"
STUDIES = {"1.2.3.100": ("PAT-A", "1.2.3.100.1"), "1.2.3.200": ("PAT-A", "1.2.3.200.1"),
           "1.2.3.300": ("PAT-B", "1.2.3.300.1")}


def _bytes(ds: pydicom.Dataset) -> bytes:
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def _instances(study: str, patient: str, series: str, count: int = 3) -> list[pydicom.Dataset]:
    out = []
    for k in range(count):
        pixels = (np.arange(16, dtype=np.int16).reshape(4, 4) * 10 + k)
        ds = ct_dataset(pixels, instance=k + 1, position=(0, 0, k), series_uid=series)
        ds.StudyInstanceUID = study
        ds.PatientID = patient
        out.append(ds)
    return out


@pytest.fixture
def store(tmp_path):
    store = EncryptedStore(tmp_path / "cache", KEY)
    for study, (patient, series) in STUDIES.items():
        for ds in _instances(study, patient, series):
            store.put(TENANT, study, series, ds.SOPInstanceUID, _bytes(ds))
    yield store
    store.close()


@pytest.fixture
def events():
    seen: list[export_audit.ExportEvent] = []
    export_audit.connect_audit(seen.append)
    yield seen
    export_audit.connect_audit(None)


def test_study_from_cache_to_folder(store, tmp_path, events):
    result = export_anonymized(cached_sources(store, TENANT, "1.2.3.100"),
                               load_profile("research"), tmp_path / "out")
    assert result.written == 3 and result.skipped == []
    files = sorted((tmp_path / "out").rglob("*.dcm"))
    assert [f.relative_to(tmp_path / "out").as_posix() for f in files] == [
        "STUDY_001/SERIES_001/IMG_00001.dcm", "STUDY_001/SERIES_001/IMG_00002.dcm",
        "STUDY_001/SERIES_001/IMG_00003.dcm"]
    read = [pydicom.dcmread(f) for f in files]
    assert {d.StudyInstanceUID for d in read} != {"1.2.3.100"}
    assert len({d.StudyInstanceUID for d in read}) == 1
    assert all(d.PatientIdentityRemoved == "YES" and d.PatientID != "PAT-A" for d in read)
    assert b"DOE" not in files[0].read_bytes()
    assert read[0].pixel_array.tolist() == (np.arange(16).reshape(4, 4) * 10).tolist()
    assert [(e.action, e.study_uids, e.instances, e.profile, e.outcome) for e in events] == [
        ("export.anonymized", ("1.2.3.100",), 3, "research", "success")]


def test_series_to_zip_is_readable(store, tmp_path, events):
    target = tmp_path / "export.zip"
    sources = cached_sources(store, TENANT, "1.2.3.200", series_uid="1.2.3.200.1")
    result = export_anonymized(sources, load_profile("teaching"), target, as_zip=True)
    assert result.written == 3
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert len(names) == 3
        ds = pydicom.dcmread(io.BytesIO(archive.read(names[0])))
    assert ds.PatientIdentityRemoved == "YES" and ds.StudyDate == ""
    assert not (tmp_path / "export.zip.part").exists()
    assert events[0].destination_kind == "zip"


def test_broken_input_is_skipped_and_named(tmp_path, events):
    good = tmp_path / "in" / "good.dcm"
    good.parent.mkdir()
    good.write_bytes(_bytes(_instances("1.2.3.9", "P", "1.2.3.9.1", 1)[0]))
    (tmp_path / "in" / "broken.dcm").write_bytes(b"not dicom at all")
    result = export_anonymized(file_sources([tmp_path / "in"]), load_profile("teaching"),
                               tmp_path / "out")
    assert result.written == 1
    assert result.skipped == ["broken.dcm: not a readable DICOM file (InvalidDicomError)"]
    assert events[0].outcome == "partial"


def test_unwritable_destination_is_an_export_error(tmp_path, events):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError):
        export_anonymized(iter(()), load_profile("teaching"), blocker / "sub")
    assert events[0].outcome == "failure"


def test_key_images_use_the_display_pipeline(store, tmp_path, events):
    window = Window(80.0, 200.0)
    sources = list(cached_sources(store, TENANT, "1.2.3.100"))[:2]
    result = export_key_images(sources, tmp_path / "keys", window=window)
    assert [p.name for p in result.files] == ["KEY_001.png", "KEY_002.png"]
    png = np.asarray(Image.open(result.files[0]))
    stored = np.arange(16, dtype=np.int16).reshape(4, 4) * 10
    assert png.tolist() == apply_display(stored, 1.0, -1024.0, window).tolist()
    burned = export_key_images(sources[:1], tmp_path / "burned", image_format="jpeg",
                               with_overlay=True, caption="teaching case")
    assert burned.files[0].suffix == ".jpg"
    assert Image.open(burned.files[0]).format == "JPEG"
    assert [e.action for e in events] == ["export.images", "export.images"]


def test_key_image_overlay_is_drawn(tmp_path):
    ds = ct_dataset(np.zeros((128, 128), dtype=np.int16), instance=1, position=(0, 0, 0))
    plain = export_key_images([("a", _bytes(ds))], tmp_path / "a")
    marked = export_key_images([("a", _bytes(ds))], tmp_path / "b", with_overlay=True)
    a = np.asarray(Image.open(plain.files[0]).convert("L"))
    b = np.asarray(Image.open(marked.files[0]).convert("L"))
    assert a.max() == 0 and (b > 200).sum() > 20  # white text on the black image


def test_patient_export_opens_with_the_password_only(store, tmp_path, events):
    store.records.put(record_name("1.2.3.100"), b'{"format": 1, "findings": "x"}')
    store.records.put(outbox.RECORD, json.dumps({"format": 1, "entries": [
        {"entry_id": "e1", "study_uid": "1.2.3.200", "findings": "queued"},
        {"entry_id": "e2", "study_uid": "1.2.3.300", "findings": "other patient"}]}).encode())
    target = tmp_path / "patient.zip"
    result = export_patient(store, TENANT, "PAT-A", target, "correct horse",
                            reports={"1.2.3.200": [("final.pdf", b"%PDF-1.4 report")]},
                            local=local_reports(store.records))
    assert sorted(result.studies) == ["1.2.3.100", "1.2.3.200"]
    assert result.instances == 6 and result.reports == 3
    with pyzipper.AESZipFile(target) as archive:
        archive.setpassword(b"correct horse")
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
        first = pydicom.dcmread(io.BytesIO(archive.read(
            "STUDY_001/SERIES_001/IMG_00001.dcm")))
        assert archive.read("STUDY_002/REPORTS/final.pdf") == b"%PDF-1.4 report"
        assert b"findings" in archive.read("STUDY_001/REPORTS/draft.json")
        assert b"queued" in archive.read("STUDY_002/REPORTS/outbox-1.json")
        assert not any(b"other patient" in archive.read(n) for n in archive.namelist())
    assert "README.txt" in names and len([n for n in names if n.endswith(".dcm")]) == 6
    assert first.PatientID == "PAT-A"  # the patient's own data, unchanged
    assert [s["images"] for s in manifest["studies"]] == [3, 3]
    with pyzipper.AESZipFile(target) as archive:
        archive.setpassword(b"wrong password")
        with pytest.raises(RuntimeError):
            archive.read("manifest.json")
    with zipfile.ZipFile(target) as plain:  # encrypted entries: no plain read either
        with pytest.raises(RuntimeError):
            plain.read("manifest.json")
    assert b"PAT-A" not in target.read_bytes() and b"DOE" not in target.read_bytes()
    assert [(e.action, e.instances, e.destination_kind) for e in events] == [
        ("export.patient", 6, "encrypted-zip")]


def test_patient_export_rejects_short_password_and_unknown_patient(store, tmp_path):
    with pytest.raises(ValueError):
        export_patient(store, TENANT, "PAT-A", tmp_path / "p.zip", "short")
    with pytest.raises(ExportError):
        export_patient(store, TENANT, "NOBODY", tmp_path / "p.zip", "long enough")


def test_cli_anonymize_end_to_end(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    for ds in _instances("1.2.3.77", "PAT-C", "1.2.3.77.1"):
        (folder / f"{ds.InstanceNumber}.dcm").write_bytes(_bytes(ds))
    assert main(["anonymize", str(folder), "--profile", "ai_dataset",
                 "--out", str(tmp_path / "out")]) == 0
    assert "3 file(s) de-identified with profile ai_dataset" in capsys.readouterr().out
    out = [pydicom.dcmread(p) for p in sorted((tmp_path / "out").rglob("*.dcm"))]
    assert len(out) == 3 and all(d.PatientID.startswith("ANON-") for d in out)
    assert main(["anonymize", str(folder), "--profile", "nope", "--out", "x"]) == 2
    assert "unknown de-identification profile" in capsys.readouterr().err


def test_cli_runs_as_a_process(tmp_path):
    source = tmp_path / "one.dcm"
    source.write_bytes(_bytes(_instances("1.2.3.78", "PAT-D", "1.2.3.78.1", 1)[0]))
    run = subprocess.run(
        [sys.executable, "-m", "workstation", "anonymize", str(source), "--profile",
         "teaching", "--out", str(tmp_path / "a.zip"), "--zip"],
        capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert archive.namelist() == ["STUDY_001/SERIES_001/IMG_00001.dcm"]
    listed = subprocess.run([sys.executable, "-m", "workstation", "anonymize", "--list"],
                            capture_output=True, text=True, timeout=120)
    assert listed.stdout.split()[::1][0] == "ai_dataset" and "teaching" in listed.stdout


def test_cli_secret_file_keeps_uids_across_runs(tmp_path):
    source = tmp_path / "one.dcm"
    source.write_bytes(_bytes(_instances("1.2.3.79", "PAT-E", "1.2.3.79.1", 1)[0]))
    secret = tmp_path / "trial.key"
    secret.write_bytes(b"trial-secret-0123456789")
    uids = []
    for run in ("a", "b", "c"):
        args = ["anonymize", str(source), "--profile", "clinical_trial",
                "--out", str(tmp_path / run)]
        assert main(args + (["--secret-file", str(secret)] if run != "c" else [])) == 0
        ds = pydicom.dcmread(next((tmp_path / run).rglob("*.dcm")))
        uids.append((ds.StudyInstanceUID, ds.PatientID, ds.StudyDate))
    assert uids[0] == uids[1] != uids[2]


def test_malformed_shared_files_are_skipped_not_fatal(shared_dicom, tmp_path, events):
    folder = shared_dicom / "malformed"
    if not folder.is_dir():
        pytest.skip("no malformed files")
    count = sum(1 for p in folder.rglob("*") if p.is_file())
    result = export_anonymized(file_sources([folder]), load_profile("research"),
                               tmp_path / "out")
    dicomdirs = sum("DICOMDIR index" in w for w in result.warnings)
    assert result.written + len(result.skipped) + dicomdirs == count
    assert result.skipped and all(": " in line for line in result.skipped)
    assert len(list((tmp_path / "out").rglob("*.dcm"))) == result.written
    assert events[-1].outcome in ("partial", "failure")


def test_client_audit_adapter_records_one_event_per_study():
    calls = []
    sink = export_audit.client_audit_sink(lambda *a, **k: calls.append((a, k)))
    sink(export_audit.ExportEvent("export.patient", ("1.2.3", "4.5.6"), 7, "encrypted-zip"))
    assert [a for a, _k in calls] == [("exported", "1.2.3"), ("exported", "4.5.6")]
    assert calls[0][1] == {"kind": "export.patient", "profile": None, "files": 7,
                           "destination": "encrypted-zip", "outcome": "success"}
