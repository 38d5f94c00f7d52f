"""The viewer downloads through the session's queue: viewed series around the viewed slice
first, then the rest of the study, its priors, the next worklist studies; progress per
series and per study; cancellation on close."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from workstation.cache.store import EncryptedStore
from workstation.core.study import Priority
from workstation.services.report_submission import submit_report

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from tests.ui.screenshots import screenshot  # noqa: E402
from workstation.ui.download_center import PREFETCH_KEY, DownloadCenter  # noqa: E402
from workstation.ui.viewer_window import ViewerWindow  # noqa: E402


class RecordingHub:
    """Wraps the fake hub: records the order of fetched objects; can hold fetches."""

    def __init__(self, hub, priors_of=None) -> None:
        self.hub = hub
        self.order: list[str] = []
        self.gate = threading.Event()
        self.gate.set()
        self.priors_of = priors_of or {}
        self.lock = threading.Lock()
        self.tickets: threading.Semaphore | None = None  # when set: one per fetch

    def study(self, uid):
        detail = self.hub.study(uid)
        priors = tuple(i for i in self.hub.items if i.study_uid in self.priors_of.get(uid, ()))
        return replace(detail, priors=priors)

    def instance_urls(self, uid, series_uid=None):
        return self.hub.instance_urls(uid, series_uid)

    def fetch(self, url):
        with self.lock:
            self.order.append(url.rsplit("/", 1)[1])
        self.gate.wait(10)
        if self.tickets is not None:
            self.tickets.acquire(timeout=10)
        return self.hub.fetch(url)

    def __getattr__(self, name):
        return getattr(self.hub, name)


@pytest.fixture
def store(tmp_path):
    s = EncryptedStore(tmp_path / "store", bytes(range(32)))
    yield s
    s.close()


def open_viewer(qtbot, hub, store, item, center):
    window = ViewerWindow(item, client=hub, store=store,
                          submit=lambda d: submit_report(hub, d), downloads=center)
    window.hanging.protocols = []  # one viewport, no prior loaded beside: the queue's order
    qtbot.addWidget(window)
    window.show()
    return window


def test_order_is_viewed_series_around_its_middle_then_study_priors_prefetch(
        qtbot, fake_hub, store):
    from PySide6.QtCore import QSettings

    QSettings().setValue(PREFETCH_KEY, 1)
    items = fake_hub.items
    current, prior, nxt = items[1], items[0], items[2]
    hub = RecordingHub(fake_hub, {current.study_uid: {prior.study_uid}})
    center = DownloadCenter(hub, store, connections=1)
    center.worklist = lambda: [current, nxt, items[3]]
    try:
        viewer = open_viewer(qtbot, hub, store, current, center)
        with qtbot.waitSignal(viewer.series_ready, timeout=30_000):
            viewer.start()
        qtbot.waitUntil(lambda: len(hub.order) == 3 * 15, timeout=30_000)
    finally:
        center.shutdown()
    big, small = f"{current.study_uid}.1", f"{current.study_uid}.2"
    # The largest series (12 images), from its middle slice outwards (ties go forward).
    assert hub.order[:12] == [f"{big}.{n}" for n in (7, 8, 6, 9, 5, 10, 4, 11, 3, 12, 2, 1)]
    assert hub.order[12:15] == [f"{small}.{n}" for n in (1, 2, 3)]
    assert all(o.startswith(prior.study_uid + ".") for o in hub.order[15:30])  # the prior
    assert all(o.startswith(nxt.study_uid + ".") for o in hub.order[30:45])  # prefetch, K=1
    assert viewer.thumbnails.state(small) == "cached"
    # every object in the cache is byte-identical to the hub's
    for series, sop in store.list_instances(current.tenant_id, current.study_uid):
        assert store.get(current.tenant_id, current.study_uid, series, sop) == \
            fake_hub.fetch(f"https://objects.test/{sop}")
    viewer.close()


def test_picking_another_series_reprioritises_and_progress_is_shown(qtbot, fake_hub, store):
    item = next(i for i in fake_hub.items if i.priority is Priority.STAT)
    hub = RecordingHub(fake_hub)
    center = DownloadCenter(hub, store, connections=1)
    try:
        viewer = open_viewer(qtbot, hub, store, item, center)
        hub.gate.clear()
        with qtbot.waitSignal(viewer.study_ready, timeout=10_000):
            viewer.start()
        small = f"{item.study_uid}.2"
        qtbot.waitUntil(lambda: len(hub.order) >= 1, timeout=10_000)  # held on the gate
        viewer.show_series(small)  # the reader clicks the small series' thumbnail
        with qtbot.waitSignal(viewer.series_ready, timeout=30_000) as ready:
            hub.gate.set()
        assert ready.args == [small]
        assert hub.order[0] == f"{item.study_uid}.1.7"
        assert hub.order[1:4] == [f"{small}.{n}" for n in (2, 3, 1)]  # around its middle
        assert viewer.current_series_uid == small
        qtbot.waitUntil(lambda: len(hub.order) == 15, timeout=30_000)
        qtbot.waitUntil(lambda: viewer.thumbnails.state(f"{item.study_uid}.1") == "cached",
                        timeout=10_000)
        assert not viewer.study_progress.isVisible()  # the study is complete
        assert viewer.study_progress.value() == 15 and viewer.study_progress.maximum() == 15
        assert viewer.current_series_uid == small  # the larger series did not take over
    finally:
        center.shutdown()
    viewer.close()


def test_progress_bars_while_downloading(qtbot, fake_hub, store):
    item = fake_hub.items[0]
    hub = RecordingHub(fake_hub)
    center = DownloadCenter(hub, store, connections=1)
    try:
        viewer = open_viewer(qtbot, hub, store, item, center)
        hub.tickets = threading.Semaphore(4)
        viewer.start()
        big = f"{item.study_uid}.1"
        qtbot.waitUntil(lambda: viewer.thumbnails.state(big) == "downloading", timeout=10_000)
        qtbot.waitUntil(lambda: viewer.study_progress.isVisible(), timeout=10_000)
        assert viewer.study_progress.maximum() == 15
        qtbot.waitUntil(lambda: viewer.study_progress.value() == 4, timeout=10_000)
        assert viewer.thumbnails.state(f"{item.study_uid}.2") == ""  # not started: "Waiting"
        assert viewer.progress.isVisible() and viewer.progress.value() == 4
        screenshot(viewer, "download_progress")
    finally:
        hub.tickets.release(20)
        center.shutdown()
    viewer.close()


def test_closing_cancels_leaves_no_thread_and_nothing_half_written(qtbot, fake_hub, tmp_path):
    store = EncryptedStore(tmp_path / "own", bytes(range(32)))
    item = fake_hub.items[2]
    hub = RecordingHub(fake_hub)
    hub.tickets = threading.Semaphore(4)
    before = {t.ident for t in threading.enumerate()}
    viewer = ViewerWindow(item, client=hub, store=store,
                          submit=lambda d: submit_report(fake_hub, d))  # a private queue
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.start()
    qtbot.waitUntil(lambda: len(store.list_instances(item.tenant_id, item.study_uid)) == 4,
                    timeout=10_000)
    assert store.is_pinned(item.tenant_id, item.study_uid)
    viewer.close()
    hub.tickets.release(15)  # the transfers under way end; nothing new starts
    assert viewer.loader.wait(10_000)
    assert viewer.loader.job.result.cancelled
    held = store.list_instances(item.tenant_id, item.study_uid)
    assert 4 <= len(held) <= 10  # at most the six transfers under way were added
    for series, sop in held:
        assert store.get(item.tenant_id, item.study_uid, series, sop) == \
            fake_hub.fetch(f"https://objects.test/{sop}")
    assert not [p for p in (tmp_path / "own").rglob("*") if p.name.endswith((".tmp", ".part"))]
    qtbot.waitUntil(lambda: not [t for t in threading.enumerate()
                                 if t.ident not in before and t.name.startswith("study-download")],
                    timeout=5_000)
    store.close()


def test_damaged_cache_objects_are_fetched_again_and_never_shown(qtbot, fake_hub, store):
    item = fake_hub.items[0]
    hub = RecordingHub(fake_hub)
    center = DownloadCenter(hub, store, connections=2)
    try:
        first = open_viewer(qtbot, hub, store, item, center)
        with qtbot.waitSignal(first.series_ready, timeout=30_000):
            first.start()
        qtbot.waitUntil(lambda: len(hub.order) == 15, timeout=30_000)
        first.close()
        first.loader.wait(5_000)
        for path in (store.root / "objects").rglob("*"):  # flip a byte in every object
            if path.is_file():
                data = bytearray(path.read_bytes())
                data[len(data) // 2] ^= 0xFF
                path.write_bytes(bytes(data))
        store.delete_volume(item.tenant_id, item.study_uid, f"{item.study_uid}.1")
        hub.order.clear()
        again = open_viewer(qtbot, hub, store, item, center)
        with qtbot.waitSignal(again.series_ready, timeout=30_000):
            again.start()
        big = f"{item.study_uid}.1"
        assert sorted(o for o in hub.order if o.startswith(big + ".")) == sorted(
            f"{big}.{n}" for n in range(1, 13))  # every damaged image fetched again
        assert again.viewport.stack.count == 12
        sop = f"{big}.5"
        assert store.get(item.tenant_id, item.study_uid, big, sop) == \
            fake_hub.fetch(f"https://objects.test/{sop}")
    finally:
        center.shutdown()
    again.close()


def test_scrolling_moves_the_download_to_the_slice_on_screen(qtbot, fake_hub, store):
    item = fake_hub.items[2]
    hub = RecordingHub(fake_hub)
    hub.tickets = threading.Semaphore(0)
    center = DownloadCenter(hub, store, connections=1)
    try:
        viewer = open_viewer(qtbot, hub, store, item, center)
        viewer.start()
        qtbot.waitUntil(lambda: len(hub.order) == 1, timeout=10_000)  # the middle, held
        big = f"{item.study_uid}.1"
        viewer.loader.focus(big, 11)  # what the viewer does as the reader scrolls
        hub.tickets.release(100)
        qtbot.waitUntil(lambda: len(hub.order) == 15, timeout=10_000)
        assert hub.order[:4] == [f"{big}.{n}" for n in (7, 12, 11, 10)]
    finally:
        hub.tickets.release(100)
        center.shutdown()
    viewer.close()
