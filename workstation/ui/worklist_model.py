"""Table model of the reader's worklist.

Rows are kept in reading order (``WorklistItem.sort_key``: STAT first, then the longest
waiting), so the study that must be read next is always the top row whatever the hub
returned. Priority and reporting state are carried by colour and weight as well as by
text, because a STAT study must stand out at a glance in a dim room. A report signed
here but still in the outbox (hub unreachable) shows its outbox state in the Status
column, so a reader never takes "pending" for "reported".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from workstation.core.study import Priority, StudyStatus, WorklistItem
from workstation.ui import theme

ItemRole = Qt.ItemDataRole.UserRole + 1
PriorityRole = Qt.ItemDataRole.UserRole + 2
CriticalRole = Qt.ItemDataRole.UserRole + 3  # number of unacknowledged critical results
OutboxRole = Qt.ItemDataRole.UserRole + 4  # "pending" / "sending" / "sent" / "failed" or None

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    PRIORITY = 0
    PATIENT = 1
    PATIENT_ID = 2
    ACCESSION = 3
    MODALITY = 4
    DESCRIPTION = 5
    STUDY_DATE = 6
    HOSPITAL = 7
    STATUS = 8
    CLAIM = 9
    CRITICAL = 10
    PRIORS = 11


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("WorklistModel", "Priority"),
        QCoreApplication.translate("WorklistModel", "Patient"),
        QCoreApplication.translate("WorklistModel", "Patient ID"),
        QCoreApplication.translate("WorklistModel", "Accession"),
        QCoreApplication.translate("WorklistModel", "Modality"),
        QCoreApplication.translate("WorklistModel", "Description"),
        QCoreApplication.translate("WorklistModel", "Study date"),
        QCoreApplication.translate("WorklistModel", "Hospital"),
        QCoreApplication.translate("WorklistModel", "Status"),
        QCoreApplication.translate("WorklistModel", "Reader"),
        QCoreApplication.translate("WorklistModel", "Critical result"),
        QCoreApplication.translate("WorklistModel", "Priors"),
    ]


def priority_text(priority: Priority) -> str:
    return {
        Priority.STAT: QCoreApplication.translate("WorklistModel", "STAT"),
        Priority.URGENT: QCoreApplication.translate("WorklistModel", "URGENT"),
        Priority.ROUTINE: QCoreApplication.translate("WorklistModel", "Routine"),
    }[priority]


def status_text(status: StudyStatus) -> str:
    return {
        StudyStatus.UNREAD: QCoreApplication.translate("WorklistModel", "Unread"),
        StudyStatus.IN_PROGRESS: QCoreApplication.translate("WorklistModel", "In progress"),
        StudyStatus.PRELIMINARY: QCoreApplication.translate(
            "WorklistModel", "Reported (preliminary)"
        ),
        StudyStatus.FINAL: QCoreApplication.translate("WorklistModel", "Reported (final)"),
    }[status]


def claim_text(item: WorklistItem, username: str) -> str:
    """ "Mine", "Held by <name>" or "" for a study nobody holds."""
    if not item.claimed_by:
        return ""
    if item.claimed_by == username:
        return QCoreApplication.translate("WorklistModel", "Mine")
    return QCoreApplication.translate("WorklistModel", "Held by %1").replace("%1", item.claimed_by)


def claim_tooltip(item: WorklistItem, username: str) -> str | None:
    """Who holds the reading lock and until when (the lock lapses on its own)."""
    if not item.claimed_by:
        return None
    until = local_clock(item.claim_expires_at)
    if item.claimed_by == username:
        if until:
            return QCoreApplication.translate(
                "WorklistModel", "You hold the reading lock until %1."
            ).replace("%1", until)
        return QCoreApplication.translate("WorklistModel", "You hold the reading lock.")
    if until:
        return (
            QCoreApplication.translate(
                "WorklistModel", "%1 holds the reading lock until %2; the study opens read-only."
            )
            .replace("%1", item.claimed_by)
            .replace("%2", until)
        )
    return QCoreApplication.translate(
        "WorklistModel", "%1 holds the reading lock; the study opens read-only."
    ).replace("%1", item.claimed_by)


def critical_text(count: int) -> str:
    return (
        "\u26a0 "
        + QCoreApplication.translate("WorklistModel", "%1 unacknowledged").replace("%1", str(count))
        if count > 0
        else ""
    )


def outbox_text(state: str) -> str:
    """The outbox state of the study's latest submission, as shown in the Status column."""
    return {
        "pending": "\u21e1 " + QCoreApplication.translate("WorklistModel", "Outbox: pending"),
        "sending": "\u21e1 " + QCoreApplication.translate("WorklistModel", "Outbox: sending"),
        "sent": "\u2713 " + QCoreApplication.translate("WorklistModel", "Outbox: sent"),
        "failed": "\u2716 " + QCoreApplication.translate("WorklistModel", "Outbox: failed"),
    }.get(state, "")


