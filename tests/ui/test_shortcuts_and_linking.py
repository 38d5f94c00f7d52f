"""The reader's key map (overrides persist, conflicts refused) and linked scrolling."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence

pytest.importorskip("workstation.render.slice_view", reason="render/slice_view.py is not built")

from workstation.core.stack import ImageStack, SeriesHeader  # noqa: E402
from workstation.ui import shortcut_map  # noqa: E402
from workstation.ui.linking import Linker, nearest_slice, same_frame  # noqa: E402
from workstation.ui.shortcut_dialog import ShortcutDialog  # noqa: E402
from workstation.ui.viewport_grid import ViewportGrid  # noqa: E402


def test_override_is_stored_and_survives_a_new_settings_object(qtbot):
    assert shortcut_map.current()["view.invert"].keys == ("I",)
    shortcut_map.set_keys("view.invert", ["Ctrl+I"])
    assert QSettings().value("shortcuts/view.invert") in (["Ctrl+I"], "Ctrl+I")
    assert shortcut_map.current()["view.invert"].keys == ("Ctrl+I",)
    shortcut_map.reset("view.invert")
    assert shortcut_map.current()["view.invert"].keys == ("I",)


def test_conflicting_key_is_refused_with_the_other_action(qtbot):
    with pytest.raises(ValueError, match="view.invert"):
        shortcut_map.set_keys("view.flip_h", ["I"])
    assert shortcut_map.current()["view.flip_h"].keys == ("H",)
    dialog = ShortcutDialog()
    qtbot.addWidget(dialog)
    assert not dialog.assign("view.flip_h", "I")
    assert "already used" in dialog.message.text()
    assert dialog.assign("view.flip_h", "Shift+H")
    assert shortcut_map.current()["view.flip_h"].keys == ("Shift+H",)


def test_remapped_key_drives_the_viewer(qtbot, loaded_viewer):
    viewer = loaded_viewer
    shortcut_map.set_keys("view.invert", ["J"])
    viewer.actions.apply_shortcuts()
    assert viewer.actions.actions["view.invert"].shortcuts() == [QKeySequence("J")]
    sv = viewer.viewport.slice_view
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_J)
    assert sv.invert
    qtbot.keyClick(viewer.viewport.canvas, Qt.Key.Key_I)  # the old key is free now
    assert sv.invert


def axial(count: int, spacing: float, z0: float, frame: str, modality: str = "CT") -> ImageStack:
    pixels = np.zeros((count, 32, 32), dtype=np.int16)
    positions = np.array([[-50.0, -50.0, z0 + spacing * k] for k in range(count)])
    return ImageStack(
        pixels=pixels,
        positions=positions,
        pixel_spacing=(1.0, 1.0),
        header=SeriesHeader(modality=modality, frame_of_reference_uid=frame),
    )


def test_nearest_slice_by_patient_position():
    thin = axial(50, 1.0, 0.0, "1.2.3")  # z = 0..49
    thick = axial(10, 5.0, 2.0, "1.2.3")  # z = 2, 7, ... 47
    assert same_frame(thin, thick)
    assert nearest_slice(thin, thick.positions[3]) == 17
    assert nearest_slice(thick, thin.positions[18]) == 3  # z 18 -> 17 is nearest
    assert not same_frame(thin, axial(5, 1.0, 0.0, "9.9"))


@pytest.fixture
def grid(qtbot) -> ViewportGrid:
    g = ViewportGrid()
    qtbot.addWidget(g)
    g.resize(800, 400)
    g.set_layout(1, 2)
    g.show()
    qtbot.waitExposed(g)
    yield g
    g.shutdown()


def test_linked_scroll_follows_the_patient_position(qtbot, grid):
    left, right = grid.cells[0].viewport, grid.cells[1].viewport
    left.set_stack(axial(50, 1.0, 0.0, "1.2.3"))
    right.set_stack(axial(10, 5.0, 2.0, "1.2.3"))
    linker = Linker(grid)
    linker.scroll = True
    left.slice_view.set_slice(32)  # z = 32 -> the thick slice at z = 32 is index 6
    assert right.slice_view.slice_index == 6
    right.slice_view.set_slice(2)  # z = 12 -> thin slice 12
    assert left.slice_view.slice_index == 12
    linker.scroll = False
    left.slice_view.set_slice(40)
    assert right.slice_view.slice_index == 2


def test_anchor_link_keeps_the_index_offset_across_frames(qtbot, grid):
    left, right = grid.cells[0].viewport, grid.cells[1].viewport
    left.set_stack(axial(40, 1.0, 0.0, "1.2.3"))
    right.set_stack(axial(40, 1.0, 0.0, "4.5.6"))
    left.slice_view.set_slice(10)
    right.slice_view.set_slice(15)
    linker = Linker(grid)
    linker.link_here()
    left.slice_view.set_slice(20)
    assert right.slice_view.slice_index == 25


def test_linked_window_and_zoom(qtbot, grid):
    left, right = grid.cells[0].viewport, grid.cells[1].viewport
    left.set_stack(axial(10, 1.0, 0.0, "1.2.3"))
    right.set_stack(axial(10, 1.0, 0.0, "1.2.3"))
    linker = Linker(grid)
    linker.window = linker.zoom = True
    left.slice_view.adjust_window(10.0, 50.0)
    assert right.slice_view.window == left.slice_view.window
    left.slice_view.zoom_by(2.0)
    assert right.slice_view.zoom == pytest.approx(left.slice_view.zoom)
