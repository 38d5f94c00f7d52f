"""Printing the figures as a table and merging them into ``build/bench.json``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from workstation.bench.figures import Figure


def merge_json(path: Path, figures: Iterable[Figure]) -> dict[str, Any]:
    """Write the figures under their ids, keeping other ids already in the file."""
    data: dict[str, Any] = {}
    if path.is_file():
        try:
            loaded = json.loads(path.read_text())
            data = loaded if isinstance(loaded, dict) else {}
        except json.JSONDecodeError:
            data = {}
    for figure in figures:
        data[figure.id] = figure.as_json()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.part")
    tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    tmp.replace(path)
    return data


def _cell(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def print_table(figures: Iterable[Figure], out: TextIO) -> None:
    rows = [("figure", "ours s", "peer s", "ratio", "goal", "met", "peer")]
    for f in figures:
        data = f.as_json()
        met = {True: "yes", False: "NO", None: "-"}[data["met"]]
        rows.append((f.id, _cell(f.ours_s), _cell(f.peer_s), _cell(f.ratio), _cell(f.goal),
                     met, f.peer))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
        out.write("  ".join(cells) + "  " + row[-1] + "\n")
    for f in figures:
        if f.notes:
            out.write(f"{f.id}: {f.notes}\n")
