"""Telling the reader that a new STAT study arrived, without taking the image away.

A radiologist in the middle of a case has their eyes and keyboard on the viewport; a
dialog or a window raised on top would cost them their place, and a keystroke meant for
the image would land somewhere else. So the notice is passive: a banner inside the worklist
window, a flashing STAT counter (in the worklist and in the viewer), the window manager's
"needs attention" hint, and an optional beep (off by default; reading rooms are shared).
Nothing here activates, raises or focuses a window.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

from workstation.core.study import Priority, WorklistItem
from workstation.ui import theme

FLASH_INTERVAL_MS = 500
FLASH_TOGGLES = 16  # eight seconds of flashing, then a steady lit badge until seen


def waiting_stat(items: Iterable[WorklistItem], username: str) -> list[WorklistItem]:
    """Unreported STAT studies this reader could take (free, or already theirs)."""
    return [
        i
        for i in items
        if i.priority is Priority.STAT
        and not i.status.is_reported
        and i.claimed_by in ("", username)
    ]


class NewStatTracker:
    """Finds STAT studies that were not in any earlier refresh of the same filters.

    The first refresh after :meth:`reset` (sign-in, changed filters) sets the baseline
    and reports nothing: what was already on the list is not news. A STAT study held by
    another reader is not counted as seen, so it is announced if it is later released
    unread.
    """

    def __init__(self) -> None:
        self._seen: set[str] | None = None

    def reset(self) -> None:
        self._seen = None

    def update(self, items: Sequence[WorklistItem], username: str) -> list[WorklistItem]:
        waiting = waiting_stat(items, username)
        uids = {i.study_uid for i in waiting}
        if self._seen is None:
            self._seen = uids
            return []
        new = [i for i in waiting if i.study_uid not in self._seen]
        self._seen |= uids
        return new


class StatCounter(QToolButton):
    """A red "STAT n" badge that flashes when new STAT studies arrive.

    It never takes keyboard focus (clicking it must not pull focus off the viewport);
    ``clicked`` lets the owner show the worklist on request.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stat_counter")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAutoRaise(True)
        self.count = 0
        self.is_flashing = False
        self._toggles = 0
        self._timer = QTimer(self)
        self._timer.setInterval(FLASH_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._set_lit(False)
        self.hide()

    @property
    def is_lit(self) -> bool:
        return bool(self.property("lit"))

    def holder(self) -> QWidget:
        """A container to put in a toolbar: a toolbar ignores show/hide of its own widgets,
        so the badge appears and disappears inside this always-visible box."""
        box = QWidget()
        box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self)
        return box

    def set_count(self, count: int) -> None:
        """Number of unreported STAT studies on the list; hidden at zero."""
        self.count = count
        self.setText(self.tr("STAT %1").replace("%1", str(count)))
        text = (
            self.tr("1 unread STAT study on the worklist.")
            if count == 1
            else self.tr("%1 unread STAT studies on the worklist.").replace("%1", str(count))
        )
        self.setToolTip(text + " " + self.tr("Click to show the worklist."))
        self.setVisible(count > 0)
        if count == 0:
            self.acknowledge()

    def flash(self) -> None:
        """Flash for a few seconds, then stay lit until :meth:`acknowledge`."""
        self.is_flashing = True
        self._toggles = 0
        self._set_lit(True)
        self._timer.start()

    def acknowledge(self) -> None:
        self._timer.stop()
        self.is_flashing = False
        self._set_lit(False)

    def _tick(self) -> None:
        self._toggles += 1
        if self._toggles >= FLASH_TOGGLES:
            self._timer.stop()
            self._set_lit(True)
            return
        self._set_lit(not self.is_lit)

    def _set_lit(self, lit: bool) -> None:
        self.setProperty("lit", lit)
        self.style().unpolish(self)
        self.style().polish(self)


class StatBanner(QFrame):
    """A strip at the top of the worklist naming the new STAT studies.

    Signals: ``show_requested(study_uid)`` (select it on the list) and ``dismissed()``.
    The text names modality, description, hospital and waiting time, not the patient:
    the worklist window is often visible to others in the room.
    """

    show_requested = Signal(str)
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stat_banner")
        self.items: list[WorklistItem] = []
        badge = QLabel(self.tr("STAT"))
        badge.setObjectName("stat_banner_badge")
        badge.setStyleSheet(
            f"background: {theme.STAT_RED}; color: #ffffff; border-radius: 8px;"
            " padding: 1px 8px; font-weight: bold;"
        )
        self.text = QLabel()
        self.text.setObjectName("stat_banner_text")
        self.text.setWordWrap(True)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setObjectName("stat_banner_show")
        self.show_button.setToolTip(self.tr("Select the new STAT study on the worklist"))
        self.show_button.clicked.connect(self._show_first)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.setObjectName("stat_banner_dismiss")
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(10)
        layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(self.dismiss_button)
        self.hide()

    def announce(self, items: Sequence[WorklistItem], now: datetime | None = None) -> None:
        """Add ``items`` to the banner and show it (without activating anything)."""
        known = {i.study_uid for i in self.items}
        self.items.extend(i for i in items if i.study_uid not in known)
        if not self.items:
            return
        now = now or datetime.now()
        lines = [self._describe(i, now) for i in self.items[:3]]
        if len(self.items) > 3:
            lines.append(self.tr("and %1 more").replace("%1", str(len(self.items) - 3)))
        heading = (
            self.tr("New STAT study on the worklist:")
            if len(self.items) == 1
            else self.tr("%1 new STAT studies on the worklist:").replace("%1", str(len(self.items)))
        )
        self.text.setText(heading + " " + "; ".join(lines))
        self.setVisible(True)

    def dismiss(self) -> None:
        self.items.clear()
        self.hide()
        self.dismissed.emit()

    def forget(self, study_uid: str) -> None:
        """Drop a study from the banner (it was opened); hide when none is left."""
        self.items = [i for i in self.items if i.study_uid != study_uid]
        if not self.items and self.isVisible():
            self.dismiss()
        elif self.items:
            remaining = list(self.items)
            self.items.clear()
            self.announce(remaining)

    def _show_first(self) -> None:
        if self.items:
            self.show_requested.emit(self.items[0].study_uid)

    def _describe(self, item: WorklistItem, now: datetime) -> str:
        parts = [p for p in (item.modality, item.description, item.hospital) if p]
        when = item.study_datetime
        if when is not None:
            if when.tzinfo is not None:
                when = when.astimezone().replace(tzinfo=None)
            minutes = max(int((now - when).total_seconds() // 60), 0)
            parts.append(self.tr("waiting %1").replace("%1", self._duration(minutes)))
        return " · ".join(parts)

    def _duration(self, minutes: int) -> str:
        if minutes < 60:
            return self.tr("%1 min").replace("%1", str(minutes))
        if minutes < 48 * 60:
            return (
                self.tr("%1 h %2 min")
                .replace("%1", str(minutes // 60))
                .replace("%2", str(minutes % 60))
            )
        return self.tr("%1 days").replace("%1", str(minutes // (24 * 60)))


def beep() -> None:
    """The optional audible cue: the desktop's own bell, which the reader can silence."""
    QApplication.beep()
