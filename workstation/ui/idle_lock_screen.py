"""The lock screen: the only window on screen while the workstation is locked.

It shows who is signed in (the reader, never a patient) and asks for password and code.
It cannot be closed: closing it would leave hidden windows with nobody to bring them back.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QCloseEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workstation.ui import theme


class LockScreen(QWidget):
    """Signal ``unlock_requested(password, code)`` when the reader presses Unlock."""

    unlock_requested = Signal(str, str)

    def __init__(self, reader: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("lock_screen")
        # Modal above every other window: a question box that was open when the lock came
        # (itself modal, now hidden) must not block typing the password here.
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowTitle(self.tr("Workstation — locked"))
        self.setMinimumSize(520, 360)

        heading = QLabel(self.tr("Workstation locked"))
        heading.setObjectName("lock_heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        who = QLabel(self.tr("Signed in as %1. Enter your password and the 6-digit code to "
                             "continue; the open study and your report are kept.")
                     .replace("%1", reader))
        who.setObjectName("lock_reader")
        who.setWordWrap(True)
        who.setStyleSheet(f"color: {theme.DIM_TEXT};")

        self.password = QLineEdit()
        self.password.setObjectName("lock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.code = QLineEdit()
        self.code.setObjectName("lock_code")
        self.code.setMaxLength(6)
        self.code.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,6}"),
                                                           self.code))
        self.code.setPlaceholderText(self.tr("6-digit code"))
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.code.returnPressed.connect(self.submit)
        self.message = QLabel()
        self.message.setObjectName("lock_message")
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Code"), self.code)
        panel = QFrame()
        panel.setFixedWidth(460)
        who.setMinimumHeight(who.fontMetrics().lineSpacing() * 3 + 4)
        inner = QVBoxLayout(panel)
        inner.addWidget(heading)
        inner.addWidget(who)
        inner.addSpacing(12)
        inner.addLayout(form)
        inner.addWidget(self.unlock_button)
        inner.addWidget(self.message)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def cover_screen(self) -> None:
        """Fill the screen (maximised; also without a window manager, as on a kiosk)."""
        screen = self.screen()
        if screen is not None:
            self.setGeometry(screen.availableGeometry())
        self.showMaximized()

    def submit(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        password, code = self.password.text(), self.code.text().strip()
        if not password:
            self.show_message(self.tr("Enter your password."), "error")
            self.password.setFocus()
            return
        self.unlock_requested.emit(password, code)

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.password.setEnabled(not busy)
        self.code.setEnabled(not busy)

    def show_message(self, text: str, severity: str = "info") -> None:
        color = {"error": theme.ERROR_TEXT, "warning": theme.WARN_TEXT}.get(severity)
        self.message.setStyleSheet(f"color: {color};" if color else "")
        self.message.setText(text)

    def clear(self) -> None:
        self.password.clear()
        self.code.clear()
        self.message.clear()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()  # only unlocking ends the lock
