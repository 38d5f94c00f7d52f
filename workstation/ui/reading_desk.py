"""The open study and everything around it: viewer, reading lock, next study, STAT badge.

One study is open at a time. Opening it takes its reading lock (off the UI thread); when
another reader holds the lock the study opens read-only and says who has it. Closing the
viewer or signing the report gives the lock back. A new study never silently replaces
typed, unsent report text.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from workstation.cache.store import EncryptedStore
from workstation.core.study import UserInfo, WorklistItem
from workstation.hub.vocabulary import Permission
from workstation.services.report_submission import SubmissionReceipt, SubmissionStatus
from workstation.ui.download_center import DownloadCenter
from workstation.ui.next_study import next_unread
from workstation.ui.report_flows import ReportContext
from workstation.ui.session_guard import SessionGuard
from workstation.ui.study_claim import ClaimState, StudyClaim
from workstation.ui.viewer_window import ViewerWindow
from workstation.ui.workers import TaskRunner
from workstation.ui.worklist_model import local_clock
from workstation.ui.worklist_window import WorklistWindow

log = logging.getLogger(__name__)


class ReadingDesk(QObject):
    """Opens studies from the worklist. ``viewer_opened(ViewerWindow)`` for each one."""

    viewer_opened = Signal(object)

    def __init__(
        self,
        client: Any,
        store: EncryptedStore,
        worklist: WorklistWindow,
        user: UserInfo,
        guard: SessionGuard,
        parent: QObject | None = None,
        *,
        downloads: DownloadCenter | None = None,
    ) -> None:
        super().__init__(parent)
        self.downloads = downloads  # the session's download queue (None: one per viewer)
        self.submit: Callable[[Any], SubmissionReceipt] | None = None  # e.g. via the outbox
        self.prepare_viewer: Callable[[ViewerWindow], None] | None = None  # before it shows
        self.report_outbox: Any = None  # the session's outbox, for its state in the panel
        self.sign_code: Callable[[str], bool] | None = None  # when the hub asks at signing
        self._client = client
        self._store = store
        self._worklist = worklist
        worklist.cache_store = store  # for the worklist's export actions
        self._user = user
        self._guard = guard
        self._runner = TaskRunner(self, max_threads=2)
        self._stat_count = 0
        self._closing = False
        self._visited: set[str] = set()  # opened this session, for "Next study"
        self.viewer_window: ViewerWindow | None = None
        self.claim: StudyClaim | None = None
        worklist.open_requested.connect(self.open_study)
        worklist.next_requested.connect(self.open_next_study)
        worklist.stat_count.connect(self._on_stat_count)
        worklist.new_stat.connect(self._on_new_stat)

    # -- opening ---------------------------------------------------------------------------

    def open_study(self, item: WorklistItem) -> ViewerWindow | None:
        """Open ``item`` in a new viewer (closing the current one); None if the reader
        chose to keep an unsent report. The study already open is just brought forward."""
        current = self.viewer_window
        if current is not None and current.item.study_uid == item.study_uid:
            if current.isMinimized():
                current.showNormal()
            current.raise_()
            current.activateWindow()
            return current
        if not self._may_close_viewer():
            return None
        if self.viewer_window is not None:
            self.viewer_window.close()
        submit = self.submit or functools.partial(_submit_report, self._client)
        viewer = ViewerWindow(item, client=self._client, store=self._store, submit=submit,
                              downloads=self.downloads)
        panel = viewer.report_panel
        panel.submitted.connect(lambda r, v=viewer: self._on_report_submitted(v, r))
        panel.submit_failed.connect(lambda r, p=panel: self._on_report_failed(p, r))
        viewer.session_expired.connect(lambda v=viewer: self._guard.session_lost(v.resume))
        viewer.next_requested.connect(self.open_next_study)
        viewer.closed.connect(lambda v=viewer: self._on_viewer_closed(v))
        viewer.stat_counter.set_count(self._stat_count)
        viewer.stat_counter.clicked.connect(self.show_worklist_stat)
        self.viewer_window = viewer
        self._visited.add(item.study_uid)
        self._worklist.study_opened(item.study_uid)
        panel.configure(ReportContext(records=self._store.records, hub=self._client,
                                      user=self._user, outbox=self.report_outbox,
                                      sign_code=self.sign_code))
        if not (self._may(Permission.SIGN_FINAL) or self._may(Permission.WRITE_PRELIMINARY)):
            viewer.set_read_only(self.tr("Read-only: your role does not sign reports."))
        if self.prepare_viewer is not None:
            self.prepare_viewer(viewer)
        viewer.show()
        viewer.start()
        if self._may(Permission.CLAIM):
            self._claim(viewer, item)
        self.viewer_opened.emit(viewer)
        return viewer

    def open_next_study(self) -> ViewerWindow | None:
        """Open the next unread study in priority order (see :mod:`next_study`)."""
        viewer = self.viewer_window
        current = viewer.item.study_uid if viewer is not None else None
        item = next_unread(
            self._worklist.model.items(), current, self._user.username, self._visited
        )
        if item is None:
            text = self.tr("No unread study is waiting on the worklist (with its filters).")
            self._worklist.status_label.setText(text)
            if viewer is not None:
                viewer.status.setText(text)
            return None
        return self.open_study(item)

    def show_worklist_stat(self) -> None:
        """The reader clicked a STAT badge: bring the worklist up at the STAT study."""
        window = self._worklist
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()
        window.select_first_stat()

    def shutdown(self) -> None:
        self._closing = True
        viewer = self.viewer_window
        if viewer is not None:
            viewer.loader.cancel()
            viewer.close()
            viewer.loader.wait(5000)
        self._runner.wait(5000)

    # -- reading lock ----------------------------------------------------------------------

    def _claim(self, viewer: ViewerWindow, item: WorklistItem) -> None:
        claim = StudyClaim(self._client, item.study_uid, self._runner, self)
        claim.changed.connect(lambda v=viewer, c=claim: self._show_claim(v, c))
        claim.item_changed.connect(self._worklist.update_item)
        claim.session_lost.connect(lambda c=claim: self._guard.session_lost(c.claim))
        self.claim = claim
        claim.claim()

    def _show_claim(self, viewer: ViewerWindow, claim: StudyClaim) -> None:
        if self.viewer_window is not viewer:
            return
        state = claim.state
        if state is ClaimState.PENDING:
            viewer.set_claim_text(self.tr("Taking the reading lock…"))
        elif state is ClaimState.MINE:
            until = local_clock(claim.expires_at)
            text = (
                self.tr("Reading lock: yours until %1").replace("%1", until)
                if until
                else self.tr("Reading lock: yours")
            )
            viewer.set_claim_text(text, "ok")
            viewer.claim_label.setToolTip(
                self.tr("Renewed automatically while the study stays open.")
            )
        elif state is ClaimState.HELD:
            holder = claim.holder or viewer.item.claimed_by
            if holder:
                reason = self.tr("Read-only: %1 is reading this study.").replace("%1", holder)
                self._worklist.update_item(
                    replace(viewer.item, claimed_by=holder, claim_expires_at=claim.expires_at)
                )
            else:
                reason = self.tr("Read-only: %1").replace("%1", claim.message)
            viewer.set_claim_text(self.tr("Held by %1").replace("%1", holder or "?"), "warn")
            until = local_clock(claim.expires_at)
            viewer.claim_label.setToolTip(
                self.tr("Their reading lock runs until %1.").replace("%1", until) if until else ""
            )
            viewer.set_read_only(reason)
        elif state is ClaimState.FAILED:
            viewer.set_claim_text(self.tr("No reading lock"), "warn")
            viewer.claim_label.setToolTip(
                self.tr(
                    "The reading lock could not be taken (%1); another reader could open "
                    "this study at the same time."
                ).replace("%1", claim.message or "?")
            )
        else:
            viewer.set_claim_text("")

    def _release(self, claim: StudyClaim | None, item: WorklistItem, refresh: bool) -> None:
        if claim is None:
            if refresh:
                self._refresh_worklist()
            return
        if claim.is_mine and not self._closing:
            self._worklist.update_item(replace(item, claimed_by="", claim_expires_at=None))

        def released(c: StudyClaim = claim) -> None:
            c.deleteLater()
            if refresh:
                self._refresh_worklist()

        claim.release(released)

    def _refresh_worklist(self) -> None:
        if not self._closing:
            self._worklist.refresh(quiet=True)

    # -- viewer events ---------------------------------------------------------------------

    def _on_report_submitted(self, viewer: ViewerWindow, _receipt: SubmissionReceipt) -> None:
        claim = self.claim if self.viewer_window is viewer else None
        if claim is not None:
            self.claim = None
        viewer.set_claim_text("")
        self._release(claim, viewer.item, refresh=True)

    def _on_report_failed(self, panel: Any, receipt: SubmissionReceipt) -> None:
        if receipt.status is SubmissionStatus.SESSION_EXPIRED:
            self._guard.session_lost(panel.session_restored)

    def _on_viewer_closed(self, viewer: ViewerWindow) -> None:
        if self.viewer_window is viewer:
            self.viewer_window = None
            claim, self.claim = self.claim, None
            self._release(claim, viewer.item, refresh=False)
            self._guard.move_dialog(self._worklist)
        viewer.deleteLater()

    def _may_close_viewer(self) -> bool:
        viewer = self.viewer_window
        if viewer is None or not viewer.report_panel.has_unsent_text():
            return True
        answer = QMessageBox.question(
            viewer,
            self.tr("Unsent report"),
            self.tr(
                "The report of the open study has not been sent. Close the study and "
                "discard the text?"
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Discard:
            return False
        viewer.report_panel.flows.discard_draft()  # not restored when the study reopens
        return True

    # -- STAT ------------------------------------------------------------------------------

    def _on_stat_count(self, count: int) -> None:
        self._stat_count = count
        if self.viewer_window is not None:
            self.viewer_window.stat_counter.set_count(count)

    def _on_new_stat(self, _items: list[WorklistItem]) -> None:
        if self.viewer_window is not None:
            self.viewer_window.stat_counter.flash()

    def _may(self, permission: Permission) -> bool:
        """Permissions unknown (an older hub sends none) count as allowed; the hub decides."""
        return not self._user.permissions or self._user.can(permission)


def _submit_report(client: Any, draft: Any) -> SubmissionReceipt:
    from workstation.services.report_submission import submit_report

    return submit_report(client, draft)
