"""Ellipse, rectangle and freehand regions: mask, statistics and area.

A pixel belongs to a region when its centre lies inside the shape (pixel centres at
integer (row, column)), so the mask, the statistics and the area agree pixel for pixel.
Statistics are of Modality LUT output values (PS3.3 C.11.1: rescale or Modality LUT
Sequence; HU for CT) with Pixel Padding Value pixels (C.7.5.1.1.2) left out; SD is the
population standard deviation. The area is the number of pixels times the pixel area from
the resolved spacing (mm², naming the source as lengths do), or pixels without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from workstation.core.measurements import Calibration, Measurement, register
from workstation.core.probe import modality_unit
from workstation.core.projection_info import SpacingSource
from workstation.core.stack import ImageStack


def _grid(rows: int, cols: int, r0: float, r1: float, c0: float, c1: float):
    """Index ranges of pixel centres inside [r0, r1] x [c0, c1], clipped to the image."""
    rs = np.arange(max(0, int(np.ceil(r0))), min(rows - 1, int(np.floor(r1))) + 1)
    cs = np.arange(max(0, int(np.ceil(c0))), min(cols - 1, int(np.floor(c1))) + 1)
    return rs, cs


class Region(Measurement):
    """Base of the ROI shapes; each defines ``mask(rows, cols)`` (pixel centres inside)."""

    if TYPE_CHECKING:

        def mask(self, rows: int, cols: int) -> np.ndarray: ...


@register
@dataclass(frozen=True, slots=True)
class RectangleRoi(Region):
    """Points: two opposite corners."""

    kind: ClassVar[str] = "rectangle"

    def mask(self, rows: int, cols: int) -> np.ndarray:
        (ra, ca), (rb, cb) = self.points[:2]
        out = np.zeros((rows, cols), dtype=bool)
        rs, cs = _grid(rows, cols, min(ra, rb), max(ra, rb), min(ca, cb), max(ca, cb))
        if rs.size and cs.size:
            out[rs[0]:rs[-1] + 1, cs[0]:cs[-1] + 1] = True
        return out


@register
@dataclass(frozen=True, slots=True)
class EllipseRoi(Region):
    """Points: two opposite corners of the bounding box, axes along rows and columns."""

    kind: ClassVar[str] = "ellipse"

    def mask(self, rows: int, cols: int) -> np.ndarray:
        (ra, ca), (rb, cb) = self.points[:2]
        cr, cc = (ra + rb) / 2.0, (ca + cb) / 2.0
        hr, hc = abs(rb - ra) / 2.0, abs(cb - ca) / 2.0
        out = np.zeros((rows, cols), dtype=bool)
        if hr == 0 or hc == 0:
            return out
        rs, cs = _grid(rows, cols, cr - hr, cr + hr, cc - hc, cc + hc)
        inside = (((rs[:, None] - cr) / hr) ** 2 + ((cs[None, :] - cc) / hc) ** 2) <= 1.0
        if rs.size and cs.size:
            out[rs[0]:rs[-1] + 1, cs[0]:cs[-1] + 1] = inside
        return out


@register
@dataclass(frozen=True, slots=True)
class FreehandRoi(Region):
    """Points: the closed outline (the last point joins the first); even-odd rule."""

    kind: ClassVar[str] = "freehand"

    def mask(self, rows: int, cols: int) -> np.ndarray:
        out = np.zeros((rows, cols), dtype=bool)
        pts = np.asarray(self.points, dtype=np.float64)
        if len(pts) < 3:
            return out
        rs, cs = _grid(rows, cols, pts[:, 0].min(), pts[:, 0].max(),
                       pts[:, 1].min(), pts[:, 1].max())
        if not (rs.size and cs.size):
            return out
        r = rs[:, None].astype(np.float64)
        c = cs[None, :].astype(np.float64)
        inside = np.zeros((rs.size, cs.size), dtype=bool)
        for (r0, c0), (r1, c1) in zip(pts, np.roll(pts, -1, axis=0), strict=True):
            if r0 == r1:
                continue
            crosses = (r0 > r) != (r1 > r)
            c_at = c0 + (r - r0) * (c1 - c0) / (r1 - r0)
            inside ^= crosses & (c < c_at)
        out[rs[0]:rs[-1] + 1, cs[0]:cs[-1] + 1] = inside
        return out


@dataclass(frozen=True, slots=True)
class RoiStats:
    mean: float
    sd: float
    minimum: float
    maximum: float
    pixels: int
    area: float
    area_unit: str  # "mm²" or "px"
    unit: str  # modality unit: "HU" for CT, else ""
    spacing_source: str

    def label(self) -> str:
        u = f" {self.unit}" if self.unit else ""
        return (f"Mean {self.mean:.1f}{u}  SD {self.sd:.1f}\n"
                f"Min {self.minimum:.0f}  Max {self.maximum:.0f}\n"
                f"Area {self.area:.1f} {self.area_unit} ({self.spacing_source})")


def roi_stats(stack: ImageStack, region: Region, k: int | None = None) -> RoiStats | None:
    """Statistics of ``region`` on slice ``k`` (default: the region's own slice); None when
    no non-padding pixel centre lies inside or the stack is colour."""
    if stack.is_color:
        return None
    k = region.slice_index if k is None else k
    stored = stack.pixels[k]
    mask = region.mask(stack.rows, stack.columns)
    values = stored[mask]
    values = values[~stack.grayscale.padding_mask(values)]
    if values.size == 0:
        return None
    modality = stack.grayscale.modality(values)
    calibration = Calibration.of(stack)
    if calibration.in_mm:
        area = values.size * calibration.row_spacing * calibration.column_spacing
        area_unit, source = "mm²", calibration.source
    else:
        area, area_unit, source = float(values.size), "px", SpacingSource.NONE
    return RoiStats(float(modality.mean()), float(modality.std()), float(modality.min()),
                    float(modality.max()), int(values.size), float(area), area_unit,
                    modality_unit(stack), source)
