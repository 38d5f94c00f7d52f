"""Turning command-line paths into the list of files to load."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def walk(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Every regular file under the given files and folders, in a stable order (folders
    depth-first, names sorted), and the paths that do not exist. DICOM files often have no
    extension, so nothing is skipped by name: the loader reports non-DICOM files."""
    files: list[Path] = []
    missing: list[tuple[Path, str]] = []
    for item in paths:
        path = Path(item)
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            for folder, dirs, names in os.walk(path):
                dirs.sort()
                files.extend(Path(folder) / name for name in sorted(names))
        else:
            missing.append((path, "no such file or folder"))
    return files, missing
