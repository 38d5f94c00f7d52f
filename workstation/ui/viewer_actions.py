"""The viewer's actions, one QAction per action id of ``resources/shortcuts.json``.

Every action works on the active viewport of the grid and takes its keys from the reader's
key map (:mod:`workstation.ui.shortcut_map`); :meth:`ViewerActions.apply_shortcuts` sets
them again after a remapping. Text fields (the report) keep their own typing keys: Qt asks
the focused editor first, and editors claim plain keys and arrows for themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence

from workstation.core.presets import presets_for
from workstation.ui import idle_lock, shortcut_map
from workstation.ui.hanging_save import save_layout
from workstation.ui.viewport import Viewport
from workstation.ui.viewport_grid import layout_choices

if TYPE_CHECKING:
    from workstation.ui.viewer_window import ViewerWindow

PAGE_IMAGES = 10
# Actions that switch something on and off (checkable, shown ticked in the menus).
TOGGLES = ("link.window", "link.zoom", "view.reference_lines", "report.detach")
ZOOM_STEP = 1.25


def label_of(action_id: str) -> str:
    """The translated label of an action (the shipped English label is the source text)."""
    shortcut = shortcut_map.defaults().get(action_id)
    text = shortcut.label if shortcut is not None else action_id
    return QCoreApplication.translate("Shortcuts", text)


def screen_mm_per_px(viewport: Viewport) -> float | None:
    """Physical size of one device pixel of the viewport's screen, from the screen's EDID
    size; None when the screen does not report one."""
    screen = viewport.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return None
    mm, px = screen.physicalSize().width(), screen.size().width() * screen.devicePixelRatio()
    return mm / px if mm > 0 and px > 0 else None


class ViewerActions(QObject):
    """Builds and owns the viewer's actions; ``actions[action_id]`` is the QAction."""

    def __init__(self, viewer: ViewerWindow) -> None:
        super().__init__(viewer)
        self.viewer = viewer
        self.actions: dict[str, QAction] = {}
        self.layout_actions: dict[tuple[int, int], QAction] = {}
        handlers = self._handlers()
        for action_id in shortcut_map.defaults():
            handler = handlers.get(action_id)
            if handler is None:
                continue
            action = QAction(label_of(action_id), viewer)
            action.setObjectName(action_id)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _c=False, h=handler: h())
            viewer.addAction(action)
            self.actions[action_id] = action
        for rows, columns in layout_choices():
            action_id = f"layout.{rows}x{columns}"
            action = self.actions.get(action_id)
            if action is None:
                action = QAction(viewer)
                action.setObjectName(action_id)
                action.triggered.connect(lambda _c=False, r=rows, c=columns: self.layout(r, c))
                viewer.addAction(action)
            action.setText(
                QCoreApplication.translate("ViewerActions", "%1 × %2")
                .replace("%1", str(rows))
                .replace("%2", str(columns))
            )
            action.setCheckable(True)
            self.layout_actions[(rows, columns)] = action
        for action_id in ("link.scroll", "overlay.toggle_phi", *TOGGLES):
            if action_id in self.actions:
                self.actions[action_id].setCheckable(True)
        toggled = {
            "link.window": lambda on: setattr(viewer.linker, "window", on),
            "link.zoom": lambda on: setattr(viewer.linker, "zoom", on),
            "view.reference_lines": lambda on: setattr(viewer.linker, "references", on),
            "report.detach": viewer.panels.set_report_detached,
        }
        for action_id, slot in toggled.items():
            self.actions[action_id].toggled.connect(slot)
        self.apply_shortcuts()

    def apply_shortcuts(self) -> None:
        """Set every action's keys from the reader's current key map."""
        keys = shortcut_map.current()
        for action_id, action in list(self.actions.items()) + [
            (a.objectName(), a) for a in self.layout_actions.values()
        ]:
            shortcut = keys.get(action_id)
            sequences = shortcut_map.sequences(shortcut) if shortcut is not None else []
            action.setShortcuts(sequences)
            label = action.text().split("\t")[0]
            if sequences:
                action.setToolTip(f"{label} ({sequences[0].toString()})")

    def dispatch(self, event: QKeyEvent) -> bool:
        """Trigger the action bound to this key press, if any (for keys reaching an image
        while the window's shortcuts are not active, e.g. before it is activated)."""
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        pressed = QKeySequence(QKeyCombination(modifiers, Qt.Key(event.key())))
        everything = list(self.actions.values()) + list(self.layout_actions.values())
        for action in everything:
            if action.isEnabled() and any(
                s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
                for s in action.shortcuts()
            ):
                action.trigger()
                return True
        return False

    # -- handlers ----------------------------------------------------------------------------

    def _handlers(self) -> dict[str, Callable[[], None]]:
        v = self.viewer
        handlers: dict[str, Callable[[], None]] = {
            "scroll.next": lambda: self._active().scroll(1),
            "scroll.previous": lambda: self._active().scroll(-1),
            "scroll.page_next": lambda: self._active().scroll(PAGE_IMAGES),
            "scroll.page_previous": lambda: self._active().scroll(-PAGE_IMAGES),
            "scroll.first": lambda: self._active().go_to(0),
            "scroll.last": self._last,
            "wl.image_next": lambda: self._view_call("cycle_voi", 1),
            "wl.image_previous": lambda: self._view_call("cycle_voi", -1),
            "wl.auto": lambda: self._view_call("apply_auto_window"),
            "wl.reset": lambda: self._view_call("reset_voi"),
            "view.invert": lambda: self._active().toggle_invert(),
            "view.reset": lambda: self._active().reset(),
            "view.zoom_in": lambda: self._view_call("zoom_by", ZOOM_STEP),
            "view.zoom_out": lambda: self._view_call("zoom_by", 1 / ZOOM_STEP),
            "cine.toggle": v.cine.toggle,
            "cine.faster": v.cine.faster,
            "cine.slower": v.cine.slower,
            "overlay.toggle_phi": self._toggle_phi,
            "overlay.toggle_all": self._toggle_overlays,
            "keyimage.toggle": v.panels.toggle_key_image,
            "keyimage.list": v.panels.show_key_images,
            "tags.browser": v.panels.open_tag_browser,
            "export.anonymized": lambda: open_viewer_export(v),
            "study.next": v.next_requested.emit,
            "session.lock": idle_lock.lock_now,
            "series.next": lambda: v.step_series(1),
            "series.previous": lambda: v.step_series(-1),
            "link.scroll": self._toggle_link_scroll,
            "hanging.next_stage": lambda: v.hanging.step_stage(1),
            "hanging.previous_stage": lambda: v.hanging.step_stage(-1),
            "hanging.save": lambda: save_layout(v.hanging),
            "hanging.anchor": lambda: v.hanging.anchor_here(),
            "link.here": self._link_here,
            "measure.list": v.panels.toggle_measurement_list,
            "settings.shortcuts": v.panels.edit_shortcuts,
            "report.critical": lambda: v.report_panel.flows.flag_critical(),
            "report.focus": lambda: v.report_panel.editor.focus_first(),
            "report.print": lambda: v.report_panel.flows.printing.print_report(),
        }
        for action_id in TOGGLES:  # acted on through ``toggled`` (see __init__)
            handlers[action_id] = _nothing
        for rows, columns in layout_choices():
            handlers[f"layout.{rows}x{columns}"] = lambda r=rows, c=columns: self.layout(r, c)
        for key in range(1, 10):
            handlers[f"wl.preset.{key}"] = lambda k=key: v.apply_preset(k)
        for tool in ("length", "angle", "cobb", "ellipse", "rectangle", "freehand", "probe"):
            handlers[f"measure.{tool}"] = lambda t=tool: v.panels.choose_tool(t)
        handlers["measure.delete"] = v.panels.delete_measurement
        handlers["measure.clear"] = v.panels.clear_measurements
        handlers["tool.escape"] = lambda: v.panels.tools.set_tool("")
        handlers["mpr.toggle"] = lambda: v.mpr.toggle()
        handlers["mpr.slab_thicker"] = lambda: v.mpr.thicker()
        handlers["mpr.slab_thinner"] = lambda: v.mpr.thinner()
        handlers["mpr.slab_mode"] = lambda: v.mpr.cycle_slab_mode()
        handlers["mpr.volume_preset"] = lambda: v.mpr.cycle_volume_preset()
        handlers["mpr.clip_box"] = lambda: v.mpr.toggle_clip_box()
        # Orientation and zoom modes of the slice view.
        for action_id, method, args in (
            ("view.rotate_cw", "rotate", (1,)),
            ("view.rotate_ccw", "rotate", (-1,)),
            ("view.flip_h", "flip_horizontal", ()),
            ("view.flip_v", "flip_vertical", ()),
            ("view.zoom_fit", "zoom_to_fit", ()),
            ("view.zoom_1to1", "zoom_one_to_one", ()),
        ):
            handlers[action_id] = lambda m=method, a=args: self._view_call(m, *a)
        handlers["view.true_size"] = self._true_size
        return handlers

    def _active(self) -> Viewport:
        return self.viewer.grid.active

    def _view_call(self, method: str, *args: object) -> None:
        viewport = self._active()
        if viewport.stack is not None:
            getattr(viewport.slice_view, method)(*args)

    def _last(self) -> None:
        viewport = self._active()
        if viewport.stack is not None:
            viewport.go_to(viewport.stack.count - 1)

    def _true_size(self) -> None:
        viewport = self._active()
        mm = screen_mm_per_px(viewport)
        if viewport.stack is None:
            return
        if mm is None:
            self.viewer.status.setText(
                QCoreApplication.translate(
                    "ViewerActions", "This screen does not report its physical size."
                )
            )
            return
        viewport.slice_view.zoom_true_size(mm)

    def _toggle_phi(self) -> None:
        action = self.actions["overlay.toggle_phi"]
        self.viewer.set_phi_hidden(action.isChecked())

    def _toggle_overlays(self) -> None:
        """All overlays (corners, letters, scale bar, measurements) off or on, everywhere."""
        show = not self.viewer.overlays_shown
        self.viewer.overlays_shown = show
        for cell in self.viewer.grid.cells:
            cell.viewport.slice_view.show_overlays = show
        self.viewer.mpr.sync_overlays()

    def _toggle_link_scroll(self) -> None:
        self.viewer.linker.scroll = self.actions["link.scroll"].isChecked()

    def _link_here(self) -> None:
        """Anchor the index link at the images on screen and switch scroll linking on."""
        self.viewer.linker.link_here()
        self.actions["link.scroll"].setChecked(True)

    def layout(self, rows: int, columns: int) -> None:
        self.viewer.set_layout(rows, columns)
        for size, action in self.layout_actions.items():
            action.setChecked(size == (rows, columns))


