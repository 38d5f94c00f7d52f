"""The benchmark's machinery on a tiny series: every figure id, the JSON structure, the
merge with figures of other parts. No timing is asserted: speed goals live in the bench."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workstation.bench import __main__ as bench
from workstation.bench.figures import Figure
from workstation.bench.report import merge_json
from workstation.bench.series_data import SYNTAXES, ensure_series

KEYS = {"ratio", "goal", "ours_s", "peer_s", "peer", "notes", "met"}


@pytest.fixture(scope="module")
def tiny_bench(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("bench")
    out = root / "build" / "bench.json"
    out.parent.mkdir()
    out.write_text(json.dumps({"P9": {"ratio": 1.0, "goal": 2.0}}))  # another issue's figure
    code = bench.main(["--slices", "8", "--size", "64", "--repeats", "1",
                       "--data", str(root / "data"), "--out", str(out),
                       "--only", *bench.FIGURES])
    return {"code": code, "data": json.loads(out.read_text()), "root": root}


def test_every_figure_is_written_with_its_keys(tiny_bench: dict):
    assert tiny_bench["code"] == 0
    data = tiny_bench["data"]
    assert set(bench.FIGURES) <= set(data)
    for figure_id in bench.FIGURES:
        entry = data[figure_id]
        assert KEYS <= set(entry), figure_id
        assert isinstance(entry["peer"], str) and entry["peer"]
        if entry["ratio"] is not None:
            assert entry["ratio"] > 0
            assert entry["met"] == (entry["ratio"] <= entry["goal"])
        else:
            assert entry["notes"].startswith("not measured")
    assert data["P1"]["goal"] == 0.5
    assert data["P_mem"]["goal"] == 1.5
    assert data["P_mem"]["voxel_bytes"] == 8 * 64 * 64 * 2


def test_other_figures_in_the_file_are_kept(tiny_bench: dict):
    assert tiny_bench["data"]["P9"] == {"ratio": 1.0, "goal": 2.0}


def test_generated_series_is_cached_and_complete(tiny_bench: dict):
    series = ensure_series(tiny_bench["root"] / "data", 64, 64, 8)
    assert set(series) == set(SYNTAXES)
    for name, files in series.items():
        if isinstance(files, list):
            assert len(files) == 8, name
        else:
            assert "not found" in files  # only when an encoder tool is missing


def test_merge_replaces_a_figure_measured_again(tmp_path: Path):
    out = tmp_path / "bench.json"
    merge_json(out, [Figure("P1", 0.5, "peer", ratio=0.9)])
    merge_json(out, [Figure("P1", 0.5, "peer", ratio=0.4)])
    assert json.loads(out.read_text())["P1"]["met"] is True
