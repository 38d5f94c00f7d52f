"""The viewer end to end against a fake hub: download, decrypt, decode, show, report."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from workstation.cache.store import EncryptedStore
from workstation.core.study import Priority
from workstation.services.report_submission import submit_report

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from workstation.ui.thumbnail_strip import StateRole  # noqa: E402
from workstation.ui.viewer_window import ViewerWindow  # noqa: E402

SERIES_WAIT_MS = 60_000


@pytest.fixture
def store(tmp_path: Path):
    s = EncryptedStore(tmp_path / "store", bytes(range(32)))
    yield s
    s.close()


@pytest.fixture
def viewer(qtbot, fake_hub, store) -> ViewerWindow:
    item = next(i for i in fake_hub.items if i.priority is Priority.STAT)
    window = ViewerWindow(
        item,
        client=fake_hub,
        store=store,
        submit=lambda draft: submit_report(fake_hub, draft),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    window.loader.wait(10_000)


def test_largest_series_is_shown_first_then_the_rest_is_cached(qtbot, viewer, fake_hub):
    with qtbot.waitSignal(viewer.series_ready, timeout=SERIES_WAIT_MS) as blocker:
        viewer.start()
    detail = viewer.detail
    assert detail is not None
    largest = max(detail.series, key=lambda s: s.count)
    assert blocker.args == [largest.series_uid]
    assert viewer.is_series_ready
    sv = viewer.viewport.slice_view
    assert viewer.viewport.stack.count == largest.count
    assert sv.window.width == 400 and sv.window.center == 40
    assert viewer.windowTitle() == "Viewer — CT — 2 series"
    assert "PATIENT" not in viewer.windowTitle()
    assert viewer.thumbnails.count() == 2
    # The smaller series downloads in the background.
    other = next(s for s in detail.series if s.series_uid != largest.series_uid)
    qtbot.waitUntil(lambda: viewer.thumbnails.state(other.series_uid) == "cached", timeout=30_000)
    assert viewer.thumbnails.item(0).data(StateRole) == "cached"


def test_clicking_a_thumbnail_shows_that_series(qtbot, viewer):
    with qtbot.waitSignal(viewer.series_ready, timeout=SERIES_WAIT_MS):
        viewer.start()
    small = min(viewer.detail.series, key=lambda s: s.count)
    row = viewer.thumbnails.series_uids().index(small.series_uid)
    rect = viewer.thumbnails.visualItemRect(viewer.thumbnails.item(row))
    with qtbot.waitSignal(viewer.series_ready, timeout=SERIES_WAIT_MS) as blocker:
        qtbot.mouseClick(viewer.thumbnails.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [small.series_uid]
    assert viewer.current_series_uid == small.series_uid
    assert viewer.viewport.stack.count == small.count
    assert "Image 2/3" in viewer.view_info.text()


def test_keys_reach_the_viewport_after_loading(qtbot, viewer):
    with qtbot.waitSignal(viewer.series_ready, timeout=SERIES_WAIT_MS):
        viewer.start()
    # Let the rest of the study settle (under load it may still be arriving), so no late
    # event moves the slice between the key press and the check.
    viewer.loader.wait(10_000)
    qtbot.wait(50)
    sv = viewer.viewport.slice_view
    before = sv.slice_index
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_Down)
    assert sv.slice_index == before + 1
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_8)  # CT preset 8 of the data file: bone
    assert (sv.window.center, sv.window.width) == (400, 1800)


def test_report_submission_reports_the_version(qtbot, viewer, fake_hub):
    panel = viewer.report_panel
    panel.findings.setPlainText("No focal lesion.")
    panel.impression.setPlainText("Normal chest CT.")
    with qtbot.waitSignal(panel.submitted, timeout=10_000) as blocker:
        assert panel.submit()
    receipt = blocker.args[0]
    assert receipt.ok
    assert panel.findChild(QLabel, "report_message").text() == "Report submitted, version 1"
    assert fake_hub.submitted[0].findings == "No focal lesion."
    assert not panel.findChild(QPushButton, "submit_report").isEnabled()


def test_incomplete_report_is_not_sent(qtbot, viewer, fake_hub):
    panel = viewer.report_panel
    panel.findings.setPlainText("Something.")
    assert not panel.submit()
    assert "Impression must be filled in" in panel.message.text()
    assert fake_hub.submitted == []


def test_failed_submission_keeps_the_draft_key_for_a_retry(qtbot, viewer, fake_hub):
    from workstation.hub.errors import HubUnreachable

    calls = []

    def flaky(draft):
        calls.append(draft.idempotency_key)
        if len(calls) == 1:
            raise HubUnreachable()
        return {"report_id": "r9", "version": 2}

    fake_hub.submit_report = flaky
    panel = viewer.report_panel
    panel.findings.setPlainText("F")
    panel.impression.setPlainText("I")
    with qtbot.waitSignal(panel.submit_failed, timeout=10_000):
        panel.submit()
    assert "could not be reached" in panel.message.text()
    assert "Your text is kept" in panel.message.text()
    with qtbot.waitSignal(panel.submitted, timeout=10_000):
        panel.submit()
    assert calls[0] == calls[1]
    assert panel.message.text() == "Report submitted, version 2"


def test_closing_the_viewer_cancels_downloads(qtbot, fake_hub, store):
    fake_hub.fetch_delay = 0.2
    item = fake_hub.items[0]
    viewer = ViewerWindow(
        item, client=fake_hub, store=store, submit=lambda d: submit_report(fake_hub, d)
    )
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.start()
    qtbot.waitUntil(lambda: viewer.progress.isVisible(), timeout=10_000)
    with qtbot.waitSignal(viewer.closed, timeout=1000):
        viewer.close()
    assert viewer.loader.cancelled
    assert viewer.loader.wait(10_000)
    assert len(store.list_instances(item.tenant_id, item.study_uid)) < sum(fake_hub.series_sizes)
