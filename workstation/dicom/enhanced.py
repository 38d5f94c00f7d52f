"""Per-frame attributes of an image file: where each frame lies and what sets it apart.

Classic images carry one Image Plane (PS3.3 C.7.6.2) at the top level. Enhanced CT/MR/XA
multi-frame objects put it in functional group macros (PS3.3 C.7.6.16): the Per-frame
Functional Groups Sequence (5200,9230) holds an item per frame, and whatever is the same
for every frame sits once in the Shared Functional Groups Sequence (5200,9229). Each
attribute is read from the frame's own item first, then from the shared item, then from
the top level:

- Plane Position (Patient) (0020,9113) and Plane Orientation (Patient) (0020,9116);
- Pixel Measures (0028,9110): Pixel Spacing and Slice Thickness;
- Pixel Value Transformation (0028,9145): Rescale Slope/Intercept;
- Frame VOI LUT (0028,9132): windows;
- Frame Content (0020,9111): Stack ID, Temporal Position Index, Frame Acquisition Number
  and Dimension Index Values, which tell frames at the same position apart;
- the modality's Frame Type, whose LOCALIZER value marks scout frames.

Classic multi-frame RT Dose grids place frames with Grid Frame Offset Vector (3004,000C),
PS3.3 C.8.8.3.2. Every value is validated (finite numbers, right multiplicity); an
unusable value reads as absent rather than failing the file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pydicom
from pydicom.dataset import Dataset

from workstation.core.window import Window
from workstation.dicom.header import rescale, windows

Vector3 = tuple[float, float, float]
PER_FRAME = "PerFrameFunctionalGroupsSequence"
SHARED = "SharedFunctionalGroupsSequence"
LOCALIZER = "LOCALIZER"

# Attributes that separate images acquired at the same position, most specific first:
# (name, classic keyword, functional group sequence, keyword inside it).
_DISTINGUISHING: tuple[tuple[str, str, str, str], ...] = (
    ("echo", "EchoNumbers", "", ""),
    ("echo time", "EchoTime", "MREchoSequence", "EffectiveEchoTime"),
    ("temporal position", "TemporalPositionIdentifier", "FrameContentSequence",
     "TemporalPositionIndex"),
    ("stack", "", "FrameContentSequence", "StackID"),
    ("acquisition", "AcquisitionNumber", "FrameContentSequence", "FrameAcquisitionNumber"),
    ("trigger time", "TriggerTime", "CardiacSynchronizationSequence",
     "NominalCardiacTriggerDelayTime"),
    ("b-value", "DiffusionBValue", "MRDiffusionSequence", "DiffusionBValue"),
    ("dimension index", "", "FrameContentSequence", "DimensionIndexValues"),
    ("acquisition time", "AcquisitionTime", "FrameContentSequence",
     "FrameAcquisitionDateTime"),
)
KEY_NAMES: tuple[str, ...] = tuple(name for name, *_ in _DISTINGUISHING)


@dataclass(frozen=True, slots=True)
class FrameInfo:
    """Placement and identity of one frame; geometry fields are None when absent."""

    position: Vector3 | None
    row_cosine: Vector3 | None
    column_cosine: Vector3 | None
    pixel_spacing: tuple[float, float] | None  # Pixel Spacing / Pixel Measures, row then column
    slice_thickness: float | None
    slope: float
    intercept: float
    windows: tuple[Window, ...]
    localizer: bool
    keys: tuple[str | None, ...]  # one value per KEY_NAMES entry, as text

    @property
    def has_plane(self) -> bool:
        return None not in (self.position, self.row_cosine, self.column_cosine)


def floats(value: Any, count: int) -> tuple[float, ...] | None:
    """``count`` finite floats from a multi-valued DS/FD, else None."""
    if value is None or isinstance(value, str | bytes):
        return None
    try:
        items = tuple(float(v) for v in value)
    except (TypeError, ValueError):
        return None
    if len(items) != count or not all(math.isfinite(v) for v in items):
        return None
    return items


def point(value: Any) -> Vector3 | None:
    """An Image Position (Patient) value as three finite floats, else None."""
    xyz = floats(value, 3)
    return (xyz[0], xyz[1], xyz[2]) if xyz is not None else None


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, pydicom.multival.MultiValue | list | tuple):
        return "\\".join(str(v) for v in value)
    return str(value).strip() or None


def orientation(value: Any) -> tuple[Vector3, Vector3] | None:
    """Unit row and column cosines from an Image Orientation (Patient) value, or None when
    absent, degenerate or the two directions are parallel."""
    iop = floats(value, 6)
    if iop is None:
        return None
    row, col = np.asarray(iop[:3]), np.asarray(iop[3:])
    if np.linalg.norm(row) < 1e-6 or np.linalg.norm(col) < 1e-6:
        return None
    row, col = row / np.linalg.norm(row), col / np.linalg.norm(col)
    # |row x col| by hand: np.cross costs more than the rest of the header together.
    cross = (row[1] * col[2] - row[2] * col[1], row[2] * col[0] - row[0] * col[2],
             row[0] * col[1] - row[1] * col[0])
    if math.sqrt(sum(float(c) * float(c) for c in cross)) < 1e-3:
        return None
    return (float(row[0]), float(row[1]), float(row[2])), (
        float(col[0]), float(col[1]), float(col[2]))


class _Groups:
    """Functional group lookup: the frame's own item, then the shared item."""

    def __init__(self, ds: Dataset):
        self.per_frame = ds.get(PER_FRAME) or []
        shared = ds.get(SHARED) or []
        self.shared = shared[0] if len(shared) else None

    @property
    def present(self) -> bool:
        return bool(self.per_frame) or self.shared is not None

    def macro(self, frame: int, sequence: str) -> Dataset | None:
        items = []
        if frame < len(self.per_frame):
            items.append(self.per_frame[frame])
        if self.shared is not None:
            items.append(self.shared)
        for item in items:
            macro = item.get(sequence)
            if macro:
                return macro[0]
        return None

    def value(self, frame: int, sequence: str, keyword: str) -> Any:
        macro = self.macro(frame, sequence)
        return macro.get(keyword) if macro is not None and keyword in macro else None

    def frame_types(self, frame: int) -> list[str]:
        items = [self.per_frame[frame]] if frame < len(self.per_frame) else []
        if self.shared is not None:
            items.append(self.shared)
        for item in items:
            for elem in item:
                if elem.keyword.endswith("FrameTypeSequence") and elem.value:
                    return [str(v).upper() for v in _as_list(elem.value[0].get("FrameType"))]
        return []


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, pydicom.multival.MultiValue | list | tuple):
        return list(value)
    return [value]


