"""A panel of the viewer moved to a window of its own, for a second monitor.

The reader keeps the images on the diagnostic display and the report (or worklist) on the
plain one. The window remembers the screen and geometry it was left at
(:mod:`workstation.ui.window_state`), so it opens there again the next day; closing it
puts the panel back into the viewer.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

from workstation.ui import window_state


class DetachedPanel(QWidget):
    """Top-level window holding ``panel``; ``closing`` fires before it closes."""

    closing = Signal()

    def __init__(self, panel: QWidget, key: str, title: str) -> None:
        super().__init__(None)
        self.setObjectName(f"detached_{key}")
        self.setWindowTitle(title)
        self.key = key
        self.panel = panel
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(panel)
        panel.show()
        self.resize(520, 900)
        window_state.restore(self, f"detached_{key}")
        self._place_on_saved_screen()

    def _place_on_saved_screen(self) -> None:
        """Open on the screen it was left on, else on a screen other than the viewer's
        (the first one that is not primary), else where it is."""
        name = QSettings().value(f"windows/detached_{self.key}/screen")
        screens = QGuiApplication.screens()
        target = next((s for s in screens if s.name() == name), None)
        if target is None and len(screens) > 1:
            primary = QGuiApplication.primaryScreen()
            target = next((s for s in screens if s is not primary), None)
        if target is not None and not target.geometry().contains(self.geometry().center()):
            self.move(target.availableGeometry().topLeft())

    def take_panel(self) -> QWidget:
        """Remove the panel from this window (before it goes back into the viewer)."""
        self.layout().removeWidget(self.panel)
        return self.panel

    def closeEvent(self, event: QCloseEvent) -> None:
        window_state.save(self, f"detached_{self.key}")
        screen = self.screen()
        if screen is not None:
            QSettings().setValue(f"windows/detached_{self.key}/screen", screen.name())
        self.closing.emit()
        super().closeEvent(event)
