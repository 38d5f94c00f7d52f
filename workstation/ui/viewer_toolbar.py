"""The viewer's toolbar: layout menu, window presets of the active image, view tools,
cine with its frame rate, linking toggles, key images, tags, and the next study.

The buttons trigger the same QActions as the keys (:mod:`workstation.ui.viewer_actions`);
the preset menu is rebuilt for the modality of the active viewport.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from workstation.ui.cine import fps_box
from workstation.ui.stat_notifier import StatCounter
from workstation.ui.viewer_actions import preset_names

if TYPE_CHECKING:
    from workstation.ui.viewer_window import ViewerWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("ViewerToolbar", text)


def _menu_button(bar: QToolBar, name: str, text: str, menu: QMenu) -> QToolButton:
    button = QToolButton(bar)
    button.setObjectName(name)
    button.setText(text)
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    bar.addWidget(button)
    return button


def build_toolbar(viewer: ViewerWindow) -> QToolBar:
    acts = viewer.actions.actions
    bar = viewer.addToolBar(_tr("Image"))
    bar.setObjectName("viewer_toolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

    layouts = QMenu(bar)
    layouts.setObjectName("layout_menu")
    for action in viewer.actions.layout_actions.values():
        layouts.addAction(action)
    layouts.addSeparator()  # hanging protocol stages and saving the layout as one
    for action_id in ("hanging.previous_stage", "hanging.next_stage", "hanging.anchor",
                      "hanging.save"):
        if action_id in viewer.actions.actions:
            layouts.addAction(viewer.actions.actions[action_id])
    _menu_button(bar, "layout_button", _tr("Layout"), layouts)

    viewer.preset_menu = QMenu(bar)
    viewer.preset_menu.setObjectName("preset_menu")
    viewer.preset_menu.aboutToShow.connect(lambda: fill_preset_menu(viewer))
    _menu_button(bar, "preset_button", _tr("Window"), viewer.preset_menu)
    for action_id, short in (("wl.auto", _tr("Auto")), ("view.invert", _tr("Invert"))):
        acts[action_id].setIconText(short)
        bar.addAction(acts[action_id])
    bar.addSeparator()

    view_menu = QMenu(bar)
    view_menu.setObjectName("view_menu")
    for action_id in ("view.rotate_cw", "view.rotate_ccw", "view.flip_h", "view.flip_v",
                      "view.zoom_fit", "view.zoom_1to1", "view.true_size", "view.zoom_in",
                      "view.zoom_out"):
        if action_id in acts:
            view_menu.addAction(acts[action_id])
    _menu_button(bar, "view_button", _tr("View"), view_menu)
    measure = QMenu(bar)
    measure.setObjectName("measure_menu")
    for tool in ("length", "angle", "cobb", "ellipse", "rectangle", "freehand", "probe"):
        measure.addAction(acts[f"measure.{tool}"])
    measure.addSeparator()
    for action_id in ("measure.delete", "measure.clear", "tool.escape"):
        measure.addAction(acts[action_id])
    _menu_button(bar, "measure_button", _tr("Measure"), measure)
    mpr = QMenu(bar)
    mpr.setObjectName("mpr_menu")
    for action_id in ("mpr.toggle", "mpr.slab_thicker", "mpr.slab_thinner", "mpr.slab_mode",
                      "mpr.volume_preset", "mpr.clip_box"):
        if action_id in acts:
            mpr.addAction(acts[action_id])
    _menu_button(bar, "mpr_button", _tr("MPR / 3D"), mpr)
    acts["view.reset"].setIconText(_tr("Reset"))
    bar.addAction(acts["view.reset"])
    bar.addSeparator()

    play = acts["cine.toggle"]
    play.setText(_tr("Cine"))
    play.setCheckable(True)
    viewer.cine.running_changed.connect(play.setChecked)
    bar.addAction(play)
    bar.addWidget(fps_box(viewer.cine, bar))
    bar.addSeparator()

    link_menu = QMenu(bar)
    link_menu.setObjectName("link_menu")
    link_menu.addAction(acts["link.scroll"])
    for action_id in ("link.window", "link.zoom", "link.here", "view.reference_lines"):
        link_menu.addAction(acts[action_id])
    _menu_button(bar, "link_button", _tr("Link"), link_menu)

    acts["keyimage.toggle"].setIconText(_tr("Key image"))
    bar.addAction(acts["keyimage.toggle"])
    acts["overlay.toggle_phi"].setIconText(_tr("Hide patient data"))
    bar.addAction(acts["overlay.toggle_phi"])
    tools = QMenu(bar)
    tools.setObjectName("tools_menu")
    tools.addAction(acts["keyimage.list"])
    tools.addAction(acts["measure.list"])
    tools.addAction(acts["tags.browser"])
    tools.addAction(acts["settings.shortcuts"])
    viewer.detach_action = acts["report.detach"]
    tools.addAction(viewer.detach_action)
    _menu_button(bar, "tools_button", _tr("Tools"), tools)
    bar.addSeparator()
    acts["study.next"].setIconText(_tr("Next study"))
    bar.addAction(acts["study.next"])
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    # Mirrors the worklist's STAT badge; it never takes focus from the image.
    viewer.stat_counter = StatCounter()
    bar.addWidget(viewer.stat_counter.holder())
    return bar


def fill_preset_menu(viewer: ViewerWindow) -> None:
    """The presets of the active image's modality, or its own windows."""
    menu = viewer.preset_menu
    menu.clear()
    viewport = viewer.grid.active
    stack = viewport.stack
    modality = stack.header.modality if stack is not None else ""
    rows = preset_names(modality)
    if rows:
        for key, name, tip in rows:
            action = menu.addAction(f"{key}  {name}")
            action.setToolTip(tip)
            action.triggered.connect(lambda _c=False, k=key: viewer.apply_preset(k))
        return
    choices = viewport.slice_view.voi_choices if stack is not None else ()
    for number, voi in enumerate(choices[:9], start=1):
        label = getattr(voi, "explanation", "") or _tr("Window %1").replace("%1", str(number))
        action = menu.addAction(f"{number}  {label}")
        action.triggered.connect(lambda _c=False, k=number: viewer.apply_preset(k))
    if not choices:
        menu.addAction(_tr("No presets for this image")).setEnabled(False)
