"""``workstation anonymize PATH... --profile NAME --out DIR [--zip] [--secret-file F]``:
de-identify DICOM files or folders with one of the shipped PS3.15 profiles.

``--out`` is a folder (created when missing; existing files are never overwritten), or
with ``--zip`` the zip file to write. Without ``--secret-file`` every run draws a new
random secret, so two runs give unrelated UIDs and date shifts; a file of at least 16
bytes keeps them consistent across runs (a clinical trial keeps one per trial).

Exit status: 0 when every file was written, 1 when some were skipped (listed on stderr)
or nothing could be written, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workstation.core.deid_profile import load_profile, profile_names
from workstation.core.resource_files import ResourceError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workstation anonymize",
        description="De-identify DICOM files with a PS3.15 Annex E profile.")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="DICOM files or folders")
    parser.add_argument("--profile", metavar="NAME", help="profile name (see --list)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder or zip file")
    parser.add_argument("--zip", action="store_true", help="write one zip file at --out")
    parser.add_argument("--secret-file", type=Path, metavar="FILE",
                        help="key for consistent UIDs and date shifts across runs")
    parser.add_argument("--list", action="store_true", help="list the profiles and exit")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    if args.list:
        for name in profile_names():
            profile = load_profile(name)
            print(f"{name:16} {profile.label}")
        return 0
    if not args.paths or not args.profile or not args.out:
        parser.print_usage(sys.stderr)
        print("workstation anonymize: PATH, --profile and --out are required", file=sys.stderr)
        return 2
    try:
        profile = load_profile(args.profile)
    except ResourceError as exc:
        print(f"workstation anonymize: {exc}", file=sys.stderr)
        return 2
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"workstation anonymize: not found: {', '.join(missing)}", file=sys.stderr)
        return 1
    secret = None
    if args.secret_file is not None:
        secret = args.secret_file.read_bytes()
        if len(secret) < 16:
            print("workstation anonymize: the secret file must hold at least 16 bytes",
                  file=sys.stderr)
            return 2

    from workstation.services.export_dicom import ExportError, export_anonymized, file_sources

    try:
        result = export_anonymized(file_sources(args.paths), profile, args.out,
                                   as_zip=args.zip, secret=secret)
    except ExportError as exc:
        print(f"workstation anonymize: {exc}", file=sys.stderr)
        return 1
    for line in result.skipped:
        print(f"skipped {line}", file=sys.stderr)
    for line in result.warnings:
        print(f"warning {line}", file=sys.stderr)
    print(f"{result.written} file(s) de-identified with profile {profile.name} "
          f"-> {result.destination}")
    return 0 if result.written and not result.skipped else 1


if __name__ == "__main__":
    sys.exit(main())
