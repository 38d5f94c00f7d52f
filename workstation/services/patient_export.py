"""Patient export for a data-subject request (KVKK art. 11, GDPR art. 15/20): every cached
study and report of one patient, unchanged, in one AES-256 encrypted zip, in one action,
audited.

The zip uses WinZip AES-256 encryption (pyzipper), which 7-Zip, WinZip, macOS Archive
Utility (via Keka/The Unarchiver) and ``7z x`` open with the password the user chose; the
password is never stored. Inside::

    README.txt                       how to open, what is inside
    manifest.json                    studies (UIDs, date, description, image count)
    STUDY_001/SERIES_001/IMG_00001.dcm ...
    STUDY_001/REPORTS/<name>         reports handed in by the caller (PDF, SR, text)
    STUDY_001/REPORTS/draft.json     the locally saved unsigned draft, when there is one
    STUDY_001/REPORTS/outbox-1.json  a report submission still waiting to reach the hub

The patient is found by Patient ID in the cached files themselves (the cache index holds
no patient attributes, by design); the zip is built beside its final name and moved into
place only when complete.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pydicom
import pyzipper
from pydicom.errors import InvalidDicomError

from workstation.services.export_audit import PATIENT, AuditSink, ExportEvent, audit_export
from workstation.services.export_dicom import ExportError

MIN_PASSWORD = 8
README = """Patient data export
===================

This archive holds the medical images (DICOM files) and reports of one patient, as
requested under KVKK article 11 / GDPR article 15. It is encrypted with AES-256.

To open it you need the password chosen when the export was made (it is not written
anywhere in this archive or on the workstation):
  * Windows: 7-Zip (7-zip.org) or WinZip - right-click, Extract, enter the password.
  * macOS: Keka or The Unarchiver.
  * Linux: 7z x {name}

