"""The attributes hanging rules look at, gathered from the study, its series and images.

Series facts come from the hub's series list before anything is downloaded (so the
layout can be chosen at once); image facts come from a decoded stack (one mammography
series holds its four views as four stacks, told apart by Image Laterality (0020,0062)
and View Position (0018,5101), PS3.3 C.8.11.7).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from workstation.core.stack import ImageStack
from workstation.core.study import SeriesRef, StudyDetail

_PLANE_WORDS = (
    (re.compile(r"\b(ax|axi|axial|aks|aksiyel|tra|transverse)\b", re.I), "AXIAL"),
    (re.compile(r"\b(sag|sagittal|sagital)\b", re.I), "SAGITTAL"),
    (re.compile(r"\b(cor|coronal|kor|koronal)\b", re.I), "CORONAL"),
)


def plane_from_description(description: str) -> str:
    """AXIAL, SAGITTAL or CORONAL when the series description names the plane."""
    for pattern, plane in _PLANE_WORDS:
        if pattern.search(description):
            return plane
    return ""


def plane_of(stack: ImageStack) -> str:
    """The acquisition plane from the slice normal (PS3.3 C.7.6.2.1.1: LPS axes)."""
    if len(stack.positions) == 0:
        return ""
    normal = np.abs(stack.normal)
    axis = int(np.argmax(normal))
    if normal[axis] < 0.8:
        return "OBLIQUE"
    return ("SAGITTAL", "CORONAL", "AXIAL")[axis]


@dataclass(frozen=True, slots=True)
class SeriesFacts:
    """One series as the rules and the prior pairing see it."""

    uid: str
    modality: str = ""
    description: str = ""
    body_part: str = ""
    laterality: str = ""
    view_position: str = ""
    series_number: int | None = None
    count: int = 0
    plane: str = ""

    @classmethod
    def of(cls, ref: SeriesRef) -> SeriesFacts:
        return cls(ref.series_uid, ref.modality.upper(), ref.description,
                   ref.body_part.upper(), ref.laterality.upper(), ref.view_position.upper(),
                   ref.series_number, ref.count, plane_from_description(ref.description))

    def as_facts(self) -> dict[str, Any]:
        return {
            "modality": self.modality, "description": self.description,
            "body_part": self.body_part, "laterality": self.laterality,
            "view_position": self.view_position, "series_number": self.series_number,
            "count": self.count, "plane": self.plane,
        }


def study_facts(detail: StudyDetail) -> dict[str, Any]:
    """Study-level facts: every modality and body part of the study, its description,
    the number of priors the hub listed, and all of its anatomy words together."""
    modalities = {s.modality.upper() for s in detail.series if s.modality}
    if detail.item.modality:
        modalities |= {m.strip().upper() for m in detail.item.modality.split("\\") if m}
    return {
        "modality": sorted(modalities),
        "body_part": sorted({s.body_part.upper() for s in detail.series if s.body_part}),
        "study_description": detail.item.description,
        "priors": len(detail.priors),
        "anatomy": " | ".join([*(s.body_part for s in detail.series), detail.item.description,
                               *(s.description for s in detail.series)]),
    }


def image_facts(stack: ImageStack) -> dict[str, Any]:
    """Image-level facts of a decoded stack."""
    projection = stack.projection
    orientation = "\\".join(projection.patient_orientation) if projection else ""
    return {
        "laterality": stack.header.laterality.upper(),
        "view_position": stack.header.view_position.upper(),
        "patient_orientation": orientation,
        "plane": plane_of(stack),
    }
