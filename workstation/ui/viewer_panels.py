"""The viewer's side features: key images dock, tag browser, key map dialog, window
presets, and the report moved to a second screen.

Kept out of :mod:`workstation.ui.viewer_window` so that the window stays about layout and
loading; everything here acts on the viewer's active viewport.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget

from workstation.core.measurement_edit import KeyImageRecord, MeasurementRecord
from workstation.core.measurements import Measurement
from workstation.core.mpr_geometry import LpsLength
from workstation.render.measure_layer import label_text
from workstation.ui.key_images import KeyImage, KeyImageList, key_image_of
from workstation.ui.measure_tools import MeasureTools
from workstation.ui.measurement_panel import MeasurementPanel, kind_name
from workstation.ui.second_screen import DetachedPanel
from workstation.ui.shortcut_dialog import ShortcutDialog
from workstation.ui.tag_browser import TagBrowser, sop_uid_of

if TYPE_CHECKING:
    from workstation.ui.viewer_window import ViewerWindow


class ViewerPanels(QObject):
    def __init__(self, viewer: ViewerWindow) -> None:
        super().__init__(viewer)
        self.viewer = viewer
        self.key_list = KeyImageList()
        self.key_list.chosen.connect(self._go_to_key_image)
        self.key_dock = QDockWidget(viewer.tr("Key images"), viewer)
        self.key_dock.setObjectName("key_image_dock")
        self.key_dock.setWidget(self.key_list)
        viewer.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.key_dock)
        self.key_dock.hide()
        self.tools = MeasureTools(lambda vp: viewer.series_of.get(id(vp)), self)
        self.measure_list = MeasurementPanel()
        self.measure_dock = QDockWidget(viewer.tr("Measurements"), viewer)
        self.measure_dock.setObjectName("measurement_dock")
        self.measure_dock.setWidget(self.measure_list)
        self.measure_dock.setMinimumWidth(260)
        viewer.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.measure_dock)
        self.measure_dock.hide()
        self.tools.changed.connect(self._measurements_changed)
        self.tools.probed.connect(lambda text: viewer.status.setText(text))
        self.measure_list.delete_requested.connect(self._delete)
        self.measure_list.chosen.connect(self._go_to_measurement)
        self.tag_browser: TagBrowser | None = None
        self.shortcut_dialog: ShortcutDialog | None = None
        self.detached: DetachedPanel | None = None

    # -- measurements -----------------------------------------------------------------------

    def choose_tool(self, tool: str) -> None:
        """Pick a measurement tool; picking the chosen one again goes back to panning."""
        self.tools.set_tool("" if self.tools.tool == tool else tool)
        if self.tools.tool and self.tools.tool != "probe":
            self.measure_dock.show()

    def delete_measurement(self) -> None:
        """The selected row of the list, else the newest measurement on the image shown."""
        viewer = self.viewer
        if viewer.mpr.active:  # the MPR layout's lengths: the selected row, else the newest
            chosen = self.measure_list.selected()
            lengths = viewer.mpr.shown_lengths()
            length = chosen if isinstance(chosen, LpsLength) else (
                lengths[-1] if lengths else None)
            if length is not None:
                viewer.mpr.remove_length(length)
            return
        uid = viewer.current_series_uid
        if uid is None:
            return
        target = self.measure_list.selected()
        if isinstance(target, LpsLength):
            return
        if target is None:
            k = viewer.grid.active.slice_view.slice_index
            on_image = [m for m in self.tools.of_series(uid) if m.slice_index == k]
            chosen = self.tools.selected
            # The one last drawn or edited on this image, else the newest on it.
            target = chosen if any(m is chosen for m in on_image) else (
                on_image[-1] if on_image else None)
        if target is not None:
            self.tools.remove(uid, target)

    def clear_measurements(self) -> None:
        uid = self.viewer.current_series_uid
        if uid is not None:
            self.tools.clear_slice(uid, self.viewer.grid.active.slice_view.slice_index)

    def refresh_measurements(self) -> None:
        """The list shows the series of the active viewport."""
        viewer = self.viewer
        if viewer.mpr.active:
            self.measure_list.show_lengths(viewer.mpr.shown_lengths())
            return
        uid = viewer.current_series_uid
        items = self.tools.of_series(uid) if uid else []
        self.measure_list.show_measurements(items, viewer.grid.active.stack)

    def toggle_measurement_list(self) -> None:
        self.measure_dock.setVisible(not self.measure_dock.isVisible())

    def measurement_records(self) -> list[MeasurementRecord]:
        """Every measurement of the study's series on screen, with its series, instance
        and shown value, in the order drawn (for the report draft)."""
        records = []
        for uid, items in self.tools.by_series.items():
            stack = self.viewer.stacks.get(uid)
            if stack is None:
                continue
            for m in items:
                records.append(MeasurementRecord(uid, m.sop_instance_uid, m.slice_index, m,
                                                 label_text(m, stack)))
        return records

    def key_image_records(self) -> list[KeyImageRecord]:
        """The marked key images (series, SOP instance, index in the stack)."""
        return [KeyImageRecord(m.series_uid, m.sop_uid, m.index) for m in self.key_list.marks]

    def report_attachments(self) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        """Measurements and key images in the report's attachment form
        (``workstation.core.report_content``), for the study's report draft."""
        measurements: list[dict[str, object]] = []
        for uid, items in self.tools.by_series.items():
            stack = self.viewer.stacks.get(uid)
            if stack is None:
                continue
            for m in items:
                label = label_text(m, stack)
                measurements.append({"kind": m.kind, "value": None, "unit": "",
                                     "label": f"{kind_name(m.kind)}: {label}",
                                     "series_uid": uid, "sop_uid": m.sop_instance_uid})
        for uid, lengths in self.viewer.mpr.lengths.items():
            for length in lengths:  # drawn in MPR: in patient space, on no one instance
                measurements.append({"kind": "length", "value": round(length.mm, 1),
                                     "unit": "mm",
                                     "label": f"{kind_name('length')} (MPR): {length.label()}",
                                     "series_uid": uid, "sop_uid": ""})
        keys: list[dict[str, object]] = []
        for mark in self.key_list.marks:
            keys.append({"kind": "key_image", "value": None, "unit": "",
                         "label": self.key_list.label_of(mark),
                         "series_uid": mark.series_uid, "sop_uid": mark.sop_uid})
        return measurements, keys

    def _measurements_changed(self, series_uid: str) -> None:
        for cell in self.viewer.grid.cells:
            if self.viewer.series_of.get(id(cell.viewport)) == series_uid:
                self.tools.show_on(cell.viewport)
        self.refresh_measurements()

    def _delete(self, measurement: Measurement | LpsLength) -> None:
        if isinstance(measurement, LpsLength):
            self.viewer.mpr.remove_length(measurement)
            return
        uid = self.viewer.current_series_uid
        if uid is not None:
            self.tools.remove(uid, measurement)

    def _go_to_measurement(self, measurement: Measurement | LpsLength) -> None:
        if isinstance(measurement, LpsLength):
            self.viewer.mpr.show_length(measurement)
            return
        self.viewer.grid.active.go_to(measurement.slice_index)

    # -- key images ----------------------------------------------------------------------------

    def toggle_key_image(self) -> None:
        viewport = self.viewer.grid.active
        if viewport.stack is None:
            return
        marked = self.key_list.toggle(key_image_of(viewport.stack, viewport.slice_view.slice_index))
        self.viewer.status.setText(
            self.viewer.tr("Marked as key image.") if marked
            else self.viewer.tr("Key image mark removed.")
        )
        self.key_dock.show()

    def show_key_images(self) -> None:
        self.key_dock.setVisible(not self.key_dock.isVisible())

    def _go_to_key_image(self, mark: KeyImage) -> None:
        viewer = self.viewer
        viewport = viewer.grid.active
        if viewer.current_series_uid != mark.series_uid:
            viewer.show_series(mark.series_uid, viewport)
        if viewport.stack is not None and viewer.current_series_uid == mark.series_uid:
            viewport.go_to(mark.index)

    # -- tag browser ---------------------------------------------------------------------------

    def open_tag_browser(self) -> None:
        viewer = self.viewer
        viewport = viewer.grid.active
        stack = viewport.stack
        if stack is None:
            return
        index = viewport.slice_view.slice_index
        sops = stack.sop_instance_uids
        sop = sops[index] if index < len(sops) else ""
        series = viewer.current_series_uid or stack.header.series_uid
        store, tenant, study = viewer.store, viewer.item.tenant_id, viewer.item.study_uid

        def read() -> bytes | None:
            """The instance's bytes: by its SOP UID, else (cache keyed by the hub's
            object names) the cached member whose header carries that SOP UID."""
            if not sop:
                return None
            data = store.get(tenant, study, series, sop)
            if data is not None:
                return data
            for member_series, member in store.list_instances(tenant, study, series):
                blob = store.get(tenant, study, member_series, member)
                if blob is not None and sop_uid_of(blob) == sop:
                    return blob
            return None

        if self.tag_browser is not None:
            self.tag_browser.close()
        self.tag_browser = TagBrowser(read, viewer)
        self.tag_browser.show()

    # -- key map -----------------------------------------------------------------------------

    def edit_shortcuts(self) -> None:
        if self.shortcut_dialog is None:
            self.shortcut_dialog = ShortcutDialog(self.viewer)
            self.shortcut_dialog.changed.connect(self.viewer.actions.apply_shortcuts)
        self.shortcut_dialog.fill()
        self.shortcut_dialog.show()

    # -- second screen -------------------------------------------------------------------------

    def set_report_detached(self, detached: bool) -> None:
        """Move the report panel to its own window (second monitor) or back."""
        viewer = self.viewer
        if detached and self.detached is None:
            self.detached = DetachedPanel(viewer.report_panel, "report", viewer.tr("Report"))
            self.detached.closing.connect(self._reattach)
            self.detached.show()
        elif not detached and self.detached is not None:
            self.detached.close()

    def _reattach(self) -> None:
        detached, self.detached = self.detached, None
        if detached is None:
            return
        panel = detached.take_panel()
        self.viewer.splitter.addWidget(panel)
        panel.show()
        action = getattr(self.viewer, "detach_action", None)
        if action is not None and action.isChecked():
            action.blockSignals(True)
            action.setChecked(False)
            action.blockSignals(False)

    def close_all(self) -> None:
        for dialog in (self.tag_browser, self.shortcut_dialog):
            if dialog is not None:
                dialog.close()
        if self.detached is not None:
            self.detached.close()
