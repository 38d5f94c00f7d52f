"""Opening the reader's audit queue after sign-in and sending it to the hub in the
background: on a timer, soon after each event, and once more before signing out.

The queue's key is a separate entry in the OS keychain (``<user>@<host>/audit``): an audit
trail must not depend on the image cache, which the reader may purge. Without a keychain
the queue lives in a throw-away folder for this session only (a queue sealed with a key
that is gone could never be sent), and is sent before the application exits.
"""

from __future__ import annotations

import logging
import shutil
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from workstation.cache.keys import load_or_create_key
from workstation.services.client_audit import ClientAudit, workstation_id
from workstation.services.client_audit_queue import AuditQueue, QueueTamperedError
from workstation.ui.cache_session import cache_root, hub_host_port
from workstation.ui.workers import TaskRunner

log = logging.getLogger(__name__)

FLUSH_INTERVAL_MS = 60_000
SOON_MS = 2_000


@dataclass(slots=True)
class AuditSession:
    audit: ClientAudit
    temporary_folder: Path | None = None

    def close(self) -> None:
        if self.temporary_folder is not None:
            shutil.rmtree(self.temporary_folder, ignore_errors=True)


def open_audit(base: Path, hub_url: str, username: str, client: Any) -> AuditSession:
    """Blocking (keychain access): call from a worker thread."""
    host, _port = hub_host_port(hub_url)
    key = load_or_create_key(f"{username}@{host}/audit")
    root = cache_root(base, hub_url, username)
    temporary = None
    folder = root / "audit"
    if not key.persisted:
        temporary = root / "audit-session" / uuid.uuid4().hex
        folder = temporary
    ws = workstation_id(Path(base))
    queue = AuditQueue(folder, key.key)
    audit = ClientAudit(queue, username=username, workstation=ws,
                        send=getattr(client, "post_audit_events", None))
    return AuditSession(audit, temporary)


class AuditUploader(QObject):
    """Sends the queue on a worker thread; never blocks the UI, never sends twice at once.
    An event recorded on any thread (``audit.record``) is sent within a few seconds."""

    _recorded = Signal()

    def __init__(self, session: AuditSession, *, interval_ms: int = FLUSH_INTERVAL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.audit = session.audit
        self._runner = TaskRunner(self, max_threads=1)
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush_soon)
        self._timer.start()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SOON_MS)
        self._soon.timeout.connect(self.flush_soon)
        self._recorded.connect(self._send_soon, Qt.ConnectionType.QueuedConnection)
        self.audit.on_recorded = self._recorded.emit

    def record(self, event: Any, study_uid: str | None = None, **details: object) -> None:
        """Queue an event and send it shortly (batched with whatever follows)."""
        try:
            self.audit.record(event, study_uid, **details)
        except OSError as exc:
            log.error("audit event could not be queued: %s", type(exc).__name__)

    def _send_soon(self) -> None:
        if not self._soon.isActive():
            self._soon.start()

    def flush_soon(self) -> None:
        if self._busy:
            return
        self._busy = True
        self._runner.start(lambda _r: self._flush(), self._done, self._done)

    def _flush(self) -> int:
        try:
            return self.audit.flush()
        except QueueTamperedError:
            return 0  # logged by the queue; the next start sets it aside

    def _done(self, _result: object) -> None:
        self._busy = False

    def flush_now(self, seconds: float = 5.0) -> None:
        """At sign-out: send what is queued, waiting at most ``seconds``."""
        self._timer.stop()
        self._soon.stop()
        self.audit.on_recorded = None
        self._runner.wait(int(seconds * 1000))
        thread = threading.Thread(target=self._flush, name="audit-flush", daemon=True)
        thread.start()
        thread.join(seconds)

    def stop(self) -> None:
        self.audit.on_recorded = None
        self._timer.stop()
        self._soon.stop()
        self._runner.wait(5000)
