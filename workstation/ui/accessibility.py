"""Accessible names for every control, so screen readers and keyboard users can tell
what a field or button is.

Widgets that set an accessible name keep it. For the others the name is derived, in this
order, from the label that points to the control (``QLabel.setBuddy``, which ``QFormLayout``
sets), the placeholder text, the button text, the tool tip, and finally the object name.
An application-wide event filter names controls when they are first shown, which also
covers panels created after their window opened.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QTextEdit, QComboBox,
            QAbstractSpinBox, QAbstractItemView, QAbstractSlider)


def _clean(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text or "")
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split()).rstrip(":").strip()


def derived_name(control: QWidget) -> str:
    window = control.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is control and _clean(label.text()):
            return _clean(label.text())
    if isinstance(control, QLineEdit | QPlainTextEdit | QTextEdit):
        if _clean(control.placeholderText()):
            return _clean(control.placeholderText())
    if isinstance(control, QAbstractButton) and _clean(control.text()):
        return _clean(control.text())
    if _clean(control.toolTip()):
        return _clean(control.toolTip())
    if isinstance(control, QComboBox) and control.count():
        return _clean(control.itemText(0))
    name = control.objectName()
    return name.replace("_", " ").strip() if name and not name.startswith("qt_") else ""


def name_controls(root: QWidget) -> int:
    """Give every unnamed control under ``root`` a derived accessible name; returns how
    many were named."""
    named = 0
    for control in [root, *root.findChildren(QWidget)]:
        if isinstance(control, CONTROLS) and not control.accessibleName():
            name = derived_name(control)
            if name:
                control.setAccessibleName(name)
                named += 1
    return named


class AccessibleNamer(QObject):
    """Names controls as they are shown (installed once on the application)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            if watched.isWindow():
                name_controls(watched)
            elif isinstance(watched, CONTROLS) and not watched.accessibleName():
                name = derived_name(watched)
                if name:
                    watched.setAccessibleName(name)
        return False


_namer: AccessibleNamer | None = None


def install(app: QApplication) -> None:
    global _namer
    if _namer is None:
        _namer = AccessibleNamer(app)
        app.installEventFilter(_namer)
