"""A report signed while the hub answers 5xx, in the whole application: it waits in the
outbox (the panel says "queued", the worklist row "Outbox: pending"), is retried with
backoff while the session stays online, and lands exactly once; the panel and the
worklist row then say it was sent."""

from __future__ import annotations

import pytest

from workstation.hub.errors import HubError
from workstation.services.connectivity import ConnectivityMonitor

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from tests.ui.keychain_double import memory_keychain  # noqa: E402
from workstation.ui.app import AppController  # noqa: E402
from workstation.ui.worklist_model import Column, OutboxRole  # noqa: E402

HUB = "https://hub.test:8443"


@pytest.fixture
def keychain():
    yield from memory_keychain()


def test_a_report_refused_with_5xx_is_queued_retried_and_shown(
        qtbot, fake_hub, cache_base, keychain) -> None:
    probe = ConnectivityMonitor(lambda: True, interval=0.1, min_backoff=0.05,
                                max_backoff=0.1)
    c = AppController(HUB, client=fake_hub, cache_base=cache_base, probe=probe)
    c.start()
    try:
        with qtbot.waitSignal(c.signed_in, timeout=10_000):
            c.sign_in("dr.test", "secret", "123456")
        window = c.worklist_window
        qtbot.waitUntil(lambda: window.is_loaded, timeout=10_000)
        item = fake_hub.items[0]
        fake_hub.fail_next["submit_report"] = [
            HubError("http_500", "internal error", 500),   # the signature
            HubError("http_503", "overloaded", 500),       # the first retry
        ]
        viewer = c.open_study(item)
        panel = viewer.report_panel
        panel.findings.setPlainText("No acute findings.")
        panel.impression.setPlainText("Normal study.")
        with qtbot.waitSignal(panel.submitted, timeout=10_000) as sent:
            assert panel.submit()
        assert sent.args[0].response.get("queued") is True
        assert panel.message.text() == "Queued — will be sent when the hub is reachable"
        entries = c.services.outbox.entries()
        assert len(entries) == 1 and fake_hub.submitted == []

        model = window.model
        row = model.row_of(item.study_uid)
        status = model.index(row, Column.STATUS)
        qtbot.waitUntil(lambda: status.data(OutboxRole) == "pending", timeout=10_000)
        assert "Outbox: pending" in status.data()

        # Online all along: the session retries by itself (backoff) until it lands.
        qtbot.waitUntil(lambda: len(fake_hub.submitted) == 1, timeout=30_000)
        assert fake_hub.submitted[0].idempotency_key == entries[0].entry_id
        qtbot.waitUntil(lambda: panel.flows.outbox_label.property("outbox_state") == "sent",
                        timeout=10_000)
        assert panel.message.text() == "Report sent from the outbox."
        row = model.row_of(item.study_uid)
        qtbot.waitUntil(lambda: model.index(row, Column.STATUS).data(OutboxRole) == "sent",
                        timeout=10_000)
        assert c.services.outbox.entries()[0].attempts == 2  # one 5xx retry, then sent
        assert len(fake_hub.submitted) == 1
    finally:
        c.shutdown()
        for w in (c.viewer_window, c.worklist_window, c.login_dialog, c.session.dialog):
            if w is not None:
                w.hide()
                w.deleteLater()
