"""What a series load returns: the stacks, and one error per file that could not be shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from workstation.core.stack import ImageStack

# progress(done, total): files finished (decoded or failed) out of all files given.
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class FileError:
    """A source that could not be shown, named by file name or position (never by PHI);
    ``index`` is its position in the list of sources given to the loader."""

    source_label: str
    message: str
    index: int | None = field(default=None, compare=False)


@dataclass(slots=True)
class LoadResult:
    """The stacks, the per-file errors, and for each stack the index (in the sources
    given) of the file each slice came from, in display order."""

    stacks: list[ImageStack] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    sources: list[tuple[int, ...]] = field(default_factory=list)
