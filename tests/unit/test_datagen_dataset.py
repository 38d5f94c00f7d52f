"""The full demo data set on disk (generated once into <repo>/.cache/demo-data, then reused)."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.uid import ExplicitVRLittleEndian, JPEG2000Lossless, JPEGLSLossless, RLELossless

from workstation.demohub.datagen import ct_landmarks, ensure_demo_data, manifest, nodule, studies

ROOT = Path(__file__).resolve().parents[2] / ".cache" / "demo-data"

SYNTAX = {
    "study-01": RLELossless,
    "study-02": JPEG2000Lossless,
    "study-03": JPEGLSLossless,
    "study-04": RLELossless,
    "study-05": JPEG2000Lossless,
    "study-06": JPEGLSLossless,
    "study-07": ExplicitVRLittleEndian,
    "study-08": ExplicitVRLittleEndian,
}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def data_root() -> Path:
    ensure_demo_data(ROOT)
    return ROOT


@pytest.fixture(scope="module")
def files(data_root: Path) -> dict[str, list[pydicom.Dataset]]:
    """Every file, read and decoded, grouped by series directory."""
    out: dict[str, list[pydicom.Dataset]] = defaultdict(list)
    for path in sorted(data_root.glob("studies/study-*/series-*/*.dcm")):
        ds = pydicom.dcmread(path)
        ds.decoded = ds.pixel_array  # every file must decode
        out[str(path.parent.relative_to(data_root))].append(ds)
    return out


def _hu_at(datasets: list[pydicom.Dataset], point: tuple[float, float, float]) -> float:
    ds = min(datasets, key=lambda d: abs(float(d.ImagePositionPatient[2]) - point[2]))
    x0, y0, z0 = (float(v) for v in ds.ImagePositionPatient)
    assert abs(z0 - point[2]) <= float(ds.SliceThickness) / 2
    ps = float(ds.PixelSpacing[0])
    value = ds.decoded[round((point[1] - y0) / ps), round((point[0] - x0) / ps)]
    return float(value) * float(ds.RescaleSlope) + float(ds.RescaleIntercept)


def test_manifest_on_disk(data_root):
    on_disk = json.loads((data_root / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == manifest()
    assert [t["id"] for t in on_disk["tenants"]] == ["ankara", "izmir"]
    statuses = [s["status"] for s in on_disk["studies"]]
    assert statuses.count("UNREAD") == 5 and statuses.count("FINAL") == 3
    assert {s["priority"] for s in on_disk["studies"] if s["status"] == "UNREAD"} == {
        "STAT",
        "URGENT",
        "ROUTINE",
    }
    for entry in on_disk["studies"]:
        assert (data_root / entry["dir"]).is_dir()


def test_every_file_decodes_in_the_specified_syntax(files):
    expected = {s.key: s for s in studies()}
    assert len(files) == sum(len(s.series) for s in studies())
    for series_dir, datasets in files.items():
        key = series_dir.split("/")[1]
        s = expected[key]
        assert all(ds.file_meta.TransferSyntaxUID == SYNTAX[key] for ds in datasets), series_dir
        assert all(ds.StudyInstanceUID == s.study_uid for ds in datasets)
        assert [ds.InstanceNumber for ds in datasets] == list(range(1, len(datasets) + 1))
        series = next(x for x in s.series if x.number == datasets[0].SeriesNumber)
        assert [ds.SOPInstanceUID for ds in datasets] == [
            s.sop_uid(series, ds.InstanceNumber) for ds in datasets
        ]
        assert str(datasets[0].PatientName) == s.patient.name
        assert datasets[0].InstitutionName == s.tenant.name
    assert len(files["studies/study-01/series-02"]) >= 240


def test_ct_values_at_known_positions(files):
    now, then = files["studies/study-01/series-02"], files["studies/study-02/series-02"]
    (c_now, _), (c_then, _) = nodule("study-01"), nodule("study-02")
    assert _hu_at(now, c_now) == pytest.approx(30, abs=30)
    assert _hu_at(then, c_then) == pytest.approx(30, abs=30)
    assert _hu_at(now, (c_now[0] + 5, c_now[1], c_now[2])) > -100
    assert _hu_at(then, (c_then[0] + 5, c_then[1], c_then[2])) < -650
    marks = ct_landmarks("study-01")
    assert _hu_at(now, marks["lung_right"].position) == pytest.approx(-850, abs=60)
    assert _hu_at(now, marks["aorta_descending"].position) == pytest.approx(250, abs=40)
    clot = ct_landmarks("study-08")["clot"].position
    assert _hu_at(files["studies/study-08/series-02"], clot) == pytest.approx(35, abs=40)


def test_ct_and_mr_positions_advance_along_the_normal(files):
    for series_dir, datasets in files.items():
        if datasets[0].Modality == "MG":
            continue
        iop = np.array(datasets[0].ImageOrientationPatient, dtype=float)
        normal = np.cross(iop[:3], iop[3:])
        along = np.array(
            [np.dot(normal, np.array(d.ImagePositionPatient, dtype=float)) for d in datasets]
        )
        steps = np.diff(along)
        assert np.allclose(np.abs(steps), float(datasets[0].SpacingBetweenSlices), atol=1e-3), (
            series_dir
        )
        assert np.allclose(steps, steps[0]), series_dir
        assert len({d.FrameOfReferenceUID for d in datasets}) == 1


def test_mammograms(files):
    for key in ("study-05", "study-06"):
        datasets = files[f"studies/{key}/series-01"]
        assert [d.ImageLaterality + d.ViewPosition for d in datasets] == [
            "RCC",
            "LCC",
            "RMLO",
            "LMLO",
        ]
        for d in datasets:
            assert d.PhotometricInterpretation == "MONOCHROME1"
            assert d.PresentationIntentType == "FOR PRESENTATION"
            assert d.ViewCodeSequence[0].CodeValue in {"399162004", "399368009"}
            nipple_right = d.decoded[d.Rows // 2, 0] != d.PixelPaddingValue
            assert (d.PatientOrientation[0] == "A") == nipple_right
            assert d.PatientOrientation[1][-1] == ("R" if d.ImageLaterality == "L" else "L")


def test_second_call_is_fast_and_rewrites_nothing(data_root):
    before = {p: p.stat().st_mtime_ns for p in data_root.rglob("*") if p.is_file()}
    start = time.perf_counter()
    assert ensure_demo_data(data_root) == data_root / "manifest.json"
    assert time.perf_counter() - start < 0.5
    after = {p: p.stat().st_mtime_ns for p in data_root.rglob("*") if p.is_file()}
    assert after == before
