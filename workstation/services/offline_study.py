"""A study's series list without the hub: what an offline reader can open.

Online, the series list of every opened study is kept as a sealed record of the reader's
cache (``EncryptedStore.records``; series descriptions are health data, KVKK art. 12,
GDPR art. 32). Offline, the list is rebuilt from that record, keeping only the instances
the cache actually holds; a study that was only prefetched has no record, and its series
are listed from the cache index alone (numbered in the order they were cached).

The offline worklist is the last snapshot plus every other cached study (issue 5, item
6): a study read last week may have left the worklist since, but its images are still on
this machine. Its row comes from the record kept when it was opened, or, for a study that
was only prefetched, from the DICOM header of one cached instance (PS3.3 C.7.1.1 Patient,
C.7.2.1 General Study) - decrypted in memory, never written anywhere in plain form.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from workstation.cache.errors import IntegrityError
from workstation.cache.store import EncryptedStore
from workstation.core.study import (
    InstanceRef,
    Priority,
    SeriesRef,
    StudyDetail,
    StudyStatus,
    WorklistItem,
)
from workstation.services.offline_login import decode_item, encode_record

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

log = logging.getLogger(__name__)

FORMAT = 1


def _record_name(tenant: str, study_uid: str) -> str:
    # The record's file name is an HMAC of this name; hashing here as well keeps UIDs out
    # of any name that might be logged.
    digest = hashlib.sha256(f"{tenant}\x00{study_uid}".encode()).hexdigest()
    return f"study-series/{digest}"


def remember_detail(store: EncryptedStore, detail: StudyDetail) -> None:
    """Keep the series list of ``detail`` for reading it offline later."""
    item = detail.item
    series = [
        {"uid": s.series_uid, "number": s.series_number, "modality": s.modality,
         "description": s.description,
         "instances": [[i.sop_instance_uid, i.instance_number, i.size] for i in s.instances]}
        for s in detail.series
    ]
    data = json.dumps({"format": FORMAT, "series": series,
                       "item": encode_record(item)}).encode("utf-8")
    try:
        store.records.put(_record_name(item.tenant_id, item.study_uid), data)
    except OSError as exc:
        log.warning("could not keep the series list: %s", type(exc).__name__)


def cached_detail(store: EncryptedStore, item: WorklistItem, tenant: str,
                  study_uid: str) -> StudyDetail | None:
    """The study as far as the cache holds it, or None when nothing of it is cached."""
    held = store.list_instances(tenant, study_uid)
    if not held:
        return None
    by_series: dict[str, set[str]] = {}
    for series_uid, sop in held:
        by_series.setdefault(series_uid, set()).add(sop)
    series: list[SeriesRef] = []
    for entry in _remembered(store, tenant, study_uid):
        have = by_series.pop(entry["uid"], None)
        if not have:
            continue
        refs = tuple(InstanceRef(sop, number, size) for sop, number, size in entry["instances"]
                     if sop in have)
        series.append(SeriesRef(entry["uid"], entry["number"], entry["modality"],
                                entry["description"], refs))
    for n, (series_uid, sops) in enumerate(by_series.items(), start=len(series) + 1):
        refs = tuple(InstanceRef(sop, k + 1) for k, sop in enumerate(sorted(sops)))
        series.append(SeriesRef(series_uid, n, item.modality, "", refs))
    return StudyDetail(item, tuple(series))


def offline_worklist(store: EncryptedStore,
                     snapshot: Sequence[WorklistItem]) -> list[WorklistItem]:
    """The snapshot, then every cached study it does not list (most recently used first).
    A cached study whose row cannot be rebuilt (every instance damaged) is left out: it
    could not be opened either. Blocking: decrypts one instance per unknown study."""
    items = list(snapshot)
    known = {(i.tenant_id, i.study_uid) for i in items}
    added = 0
    for study in store.cached_studies():
        if (study.tenant, study.study_uid) in known:
            continue
        item = _remembered_item(store, study.tenant, study.study_uid)
        if item is None:
            item = _item_from_header(store, study.tenant, study.study_uid)
        if item is None:
            continue
        known.add((study.tenant, study.study_uid))
        items.append(item)
        added += 1
    if added:
        log.info("offline worklist: %d cached studies besides the snapshot", added)
    return items


def _remembered_record(store: EncryptedStore, tenant: str, study_uid: str) -> dict | None:
    try:
        raw = store.records.get(_record_name(tenant, study_uid))
    except IntegrityError:
        return None
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        log.warning("a remembered series list could not be read")
        return None
    return data


def _remembered(store: EncryptedStore, tenant: str, study_uid: str) -> list[dict]:
    data = _remembered_record(store, tenant, study_uid)
    if data is None:
        return []
    try:
        return [dict(s) for s in data["series"]]
    except (KeyError, TypeError, ValueError):
        log.warning("a remembered series list could not be read")
        return []


def _remembered_item(store: EncryptedStore, tenant: str, study_uid: str) -> WorklistItem | None:
    """The worklist row kept when the study was opened (records before it lack one)."""
    data = _remembered_record(store, tenant, study_uid)
    if data is None or not isinstance(data.get("item"), dict):
        return None
    try:
        item = decode_item(data["item"])
    except (KeyError, TypeError, ValueError):
        log.warning("a remembered worklist row could not be read")
        return None
    return item if (item.tenant_id, item.study_uid) == (tenant, study_uid) else None


def _item_from_header(store: EncryptedStore, tenant: str, study_uid: str) -> WorklistItem | None:
    """A worklist row from the first readable cached instance of the study. Priority and
    reading status are the hub's, unknown here: routine and unread."""
    from pydicom import dcmread  # only offline, and pydicom is slow to import
    from pydicom.errors import InvalidDicomError

    for series_uid, sop in store.list_instances(tenant, study_uid):
        try:
            data = store.get(tenant, study_uid, series_uid, sop)
        except IntegrityError:
            continue  # discarded by the store; try the next one
        if data is None:
            continue
        try:
            ds = dcmread(io.BytesIO(data), stop_before_pixels=True)
        except (InvalidDicomError, EOFError, ValueError, KeyError, TypeError):
            continue
        day = _dicom_date(_text(ds, "StudyDate"))
        clock = _text(ds, "StudyTime").split(".")[0]
        when: datetime | None = None
        if day is not None:
            when = datetime(day.year, day.month, day.day)
            if clock.isdigit() and len(clock) >= 4:
                padded = (clock + "00")[:6]
                try:
                    when = when.replace(hour=int(padded[:2]), minute=int(padded[2:4]),
                                        second=int(padded[4:6]))
                except ValueError:
                    pass
        return WorklistItem(
            study_uid=study_uid, accession=_text(ds, "AccessionNumber"),
            patient_name=_text(ds, "PatientName"), patient_id=_text(ds, "PatientID"),
            patient_sex=_text(ds, "PatientSex"),
            patient_birth_date=_dicom_date(_text(ds, "PatientBirthDate")),
            modality=_text(ds, "Modality"), description=_text(ds, "StudyDescription"),
            study_datetime=when, tenant_id=tenant, hospital=_text(ds, "InstitutionName"),
            priority=Priority.ROUTINE, status=StudyStatus.UNREAD)
    return None


def _text(ds: Dataset, keyword: str) -> str:
    return str(ds.get(keyword, "") or "").strip()


def _dicom_date(value: str) -> date | None:
    """A DA value (PS3.5 6.2: YYYYMMDD), None when absent or malformed."""
    try:
        return datetime.strptime(value[:8], "%Y%m%d").date() if len(value) >= 8 else None
    except ValueError:
        return None
