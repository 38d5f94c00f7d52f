"""The application flow: sign in, then the worklist, then a viewer per opened study.

:func:`build_main` returns an :class:`AppController` with the login dialog already on
screen; everything after that is driven by signals, which is also how tests follow it::

    controller = build_main(hub_url, demo_user=DEMO_READER, cache_base=tmp_path)
    with qtbot.waitSignal(controller.signed_in, timeout=30_000):
        controller.sign_in("dr.demo", "...", DEMO_READER.totp().now())
    qtbot.waitUntil(lambda: controller.worklist_window.is_loaded, timeout=30_000)
    viewer = controller.open_study(controller.worklist_window.model.item(0))
    qtbot.waitUntil(lambda: viewer.is_series_ready, timeout=120_000)
    viewer.viewport.slice_view ...; viewer.report_panel.submit()  # no confirmation
    qtbot.waitSignal(viewer.report_panel.submitted)
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QWidget

from workstation.core.study import UserInfo, WorklistItem
from workstation.services import export_audit, report_print_audit
from workstation.ui.application import create_application, quit_on_sigint
from workstation.ui.cache_session import CacheSession, default_cache_base, hub_host_port, open_cache
from workstation.ui.demo_hint import DemoAccount
from workstation.ui.idle_lock_session import SessionSecurity, TokenKeeper, tls_settings
from workstation.ui.local_import import install_open_local
from workstation.ui.login_dialog import LoginDialog
from workstation.ui.reading_desk import ReadingDesk
from workstation.ui.server_profiles import (
    HUB,
    ProfileStore,
    add_servers_action,
    attach_profile_button,
)
from workstation.ui.session_guard import SessionGuard
from workstation.ui.session_services import (
    SessionServices,
    offline_user,
    start_services,
    unlock_for,
)
from workstation.ui.viewer_window import ViewerWindow
from workstation.ui.workers import TaskRunner
from workstation.ui.worklist_window import WorklistWindow

log = logging.getLogger(__name__)

LAST_HUB_KEY = "hub/last_url"
LAST_USER_KEY = "login/last_username"


class Stoppable(Protocol):
    def stop(self) -> None: ...


class AppController(QObject):
    """Owns the hub client, the reader's cache and the three kinds of window.

    Attributes: ``login_dialog`` (while signing in), ``worklist_window`` and ``user``
    (after sign-in), ``viewer_window`` (the open study, else ``None``), ``cache``,
    ``desk`` (the open study's lock and viewer), ``session`` (re-login after the hub
    ended the session). Signals: ``signed_in(UserInfo)`` once the cache is open and the
    worklist shows; ``viewer_opened(ViewerWindow)``.
    """

    signed_in = Signal(object)
    viewer_opened = Signal(object)
    profile_chosen = Signal(object)  # a server profile picked in File ▸ Servers… (None: hub)

    def __init__(
        self,
        hub_base_url: str,
        *,
        client: Any = None,
        demo_user: DemoAccount | None = None,
        cache_base: Path | None = None,
        running_hub: Stoppable | None = None,
        remember_hub: bool = True,
        probe: Any = None,
    ) -> None:
        super().__init__()
        # The hub's health probe drives the offline banner (None: never shown offline).
        self.own_client = client is None
        self.probe = probe
        if client is None:
            from workstation.hub.client import HubClient

            client = HubClient(hub_base_url, **tls_settings())  # CA bundle, key pin
        self.hub_url = hub_base_url
        self.client = client
        self.demo_user = demo_user
        self._cache_base = cache_base or default_cache_base()
        self._running_hub = running_hub
        self._remember_hub = remember_hub and demo_user is None
        self._runner = TaskRunner(self, max_threads=2)
        self.login_dialog: LoginDialog | None = None
        self.worklist_window: WorklistWindow | None = None
        self.desk: ReadingDesk | None = None
        self.user: UserInfo | None = None
        self.cache: CacheSession | None = None
        self._notice_shown = False
        self.services: SessionServices | None = None
        self._password: tuple[str, str] | None = None  # until the offline verifier is kept
        self.security: SessionSecurity | None = None  # idle lock and client audit trail
        self._export_sink: export_audit.AuditSink | None = None
        self._print_sink: report_print_audit.PrintSink | None = None
        if self._remember_hub and hasattr(client, "on_refresh_token"):
            client.on_refresh_token = TokenKeeper(client, hub_base_url)  # OS keychain
        self._shut_down = False
        host, port = hub_host_port(hub_base_url)
        self.session = SessionGuard(
            client, hub_label=f"{host}:{port}", demo_user=demo_user, parent=self
        )
        self.session.dialog_parent = self._dialog_parent
        self.session.signed_out.connect(self._on_signed_out)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # -- sign-in ---------------------------------------------------------------------------

    def start(self) -> None:
        """Show the sign-in dialog (and resume a session kept in the keychain, if any)."""
        self._show_login()
        self._resume()

    def _resume(self) -> None:
        """Sign in silently with the refresh token kept in the OS keychain by TokenKeeper."""
        keeper = getattr(self.client, "on_refresh_token", None)
        username = str(QSettings().value(LAST_USER_KEY, "") or "")
        if not isinstance(keeper, TokenKeeper) or not username:
            return
        self._runner.start(lambda _r: keeper.resume(username), self._on_resumed,
                           lambda _exc: None)

    def _on_resumed(self, user: UserInfo | None) -> None:
        if user is not None and self.user is None and self.login_dialog is not None:
            self._on_signed_in(user)

    @property
    def audit(self) -> Any:
        """The session's ``ClientAudit`` (``audit.record(event, study_uid, **details)``),
        None before sign-in."""
        return self.security.audit if self.security is not None else None

    @property
    def viewer_window(self) -> ViewerWindow | None:
        return self.desk.viewer_window if self.desk is not None else None

    def sign_in(self, username: str, password: str, code: str) -> None:
        """Fill the open sign-in (or re-login) dialog and press Sign in, for scripted use."""
        dialog = self.login_dialog or self.session.dialog
        if dialog is None:
            raise RuntimeError("no sign-in dialog is open")
        dialog.username.setText(username)
        dialog.password.setText(password)
        dialog.code.setText(code)
        dialog.submit()

    def _show_login(self) -> None:
        host, port = hub_host_port(self.hub_url)
        username = str(QSettings().value(LAST_USER_KEY, "") or "")
        if self.demo_user is not None:
            username = ""
        dialog = LoginDialog(
            self.client,
            hub_label=f"{host}:{port}",
            demo_user=self.demo_user,
            username=username,
            offline_unlock=lambda u, p, b=self._cache_base: unlock_for(b, self.hub_url, u, p),
        )
        dialog.password_verified.connect(lambda u, p: setattr(self, "_password", (u, p)))
        dialog.offline_unlocked.connect(self._on_offline_unlocked)
        dialog.signed_in.connect(self._on_signed_in)
        dialog.rejected.connect(self._on_login_cancelled)
        attach_profile_button(dialog, self.profile_chosen.emit)
        self.login_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def sign_in_as(self, user: UserInfo) -> None:
        """Open the cache and the worklist for ``user`` without a sign-in dialog: for a
        source whose credentials are in its server profile (a DICOMweb archive)."""
        self._on_signed_in(user)

    def _on_signed_in(self, user: UserInfo) -> None:
        self.user = user
        self.session.username = user.username
        base, url = self._cache_base, self.hub_url
        self._runner.start(
            lambda _r: open_cache(base, url, user.username),
            self._on_cache_open,
            self._on_cache_failed,
        )

    def _on_offline_unlocked(self, offline: Any) -> None:
        """Signed in against the local cache only: the last worklist, cached studies."""
        dialog = self.login_dialog
        name = dialog.username.text().strip() if dialog is not None else ""
        self.user = offline.user or offline_user(name)
        self.session.username = self.user.username
        self._on_cache_open(CacheSession(offline.store), offline)

    def _on_cache_open(self, cache: CacheSession, offline: Any = None) -> None:
        assert self.user is not None
        self.cache = cache
        services = start_services(self.client, cache, self.user, self.hub_url, probe=self.probe,
                                  own_client=self.own_client, offline=offline, parent=self)
        self.services = services
        if self._password is not None:
            services.remember_password(*self._password)
            self._password = None
        settings = QSettings()
        settings.setValue(LAST_USER_KEY, self.user.username)
        if self._remember_hub:
            settings.setValue(LAST_HUB_KEY, self.hub_url)
        window = WorklistWindow(services.source, self.user)
        services.attach_worklist(window)
        window.session_expired.connect(lambda w=window: self.session.session_lost(w.refresh))
        window.closed.connect(self._on_worklist_closed)
        self.worklist_window = window
        self.desk = ReadingDesk(self.client, cache.store, window, self.user, self.session, self,
                                downloads=services.downloads)
        services.attach_desk(self.desk, self.session)
        self.security = SessionSecurity(self, cache_base=self._cache_base, store=cache.store,
                                        parent=self)
        self.security.watch(window, self.desk)
        # Every export (anonymized, key images, patient data) lands in the client audit
        # trail sent to the hub (KVKK art. 12, GDPR art. 30); a failing queue fails the export.
        self._export_sink = export_audit.client_audit_sink(self.security.audit.record)
        export_audit.connect_audit(self._export_sink)
        self._print_sink = report_print_audit.client_audit_sink(self.security.audit.record)
        report_print_audit.connect_audit(self._print_sink)  # every print too (Ctrl+Shift+P)
        self.desk.viewer_opened.connect(self.viewer_opened)
        if cache.message and not self._notice_shown:
            self._notice_shown = True
            window.show_notice(self._key_notice(cache.message))
        install_open_local(window)
        add_servers_action(window, self.profile_chosen.emit)
        window.show()
        window.refresh()
        services.start()
        self._close_login()
        log.info("signed in; worklist shown")
        self.signed_in.emit(self.user)

    def _key_notice(self, message: str) -> str:
        """The cache-key message in the reader's language (the key store speaks English)."""
        from workstation.cache import keys

        if message == keys.SESSION_ONLY_MESSAGE:
            return self.tr(
                "No system keychain is available, so the image cache is encrypted with a key "
                "that exists only until you close the workstation. Studies you open will be "
                "downloaded again next time."
            )
        if message == keys.REPLACED_MESSAGE:
            return self.tr(
                "The image cache key in the system keychain was unreadable and has been "
                "replaced. Previously cached studies will be downloaded again."
            )
        return message

    def _on_cache_failed(self, exc: BaseException) -> None:
        log.error("image cache could not be opened: %s", type(exc).__name__)
        self._password = None  # no verifier without a cache: forget it now
        if self.login_dialog is not None:
            self.login_dialog.show_message(
                self.tr(
                    "Signed in, but the image cache could not be opened (%1). Check the "
                    "disk and try again."
                ).replace("%1", type(exc).__name__),
                "error",
            )

    def _close_login(self) -> None:
        dialog, self.login_dialog = self.login_dialog, None
        if dialog is not None:
            dialog.accept()
            dialog.deleteLater()

    def _on_login_cancelled(self) -> None:
        self.login_dialog = None
        app = QApplication.instance()
        if self.worklist_window is None and app is not None:
            # Deferred: the dialog may be closing because the application already quits.
            QTimer.singleShot(0, app.quit)

    def _on_signed_out(self, signed_out: bool) -> None:
        if self.worklist_window is not None:
            self.worklist_window.set_signed_out(signed_out)

    def _dialog_parent(self) -> QWidget | None:
        """The re-login dialog sits over the open study, else over the worklist."""
        viewer = self.viewer_window
        if viewer is not None and viewer.isVisible():
            return viewer
        return self.worklist_window

    # -- studies ---------------------------------------------------------------------------

    def open_study(self, item: WorklistItem | str) -> ViewerWindow | None:
        """Open ``item`` (or the worklist row with that study UID) in the viewer; None when
        the reader chose to keep the open study's unsent report."""
        if isinstance(item, str):
            item = self._find_item(item)
        if self.desk is None:
            raise RuntimeError("not signed in")
        return self.desk.open_study(item)

    def open_next_study(self) -> ViewerWindow | None:
        """What Ctrl+N does: the next unread study in priority order."""
        if self.desk is None:
            raise RuntimeError("not signed in")
        return self.desk.open_next_study()

    def _find_item(self, study_uid: str) -> WorklistItem:
        window = self.worklist_window
        row = window.model.row_of(study_uid) if window is not None else -1
        if window is None or row < 0:
            raise LookupError("the study is not on the worklist")
        return window.model.item(row)

    def _on_worklist_closed(self) -> None:
        """The worklist is the main window: closing it closes the others, and with the
        last window gone the application quits."""
        if self.viewer_window is not None:
            self.viewer_window.close()
        if self.login_dialog is not None:
            self.login_dialog.close()
        if self.session.dialog is not None:
            self.session.dialog.close()

    # -- shutdown --------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Cancel downloads, end the hub session, close the cache, stop an in-process hub."""
        if self._shut_down:
            return
        self._shut_down = True
        if self.desk is not None:
            self.desk.shutdown()  # closes the viewer and gives its reading lock back
        if self.services is not None:
            self.services.shutdown()  # downloads, connectivity monitor
        self.session.shutdown()
        dialog, self.login_dialog = self.login_dialog, None
        if dialog is not None:  # deleted here, on the UI thread, with its timers
            dialog.hide()
            dialog.deleteLater()
        if self.worklist_window is not None:
            self.worklist_window.stop()
            opener = getattr(self.worklist_window, "local_opener", None)
            if opener is not None:
                opener.close()  # local studies' viewers and their temporary cache
        self._runner.wait(5000)
        if self._export_sink is not None:
            export_audit.disconnect_audit(self._export_sink)
            self._export_sink = None
        if self._print_sink is not None:
            report_print_audit.disconnect_audit(self._print_sink)
            self._print_sink = None
        if self.security is not None:
            self.security.shutdown()  # records the sign-out and sends the audit queue
        if self.user is not None:
            _bounded(self.client.logout, 3.0)
        close_client = getattr(self.client, "close", None)
        if callable(close_client):
            close_client()
        if self.cache is not None:
            if self.services is not None:
                self.services.close_cache()  # or purges it, as the reader chose
            else:
                self.cache.close()
        if self._running_hub is not None:
            self._running_hub.stop()
        log.info("shut down")