The DICOM files (.dcm) open in any DICOM viewer. manifest.json lists the studies.
"""


class PatientCache(Protocol):
    """What the export needs from :class:`workstation.cache.store.EncryptedStore`."""

    def cached_studies(self) -> Sequence[object]: ...

    def list_instances(self, tenant: str, study_uid: str,
                       series_uid: str | None = None) -> list[tuple[str, str]]: ...

    def get(self, tenant: str, study_uid: str, series_uid: str, sop_uid: str) -> bytes | None:
        ...


@dataclass(slots=True)
class PatientExportResult:
    destination: Path
    studies: list[str] = field(default_factory=list)
    instances: int = 0
    reports: int = 0


def local_reports(records: object) -> Callable[[str], list[tuple[str, bytes]]]:
    """The reports of a study kept in the encrypted cache (``EncryptedStore.records``):
    the autosaved unsigned draft and the report submissions waiting in the outbox."""
    from workstation.services import outbox
    from workstation.services.report_autosave import record_name

    def read(study_uid: str) -> list[tuple[str, bytes]]:
        found: list[tuple[str, bytes]] = []
        draft = records.get(record_name(study_uid))  # type: ignore[attr-defined]
        if draft:
            found.append(("draft.json", draft))
        queued = records.get(outbox.RECORD)  # type: ignore[attr-defined]
        entries = json.loads(queued.decode("utf-8")).get("entries", []) if queued else []
        mine = [e for e in entries if e.get("study_uid") == study_uid]
        for number, entry in enumerate(mine, start=1):
            found.append((f"outbox-{number}.json",
                          json.dumps(entry, indent=1, ensure_ascii=False).encode("utf-8")))
        return found

    return read


def _header(data: bytes) -> pydicom.Dataset | None:
    try:
        return pydicom.dcmread(io.BytesIO(data), stop_before_pixels=True)
    except (InvalidDicomError, ValueError, EOFError):
        return None


def patient_studies(store: PatientCache, tenant: str, patient_id: str) -> list[str]:
    """UIDs of the cached studies whose files carry this Patient ID (one file is read per
    study), oldest study first."""
    found: list[tuple[str, str]] = []
    for study in store.cached_studies():
        if getattr(study, "tenant", tenant) != tenant:
            continue
        uid = study.study_uid  # type: ignore[attr-defined]
        for series, sop in store.list_instances(tenant, uid)[:1]:
            data = store.get(tenant, uid, series, sop)
            ds = _header(data) if data else None
            if ds is not None and str(ds.get("PatientID", "")).strip() == patient_id.strip():
                found.append((str(ds.get("StudyDate", "") or ""), uid))
    return [uid for _date, uid in sorted(found)]


def export_patient(
    store: PatientCache, tenant: str, patient_id: str, destination: Path, password: str, *,
    reports: Mapping[str, Sequence[tuple[str, bytes]]] | None = None,
    local: Callable[[str], list[tuple[str, bytes]]] | None = None,
    sink: AuditSink | None = None,
) -> PatientExportResult:
    """Write the patient's cached studies and reports into one encrypted zip.

    ``reports`` maps a study UID to (file name, bytes) pairs (e.g. signed PDFs from the
    hub); ``local`` lists the reports of a study kept in the cache (:func:`local_reports`).
    """
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the password must have at least {MIN_PASSWORD} characters")
    destination = Path(destination)
    result = PatientExportResult(destination)
    studies = patient_studies(store, tenant, patient_id)
    if not studies:
        raise ExportError("no cached study of this patient")
    temp = destination.with_name(destination.name + ".part")
    manifest: list[dict[str, object]] = []
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        with pyzipper.AESZipFile(temp, "w", compression=pyzipper.ZIP_DEFLATED,
                                 encryption=pyzipper.WZ_AES) as archive:
            archive.setpassword(password.encode("utf-8"))
            archive.setencryption(pyzipper.WZ_AES, nbits=256)
            archive.writestr("README.txt", README.format(name=destination.name))
            for number, study_uid in enumerate(studies, start=1):
                folder = f"STUDY_{number:03d}"
                entry = _write_study(store, tenant, study_uid, folder, archive, result)
                entry["reports"] = _write_reports(
                    folder, study_uid, archive, result, reports or {}, local)
                manifest.append(entry)
                result.studies.append(study_uid)
            archive.writestr("manifest.json", json.dumps(
                {"studies": manifest}, indent=1, ensure_ascii=False))
        os.replace(temp, destination)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        _audit(result, sink, "failure")
        raise ExportError(f"could not write the export: {exc.strerror or exc}") from exc
    _audit(result, sink, "success")
    return result


def _write_study(store: PatientCache, tenant: str, study_uid: str, folder: str,
                 archive: pyzipper.AESZipFile, result: PatientExportResult) -> dict:
    series_numbers: dict[str, int] = {}
    counts: dict[str, int] = {}
    entry: dict[str, object] = {"folder": folder, "study_uid": study_uid}
    for series, sop in store.list_instances(tenant, study_uid):
        data = store.get(tenant, study_uid, series, sop)
        if data is None:
            continue
        if "date" not in entry:
            ds = _header(data)
            if ds is not None:
                entry["date"] = str(ds.get("StudyDate", "") or "")
                entry["description"] = str(ds.get("StudyDescription", "") or "")
        number = series_numbers.setdefault(series, len(series_numbers) + 1)
        counts[series] = counts.get(series, 0) + 1
        archive.writestr(f"{folder}/SERIES_{number:03d}/IMG_{counts[series]:05d}.dcm", data)
        result.instances += 1
    entry["images"] = sum(counts.values())
    return entry


def _write_reports(folder: str, study_uid: str, archive: pyzipper.AESZipFile,
                   result: PatientExportResult,
                   reports: Mapping[str, Sequence[tuple[str, bytes]]],
                   local: Callable[[str], list[tuple[str, bytes]]] | None) -> list[str]:
    names: list[str] = []
    entries = [*reports.get(study_uid, ()), *(local(study_uid) if local else ())]
    for name, data in entries:
        safe = Path(name).name or "report"
        while safe in names:
            safe = "_" + safe
        archive.writestr(f"{folder}/REPORTS/{safe}", data)
        names.append(safe)
    result.reports += len(names)
    return names


def _audit(result: PatientExportResult, sink: AuditSink | None, outcome: str) -> None:
    audit_export(ExportEvent(
        action=PATIENT, study_uids=tuple(result.studies), instances=result.instances,
        destination_kind="encrypted-zip", outcome=outcome,
        detail=f"{result.reports} report(s)"), sink)
