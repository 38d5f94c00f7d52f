"""The worklist window: the studies waiting for this reader, in reading order.

The window title names the reader, never a patient: titles end up in task bars, window
switchers and screen-sharing previews. Filters are applied by the hub. The list reloads by
itself (:mod:`workstation.ui.auto_refresh`) and a reload never moves the reader's place:
the selected study stays selected and the rows in view stay in view. A STAT study that
arrives meanwhile is announced without taking focus (:mod:`workstation.ui.stat_notifier`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workstation.core.study import UserInfo, WorklistItem
from workstation.hub.errors import HubError, HubUnreachable
from workstation.ui import theme, window_state
from workstation.ui.auto_refresh import AutoRefresh
from workstation.ui.export_dialog import install_worklist_export
from workstation.ui.saved_filters import SavedFilterStore, SavedFiltersWidget
from workstation.ui.session_guard import is_session_lost
from workstation.ui.settings_action import add_settings_action
from workstation.ui.stat_notifier import NewStatTracker, StatBanner, StatCounter, beep, waiting_stat
from workstation.ui.workers import TaskRunner
from workstation.ui.worklist_filters import FilterBar, WorklistFilter
from workstation.ui.worklist_model import Column, ItemRole, WorklistModel
from workstation.ui.worklist_table import WorklistTable

log = logging.getLogger(__name__)

PAGE_LIMIT = 200
NEXT_STUDY_KEYS = QKeySequence("Ctrl+N")

Fetch = Callable[..., list[WorklistItem]]


class WorklistWindow(QMainWindow):
    """Filter bar, worklist table, Refresh (F5), Next study (Ctrl+N) and a status line.

    ``fetch(**params)`` is ``HubClient.worklist``. Signals: ``worklist_loaded(int)`` after
    every successful load; ``open_requested(WorklistItem)``; ``next_requested()``;
    ``new_stat(list[WorklistItem])`` when STAT studies arrived since the last load;
    ``stat_count(int)``; ``session_expired()``; ``closed()``.
    """

    worklist_loaded = Signal(int)
    open_requested = Signal(object)
    next_requested = Signal()
    new_stat = Signal(list)
    stat_count = Signal(int)
    session_expired = Signal()
    closed = Signal()

    def __init__(self, fetch: Fetch, user: UserInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("worklist_window")
        self._fetch = fetch
        self.username = user.username
        self._runner = TaskRunner(self, max_threads=1)
        self._loading = False
        self._reload_pending = False
        self._loaded_filter: WorklistFilter | None = None
        self._tracker = NewStatTracker()
        self.is_loaded = False
        self.setWindowTitle(self.tr("Worklist — %1").replace("%1", user.display_name))
        self.resize(1440, 800)

        self.model = WorklistModel(self, username=user.username)
        self.table = WorklistTable(self.model)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.table.doubleClicked.connect(self._open_index)
        self.table.open_current.connect(lambda: self._open_index(self.table.currentIndex()))

        self.refresh_action = QAction(self.tr("Refresh"), self)
        self.refresh_action.setObjectName("refresh")
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.setToolTip(self.tr("Reload the worklist from the hub (F5)"))
        self.refresh_action.triggered.connect(lambda: self.refresh())
        self.next_action = QAction(self.tr("Next study"), self)
        self.next_action.setObjectName("next_study")
        self.next_action.setShortcut(NEXT_STUDY_KEYS)
        self.next_action.setToolTip(
            self.tr("Open the next unread study in priority order (Ctrl+N)")
        )
        self.next_action.triggered.connect(self.next_requested)
        self.auto_refresh = AutoRefresh(self)
        self.auto_refresh.due.connect(self._auto_refresh)
        self.stat_counter = StatCounter()
        self.stat_counter.clicked.connect(self.select_first_stat)

        toolbar = self.addToolBar(self.tr("Worklist"))
        toolbar.setObjectName("worklist_toolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.refresh_action)
        toolbar.addAction(self.next_action)
        self.settings_action = add_settings_action(self, toolbar)
        toolbar.addSeparator()
        toolbar.addWidget(self.auto_refresh.button)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.stat_counter.holder())
        who = QLabel(f"  {user.display_name}  ")
        who.setStyleSheet(f"color: {theme.DIM_TEXT};")
        toolbar.addWidget(who)

        self.filter_bar = FilterBar(user.tenants)
        self.filter_bar.changed.connect(self._on_filter_changed)
        self.saved_filters = SavedFiltersWidget(SavedFilterStore(user.username))
        self.saved_filters.chosen.connect(self.filter_bar.set_filter)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.stat_banner = StatBanner()
        self.stat_banner.show_requested.connect(self.select_study)
        self.stat_banner.dismissed.connect(self.stat_counter.acknowledge)

        filters = QHBoxLayout()
        filters.setSpacing(12)
        filters.addWidget(self.filter_bar)
        filters.addStretch(1)
        filters.addWidget(self.saved_filters)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(6)
        layout.addWidget(self.banner)
        layout.addWidget(self.stat_banner)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        self.setCentralWidget(central)

        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.statusBar().addWidget(self.status_label, 1)
        window_state.restore(self, "worklist")
        self.cache_store: Any = None  # the encrypted cache, set by the reading desk
        self.exports = install_worklist_export(self)

    # -- public --------------------------------------------------------------------------

    def refresh(self, *, quiet: bool = False) -> None:
        """Reload with the current filters on a worker thread. A request made while a load
        runs is remembered and sent when it ends, so the last filters always win."""
        if self._loading:
            self._reload_pending = True
            return
        self._loading = True
        wanted = self.filter_bar.current()
        if not quiet:
            self.status_label.setText(self.tr("Loading worklist…"))
        fetch, params = self._fetch, {**wanted.params(), "limit": PAGE_LIMIT}
        self._runner.start(
            lambda _r: fetch(**params),
            lambda items, w=wanted: self._on_loaded(w, items),
            self._on_failed,
        )

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
        index = self.model.index(row, Column.PATIENT)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        return True

    def update_item(self, item: WorklistItem) -> None:
        """Show a changed study (its claim, say) without waiting for the next reload."""
        self.model.replace_item(item)

    def study_opened(self, study_uid: str) -> None:
        """The reader opened this study: it is no longer news."""
        self.stat_banner.forget(study_uid)
        if not self.stat_banner.items:
            self.stat_counter.acknowledge()

    def set_signed_out(self, signed_out: bool) -> None:
        """While signed out every reload would fail: pause the automatic ones."""
        self.auto_refresh.set_paused(signed_out)
        if signed_out:
            self.status_label.setText(
                self.tr("Signed out. Press F5 to sign in again and reload the worklist.")
            )
        elif not self._loading:
            self.status_label.setText(self.tr("Signed in again."))

    def stop(self) -> None:
        self.auto_refresh.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the worklist ends the session: the controller closes the viewer too."""
        self.stop()
        window_state.save(self, "worklist")
        super().closeEvent(event)
        self.closed.emit()

    # -- internals -----------------------------------------------------------------------

    def _on_filter_changed(self, wanted: WorklistFilter) -> None:
        self.saved_filters.sync(wanted)
        self.refresh()

    def _auto_refresh(self) -> None:
        if self.isVisible():
            self.refresh(quiet=True)

    def _on_loaded(self, wanted: WorklistFilter, items: list[WorklistItem]) -> None:
        self._loading = False
        if wanted != self._loaded_filter:
            self._tracker.reset()  # a different list: its STAT studies are not news
            self._loaded_filter = wanted
        current = self.selected_item()
        anchor = self.table.top_visible_study()
        self.model.set_items(items)
        if not self.is_loaded:
            self.table.fit_columns()
        if current is not None:
            self.select_study(current.study_uid)
        elif not self.is_loaded and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, Column.PATIENT))
        self.table.keep_scroll(anchor)
        self._announce(items)
        self.filter_bar.note_items(
            {i.tenant_id: i.hospital for i in items}, (i.modality for i in items)
        )
        self._show_status(items)
        self.is_loaded = True
        log.info("worklist loaded: %d studies", len(items))
        self.worklist_loaded.emit(len(items))
        if self._reload_pending:
            self._reload_pending = False
            self.refresh()

    def _announce(self, items: list[WorklistItem]) -> None:
        waiting = waiting_stat(items, self.username)
        waiting_uids = {i.study_uid for i in waiting}
        listed = {i.study_uid for i in items}
        for old in list(self.stat_banner.items):
            if old.study_uid in listed and old.study_uid not in waiting_uids:
                self.stat_banner.forget(old.study_uid)  # reported or taken meanwhile
        self.stat_counter.set_count(len(waiting))
        self.stat_count.emit(len(waiting))
        new = self._tracker.update(self.model.items(), self.username)
        if not new:
            return
        log.info("new STAT studies on the worklist: %d", len(new))
        self.stat_banner.announce(new)
        self.stat_counter.flash()
        QApplication.alert(self, 0)  # the window manager's attention hint; no activation
        if self.auto_refresh.sound:
            beep()
        self.new_stat.emit(new)

    def _show_status(self, items: list[WorklistItem]) -> None:
        stat = len(waiting_stat(items, self.username))
        text = self.tr("%n studies", "", len(items))
        if len(items) >= PAGE_LIMIT:
            text = self.tr("first %1 studies (narrow the filters to see the rest)").replace(
                "%1", str(len(items))
            )
        if stat:
            text += " · " + self.tr("%n STAT unread", "", stat)
        text += " · " + self.tr("updated %1").replace("%1", datetime.now().strftime("%H:%M:%S"))
        self.status_label.setText(text)

    def _on_failed(self, exc: BaseException) -> None:
        self._loading = False
        self._reload_pending = False
        log.warning("worklist load failed: %s", getattr(exc, "code", type(exc).__name__))
        if is_session_lost(exc):
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

    def select_first_stat(self) -> None:
        self.stat_counter.acknowledge()
        waiting = waiting_stat(self.model.items(), self.username)
        if waiting:
            self.select_study(waiting[0].study_uid)

    def _open_index(self, index: QModelIndex | Any) -> None:
        if index is None or not index.isValid():
            return
        item = index.data(ItemRole)
        if item is not None:
            self.open_requested.emit(item)
