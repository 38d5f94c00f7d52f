"""Pictures of windows for a person to look at: ``WORKSTATION_SCREENSHOTS=<folder>``.

``QWidget.grab`` shows VTK views black, so the screen itself is grabbed."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def screenshot(window: QWidget, name: str) -> None:
    folder = os.environ.get("WORKSTATION_SCREENSHOTS")
    if not folder:
        return
    window.raise_()
    window.activateWindow()
    for _ in range(5):
        QGuiApplication.processEvents()
    g = window.frameGeometry()
    QGuiApplication.primaryScreen().grabWindow(0, g.x(), g.y(), g.width(), g.height()).save(
        str(Path(folder) / f"{name}.png"))
