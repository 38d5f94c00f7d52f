"""A DICOMweb server as the worklist source of the reading application.

:class:`DicomWebSource` offers what the worklist, the study loader, the downloader and
report submission call on the hub client (``worklist``, ``study``, ``instance_urls``,
``fetch``, ``submit_report``), so an Orthanc, dcm4chee or cloud archive is read exactly
like a hub study: instances go through the same download queue into the same encrypted
cache, under the profile's name as tenant so each server's cache stays apart.

Instance "URLs" are WADO-RS instance resources (PS3.18 10.4.1.1.3); they do not expire.
DICOMweb failures become the hub's error types so retries, status lines and report
receipts work unchanged; their messages are the DICOMweb ones, written for the reader.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from workstation.core.report import ReportDraft
from workstation.core.study import InstanceUrl, StudyDetail, UserInfo, WorklistItem
from workstation.dicomweb import dicom_json as dj
from workstation.dicomweb import mapping
from workstation.dicomweb.client import DicomWebClient
from workstation.dicomweb.errors import (
    DicomWebAuthError,
    DicomWebError,
    DicomWebNotFound,
    DicomWebUnreachable,
    StorePartial,
    StoreRejected,
)
from workstation.hub.errors import Conflict, HubError, HubUnreachable, NotFound, PermissionDenied
from workstation.services.dicomweb_report import report_objects, store_report

log = logging.getLogger(__name__)
T = TypeVar("T")

NOT_IMAGES = frozenset({"SR", "DOC", "KO", "PR"})  # series the image viewer does not show
NO_EXPIRY = timedelta(days=3650)
DETAIL_REUSE_SECONDS = 60.0
# What a DICOMweb reader may do: read and sign (the archive keeps no reading locks).
PERMISSIONS = ("see_worklist", "read_images", "write_preliminary", "sign_final")


def translate(exc: DicomWebError) -> HubError:
    """The hub error type the rest of the application understands, keeping the message.
    Codes start with ``dicomweb_`` so a report receipt shows the DICOMweb message."""
    if isinstance(exc, DicomWebUnreachable):
        return HubUnreachable(exc.message)
    if isinstance(exc, DicomWebAuthError):
        return PermissionDenied("dicomweb_auth", exc.message, exc.status)
    if isinstance(exc, DicomWebNotFound):
        return NotFound("dicomweb_not_found", exc.message, exc.status)
    if isinstance(exc, StoreRejected | StorePartial):
        return Conflict("dicomweb_store", exc.message, exc.status)
    return HubError("dicomweb_error", exc.message, exc.status)


def _call(fn: Callable[[], T]) -> T:
    try:
        return fn()
    except DicomWebError as exc:
        raise translate(exc) from exc


class DicomWebSource:
    """One server profile; ``name`` is the tenant of its studies (and cache namespace)."""

    def __init__(self, client: DicomWebClient, name: str, *, author: str = "",
                 language: str = "en") -> None:
        self.client = client
        self.name = name
        self.author = author or name
        self.language = language
        self.on_session_lost: Callable[[], None] | None = None  # set by the session guard
        self._items: dict[str, WorklistItem] = {}
        self._details: dict[str, tuple[float, StudyDetail]] = {}

    def user(self) -> UserInfo:
        return UserInfo(self.author, self.author, "radiologist", (self.name,), PERMISSIONS)

    # -- worklist ---------------------------------------------------------------------------
    def worklist(self, **params: Any) -> list[WorklistItem]:
        """Studies matching the worklist filters (one QIDO-RS page of ``limit``)."""
        found = _call(lambda: self.client.search_studies(mapping.study_query(**params)))
        items = []
        for ds in found:
            try:
                items.append(mapping.worklist_item(ds, self.name))
            except ValueError:
                log.warning("a study without Study Instance UID was skipped")
        self._items.update((i.study_uid, i) for i in items)
        return items

    def study(self, study_uid: str) -> StudyDetail:
        """Series (image series only) and their instances, by QIDO-RS."""
        def run() -> StudyDetail:
            series_list = self.client.search_series(
                study_uid, [("includefield", t) for t in mapping.SERIES_FIELDS])
            series = []
            for ds in series_list:
                if dj.text(ds, dj.MODALITY) in NOT_IMAGES:
                    continue
                uid = dj.text(ds, dj.SERIES_UID)
                instances = self.client.search_all(
                    f"studies/{study_uid}/series/{uid}/instances",
                    [("includefield", t) for t in mapping.INSTANCE_FIELDS])
                series.append(mapping.series_ref(ds, instances))
            series.sort(key=lambda s: (s.series_number is None, s.series_number or 0))
            return StudyDetail(self._item(study_uid), tuple(series))
        detail = _call(run)
        self._details[study_uid] = (time.monotonic(), detail)
        return detail

    def _recent_detail(self, study_uid: str) -> StudyDetail:
        """The study's detail as listed moments ago (the loader asks for the detail, then
        for each series' instances): saves a QIDO-RS round per series and download."""
        known = self._details.get(study_uid)
        if known is not None and time.monotonic() - known[0] < DETAIL_REUSE_SECONDS:
            return known[1]
        return self.study(study_uid)

    def _item(self, study_uid: str) -> WorklistItem:
        item = self._items.get(study_uid)
        if item is None:
            found = _call(lambda: self.client.search_studies(
                [("StudyInstanceUID", study_uid), *mapping.study_query(limit=1)]))
            if not found:
                raise NotFound("dicomweb_not_found", "The study is not on the DICOMweb server.")
            item = mapping.worklist_item(found[0], self.name)
            self._items[study_uid] = item
        return item

    # -- retrieval --------------------------------------------------------------------------
    def instance_urls(self, study_uid: str, series_uid: str | None = None) -> list[InstanceUrl]:
        detail = self._recent_detail(study_uid)
        expires = datetime.now(UTC) + NO_EXPIRY
        return [
            InstanceUrl(study_uid, s.series_uid, i.sop_instance_uid,
                        self.client.url(study_uid, s.series_uid, i.sop_instance_uid), expires)
            for s in detail.series if series_uid is None or s.series_uid == series_uid
            for i in s.instances
        ]

    def fetch(self, url: str) -> bytes:
        return _call(lambda: self.client.fetch_instance_url(url))

    # -- reporting --------------------------------------------------------------------------
    def submit_report(self, draft: ReportDraft) -> dict[str, Any]:
        """File the report as SR + Encapsulated PDF into the study (STOW-RS)."""
        item = self._item(draft.study_uid)
        objects = report_objects(draft, item, self.author, language=self.language)
        result = _call(lambda: store_report(self.client, objects, draft.study_uid))
        return {"id": result.stored[0].sop_instance_uid if result.stored else None,
                "stored": len(result.stored)}

    # -- what the hub session would do ------------------------------------------------------
    def claim(self, study_uid: str) -> WorklistItem:
        return self._item(study_uid)  # an archive keeps no reading locks

    def release(self, study_uid: str) -> None:
        return None

    def logout(self) -> None:
        return None

    def close(self) -> None:
        self.client.close()
