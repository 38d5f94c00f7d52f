"""The reader's control over local data: "Clear local cache" and purge at sign-out.

Cached studies are health data on the reader's own disk. The reader may empty the cache
at any time (a study open in a viewer is kept: its images are on screen and still
arriving) and may choose that everything local is destroyed at sign-out - on a shared
or less trusted machine. That purge forgets the cache key first, so whatever a disk
keeps of deleted files stays unreadable (crypto-shredding, NIST SP 800-88 Rev. 1).

The size budget and retention period chosen in the settings dialog apply when the cache
opens (``cache_session``) and again as soon as the dialog closes, so a smaller budget
frees the disk at once (studies open in a viewer are still kept).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from workstation.cache.store import EncryptedStore
from workstation.ui import settings_values
from workstation.ui.workers import TaskRunner

log = logging.getLogger(__name__)

PURGE_KEY = settings_values.PURGE_AT_SIGN_OUT  # shared with the settings dialog

Confirm = Callable[[QWidget, str], bool]


def purge_at_signout() -> bool:
    """The reader's choice: destroy all local data when signing out."""
    return settings_values.flag(PURGE_KEY)


def set_purge_at_signout(on: bool) -> None:
    settings_values.set_flag(PURGE_KEY, on)


@dataclass(frozen=True, slots=True)
class ClearResult:
    freed: int  # bytes
    removed: int  # studies
    kept_open: int  # studies skipped because a viewer has them open


def clear_cache(store: EncryptedStore) -> ClearResult:
    """Delete every cached study that is not open (pinned) in a viewer. Blocking."""
    before = store.usage()
    removed = kept = 0
    for study in store.cached_studies():
        if study.pinned or store.is_pinned(study.tenant, study.study_uid):
            kept += 1
            continue
        store.delete_study(study.tenant, study.study_uid)
        removed += 1
    freed = max(before - store.usage(), 0)
    log.info("local cache cleared: %d studies removed, %d open kept", removed, kept)
    return ClearResult(freed, removed, kept)


def ask(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(
        parent, parent.tr("Clear local cache"), text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class CacheActions(QObject):
    """A "Local data" menu in ``window``: Clear local cache… and Purge at sign-out.

    ``cleared(ClearResult)`` after a clear; ``confirm(parent, text)`` asks the reader
    (tests replace it)."""

    cleared = Signal(object)

    def __init__(self, window: QMainWindow, store: EncryptedStore,
                 show: Callable[[str], None], *, confirm: Confirm = ask) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        self._show = show
        self.confirm = confirm
        self._runner = TaskRunner(self, max_threads=1)
        self.menu = window.menuBar().addMenu(self.tr("&Local data"))
        self.menu.setObjectName("local_data_menu")
        self.clear_action = QAction(self.tr("Clear local cache…"), self)
        self.clear_action.setObjectName("clear_cache")
        self.clear_action.setToolTip(self.tr(
            "Delete the images kept on this computer (an open study is kept)"))
        self.clear_action.triggered.connect(self.clear)
        self.purge_action = QAction(self.tr("Purge local data at sign-out"), self)
        self.purge_action.setObjectName("purge_at_signout")
        self.purge_action.setCheckable(True)
        self.purge_action.setChecked(purge_at_signout())
        self.purge_action.setToolTip(self.tr(
            "At sign-out, destroy the cached images, the offline sign-in and the saved "
            "worklist of this computer"))
        self.purge_action.toggled.connect(set_purge_at_signout)
        self.menu.addAction(self.clear_action)
        self.menu.addSeparator()
        self.menu.addAction(self.purge_action)
        settings = getattr(window, "settings_action", None)
        if isinstance(settings, QAction):
            # Connected after the action's own slot, which runs the dialog modally: this
            # one runs once the dialog has closed and its values are saved.
            settings.triggered.connect(self.apply_policy)

    def apply_policy(self) -> bool:
        """Adopt the budget and retention from the settings, evicting off the UI thread;
        False when they have not changed."""
        policy = settings_values.cache_policy()
        if policy == self._store.policy:
            return False
        store = self._store
        self._runner.start(lambda _r: store.set_policy(policy), None, self._policy_failed)
        return True

    def _policy_failed(self, exc: BaseException) -> None:
        log.warning("the new cache limits could not be applied: %s", type(exc).__name__)

    def clear(self) -> bool:
        """Ask, then clear off the UI thread; False when the reader declined."""
        size = format_size(self._store.usage())
        text = self.tr(
            "Delete all images kept on this computer (%1)? A study open in the viewer is "
            "kept. Studies are downloaded again when opened."
        ).replace("%1", size)
        if not self.confirm(self._window, text):
            return False
        self.clear_action.setEnabled(False)
        store = self._store
        self._runner.start(lambda _r: clear_cache(store), self._done, self._failed)
        return True

    def _done(self, result: ClearResult) -> None:
        self.clear_action.setEnabled(True)
        text = self.tr("Local cache cleared: %1 freed.").replace("%1", format_size(result.freed))
        if result.kept_open:
            text += " " + self.tr("%n open study kept.", "", result.kept_open)
        self._show(text)
        self.cleared.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.clear_action.setEnabled(True)
        log.warning("clearing the cache failed: %s", type(exc).__name__)
        self._show(self.tr("The local cache could not be cleared (%1).").replace(
            "%1", type(exc).__name__))

    def wait(self, msecs: int) -> bool:
        return self._runner.wait(msecs)


def format_size(size: int) -> str:
    """Bytes for the reader, in the locale's units (e.g. "1.5 GB")."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)