def _thickness(value: Any) -> float | None:
    try:
        number = float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
    return number if number is not None and math.isfinite(number) and number > 0 else None


def _grid_positions(ds: Dataset, frames: int, origin: Vector3 | None,
                    cosines: tuple[Vector3, Vector3] | None) -> list[Vector3 | None] | None:
    """Frame positions of an RT Dose style grid (PS3.3 C.8.8.3.2): offsets along the
    normal relative to Image Position (first offset 0), or absolute z values."""
    offsets = floats(ds.get("GridFrameOffsetVector"), frames) if frames > 1 else None
    if offsets is None or origin is None or cosines is None:
        return None
    normal = np.cross(np.asarray(cosines[0]), np.asarray(cosines[1]))
    result: list[Vector3 | None] = []
    for offset in offsets:
        if offsets[0] == 0.0:
            point = np.asarray(origin) + offset * normal
        else:
            point = np.asarray((origin[0], origin[1], offset))
        result.append((float(point[0]), float(point[1]), float(point[2])))
    return result


def frame_infos(ds: Dataset, frames: int) -> tuple[FrameInfo, ...]:
    """One FrameInfo per frame of ``ds`` (``frames`` already validated)."""
    groups = _Groups(ds)
    image_types = [str(v).upper() for v in _as_list(ds.get("ImageType"))]
    top_keys = tuple(_text(ds.get(kw)) if kw else None for _, kw, _, _ in _DISTINGUISHING)
    top_position = point(ds.get("ImagePositionPatient"))
    top_cosines = orientation(ds.get("ImageOrientationPatient"))
    top_spacing = floats(ds.get("PixelSpacing"), 2)
    slope, intercept = rescale(ds)
    top_windows = windows(ds)
    if not groups.present:
        grid = _grid_positions(ds, frames, top_position, top_cosines)
        common = FrameInfo(
            position=top_position,
            row_cosine=top_cosines[0] if top_cosines else None,
            column_cosine=top_cosines[1] if top_cosines else None,
            pixel_spacing=_valid_spacing(top_spacing),
            slice_thickness=_thickness(ds.get("SliceThickness")),
            slope=slope,
            intercept=intercept,
            windows=top_windows,
            localizer=LOCALIZER in image_types,
            keys=top_keys,
        )
        if grid is None:
            return (common,) * frames
        return tuple(_with_position(common, p) for p in grid)
    return tuple(
        _enhanced_frame(ds, groups, k, image_types, top_keys, top_position, top_cosines,
                        top_spacing, (slope, intercept), top_windows)
        for k in range(frames)
    )


def _with_position(info: FrameInfo, position: Vector3 | None) -> FrameInfo:
    return FrameInfo(position, info.row_cosine, info.column_cosine, info.pixel_spacing,
                     info.slice_thickness, info.slope, info.intercept, info.windows,
                     info.localizer, info.keys)


def _valid_spacing(value: tuple[float, ...] | None) -> tuple[float, float] | None:
    if value is None or min(value) <= 0:
        return None
    return value[0], value[1]


def _enhanced_frame(ds: Dataset, groups: _Groups, k: int, image_types: list[str],
                    top_keys: tuple[str | None, ...], top_position: Vector3 | None,
                    top_cosines: tuple[Vector3, Vector3] | None,
                    top_spacing: tuple[float, ...] | None, top_rescale: tuple[float, float],
                    top_windows: tuple[Window, ...]) -> FrameInfo:
    position = point(groups.value(k, "PlanePositionSequence", "ImagePositionPatient"))
    cosines = orientation(groups.value(k, "PlaneOrientationSequence", "ImageOrientationPatient"))
    measures = groups.macro(k, "PixelMeasuresSequence")
    spacing = floats(measures.get("PixelSpacing"), 2) if measures is not None else None
    thickness = measures.get("SliceThickness") if measures is not None else None
    transform = groups.macro(k, "PixelValueTransformationSequence")
    slope, intercept = rescale(transform) if transform is not None else top_rescale
    voi = groups.macro(k, "FrameVOILUTSequence")
    frame_windows = windows(voi) if voi is not None else top_windows
    keys = tuple(
        (_text(groups.value(k, sequence, keyword)) if sequence else None) or top
        for (_, _, sequence, keyword), top in zip(_DISTINGUISHING, top_keys, strict=True)
    )
    frame_types = groups.frame_types(k)
    cosines = cosines or top_cosines
    return FrameInfo(
        position=position or top_position,
        row_cosine=cosines[0] if cosines else None,
        column_cosine=cosines[1] if cosines else None,
        pixel_spacing=_valid_spacing(spacing or top_spacing),
        slice_thickness=_thickness(thickness) or _thickness(ds.get("SliceThickness")),
        slope=slope,
        intercept=intercept,
        windows=frame_windows,
        localizer=LOCALIZER in (frame_types or image_types),
        keys=keys,
    )
