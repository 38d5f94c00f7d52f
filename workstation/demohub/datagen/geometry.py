"""Geometry of an axial image stack in the patient coordinate system.

PS3.3 C.7.6.2.1.1 defines the patient-based coordinate system (x toward the patient's left,
y toward the posterior, z toward the head: "LPS"), Image Position (Patient) as the centre of
the first transmitted voxel and Image Orientation (Patient) as the direction cosines of the
first row and the first column. For a supine patient scanned axially the row direction is
1\\0\\0 and the column direction 0\\1\\0, so the slice normal (row x column) is +z.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

AXIAL_ORIENTATION: tuple[float, ...] = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0)


@dataclass(frozen=True, slots=True)
class AxialGeometry:
    """A stack of equally spaced axial slices.

    ``z_first`` is the height of the slice with Instance Number 1 and ``z_step`` the signed
    distance to the next one; CT scans cranio-caudally (negative step), MR here caudo-cranially.
    ``slice_thickness`` may be smaller than ``abs(z_step)`` (an inter-slice gap, as in MR).
    """

    rows: int
    columns: int
    pixel_spacing: float
    center_x: float
    center_y: float
    z_first: float
    z_step: float
    count: int
    slice_thickness: float

    @property
    def spacing(self) -> float:
        """Spacing Between Slices (0018,0088): centre-to-centre distance, always positive."""
        return abs(self.z_step)

    def xs(self) -> np.ndarray:
        """Patient x of the column centres (increasing: rows run toward the patient's left)."""
        return (
            self.center_x + (np.arange(self.columns) - (self.columns - 1) / 2) * self.pixel_spacing
        )

    def ys(self) -> np.ndarray:
        """Patient y of the row centres (increasing: columns run toward the posterior)."""
        return self.center_y + (np.arange(self.rows) - (self.rows - 1) / 2) * self.pixel_spacing

    def z(self, index: int) -> float:
        """Height of the slice at zero-based ``index`` (Instance Number ``index + 1``)."""
        return self.z_first + index * self.z_step

    def image_position(self, index: int) -> tuple[float, float, float]:
        """Image Position (Patient) of the slice at ``index``: the first pixel's centre."""
        return (float(self.xs()[0]), float(self.ys()[0]), self.z(index))

    def index_of(self, point: tuple[float, float, float]) -> tuple[int, int, int]:
        """Nearest (slice, row, column) to an LPS point; raises if the point is outside."""
        x, y, z = point
        k = round((z - self.z_first) / self.z_step)
        col = round((x - float(self.xs()[0])) / self.pixel_spacing)
        row = round((y - float(self.ys()[0])) / self.pixel_spacing)
        if not (0 <= k < self.count and 0 <= row < self.rows and 0 <= col < self.columns):
            raise ValueError(f"point {point} lies outside the stack")
        return k, row, col

    def scaled(self, rows: int, columns: int, count: int) -> AxialGeometry:
        """The same field of view and scan range sampled on a coarser grid (for fast tests)."""
        fov_x = self.columns * self.pixel_spacing
        fov_y = self.rows * self.pixel_spacing
        spacing = max(fov_x / columns, fov_y / rows)
        z_last = self.z(self.count - 1)
        step = (z_last - self.z_first) / (count - 1) if count > 1 else self.z_step
        thickness = self.slice_thickness * abs(step) / self.spacing
        return replace(
            self,
            rows=rows,
            columns=columns,
            pixel_spacing=spacing,
            count=count,
            z_step=step,
            slice_thickness=thickness,
        )
