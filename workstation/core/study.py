"""Worklist and study descriptions shared by the hub client, the demo hub and the UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Priority(StrEnum):
    """Reading priority; STAT (emergency) studies are read first."""

    STAT = "STAT"
    URGENT = "URGENT"
    ROUTINE = "ROUTINE"

    @property
    def rank(self) -> int:
        """Sort key: lower is read earlier."""
        return {"STAT": 0, "URGENT": 1, "ROUTINE": 2}[self.value]


class StudyStatus(StrEnum):
    """Reporting state of a study on the hub."""

    UNREAD = "UNREAD"
    IN_PROGRESS = "IN_PROGRESS"
    PRELIMINARY = "PRELIMINARY"
    FINAL = "FINAL"

    @property
    def is_reported(self) -> bool:
        return self in (StudyStatus.PRELIMINARY, StudyStatus.FINAL)


@dataclass(frozen=True, slots=True)
class WorklistItem:
    """One row of the reader's worklist."""

    study_uid: str
    accession: str
    patient_name: str
    patient_id: str
    patient_sex: str
    patient_birth_date: date | None
    modality: str
    description: str
    study_datetime: datetime | None
    tenant_id: str
    hospital: str
    priority: Priority
    status: StudyStatus
    priors_count: int = 0
    clinical_notes: str = ""
    claimed_by: str = ""  # username holding the reading lock, "" when free
    claim_expires_at: datetime | None = None
    open_critical: int = 0  # critical-result communications not yet acknowledged

    @property
    def sort_key(self) -> tuple[int, float]:
        """STAT first, then the longest waiting (oldest) study first."""
        ts = self.study_datetime.timestamp() if self.study_datetime else 0.0
        return (self.priority.rank, ts)


@dataclass(frozen=True, slots=True)
class InstanceRef:
    sop_instance_uid: str
    instance_number: int | None
    size: int = 0


@dataclass(frozen=True, slots=True)
class SeriesRef:
    series_uid: str
    series_number: int | None
    modality: str
    description: str
    instances: tuple[InstanceRef, ...] = ()
    body_part: str = ""
    laterality: str = ""
    view_position: str = ""

    @property
    def count(self) -> int:
        return len(self.instances)


@dataclass(frozen=True, slots=True)
class StudyDetail:
    item: WorklistItem
    series: tuple[SeriesRef, ...] = ()
    priors: tuple[WorklistItem, ...] = ()


@dataclass(frozen=True, slots=True)
class InstanceUrl:
    """A pre-signed, expiring URL for one DICOM instance."""

    study_uid: str
    series_uid: str
    sop_instance_uid: str
    url: str
    expires_at: datetime
    size: int = 0


@dataclass(frozen=True, slots=True)
class UserInfo:
    username: str
    display_name: str
    role: str
    tenants: tuple[str, ...] = field(default_factory=tuple)
    permissions: tuple[str, ...] = field(default_factory=tuple)

    def can(self, permission: str) -> bool:
        return permission in self.permissions
