"""The viewer: series thumbnails, a grid of image viewports and the report panel.

Opening a study shows the largest series as soon as it is downloaded and decoded, while
the other series keep downloading in the background. A series is shown in the active
viewport (thumbnail click) or in the viewport it is dragged onto; a series decoded once is
shared by every viewport showing it. Keys and toolbar act on the active viewport
(:mod:`workstation.ui.viewer_actions`). The title carries modality and series count only;
the patient banner lives inside the report panel.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QSplitter,
    QWidget,
)

from workstation.cache.store import EncryptedStore
from workstation.core.stack import ImageStack
from workstation.core.study import StudyDetail, WorklistItem
from workstation.hub.errors import HubError, HubUnreachable
from workstation.services.study_download import DownloadResult
from workstation.ui import theme, window_state
from workstation.ui.cine import Cine
from workstation.ui.download_center import DownloadCenter
from workstation.ui.download_status import StudyProgress
from workstation.ui.hanging_controller import HangingController
from workstation.ui.linking import Linker
from workstation.ui.mpr_mode import MprMode
from workstation.ui.report_panel import ReportPanel, Submit
from workstation.ui.series_preview import SeriesPreview
from workstation.ui.session_guard import is_session_lost
from workstation.ui.stat_notifier import StatCounter
from workstation.ui.study_loader import StudyClient, StudyLoader
from workstation.ui.thumbnail_strip import ThumbnailStrip
from workstation.ui.viewer_actions import ViewerActions
from workstation.ui.viewer_panels import ViewerPanels
from workstation.ui.viewer_toolbar import build_toolbar
from workstation.ui.viewport import Viewport
from workstation.ui.viewport_grid import ViewportGrid

if TYPE_CHECKING:
    from workstation.dicom.loader import LoadResult

log = logging.getLogger(__name__)


class ViewerWindow(QMainWindow):
    """Viewer of one study.

    Signals: ``study_ready(StudyDetail)`` when the series list is known;
    ``series_ready(series_uid)`` each time a series is on screen in a viewport;
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
        downloads: DownloadCenter | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("viewer_window")
        self.item = item
        self.store = store
        self.detail: StudyDetail | None = None
        self.is_series_ready = False
        self.stacks: dict[str, ImageStack] = {}  # decoded once, shared by viewports
        self.series_of: dict[int, str] = {}  # id(viewport) -> series shown there
        self._targets: dict[str, list[Viewport]] = {}  # series on its way -> viewports
        self._title(None)
        self.resize(1500, 920)

        self.loader = StudyLoader(client, store, item, self, downloads=downloads)
        self.grid = ViewportGrid()
        self.thumbnails = ThumbnailStrip()
        self.report_panel = ReportPanel(item, submit)
        self.cine = Cine(lambda: self.grid.active, self)
        self.linker = Linker(self.grid, self)
        self.preview = SeriesPreview(store, item.tenant_id, item.study_uid, self._prepare_view)
        self.phi_hidden = False
        self.overlays_shown = True
        self.preset_menu: QMenu
        self.detach_action: QAction
        self.stat_counter: StatCounter

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("viewer_splitter")
        splitter.addWidget(self.thumbnails)
        splitter.addWidget(self.grid)
        splitter.addWidget(self.report_panel)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([220, 900, 380])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        window_state.restore(self, "viewer", splitter)
        self.panels = ViewerPanels(self)
        # The report's "Measurements" button (Ctrl+Shift+M) takes the viewer's.
        self.report_panel.editor.attachments = self.panels.report_attachments
        self.mpr = MprMode(self)
        self.actions = ViewerActions(self)
        self.next_action = self.actions.actions["study.next"]
        self.next_action.setObjectName("next_study")
        self.toolbar = build_toolbar(self)
        self.actions.layout(1, 1)

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
        self.study_progress = StudyProgress(self.loader)
        self.statusBar().addPermanentWidget(self.study_progress)
        self.statusBar().addPermanentWidget(self.claim_label)
        self.statusBar().addPermanentWidget(self.view_info)

        self.thumbnails.series_selected.connect(self.show_series)
        self.grid.series_dropped.connect(lambda vp, uid: self.show_series(uid, vp))
        self.grid.active_changed.connect(self._on_active_changed)
        self._watch_viewports()
        self.loader.detail_ready.connect(self._on_detail)
        self.loader.series_progress.connect(self._on_progress)
        self.loader.series_cached.connect(self._on_cached)
        self.loader.series_loaded.connect(self._on_loaded)
        self.loader.failed.connect(self._on_failed)
        # After the viewer's own slots: the protocol's choice of image wins.
        self.hanging = HangingController(self, client, store)

    # -- public --------------------------------------------------------------------------

    @property
    def viewport(self) -> Viewport:
        """The active viewport: the one keys and toolbar act on."""
        return self.grid.active

    @property
    def current_series_uid(self) -> str | None:
        """The series in the active viewport."""
        return self.series_of.get(id(self.grid.active))

    @property
    def key_images(self) -> list[tuple[str, str, int]]:
        """Marked key images as (series UID, SOP instance UID, index in the stack)."""
        return self.panels.key_list.as_tuples()

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
        self.hanging.resume()

    def set_claim_text(self, text: str, severity: str = "info") -> None:
        """The reading-lock line in the status bar ("yours until…", "read-only: …")."""
        self.claim_label.setText(text)
        theme.set_severity(self.claim_label, severity)

    def set_read_only(self, reason: str | None) -> None:
        """Reporting off (with the reason shown) or back on; the images are unaffected."""
        self.report_panel.set_read_only(reason)

    def show_series(self, series_uid: str, viewport: Viewport | None = None) -> None:
        """Show ``series_uid`` in ``viewport`` (default: the active one)."""
        target = viewport if viewport is not None else self.grid.active
        if self.series_of.get(id(target)) == series_uid and target.stack is not None:
            return
        self.thumbnails.set_current(series_uid)
        stack = self.stacks.get(series_uid)
        if stack is not None:
            self._put(target, series_uid, stack)
            return
        if target is self.grid.active:
            self.is_series_ready = False
        waiting = self._targets.setdefault(series_uid, [])
        if target not in waiting:
            waiting.append(target)
        for others in self._targets.values():
            if others is not waiting and target in others:
                others.remove(target)  # the newest request for a viewport wins
        self.status.setText(self.tr("Opening series…"))
        self.loader.show_series(series_uid)

    def put_stack(self, viewport: Viewport, series_uid: str, stack: ImageStack) -> None:
        """Show ``stack`` (one image set of ``series_uid``, of this study or a prior) in
        ``viewport``, cancelling what the viewport was waiting for (hanging protocols)."""
        for waiting in self._targets.values():
            if viewport in waiting:
                waiting.remove(viewport)
        self._put(viewport, series_uid, stack)

    def clear_viewport(self, viewport: Viewport, text: str) -> None:
        """Empty ``viewport`` and show ``text`` there."""
        for waiting in self._targets.values():
            if viewport in waiting:
                waiting.remove(viewport)
        self.series_of.pop(id(viewport), None)
        viewport.clear(text)

    def set_layout(self, rows: int, columns: int) -> None:
        self.grid.set_layout(rows, columns)
        self._watch_viewports()
        self.linker.watch()

    def apply_preset(self, key: int) -> None:
        """Number-key window: the modality's preset from the data file, else the image's
        own window number ``key``."""
        if not self.grid.active.apply_preset(key):
            self.status.setText(self.tr("No window on key %1 for this image.").replace(
                "%1", str(key)))

    def set_phi_hidden(self, hidden: bool) -> None:
        """Hide (or show) patient identification in the corners of every viewport."""
        self.phi_hidden = hidden
        for cell in self.grid.cells:
            cell.viewport.slice_view.show_phi = not hidden
        self.mpr.sync_overlays()

    def step_series(self, step: int) -> None:
        """Show the next (or previous) series of the strip in the active viewport."""
        uids = self.thumbnails.series_uids()
        if not uids:
            return
        current = self.current_series_uid
        index = uids.index(current) if current in uids else -step
        self.show_series(uids[(index + step) % len(uids)])

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
            if done and self.viewport.stack is None:  # the viewed slice arrives first
                QTimer.singleShot(50, self, lambda uid=series_uid: self._early_preview(uid))

    def _early_preview(self, series_uid: str) -> None:
        """The first downloaded image of the series (the viewed slice) while the rest
        arrives; a moment later, so the progress report itself never waits for a decode."""
        if not self.loader.cancelled and self.viewport.stack is None:
            self.preview.show(series_uid, self._targets.get(series_uid) or [self.viewport])

    def _on_cached(self, series_uid: str, result: DownloadResult) -> None:
        self.thumbnails.set_progress(series_uid, result.fetched + result.cached, result.total)
        self.thumbnails.set_state(series_uid, "partial" if result.failed else "cached")
        if series_uid == self.loader.wanted:
            self.progress.hide()
            if not self.is_series_ready:
                self.status.setText(self.tr("Decoding images…"))
                if self.viewport.stack is None:
                    self.viewport.show_message(self.tr("Decoding images…"))
                self.preview.show(series_uid, self._targets.get(series_uid) or [self.viewport])
        if result.failed:
            self.status.setText(
                self.tr("%n image(s) of a series could not be downloaded.", "", len(result.failed))
            )

    def _on_loaded(self, series_uid: str, result: LoadResult) -> None:
        stacks, errors = list(result.stacks), list(result.errors)
        targets = self._targets.pop(series_uid, None) or [self.grid.active]
        if not stacks:
            text = self.tr("This series has no image that can be displayed.")
            self.preview.discard(targets, text)
            for target in targets:
                target.show_message(text)
            self.status.setText(text)
            self.load_failed.emit(text)
            return
        stack = max(stacks, key=lambda s: s.count)
        self.stacks[series_uid] = stack
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
        log.info("series on screen: %d images", stack.count)
        for target in targets:
            self._put(target, series_uid, stack, announce=False)
            self.preview.settle(target)
        self.series_ready.emit(series_uid)

    def _put(
        self, target: Viewport, series_uid: str, stack: ImageStack, announce: bool = True
    ) -> None:
        target.set_stack(stack)
        self._prepare_view(target)
        self.series_of[id(target)] = series_uid
        self.panels.tools.show_on(target)
        if target is self.grid.active:
            self.panels.refresh_measurements()
            self.is_series_ready = True
            self.thumbnails.set_current(series_uid)
            self._update_view_info()
            if not isinstance(QApplication.focusWidget(), QPlainTextEdit):
                target.focus_image()
        if announce:
            self.series_ready.emit(series_uid)

    def _prepare_view(self, target: Viewport) -> None:
        target.slice_view.show_phi = not self.phi_hidden
        target.slice_view.show_overlays = self.overlays_shown

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
        waiting = self._targets.get(series_uid, []) if series_uid else []
        if stage == "study":
            waiting = [self.viewport]
        self.preview.discard(waiting, text)
        for target in waiting:
            if target.stack is None:
                target.show_message(text)
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {theme.ERROR_TEXT};")
        self.load_failed.emit(text)

    # -- helpers ---------------------------------------------------------------------------

    def _watch_viewports(self) -> None:
        for cell in self.grid.cells:
            viewport = cell.viewport
            if not viewport.property("watched"):
                viewport.setProperty("watched", True)
                viewport.key_filter = self.actions.dispatch
                viewport.mouse_tool = self.panels.tools
                viewport.view_changed.connect(
                    lambda v=viewport: self._update_view_info() if v is self.grid.active else None
                )

    def _on_active_changed(self, viewport: Viewport) -> None:
        self.is_series_ready = viewport.stack is not None
        uid = self.series_of.get(id(viewport))
        if uid is not None:
            self.thumbnails.set_current(uid)
        self.panels.refresh_measurements()
        self._update_view_info()

    def _update_view_info(self) -> None:
        sv, stack = self.viewport.slice_view, self.viewport.stack
        if stack is None:
            self.view_info.clear()
            return
        self.loader.focus(self.current_series_uid, sv.slice_index)  # download near it first
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
        self.cine.stop()
        self.mpr.exit()
        self.panels.close_all()
        window_state.save(self, "viewer", self.splitter)
        super().closeEvent(event)
        self.closed.emit()
        # The viewports' GL windows go now, while the display connection is open: a
        # window released only at interpreter exit would talk to a closed display.
        self.grid.shutdown()
