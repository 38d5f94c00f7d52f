"""Studies from a folder, a CD or a USB stick: a folder of DICOM files (searched
recursively) or a DICOMDIR (the media directory of PS3.10 section 8 and PS3.3 F.2, read
with pydicom's FileSet).

:class:`LocalSource` offers the calls the study loader makes on the hub client, so a local
study goes through the same download step into the encrypted cache and the same decoding
as a hub study - the viewer cannot tell the difference. "URLs" are the files' paths; only
the files found by the scan can be read through it.

Files that are not DICOM (autorun.inf, viewers shipped on the disc, thumbnails) are
skipped silently; DICOM files without the UIDs needed to file them are counted in
``unreadable`` so the reader is told that something was left out.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydicom import dcmread
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.fileset import FileSet

from workstation.core.study import (
    InstanceRef,
    InstanceUrl,
    Priority,
    SeriesRef,
    StudyDetail,
    StudyStatus,
    WorklistItem,
)
from workstation.hub.errors import NotFound

log = logging.getLogger(__name__)

LOCAL_TENANT = "local"
NOT_IMAGES = frozenset({"SR", "DOC", "KO", "PR"})
_HEADER_TAGS = [
    "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "InstanceNumber", "Modality",
    "SeriesNumber", "SeriesDescription", "StudyDescription", "StudyDate", "StudyTime",
    "AccessionNumber", "PatientName", "PatientID", "PatientSex", "PatientBirthDate",
    "InstitutionName", "BodyPartExamined", "Laterality", "ViewPosition",
]


@dataclass(frozen=True, slots=True)
class _Entry:
    path: Path
    header: Dataset


@dataclass(slots=True)
class LocalCollection:
    """What a scan found: one worklist row and one detail per study, the file of each
    instance, and how many DICOM files could not be filed."""

    items: list[WorklistItem] = field(default_factory=list)
    details: dict[str, StudyDetail] = field(default_factory=dict)
    files: dict[tuple[str, str, str], Path] = field(default_factory=dict)
    unreadable: int = 0


def find_dicomdir(path: Path) -> Path | None:
    """``path`` itself when it is a DICOMDIR, or the DICOMDIR at the top of a folder."""
    if path.is_file():
        return path if path.name.upper() == "DICOMDIR" else None
    for name in ("DICOMDIR", "dicomdir"):
        if (path / name).is_file():
            return path / name
    return None


def scan(path: Path | str) -> LocalCollection:
    """Read the headers of every DICOM file under ``path`` (or listed in its DICOMDIR).
    Blocking: run on a worker thread."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist")
    dicomdir = find_dicomdir(path)
    candidates = _dicomdir_files(dicomdir) if dicomdir is not None else _folder_files(path)
    entries: list[_Entry] = []
    unreadable = 0
    for candidate in candidates:
        header = _header(candidate)
        if header is None:
            continue
        if not all(str(header.get(k, "")) for k in
                   ("StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID")):
            unreadable += 1
            continue
        entries.append(_Entry(candidate, header))
    collection = _collect(entries)
    collection.unreadable = unreadable
    log.info("local import: %d studies, %d files, %d unreadable",
             len(collection.items), len(collection.files), unreadable)
    return collection


def _dicomdir_files(dicomdir: Path) -> list[Path]:
    """The files the DICOMDIR's records point to (PS3.3 F.3: Referenced File ID)."""
    fs = FileSet(dcmread(dicomdir))
    return [Path(instance.path) for instance in fs]


def _folder_files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        found += [Path(root) / n for n in sorted(names)]
    return found


def _header(path: Path) -> Dataset | None:
    try:
        return dcmread(path, stop_before_pixels=True, specific_tags=_HEADER_TAGS)
    except (InvalidDicomError, EOFError, OSError, ValueError, KeyError, TypeError):
        return None  # not DICOM, or too broken to say which study it belongs to


def _text(ds: Dataset, keyword: str) -> str:
    return str(ds.get(keyword, "") or "").strip()


