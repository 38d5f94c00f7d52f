"""The worklist window: the studies waiting for this reader, in reading order.

The window title names the reader, never a patient: titles end up in task bars, window
switchers and screen-sharing previews. Refreshing keeps the selected study selected, so a
periodic refresh never moves the reader's place on the list.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.core.study import Priority, UserInfo, WorklistItem
from workstation.hub.errors import AuthError, HubError, HubUnreachable
from workstation.ui import theme, window_state
from workstation.ui.priority_badge import PriorityBadgeDelegate
from workstation.ui.workers import TaskRunner
from workstation.ui.worklist_model import Column, ItemRole, WorklistModel

log = logging.getLogger(__name__)

AUTO_REFRESH_MS = 60_000


class WorklistTable(QTableView):
    """Table that opens the current study on Enter as well as on double-click."""

    open_current = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_current.emit()
            return
        super().keyPressEvent(event)


class WorklistWindow(QMainWindow):
    """Worklist table with a text filter, Refresh (F5) and status line.

    Signals: ``worklist_loaded(int)`` after every successful load (number of studies),
    ``open_requested(WorklistItem)`` when the reader opens a study,
    ``session_expired()`` when the hub no longer accepts the session,
    ``closed()`` when the reader closed the window.
    """

    worklist_loaded = Signal(int)
    open_requested = Signal(object)
    session_expired = Signal()
    closed = Signal()

    def __init__(
        self,
        fetch: Callable[[], list[WorklistItem]],
        user: UserInfo,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("worklist_window")
        self._fetch = fetch
        self._runner = TaskRunner(self, max_threads=1)
        self._loading = False
        self.is_loaded = False
        self.setWindowTitle(self.tr("Worklist — %1").replace("%1", user.display_name))
        self.resize(1440, 800)

        self.model = WorklistModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.table = WorklistTable()
        self.table.setObjectName("worklist_table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.table.setItemDelegateForColumn(Column.PRIORITY, PriorityBadgeDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for col, width in _COLUMN_WIDTHS.items():
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(self._open_index)
        self.table.open_current.connect(lambda: self._open_index(self.table.currentIndex()))

        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.refresh_action.setObjectName("refresh")
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.setToolTip(self.tr("Reload the worklist from the hub (F5)"))
        self.refresh_action.triggered.connect(self.refresh)
        self.filter = QLineEdit()
        self.filter.setObjectName("filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Filter: name, ID, accession, description…"))
        self.filter.setMaximumWidth(360)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter.returnPressed.connect(self.table.setFocus)

        toolbar = self.addToolBar(self.tr("Worklist"))
        toolbar.setObjectName("worklist_toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.refresh_action)
        toolbar.addSeparator()
        toolbar.addWidget(self.filter)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        who = QLabel(f"{user.display_name}  ")
        who.setStyleSheet(f"color: {theme.DIM_TEXT};")
        toolbar.addWidget(who)

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addWidget(self.banner)
        layout.addWidget(self.table)
        self.setCentralWidget(central)

        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.statusBar().addWidget(self.status_label, 1)

        window_state.restore(self, "worklist")

        self._timer = QTimer(self)
        self._timer.setInterval(AUTO_REFRESH_MS)
        self._timer.timeout.connect(self._auto_refresh)
        self._timer.start()

    # -- public --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the worklist on a worker thread; ignored while a load is running."""
        if self._loading:
            return
        self._loading = True
        self.refresh_action.setEnabled(False)
        self.status_label.setText(self.tr("Loading worklist…"))
        fetch = self._fetch
        self._runner.start(lambda _r: fetch(), self._on_loaded, self._on_failed)

    def show_notice(self, text: str) -> None:
        """A persistent, non-blocking notice above the table (e.g. cache key warnings)."""
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def selected_item(self) -> WorklistItem | None:
        index = self.table.currentIndex()
        return index.data(ItemRole) if index.isValid() else None

    def select_study(self, study_uid: str) -> bool:
        row = self.model.row_of(study_uid)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        return True

    def stop(self) -> None:
        self._timer.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the worklist ends the session: the controller closes the viewer too."""
        self.stop()
        window_state.save(self, "worklist")
        super().closeEvent(event)
        self.closed.emit()

    # -- internals -----------------------------------------------------------------------

    def _auto_refresh(self) -> None:
        if self.isVisible():
            self.refresh()

    def _on_loaded(self, items: list[WorklistItem]) -> None:
        self._loading = False
        self.refresh_action.setEnabled(True)
        current = self.selected_item()
        self.model.set_items(items)
        if not self.is_loaded:
            self._fit_columns()
        if current is not None:
            self.select_study(current.study_uid)
        elif self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        stat = sum(1 for i in items if i.priority is Priority.STAT and not i.status.is_reported)
        text = self.tr("%n studies", "", len(items))
        if stat:
            text += " · " + self.tr("%n STAT unread", "", stat)
        text += " · " + self.tr("updated %1").replace("%1", datetime.now().strftime("%H:%M:%S"))
        self.status_label.setText(text)
        self.is_loaded = True
        log.info("worklist loaded: %d studies", len(items))
        self.worklist_loaded.emit(len(items))

    def _on_failed(self, exc: BaseException) -> None:
        self._loading = False
        self.refresh_action.setEnabled(True)
        log.warning("worklist load failed: %s", getattr(exc, "code", type(exc).__name__))
        if isinstance(exc, AuthError) and exc.code == "session_expired":
            self.status_label.setText(self.tr("Session expired. Sign in again."))
            self.session_expired.emit()
            return
        if isinstance(exc, HubUnreachable):
            text = self.tr("The hub cannot be reached. Press F5 to try again.")
        elif isinstance(exc, HubError):
            text = self.tr("Could not load the worklist: %1").replace("%1", exc.message)
        else:
            text = self.tr("Could not load the worklist because of an unexpected error.")
        self.status_label.setText(text)

    def _fit_columns(self) -> None:
        """Size columns to their content once, so accession numbers and hospital names
        are readable; the description takes the remaining width."""
        for col in Column:
            if col is Column.DESCRIPTION:
                continue
            hint = max(
                self.table.sizeHintForColumn(col),
                self.table.horizontalHeader().sectionSizeHint(col),
            )
            self.table.setColumnWidth(col, min(max(hint + 12, _COLUMN_WIDTHS.get(col, 60)), 280))

    def _open_index(self, index: Any) -> None:
        if index is None or not index.isValid():
            return
        item = index.data(ItemRole)
        if item is not None:
            self.open_requested.emit(item)


_COLUMN_WIDTHS = {  # minimum widths; content may widen them
    Column.PRIORITY: 96,
    Column.PATIENT: 180,
    Column.PATIENT_ID: 100,
    Column.ACCESSION: 110,
    Column.MODALITY: 80,
    Column.STUDY_DATE: 130,
    Column.HOSPITAL: 160,
    Column.STATUS: 140,
    Column.PRIORS: 60,
}
