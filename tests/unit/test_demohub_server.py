"""Demo hub runner: loopback-only binding, CLI refusal, settings validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.demohub.server import default_data_dir, is_loopback, main, start_in_thread
from workstation.demohub.settings import HubSettings


@pytest.mark.parametrize(
    ("host", "expected"),
    [("127.0.0.1", True), ("127.8.9.1", True), ("::1", True), ("localhost", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("hub.example", False)],
)  # fmt: skip
def test_is_loopback(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


def test_non_loopback_host_is_refused_without_allow_remote(tmp_path: Path, capsys) -> None:
    with pytest.raises(ValueError, match="non-loopback"):
        start_in_thread(tmp_path, host="0.0.0.0", manifest=tmp_path / "manifest.json")
    assert main(["--host", "0.0.0.0", "--data", str(tmp_path)]) == 2
    assert "--allow-remote" in capsys.readouterr().err
    assert not (tmp_path / "hub.sqlite3").exists()


def test_default_data_dir_is_per_user() -> None:
    assert default_data_dir().parts[-2:] == ("workstation", "demohub")


@pytest.mark.parametrize(
    "bad",
    [{"access_ttl": 0}, {"url_ttl": -1}, {"throttle_after": 6, "lockout_after": 5},
     {"bcrypt_rounds": 3}],
)  # fmt: skip
def test_settings_refuse_nonsense(bad: dict) -> None:
    with pytest.raises(ValueError):
        HubSettings(**bad)