def _number(ds: Dataset, keyword: str) -> int | None:
    try:
        value = ds.get(keyword)
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _date(value: str) -> datetime | None:
    try:
        return datetime.strptime(value[:8], "%Y%m%d") if len(value) >= 8 else None
    except ValueError:
        return None


def _collect(entries: list[_Entry]) -> LocalCollection:
    collection = LocalCollection()
    by_study: dict[str, dict[str, list[_Entry]]] = defaultdict(lambda: defaultdict(list))
    for entry in entries:
        h = entry.header
        study, series, sop = (_text(h, "StudyInstanceUID"), _text(h, "SeriesInstanceUID"),
                              _text(h, "SOPInstanceUID"))
        if (study, series, sop) in collection.files:
            continue  # the same instance twice (copied folder): keep the first
        collection.files[(study, series, sop)] = entry.path
        by_study[study][series].append(entry)
    for study_uid, series_map in by_study.items():
        first = next(iter(series_map.values()))[0].header
        series_refs = []
        for series_uid, group in series_map.items():
            head = group[0].header
            if _text(head, "Modality") in NOT_IMAGES:
                continue
            instances = tuple(sorted(
                (InstanceRef(_text(e.header, "SOPInstanceUID"),
                             _number(e.header, "InstanceNumber"), e.path.stat().st_size)
                 for e in group),
                key=lambda r: (r.instance_number is None, r.instance_number or 0)))
            series_refs.append(SeriesRef(
                series_uid, _number(head, "SeriesNumber"), _text(head, "Modality"),
                _text(head, "SeriesDescription"), instances, _text(head, "BodyPartExamined"),
                _text(head, "Laterality"), _text(head, "ViewPosition")))
        series_refs.sort(key=lambda s: (s.series_number is None, s.series_number or 0))
        day = _date(_text(first, "StudyDate"))
        clock = _text(first, "StudyTime").split(".")[0]
        when = day
        if day is not None and clock.isdigit():
            try:
                when = datetime.strptime(day.strftime("%Y%m%d") + (clock + "000000")[:6],
                                         "%Y%m%d%H%M%S")
            except ValueError:
                when = day
        birth = _date(_text(first, "PatientBirthDate"))
        modalities = sorted({s.modality for s in series_refs if s.modality})
        item = WorklistItem(
            study_uid=study_uid, accession=_text(first, "AccessionNumber"),
            patient_name=_text(first, "PatientName"), patient_id=_text(first, "PatientID"),
            patient_sex=_text(first, "PatientSex"),
            patient_birth_date=birth.date() if birth else None,
            modality="/".join(modalities), description=_text(first, "StudyDescription"),
            study_datetime=when, tenant_id=LOCAL_TENANT,
            hospital=_text(first, "InstitutionName"),
            priority=Priority.ROUTINE, status=StudyStatus.UNREAD)
        collection.items.append(item)
        collection.details[study_uid] = StudyDetail(item, tuple(series_refs))
    collection.items.sort(key=lambda i: (i.patient_name, i.study_uid))
    return collection


class LocalSource:
    """The study-loader side of a :class:`LocalCollection`."""

    def __init__(self, collection: LocalCollection) -> None:
        self.collection = collection
        self._paths = {str(p): p for p in collection.files.values()}

    def study(self, study_uid: str) -> StudyDetail:
        try:
            return self.collection.details[study_uid]
        except KeyError:
            raise NotFound("local_missing", "The study is not in the opened folder.") from None

    def instance_urls(self, study_uid: str, series_uid: str | None = None) -> list[InstanceUrl]:
        expires = datetime.now(UTC) + timedelta(days=3650)
        return [
            InstanceUrl(study, series, sop, str(path), expires, path.stat().st_size)
            for (study, series, sop), path in self.collection.files.items()
            if study == study_uid and (series_uid is None or series == series_uid)
        ]

    def fetch(self, url: str) -> bytes:
        path = self._paths.get(url)
        if path is None:
            raise NotFound("local_missing", "Not a file of the opened folder.")
        try:
            return path.read_bytes()
        except OSError:
            raise NotFound("local_unreadable", "A file of the opened folder could not be "
                           "read (was the disc or USB stick removed?).") from None