def outbox_tooltip(state: str) -> str:
    return {
        "pending": QCoreApplication.translate(
            "WorklistModel",
            "The report was signed here and waits in the outbox; it is sent when the hub "
            "is reachable.",
        ),
        "sending": QCoreApplication.translate("WorklistModel", "The report is being sent."),
        "sent": QCoreApplication.translate(
            "WorklistModel", "The report from the outbox reached the hub."
        ),
        "failed": QCoreApplication.translate(
            "WorklistModel",
            "The hub refused the report from the outbox; open the study and sign it again.",
        ),
    }.get(state, "")


def outbox_states(entries: Iterable[Any]) -> dict[str, str]:
    """Study UID → state of its latest outbox entry (``Outbox.entries()``, oldest first)."""
    return {entry.study_uid: str(entry.state.value) for entry in entries}


def local_clock(moment: datetime | None) -> str:
    """Local wall-clock time of an instant (lock expiries come from the hub in UTC)."""
    if moment is None:
        return ""
    local = moment.astimezone() if moment.tzinfo else moment
    return local.strftime("%H:%M")


def patient_display_name(dicom_name: str) -> str:
    """``FAMILY^GIVEN^MIDDLE`` (DICOM PN) as ``FAMILY, GIVEN MIDDLE``."""
    parts = [p.strip() for p in dicom_name.split("=")[0].split("^")]
    family, rest = parts[0], " ".join(p for p in parts[1:] if p)
    return f"{family}, {rest}" if family and rest else family or rest


def priority_colour(priority: Priority) -> QColor | None:
    if priority is Priority.STAT:
        return QColor(theme.STAT_RED)
    if priority is Priority.URGENT:
        return QColor(theme.URGENT_AMBER)
    return None


