"""Anonymized DICOM export: images, a series or a study, from the encrypted cache or from
files, de-identified with one PS3.15 profile, to a folder or a zip file.

One :class:`~workstation.dicom.deidentify.Deidentifier` (one secret) serves the whole
export, so the new Study / Series / SOP Instance UIDs agree across every file and every
reference between them still resolves (PS3.15 E.3.9 asks for consistent replacement),
and one patient's dates move by the same number of days. Files are named by position
(``STUDY_001/SERIES_001/IMG_00001.dcm``), never by anything from the source.

An instance that cannot be read, or that the profile refuses (burned-in text), is left
out and listed with the reason; the rest are written. Every export, also a failed one, is
audited through :mod:`workstation.services.export_audit`.
"""

from __future__ import annotations

import io
import os
import secrets
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pydicom
from pydicom.errors import InvalidDicomError

from workstation.core.deid_profile import DeidProfile
from workstation.dicom.deidentify import DeidentificationRefusedError, Deidentifier, PixelMask
from workstation.dicom.deidentify_values import Pseudonymizer
from workstation.services.export_audit import ANONYMIZED, AuditSink, ExportEvent, audit_export

Source = tuple[str, bytes]  # (label for messages, file bytes)


class ExportError(Exception):
    """The export could not be written (no space, no permission, bad destination)."""


@dataclass(slots=True)
class ExportResult:
    destination: Path
    written: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    study_uids: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


class CacheReader(Protocol):
    """What the export needs from :class:`workstation.cache.store.EncryptedStore`."""

    def list_instances(self, tenant: str, study_uid: str,
                       series_uid: str | None = None) -> list[tuple[str, str]]: ...

    def get(self, tenant: str, study_uid: str, series_uid: str, sop_uid: str) -> bytes | None:
        ...


def cached_sources(store: CacheReader, tenant: str, study_uid: str,
                   series_uid: str | None = None,
                   sop_uids: Sequence[str] | None = None) -> Iterator[Source]:
    """The cached instances of a study, one series, or chosen images of it."""
    wanted = set(sop_uids) if sop_uids is not None else None
    for index, (series, sop) in enumerate(store.list_instances(tenant, study_uid, series_uid)):
        if wanted is not None and sop not in wanted:
            continue
        data = store.get(tenant, study_uid, series, sop)
        if data is not None:
            yield f"cached image {index + 1}", data


def file_sources(paths: Iterable[Path]) -> Iterator[Source]:
    """Files, and every file under folders, in name order."""
    for path in paths:
        path = Path(path)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            yield file.name, file.read_bytes()


class _Writer:
    """Writes entries into a folder (never overwriting) or a zip built beside its final
    name and moved into place at the end, so a failed export leaves no half zip."""

    def __init__(self, destination: Path, as_zip: bool) -> None:
        self.destination = destination
        self.as_zip = as_zip
        self._zip: zipfile.ZipFile | None = None
        if as_zip:
            destination.parent.mkdir(parents=True, exist_ok=True)
            self._temp = destination.with_name(destination.name + ".part")
            self._zip = zipfile.ZipFile(self._temp, "w", zipfile.ZIP_DEFLATED)
        else:
            destination.mkdir(parents=True, exist_ok=True)

    def write(self, name: str, data: bytes) -> None:
        if self._zip is not None:
            self._zip.writestr(name, data)
            return
        path = self.destination / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as fh:
            fh.write(data)

    def finish(self, ok: bool) -> None:
        if self._zip is None:
            return
        self._zip.close()
        if ok:
            os.replace(self._temp, self.destination)
        else:
            self._temp.unlink(missing_ok=True)


