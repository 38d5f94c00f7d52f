"""Autosave of the report being written: sealed locally every few seconds, and kept as the
reader's hub draft while the hub is reachable, so neither a crash of the workstation nor a
lost laptop loses the reading.

The caller (the editor's timer) calls :meth:`ReportAutosave.tick` regularly; a save
happens only when the content changed and the interval has passed since the last one.
The local copy is a record sealed with the cache key (AES-256-GCM,
``EncryptedStore.records``; the record's file name is an HMAC, so it does not reveal the
study) and survives a restart: :meth:`restore` in the next process finds it. The hub copy
goes through ``save_draft`` (one draft per reader and study on the hub); when the hub is
unreachable the local save still happens and the hub save is retried on a later tick.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from workstation.core.report import ReportDraft, ReportKind
from workstation.core.report_content import StructuredReport
from workstation.hub.errors import HubError

log = logging.getLogger(__name__)

FORMAT = 1
DEFAULT_INTERVAL = 5.0


class RecordStore(Protocol):
    def put(self, name: str, data: bytes) -> None: ...

    def get(self, name: str) -> bytes | None: ...

    def delete(self, name: str) -> None: ...


class DraftHub(Protocol):
    def save_draft(self, draft: ReportDraft) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class SavedDraft:
    """What a restart finds: the narrative, and the structured content when there was one."""

    study_uid: str
    findings: str
    impression: str
    saved_at: float
    structured: StructuredReport | None = None

    def draft(self) -> ReportDraft:
        key = self.structured.idempotency_key if self.structured else None
        kind = self.structured.kind if self.structured else ReportKind.FINAL
        if key is None:
            return ReportDraft(self.study_uid, self.findings, self.impression, kind)
        return ReportDraft(self.study_uid, self.findings, self.impression, kind, key)


def record_name(study_uid: str) -> str:
    return f"report-draft:{study_uid}"


def restore(records: RecordStore, study_uid: str) -> SavedDraft | None:
    """The locally saved draft of ``study_uid``, or None."""
    blob = records.get(record_name(study_uid))
    if blob is None:
        return None
    data = json.loads(blob.decode("utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"unsupported draft format {data.get('format')!r}")
    structured = data.get("structured")
    return SavedDraft(
        study_uid=data["study_uid"], findings=data["findings"], impression=data["impression"],
        saved_at=float(data["saved_at"]),
        structured=StructuredReport.from_dict(structured) if structured else None,
    )


class ReportAutosave:
    """Autosave of one study's report."""

    def __init__(self, records: RecordStore, study_uid: str, *, hub: DraftHub | None = None,
                 is_online: Callable[[], bool] = lambda: True,
                 interval: float = DEFAULT_INTERVAL,
                 clock: Callable[[], float] = time.monotonic,
                 wall_clock: Callable[[], float] = time.time) -> None:
        self._records = records
        self._hub = hub
        self._is_online = is_online
        self._interval = interval
        self._clock = clock
        self._wall_clock = wall_clock
        self.study_uid = study_uid
        self._findings = ""
        self._impression = ""
        self._structured: StructuredReport | None = None
        self._local_dirty = False
        self._hub_dirty = False
        self._last_save: float | None = None

    @property
    def dirty(self) -> bool:
        return self._local_dirty or self._hub_dirty

    def update(self, findings: str, impression: str,
               structured: StructuredReport | None = None) -> None:
        """The editor's current content; saved at the next due tick."""
        if structured is not None and structured.study_uid != self.study_uid:
            raise ValueError("structured report belongs to another study")
        if (findings, impression) == (self._findings, self._impression) and (
            structured is None or structured == self._structured
        ):
            return
        self._findings, self._impression = findings, impression
        if structured is not None:
            self._structured = StructuredReport.from_dict(structured.to_dict())
        self._local_dirty = self._hub_dirty = True

    def tick(self) -> bool:
        """Save when there is something new and the interval has passed; True if saved
        locally on this tick."""
        now = self._clock()
        if not self.dirty or (self._last_save is not None
                              and now - self._last_save < self._interval):
            return False
        return self.save_now()

    def save_now(self) -> bool:
        """Save immediately (e.g. when the reader leaves the study)."""
        self._last_save = self._clock()
        saved_locally = False
        if self._local_dirty:
            payload = {
                "format": FORMAT, "study_uid": self.study_uid, "findings": self._findings,
                "impression": self._impression, "saved_at": self._wall_clock(),
                "structured": self._structured.to_dict() if self._structured else None,
            }
            self._records.put(record_name(self.study_uid),
                              json.dumps(payload, ensure_ascii=False).encode("utf-8"))
            self._local_dirty = False
            saved_locally = True
        if self._hub_dirty and self._hub is not None and self._is_online():
            try:
                self._hub.save_draft(ReportDraft(self.study_uid, self._findings,
                                                 self._impression, ReportKind.DRAFT))
            except HubError as exc:
                log.info("hub draft not saved (%s); kept locally", exc.code)
            else:
                self._hub_dirty = False
        return saved_locally

    def discard(self) -> None:
        """Forget the local draft once the report has been queued for submission."""
        self._records.delete(record_name(self.study_uid))
        self._local_dirty = self._hub_dirty = False
