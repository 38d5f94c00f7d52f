"""What a signed-in session runs beside its windows: downloads, offline state, outbox.

Built by the application controller once the reader's cache is open (online, or unlocked
offline), it owns:

* the session's download queue (:class:`DownloadCenter`), shared by every viewer, with
  the worklist as its source of studies to fetch ahead;
* the connectivity watch and the offline banners of the worklist and viewer windows;
* the report outbox: while the hub is unreachable a submitted report is kept there
  (sealed, see ``services/outbox.py``) and sent when the hub answers again;
* the offline sign-in verifier and the worklist snapshot, refreshed while online;
* the "Local data" menu and, at sign-out, the purge the reader may have asked for.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from workstation.cache.purge import purge_user
from workstation.core.report import ReportDraft, ReportKind
from workstation.core.study import UserInfo, WorklistItem
from workstation.hub.errors import HubUnreachable
from workstation.services.connectivity import (
    Connectivity,
    ConnectivityMonitor,
    Probe,
    health_probe,
)
from workstation.services.object_http import HttpObjectFetcher
from workstation.services.offline_login import (
    OfflineSession,
    remember_sign_in,
    save_worklist_snapshot,
    unlock_offline,
)
from workstation.services.offline_study import offline_worklist
from workstation.services.outbox import IncompleteReport, Outbox, OutboxState
from workstation.services.report_submission import (
    SubmissionReceipt,
    SubmissionStatus,
    submit_report,
)
from workstation.ui import settings_values
from workstation.ui.cache_actions import CacheActions, purge_at_signout
from workstation.ui.cache_session import CacheSession, cache_root, hub_host_port
from workstation.ui.download_center import DownloadCenter
from workstation.ui.offline_banner import ConnectivityWatch, install_banner
from workstation.ui.workers import TaskRunner
from workstation.ui.worklist_model import outbox_states

log = logging.getLogger(__name__)


def unlock_for(base: Path, hub_url: str, username: str, password: str) -> OfflineSession:
    """Offline unlock of ``username``'s cache for ``hub_url`` (the folder and keychain
    entry an online sign-in uses), under the reader's cache limits. Blocking (scrypt,
    reading cached headers): call from a worker thread."""
    host, _port = hub_host_port(hub_url)
    session = unlock_offline(cache_root(base, hub_url, username), f"{username}@{host}",
                             username, password, policy=settings_values.cache_policy())
    # The last worklist, and every study cached on this machine it does not list.
    try:
        session.worklist = offline_worklist(session.store, session.worklist)
    except BaseException:
        session.store.close()
        raise
    return session


def start_services(client: Any, cache: CacheSession, user: UserInfo, hub_url: str, *,
                   probe: Probe | ConnectivityMonitor | None, own_client: bool,
                   offline: OfflineSession | None = None,
                   parent: QObject | None = None) -> SessionServices:
    """The services of a session whose cache just opened (``offline``: unlocked without
    the hub). ``probe`` checks the hub's health, or is a ready monitor (None: the hub's
    health endpoint for a client built here, else no offline detection); a client
    the application built itself gets the Range-resuming, pooled object fetcher."""
    if probe is None and own_client:
        probe = health_probe(hub_url)
    monitor = probe if isinstance(probe, ConnectivityMonitor) else (
        ConnectivityMonitor(probe) if probe is not None else None)
    watch = ConnectivityWatch(monitor)
    host, _port = hub_host_port(hub_url)
    fetcher = HttpObjectFetcher() if own_client else None
    return SessionServices(
        client, cache, user, user_ref=f"{user.username}@{host}", watch=watch,
        fetcher=fetcher, offline_items=None if offline is None else offline.worklist,
        snapshot_time=None if offline is None else offline.snapshot_time, parent=parent)


def _done(_result: None) -> bool:
    """A task's result is never None: PySide drops one reference too many of a None sent
    through a queued signal, and enough of them crash the interpreter at exit."""
    return True


def offline_user(username: str) -> UserInfo:
    """Who works offline when the verifier kept no profile."""
    return UserInfo(username, username, "", (), ())


class WorklistSource:
    """The worklist window's ``fetch``: the hub while online, the last snapshot offline."""

    def __init__(self, fetch: Callable[..., list[WorklistItem]],
                 on_unreachable: Callable[[], None]) -> None:
        self._fetch = fetch
        self._on_unreachable = on_unreachable
        self.offline = False
        self.snapshot: list[WorklistItem] = []

    def __call__(self, **params: Any) -> list[WorklistItem]:
        if self.offline:
            return list(self.snapshot)
        try:
            return self._fetch(**params)
        except HubUnreachable:
            self._on_unreachable()
            raise


