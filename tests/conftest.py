"""Shared test fixtures: paths to the shared DICOM suite and the generated demo data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DICOM = ROOT.parent / "shared" / "dicom"

# Headless rendering for tests that do not need a window: VTK via EGL, Qt on Xvfb (pytest-xvfb).
os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")


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
