"""Length, angle and Cobb angle on one image, in millimetres when the spacing is known.

Points are image coordinates (row, column) with pixel centres at integers, as returned by
the view's ``display_to_image``. Distances use Pixel Spacing (0028,0030), row spacing
first (PS3.3 10.7.1.3), or whatever spacing the loader resolved for a projection image
(Imager Pixel Spacing, magnification-corrected, calibrated: 10.7.1.1); the result names
that source, because a distance on a radiograph is only as good as its spacing. Without
any spacing the result is in pixels.

Every measurement serialises to a plain dict (``to_dict``/:func:`measurement_from_dict`)
so that it can be kept with the report draft of the study.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

from workstation.core.projection_info import SpacingSource
from workstation.core.stack import ImageStack

Point = tuple[float, float]  # (row, column)


@dataclass(frozen=True, slots=True)
class Calibration:
    """Millimetres per pixel along rows and columns, and where they came from."""

    row_spacing: float = 1.0
    column_spacing: float = 1.0
    source: str = SpacingSource.NONE

    @property
    def in_mm(self) -> bool:
        return self.source not in ("", SpacingSource.NONE)

    @property
    def unit(self) -> str:
        return "mm" if self.in_mm else "px"

    def vector(self, a: Point, b: Point) -> tuple[float, float]:
        """(dx, dy) from a to b in mm (pixels without calibration); x along columns."""
        if self.in_mm:
            return (b[1] - a[1]) * self.column_spacing, (b[0] - a[0]) * self.row_spacing
        return b[1] - a[1], b[0] - a[0]

    @classmethod
    def of(cls, stack: ImageStack) -> Calibration:
        """The stack's resolved spacing; a stack that names no source is measured in pixels."""
        return cls(float(stack.pixel_spacing[0]), float(stack.pixel_spacing[1]),
                   stack.spacing_source or SpacingSource.NONE)


@dataclass(frozen=True, slots=True)
class Result:
    """A measured value with its unit and the spacing it rests on."""

    value: float
    unit: str
    spacing_source: str = ""

    def label(self) -> str:
        text = f"{self.value:.1f} {self.unit}" if self.unit != "°" else f"{self.value:.1f}°"
        return f"{text} ({self.spacing_source})" if self.spacing_source else text


@dataclass(frozen=True, slots=True)
class Measurement:
    """Base: the image it was made on and its points."""

    kind: ClassVar[str] = ""
    points: tuple[Point, ...]
    slice_index: int = 0
    sop_instance_uid: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.kind, "points": [list(p) for p in self.points],
                "slice_index": self.slice_index, "sop_instance_uid": self.sop_instance_uid}


@dataclass(frozen=True, slots=True)
class Length(Measurement):
    kind: ClassVar[str] = "length"

    def measure(self, calibration: Calibration) -> Result:
        dx, dy = calibration.vector(self.points[0], self.points[1])
        return Result(math.hypot(dx, dy), calibration.unit,
                      calibration.source if calibration.in_mm else SpacingSource.NONE)


def _angle_between(u: tuple[float, float], v: tuple[float, float]) -> float:
    """Angle in degrees between two vectors, 0..180 (0 when either is zero)."""
    nu, nv = math.hypot(*u), math.hypot(*v)
    if nu == 0 or nv == 0:
        return 0.0
    cos = max(-1.0, min(1.0, (u[0] * v[0] + u[1] * v[1]) / (nu * nv)))
    return math.degrees(math.acos(cos))


@dataclass(frozen=True, slots=True)
class Angle(Measurement):
    """Points: first arm end, vertex, second arm end. Angles are taken in millimetres, so
    anisotropic pixels do not distort them."""

    kind: ClassVar[str] = "angle"

    def measure(self, calibration: Calibration) -> Result:
        a, vertex, b = self.points[:3]
        return Result(_angle_between(calibration.vector(vertex, a),
                                     calibration.vector(vertex, b)), "°")


@dataclass(frozen=True, slots=True)
class CobbAngle(Measurement):
    """Points: two ends of the first line, two ends of the second. The Cobb angle is the
    angle between the lines (0..90°), whichever way each was drawn."""

    kind: ClassVar[str] = "cobb"

    def measure(self, calibration: Calibration) -> Result:
        p0, p1, p2, p3 = self.points[:4]
        angle = _angle_between(calibration.vector(p0, p1), calibration.vector(p2, p3))
        return Result(min(angle, 180.0 - angle), "°")


_KINDS: dict[str, type[Measurement]] = {}


def register(cls: type[Measurement]) -> type[Measurement]:
    _KINDS[cls.kind] = cls
    return cls


for _cls in (Length, Angle, CobbAngle):
    register(_cls)


def measurement_from_dict(data: dict[str, Any]) -> Measurement:
    """Inverse of ``to_dict`` for every measurement type (ROIs included once imported)."""
    import workstation.core.roi_stats  # noqa: F401  registers the region types

    kind = data.get("type")
    if kind not in _KINDS:
        raise ValueError(f"unknown measurement type {kind!r}")
    points = tuple((float(p[0]), float(p[1])) for p in data["points"])
    return _KINDS[kind](points, int(data.get("slice_index", 0)),
                        str(data.get("sop_instance_uid", "")))
