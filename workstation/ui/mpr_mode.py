"""Switching the viewer between its viewport grid and the MPR layout of one series.

Entering takes the active viewport's series, builds (or reuses) its shared volume and puts
the MPR layout beside the hidden grid in the viewer's splitter; the grid's viewports are
left untouched, so leaving shows them exactly as they were. The volume of the last series
shown in MPR is kept, so going back to MPR does not rebuild (or re-correct) it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from workstation.core.mpr_geometry import LpsLength
from workstation.core.stack import ImageStack
from workstation.render.mpr.volume import SharedVolume
from workstation.ui import theme
from workstation.ui.mpr_view import MprView

if TYPE_CHECKING:
    from workstation.ui.viewer_window import ViewerWindow

log = logging.getLogger(__name__)
MIN_SLICES = 3


class MprMode(QObject):
    """Owns the MPR layout while it is shown."""

    def __init__(self, viewer: ViewerWindow) -> None:
        super().__init__(viewer)
        self.viewer = viewer
        self.view: MprView | None = None
        self._volume: tuple[int, SharedVolume] | None = None
        # Lengths drawn in MPR, per series: they outlive the layout (listed, reported).
        self.lengths: dict[str, list[LpsLength]] = {}
        self._series_uid = ""

    @property
    def active(self) -> bool:
        return self.view is not None

    def toggle(self) -> None:
        if self.active:
            self.exit()
        else:
            self.enter()

    def enter(self) -> bool:
        """Show the active series in MPR; False (with a status message) when it cannot."""
        viewer = self.viewer
        if self.view is not None:
            return True
        stack = viewer.viewport.stack
        reason = self._refusal(stack)
        if reason:
            viewer.status.setText(reason)
            return False
        assert stack is not None
        try:
            volume = self._shared_volume(stack)
            self._series_uid = viewer.current_series_uid or stack.header.series_uid or ""
            # the window (or VOI LUT) the reader is using carries over
            view = MprView(stack, volume=volume, voi=viewer.viewport.slice_view.voi,
                           lengths=self.lengths.setdefault(self._series_uid, []))
        except (ValueError, MemoryError) as exc:
            log.warning("MPR not possible: %s", type(exc).__name__)
            viewer.status.setText(self.tr("This series cannot be reformatted: %1")
                                  .replace("%1", str(exc)))
            return False
        view.key_filter = viewer.actions.dispatch
        view.exit_requested.connect(self.exit)
        view.changed.connect(self._status)
        view.lengths_changed.connect(self._lengths_changed)
        splitter = viewer.splitter
        sizes = splitter.sizes()
        index = splitter.indexOf(viewer.grid)
        splitter.insertWidget(index + 1, view)
        viewer.grid.hide()
        sizes.insert(index + 1, sizes[index])
        sizes[index] = 0
        splitter.setSizes(sizes)
        self.view = view
        self.sync_overlays()
        view.focus()
        self._status()
        viewer.panels.refresh_measurements()
        return True

    def exit(self) -> None:
        """Back to the viewport grid as it was."""
        view, self.view = self.view, None
        if view is None:
            return
        viewer = self.viewer
        splitter = viewer.splitter
        sizes = splitter.sizes()
        index = splitter.indexOf(view)
        view.hide()
        view.shutdown()
        view.setParent(None)
        view.deleteLater()
        viewer.grid.show()
        if 0 <= index < len(sizes):
            grid_size = sizes.pop(index)
            sizes[index - 1] = grid_size
            splitter.setSizes(sizes)
        viewer.status.setText("")
        viewer.panels.refresh_measurements()
        viewer.viewport.focus_image()

    def sync_overlays(self) -> None:
        """Follow the viewer's overlay and patient-data toggles."""
        if self.view is not None:
            self.view.set_overlays(self.viewer.overlays_shown, not self.viewer.phi_hidden)

    # -- lengths --------------------------------------------------------------------------

    def shown_lengths(self) -> list[LpsLength]:
        """The lengths of the series in the MPR layout (none when it is not shown)."""
        return list(self.view.lengths) if self.view is not None else []

    def remove_length(self, length: LpsLength) -> None:
        if self.view is not None:
            self.view.remove_length(length)

    def show_length(self, length: LpsLength) -> None:
        if self.view is not None:
            self.view.show_length(length)

    def _lengths_changed(self) -> None:
        panels = self.viewer.panels
        if self.view is not None and self.view.lengths:
            panels.measure_dock.show()
        panels.refresh_measurements()

    # -- 3D actions -------------------------------------------------------------------------

    def cycle_volume_preset(self) -> None:
        if self.view is not None:
            name = self.view.cycle_volume_preset()
            self.viewer.status.setText(
                self.tr("3D preset: %1").replace(
                    "%1", QCoreApplication.translate("VolumePresets", name)))

    def toggle_clip_box(self) -> None:
        if self.view is not None:
            self.view.toggle_clip_box()

    # -- slab actions ------------------------------------------------------------------------

    def thicker(self) -> None:
        if self.view is not None:
            self.view.change_slab(1)

    def thinner(self) -> None:
        if self.view is not None:
            self.view.change_slab(-1)

    def cycle_slab_mode(self) -> None:
        if self.view is not None:
            self.view.cycle_slab_mode()

    # -- helpers -----------------------------------------------------------------------------

    def _refusal(self, stack: ImageStack | None) -> str:
        if stack is None:
            return self.tr("Open a series first.")
        if stack.is_color:
            return self.tr("MPR needs a grayscale series.")
        if stack.count < MIN_SLICES:
            return self.tr("MPR needs a series of at least %1 slices.").replace(
                "%1", str(MIN_SLICES))
        return ""

    def _shared_volume(self, stack: ImageStack) -> SharedVolume:
        if self._volume is not None and self._volume[0] == id(stack) \
                and self._volume[1].source is stack:
            return self._volume[1]
        self._volume = None  # let the previous series' volume go first
        volume = SharedVolume(stack)
        self._volume = (id(stack), volume)
        return volume

    def _status(self) -> None:
        view = self.view
        if view is None:
            return
        text = self.tr("MPR") + "  " + view.overlay_summary()
        self.viewer.status.setText(text.strip())
        corrected = bool(view.volume.notes)
        self.viewer.status.setStyleSheet(f"color: {theme.WARN_TEXT};" if corrected else "")
