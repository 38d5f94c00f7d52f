"""Writing cache files: whole or not at all, readable by the owner only."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

TEMP_PREFIX = ".tmp-"
# mkstemp's flags: created here and only here (O_EXCL), never through a link, not
# inherited by child processes; binary on Windows.
_CREATE_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOINHERIT", 0)
                 | getattr(os, "O_BINARY", 0))


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


def write_bytes_atomically(path: Path, data: bytes | bytearray | memoryview,
                           folders: set[Path] | None = None) -> None:
    """``write_atomically`` for a buffer already in memory, at the level of the system
    calls: no file object, no buffered writer, and a temporary name from ``os.urandom``
    rather than ``mkstemp``'s name generator. The download queue writes every instance
    through here, several hundred a second on a fast line; same guarantees (mode 0600,
    exclusive creation, atomic replace, no temporary left behind)."""
    if folders is None or path.parent not in folders:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folders is not None:
            folders.add(path.parent)
    fd, tmp = _create_temporary(path.parent)
    try:
        try:
            view = memoryview(data).cast("B")
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _create_temporary(folder: Path) -> tuple[int, str]:
    """A new file of mode 0600 under a random name in ``folder`` (re-created when it was
    removed behind our back)."""
    for attempt in range(100):
        tmp = os.path.join(folder, TEMP_PREFIX + os.urandom(8).hex())
        try:
            return os.open(tmp, _CREATE_FLAGS, 0o600), tmp
        except FileExistsError:
            continue
        except FileNotFoundError:
            if attempt:
                raise
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    raise FileExistsError("no free temporary name in the cache folder")
