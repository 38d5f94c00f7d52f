"""Opening a folder, CD or USB stick (a DICOMDIR or just DICOM files) in the viewer.

The files are scanned on a worker thread, then the chosen study opens in the same viewer
as hub studies: its instances go through the downloader into an encrypted cache and are
decoded from there. That cache is session-only (a random key never stored, a folder
deleted at exit): the disc is the original, and health data copied off it must not
outlive the session in readable form. Reports are not sent anywhere from such a study;
the viewer says so.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QWidget,
)

from workstation.cache.store import EncryptedStore
from workstation.core.report import ReportDraft
from workstation.services.local_import import LocalCollection, LocalSource, scan
from workstation.services.report_submission import SubmissionReceipt, SubmissionStatus
from workstation.ui.viewer_window import ViewerWindow
from workstation.ui.workers import TaskRunner

log = logging.getLogger(__name__)


class LocalStudyOpener(QObject):
    """``opened(ViewerWindow)`` when a study is on screen; ``failed(str)`` with a sentence
    for the reader (nothing found, unreadable folder)."""

    opened = Signal(object)
    failed = Signal(str)

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._runner = TaskRunner(self, max_threads=1)
        self._store: EncryptedStore | None = None
        self._folder: Path | None = None
        self.viewers: list[ViewerWindow] = []
        self.collection: LocalCollection | None = None
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    def choose(self) -> None:
        """Ask for a folder (a disc's root holds its DICOMDIR) and open it."""
        path = QFileDialog.getExistingDirectory(
            self._parent_widget, self.tr("Open folder or DICOMDIR (CD, USB stick)"))
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path, study_uid: str | None = None) -> None:
        """Scan ``path`` (a folder or a DICOMDIR file) off the UI thread, then open
        ``study_uid`` - or the only study, or the one the reader picks."""
        self._runner.start(lambda _r: scan(path),
                           lambda found: self._on_scanned(found, study_uid),
                           self._on_scan_failed)

    def _on_scanned(self, collection: LocalCollection, study_uid: str | None) -> None:
        self.collection = collection
        if not collection.items:
            self.failed.emit(self.tr("No DICOM images were found there."))
            return
        item = next((i for i in collection.items if i.study_uid == study_uid), None)
        if item is None and len(collection.items) == 1:
            item = collection.items[0]
        if item is None:
            labels = [f"{i.patient_name or '?'} · {i.modality} · {i.description}".strip(" ·")
                      + (f" · {i.study_datetime:%Y-%m-%d}" if i.study_datetime else "")
                      for i in collection.items]
            label, ok = QInputDialog.getItem(self._parent_widget, self.tr("Choose a study"),
                                             self.tr("Studies found:"), labels, 0, False)
            if not ok:
                return
            item = collection.items[labels.index(label)]
        viewer = ViewerWindow(item, client=LocalSource(collection), store=self._cache(),
                              submit=_not_sent)
        viewer.set_read_only(self.tr(
            "Opened from a folder or disc: reports are not sent from here."))
        if collection.unreadable:
            viewer.status.setText(self.tr("%n DICOM file(s) could not be read and are not "
                                          "shown.", "", collection.unreadable))
        viewer.closed.connect(lambda v=viewer: self._on_closed(v))
        self.viewers.append(viewer)
        viewer.show()
        viewer.start()
        self.opened.emit(viewer)

    def _on_scan_failed(self, exc: BaseException) -> None:
        log.warning("local import failed: %s", type(exc).__name__)
        if isinstance(exc, FileNotFoundError):
            self.failed.emit(self.tr("That folder or file does not exist."))
        elif isinstance(exc, PermissionError):
            self.failed.emit(self.tr("That folder cannot be read (no permission)."))
        else:
            self.failed.emit(self.tr("The folder could not be read: %1").replace(
                "%1", type(exc).__name__))

    def _cache(self) -> EncryptedStore:
        if self._store is None:
            self._folder = Path(tempfile.mkdtemp(prefix="workstation-local-"))
            self._store = EncryptedStore(self._folder / "cache", os.urandom(32))
        return self._store

    def _on_closed(self, viewer: ViewerWindow) -> None:
        if viewer in self.viewers:
            self.viewers.remove(viewer)
        viewer.deleteLater()

    def close(self) -> None:
        """Close the viewers and delete the session cache."""
        for viewer in list(self.viewers):
            viewer.loader.cancel()
            viewer.close()
            viewer.loader.wait(5000)
        self._runner.wait(5000)
        if self._store is not None:
            self._store.close()
            self._store = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


def _not_sent(_draft: ReportDraft) -> SubmissionReceipt:
    return SubmissionReceipt(
        SubmissionStatus.FAILED,
        QCoreApplication.translate(
            "LocalImport",
            "Studies opened from a folder or disc have no hub or archive to send a report to."))


def install_open_local(window: QMainWindow) -> LocalStudyOpener:
    """File ▸ "Open folder / DICOMDIR…" (Ctrl+O) on ``window``."""
    opener = LocalStudyOpener(window)
    action = QAction(QCoreApplication.translate("LocalImport", "Open folder / DICOMDIR…"),
                     window)
    action.setObjectName("open_local")
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
    action.triggered.connect(opener.choose)
    file_menu(window).addAction(action)
    status = getattr(window, "status_label", None)
    if status is not None:
        opener.failed.connect(status.setText)
    window.open_local_action = action  # type: ignore[attr-defined]
    window.local_opener = opener  # type: ignore[attr-defined]
    return opener


def file_menu(window: QMainWindow) -> QMenu:
    """The window's File menu, created on first use (shared by the File actions)."""
    for action in window.menuBar().actions():
        if action.objectName() == "file_menu" and action.menu() is not None:
            return action.menu()
    menu = window.menuBar().addMenu(QCoreApplication.translate("LocalImport", "&File"))
    menu.menuAction().setObjectName("file_menu")
    return menu


def run_open(argv: list[str]) -> int:
    """``workstation open PATH``: a folder, disc or DICOMDIR straight into the viewer."""
    import argparse
    import sys

    from workstation.ui.application import create_application, quit_on_sigint

    parser = argparse.ArgumentParser(prog="workstation open",
                                     description="Open a folder, CD/USB or DICOMDIR in the viewer.")
    parser.add_argument("path", type=Path, help="folder, disc root or DICOMDIR file")
    parser.add_argument("--study", metavar="UID", help="the study to open when there are several")
    args = parser.parse_args(argv)
    app = create_application()
    quit_on_sigint(app)
    opener = LocalStudyOpener()

    def failed(text: str) -> None:
        print(text, file=sys.stderr)
        app.exit(1)

    opener.failed.connect(failed)
    opener.open_path(args.path, args.study)
    code = app.exec()
    opener.close()
    return code
