"""The command line: instant --version/--help without Qt, demohub delegation, demo mode."""

from __future__ import annotations

import subprocess
import sys

from workstation import __version__
from workstation.cli import main, print_demo_credentials


def test_version_and_help_do_not_import_qt():
    code = (
        "import sys; from workstation.cli import main; rc = main(['--version']); "
        "rc2 = main(['--help']); "
        "heavy = [m for m in ('PySide6', 'vtkmodules', 'httpx', 'uvicorn') if m in sys.modules]; "
        "print('HEAVY', heavy, rc, rc2)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert f"workstation {__version__}" in out.stdout
    assert "--demo" in out.stdout and "demohub" in out.stdout
    assert "HEAVY [] 0 0" in out.stdout


def test_python_dash_m_prints_the_version():
    out = subprocess.run(
        [sys.executable, "-m", "workstation", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0
    assert out.stdout.strip() == f"workstation {__version__}"


def test_demohub_command_is_delegated(monkeypatch):
    seen = []
    monkeypatch.setattr("workstation.demohub.server.main", lambda argv: seen.append(argv) or 7)
    assert main(["demohub", "--port", "0", "--help"]) == 7
    assert seen == [["--port", "0", "--help"]]


def test_hub_and_demo_are_exclusive(capsys):
    assert main(["--hub", "http://x", "--demo"]) == 2
    assert "not allowed with" in capsys.readouterr().err


def test_hub_url_goes_to_the_app(monkeypatch):
    seen = []
    monkeypatch.setattr("workstation.ui.app.run_app", lambda url: seen.append(url) or 0)
    assert main(["--hub", "https://hub.example:8443"]) == 0
    assert seen == ["https://hub.example:8443"]


def test_demo_mode_uses_the_demo_folder(monkeypatch, tmp_path):
    seen = []

    def fake_run_demo(data_dir, on_ready=None):
        seen.append((data_dir, on_ready))
        return 0

    monkeypatch.setattr("workstation.ui.demo_startup.run_demo", fake_run_demo)
    assert main(["--demo", "--demo-data", str(tmp_path)]) == 0
    assert seen == [(tmp_path, print_demo_credentials)]


def test_demo_credentials_are_printed(capsys):
    from workstation.demohub.accounts import DEMO_READER

    class Hub:
        base_url = "http://127.0.0.1:5555"

    print_demo_credentials(Hub())
    out = capsys.readouterr().out
    assert "http://127.0.0.1:5555" in out
    assert DEMO_READER.username in out and DEMO_READER.password in out
    assert DEMO_READER.otpauth_uri() in out
