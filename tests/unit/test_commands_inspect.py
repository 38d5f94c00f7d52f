"""``workstation inspect``: every shared file without a crash, known values, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from dicom_synthetic import ct_dataset, ct_series

from workstation.commands import inspect as inspect_command
from workstation.commands.stack_summary import value_statistics
from workstation.core.stack import ImageStack

CT_DIR = "ct_series/dcm_qa_ct_GE_tilt"


@pytest.fixture(scope="module")
def whole_suite(shared_dicom: Path) -> dict:
    """``inspect --json`` over the whole shared suite, in this process."""
    capture = pytest.MonkeyPatch()
    import io
    import sys

    out = io.StringIO()
    capture.setattr(sys, "stdout", out)
    try:
        code = inspect_command.main([str(shared_dicom), "--json"])
    finally:
        capture.undo()
    return {"code": code, "report": json.loads(out.getvalue())}


def test_every_shared_file_is_a_stack_or_an_error(whole_suite: dict, shared_dicom: Path):
    assert whole_suite["code"] == 0
    report = whole_suite["report"]
    listed = {f for s in report["stacks"] for f in s["files"]} | {
        e["path"] for e in report["errors"]} | {i["path"] for i in report["ignored"]}
    on_disk = {str(p) for p in shared_dicom.rglob("*") if p.is_file()}
    assert listed == on_disk
    assert len(report["stacks"]) > 80
    for error in report["errors"]:
        assert error["error"]


def test_ge_tilted_ct_entry(whole_suite: dict, shared_dicom: Path):
    (ct,) = [s for s in whole_suite["report"]["stacks"] if CT_DIR in s["files"][0]]
    assert (ct["rows"], ct["columns"], ct["count"]) == (512, 512, 28)
    assert ct["modality"] == "CT"
    assert ct["series_uid"].startswith("1.2.826.0.1.3680043.9.4245")
    assert ct["spacing"][:2] == pytest.approx([0.4882812, 0.4882812])
    assert ct["orientation"] == pytest.approx([1, 0, 0, 0, 0.9483237, -0.3173047], abs=1e-6)
    assert len(ct["origin"]) == 3
    assert any("tilt" in w.lower() for w in ct["warnings"])
    assert ct["min"] == -1500.0  # the padding value, rescale slope 1 intercept 0
    assert ct["min"] <= ct["mean"] <= ct["max"]
    assert [Path(f).name for f in ct["files"]] == [f"{k:02d}.dcm" for k in range(1, 29)]


def test_broken_files_are_listed_with_their_reason(whole_suite: dict):
    errors = {Path(e["path"]).name: e["error"] for e in whole_suite["report"]["errors"]}
    assert "implausible" in errors["2026-05-26-oob-monochrome-46341.dcm"]
    assert errors["README.md"] == "not a DICOM file"
    assert errors["DummyCTInvalidRows.dcm"] == "no pixel data"
    assert errors["nema-mr1_jply.dcm"].startswith("JPEG Extended (Process 2 and 4) pixel data")


def test_statistics_are_of_the_modality_output_and_chunked(monkeypatch: pytest.MonkeyPatch):
    rng = np.random.default_rng(3)
    pixels = rng.integers(-2000, 3000, size=(13, 17, 19), dtype=np.int16)
    stack = ImageStack(pixels=pixels, slope=0.5, intercept=-100.0)
    monkeypatch.setattr("workstation.commands.stack_summary._CHUNK_PIXELS", 17 * 19 * 2)
    low, high, mean = value_statistics(stack)
    values = pixels.astype(np.float64) * 0.5 - 100.0
    assert (low, high) == (values.min(), values.max())
    assert mean == pytest.approx(values.mean())


def test_exit_code_is_1_when_nothing_loads(tmp_path: Path, capsys: pytest.CaptureFixture):
    junk = tmp_path / "junk.dcm"
    junk.write_bytes(b"not dicom")
    assert inspect_command.main([str(junk), str(tmp_path / "missing")]) == 1
    text = capsys.readouterr().out
    assert "0 stack(s), 2 file error(s)" in text
    assert "no such file or folder" in text


def test_readable_table_without_json(tmp_path: Path, capsys: pytest.CaptureFixture):
    for k, ds in enumerate(ct_series(3)):
        ds.save_as(tmp_path / f"{k}.dcm", enforce_file_format=True)
    bad = ct_dataset(np.zeros((2, 2), np.int16), instance=9, position=(0, 0, 0))
    del bad.PixelData
    bad.save_as(tmp_path / "z.dcm", enforce_file_format=True)
    assert inspect_command.main([str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert "1 stack(s), 1 file error(s)" in text
    assert "8 x 6 x 3" in text
    assert "min -24  max -22" in text  # stored 1000..1002, intercept -1024
    assert "z.dcm: no pixel data" in text
    assert "DOE" not in text  # no patient identity


def test_usage_error_exit_code():
    assert inspect_command.main([]) == 2