class SessionServices(QObject):
    """See the module docstring. ``offline_items`` (with ``snapshot_time``) is the
    worklist snapshot of an offline unlock: the session then starts offline and asks the
    reader to sign in once the hub answers."""

    _unreachable = Signal()

    def __init__(self, client: Any, cache: CacheSession, user: UserInfo, *, user_ref: str,
                 watch: ConnectivityWatch, fetcher: Any = None,
                 offline_items: list[WorklistItem] | None = None,
                 snapshot_time: float | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.cache = cache
        self.user = user
        self.user_ref = user_ref
        self.watch = watch
        self.needs_sign_in = offline_items is not None
        self._runner = TaskRunner(self, max_threads=1)
        self._unreachable.connect(watch.report_unreachable, Qt.ConnectionType.QueuedConnection)
        self.downloads = DownloadCenter(client, cache.store, fetcher=fetcher, parent=self)
        self.downloads.finished.connect(self._on_download_finished)
        self.source = WorklistSource(client.worklist, self._unreachable.emit)
        self.outbox = Outbox(cache.store.records, client)
        self._remove_outbox: Callable[[], None] | None = None
        if watch.monitor is not None:
            self._remove_outbox = watch.monitor.add_listener(self.outbox.on_connectivity)
        if offline_items is not None:
            self.source.snapshot = list(offline_items)
            watch.snapshot_time = snapshot_time
            watch.set_state(Connectivity.OFFLINE)
        self._apply(watch.state)
        watch.changed.connect(self._on_changed)
        self.guard: Any = None
        self.desk: Any = None
        self.window: Any = None
        self.cache_actions: CacheActions | None = None

    # -- wiring ---------------------------------------------------------------------------
    def attach_worklist(self, window: Any) -> None:
        """Banner and "Local data" menu in the worklist (before it shows); snapshots."""
        self.window = window
        self.downloads.worklist = window.model.items
        install_banner(window, self.watch)
        self.cache_actions = CacheActions(window, self.cache.store, window.status_label.setText)
        window.worklist_loaded.connect(self._snapshot)
        self._outbox_flushing = False
        self._outbox_timer = QTimer(self)
        self._outbox_timer.setInterval(2000)
        self._outbox_timer.timeout.connect(self._outbox_tick)
        self._outbox_timer.start()

    def _outbox_tick(self) -> None:
        """The outbox state in the worklist rows; while online, send what is due (each
        entry keeps its own backoff, see ``Outbox.flush``)."""
        outbox = self.outbox
        if self.window is not None:
            self.window.model.set_outbox_states(outbox_states(outbox.entries()))
        if self._outbox_flushing or self.watch.offline or self.needs_sign_in \
                or not outbox.entries(OutboxState.PENDING):
            return
        self._outbox_flushing = True

        def done(_result: object) -> None:
            self._outbox_flushing = False

        self._runner.start(lambda _r: outbox.flush(), done, lambda _exc: done(None))

    def attach_desk(self, desk: Any, guard: Any) -> None:
        self.desk = desk
        self.guard = guard
        desk.submit = self.submit
        desk.report_outbox = self.outbox
        desk.prepare_viewer = lambda viewer: install_banner(viewer, self.watch)

    def start(self) -> None:
        self.watch.start()

    def remember_password(self, username: str, password: str) -> None:
        """Keep the offline verifier (only for a cache whose key outlives the session:
        a session-only cache cannot be unlocked offline anyway)."""
        if self.cache.temporary_root is not None or not password:
            return
        store, user = self.cache.store, self.user
        self._runner.start(lambda _r: _done(remember_sign_in(store, username, password, user)),
                           None, lambda exc: log.warning("offline verifier not kept: %s",
                                                         type(exc).__name__))

    # -- reports --------------------------------------------------------------------------
    def submit(self, draft: ReportDraft) -> SubmissionReceipt:
        """The report panel's submit (runs on its worker thread): the hub when online,
        the outbox when not, or when the hub turns out to be unreachable."""
        if not self.watch.offline and not self.needs_sign_in:
            receipt = submit_report(self.client, draft)
            if receipt.status is SubmissionStatus.UNREACHABLE:
                self._unreachable.emit()
            elif not (receipt.status is SubmissionStatus.FAILED and receipt.retryable):
                return receipt  # sent, or refused for a reason no retry can fix
        return self.keep_in_outbox(draft)

    def keep_in_outbox(self, draft: ReportDraft) -> SubmissionReceipt:
        if draft.kind is ReportKind.DRAFT:
            return SubmissionReceipt(SubmissionStatus.UNREACHABLE, retryable=True, message=(
                "The hub cannot be reached; the draft stays on this computer."))
        try:
            entry = self.outbox.enqueue(draft)
        except IncompleteReport as exc:
            return SubmissionReceipt(SubmissionStatus.INCOMPLETE, missing=tuple(exc.missing),
                                     message="Findings and impression are required.")
        log.info("report kept in the outbox")
        return SubmissionReceipt(
            SubmissionStatus.SUBMITTED,
            message="Kept in the outbox; it is sent when the hub can be reached.",
            response={"queued": True, "outbox_id": entry.entry_id},
        )

    # -- connectivity ---------------------------------------------------------------------
    def _apply(self, state: Connectivity) -> None:
        self.downloads.offline = state is Connectivity.OFFLINE
        self.source.offline = self.needs_sign_in  # no session yet: the snapshot is all

    def _on_changed(self, state: Connectivity) -> None:
        self._apply(state)
        if state is not Connectivity.ONLINE:
            return
        if self.needs_sign_in and self.guard is not None:
            self.guard.username = self.user.username
            self.guard.session_lost(self._back_online)  # the sign-in dialog, non-blocking
        elif not self.needs_sign_in:
            self._back_online()

    def _on_download_finished(self, _job: Any, result: Any) -> None:
        if isinstance(result.listing_error, HubUnreachable):
            self.watch.report_unreachable()  # probe with backoff now, not in 30 s

    def _back_online(self) -> None:
        log.info("back online")
        self.needs_sign_in = False
        self.watch.snapshot_time = None
        self._apply(self.watch.state)
        if self.window is not None:
            self.window.refresh(quiet=True)
        viewer = getattr(self.desk, "viewer_window", None)
        if viewer is not None:
            viewer.loader.resume()
        outbox = self.outbox
        self._runner.start(lambda _r: outbox.flush(force=True))

    def _snapshot(self, _count: int) -> None:
        if self.source.offline or self.window is None:
            return
        items, store = self.window.model.items(), self.cache.store
        self._runner.start(lambda _r: _done(save_worklist_snapshot(store, items)), None,
                           lambda exc: log.warning("worklist snapshot not kept: %s",
                                                   type(exc).__name__))

    # -- the end --------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop downloads and the monitor (the cache stays open: see ``close_cache``)."""
        timer = getattr(self, "_outbox_timer", None)
        if timer is not None:
            timer.stop()
        if self._remove_outbox is not None:
            self._remove_outbox()
            self._remove_outbox = None
        self.watch.stop()
        self.downloads.shutdown()
        if self.cache_actions is not None:
            self.cache_actions.wait(5000)
        self._runner.wait(5000)

    def close_cache(self) -> None:
        """Close the cache, or purge it when the reader asked for that at sign-out."""
        if not purge_at_signout():
            self.cache.close()
            return
        if not purge_user(self.cache.store, self.user_ref):
            log.warning("local data purged, but the keychain kept the cache key")
        if self.cache.temporary_root is not None:
            shutil.rmtree(self.cache.temporary_root, ignore_errors=True)
        log.info("local data purged at sign-out")
