"""The worklist's periodic refresh and its settings (interval, off, sound on new STAT).

Thirty seconds by default: a STAT study reaches the reader within half a minute, while
the hub sees two requests a minute per open workstation. The choice is the reader's and
is remembered in ``QSettings``, as is the (off by default) beep on a new STAT study.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

INTERVAL_KEY = "worklist/auto_refresh_seconds"
SOUND_KEY = "worklist/stat_sound"
DEFAULT_SECONDS = 30
CHOICES = (0, 15, 30, 60, 120, 300)  # 0 = off


def _as_bool(value: object) -> bool:
    """QSettings hands booleans back as strings from INI files."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


class AutoRefresh(QObject):
    """A timer emitting ``due`` every ``seconds`` (never when ``seconds`` is 0).

    ``button`` is a tool button with a menu to choose the interval and the sound; put it
    in a toolbar. ``paused`` suspends the timer without changing the setting (e.g. while
    signed out, when every refresh would fail).
    """

    due = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        settings = QSettings()
        try:
            seconds = int(settings.value(INTERVAL_KEY, DEFAULT_SECONDS))
        except (TypeError, ValueError):
            seconds = DEFAULT_SECONDS
        self.seconds = max(seconds, 0)
        self.sound = _as_bool(settings.value(SOUND_KEY, False))
        self._paused = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.due)

        self.button = QToolButton(parent)
        self.button.setObjectName("auto_refresh")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolTip(self.tr("How often the worklist reloads by itself"))
        menu = QMenu(self.button)
        group = QActionGroup(menu)
        group.setExclusive(True)
        self.interval_actions: dict[int, QAction] = {}
        for choice in CHOICES:
            action = QAction(self._label(choice), menu)
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, s=choice: self.set_seconds(s))
            group.addAction(action)
            menu.addAction(action)
            self.interval_actions[choice] = action
        menu.addSeparator()
        self.sound_action = QAction(self.tr("Beep on a new STAT study"), menu)
        self.sound_action.setObjectName("stat_sound")
        self.sound_action.setCheckable(True)
        self.sound_action.setChecked(self.sound)
        self.sound_action.toggled.connect(self.set_sound)
        menu.addAction(self.sound_action)
        self.button.setMenu(menu)
        self._apply()

    @property
    def is_active(self) -> bool:
        return self._timer.isActive()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_seconds(self, seconds: int) -> None:
        """Change and remember the interval; 0 turns the refresh off."""
        self.seconds = max(int(seconds), 0)
        QSettings().setValue(INTERVAL_KEY, self.seconds)
        self._apply()

    def set_sound(self, on: bool) -> None:
        self.sound = bool(on)
        QSettings().setValue(SOUND_KEY, self.sound)
        if self.sound_action.isChecked() != self.sound:
            self.sound_action.setChecked(self.sound)

    def set_paused(self, paused: bool) -> None:
        self._paused = paused
        self._apply()

    def stop(self) -> None:
        self._paused = True
        self._timer.stop()

    def _apply(self) -> None:
        action = self.interval_actions.get(self.seconds)
        for a in self.interval_actions.values():
            a.setChecked(a is action)
        label = self.tr("Auto-refresh: %1").replace("%1", self._label(self.seconds))
        self.button.setText(label + " \u25be")
        if self.seconds and not self._paused:
            self._timer.start(self.seconds * 1000)
        else:
            self._timer.stop()

    def _label(self, seconds: int) -> str:
        if seconds == 0:
            return self.tr("off")
        if seconds % 60 == 0:
            return self.tr("%1 min").replace("%1", str(seconds // 60))
        return self.tr("%1 s").replace("%1", str(seconds))
