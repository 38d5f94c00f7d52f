"""Reading without the hub: local unlock at sign-in, the last worklist, cached studies,
the offline banner, reports in the outbox, and reconnection by itself."""

from __future__ import annotations

import threading

import pytest

from workstation.hub.errors import HubUnreachable
from workstation.services.connectivity import ConnectivityMonitor

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from tests.ui.keychain_double import memory_keychain  # noqa: E402
from tests.ui.screenshots import screenshot  # noqa: E402
from workstation.ui.app import AppController  # noqa: E402
from workstation.ui.offline_banner import OfflineBanner  # noqa: E402

HUB = "https://hub.test:8443"


@pytest.fixture
def keychain():
    yield from memory_keychain()



class Line:
    """The hub's health as the probe sees it."""

    def __init__(self) -> None:
        self.up = threading.Event()
        self.up.set()

    def monitor(self) -> ConnectivityMonitor:
        return ConnectivityMonitor(self.up.is_set, interval=0.1, min_backoff=0.05,
                                   max_backoff=0.1)


def close(c: AppController) -> None:
    c.shutdown()
    for window in (c.viewer_window, c.worklist_window, c.login_dialog, c.session.dialog):
        if window is not None:
            window.hide()
            window.deleteLater()


def test_offline_unlock_reads_cached_study_queues_report_and_reconnects(
        qtbot, fake_hub, cache_base, keychain):
    line = Line()
    # 1. Online: sign in (the offline verifier and the worklist snapshot are kept), read.
    online = AppController(HUB, client=fake_hub, cache_base=cache_base, probe=line.monitor())
    online.start()
    with qtbot.waitSignal(online.signed_in, timeout=10_000):
        online.sign_in("dr.test", "secret", "123456")
    qtbot.waitUntil(lambda: online.worklist_window.is_loaded, timeout=10_000)
    seen = [i.study_uid for i in online.worklist_window.model.items()]
    item = fake_hub.items[1]
    viewer = online.open_study(item)
    qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=30_000)
    qtbot.waitUntil(lambda: viewer.thumbnails.state(f"{item.study_uid}.2") == "cached",
                    timeout=30_000)
    assert not online.worklist_window.findChild(OfflineBanner).isVisible()
    close(online)

    # 2. The hub is gone: the sign-in dialog offers local unlock.
    line.up.clear()
    fake_hub.login_errors = [HubUnreachable("hub unreachable")]
    c = AppController(HUB, client=fake_hub, cache_base=cache_base, probe=line.monitor())
    c.start()
    try:
        dialog = c.login_dialog
        c.sign_in("dr.test", "secret", "123456")
        qtbot.waitUntil(lambda: dialog.work_offline.isVisible(), timeout=10_000)
        dialog.password.setText("wrong")
        dialog.work_offline.click()
        qtbot.waitUntil(lambda: "Wrong" in dialog.message.text() or "wrong" in
                        dialog.message.text(), timeout=10_000)
        assert c.worklist_window is None
        dialog.password.setText("secret")
        with qtbot.waitSignal(c.signed_in, timeout=10_000):
            dialog.work_offline.click()
        window = c.worklist_window
        qtbot.waitUntil(lambda: window.is_loaded, timeout=10_000)
        assert [i.study_uid for i in window.model.items()] == seen  # the last snapshot
        banner = window.findChild(OfflineBanner)
        qtbot.waitUntil(banner.isVisible, timeout=5_000)
        assert "OFFLINE" in banner.label.text()

        # A study never cached says so; the cached one opens from the cache alone.
        calls = fake_hub.worklist_calls
        never = fake_hub.items[3]  # reported: neither opened nor prefetched
        assert not c.cache.store.list_instances(never.tenant_id, never.study_uid)
        missing = c.open_study(never)
        with qtbot.waitSignal(missing.load_failed, timeout=10_000) as failed:
            pass
        assert "cannot be reached" in failed.args[0]
        viewer = c.open_study(item)
        qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=30_000)
        assert viewer.loader.offline
        assert viewer.viewport.stack.count == 12
        assert [s.description for s in viewer.detail.series] == ["Series 1", "Series 2"]
        assert viewer.findChild(OfflineBanner).isVisible()
        actions = c.services.cache_actions
        actions.confirm = lambda _parent, _text: True
        with qtbot.waitSignal(actions.cleared, timeout=10_000) as cleared:
            actions.clear()
        assert cleared.args[0].kept_open == 1  # the study on screen stays readable
        assert len(c.cache.store.list_instances(item.tenant_id, item.study_uid)) == 15
        screenshot(window, "offline_worklist")
        screenshot(viewer, "offline_viewer")

        # A signed report waits in the outbox.
        panel = viewer.report_panel
        panel.findings.setPlainText("No acute findings.")
        panel.impression.setPlainText("Normal study.")
        with qtbot.waitSignal(panel.submitted, timeout=10_000) as sent:
            assert panel.submit()
        assert sent.args[0].response.get("queued") is True
        assert fake_hub.submitted == []
        assert len(c.services.outbox.entries()) == 1

        # 3. The hub answers again: banner gone, sign in, the outbox is delivered.
        line.up.set()
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
        qtbot.waitUntil(lambda: c.session.dialog is not None, timeout=10_000)
        c.sign_in("dr.test", "secret", "123456")
        qtbot.waitUntil(lambda: len(fake_hub.submitted) == 1, timeout=10_000)
        assert fake_hub.submitted[0].findings == "No acute findings."
        qtbot.waitUntil(lambda: fake_hub.worklist_calls > calls, timeout=10_000)
    finally:
        close(c)
