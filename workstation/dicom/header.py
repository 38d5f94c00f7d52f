"""The attributes the viewer needs from a DICOM header: patient/series identity, plane
geometry, rescale and windows, read without decoding pixels.

Enhanced multi-frame objects keep geometry and rescale in functional group macros
(PS3.3 C.7.6.16); they are read from the per-frame group first, then the shared group.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pydicom
from pydicom.dataset import Dataset

from workstation.core.stack import SeriesHeader
from workstation.core.window import VoiFunction, Window
from workstation.dicom.decoders import is_lossy
from workstation.dicom.file_reader import Source, open_dataset


def _text(ds: Dataset, keyword: str) -> str:
    value = ds.get(keyword)
    if value is None:
        return ""
    if isinstance(value, pydicom.multival.MultiValue):
        return "\\".join(str(v) for v in value).strip()
    return str(value).strip()


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _floats(value: Any, count: int) -> tuple[float, ...] | None:
    """``count`` finite floats from a multi-valued DS, else None (absent or malformed)."""
    if value is None:
        return None
    try:
        items = tuple(float(v) for v in value)
    except (TypeError, ValueError):
        return None
    if len(items) != count or not all(math.isfinite(v) for v in items):
        return None
    return items


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, pydicom.multival.MultiValue | list | tuple):
        return list(value)
    return [value]


def patient_name(ds: Dataset) -> str:
    """Patient's Name as "FAMILY^GIVEN^..." (alphabetic group of PS3.5 6.2.1)."""
    pn = ds.get("PatientName")
    if pn is None:
        return ""
    alphabetic = getattr(pn, "alphabetic", str(pn))
    return str(alphabetic).rstrip("^ ").strip()


def series_header(ds: Dataset) -> SeriesHeader:
    """The overlay/report attributes of one image (PS3.3 C.7.1.1, C.7.2.1, C.7.3.1)."""
    return SeriesHeader(
        patient_name=patient_name(ds),
        patient_id=_text(ds, "PatientID"),
        patient_sex=_text(ds, "PatientSex"),
        patient_age=_text(ds, "PatientAge"),
        patient_birth_date=_text(ds, "PatientBirthDate"),
        study_date=_text(ds, "StudyDate"),
        study_description=_text(ds, "StudyDescription"),
        series_description=_text(ds, "SeriesDescription"),
        series_number=_int_or_none(ds.get("SeriesNumber")),
        modality=_text(ds, "Modality"),
        institution=_text(ds, "InstitutionName"),
        study_uid=_text(ds, "StudyInstanceUID"),
        series_uid=_text(ds, "SeriesInstanceUID"),
        frame_of_reference_uid=_text(ds, "FrameOfReferenceUID"),
        body_part=_text(ds, "BodyPartExamined"),
        # Image Laterality (0020,0062) is per image; Laterality (0020,0060) per series.
        laterality=_text(ds, "ImageLaterality") or _text(ds, "Laterality"),
        view_position=_text(ds, "ViewPosition"),
        lossy=is_lossy(ds),
    )


def read_header(source: Source) -> SeriesHeader:
    """Series/patient attributes of one file without reading its pixel data.

    Raises :class:`HeaderError` when the file cannot be parsed."""
    return series_header(open_dataset(source))


def _functional(ds: Dataset, frame: int, sequence: str, keyword: str) -> Any:
    """Attribute from a functional group macro: per-frame item first, then shared."""
    for group_kw, index in (("PerFrameFunctionalGroupsSequence", frame),
                            ("SharedFunctionalGroupsSequence", 0)):
        groups = ds.get(group_kw)
        if not groups or index >= len(groups):
            continue
        macro = groups[index].get(sequence)
        if macro and keyword in macro[0]:
            return macro[0].get(keyword)
    return None


def _attr(ds: Dataset, sequence: str, keyword: str, frame: int = 0) -> Any:
    """Top-level attribute, else the enhanced multi-frame functional group value."""
    if keyword in ds:
        return ds.get(keyword)
    return _functional(ds, frame, sequence, keyword)


