"""The on-disk demo data set: generate once, then reuse.

Layout under the root:
    manifest.json                      tenants and studies for the demo hub
    studies/study-NN/series-NN/NNNN.dcm
    .complete                          version marker, written last

The marker is written only after every file and the manifest are in place, so a run that
was interrupted (killed, crashed, disk full) leaves no marker and the next call starts
over. With the marker present a call returns at once without touching any file.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from workstation.demohub.datagen.build import build_all
from workstation.demohub.datagen.catalog import TENANTS, studies
from workstation.demohub.datagen.specs import DATA_VERSION

MARKER = ".complete"
# Bump when the generated files change (phantoms, headers, encoders) so that existing
# caches are regenerated; DATA_VERSION is the manifest format and the UID namespace.
GENERATOR_REVISION = 1
MARKER_TEXT = f"{DATA_VERSION}.{GENERATOR_REVISION}"
MANIFEST = "manifest.json"
STUDIES_DIR = "studies"


def manifest() -> dict[str, object]:
    """The manifest content (independent of any files on disk)."""
    return {
        "version": DATA_VERSION,
        "tenants": [{"id": t.id, "name": t.name} for t in TENANTS],
        "studies": [s.manifest_entry() for s in studies()],
    }


def is_complete(root: Path) -> bool:
    """True when ``root`` holds a finished data set of the current generator revision."""
    marker = Path(root) / MARKER
    try:
        return marker.read_text(encoding="utf-8").strip() == MARKER_TEXT
    except OSError:
        return False


@contextmanager
def _exclusive(root: Path) -> Iterator[None]:
    """Serialise generators (the app and a test session may start together) on POSIX."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; concurrent first runs are rare
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_demo_data(root: Path, progress: Callable[[str, float], None] | None = None) -> Path:
    """Generate the demo data set under ``root`` unless it is already complete.

    Returns the path of ``root/manifest.json``. ``progress`` receives a message and a
    fraction between 0 and 1 while files are generated.
    """
    root = Path(root)
    manifest_path = root / MANIFEST
    if is_complete(root):
        return manifest_path
    with _exclusive(root):
        if is_complete(root):  # another process finished while we waited
            return manifest_path
        (root / MARKER).unlink(missing_ok=True)
        manifest_path.unlink(missing_ok=True)
        shutil.rmtree(root / STUDIES_DIR, ignore_errors=True)
        if progress is not None:
            progress("Generating demo data", 0.0)
        build_all(root, progress)
        tmp = manifest_path.with_suffix(".json.part")
        tmp.write_text(
            json.dumps(manifest(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        tmp.replace(manifest_path)
        (root / MARKER).write_text(MARKER_TEXT + "\n", encoding="utf-8")
        if progress is not None:
            progress("Demo data ready", 1.0)
    return manifest_path
