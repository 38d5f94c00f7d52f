"""Smaller UI pieces: thumbnail tiles, cache folders, the demo start-up window."""

from __future__ import annotations

from pathlib import Path

from workstation.core.study import InstanceRef, SeriesRef
from workstation.ui.cache_session import cache_root, hub_host_port, open_cache
from workstation.ui.demo_startup import DemoStartupDialog
from workstation.ui.thumbnail_strip import ThumbnailStrip, state_text


def series(n: int, count: int) -> SeriesRef:
    refs = tuple(InstanceRef(f"1.2.{n}.{i}", i) for i in range(count))
    return SeriesRef(f"1.2.{n}", n, "CT", f"Axial {n}", refs)


def test_thumbnail_strip_tracks_download_state(qtbot):
    strip = ThumbnailStrip()
    qtbot.addWidget(strip)
    strip.set_series([series(1, 10), series(2, 4)])
    assert strip.series_uids() == ["1.2.1", "1.2.2"]
    strip.set_progress("1.2.1", 3, 10)
    assert strip.state("1.2.1") == "downloading"
    strip.set_state("1.2.1", "cached")
    strip.set_progress("1.2.1", 10, 10)
    assert strip.state("1.2.1") == "cached"
    with qtbot.waitSignal(strip.series_selected) as blocker:
        strip.itemClicked.emit(strip.item(1))
    assert blocker.args == ["1.2.2"]
    assert state_text("downloading", 3, 10) == "Downloading 3/10 (30%)"
    assert state_text("partial", 8, 10) == "Incomplete: 8/10"


def test_cache_folders_are_per_hub_and_user():
    assert hub_host_port("https://hub.example") == ("hub.example", 443)
    assert hub_host_port("http://127.0.0.1:8765/") == ("127.0.0.1", 8765)
    root = cache_root(Path("/c"), "http://127.0.0.1:8765", "dr/../x")
    assert root == Path("/c/127.0.0.1-8765/dr_.._x")
    assert ".." not in root.parts


def test_persisted_key_opens_the_user_folder(tmp_path, monkeypatch):
    from workstation.cache import keys

    monkeypatch.setattr(
        "workstation.ui.cache_session.load_or_create_key",
        lambda ref: keys.KeyResult(bytes(32), True),
    )
    session = open_cache(tmp_path, "https://hub.test", "dr.test")
    assert session.store.root == tmp_path / "hub.test-443" / "dr.test"
    assert session.temporary_root is None and session.message == ""
    session.close()
    assert session.store.root.exists()


def test_session_only_key_gets_a_throwaway_folder(tmp_path, session_key):
    session = open_cache(tmp_path, "https://hub.test", "dr.test")
    temp = session.temporary_root
    assert temp is not None and temp.is_relative_to(tmp_path / "hub.test-443" / "dr.test")
    assert "keychain" in session.message
    session.close()
    assert not temp.exists()


def test_demo_startup_shows_progress_and_reports_the_hub(qtbot, tmp_path):
    dialog = DemoStartupDialog(tmp_path)
    qtbot.addWidget(dialog)

    def starter(data_dir, progress):
        progress("Generating CT study 1/4", 0.25)
        return {"base_url": "http://127.0.0.1:1", "dir": data_dir}

    with qtbot.waitSignal(dialog.ready, timeout=5000) as blocker:
        dialog.start(starter)
    assert blocker.args[0]["dir"] == tmp_path
    qtbot.waitUntil(lambda: dialog.step.text() == "Generating CT study 1/4", timeout=2000)
    assert dialog.bar.value() == 250


def test_demo_startup_reports_failure(qtbot, tmp_path):
    dialog = DemoStartupDialog(tmp_path)
    qtbot.addWidget(dialog)

    def starter(data_dir, progress):
        raise OSError("disk full")

    with qtbot.waitSignal(dialog.failed, timeout=5000) as blocker:
        dialog.start(starter)
    assert isinstance(blocker.args[0], OSError)