def windows(ds: Dataset) -> tuple[Window, ...]:
    """Every Window Center/Width pair with its explanation and VOI LUT Function (C.11.2).

    Pairs with a width below the minimum the function allows (1 for LINEAR, > 0 otherwise)
    are dropped rather than shown as a meaningless threshold.
    """
    centers = _as_list(_attr(ds, "FrameVOILUTSequence", "WindowCenter"))
    widths = _as_list(_attr(ds, "FrameVOILUTSequence", "WindowWidth"))
    texts = _as_list(_attr(ds, "FrameVOILUTSequence", "WindowCenterWidthExplanation"))
    func_text = str(_attr(ds, "FrameVOILUTSequence", "VOILUTFunction") or "LINEAR").strip()
    try:
        function = VoiFunction(func_text.upper())
    except ValueError:
        function = VoiFunction.LINEAR
    result = []
    for i, (c, w) in enumerate(zip(centers, widths, strict=False)):
        try:
            center, width = float(c), float(w)
        except (TypeError, ValueError):
            continue
        minimum = 1.0 if function is VoiFunction.LINEAR else 1e-6
        if not (math.isfinite(center) and math.isfinite(width)) or width < minimum:
            continue
        text = str(texts[i]).strip() if i < len(texts) else ""
        result.append(Window(center, width, text, function))
    return tuple(result)


@dataclass(slots=True)
class Geometry:
    """Plane geometry of one file (PS3.3 C.7.6.2); cosines and positions may be absent."""

    row_cosine: tuple[float, float, float] | None
    column_cosine: tuple[float, float, float] | None
    positions: np.ndarray | None  # (frames, 3) LPS mm
    pixel_spacing: tuple[float, float]
    slice_thickness: float | None


def geometry(ds: Dataset, frames: int) -> Geometry:
    """Orientation, per-frame positions and spacing.

    Pixel Spacing (0028,0030) is the patient-plane spacing; projection images often carry
    only Imager Pixel Spacing (0018,1164), the spacing at the detector, which is still the
    best available scale for display aspect and distances (PS3.3 10.7.1.3).
    """
    iop = _floats(_attr(ds, "PlaneOrientationSequence", "ImageOrientationPatient"), 6)
    row = col = None
    if iop is not None:
        r, c = np.asarray(iop[:3]), np.asarray(iop[3:])
        if np.linalg.norm(r) > 1e-6 and np.linalg.norm(c) > 1e-6:
            r, c = r / np.linalg.norm(r), c / np.linalg.norm(c)
            if np.linalg.norm(np.cross(r, c)) > 1e-3:
                row = (float(r[0]), float(r[1]), float(r[2]))
                col = (float(c[0]), float(c[1]), float(c[2]))
    points = []
    for k in range(frames):
        ipp = _floats(_attr(ds, "PlanePositionSequence", "ImagePositionPatient", k), 3)
        if ipp is None:
            break
        points.append(ipp)
    positions = np.asarray(points, dtype=np.float64) if len(points) == frames else None
    spacing = _floats(_attr(ds, "PixelMeasuresSequence", "PixelSpacing"), 2)
    if spacing is None:
        spacing = _floats(ds.get("ImagerPixelSpacing"), 2)
    if spacing is None or min(spacing) <= 0:
        spacing = (1.0, 1.0)
    thickness_value = _attr(ds, "PixelMeasuresSequence", "SliceThickness")
    try:
        thickness = float(thickness_value) if thickness_value not in (None, "") else None
    except (TypeError, ValueError):
        thickness = None
    return Geometry(row, col, positions, (spacing[0], spacing[1]), thickness)


def rescale(ds: Dataset) -> tuple[float, float]:
    """Rescale Slope/Intercept (C.11.1.1.2); absent means the identity 1/0."""
    slope = _attr(ds, "PixelValueTransformationSequence", "RescaleSlope")
    intercept = _attr(ds, "PixelValueTransformationSequence", "RescaleIntercept")
    try:
        s = float(slope) if slope not in (None, "") else 1.0
        i = float(intercept) if intercept not in (None, "") else 0.0
    except (TypeError, ValueError):
        return 1.0, 0.0
    if not (math.isfinite(s) and math.isfinite(i)) or s == 0.0:
        return 1.0, 0.0
    return s, i
