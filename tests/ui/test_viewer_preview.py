"""The first image of a series shows before the whole series is decoded, with its exact
pixels, and the full stack then takes its place on the same instance."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from workstation.cache.store import EncryptedStore
from workstation.core.study import Priority
from workstation.services.report_submission import submit_report

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from workstation.ui.viewer_window import ViewerWindow  # noqa: E402


@pytest.fixture
def viewer(qtbot, fake_hub, tmp_path: Path):
    store = EncryptedStore(tmp_path / "store", bytes(range(32)))
    item = next(i for i in fake_hub.items if i.priority is Priority.STAT)
    window = ViewerWindow(item, client=fake_hub, store=store,
                          submit=lambda draft: submit_report(fake_hub, draft))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    window.loader.wait(10_000)
    store.close()


def test_preview_then_the_full_stack_on_the_same_instance(qtbot, viewer):
    seen = []

    def on_cached(series_uid, _result):
        if series_uid == viewer.loader.wanted:
            stack = viewer.viewport.stack
            seen.append(None if stack is None else (stack, viewer.viewport.has_image()))

    # Connected after the viewer's own slot: runs once the preview is up.
    viewer.loader.series_cached.connect(on_cached)
    with qtbot.waitSignal(viewer.series_ready, timeout=60_000):
        viewer.start()
    assert seen and seen[0] is not None
    preview, shown = seen[0]
    assert shown and preview.count == 1
    full = viewer.viewport.stack
    assert full is not preview and full.count > 1
    k = full.sop_instance_uids.index(preview.sop_instance_uids[0])
    assert np.array_equal(full.pixels[k], preview.pixels[0])  # exact pixels
    assert viewer.series_of[id(viewer.viewport)] == viewer.current_series_uid


def test_preview_settles_on_its_instance_or_is_taken_down(qtbot, viewer):
    from workstation.ui.series_preview import SeriesPreview

    with qtbot.waitSignal(viewer.series_ready, timeout=60_000):
        viewer.start()
    viewer.set_layout(4, 4)
    empty = [v for v in viewer.grid.visible_viewports() if v.stack is None]
    shown = next(v for v in viewer.grid.visible_viewports() if v.stack is not None)
    a, b = empty[:2]
    uid = viewer.series_of[id(shown)]
    full = viewer.stacks[uid]
    preview = SeriesPreview(viewer.store, viewer.item.tenant_id, viewer.item.study_uid,
                            lambda vp: None)
    assert preview.show(uid, [shown, a, b])
    assert a.stack is b.stack and a.stack.count == 1 and shown.stack is full  # empty only
    k = full.sop_instance_uids.index(a.stack.sop_instance_uids[0])
    a.set_stack(full)  # the full stack arrives (shown at its own default slice) ...
    a.go_to(full.count - 1 if k == 0 else 0)
    preview.settle(a)  # ... and settles on the instance the preview showed
    assert a.slice_view.slice_index == k
    preview.discard([shown, b], "This series has no image that can be displayed.")
    assert b.stack is None and b.placeholder.text().startswith("This series")
    assert shown.stack is full  # a real series is never taken down