class WorklistModel(QAbstractTableModel):
    """Read-only rows of :class:`WorklistItem`, sorted into reading order."""

    def __init__(self, parent: Any = None, *, username: str = "") -> None:
        super().__init__(parent)
        self.username = username  # whose reading locks show as "Mine"
        self._items: list[WorklistItem] = []
        self._outbox: dict[str, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)

    # -- content -------------------------------------------------------------------------

    def set_items(self, items: Iterable[WorklistItem]) -> None:
        """Replace all rows, ordered by ``sort_key``."""
        self.beginResetModel()
        self._items = sorted(items, key=lambda i: i.sort_key)
        self.endResetModel()

    def replace_item(self, item: WorklistItem) -> bool:
        """Update one row in place (e.g. after a claim), keeping the view's selection and
        scroll position; False when the study is not on the list."""
        row = self.row_of(item.study_uid)
        if row < 0:
            return False
        self._items[row] = item
        last = self.index(row, self.columnCount() - 1)
        self.dataChanged.emit(self.index(row, 0), last)
        return True

    def items(self) -> list[WorklistItem]:
        return list(self._items)

    def set_outbox_states(self, states: Mapping[str, str]) -> None:
        """Study UID → outbox state (see :func:`outbox_states`); only changed rows repaint."""
        states = dict(states)
        if states == self._outbox:
            return
        changed = set(states.items()) ^ set(self._outbox.items())
        self._outbox = states
        for study_uid in {uid for uid, _ in changed}:
            row = self.row_of(study_uid)
            if row >= 0:
                index = self.index(row, Column.STATUS)
                self.dataChanged.emit(index, index)

    def outbox_state(self, study_uid: str) -> str | None:
        return self._outbox.get(study_uid)

    def item(self, row: int) -> WorklistItem:
        return self._items[row]

    def row_of(self, study_uid: str) -> int:
        """Row of the study, or -1 when it is not on the list."""
        for row, item in enumerate(self._items):
            if item.study_uid == study_uid:
                return row
        return -1

    # -- Qt model API ---------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column_titles()[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        col = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, col)
        if role == ItemRole:
            return item
        if role == PriorityRole:
            return item.priority
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(item, col)
        if role == Qt.ItemDataRole.FontRole:
            if item.priority is Priority.STAT and not item.status.is_reported:
                return self._bold
            return None
        if role == CriticalRole:
            return item.open_critical
        if role == OutboxRole:
            return self._outbox.get(item.study_uid)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col is Column.PRIORS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and col is Column.PRIORITY:
            return priority_text(item.priority)
        return None

    def _tooltip(self, item: WorklistItem, col: Column) -> str | None:
        if col is Column.STATUS and item.study_uid in self._outbox:
            return outbox_tooltip(self._outbox[item.study_uid])
        if col is Column.CLAIM:
            return claim_tooltip(item, self.username)
        if col is Column.CRITICAL and item.open_critical:
            if item.open_critical == 1:
                return QCoreApplication.translate(
                    "WorklistModel",
                    "A critical result was communicated and not yet acknowledged by the recipient.",
                )
            return QCoreApplication.translate(
                "WorklistModel",
                "%1 critical result communications not yet acknowledged by the recipients.",
            ).replace("%1", str(item.open_critical))
        if col is Column.HOSPITAL:  # the column is elided when the window is narrow
            return self._display(item, col) or None
        return item.clinical_notes or None

    def _display(self, item: WorklistItem, col: Column) -> str:
        if col is Column.PRIORITY:
            return priority_text(item.priority)
        if col is Column.PATIENT:
            return patient_display_name(item.patient_name)
        if col is Column.PATIENT_ID:
            return item.patient_id
        if col is Column.ACCESSION:
            return item.accession
        if col is Column.MODALITY:
            return item.modality
        if col is Column.DESCRIPTION:
            return item.description
        if col is Column.STUDY_DATE:
            dt = item.study_datetime
            return dt.strftime("%d.%m.%Y %H:%M") if dt else ""
        if col is Column.HOSPITAL:
            return item.hospital
        if col is Column.STATUS:
            state = self._outbox.get(item.study_uid)
            if state in ("pending", "sending", "failed") or (
                    state == "sent" and not item.status.is_reported):
                return outbox_text(state)
            return status_text(item.status)
        if col is Column.CLAIM:
            return claim_text(item, self.username)
        if col is Column.CRITICAL:
            return critical_text(item.open_critical)
        return str(item.priors_count)

    def _foreground(self, item: WorklistItem, col: Column) -> QBrush | None:
        state = self._outbox.get(item.study_uid)
        if col is Column.STATUS and state in ("pending", "sending"):
            return QBrush(QColor(theme.WARN_TEXT))
        if col is Column.STATUS and state == "failed":
            return QBrush(QColor(theme.ERROR_TEXT))
        if col is Column.CLAIM and item.claimed_by:
            mine = item.claimed_by == self.username
            return QBrush(QColor(theme.MINE_BLUE if mine else theme.WARN_TEXT))
        if col is Column.CRITICAL and item.open_critical:
            return QBrush(QColor(theme.ERROR_TEXT))
        if col is Column.PRIORS and not item.priors_count:
            return QBrush(QColor(theme.DIM_TEXT))
        if item.status.is_reported:
            if col is Column.STATUS:
                return QBrush(QColor(theme.OK_GREEN))
            return QBrush(QColor(theme.DIM_TEXT))
        colour = priority_colour(item.priority)
        if colour is not None and col in (Column.PRIORITY, Column.PATIENT):
            return QBrush(colour)
        return None
