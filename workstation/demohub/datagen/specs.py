"""Descriptions of the demo tenants, patients, studies and series, and their UIDs.

UIDs are derived, not random: pydicom's ``generate_uid`` hashes the entropy sources under its
registered root (PS3.5 section 9 and Annex B allow any derivation that guarantees
uniqueness), so every run produces the same Study, Series, SOP Instance and Frame of
Reference UIDs and tests elsewhere can refer to them without reading any file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pydicom.uid import generate_uid

from workstation.demohub.datagen.chest_phantom import ChestPhantom
from workstation.demohub.datagen.geometry import AxialGeometry
from workstation.demohub.datagen.mammo import BreastPhantom, MammoView
from workstation.demohub.datagen.mr_brain import BrainPhantom

DATA_VERSION = 1  # manifest format version; also part of every derived UID


def derived_uid(*parts: object) -> str:
    """A UID that depends only on the data version and ``parts``."""
    return generate_uid(entropy_srcs=["workstation-demo-data", str(DATA_VERSION), *map(str, parts)])


@dataclass(frozen=True, slots=True)
class Tenant:
    """A hospital on the multi-tenant hub."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Patient:
    """A fictional patient; ``name`` is a DICOM PN value (Family^Given)."""

    name: str
    patient_id: str
    sex: str
    birth_date: date

    def age_at(self, day: date) -> str:
        """Patient's Age (0010,1010) as an AS value such as "068Y"."""
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return f"{years:03d}Y"


@dataclass(frozen=True, slots=True)
class CtSeries:
    """An axial CT series rendered from a chest phantom."""

    number: int
    description: str
    geometry: AxialGeometry
    phantom: ChestPhantom
    kernel: str
    transfer_syntax: str
    tube_current_ma: int = 220


@dataclass(frozen=True, slots=True)
class MrSeries:
    """An axial MR series of one weighting rendered from a head phantom."""

    number: int
    description: str
    weighting: str
    geometry: AxialGeometry
    phantom: BrainPhantom
    transfer_syntax: str


@dataclass(frozen=True, slots=True)
class MgSeries:
    """A set of mammography views, one image per view."""

    number: int
    description: str
    views: tuple[MammoView, ...]
    phantom: BreastPhantom
    rows: int
    columns: int
    spacing: float
    transfer_syntax: str

    @property
    def count(self) -> int:
        return len(self.views)


Series = CtSeries | MrSeries | MgSeries


def instance_count(series: Series) -> int:
    """Number of images the series holds."""
    return series.count if isinstance(series, MgSeries) else series.geometry.count


@dataclass(frozen=True, slots=True)
class Study:
    """One study on the hub, with the worklist fields the manifest publishes."""

    key: str
    tenant: Tenant
    patient: Patient
    when: datetime
    accession: str
    study_id: str
    description: str
    modality: str
    body_part: str
    referring: str
    priority: str
    status: str
    clinical_notes: str
    series: tuple[Series, ...]

    @property
    def study_uid(self) -> str:
        return derived_uid("study", self.key)

    @property
    def frame_of_reference_uid(self) -> str:
        """One acquisition, one frame: all series of a study share it (PS3.3 C.7.4.1.1.1)."""
        return derived_uid("frame-of-reference", self.key)

    @property
    def dir(self) -> str:
        """Directory relative to the data root; neutral, never the patient's name or ID."""
        return f"studies/{self.key}"

    def series_uid(self, series: Series) -> str:
        return derived_uid("series", self.key, series.number)

    def sop_uid(self, series: Series, instance: int) -> str:
        return derived_uid("instance", self.key, series.number, instance)

    def series_dir(self, series: Series) -> str:
        return f"{self.dir}/series-{series.number:02d}"

    @staticmethod
    def file_name(instance: int) -> str:
        return f"{instance:04d}.dcm"

    def manifest_entry(self) -> dict[str, str]:
        return {
            "study_uid": self.study_uid,
            "tenant": self.tenant.id,
            "priority": self.priority,
            "status": self.status,
            "clinical_notes": self.clinical_notes,
            "dir": self.dir,
        }