def export_anonymized(
    sources: Iterable[Source], profile: DeidProfile, destination: Path, *,
    as_zip: bool = False, secret: bytes | None = None, masks: Sequence[PixelMask] = (),
    sink: AuditSink | None = None, progress: Callable[[int], None] | None = None,
) -> ExportResult:
    """De-identify every source with ``profile`` and write it to ``destination`` (a folder,
    or a ``.zip`` file when ``as_zip``). ``secret`` keys the UID and date replacements
    (random per export when None; a trial passes its own to stay consistent)."""
    engine = Deidentifier(profile, Pseudonymizer(secret or secrets.token_bytes(32)),
                          masks=masks)
    result = ExportResult(Path(destination))
    layout = _Layout()
    ok = False
    try:
        writer = _Writer(result.destination, as_zip)
    except OSError as exc:
        _audit(result, profile, as_zip, sink, "failure", str(exc.strerror or exc))
        raise ExportError(f"cannot create {destination}: {exc.strerror or exc}") from exc
    try:
        for label, data in sources:
            _export_one(engine, layout, writer, result, label, data)
            if progress is not None:
                progress(result.written)
        ok = True
    except OSError as exc:
        _audit(result, profile, as_zip, sink, "failure", str(exc.strerror or exc))
        raise ExportError(f"could not write the export: {exc.strerror or exc}") from exc
    finally:
        writer.finish(ok)
    outcome = "success" if not result.skipped else ("partial" if result.written else "failure")
    _audit(result, profile, as_zip, sink, outcome, f"{len(result.skipped)} skipped")
    return result


def _export_one(engine: Deidentifier, layout: _Layout, writer: _Writer,
                result: ExportResult, label: str, data: bytes) -> None:
    try:
        ds = pydicom.dcmread(io.BytesIO(data))
    except (InvalidDicomError, ValueError, EOFError, OSError, RecursionError) as exc:
        result.skipped.append(f"{label}: not a readable DICOM file ({type(exc).__name__})")
        return
    if "DirectoryRecordSequence" in ds:
        result.warnings.append(f"{label}: a DICOMDIR index, not exported (its images are)")
        return
    study = str(ds.get("StudyInstanceUID", "") or "")
    if study and study not in result.study_uids:
        result.study_uids.append(study)
    try:
        outcome = engine.deidentify(ds)
    except DeidentificationRefusedError as exc:
        result.skipped.append(f"{label}: {exc}")
        return
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop the export
        result.skipped.append(f"{label}: cannot be de-identified ({type(exc).__name__})")
        return
    buffer = io.BytesIO()
    try:
        outcome.dataset.save_as(buffer, enforce_file_format=True)
    except Exception as exc:  # noqa: BLE001 - e.g. missing file meta, unknown VR
        result.skipped.append(
            f"{label}: cannot be written as a DICOM file ({type(exc).__name__})")
        return
    name = layout.name_for(outcome.dataset)
    writer.write(name, buffer.getvalue())
    result.written += 1
    result.files.append(name)
    result.warnings.extend(f"{label}: {w}" for w in outcome.warnings)


class _Layout:
    """``STUDY_nnn/SERIES_nnn/IMG_nnnnn.dcm`` numbered in order of appearance."""

    def __init__(self) -> None:
        self._studies: dict[str, int] = {}
        self._series: dict[tuple[str, str], int] = {}
        self._images: dict[tuple[str, str], int] = {}

    def name_for(self, ds: pydicom.Dataset) -> str:
        study = str(ds.get("StudyInstanceUID", "") or "")
        series = str(ds.get("SeriesInstanceUID", "") or "")
        s = self._studies.setdefault(study, len(self._studies) + 1)
        r = self._series.setdefault((study, series),
                                    sum(1 for k in self._series if k[0] == study) + 1)
        n = self._images[(study, series)] = self._images.get((study, series), 0) + 1
        return f"STUDY_{s:03d}/SERIES_{r:03d}/IMG_{n:05d}.dcm"


def _audit(result: ExportResult, profile: DeidProfile, as_zip: bool,
           sink: AuditSink | None, outcome: str, detail: str) -> None:
    audit_export(ExportEvent(
        action=ANONYMIZED, study_uids=tuple(result.study_uids), instances=result.written,
        destination_kind="zip" if as_zip else "folder", profile=profile.name,
        outcome=outcome, detail=detail), sink)
