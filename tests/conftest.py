"""Shared test fixtures: paths to the shared DICOM suite and the generated demo data."""

from __future__ import annotations

import atexit
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DICOM = ROOT.parent / "shared" / "dicom"

# Headless rendering for tests that do not need a window: VTK via EGL, Qt on Xvfb (pytest-xvfb).
os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")


def _let_xvfb_outlive_this_process() -> None:
    """Stop pytest-xvfb's display only after this process has fully exited.

    VTK's GLX support keeps an X connection open for the life of the process and closes it
    during the C-level exit, after Python's ``atexit`` handlers - where pytest-xvfb stops
    the server. Closing a connection to a dead server makes Xlib end the process with
    status 1, failing a green run. A detached watcher stops the server once we are gone.
    Registered after pytest-xvfb's handler, so it runs first (``atexit`` is LIFO).
    """
    try:
        import pytest_xvfb
    except ImportError:
        return
    instance = pytest_xvfb.xvfb_instance
    display = getattr(instance, "_virtual_display", None)
    if display is None or not display.is_alive():
        return
    pytest_xvfb.xvfb_instance = None  # its own atexit stop becomes a no-op
    subprocess.Popen(  # noqa: S603
        [
            "sh",
            "-c",
            f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 0.2; done; kill {display.pid}",
        ],
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def pytest_sessionstart(session: pytest.Session) -> None:
    # After pytest-xvfb has started its display (in pytest_configure) and registered its
    # own atexit stop, so this handler runs first.
    atexit.register(_let_xvfb_outlive_this_process)


@pytest.fixture(scope="session")
def shared_dicom() -> Path:
    """The public DICOM test files; tests skip cleanly when the folder is absent."""
    if not SHARED_DICOM.is_dir():
        pytest.skip("../shared/dicom is not present")
    return SHARED_DICOM


@pytest.fixture(scope="session")
def demo_manifest() -> Path:
    """The full deterministic demo dataset, generated once into .cache/ and reused."""
    from workstation.demohub.datagen import ensure_demo_data

    return ensure_demo_data(ROOT / ".cache" / "demo-data")
