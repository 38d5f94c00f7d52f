""""Save layout as protocol": the grid on screen becomes a protocol of the reader's own.

The protocol is written to the reader's configuration folder in the shipped schema
(:mod:`workstation.core.hanging.capture`), and wins over shipped protocols for studies
like this one from then on.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtWidgets import QInputDialog

from workstation.core.hanging.capture import CapturedViewport, protocol_from_layout
from workstation.core.hanging.facts import SeriesFacts, image_facts, study_facts
from workstation.core.hanging.library import save_protocol
from workstation.core.hanging.model import Protocol

if TYPE_CHECKING:
    from workstation.ui.hanging_controller import HangingController

CONFIG_ENV = "WORKSTATION_CONFIG_DIR"


def user_protocol_folder() -> Path:
    """Where the reader's protocols live (``WORKSTATION_CONFIG_DIR`` overrides)."""
    base = os.environ.get(CONFIG_ENV) or platformdirs.user_config_dir("workstation")
    return Path(base) / "hanging_protocols"


def capture_layout(controller: HangingController, name: str) -> Protocol | None:
    """The protocol reproducing the viewer's grid; None before the study is known."""
    viewer = controller.viewer
    current = controller.details.get(0)
    if current is None:
        return None
    captured = []
    for viewport in viewer.grid.visible_viewports():
        uid = viewer.series_of.get(id(viewport))
        prior, facts = 0, None
        for number, detail in sorted(controller.details.items()):
            ref = next((s for s in detail.series if s.series_uid == uid), None)
            if ref is not None:
                prior, facts = number, SeriesFacts.of(ref)
                break
        stack = viewport.stack if facts is not None else None
        image = image_facts(stack) if stack is not None and stack.projection else None
        window = None
        if stack is not None and not stack.is_color:
            w = viewport.slice_view.window
            window = (w.center, w.width)
        transform = viewport.slice_view.view_transform
        captured.append(CapturedViewport(prior, facts, image, window, transform.rotation,
                                         transform.flipped))
    while captured and captured[-1].series is None:
        captured.pop()
    if not captured:
        return None
    return protocol_from_layout(name, study_facts(current), viewer.grid.rows,
                                viewer.grid.columns, captured)


def save_layout(controller: HangingController, name: str | None = None) -> Path | None:
    """Ask for a name (unless given), write the protocol, and offer it from now on."""
    viewer = controller.viewer
    if name is None:
        name, ok = QInputDialog.getText(viewer, viewer.tr("Save layout as protocol"),
                                        viewer.tr("Protocol name:"))
        if not ok or not name.strip():
            return None
    protocol = capture_layout(controller, name.strip())
    if protocol is None:
        viewer.status.setText(viewer.tr("Nothing on screen to save as a protocol."))
        return None
    try:
        path = save_protocol(protocol, user_protocol_folder())
    except OSError as exc:
        viewer.status.setText(viewer.tr("The protocol could not be saved: %1")
                              .replace("%1", exc.strerror or type(exc).__name__))
        return None
    controller.protocols = [p for p in controller.protocols if p.id != protocol.id] + [
        protocol]
    viewer.status.setText(viewer.tr("Layout saved as protocol “%1”.").replace("%1", name))
    return path