def _nothing() -> None:
    """Handler of the on/off actions, which act when their checked state changes."""


def open_viewer_export(viewer: ViewerWindow) -> None:
    """The viewer's study, current series or key images, de-identified (export_dialog)."""
    from workstation.ui.export_dialog import ExportController

    controller = getattr(viewer, "export_controller", None) or ExportController(viewer)
    viewer.export_controller = controller
    view = getattr(viewer.grid.active, "slice_view", None)
    controller.export_study(viewer.store, viewer.item.tenant_id, viewer.item.study_uid,
                            series_uid=viewer.current_series_uid,
                            key_sops=[sop for _series, sop, _i in viewer.key_images],
                            window=getattr(view, "voi", None))


def preset_names(modality: str) -> list[tuple[int, str, str]]:
    """(key, translated name, tooltip) of the number-key presets of ``modality``."""
    rows = []
    for preset in presets_for(modality):
        name = QCoreApplication.translate("Presets", preset.name)
        tip = (
            QCoreApplication.translate("Presets", "%1: W %2 / L %3 (key %4)")
            .replace("%1", name)
            .replace("%2", f"{preset.window.width:g}")
            .replace("%3", f"{preset.window.center:g}")
            .replace("%4", str(preset.key))
        )
        rows.append((preset.key, name, tip))
    return rows
