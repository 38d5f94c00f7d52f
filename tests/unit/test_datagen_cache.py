"""ensure_demo_data caching: marker written last, reruns after interruption, no rewrites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workstation.demohub.datagen import dataset
from workstation.demohub.datagen.dataset import (
    MARKER,
    MARKER_TEXT,
    ensure_demo_data,
    is_complete,
    manifest,
)


class FakeBuild:
    """Stands in for the real (slow) generator: writes one file, or fails half-way."""

    def __init__(self, fail: bool = False) -> None:
        self.calls = 0
        self.fail = fail

    def __call__(self, root: Path, progress=None) -> int:
        self.calls += 1
        out = root / "studies" / "study-01" / "series-01" / "0001.dcm"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(b"partial" if self.fail else b"complete")
        assert not (root / MARKER).exists(), "the marker must not exist while generating"
        if progress:
            progress("Generating demo data: study-01", 0.5)
        if self.fail:
            raise OSError("disk full")
        return 1


def test_first_call_builds_and_writes_manifest_then_marker(tmp_path, monkeypatch):
    build = FakeBuild()
    monkeypatch.setattr(dataset, "build_all", build)
    reports = []
    path = ensure_demo_data(tmp_path, lambda m, f: reports.append(f))
    assert path == tmp_path / "manifest.json"
    assert json.loads(path.read_text(encoding="utf-8")) == manifest()
    assert is_complete(tmp_path) and build.calls == 1
    assert reports[0] == 0.0 and reports[-1] == 1.0 and all(0 <= f <= 1 for f in reports)


def test_second_call_touches_nothing(tmp_path, monkeypatch):
    build = FakeBuild()
    monkeypatch.setattr(dataset, "build_all", build)
    ensure_demo_data(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    assert ensure_demo_data(tmp_path) == tmp_path / "manifest.json"
    assert build.calls == 1
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before


def test_interrupted_run_leaves_no_marker_and_is_redone(tmp_path, monkeypatch):
    monkeypatch.setattr(dataset, "build_all", FakeBuild(fail=True))
    with pytest.raises(OSError):
        ensure_demo_data(tmp_path)
    assert not is_complete(tmp_path) and not (tmp_path / "manifest.json").exists()
    build = FakeBuild()
    monkeypatch.setattr(dataset, "build_all", build)
    ensure_demo_data(tmp_path)
    assert build.calls == 1 and is_complete(tmp_path)
    assert (tmp_path / "studies/study-01/series-01/0001.dcm").read_bytes() == b"complete"


def test_stale_version_is_regenerated(tmp_path, monkeypatch):
    build = FakeBuild()
    monkeypatch.setattr(dataset, "build_all", build)
    stale = tmp_path / "studies" / "study-99" / "old.dcm"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    (tmp_path / MARKER).write_text("0\n")
    ensure_demo_data(tmp_path)
    assert build.calls == 1 and not stale.exists()
    assert (tmp_path / MARKER).read_text().strip() == MARKER_TEXT == "1.1"
