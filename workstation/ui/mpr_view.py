"""The MPR layout: axial, sagittal and coronal reformats plus 3D of one series, linked.

All four panes read the same :class:`workstation.render.mpr.volume.SharedVolume` (one
volume in memory per series) and share one :class:`workstation.core.mpr_geometry.MprState`
(crosshair point, plane orientations, slab). Any change re-slices the three planes; the
3D pane only re-renders for its own input, because a software ray cast is far slower than
a reslice. Window, invert and measurements are shared by the three planes.

Keys handled here while a pane has focus (before the viewer's shortcuts): arrows and
PageUp/PageDown move the focused plane, R resets, I inverts, 1-9 window presets, Esc
leaves; the slab keys and M reach the viewer's actions (resources/shortcuts.json).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from workstation.core.grayscale import VoiTransform
from workstation.core.mpr_geometry import PLANES, LpsLength, MprState
from workstation.core.presets import presets_for
from workstation.core.stack import ImageStack
from workstation.core.window import Window
from workstation.render.mpr.volume import SharedVolume
from workstation.ui.mpr_panes import PlanePane, VolumePane

SLAB_STEPS_MM = (0.0, 1.0, 2.0, 3.0, 5.0, 7.5, 10.0, 15.0, 20.0, 30.0, 50.0, 75.0, 100.0)
_PAGE = 10
_LOCAL_KEYS = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1,
               Qt.Key.Key_Right: 1, Qt.Key.Key_PageUp: -_PAGE, Qt.Key.Key_PageDown: _PAGE}


class MprView(QWidget):
    """2×2 panes: axial | sagittal / coronal | 3D. ``exit_requested`` on Esc."""

    exit_requested = Signal()
    changed = Signal()
    lengths_changed = Signal()

    def __init__(self, stack: ImageStack, parent: QWidget | None = None,
                 volume: SharedVolume | None = None, voi: VoiTransform | None = None,
                 lengths: list[LpsLength] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mpr_view")
        self.volume = volume if volume is not None else SharedVolume(stack)
        self.state = MprState.centred(self.volume.grid)
        # Shared with the caller (MprMode keeps them per series, beyond this view's life).
        self.lengths: list[LpsLength] = lengths if lengths is not None else []
        self.key_filter: Callable[[QKeyEvent], bool] | None = None
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.planes: dict[str, PlanePane] = {}
        for name in PLANES:
            pane = PlanePane(self, name, self)
            pane.view.lps_measurements = self.lengths  # one list: lengths show in every plane
            self.planes[name] = pane
        self.volume_pane = VolumePane(self, self)
        layout.addWidget(self.planes["axial"].canvas, 0, 0)
        layout.addWidget(self.planes["sagittal"].canvas, 0, 1)
        layout.addWidget(self.planes["coronal"].canvas, 1, 0)
        layout.addWidget(self.volume_pane.canvas, 1, 1)
        self.active_pane: PlanePane | VolumePane = self.planes["axial"]
        start = voi if voi is not None else self.volume.stack.default_window()
        for pane in self.planes.values():
            pane.view.update_plane(start)

    # -- shared state ------------------------------------------------------------------------

    def refresh(self) -> None:
        for pane in self.planes.values():
            pane.view.update_plane()
        self.changed.emit()

    def move_point(self, lps: np.ndarray) -> None:
        self.state.move_to(lps)
        self.volume_pane.follow_point()
        self.refresh()

    def scroll(self, name: str, steps: float) -> None:
        self.state.scroll(name, steps)
        self.volume_pane.follow_point()
        self.refresh()

    def rotate(self, name: str, angle: float) -> None:
        self.state.rotate(name, angle)
        self.refresh()

    def reset(self) -> None:
        """Centre the point, standard planes, no slab; views refit, windows kept; the 3D
        view back to its anterior camera."""
        self.state.reset()
        self.state.set_slab(0.0)
        self.volume_pane.follow_point()
        self.refresh()
        for pane in self.planes.values():
            pane.view.reset_view()
        self.volume_pane.reset_camera()

    def set_slab(self, thickness_mm: float) -> None:
        self.state.set_slab(thickness_mm)
        self.refresh()

    def change_slab(self, steps: int) -> None:
        """Next thicker (steps > 0) or thinner slab of :data:`SLAB_STEPS_MM`."""
        now = self.state.slab_mm
        if steps > 0:
            bigger = [v for v in SLAB_STEPS_MM if v > now + 1e-6]
            target = bigger[min(steps, len(bigger)) - 1] if bigger else SLAB_STEPS_MM[-1]
        else:
            smaller = [v for v in SLAB_STEPS_MM if v < now - 1e-6]
            target = smaller[max(-len(smaller), steps)] if smaller else 0.0
        self.set_slab(target)

    def cycle_slab_mode(self) -> None:
        self.state.cycle_slab_mode()
        if self.state.slab_mm <= 0:
            self.state.set_slab(SLAB_STEPS_MM[6])  # choosing a mode with no slab shows one
        self.refresh()

    def set_window(self, window: Window) -> None:
        for pane in self.planes.values():
            pane.view.set_window(window)
        self.changed.emit()

    def toggle_invert(self) -> None:
        for pane in self.planes.values():
            pane.view.toggle_invert()

    def apply_preset(self, key: int) -> bool:
        presets = presets_for(self.volume.stack.header.modality or "")
        preset = next((p for p in presets if p.key == key), None)
        if preset is not None:
            self.set_window(preset.window)
            return True
        choices = self.planes["axial"].view.voi_choices
        if 1 <= key <= len(choices):
            for pane in self.planes.values():
                pane.view.select_voi(key - 1)
            return True
        return False

    def add_length(self, a: np.ndarray, b: np.ndarray, plane: str = "") -> LpsLength:
        """A length between two patient points (mm), shown on every plane holding both."""
        if not plane:  # the first plane that shows it
            plane = next((name for name, pane in self.planes.items()
                          if pane.view.holds(a, b)), "")
        length = LpsLength(np.asarray(a, float), np.asarray(b, float), plane,
                           self.volume.stack.spacing_source)
        self.lengths.append(length)
        self.refresh()
        self.lengths_changed.emit()
        return length

    def remove_length(self, length: LpsLength) -> None:
        if any(item is length for item in self.lengths):
            self.lengths[:] = [item for item in self.lengths if item is not length]
            self.refresh()
            self.lengths_changed.emit()

    def show_length(self, length: LpsLength) -> None:
        """Move the crosshair to the middle of a length, so the planes show it."""
        self.move_point(length.midpoint)

    # -- 3D ----------------------------------------------------------------------------------

    def cycle_volume_preset(self) -> str:
        """Next 3D preset of the modality (resources/volume_presets); its name."""
        preset = self.volume_pane.view.cycle_preset()
        self.volume_pane.render()
        return preset.name

    def toggle_clip_box(self) -> bool:
        """Clip box around the crosshair on (a quarter of the volume) or off."""
        self.volume_pane.set_clip(0.0)  # 0: off when on, else on at the default size
        return self.volume_pane.clip_half_mm > 0

    def set_overlays(self, show: bool, show_phi: bool) -> None:
        for pane in self.planes.values():
            pane.view.show_overlays = show
            pane.view.show_phi = show_phi

    # -- keys --------------------------------------------------------------------------------

    def claims_key(self, event: QKeyEvent) -> bool:
        """Keys that mean something else here than in the normal layout."""
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        return (key in _LOCAL_KEYS or key in (Qt.Key.Key_R, Qt.Key.Key_I, Qt.Key.Key_Escape)
                or Qt.Key.Key_1 <= key <= Qt.Key.Key_9)

    def key(self, event: QKeyEvent) -> bool:
        if self.claims_key(event):
            key = event.key()
            pane = self.active_pane
            if key in _LOCAL_KEYS and isinstance(pane, PlanePane):
                self.scroll(pane.name, _LOCAL_KEYS[key])
            elif key == Qt.Key.Key_R:
                self.reset()
            elif key == Qt.Key.Key_I:
                self.toggle_invert()
            elif key == Qt.Key.Key_Escape:
                self.exit_requested.emit()
            elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
                self.apply_preset(int(key) - int(Qt.Key.Key_0))
            return True
        return self.key_filter(event) if self.key_filter is not None else False

    def focus(self) -> None:
        self.active_pane.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    def overlay_summary(self) -> str:
        """One line for the status bar: slab and geometry notes."""
        view = self.planes["axial"].view
        return "  ".join(view.overlay_lines()[1:])

    def shutdown(self) -> None:
        """Release every pane's OpenGL context now."""
        for pane in (*self.planes.values(), self.volume_pane):
            pane.canvas.Finalize()
