"""Dark reading-room theme.

Radiologists read for hours in dim rooms on calibrated monitors: bright chrome around the
images raises their adaptation level and hides low-contrast findings. The palette keeps
every surface dark and low in luminance, text a soft grey rather than white, and reserves
saturated colour for meaning (STAT red, URGENT amber, success green, warnings).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

WINDOW = "#1c1d20"
BASE = "#141518"
ALT_BASE = "#191a1e"
BUTTON = "#2a2c31"
TEXT = "#c9ccd1"
DIM_TEXT = "#7d828a"
HIGHLIGHT = "#2f5d8c"
BORDER = "#33363c"

STAT_RED = "#d9443b"
URGENT_AMBER = "#e0a030"
OK_GREEN = "#58b368"
WARN_TEXT = "#e8c36a"
ERROR_TEXT = "#ef7a70"
MINE_BLUE = "#6ea0d4"
STAT_BANNER_BG = "#3b1d1b"

_STYLESHEET = f"""
QToolTip {{ color: {TEXT}; background: {BUTTON}; border: 1px solid {BORDER}; }}
QLineEdit, QPlainTextEdit, QTextEdit {{
    border: 1px solid {BORDER}; border-radius: 3px; padding: 4px; background: {BASE};
    selection-background-color: {HIGHLIGHT};
}}
QLineEdit:focus, QPlainTextEdit:focus {{ border: 1px solid {HIGHLIGHT}; }}
QLineEdit:read-only {{ color: {DIM_TEXT}; background: {WINDOW}; }}
QToolButton#auto_refresh::menu-indicator {{ image: none; width: 0px; }}
QPushButton {{
    background: {BUTTON}; border: 1px solid {BORDER}; border-radius: 3px; padding: 5px 14px;
}}
QPushButton:hover {{ border-color: #4a4e56; }}
QPushButton:default {{ border-color: {HIGHLIGHT}; }}
QPushButton:disabled {{ color: {DIM_TEXT}; }}
QHeaderView::section {{
    background: {BUTTON}; color: {TEXT}; border: none; border-right: 1px solid {BORDER};
    padding: 4px 6px;
}}
QTableView {{ gridline-color: {BORDER}; }}
QStatusBar {{ border-top: 1px solid {BORDER}; }}
QStatusBar::item {{ border: none; }}
QStatusBar QLabel {{ padding: 0px 6px; }}
QToolBar {{ border: none; spacing: 4px; padding: 2px; }}
QSplitter::handle {{ background: {BORDER}; }}
QProgressBar {{
    border: 1px solid {BORDER}; border-radius: 3px; background: {BASE}; text-align: center;
    max-height: 14px;
}}
QProgressBar::chunk {{ background: {HIGHLIGHT}; }}
QLabel[severity="error"] {{ color: {ERROR_TEXT}; }}
QLabel[severity="info"] {{ color: {TEXT}; }}
QLabel[severity="ok"] {{ color: {OK_GREEN}; }}
QLabel[severity="warn"] {{ color: {WARN_TEXT}; }}
QFrame#demo_hint {{ background: #20262e; border: 1px solid #34404d; border-radius: 4px; }}
QLabel#banner {{
    background: #3a3222; color: {WARN_TEXT}; padding: 6px 10px; border-radius: 3px;
}}
QFrame#stat_banner {{
    background: {STAT_BANNER_BG}; border: 1px solid {STAT_RED}; border-radius: 4px;
}}
QFrame#stat_banner QLabel {{ color: #f0d0cc; background: transparent; border: none; }}
QLabel#stat_counter, QToolButton#stat_counter {{
    color: {STAT_RED}; border: 1px solid {STAT_RED}; border-radius: 9px; padding: 1px 9px;
    font-weight: bold;
}}
QLabel#stat_counter[lit="true"], QToolButton#stat_counter[lit="true"] {{
    color: #ffffff; background: {STAT_RED};
}}
QFrame#filter_bar QLabel {{ color: {DIM_TEXT}; }}
"""


def dark_palette() -> QPalette:
    """Fusion palette with every role dark, including disabled states."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: WINDOW,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: BASE,
        QPalette.ColorRole.AlternateBase: ALT_BASE,
        QPalette.ColorRole.ToolTipBase: BUTTON,
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: DIM_TEXT,
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.Button: BUTTON,
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.BrightText: ERROR_TEXT,
        QPalette.ColorRole.Link: "#6ea0d4",
        QPalette.ColorRole.Highlight: HIGHLIGHT,
        QPalette.ColorRole.HighlightedText: "#e6e8eb",
        QPalette.ColorRole.Light: "#3a3d44",
        QPalette.ColorRole.Midlight: "#30333a",
        QPalette.ColorRole.Mid: "#26282d",
        QPalette.ColorRole.Dark: "#101113",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(disabled, role, QColor(DIM_TEXT))
    p.setColor(disabled, QPalette.ColorRole.Base, QColor(WINDOW))
    return p


