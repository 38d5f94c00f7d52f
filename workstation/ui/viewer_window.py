"""The viewer: series thumbnails, the image viewport and the report panel side by side.

Opening a study shows the largest series as soon as it is downloaded and decoded, while
the other series keep downloading in the background. The title carries modality and
series count only; the patient banner lives inside the report panel.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QWidget,
)

from workstation.cache.store import EncryptedStore
from workstation.core.study import StudyDetail, WorklistItem
from workstation.core.window import CT_PRESETS
from workstation.hub.errors import HubError, HubUnreachable
from workstation.services.study_download import DownloadResult
from workstation.ui import theme, window_state
from workstation.ui.report_panel import ReportPanel, Submit
from workstation.ui.session_guard import is_session_lost
from workstation.ui.stat_notifier import StatCounter
from workstation.ui.study_loader import StudyClient, StudyLoader
from workstation.ui.thumbnail_strip import ThumbnailStrip
from workstation.ui.viewport import Viewport

if TYPE_CHECKING:
    from workstation.dicom.loader import LoadResult

log = logging.getLogger(__name__)


class ViewerWindow(QMainWindow):
    """Viewer of one study.

    Signals: ``study_ready(StudyDetail)`` when the series list is known;
    ``series_ready(series_uid)`` each time a series is on screen;
    ``load_failed(str)`` with a reader-facing message; ``session_expired()`` (call
    :meth:`resume` once signed in again); ``next_requested()`` (Ctrl+N);
    ``closed()`` after the window closed and its downloads were cancelled.
    """

    study_ready = Signal(object)
    series_ready = Signal(str)
    load_failed = Signal(str)
    session_expired = Signal()
    next_requested = Signal()
    closed = Signal()

    def __init__(
        self,
        item: WorklistItem,
        *,
        client: StudyClient,
        store: EncryptedStore,
        submit: Submit,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("viewer_window")
        self.item = item
        self.detail: StudyDetail | None = None
        self.current_series_uid: str | None = None
        self.is_series_ready = False
        self._title(None)
        self.resize(1500, 920)

        self.loader = StudyLoader(client, store, item, self)
        self.viewport = Viewport()
        self.thumbnails = ThumbnailStrip()
        self.report_panel = ReportPanel(item, submit)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("viewer_splitter")
        splitter.addWidget(self.thumbnails)
        splitter.addWidget(self.viewport)
        splitter.addWidget(self.report_panel)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([220, 900, 380])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        window_state.restore(self, "viewer", splitter)
        self._build_toolbar()

        self.progress = QProgressBar()
        self.progress.setObjectName("download_progress")
        self.progress.setFixedWidth(220)
        self.progress.setFormat("%v / %m")
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("viewer_status")
        self.view_info = QLabel()
        self.view_info.setObjectName("view_info")
        self.view_info.setStyleSheet(f"color: {theme.DIM_TEXT};")
        self.claim_label = QLabel()
        self.claim_label.setObjectName("claim_state")
        self.statusBar().addWidget(self.progress)
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().addPermanentWidget(self.claim_label)
        self.statusBar().addPermanentWidget(self.view_info)

        self.thumbnails.series_selected.connect(self.show_series)
        self.viewport.view_changed.connect(self._update_view_info)
        self.loader.detail_ready.connect(self._on_detail)
        self.loader.series_progress.connect(self._on_progress)
        self.loader.series_cached.connect(self._on_cached)
        self.loader.series_loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)

    # -- public --------------------------------------------------------------------------

    def start(self) -> None:
        """Fetch the study's series and show the largest one."""
        self.viewport.show_message(self.tr("Loading study…"))
        self.status.setText(self.tr("Asking the hub for the study…"))
        self.loader.start()

    def resume(self) -> None:
        """Carry on loading after the session came back; nothing on screen is reset."""
        self.status.setText(self.tr("Signed in again; continuing…"))
        self.status.setStyleSheet("")
        if self.viewport.stack is None:
            self.viewport.show_message(self.tr("Loading study…"))
        self.loader.resume()

    def set_claim_text(self, text: str, severity: str = "info") -> None:
        """The reading-lock line in the status bar ("yours until…", "read-only: …")."""
        self.claim_label.setText(text)
        theme.set_severity(self.claim_label, severity)

    def set_read_only(self, reason: str | None) -> None:
        """Reporting off (with the reason shown) or back on; the images are unaffected."""
        self.report_panel.set_read_only(reason)

    def show_series(self, series_uid: str) -> None:
        if series_uid == self.current_series_uid and self.is_series_ready:
            return
        self.is_series_ready = False
        self.thumbnails.set_current(series_uid)
        self.status.setText(self.tr("Opening series…"))
        self.loader.show_series(series_uid)

    # -- toolbar ---------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = self.addToolBar(self.tr("Image"))
        bar.setObjectName("viewer_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for number, (name, window) in enumerate(CT_PRESETS, start=1):
            action = QAction(f"{number} {self._preset_label(name)}", self)
            action.setToolTip(
                self.tr("CT window %1: W %2 / L %3 (key %4)")
                .replace("%1", self._preset_label(name))
                .replace("%2", f"{window.width:.0f}")
                .replace("%3", f"{window.center:.0f}")
                .replace("%4", str(number))
            )
            action.triggered.connect(lambda _c=False, n=number: self._preset(n))
            bar.addAction(action)
        bar.addSeparator()
        invert = QAction(self.tr("Invert"), self)
        invert.setToolTip(self.tr("Invert grey levels (key I)"))
        invert.triggered.connect(self.viewport.toggle_invert)
        reset = QAction(self.tr("Reset"), self)
        reset.setToolTip(self.tr("Fit the image and restore its own window (key R)"))
        reset.triggered.connect(self.viewport.reset)
        self.hide_phi = QAction(self.tr("Hide patient data"), self)
        self.hide_phi.setCheckable(True)
        self.hide_phi.setToolTip(self.tr("Hide name and ID from the image corners"))
        self.hide_phi.toggled.connect(self._toggle_phi)
        for action in (invert, reset, self.hide_phi):
            bar.addAction(action)
        bar.addSeparator()
        self.next_action = QAction(self.tr("Next study"), self)
        self.next_action.setObjectName("next_study")
        self.next_action.setShortcut("Ctrl+N")
        self.next_action.setToolTip(
            self.tr("Open the next unread study in priority order (Ctrl+N)")
        )
        self.next_action.triggered.connect(self.next_requested)
        bar.addAction(self.next_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        # Mirrors the worklist's STAT badge; it never takes focus from the image.
        self.stat_counter = StatCounter()
        bar.addWidget(self.stat_counter.holder())

    def _preset_label(self, name: str) -> str:
        """Translated name of a preset from ``CT_PRESETS`` (its own name if unknown)."""
        labels = {
            "Brain": self.tr("Brain"),
            "Lung": self.tr("Lung"),
            "Mediastinum": self.tr("Mediastinum"),
            "Abdomen": self.tr("Abdomen"),
            "Bone": self.tr("Bone"),
        }
        return labels.get(name, name)

    def _preset(self, number: int) -> None:
        if not self.viewport.apply_preset(number):
            self.status.setText(self.tr("Window presets apply to CT images."))

    def _toggle_phi(self, hidden: bool) -> None:
        self.viewport.slice_view.show_phi = not hidden
        self.viewport.slice_view.render()

    # -- loader results --------------------------------------------------------------------

    def _on_detail(self, detail: StudyDetail) -> None:
        self.detail = detail
        self._title(detail)
        self.thumbnails.set_series(detail.series)
        if not detail.series:
            self.viewport.show_message(self.tr("This study has no images."))
            self.status.setText("")
        self.study_ready.emit(detail)

    def _on_progress(self, series_uid: str, done: int, total: int) -> None:
        self.thumbnails.set_progress(series_uid, done, total)
        if series_uid == self.loader.wanted and not self.is_series_ready:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            self.progress.show()
            self.status.setText(self.tr("Downloading images…"))

    def _on_cached(self, series_uid: str, result: DownloadResult) -> None:
        self.thumbnails.set_progress(series_uid, result.fetched + result.cached, result.total)
        self.thumbnails.set_state(series_uid, "partial" if result.failed else "cached")
        if series_uid == self.loader.wanted:
            self.progress.hide()
            if not self.is_series_ready:
                self.status.setText(self.tr("Decoding images…"))
                if self.viewport.stack is None:
                    self.viewport.show_message(self.tr("Decoding images…"))
        if result.failed:
            self.status.setText(
                self.tr("%n image(s) of a series could not be downloaded.", "", len(result.failed))
            )

    def _on_loaded(self, series_uid: str, result: LoadResult) -> None:
        stacks, errors = list(result.stacks), list(result.errors)
        if not stacks:
            text = self.tr("This series has no image that can be displayed.")
            self.viewport.show_message(text)
            self.status.setText(text)
            self.load_failed.emit(text)
            return
        stack = max(stacks, key=lambda s: s.count)
        self.viewport.set_stack(stack)
        self.current_series_uid = series_uid
        self.is_series_ready = True
        self.thumbnails.set_current(series_uid)
        notes = []
        if len(stacks) > 1:
            notes.append(
                self.tr("This series holds %1 image stacks; the largest is shown.").replace(
                    "%1", str(len(stacks))
                )
            )
        if errors:
            notes.append(self.tr("%n image(s) could not be shown.", "", len(errors)))
        notes.extend(stack.warnings)
        self.status.setText("  ".join(notes))
        self.status.setStyleSheet(f"color: {theme.WARN_TEXT};" if notes else "")
        if not isinstance(QApplication.focusWidget(), QPlainTextEdit):
            self.viewport.focus_image()
        log.info("series on screen: %d images", stack.count)
        self.series_ready.emit(series_uid)

    def _on_failed(self, stage: str, series_uid: str, exc: BaseException) -> None:
        log.warning("viewer %s step failed: %s", stage, getattr(exc, "code", type(exc).__name__))
        self.progress.hide()
        if is_session_lost(exc):
            text = self.tr("Your session has expired. Loading continues once you sign in again.")
            self.session_expired.emit()
        elif isinstance(exc, HubUnreachable):
            text = self.tr(
                "The hub cannot be reached. Check the connection and click the series to try again."
            )
        elif isinstance(exc, HubError):
            text = self.tr("The hub refused the request: %1").replace("%1", exc.message)
        elif stage == "load":
            text = self.tr("The images of this series could not be decoded.")
        else:
            text = self.tr("The study could not be opened because of an unexpected error.")
        if series_uid:
            self.thumbnails.set_state(series_uid, "failed")
        if stage == "study" or (series_uid == self.loader.wanted and self.viewport.stack is None):
            self.viewport.show_message(text)
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {theme.ERROR_TEXT};")
        self.load_failed.emit(text)

    # -- helpers ---------------------------------------------------------------------------

    def _update_view_info(self) -> None:
        sv, stack = self.viewport.slice_view, self.viewport.stack
        if stack is None:
            self.view_info.clear()
            return
        w = sv.window
        self.view_info.setText(
            self.tr("Image %1/%2   W %3  L %4   Zoom %5")
            .replace("%1", str(sv.slice_index + 1))
            .replace("%2", str(stack.count))
            .replace("%3", f"{w.width:.0f}")
            .replace("%4", f"{w.center:.0f}")
            .replace("%5", f"{sv.zoom:.2f}")
        )

    def _title(self, detail: StudyDetail | None) -> None:
        parts = [self.tr("Viewer")]
        if self.item.modality:
            parts.append(self.item.modality)
        if detail is not None:
            parts.append(self.tr("%n series", "", len(detail.series)))
        self.setWindowTitle(" — ".join(parts))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.loader.cancel()
        window_state.save(self, "viewer", self.splitter)
        super().closeEvent(event)
        self.closed.emit()
