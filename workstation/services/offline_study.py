"""A study's series list without the hub: what an offline reader can open.

Online, the series list of every opened study is kept as a sealed record of the reader's
cache (``EncryptedStore.records``; series descriptions are health data, KVKK art. 12,
GDPR art. 32). Offline, the list is rebuilt from that record, keeping only the instances
the cache actually holds; a study that was only prefetched has no record, and its series
are listed from the cache index alone (numbered in the order they were cached).
"""

from __future__ import annotations

import hashlib
import json
import logging

from workstation.cache.errors import IntegrityError
from workstation.cache.store import EncryptedStore
from workstation.core.study import InstanceRef, SeriesRef, StudyDetail, WorklistItem

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
    data = json.dumps({"format": FORMAT, "series": series}).encode("utf-8")
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


def _remembered(store: EncryptedStore, tenant: str, study_uid: str) -> list[dict]:
    try:
        raw = store.records.get(_record_name(tenant, study_uid))
    except IntegrityError:
        return []
    if raw is None:
        return []
    try:
        data = json.loads(raw)
        return [dict(s) for s in data["series"]]
    except (ValueError, KeyError, TypeError):
        log.warning("a remembered series list could not be read")
        return []
