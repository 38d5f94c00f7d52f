"""The report panel's autosave: a timer seals the draft into the encrypted local store every
few seconds (``services/report_autosave``) and, less often and off the UI thread, keeps it
as the reader's hub draft. After a crash or a killed process the next viewer of the study
finds the sealed draft and puts it back (:func:`restore_draft`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from workstation.core.report import ReportDraft, ReportKind
from workstation.core.report_content import StructuredReport
from workstation.hub.errors import HubError
from workstation.services.report_autosave import ReportAutosave, SavedDraft, restore
from workstation.ui.workers import TaskRunner

log = logging.getLogger(__name__)

Content = Callable[[], tuple[str, str, StructuredReport | None]]
HUB_EVERY = 4  # hub draft on every fourth local save at most


class DraftKeeper(QObject):
    """Ticks the autosave while the panel is editable; ``saves`` counts local saves."""

    def __init__(self, records: Any, study_uid: str, content: Content, *,
                 hub: Any = None, interval_s: float = 3.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._autosave = ReportAutosave(records, study_uid, hub=None, interval=interval_s)
        self._content = content
        self._hub = hub
        self._study_uid = study_uid
        self._runner = TaskRunner(self, max_threads=1)
        self._hub_busy = False
        self._hub_text: tuple[str, str] = ("", "")
        self.saves = 0
        self.timer = QTimer(self)
        self.timer.setInterval(max(200, int(interval_s * 1000 / 3)))
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        findings, impression, structured = self._content()
        self._autosave.update(findings, impression, structured)
        try:
            if self._autosave.tick():
                self.saves += 1
                if self.saves % HUB_EVERY == 1:
                    self._to_hub(findings, impression)
        except OSError as exc:  # a full disk must not break typing
            log.warning("report draft not saved locally: %s", type(exc).__name__)

    def save_now(self) -> None:
        findings, impression, structured = self._content()
        self._autosave.update(findings, impression, structured)
        try:
            self._autosave.save_now()
        except OSError as exc:
            log.warning("report draft not saved locally: %s", type(exc).__name__)

    def discard(self) -> None:
        """The report is signed (or queued): the draft is no longer needed."""
        self.timer.stop()
        self._autosave.discard()

    def stop(self) -> None:
        self.timer.stop()
        self._runner.wait(3000)

    def _to_hub(self, findings: str, impression: str) -> None:
        hub = self._hub
        if not hasattr(hub, "save_draft") or self._hub_busy or (findings, impression) == self._hub_text:
            return
        self._hub_busy = True
        draft = ReportDraft(self._study_uid, findings, impression, ReportKind.DRAFT)

        def done(_result: Any, text: tuple[str, str] = (findings, impression)) -> None:
            self._hub_busy = False
            self._hub_text = text

        def failed(exc: BaseException) -> None:
            self._hub_busy = False
            if not isinstance(exc, HubError):
                log.warning("hub draft not saved: %s", type(exc).__name__)

        self._runner.start(lambda _r: hub.save_draft(draft), done, failed)


def restore_draft(records: Any, study_uid: str) -> SavedDraft | None:
    """The sealed draft of the study, or None (also when it cannot be read)."""
    try:
        return restore(records, study_uid)
    except (OSError, ValueError, KeyError) as exc:
        log.warning("report draft could not be restored: %s", type(exc).__name__)
        return None
