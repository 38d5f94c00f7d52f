"""Writing cache files: whole or not at all, readable by the owner only."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

TEMP_PREFIX = ".tmp-"


def write_atomically(path: Path, write: Callable[[BinaryIO], object],
                     folders: set[Path] | None = None) -> None:
    """Run ``write`` on a temporary file in the target folder, then move it into place.

    ``os.replace`` is atomic, so a reader sees the old file, the new one or none. Files
    are not fsync'ed: a write torn by a power cut fails authentication and is simply
    fetched again, which is cheaper than an fsync per slice. ``mkstemp`` creates the file
    with mode 0600. ``folders`` remembers the folders known to exist, which saves a
    system call per file.
    """
    if folders is None or path.parent not in folders:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folders is not None:
            folders.add(path.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    except FileNotFoundError:  # the folder was removed behind our back
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