def _bounded(call: Any, seconds: float) -> None:
    """Run a best-effort network call at exit without waiting for it indefinitely."""

    def run() -> None:
        try:
            call()
        except Exception as exc:  # noqa: BLE001 - exit must go on whatever the hub says
            log.info("sign-out at exit failed: %s", type(exc).__name__)

    thread = threading.Thread(target=run, name="logout", daemon=True)
    thread.start()
    thread.join(seconds)


def build_main(
    hub_base_url: str,
    *,
    demo_user: DemoAccount | None = None,
    client: Any = None,
    cache_base: Path | None = None,
    running_hub: Stoppable | None = None,
) -> AppController:
    """Create (or reuse) the QApplication and a controller with the sign-in dialog shown.

    ``cache_base`` replaces the platform cache folder (tests pass a temporary one);
    ``running_hub`` is stopped when the application quits.
    """
    create_application()
    controller = AppController(
        hub_base_url,
        client=client,
        demo_user=demo_user,
        cache_base=cache_base,
        running_hub=running_hub,
    )
    controller.start()
    return controller


def last_hub_url() -> str | None:
    value = QSettings().value(LAST_HUB_KEY, "")
    return str(value) if value else None


def run_app(hub_url: str | None = None) -> int:
    """Run the workstation against ``hub_url`` (default: the last hub signed in to)."""
    app = create_application()
    quit_on_sigint(app)
    url = hub_url or last_hub_url()
    on_archive = hub_url is None and ProfileStore().current() != HUB  # a DICOMweb profile
    if not url and not on_archive:
        url, ok = QInputDialog.getText(
            None,
            app.translate("App", "Connect to hub"),
            app.translate(
                "App", "Address of the reading hub (for example https://hub.example:8443):"
            ),
            QLineEdit.EchoMode.Normal,
        )
        url = url.strip()
        if not ok or not url:
            return 1
    from workstation.ui.dicomweb_app import ProfileSwitcher

    switcher = ProfileSwitcher(url)
    if (switcher.switch(None) if hub_url else switcher.start()) is None:
        return 1
    code = app.exec()
    switcher.shutdown()
    return code
