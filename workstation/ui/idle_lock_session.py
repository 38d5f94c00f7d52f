"""A signed-in session's safeguards beside its windows: the idle lock, the client audit
trail and the refresh token in the keychain.

Built by the application controller once the worklist shows. It

* starts the :class:`IdleLock` with the hub's policy (or the ``security/idle_lock_minutes``
  setting, or 15 minutes) and gives the worklist and each viewer a "Lock now" action;
* opens the reader's audit queue and records sign-in, sign-out, lock and unlock, study
  opened and closed, series viewed and report submitted, sending them in batches;
* exposes ``audit`` (:class:`ClientAudit`) for other features (export, print) to record
  their own events.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings

from workstation.cache import token_keychain
from workstation.hub.errors import HubError, HubUnreachable
from workstation.hub.policy import DEFAULT_IDLE_LOCK_SECONDS
from workstation.hub.vocabulary import ClientAuditEvent as Ev
from workstation.logs import register_sensitive
from workstation.services.client_audit import ClientAudit
from workstation.ui import settings_values
from workstation.ui.audit_uploader import AuditUploader, open_audit
from workstation.ui.cache_session import hub_host_port
from workstation.ui.idle_lock import IdleLock, hub_verifier

log = logging.getLogger(__name__)

IDLE_MINUTES_KEY = settings_values.IDLE_LOCK_MINUTES
CA_BUNDLE_KEY = settings_values.CA_BUNDLE  # PEM file of CAs to trust instead of the system's
PIN_KEY = settings_values.HUB_PIN  # optional pin of the hub's public key (see hub/tls.py)


def tls_settings() -> dict[str, Any]:
    """The hub client's TLS arguments from the settings. A CA bundle also becomes
    ``SSL_CERT_FILE`` for this process, so every other HTTPS client of the workstation
    (object downloads, the health probe) trusts the same CAs; verification stays on."""
    settings = QSettings()
    bundle = str(settings.value(CA_BUNDLE_KEY, "") or "").strip()
    pin = str(settings.value(PIN_KEY, "") or "").strip()
    out: dict[str, Any] = {}
    if bundle:
        os.environ["SSL_CERT_FILE"] = bundle
        out["verify"] = bundle
    if pin:
        out["pin"] = pin
    return out


def idle_seconds_for(client: Any) -> float:
    """The hub's policy wins; else the local setting; else 15 minutes."""
    policy = getattr(client, "policy", None)
    if policy is not None:
        return float(policy.idle_lock_seconds)
    try:
        minutes = float(QSettings().value(IDLE_MINUTES_KEY, 0) or 0)
    except (TypeError, ValueError):
        minutes = 0.0
    return minutes * 60 if minutes > 0 else float(DEFAULT_IDLE_LOCK_SECONDS)


