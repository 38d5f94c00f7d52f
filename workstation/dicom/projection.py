"""Scale, side and view of projection radiographs (MG, CR, DX) and of every image's spacing.

Which spacing a distance uses (PS3.3 10.7.1.1, C.8.11.4 DX Detector, C.8.11.7 Mammography
Image):

- Pixel Spacing (0028,0030) is the spacing in the patient, or a calibrated one; Pixel
  Spacing Calibration Type (0028,0A02) says GEOMETRY or FIDUCIAL when it was calibrated.
  On a projection image that also has Imager Pixel Spacing and no calibration type, equal
  values mean nothing was corrected: the scale is still the detector's.
- Imager Pixel Spacing (0018,1164) is at the detector face, larger than the anatomy by
  the geometric magnification. When Estimated Radiographic Magnification Factor
  (0018,1114, C.8.11.5) is present, dividing by it gives the nominal spacing in the
  imaged plane (what the IHE Mammography profile asks measurements to use).
- Without either, distances are in pixels.

The label of the choice travels with the stack (:class:`SpacingSource`), so a measurement
can say which spacing it used. Laterality is Image Laterality (0020,0062), else Frame
Laterality (0020,9072), else the series' Laterality (0020,0060); the view is View
Position (0018,5101), else the View Code Sequence (0054,0220) mapped to its usual
abbreviation (CID 4014 for mammography, CID 4010 for radiography).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pydicom
from pydicom.dataset import Dataset

from workstation.core.projection_info import ProjectionInfo, SpacingSource
from workstation.dicom.enhanced import PER_FRAME, SHARED, floats

LATERALITIES = frozenset({"R", "L", "B", "U"})
# Code meanings (lower case, spaces and hyphens removed) of CID 4014 View for Mammography
# and CID 4010 radiographic views, to the abbreviations used on film and in hanging rules.
_VIEW_BY_MEANING: dict[str, str] = {
    "craniocaudal": "CC",
    "mediolateraloblique": "MLO",
    "mediolateral": "ML",
    "lateromedial": "LM",
    "lateromedialoblique": "LMO",
    "caudocranial(frombelow)": "FB",
    "superolateraltoinferomedialoblique": "SIO",
    "inferomedialtosuperolateraloblique": "ISO",
    "craniocaudalexaggeratedlaterally": "XCCL",
    "craniocaudalexaggeratedmedially": "XCCM",
    "posteroanterior": "PA",
    "anteroposterior": "AP",
    "leftlateral": "LL",
    "rightlateral": "RL",
}
# SNOMED CT and SNOMED-RT codes of the common CID 4014 views, for files without meanings.
_VIEW_BY_CODE: dict[str, str] = {
    "399162004": "CC", "R-10242": "CC",
    "399368009": "MLO", "R-10226": "MLO",
    "399260004": "ML", "R-10224": "ML",
    "399352003": "LM", "R-10228": "LM",
    "399099002": "LMO", "R-10230": "LMO",
}


@dataclass(frozen=True, slots=True)
class ResolvedSpacing:
    """The (row, column) spacing to use in mm, and why."""

    spacing: tuple[float, float]
    source: str


@dataclass(frozen=True, slots=True)
class SpacingContext:
    """The file-level attributes that decide how a frame's Pixel Spacing is read: read
    once with the header, so that the choice needs no dataset later."""

    imager: tuple[float, float] | None = None
    calibration: str = ""
    magnification: float | None = None

    @classmethod
    def from_dataset(cls, ds: Dataset) -> SpacingContext:
        return cls(
            imager=_spacing(ds.get("ImagerPixelSpacing")),
            calibration=str(ds.get("PixelSpacingCalibrationType", "") or "").strip().upper(),
            magnification=_magnification(ds),
        )

    def resolve(self, pixel_spacing: tuple[float, float] | None) -> ResolvedSpacing:
        """The spacing of a frame whose Pixel Spacing (top level or Pixel Measures
        functional group) is ``pixel_spacing``."""
        imager = self.imager
        if pixel_spacing is not None:
            if self.calibration:
                source = SpacingSource.PIXEL_SPACING_CALIBRATED.format(
                    calibration=self.calibration)
            elif imager is not None and all(
                math.isclose(a, b, rel_tol=1e-6)
                for a, b in zip(pixel_spacing, imager, strict=True)
            ):
                source = SpacingSource.PIXEL_SPACING_AT_DETECTOR
            else:
                source = SpacingSource.PIXEL_SPACING
            return ResolvedSpacing(pixel_spacing, source)
        if imager is not None:
            if self.magnification is not None:
                corrected = (imager[0] / self.magnification, imager[1] / self.magnification)
                return ResolvedSpacing(corrected, SpacingSource.IMAGER_MAGNIFICATION)
            return ResolvedSpacing(imager, SpacingSource.IMAGER)
        return ResolvedSpacing((1.0, 1.0), SpacingSource.NONE)


def _spacing(value: Any) -> tuple[float, float] | None:
    pair = floats(value, 2)
    if pair is None or min(pair) <= 0:
        return None
    return pair[0], pair[1]


def _magnification(ds: Dataset) -> float | None:
    try:
        value = float(ds.get("EstimatedRadiographicMagnificationFactor"))
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) and value > 0 else None


def _code_text(value: Any) -> str:
    return str(value or "").strip()


def laterality(ds: Dataset) -> str:
    """R, L, B or U from Image Laterality, Frame Laterality or Laterality; else empty."""
    candidates = [ds.get("ImageLaterality")]
    for group_kw in (PER_FRAME, SHARED):
        groups = ds.get(group_kw)
        if groups:
            anatomy = groups[0].get("FrameAnatomySequence")
            if anatomy:
                candidates.append(anatomy[0].get("FrameLaterality"))
    candidates.append(ds.get("Laterality"))
    for value in candidates:
        text = _code_text(value).upper()
        if text in LATERALITIES:
            return text
    return ""


def view(ds: Dataset) -> tuple[str, str]:
    """(abbreviation, code meaning) of the view: View Position, else View Code Sequence."""
    position = _code_text(ds.get("ViewPosition")).upper()
    meaning = ""
    sequence = ds.get("ViewCodeSequence")
    if sequence:
        item = sequence[0]
        meaning = _code_text(item.get("CodeMeaning"))
        if not position:
            key = meaning.lower().replace(" ", "").replace("-", "")
            position = _VIEW_BY_MEANING.get(key) or _VIEW_BY_CODE.get(
                _code_text(item.get("CodeValue")), "")
    return position, meaning


def patient_orientation(ds: Dataset) -> tuple[str, ...]:
    """Patient Orientation (0020,0020): direction of the rows, then of the columns."""
    value = ds.get("PatientOrientation")
    if value is None or value == "":
        return ()
    if isinstance(value, pydicom.multival.MultiValue | list | tuple):
        items = tuple(_code_text(v).upper() for v in value)
    else:
        items = tuple(part.strip().upper() for part in str(value).split("\\"))
    return items if len(items) == 2 and all(items) else ()


def projection_info(ds: Dataset, context: SpacingContext) -> ProjectionInfo:
    """Side, view and scale of a projection image."""
    abbreviation, meaning = view(ds)
    return ProjectionInfo(
        laterality=laterality(ds),
        view=abbreviation,
        view_description=meaning,
        patient_orientation=patient_orientation(ds),
        imager_pixel_spacing=context.imager,
        magnification=context.magnification,
        calibration_type=context.calibration,
    )
