"""Whole-series WADO-RS retrieval into the encrypted cache.

One request streams a series (PS3.18 10.4.1.1.2) and each instance is sealed into the cache
as soon as its part has arrived, so memory holds one instance at a time and the first
slices are on disk while the rest still travel. Instances are filed under the UIDs read
from their own headers (not the ones asked for), so a server that sends something else
cannot put an image in the wrong study's slot. The per-instance path used by the download
queue (:class:`workstation.services.dicomweb_source.DicomWebSource`) stays the one for
resumable, prioritised reading; this is the fast path for a series wanted whole.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass, field

from pydicom import dcmread
from pydicom.errors import InvalidDicomError

from workstation.cache.store import EncryptedStore
from workstation.dicomweb.client import DicomWebClient
from workstation.dicomweb.errors import BadDicomWebResponse


@dataclass(slots=True)
class SeriesRetrieval:
    """Counts of one retrieval; ``foreign`` counts instances of another study or series
    that the server sent along (never stored)."""

    stored: int = 0
    foreign: int = 0
    sop_uids: list[str] = field(default_factory=list)
    cancelled: bool = False


def _identity(data: bytes) -> tuple[str, str, str]:
    try:
        ds = dcmread(io.BytesIO(data), stop_before_pixels=True,
                     specific_tags=["StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID"])
    except (InvalidDicomError, EOFError, ValueError, OSError) as exc:
        raise BadDicomWebResponse("the server sent a part that is not a DICOM file") from exc
    return (str(ds.get("StudyInstanceUID", "")), str(ds.get("SeriesInstanceUID", "")),
            str(ds.get("SOPInstanceUID", "")))


def retrieve_series(client: DicomWebClient, store: EncryptedStore, tenant: str,
                    study_uid: str, series_uid: str, *,
                    cancel: threading.Event | None = None) -> SeriesRetrieval:
    """Stream ``series_uid`` into ``store`` under ``tenant``; returns what was stored."""
    result = SeriesRetrieval()
    parts = client.iter_instances(study_uid, series_uid)
    try:
        for data in parts:
            if cancel is not None and cancel.is_set():
                result.cancelled = True
                break
            study, series, sop = _identity(data)
            if study != study_uid or series != series_uid or not sop:
                result.foreign += 1
                continue
            store.put(tenant, study, series, sop, data)
            result.stored += 1
            result.sop_uids.append(sop)
    finally:
        close = getattr(parts, "close", None)
        if close is not None:
            close()  # ends the HTTP stream when cancelled part-way
    return result
