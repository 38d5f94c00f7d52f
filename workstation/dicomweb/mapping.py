"""QIDO-RS results (PS3.18 10.6) as the workstation's worklist and study model, and the
worklist filters as QIDO-RS query parameters (PS3.18 8.3.4).

A PACS knows nothing of reading priority, reporting state or tenants: every study is
ROUTINE and UNREAD, and the "tenant" is the server profile's name, which also keeps the
cache of each server apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from workstation.core.study import (
    InstanceRef,
    Priority,
    SeriesRef,
    StudyStatus,
    WorklistItem,
)
from workstation.dicomweb import dicom_json as dj

# Attributes asked for on top of the required return keys (PS3.18 Table 10.6.3-3), so the
# worklist columns are filled whatever the server returns by default.
STUDY_FIELDS = (dj.STUDY_DESCRIPTION, dj.INSTITUTION, dj.PATIENT_BIRTH_DATE, dj.PATIENT_SEX,
                dj.MODALITIES_IN_STUDY, dj.NUMBER_OF_SERIES, dj.NUMBER_OF_INSTANCES)
SERIES_FIELDS = (dj.SERIES_DESCRIPTION, dj.BODY_PART, dj.LATERALITY)
INSTANCE_FIELDS = (dj.INSTANCE_NUMBER, dj.VIEW_POSITION)


def _da(value: date | str) -> str:
    return value.strftime("%Y%m%d") if isinstance(value, date) else str(value).replace("-", "")


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.split(",") if v]
    return [str(v) for v in value]


def study_query(*, modality: Any = None, date_from: date | str | None = None,
                date_to: date | str | None = None, q: str | None = None,
                patient_id: str | None = None, accession: str | None = None,
                limit: int = 200, offset: int = 0, **_ignored: Any) -> list[tuple[str, str]]:
    """QIDO-RS parameters for the worklist filters.

    Modalities become ModalitiesInStudy with a UID-list-style comma list (PS3.18 8.3.4.1
    allows multiple values for matching); the date range is a DA range ``from-to``
    (PS3.4 C.2.2.2.5); free text matches PatientName with a trailing wildcard and
    ``fuzzymatching`` (8.3.4.5), so "ozt" finds "OZTURK^AHMET". Filters a PACS has no
    notion of (status, priority, tenant) are ignored: every study there is unread.
    """
    params: list[tuple[str, str]] = []
    modalities = _listed(modality)
    if modalities:
        params.append(("ModalitiesInStudy", ",".join(modalities)))
    if date_from is not None or date_to is not None:
        low = _da(date_from) if date_from is not None else ""
        high = _da(date_to) if date_to is not None else ""
        params.append(("StudyDate", f"{low}-{high}"))
    if q and q.strip():
        params.append(("PatientName", f"*{q.strip()}*"))
        params.append(("fuzzymatching", "true"))
    if patient_id:
        params.append(("PatientID", patient_id))
    if accession:
        params.append(("AccessionNumber", accession))
    params += [("includefield", tag) for tag in STUDY_FIELDS]
    params += [("limit", str(int(limit))), ("offset", str(int(offset)))]
    return params


def worklist_item(ds: dj.JsonDataset, tenant: str) -> WorklistItem:
    """A study of a QIDO-RS answer as a worklist row."""
    uid = dj.text(ds, dj.STUDY_UID)
    if not uid:
        raise ValueError("study without Study Instance UID")
    modalities = [str(m) for m in dj.values(ds, dj.MODALITIES_IN_STUDY)]
    shown = [m for m in modalities if m not in ("SR", "DOC", "KO", "PR")] or modalities
    return WorklistItem(
        study_uid=uid,
        accession=dj.text(ds, dj.ACCESSION),
        patient_name=dj.text(ds, dj.PATIENT_NAME),
        patient_id=dj.text(ds, dj.PATIENT_ID),
        patient_sex=dj.text(ds, dj.PATIENT_SEX),
        patient_birth_date=dj.dicom_date(ds, dj.PATIENT_BIRTH_DATE),
        modality="/".join(shown),
        description=dj.text(ds, dj.STUDY_DESCRIPTION),
        study_datetime=dj.dicom_datetime(ds, dj.STUDY_DATE, dj.STUDY_TIME),
        tenant_id=tenant,
        hospital=dj.text(ds, dj.INSTITUTION) or tenant,
        priority=Priority.ROUTINE,
        status=StudyStatus.UNREAD,
    )


def series_ref(ds: dj.JsonDataset, instances: Sequence[dj.JsonDataset] = ()) -> SeriesRef:
    """A series of a QIDO-RS answer with its instances in Instance Number order."""
    refs = tuple(sorted((instance_ref(i) for i in instances),
                        key=lambda r: (r.instance_number is None, r.instance_number or 0)))
    first_instance = instances[0] if instances else {}
    return SeriesRef(
        series_uid=dj.text(ds, dj.SERIES_UID),
        series_number=dj.integer(ds, dj.SERIES_NUMBER),
        modality=dj.text(ds, dj.MODALITY),
        description=dj.text(ds, dj.SERIES_DESCRIPTION),
        instances=refs,
        body_part=dj.text(ds, dj.BODY_PART),
        laterality=dj.text(ds, dj.LATERALITY),
        view_position=dj.text(first_instance, dj.VIEW_POSITION),
    )


def instance_ref(ds: dj.JsonDataset) -> InstanceRef:
    uid = dj.text(ds, dj.SOP_UID)
    if not uid:
        raise ValueError("instance without SOP Instance UID")
    return InstanceRef(sop_instance_uid=uid, instance_number=dj.integer(ds, dj.INSTANCE_NUMBER))
