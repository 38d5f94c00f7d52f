"""Remapping the viewer's keys: one row per action with its current keys.

Double-click a row and press the new key; a key already used by another action is refused
with that action's name. "Restore defaults" drops every remapping. Changes are stored at
once in the reader's settings (:mod:`workstation.ui.shortcut_map`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.ui import shortcut_map, theme

ActionRole = Qt.ItemDataRole.UserRole + 1


class ShortcutDialog(QDialog):
    """The key map table; ``changed()`` after every stored change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcut_dialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(560, 640)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("shortcut_table")
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.cellDoubleClicked.connect(lambda row, _c: self.record(row))
        self.recorder = QKeySequenceEdit()
        self.recorder.setObjectName("shortcut_recorder")
        self.recorder.setMaximumSequenceLength(1)
        self.recorder.editingFinished.connect(self._recorded)
        self.recorder.setEnabled(False)
        self.message = QLabel(self.tr("Double-click an action, then press its new key."))
        self.message.setWordWrap(True)
        defaults = QPushButton(self.tr("Restore defaults"))
        defaults.clicked.connect(self.restore_defaults)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.recorder, 1)
        row.addWidget(defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._editing: str | None = None
        self.fill()

    def fill(self) -> None:
        keys = shortcut_map.current()
        self.table.setRowCount(len(keys))
        for row, shortcut in enumerate(keys.values()):
            name = QTableWidgetItem(QCoreApplication.translate("Shortcuts", shortcut.label))
            name.setData(ActionRole, shortcut.action)
            text = ", ".join(
                QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                for k in shortcut.keys
            )
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)

    def action_at(self, row: int) -> str:
        return str(self.table.item(row, 0).data(ActionRole))

    def record(self, row: int) -> None:
        """Start recording a new key for the action in ``row``."""
        self._editing = self.action_at(row)
        self.recorder.setEnabled(True)
        self.recorder.clear()
        self.recorder.setFocus()
        self._say(self.tr("Press the new key for “%1”.").replace(
            "%1", self.table.item(row, 0).text()), "info")

    def assign(self, action: str, key: str) -> bool:
        """Give ``key`` to ``action``; False (and the reason shown) on a conflict."""
        try:
            shortcut_map.set_keys(action, [key] if key else [])
        except ValueError as exc:
            other = str(exc)
            label = shortcut_map.defaults().get(other)
            name = QCoreApplication.translate("Shortcuts", label.label) if label else other
            self._say(self.tr("%1 is already used by “%2”.").replace("%1", key).replace(
                "%2", name), "error")
            return False
        self.fill()
        self._say(self.tr("Saved."), "ok")
        self.changed.emit()
        return True

    def restore_defaults(self) -> None:
        shortcut_map.reset()
        self.fill()
        self.changed.emit()

    def _recorded(self) -> None:
        action, sequence = self._editing, self.recorder.keySequence()
        self._editing = None
        self.recorder.setEnabled(False)
        if action is not None and not sequence.isEmpty():
            self.assign(action, sequence.toString(QKeySequence.SequenceFormat.PortableText))

    def _say(self, text: str, severity: str) -> None:
        self.message.setText(text)
        theme.set_severity(self.message, severity)
