"""A hub double for the hanging tests: a current study with a prior, real DICOM bytes.

Mammograms are small synthetic images (a half-disc of bright tissue against the chest
wall, air elsewhere) whose chest wall lies on the side their Patient Orientation says:
the current study stores every view with the chest wall on the left of the matrix (as a
detector reads out), the prior stores them in the standard orientation, at another pixel
spacing and size. CT series are small axial stacks in two frames of reference.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian

from workstation.core.study import (
    InstanceRef,
    InstanceUrl,
    Priority,
    SeriesRef,
    StudyDetail,
    StudyStatus,
    WorklistItem,
)

MG_SOP = "1.2.840.10008.5.1.4.1.1.1.2"  # Digital Mammography X-Ray Image - For Presentation
ROOT = "1.2.826.0.1.3680043.8.498.77"
TISSUE, AIR = 3000, 0
VIEWS = (("R", "CC"), ("L", "CC"), ("R", "MLO"), ("L", "MLO"))
STANDARD = {("R", "CC"): ("P", "L"), ("L", "CC"): ("A", "R"),
            ("R", "MLO"): ("P", "FL"), ("L", "MLO"): ("A", "FR")}
CHEST_WALL_LEFT = {("R", "CC"): ("A", "L"), ("L", "CC"): ("A", "R"),
                   ("R", "MLO"): ("A", "FL"), ("L", "MLO"): ("A", "FR")}


def worklist_item(uid: str, modality: str, description: str, year: int) -> WorklistItem:
    return WorklistItem(uid, f"ACC{year}", "HANGING^TEST", "H1", "F", date(1970, 1, 1),
                        modality, description, datetime(year, 5, 1, 9, 0), "ankara",
                        "Test Hospital", Priority.ROUTINE, StudyStatus.UNREAD)


def _base(sop_class: str, sop_uid: str, study: str, series: str, number: int) -> Dataset:
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = sop_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID, ds.SOPInstanceUID = sop_class, sop_uid
    ds.StudyInstanceUID, ds.SeriesInstanceUID = study, series
    ds.PatientName, ds.PatientID = "HANGING^TEST", "H1"
    ds.SeriesNumber, ds.InstanceNumber = 1, number
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    return ds


def _bytes(ds: Dataset) -> bytes:
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def breast(rows: int, columns: int, chest_wall_left: bool) -> np.ndarray:
    """Tissue as a half-disc on the chest-wall side, brightest at the chest wall."""
    yy, xx = np.mgrid[0:rows, 0:columns].astype(np.float64)
    depth = xx if chest_wall_left else (columns - 1 - xx)
    radius = 0.85 * columns
    inside = depth ** 2 + ((yy - rows / 2) * columns / rows * 1.6) ** 2 < radius ** 2
    value = TISSUE - 1500 * depth / columns
    return np.where(inside, value, AIR).astype(np.uint16)


def mg_view(study: str, series: str, number: int, side: str, view: str,
            orientation: tuple[str, str], rows: int, columns: int, spacing: float) -> bytes:
    ds = _base(MG_SOP, f"{series}.{number}", study, series, number)
    ds.Modality, ds.BodyPartExamined = "MG", "BREAST"
    ds.SeriesDescription = "Screening"
    ds.ImageLaterality, ds.ViewPosition = side, view
    ds.PatientOrientation = list(orientation)
    ds.ImagerPixelSpacing = [spacing, spacing]
    ds.WindowCenter, ds.WindowWidth = 1600, 3200
    ds.Rows, ds.Columns = rows, columns
    ds.PixelData = breast(rows, columns, orientation[0] == "A").tobytes()
    return _bytes(ds)


def ct_slice(study: str, series: str, k: int, top: float, step: float, size: int = 32) -> bytes:
    ds = _base(CTImageStorage, f"{series}.{k + 1}", study, series, k + 1)
    ds.Modality, ds.BodyPartExamined, ds.SeriesDescription = "CT", "CHEST", "Ax 5mm"
    ds.FrameOfReferenceUID = study + ".9"
    ds.ImagePositionPatient = [-100.0, -100.0, top - step * k]
    ds.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
    ds.PixelSpacing = [200.0 / size, 200.0 / size]
    ds.PixelRepresentation = 1
    ds.RescaleSlope, ds.RescaleIntercept = 1, -1024
    ds.Rows = ds.Columns = size
    ds.PixelData = np.full((size, size), 1024 + 40 + k, np.int16).tobytes()
    return _bytes(ds)


@dataclass
class HangingHub:
    """``study``, ``instance_urls`` and ``fetch`` of the hub client, for two studies."""

    details: dict[str, StudyDetail] = field(default_factory=dict)
    urls: dict[str, list[InstanceUrl]] = field(default_factory=dict)
    objects: dict[str, bytes] = field(default_factory=dict)

    def add(self, item: WorklistItem, series: dict[str, list[bytes]], modality: str,
            priors: tuple[WorklistItem, ...] = ()) -> None:
        expires = datetime.now(UTC) + timedelta(hours=1)
        refs, urls = [], []
        for n, (uid, blobs) in enumerate(series.items(), start=1):
            instances = []
            for k, data in enumerate(blobs, start=1):
                url = f"https://objects.test/{uid}.{k}"
                self.objects[url] = data
                instances.append(InstanceRef(f"{uid}.{k}", k, len(data)))
                urls.append(InstanceUrl(item.study_uid, uid, f"{uid}.{k}", url, expires,
                                        len(data)))
            body = "BREAST" if modality == "MG" else "CHEST"
            refs.append(SeriesRef(uid, n, modality, "Screening" if modality == "MG" else "Ax 5mm",
                                  tuple(instances), body))
        self.details[item.study_uid] = StudyDetail(item, tuple(refs), priors)
        self.urls[item.study_uid] = urls

    def study(self, study_uid: str) -> StudyDetail:
        return self.details[study_uid]

    def instance_urls(self, study_uid: str, series_uid: str | None = None) -> list[InstanceUrl]:
        return [u for u in self.urls[study_uid] if series_uid in (None, u.series_uid)]

    def fetch(self, url: str) -> bytes:
        return self.objects[url]


def mammo_hub() -> tuple[HangingHub, WorklistItem]:
    hub = HangingHub()
    current = worklist_item(ROOT + ".1", "MG", "Bilateral screening mammography", 2025)
    prior = worklist_item(ROOT + ".2", "MG", "Bilateral screening mammography", 2024)
    hub.add(current, {ROOT + ".1.1": [
        mg_view(current.study_uid, ROOT + ".1.1", i + 1, s, v, CHEST_WALL_LEFT[(s, v)],
                120, 80, 0.1) for i, (s, v) in enumerate(VIEWS)]}, "MG", (prior,))
    hub.add(prior, {ROOT + ".2.1": [
        mg_view(prior.study_uid, ROOT + ".2.1", i + 1, s, v, STANDARD[(s, v)], 96, 72, 0.13)
        for i, (s, v) in enumerate(VIEWS)]}, "MG")
    return hub, current


def ct_hub() -> tuple[HangingHub, WorklistItem]:
    """Current: 24 slices of 2.5 mm from z=0; prior: 12 slices of 5 mm from z=10, the
    same anatomy (its own frame of reference is shifted by 10 mm)."""
    hub = HangingHub()
    current = worklist_item(ROOT + ".3", "CT", "CT chest", 2025)
    prior = worklist_item(ROOT + ".4", "CT", "CT chest", 2024)
    hub.add(current, {ROOT + ".3.1": [ct_slice(current.study_uid, ROOT + ".3.1", k, 0.0, 2.5)
                                      for k in range(24)]}, "CT", (prior,))
    hub.add(prior, {ROOT + ".4.1": [ct_slice(prior.study_uid, ROOT + ".4.1", k, 10.0, 5.0)
                                    for k in range(12)]}, "CT")
    return hub, current
