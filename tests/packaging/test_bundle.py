"""The one-folder bundle builds from packaging/workstation.spec and starts.

It runs ``--version`` and the headless ``self-check`` (decoders load and round-trip,
one slice renders offscreen with the expected grey) from the frozen executable, with no
display, as hospital IT would after installing it. PyInstaller's work folder is kept under
``.cache/`` so a second run only re-collects what changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "workstation.spec"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    if not pyinstaller.exists():
        pytest.skip("PyInstaller is not installed (pip install -e '.[package]')")
    dist = tmp_path_factory.mktemp("dist")
    work = ROOT / ".cache" / "pyinstaller"
    result = subprocess.run(
        [str(pyinstaller), "--noconfirm", "--log-level", "ERROR", "--distpath", str(dist),
         "--workpath", str(work), str(SPEC)],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    exe = dist / "workstation" / "workstation"
    assert exe.exists()
    yield exe
    shutil.rmtree(dist, ignore_errors=True)


def _headless_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("VTK_DEFAULT_OPENGL_WINDOW", None)  # the bundle must choose EGL by itself
    return env


def test_bundle_reports_its_version(bundle: Path) -> None:
    from workstation import __version__

    out = subprocess.run([str(bundle), "--version"], capture_output=True, text=True,
                         timeout=60, env=_headless_env())
    assert out.returncode == 0
    assert out.stdout.strip() == f"workstation {__version__}"


def test_bundle_self_check_decodes_and_renders_headless(bundle: Path) -> None:
    out = subprocess.run([str(bundle), "self-check", "--json"], capture_output=True,
                         text=True, timeout=180, env=_headless_env())
    assert out.returncode == 0, out.stdout + out.stderr
    checks = {c["name"]: c for c in json.loads(out.stdout)}
    for name in ("codec RLE Lossless", "codec JPEG-LS Lossless", "codec JPEG 2000 Lossless"):
        assert checks[name]["ok"] and "exact" in checks[name]["detail"], checks[name]
    assert checks["render"]["ok"], checks["render"]


def test_bundle_carries_resources_and_desktop_entry(bundle: Path) -> None:
    internal = bundle.parent / "_internal" / "resources"
    assert (internal / "shortcuts.json").is_file()
    assert (internal / "presets" / "window_presets.json").is_file()
    assert (internal / "icons" / "workstation-256.png").is_file()
    desktop = (ROOT / "resources" / "workstation.desktop").read_text(encoding="utf-8")
    assert "Exec=workstation" in desktop and "Icon=workstation" in desktop
