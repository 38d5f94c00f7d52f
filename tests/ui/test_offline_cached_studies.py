"""Offline, the worklist shows the last snapshot and every cached study (issue 5, item 6),
also studies the last snapshot no longer lists; they open from the cache alone."""

from __future__ import annotations

import pytest
from pydicom.uid import generate_uid

from workstation.cache import keys
from workstation.cache.store import EncryptedStore
from workstation.core.study import Priority, StudyStatus
from workstation.hub.errors import HubUnreachable
from workstation.services.offline_login import save_worklist_snapshot

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from tests.ui.conftest import ct_slice  # noqa: E402
from tests.ui.keychain_double import memory_keychain  # noqa: E402
from tests.ui.test_offline_mode import Line, close  # noqa: E402
from workstation.ui.app import AppController  # noqa: E402
from workstation.ui.cache_session import cache_root  # noqa: E402

HUB = "https://hub.test:8443"
USER = "dr.test"


@pytest.fixture
def keychain():
    yield from memory_keychain()


def test_offline_worklist_lists_cached_studies_missing_from_the_snapshot(
        qtbot, fake_hub, cache_base, keychain):
    line = Line()
    online = AppController(HUB, client=fake_hub, cache_base=cache_base, probe=line.monitor())
    online.start()
    with qtbot.waitSignal(online.signed_in, timeout=10_000):
        online.sign_in(USER, "secret", "123456")
    qtbot.waitUntil(lambda: online.worklist_window.is_loaded, timeout=10_000)
    read = fake_hub.items[1]
    viewer = online.open_study(read)
    qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=30_000)
    qtbot.waitUntil(lambda: viewer.thumbnails.state(f"{read.study_uid}.2") == "cached",
                    timeout=30_000)
    close(online)

    # Later sessions: the read study left the worklist, another was only prefetched.
    key = keys.existing_key(f"{USER}@hub.test")
    assert key is not None
    store = EncryptedStore(cache_root(cache_base, HUB, USER), key)
    kept = fake_hub.items[3]  # reported: neither opened nor prefetched
    save_worklist_snapshot(store, [kept])
    prefetched, series = generate_uid(), generate_uid()
    for n in range(4):
        store.put("ankara", prefetched, series, f"{series}.{n}",
                  ct_slice(prefetched, series, n, 4, 64))
    cached = {s.study_uid for s in store.cached_studies()}  # with what was prefetched online
    assert {read.study_uid, prefetched} <= cached and kept.study_uid not in cached
    store.close()

    line.up.clear()
    fake_hub.login_errors = [HubUnreachable("hub unreachable")]
    c = AppController(HUB, client=fake_hub, cache_base=cache_base, probe=line.monitor())
    c.start()
    try:
        dialog = c.login_dialog
        c.sign_in(USER, "secret", "123456")
        qtbot.waitUntil(lambda: dialog.work_offline.isVisible(), timeout=10_000)
        dialog.password.setText("secret")
        with qtbot.waitSignal(c.signed_in, timeout=10_000):
            dialog.work_offline.click()
        window = c.worklist_window
        qtbot.waitUntil(lambda: window.is_loaded, timeout=10_000)
        rows = {i.study_uid: i for i in window.model.items()}
        assert list(rows)[0] == kept.study_uid  # the snapshot first
        assert set(rows) == {kept.study_uid} | cached
        assert rows[read.study_uid] == read  # the row kept when it was opened
        assert rows[read.study_uid].priority is read.priority
        header_row = rows[prefetched]  # rebuilt from the cached DICOM header
        assert (header_row.patient_name, header_row.patient_id) == ("PATIENT1^TEST", "PID0001")
        assert (header_row.priority, header_row.status) == (Priority.ROUTINE,
                                                            StudyStatus.UNREAD)

        viewer = c.open_study(header_row)
        qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=30_000)
        assert viewer.loader.offline
        assert viewer.viewport.stack.count == 4
    finally:
        close(c)
