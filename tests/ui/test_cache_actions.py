"""Local data menu: "Clear local cache" (confirmed, keeps the open study, tells the freed
size) and purge at sign-out."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from workstation.cache import keys
from workstation.cache.store import EncryptedStore
from workstation.ui.cache_actions import PURGE_KEY, clear_cache, set_purge_at_signout

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from tests.ui.keychain_double import memory_keychain  # noqa: E402
from workstation.ui.app import build_main  # noqa: E402

HUB = "https://hub.test:8443"


@pytest.fixture
def keychain():
    yield from memory_keychain()



def put_study(store, tenant, uid, n, size=1000):
    for k in range(n):
        store.put(tenant, uid, uid + ".1", f"{uid}.1.{k}", bytes([k]) * size)


def test_clear_cache_keeps_pinned_studies_and_counts_freed_bytes(tmp_path):
    store = EncryptedStore(tmp_path / "c", bytes(range(32)))
    put_study(store, "t", "1.1", 3)
    put_study(store, "t", "1.2", 2)
    store.pin_study("t", "1.2")
    result = clear_cache(store)
    assert (result.freed, result.removed, result.kept_open) == (3000, 1, 1)
    assert store.list_instances("t", "1.1") == []
    assert store.get("t", "1.2", "1.2.1", "1.2.1.1") == bytes([1]) * 1000
    store.close()


@pytest.fixture
def controller(qtbot, fake_hub, cache_base, session_key):
    c = build_main(HUB, client=fake_hub, cache_base=cache_base)
    with qtbot.waitSignal(c.signed_in, timeout=10_000):
        c.sign_in("dr.test", "secret", "123456")
    qtbot.waitUntil(lambda: c.worklist_window.is_loaded, timeout=10_000)
    yield c
    c.shutdown()
    for window in (c.viewer_window, c.worklist_window, c.login_dialog):
        if window is not None:
            window.hide()
            window.deleteLater()


def test_menu_clears_the_cache_after_confirmation_but_not_the_open_study(
        qtbot, controller, fake_hub):
    window = controller.worklist_window
    actions = controller.services.cache_actions
    store = controller.cache.store
    action = window.findChild(QAction, "clear_cache")
    menu = window.findChild(QMenu, "local_data_menu")
    assert action is not None and action in menu.actions()
    from PySide6.QtCore import QSettings

    from workstation.ui.download_center import PREFETCH_KEY

    QSettings().setValue(PREFETCH_KEY, 0)  # only the open study and the one put below
    viewer = controller.open_study(fake_hub.items[1])
    qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=30_000)
    put_study(store, "ankara", "9.9", 4, size=2500)  # an earlier study, not open
    open_uid = viewer.item.study_uid
    open_before = store.list_instances("ankara", open_uid)
    asked: list[str] = []
    actions.confirm = lambda _parent, text: asked.append(text) or False
    action.trigger()
    assert asked and store.list_instances("ankara", "9.9")  # declined: nothing removed
    actions.confirm = lambda _parent, text: True
    with qtbot.waitSignal(actions.cleared, timeout=10_000) as done:
        action.trigger()
    result = done.args[0]
    assert result.freed == 10_000 and result.removed == 1 and result.kept_open == 1
    assert store.list_instances("ankara", "9.9") == []
    assert store.list_instances("ankara", open_uid) == open_before
    assert "10" in window.status_label.text() and "kB" in window.status_label.text()


def test_purge_at_sign_out_forgets_the_key_and_deletes_the_folder(
        qtbot, fake_hub, cache_base, keychain):
    from PySide6.QtCore import QSettings

    c = build_main(HUB, client=fake_hub, cache_base=cache_base)
    with qtbot.waitSignal(c.signed_in, timeout=10_000):
        c.sign_in("dr.test", "secret", "123456")
    qtbot.waitUntil(lambda: c.worklist_window.is_loaded, timeout=10_000)
    root = c.cache.store.root
    assert c.cache.temporary_root is None and root.is_dir()
    entry = (keys.SERVICE, "dr.test@hub.test")
    assert entry in keychain.secrets  # the cache key is in the keychain
    purge = c.worklist_window.findChild(QAction, "purge_at_signout")
    purge.setChecked(True)
    assert QSettings().value(PURGE_KEY) in (True, "true")
    c.shutdown()
    c.worklist_window.hide()
    c.worklist_window.deleteLater()
    assert not root.exists()
    assert keys.existing_key("dr.test@hub.test") is None
    assert entry not in keychain.secrets
    set_purge_at_signout(False)
