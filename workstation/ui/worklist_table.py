"""The worklist's table view: badges, column widths, opening with Enter, a steady scroll.

The list reloads every half minute while the reader works through it; if each reload
jumped the view, they would lose their place. :meth:`WorklistTable.top_visible_study` and
:meth:`WorklistTable.keep_scroll` keep the same study at the top of the view across a
reload, except at the very top, where a STAT study arriving above must come into view.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from workstation.ui.critical_badge import CriticalBadgeDelegate
from workstation.ui.priority_badge import PriorityBadgeDelegate
from workstation.ui.worklist_model import Column, ItemRole, WorklistModel

Anchor = tuple[str, int]  # study UID in the top visible row, scroll offset


class WorklistTable(QTableView):
    """Read-only row table; opens the current study on Enter as well as on double-click."""

    open_current = Signal()

    def __init__(self, model: WorklistModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("worklist_table")
        self.setAccessibleName(self.tr("Worklist"))
        self.setModel(model)
        self._model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.setItemDelegateForColumn(Column.PRIORITY, PriorityBadgeDelegate(self))
        self.setItemDelegateForColumn(Column.CRITICAL, CriticalBadgeDelegate(self))
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The hospital name is long and the same on most rows of one reader: it yields
        # the space (elided, full name in the tooltip); the description is read on every row.
        header.setSectionResizeMode(Column.HOSPITAL, QHeaderView.ResizeMode.Stretch)
        for col, width in _COLUMN_WIDTHS.items():
            self.setColumnWidth(col, width)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_current.emit()
            return
        super().keyPressEvent(event)

    def fit_columns(self) -> None:
        """Size columns to their content once, so names, accession numbers and descriptions
        are readable; the hospital takes the remaining width."""
        for col in Column:
            if col is Column.HOSPITAL:
                continue
            hint = max(self.sizeHintForColumn(col), self.horizontalHeader().sectionSizeHint(col))
            self.setColumnWidth(col, min(max(hint + 12, _COLUMN_WIDTHS.get(col, 60)),
                                         _COLUMN_CAPS.get(col, 200)))

    def top_visible_study(self) -> Anchor | None:
        """The study in the first visible row and the scroll offset; None at the top."""
        bar = self.verticalScrollBar()
        if bar.value() == 0:
            return None
        index = self.indexAt(QPoint(1, 1))
        item = index.data(ItemRole) if index.isValid() else None
        return (item.study_uid if item else "", bar.value())

    def keep_scroll(self, anchor: Anchor | None) -> None:
        """After a reload: the anchored study back at the top (or the old offset)."""
        bar = self.verticalScrollBar()
        if anchor is None:
            bar.setValue(0)
            return
        study_uid, value = anchor
        row = self._model.row_of(study_uid) if study_uid else -1
        if row >= 0:
            self.scrollTo(self._model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        else:
            bar.setValue(value)


_COLUMN_WIDTHS = {  # minimum widths; content may widen them
    Column.PRIORITY: 96,
    Column.PATIENT: 170,
    Column.PATIENT_ID: 90,
    Column.ACCESSION: 110,
    Column.MODALITY: 60,
    Column.DESCRIPTION: 150,
    Column.STUDY_DATE: 120,
    Column.HOSPITAL: 120,
    Column.STATUS: 120,
    Column.CLAIM: 90,
    Column.CRITICAL: 110,
    Column.PRIORS: 56,
}
_COLUMN_CAPS = {Column.PATIENT: 240, Column.DESCRIPTION: 240}  # others: 200