THEME_SETTING = "ui/theme"
DARK = "dark"
HIGH_CONTRAST = "high_contrast"
THEMES = (DARK, HIGH_CONTRAST)

# High contrast for low vision and bright rooms: pure black and white, yellow focus and
# selection, 2-pixel borders; the severity colours keep their meaning.
_HIGH_CONTRAST_SHEET = """
QWidget { color: #ffffff; }
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDoubleSpinBox {
    border: 2px solid #ffffff; background: #000000; color: #ffffff;
}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QSpinBox:focus,
QPushButton:focus, QToolButton:focus, QTableView:focus, QListView:focus, QCheckBox:focus {
    border: 3px solid #ffd400;
}
QPushButton, QToolButton { background: #000000; border: 2px solid #ffffff; padding: 5px 12px; }
QHeaderView::section { background: #000000; color: #ffffff; border: 1px solid #ffffff; }
QTableView { gridline-color: #ffffff; selection-background-color: #ffd400;
             selection-color: #000000; }
"""


def high_contrast_palette() -> QPalette:
    p = dark_palette()
    for role, colour in {
        QPalette.ColorRole.Window: "#000000",
        QPalette.ColorRole.Base: "#000000",
        QPalette.ColorRole.AlternateBase: "#101010",
        QPalette.ColorRole.Button: "#000000",
        QPalette.ColorRole.WindowText: "#ffffff",
        QPalette.ColorRole.Text: "#ffffff",
        QPalette.ColorRole.ButtonText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#c8c8c8",
        QPalette.ColorRole.Highlight: "#ffd400",
        QPalette.ColorRole.HighlightedText: "#000000",
        QPalette.ColorRole.Link: "#7fd4ff",
    }.items():
        p.setColor(role, QColor(colour))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#a0a0a0"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#a0a0a0"))
    return p


def chosen_theme() -> str:
    from PySide6.QtCore import QSettings

    value = str(QSettings().value(THEME_SETTING, DARK) or DARK)
    return value if value in THEMES else DARK


def apply_theme(app: QApplication, name: str | None = None) -> str:
    """Fusion style (identical on every OS) with the reader's theme: dark by default
    (reading rooms), or high contrast; returns the theme applied."""
    name = name if name in THEMES else chosen_theme()
    app.setStyle("Fusion")
    if name == HIGH_CONTRAST:
        app.setPalette(high_contrast_palette())
        app.setStyleSheet(_STYLESHEET + _HIGH_CONTRAST_SHEET)
    else:
        app.setPalette(dark_palette())
        app.setStyleSheet(_STYLESHEET)
    return name


def set_severity(label: QWidget, severity: str) -> None:
    """Re-style a message label after changing its ``severity`` dynamic property."""
    label.setProperty("severity", severity)
    style = label.style()
    style.unpolish(label)
    style.polish(label)