class SessionSecurity(QObject):
    """See the module docstring. ``lock`` is the IdleLock; ``audit`` the ClientAudit."""

    def __init__(self, controller: Any, *, cache_base: Path, store: Any,
                 idle_seconds: float | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        client, user = controller.client, controller.user
        self.uploader = AuditUploader(open_audit(cache_base, controller.hub_url, user.username,
                                                 client), parent=self)
        self.audit: ClientAudit = self.uploader.audit
        self.lock = IdleLock(
            username=user.username, reader_label=user.display_name,
            verify=hub_verifier(client, lambda: store),
            idle_seconds=idle_seconds if idle_seconds is not None else idle_seconds_for(client),
            parent=self,
        )  # fmt: skip
        self.lock.locked.connect(lambda: self.uploader.record(Ev.LOCKED))
        self.lock.unlocked.connect(
            lambda online: self.uploader.record(Ev.UNLOCKED, check="hub" if online else "offline"))
        self._seen: set[tuple[int, str]] = set()
        self.uploader.record(Ev.SIGNED_IN)

    def watch(self, worklist: Any, desk: Any) -> None:
        self.lock.attach(worklist)
        desk.viewer_opened.connect(self._on_viewer_opened)
        keeper = getattr(self._controller.client, "on_refresh_token", None)
        cache = getattr(self._controller, "cache", None)
        if isinstance(keeper, TokenKeeper) and keeper.message and not getattr(cache, "message", ""):
            # Said once per session; the cache notice already says it when it applies.
            worklist.show_notice(_token_notice(keeper.message))
        # Every name and ID the reader may see is kept out of the logs from now on.
        worklist.worklist_loaded.connect(lambda _n, w=worklist: _register_items(w.model.items()))

    def record(self, event: Any, study_uid: str | None = None, **details: object) -> None:
        self.uploader.record(event, study_uid, **details)

    def _on_viewer_opened(self, viewer: Any) -> None:
        uid = viewer.item.study_uid
        register_sensitive(viewer.item.patient_name, viewer.item.patient_id)
        self.record(Ev.STUDY_OPENED, uid)
        key = id(viewer)
        viewer.series_ready.connect(lambda series_uid, k=key, u=uid: self._on_series(k, u,
                                                                                    series_uid))
        viewer.closed.connect(lambda u=uid: self.record(Ev.STUDY_CLOSED, u))
        viewer.report_panel.submitted.connect(
            lambda receipt, u=uid: self.record(Ev.REPORT_SUBMITTED, u,
                                               status=getattr(receipt, "status", "")))

    def _on_series(self, key: int, study_uid: str, series_uid: str) -> None:
        if (key, series_uid) in self._seen:
            return  # every viewport showing it again is the same viewing
        self._seen.add((key, series_uid))
        self.record(Ev.SERIES_VIEWED, study_uid, series_uid=series_uid)

    def shutdown(self) -> None:
        """Sign-out: record it, send the queue (bounded), stop the lock."""
        self.lock.stop()
        self.uploader.record(Ev.SIGNED_OUT)
        self.uploader.flush_now(5.0)
        self.uploader.stop()
        self.uploader.session.close()


def _token_notice(message: str) -> str:
    translate = QCoreApplication.translate
    if message == token_keychain.TOO_LARGE_MESSAGE:
        return translate("SessionSecurity", "The hub's session token is too large for the system "
                         "keychain, so your sign-in is not remembered: you will sign in again next time.")
    return translate("SessionSecurity", "No system keychain is available, so your sign-in is not "
                     "remembered: you will sign in with password and code again next time. "
                     "Nothing was written to disk.")


def _register_items(items: Any) -> None:
    for item in items:
        register_sensitive(item.patient_name, item.patient_id, item.accession)


class TokenKeeper:
    """Keeps the hub client's current refresh token in the keychain (``client.on_refresh_token``)
    and forgets it at sign-out. Runs on whatever thread rotated the token."""

    def __init__(self, client: Any, hub_url: str) -> None:
        self._client = client
        self._host = hub_host_port(hub_url)[0]
        self._ref: str | None = None
        self.message = ""

    def resume(self, username: str) -> Any:
        """Blocking: sign ``username`` in again with the kept token; the ``UserInfo``, or
        None (no token kept, or the hub refused it, in which case it is forgotten)."""
        ref = f"{username}@{self._host}"
        token = token_keychain.load_refresh_token(ref)
        if token is None:
            return None
        lost, self._client.on_session_lost = self._client.on_session_lost, None
        try:
            user = self._client.restore(token)
        except HubError as err:
            log.info("kept session could not be resumed (%s)", err.code)
            if not isinstance(err, HubUnreachable):
                token_keychain.forget_refresh_token(ref)
            return None
        finally:
            self._client.on_session_lost = lost
        log.info("session resumed with the token kept in the keychain")
        return user

    def __call__(self, token: str | None) -> None:
        user = getattr(self._client, "user", None)
        if token is None:
            if self._ref is not None:
                token_keychain.forget_refresh_token(self._ref)
            return
        if user is None:
            return
        self._ref = f"{user.username}@{self._host}"
        register_sensitive(token)
        message = token_keychain.save_refresh_token(self._ref, token)
        if message and not self.message:
            log.warning("session token not kept: no usable keychain")
        self.message = message
