"""Reading attributes out of the DICOM JSON Model (PS3.18 Annex F) that QIDO-RS, WADO-RS
metadata and STOW-RS responses use: objects keyed by 8-hex-digit tags, each with ``vr`` and
``Value`` (a list; absent for an empty attribute), person names as ``{"Alphabetic": ...}``
(F.2.2), and sequences as lists of nested objects."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

JsonDataset = dict[str, Any]

# Tags used by the worklist and the series/instance lists (PS3.6).
STUDY_UID = "0020000D"
SERIES_UID = "0020000E"
SOP_UID = "00080018"
SOP_CLASS_UID = "00080016"
ACCESSION = "00080050"
STUDY_DATE = "00080020"
STUDY_TIME = "00080030"
STUDY_DESCRIPTION = "00081030"
MODALITIES_IN_STUDY = "00080061"
MODALITY = "00080060"
PATIENT_NAME = "00100010"
PATIENT_ID = "00100020"
PATIENT_BIRTH_DATE = "00100030"
PATIENT_SEX = "00100040"
SERIES_NUMBER = "00200011"
SERIES_DESCRIPTION = "0008103E"
INSTANCE_NUMBER = "00200013"
BODY_PART = "00180015"
LATERALITY = "00200060"
VIEW_POSITION = "00185101"
INSTITUTION = "00080080"
NUMBER_OF_SERIES = "00201206"
NUMBER_OF_INSTANCES = "00201208"
RETRIEVE_URL = "00081190"
FAILED_SOP_SEQUENCE = "00081198"
REFERENCED_SOP_SEQUENCE = "00081199"
OTHER_FAILURES_SEQUENCE = "0008119A"
FAILURE_REASON = "00081197"
WARNING_REASON = "00081196"
REFERENCED_SOP_CLASS = "00081150"
REFERENCED_SOP_INSTANCE = "00081155"


def values(ds: JsonDataset, tag: str) -> list[Any]:
    element = ds.get(tag)
    if not isinstance(element, dict):
        return []
    value = element.get("Value")
    return value if isinstance(value, list) else []


def first(ds: JsonDataset, tag: str) -> Any:
    found = values(ds, tag)
    return found[0] if found else None


def text(ds: JsonDataset, tag: str) -> str:
    """A string attribute ("" when absent); a person name gives its alphabetic form."""
    value = first(ds, tag)
    if value is None:
        return ""
    if isinstance(value, dict):  # PN (F.2.2)
        return str(value.get("Alphabetic", "") or "")
    return str(value).strip()


def integer(ds: JsonDataset, tag: str) -> int | None:
    value = first(ds, tag)
    try:
        return int(value) if value is not None and str(value).strip() != "" else None
    except (TypeError, ValueError):
        return None


def dicom_date(ds: JsonDataset, tag: str) -> date | None:
    """A DA value (YYYYMMDD, PS3.5 6.2); None when absent or malformed."""
    raw = text(ds, tag).replace("-", "")
    try:
        return datetime.strptime(raw[:8], "%Y%m%d").date() if len(raw) >= 8 else None
    except ValueError:
        return None


def dicom_datetime(ds: JsonDataset, date_tag: str, time_tag: str) -> datetime | None:
    """A DA plus TM pair (TM is HHMMSS.FFFFFF with optional parts, PS3.5 6.2)."""
    day = dicom_date(ds, date_tag)
    if day is None:
        return None
    raw = text(ds, time_tag).replace(":", "").split(".")[0]
    digits = (raw + "000000")[:6] if raw.isdigit() else "000000"
    try:
        return datetime.strptime(day.strftime("%Y%m%d") + digits, "%Y%m%d%H%M%S")
    except ValueError:
        return datetime(day.year, day.month, day.day)


def sequence(ds: JsonDataset, tag: str) -> list[JsonDataset]:
    return [item for item in values(ds, tag) if isinstance(item, dict)]
