"""The "Settings…" action (Ctrl+, where the platform has a Preferences key) of the
worklist window, opening :class:`~workstation.ui.settings_dialog.SettingsDialog`."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

from workstation.ui.settings_dialog import SettingsDialog


def add_settings_action(window: QMainWindow, toolbar: QToolBar) -> QAction:
    action = QAction(window.tr("Settings…"), window)
    action.setObjectName("settings")
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
    action.setShortcuts(keys or [QKeySequence("Ctrl+,")])
    action.setToolTip(window.tr("Language, theme, cache, security, window presets and keys"))

    def open_dialog() -> None:
        dialog = SettingsDialog(window)
        dialog.setObjectName("settings_dialog")
        dialog.exec()

    action.triggered.connect(open_dialog)
    toolbar.addAction(action)
    return action
