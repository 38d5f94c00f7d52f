"""Without a system keychain (issue 5, item 1): the reader is told once, the cache runs
with a key that lives in memory only, and nothing readable - key, images, offline
verifier - is left on disk, during the session or after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.cache import keys
from workstation.services.offline_login import VERIFIER_RECORD
from workstation.ui.cache_session import cache_root

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from workstation.ui.app import build_main  # noqa: E402

HUB = "https://hub.test:8443"
PLAIN = (b"PATIENT", b"PID00", b"1.2.840", b"Ankara")  # names, IDs, DICOM UID root, hospital


def readable(root: Path) -> list[tuple[str, str]]:
    hits = []
    for path in (p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if data[128:132] == b"DICM":
            hits.append((path.name, "DICM"))
        hits += [(path.name, needle.decode()) for needle in PLAIN if needle in data]
    return hits


def cache_files(root: Path) -> list[Path]:
    """The image cache's files (index, sealed objects, volumes, records) under ``root``
    (the client audit queue keeps a session folder of its own beside them)."""
    return sorted(p for p in root.rglob("*") if p.is_file() and (
        p.name.startswith("index.sqlite")
        or {"objects", "volumes", "records"} & set(p.relative_to(root).parts)))


def test_without_a_keychain_the_reader_is_told_once_and_nothing_plain_is_kept(
        qtbot, fake_hub, cache_base, monkeypatch):
    asked: list[str] = []

    def no_keychain(user_ref: str, keyring_backend: object = None) -> keys.KeyResult:
        asked.append(user_ref)
        return keys.KeyResult(bytes(range(32)), False, keys.SESSION_ONLY_MESSAGE)

    monkeypatch.setattr("workstation.ui.cache_session.load_or_create_key", no_keychain)
    c = build_main(HUB, client=fake_hub, cache_base=cache_base)
    try:
        with qtbot.waitSignal(c.signed_in, timeout=10_000):
            c.sign_in("dr.test", "secret", "123456")
        window = c.worklist_window
        qtbot.waitUntil(lambda: window.is_loaded, timeout=10_000)
        assert window.banner.isVisible() and "keychain" in window.banner.text()
        notices = [window.banner.text()]

        item = fake_hub.items[1]
        viewer = c.open_study(item)
        qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=30_000)
        qtbot.waitUntil(lambda: viewer.thumbnails.state(f"{item.study_uid}.2") == "cached",
                        timeout=30_000)
        window.refresh()  # the worklist reloads: the notice is not repeated or stacked
        qtbot.waitUntil(lambda: window.is_loaded, timeout=10_000)
        assert [window.banner.text()] == notices and len(asked) == 1

        temporary = c.cache.temporary_root
        assert temporary is not None and c.cache.store.root == temporary
        persistent = cache_root(cache_base, HUB, "dr.test")
        assert temporary.is_relative_to(persistent / "session")
        assert c.cache.store.list_instances(item.tenant_id, item.study_uid)  # it did cache
        assert c.cache.store.records.get(VERIFIER_RECORD) is None  # no offline sign-in
        assert readable(cache_base) == []  # sealed while the session runs
        assert cache_files(persistent) == cache_files(temporary) != []  # all in its own folder
    finally:
        c.shutdown()
        for w in (c.viewer_window, c.worklist_window, c.login_dialog):
            if w is not None:
                w.hide()
                w.deleteLater()
    assert not temporary.exists()
    assert cache_files(cache_base) == [] and readable(cache_base) == []  # nothing survives
