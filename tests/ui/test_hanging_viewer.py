"""Hanging protocols in the viewer: the mammography 4-view and its prior, CT with prior.

The pixel probes read the rendered frame: the chest wall (the bright tissue side) must
touch the inner edge of each mammography viewport whichever way the detector stored the
view, and current and prior must show the same millimetres per screen pixel.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hanging_doubles import ROOT, ct_hub, mammo_hub
from PySide6.QtCore import QSettings

from workstation.cache.store import EncryptedStore

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from workstation.ui.hanging_save import CONFIG_ENV, save_layout  # noqa: E402
from workstation.ui.viewer_window import ViewerWindow  # noqa: E402

WAIT_MS = 60_000
BRIGHT, DARK = 120, 30


@pytest.fixture
def open_viewer(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "config"))
    QSettings().setValue("hanging/enabled", True)
    store = EncryptedStore(tmp_path / "store", bytes(range(32)))
    windows = []

    def make(hub, item) -> ViewerWindow:
        window = ViewerWindow(item, client=hub, store=store, submit=lambda draft: None)
        qtbot.addWidget(window)
        window.resize(1200, 900)
        window.show()
        qtbot.waitExposed(window)
        window.start()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.loader.wait(10_000)
        for loader in window.hanging.loaders.values():
            loader.wait(10_000)
    store.close()


def wait_hung(qtbot, viewer: ViewerWindow, count: int) -> None:
    qtbot.waitUntil(lambda: len(viewer.hanging._hung) >= count, timeout=WAIT_MS)
    qtbot.wait(50)


def chest_wall_profile(viewport) -> tuple[int, int]:
    """Grey level just inside the inner (chest-wall) edge and the outer edge, mid-height."""
    view = viewport.slice_view
    view.show_overlays = False
    frame = view.capture().astype(int).mean(axis=2)
    height, width = frame.shape
    band = frame[height // 2 - 3: height // 2 + 4]
    side = "right" if viewport.stack.header.laterality == "R" else "left"
    inner = band[:, width - 3] if side == "right" else band[:, 2]
    outer = band[:, 2] if side == "right" else band[:, width - 3]
    view.show_overlays = True
    return int(np.median(inner)), int(np.median(outer))


def edge_gap(viewport) -> float:
    """Screen pixels between the picture's chest-wall edge and the viewport's inner edge."""
    view, stack = viewport.slice_view, viewport.stack
    width = view.render_window.GetSize()[0]
    xs = [view.image_to_display(r, c)[0]
          for r in (-0.5, stack.rows - 0.5) for c in (-0.5, stack.columns - 0.5)]
    return abs(width - max(xs)) if stack.header.laterality == "R" else abs(min(xs))


def test_mammography_four_view_then_current_over_prior(qtbot, open_viewer):
    hub, item = mammo_hub()
    viewer = open_viewer(hub, item)
    wait_hung(qtbot, viewer, 4)
    hanging = viewer.hanging
    assert hanging.protocol.id == "mg-screening"
    assert (viewer.grid.rows, viewer.grid.columns) == (2, 2)
    viewports = viewer.grid.visible_viewports()
    shown = [(v.stack.header.laterality, v.stack.header.view_position) for v in viewports]
    assert shown == [("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO")]
    # Stored with every chest wall on the left: the right-breast views are mirrored.
    assert [v.slice_view.view_transform.flipped for v in viewports] == [True, False, True,
                                                                         False]
    for viewport in viewports:
        inner, outer = chest_wall_profile(viewport)
        assert inner > BRIGHT and outer < DARK, (viewport.stack.header.laterality, inner, outer)
        assert edge_gap(viewport) < 1.0
    scales = {round(v.slice_view.mm_per_pixel, 9) for v in viewports}
    assert len(scales) == 1
    # The hung scale and alignment follow a new size (until the reader zooms or pans).
    before = viewports[0].width()
    viewer.resize(900, 900)
    qtbot.waitUntil(lambda: viewports[0].width() < before - 50, timeout=5_000)
    qtbot.waitUntil(lambda: max(edge_gap(v) for v in viewports) < 1.0, timeout=5_000)
    for viewport in viewports:
        inner, outer = chest_wall_profile(viewport)
        assert inner > BRIGHT and outer < DARK

    viewer.actions.actions["hanging.next_stage"].trigger()
    wait_hung(qtbot, viewer, 4)
    assert hanging.stage.name == "CC: current over prior"
    viewports = viewer.grid.visible_viewports()
    studies = [v.stack.header.study_uid for v in viewports]
    assert studies == [item.study_uid] * 2 + [ROOT + ".2"] * 2
    assert [v.stack.header.laterality for v in viewports] == ["R", "L", "R", "L"]
    assert viewports[2].stack.pixel_spacing != viewports[0].stack.pixel_spacing
    # The prior is stored the standard way: nothing to mirror, yet it hangs the same.
    assert [v.slice_view.view_transform.flipped for v in viewports] == [True, False, False,
                                                                         False]
    for viewport in viewports:
        inner, outer = chest_wall_profile(viewport)
        assert inner > BRIGHT and outer < DARK
    mm = [v.slice_view.mm_per_pixel for v in viewports]
    assert max(mm) - min(mm) < 1e-9 * mm[0]
    # Zooming one keeps them all at one physical scale and against the chest wall.
    viewports[0].slice_view.zoom_by(1.5)
    mm = [v.slice_view.mm_per_pixel for v in viewports]
    assert max(mm) - min(mm) < 1e-9 * mm[0]
    for viewport in viewports:
        inner, _outer = chest_wall_profile(viewport)
        assert inner > BRIGHT and edge_gap(viewport) < 1.0


def test_ct_with_prior_pairs_windows_and_scrolls_by_position(qtbot, open_viewer, tmp_path):
    hub, item = ct_hub()
    viewer = open_viewer(hub, item)
    wait_hung(qtbot, viewer, 4)
    hanging = viewer.hanging
    assert hanging.protocol.id == "ct-chest-prior"
    vp = viewer.grid.visible_viewports()
    assert [v.stack.header.study_uid for v in vp] == [item.study_uid, ROOT + ".4"] * 2
    windows = [(v.slice_view.window.center, v.slice_view.window.width) for v in vp]
    assert windows == [(-600, 1500), (-600, 1500), (40, 400), (40, 400)]
    # The prior's frame of reference is 10 mm higher: its z matches the current's + 10.
    def z(v) -> float:
        return float(v.stack.positions[v.slice_view.slice_index][2])

    for k in (3, 8, 20):
        vp[0].slice_view.set_slice(k)
        assert vp[2].slice_view.slice_index == k  # the same series in another window
        assert z(vp[1]) == z(vp[3]) == pytest.approx(z(vp[0]) + 10.0, abs=2.5)
    vp[1].slice_view.set_slice(6)
    assert z(vp[0]) == pytest.approx(z(vp[1]) - 10.0, abs=1.25)
    vp[0].slice_view.adjust_window(100.0, 0.0)
    assert vp[1].slice_view.window.center == pytest.approx(-500.0)
    assert vp[2].slice_view.window.center == pytest.approx(40.0)

    viewer.actions.actions["hanging.next_stage"].trigger()
    wait_hung(qtbot, viewer, 2)
    assert (viewer.grid.rows, viewer.grid.columns) == (1, 2)
    viewer.actions.actions["hanging.previous_stage"].trigger()
    wait_hung(qtbot, viewer, 4)
    assert (viewer.grid.rows, viewer.grid.columns) == (2, 2)

    path = save_layout(hanging, "My chest with prior")
    assert path is not None and path.parent == tmp_path / "config" / "hanging_protocols"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["stages"][0]["viewports"][1]["series"]["study"] == "prior"
    assert hanging.choose(hanging.details[0]).id == "user-my-chest-with-prior"

    # The reader overrides the hung 2x2 with 1x1: the stage's view keeps to the one cell.
    viewer.set_layout(1, 1)
    hanging._apply_stage_view()
    assert list(hanging._views) == [0]
