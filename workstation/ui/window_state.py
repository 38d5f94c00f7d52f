"""Remembering where the reader put each window.

Reading rooms have two or three monitors: the worklist on the plain one, the viewer on the
diagnostic display. Restoring geometry (and the viewer's panel split) per window kind
spares the reader from arranging them again every morning.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QSplitter, QWidget


def restore(widget: QWidget, key: str, splitter: QSplitter | None = None) -> None:
    settings = QSettings()
    geometry = settings.value(f"windows/{key}/geometry")
    if geometry is not None:
        widget.restoreGeometry(geometry)
    if splitter is not None:
        state = settings.value(f"windows/{key}/splitter")
        if state is not None:
            splitter.restoreState(state)


def save(widget: QWidget, key: str, splitter: QSplitter | None = None) -> None:
    settings = QSettings()
    settings.setValue(f"windows/{key}/geometry", widget.saveGeometry())
    if splitter is not None:
        settings.setValue(f"windows/{key}/splitter", splitter.saveState())
