"""``workstation inspect PATH... [--json]``: what the loader makes of files and folders.

Every file under the given paths is loaded as the viewer would load it (the same
:func:`workstation.dicom.loader.load_series`), so the answer shows exactly what a reader
would see: one entry per stack with its identity, geometry (PS3.3 C.7.6.2), warnings,
and the range of its Modality LUT output values, plus one error per file that could not
be shown. Patient identity is never printed.

Exit status: 0 when at least one stack was read (even if other files failed), 1 when
nothing could be read, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from workstation.commands.files import walk
from workstation.commands.stack_summary import summarize

USAGE = "workstation inspect PATH... [--json]"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workstation inspect",
        description="Load DICOM files and folders and describe the stacks they make.",
        epilog=(
            "--json prints one object: {\"stacks\": [{\"series_uid\", \"modality\", "
            "\"rows\", \"columns\", \"count\", \"spacing\": [row, col, slice], \"origin\": "
            "[x, y, z], \"orientation\": [6 cosines], \"warnings\", \"min\", \"max\", "
            "\"mean\", \"files\", ...}], \"errors\": [{\"path\", \"error\"}], "
            "\"ignored\": [{\"path\", \"reason\"}]}"
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="DICOM files or folders")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def inspect_paths(paths: list[str]) -> dict[str, Any]:
    """The report as a JSON-ready object."""
    from workstation.dicom.loader import load_series

    files, missing = walk(paths)
    result = load_series(files) if files else None
    stacks = []
    errors = [{"path": str(path), "error": reason} for path, reason in missing]
    if result is not None:
        for stack, sources in zip(result.stacks, result.sources, strict=True):
            stacks.append(summarize(stack, [files[i] for i in sources if i >= 0]))
        for error in result.errors:
            path = files[error.index] if error.index is not None else error.source_label
            errors.append({"path": str(path), "error": error.message})
    # Files neither shown nor failed: images repeated with identical pixels, dropped by
    # series assembly (the stack's warnings say so).
    accounted = {i for sources in (result.sources if result else []) for i in sources}
    accounted |= {e.index for e in (result.errors if result else []) if e.index is not None}
    ignored = [{"path": str(path), "reason": "repeats an image shown from another file"}
               for i, path in enumerate(files) if i not in accounted]
    return {"stacks": stacks, "errors": errors, "ignored": ignored}


def _number(value: float) -> str:
    return f"{value:.6g}"


def print_table(report: dict[str, Any], out: TextIO) -> None:
    """A readable summary: one block per stack, then the errors."""
    stacks, errors = report["stacks"], report["errors"]
    out.write(f"{len(stacks)} stack(s), {len(errors)} file error(s)\n")
    for k, entry in enumerate(stacks, start=1):
        spacing = " x ".join(_number(v) for v in entry["spacing"])
        origin = ", ".join(_number(v) for v in entry["origin"]) if entry["origin"] else "-"
        out.write(
            f"\n[{k}] {entry['modality'] or '?'} {entry['series_uid'] or '(no series UID)'}\n"
            f"    size        {entry['rows']} x {entry['columns']} x {entry['count']}"
            f" ({entry['photometric']}, {entry['stored_type']})\n"
            f"    spacing     {spacing} mm (row, column, slice)\n"
            f"    origin      {origin}\n"
            f"    orientation {' '.join(_number(v) for v in entry['orientation'])}\n"
            f"    values      min {_number(entry['min'])}  max {_number(entry['max'])}"
            f"  mean {_number(entry['mean'])} ({entry['values']})\n"
            f"    files       {len(entry['files'])}, first {entry['files'][0]}\n"
        )
        for warning in entry["warnings"]:
            out.write(f"    warning     {warning}\n")
    if errors:
        out.write("\nerrors:\n")
        for error in errors:
            out.write(f"  {error['path']}: {error['error']}\n")
    if report["ignored"]:
        out.write("\nnot shown (same image as another file):\n")
        for item in report["ignored"]:
            out.write(f"  {item['path']}\n")


def main(argv: list[str]) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help and usage errors
        return exc.code if isinstance(exc.code, int) else 2
    report = inspect_paths(args.paths)
    if args.json:
        json.dump(report, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_table(report, sys.stdout)
    return 0 if report["stacks"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
