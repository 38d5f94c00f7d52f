"""``workstation demohub``: serves on loopback and prints the demo credentials."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from test_hub_dataset import FakeClock, build_hub_dataset, fast_settings

from workstation.demohub import server
from workstation.demohub.accounts import DEMO_USERS


def test_cli_serves_and_prints_credentials(tmp_path: Path, monkeypatch, capsys) -> None:
    demo = build_hub_dataset(tmp_path / "demo-data")
    started: list[server.RunningHub] = []
    real_start = server.start_in_thread

    def start_with_test_data(data_dir, *, settings=None, **kwargs):
        # Whatever the command line chose, with fast bcrypt and a test clock.
        fast = fast_settings(FakeClock())
        chosen = fast
        if settings is not None:
            chosen = replace(settings, bcrypt_rounds=fast.bcrypt_rounds, clock=fast.clock)
        hub = real_start(data_dir, manifest=demo.manifest, settings=chosen, **kwargs)
        started.append(hub)
        return hub

    monkeypatch.setattr(server, "start_in_thread", start_with_test_data)
    result: list[int] = []
    runner = threading.Thread(
        target=lambda: result.append(server.main(["--port", "0", "--data", str(tmp_path / "d")]))
    )
    runner.start()
    try:
        for _ in range(500):
            if started:
                break
            threading.Event().wait(0.01)
        hub = started[0]
        assert hub.db_path == tmp_path / "d" / "hub.sqlite3"
        assert httpx.get(f"{hub.base_url}/api/v1/health").json() == {"status": "ok"}
    finally:
        if started:
            started[0].stop()
        runner.join(10)
    assert result == [0]
    out = capsys.readouterr().out
    assert started[0].base_url in out
    for user in DEMO_USERS:
        assert f"{user.username} / {user.password}" in out
        assert user.otpauth_uri() in out


def test_cli_reports_a_busy_port(tmp_path: Path, monkeypatch, capsys) -> None:
    demo = build_hub_dataset(tmp_path / "demo-data")
    first = server.start_in_thread(
        tmp_path / "a", manifest=demo.manifest, settings=fast_settings(FakeClock())
    )
    port = int(first.base_url.rsplit(":", 1)[1])
    real_start = server.start_in_thread
    monkeypatch.setattr(
        server,
        "start_in_thread",
        lambda data_dir, **kw: real_start(data_dir, manifest=demo.manifest, **kw),
    )
    try:
        assert server.main(["--port", str(port), "--data", str(tmp_path / "b")]) == 1
    finally:
        first.stop()
    assert "cannot serve" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--help"]])
def test_cli_help(argv: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as done:
        server.main(argv)
    assert done.value.code == 0
    assert "--allow-remote" in capsys.readouterr().out
