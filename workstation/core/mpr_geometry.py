"""Geometry of multiplanar reformats: the volume grid, the three linked planes, the slab.

All positions are patient coordinates (LPS, mm; PS3.3 C.7.6.2.1.1). A volume is an
orthogonal, uniform grid (:func:`workstation.core.volume_resample.volume_ready` makes it
so): voxel (k, row, col) lies at ``origin + col * dc * row_cosine + row * dr * column_cosine
+ k * dk * normal``. The *volume frame* is that grid scaled to mm with its origin at voxel
(0, 0, 0): x along the row cosine, y along the column cosine, z along the normal, which is
how the render layer lays out its vtkImageData.

A plane is shown with ``x_axis`` pointing to screen right and ``y_axis`` to screen down;
its normal is x × y. The default planes follow the radiological convention: axial seen
from the feet (patient left on screen right, anterior up), coronal seen from the front
(patient left on screen right, head up), sagittal seen from the patient's left (anterior
on screen left, head up).

The three planes pass through one crosshair point. Dragging a crosshair line in one view
rotates the *other* planes about that view's normal (oblique reformats); the dragged view
itself keeps its orientation. A slab averages, or takes the maximum or minimum over,
``thickness`` mm centred on the plane along its normal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from enum import StrEnum

import numpy as np

from workstation.core.measurements import Result
from workstation.core.stack import ImageStack

PLANES = ("axial", "sagittal", "coronal")
# (x_axis, y_axis) in LPS of the unrotated planes.
_DEFAULT_AXES: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "axial": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0)),
    "coronal": ((1.0, 0.0, 0.0), (0.0, 0.0, -1.0)),
    "sagittal": ((0.0, 1.0, 0.0), (0.0, 0.0, -1.0)),
}
MAX_SLAB_MM = 100.0


class SlabMode(StrEnum):
    """How the samples across a slab combine into one pixel."""

    MIP = "MIP"
    MINIP = "MinIP"
    MEAN = "Avg"


SLAB_MODES = (SlabMode.MIP, SlabMode.MINIP, SlabMode.MEAN)


@dataclass(frozen=True, slots=True)
class VolumeGrid:
    """Where the voxels of an orthogonal, uniform stack are in patient space."""

    origin: np.ndarray  # LPS of voxel (0, 0, 0)
    frame: np.ndarray  # 3×3, columns: row cosine, column cosine, normal
    spacing: tuple[float, float, float]  # mm along x (columns), y (rows), z (slices)
    shape: tuple[int, int, int]  # (slices, rows, columns)

    @classmethod
    def of_stack(cls, stack: ImageStack) -> VolumeGrid:
        """The grid of a volume-ready stack; positions must advance along the normal."""
        if stack.count < 2:
            raise ValueError("a volume needs at least two slices")
        if len(stack.positions) != stack.count:
            raise ValueError("the slices have no positions (Image Position (Patient))")
        row = np.asarray(stack.row_cosine, dtype=np.float64)
        col = np.asarray(stack.column_cosine, dtype=np.float64)
        normal = np.cross(row, col)
        normal /= np.linalg.norm(normal)
        positions = np.asarray(stack.positions, dtype=np.float64)
        step = float((positions[-1] - positions[0]) @ normal) / (stack.count - 1)
        if abs(step) < 1e-6:
            raise ValueError("the slices do not advance along the normal")
        if step < 0:  # slices stored head first: keep a right-handed frame, flip depth
            normal = -normal
            step = -step
        frame = np.column_stack([row, col, normal])
        spacing = (float(stack.pixel_spacing[1]), float(stack.pixel_spacing[0]), step)
        return cls(positions[0].copy(), frame, spacing, (stack.count, stack.rows, stack.columns))

    def extent_mm(self) -> np.ndarray:
        return np.array([(n - 1) * s for n, s in
                         zip((self.shape[2], self.shape[1], self.shape[0]), self.spacing,
                             strict=True)])

    def to_frame(self, lps: np.ndarray) -> np.ndarray:
        """Volume-frame coordinates (mm) of LPS points (..., 3)."""
        return (np.asarray(lps, dtype=np.float64) - self.origin) @ self.frame

    def to_lps(self, frame_xyz: np.ndarray) -> np.ndarray:
        return np.asarray(frame_xyz, dtype=np.float64) @ self.frame.T + self.origin

    def center(self) -> np.ndarray:
        return self.to_lps(self.extent_mm() / 2.0)

    def corners(self) -> np.ndarray:
        """The eight corner voxel centres in LPS."""
        ext = self.extent_mm()
        pts = [[x, y, z] for x in (0, ext[0]) for y in (0, ext[1]) for z in (0, ext[2])]
        return self.to_lps(np.array(pts))

    def direction_spacing(self, direction: np.ndarray) -> float:
        """Voxel step along a direction: the spacing ellipsoid's extent along it."""
        d = self.frame.T @ np.asarray(direction, dtype=np.float64)
        return float(1.0 / math.sqrt(sum((c / s) ** 2 for c, s in
                                         zip(d, self.spacing, strict=True))))


@dataclass(frozen=True, slots=True)
class PlaneSpec:
    """One reformatted image: pixel (row, col) lies at ``origin + col*s*x + row*s*y``."""

    name: str
    origin: np.ndarray
    x_axis: np.ndarray
    y_axis: np.ndarray
    spacing: float
    size: tuple[int, int]  # (columns, rows)
    depth_step: float  # mm between slab samples and scroll steps

    @property
    def normal(self) -> np.ndarray:
        return np.cross(self.x_axis, self.y_axis)

    def pixel_to_lps(self, row: float, col: float) -> np.ndarray:
        return self.origin + self.spacing * (col * self.x_axis + row * self.y_axis)

    def lps_to_pixel(self, lps: np.ndarray) -> tuple[float, float, float]:
        """(row, col, distance from the plane along its normal in mm)."""
        d = np.asarray(lps, dtype=np.float64) - self.origin
        return (float(d @ self.y_axis) / self.spacing, float(d @ self.x_axis) / self.spacing,
                float(d @ self.normal))


def rotation(axis: np.ndarray, angle: float) -> np.ndarray:
    """Rotation matrix by ``angle`` radians about ``axis`` (right hand), Rodrigues."""
    a = np.asarray(axis, dtype=np.float64)
    a = a / np.linalg.norm(a)
    k = np.array([[0, -a[2], a[1]], [a[2], 0, -a[0]], [-a[1], a[0], 0]])
    return np.eye(3) + math.sin(angle) * k + (1 - math.cos(angle)) * (k @ k)


@dataclass(slots=True)
class MprState:
    """The crosshair point, each plane's orientation and the slab: what the views share."""

    grid: VolumeGrid
    point: np.ndarray = field(default_factory=lambda: np.zeros(3))
    axes: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    slab_mm: float = 0.0
    slab_mode: SlabMode = SlabMode.MIP

    @classmethod
    def centred(cls, grid: VolumeGrid) -> MprState:
        state = cls(grid)
        state.reset()
        return state

    def reset(self) -> None:
        """Point at the volume centre, standard orientations; the slab is kept."""
        self.point = self.grid.center()
        self.axes = {name: (np.array(x, dtype=np.float64), np.array(y, dtype=np.float64))
                     for name, (x, y) in _DEFAULT_AXES.items()}

    @property
    def oblique(self) -> bool:
        """Any plane turned away from its standard orientation."""
        return any(self.is_oblique(n) for n in PLANES)

    def is_oblique(self, name: str) -> bool:
        x, y = self.axes[name]
        return not (np.allclose(x, _DEFAULT_AXES[name][0], atol=1e-9)
                    and np.allclose(y, _DEFAULT_AXES[name][1], atol=1e-9))

    def normal(self, name: str) -> np.ndarray:
        x, y = self.axes[name]
        return np.cross(x, y)

    def move_to(self, lps: np.ndarray) -> None:
        """Move the crosshair, kept inside the volume's box."""
        frame = np.clip(self.grid.to_frame(lps), 0.0, self.grid.extent_mm())
        self.point = self.grid.to_lps(frame)

    def scroll(self, name: str, steps: float) -> None:
        """Move the point along a plane's normal by ``steps`` voxel steps."""
        n = self.normal(name)
        self.move_to(self.point + n * steps * self.grid.direction_spacing(n))

    def rotate(self, name: str, angle: float) -> None:
        """Rotate the other planes about ``name``'s normal (through the point)."""
        r = rotation(self.normal(name), angle)
        for other in PLANES:
            if other != name:
                x, y = self.axes[other]
                self.axes[other] = (r @ x, r @ y)

    def set_slab(self, thickness_mm: float) -> None:
        self.slab_mm = float(min(max(thickness_mm, 0.0), MAX_SLAB_MM))

    def cycle_slab_mode(self) -> SlabMode:
        self.slab_mode = SLAB_MODES[(SLAB_MODES.index(self.slab_mode) + 1) % len(SLAB_MODES)]
        return self.slab_mode

    def slab_samples(self, name: str) -> int:
        """Samples across the slab (odd, so the plane itself is the middle one)."""
        if self.slab_mm <= 0:
            return 1
        step = self.grid.direction_spacing(self.normal(name))
        n = max(1, int(round(self.slab_mm / step)))
        return n if n % 2 else n + 1

    def plane(self, name: str) -> PlaneSpec:
        """The image of plane ``name``: square pixels of the finest voxel spacing, sized
        to hold the volume's box projected on the plane, through the crosshair point."""
        x, y = self.axes[name]
        n = np.cross(x, y)
        s = min(self.grid.spacing)
        # The pixel grid is anchored at voxel (0, 0, 0) projected onto the plane: it stays
        # fixed while the point moves in-plane (zoom, pan, measurements stay put) and an
        # unrotated plane samples voxel centres exactly.
        first = self.grid.origin
        anchor = first + float((self.point - first) @ n) * n
        corners = self.grid.corners() - anchor
        px, py = corners @ x, corners @ y
        c0, c1 = math.floor(px.min() / s + 1e-6), math.ceil(px.max() / s - 1e-6)
        r0, r1 = math.floor(py.min() / s + 1e-6), math.ceil(py.max() / s - 1e-6)
        origin = anchor + c0 * s * x + r0 * s * y
        return PlaneSpec(name, origin, x.copy(), y.copy(), s, (c1 - c0 + 1, r1 - r0 + 1),
                         self.grid.direction_spacing(np.cross(x, y)))

    def crosshair_lines(self, name: str) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """For each other plane, its intersection with ``name`` as (point, unit direction)
        in LPS; both pass through the crosshair point."""
        n = self.normal(name)
        lines = {}
        for other in PLANES:
            if other == name:
                continue
            d = np.cross(n, self.normal(other))
            length = float(np.linalg.norm(d))
            if length > 1e-9:
                lines[other] = (self.point.copy(), d / length)
        return lines

    def copy(self) -> MprState:
        return replace(self, point=self.point.copy(),
                       axes={k: (x.copy(), y.copy()) for k, (x, y) in self.axes.items()})


@dataclass(frozen=True, slots=True, eq=False)
class LpsLength:
    """A length drawn on a reformatted plane, kept as its two patient points (LPS, mm).

    Kept in patient coordinates rather than plane pixels, so it stays where it was drawn
    when the crosshair moves, the planes turn or the slab changes, and it shows on every
    plane that contains both ends. ``plane`` names the view it was drawn on;
    ``spacing_source`` the attribute the volume's spacing came from (PS3.3 10.7.1.3).
    """

    a: np.ndarray
    b: np.ndarray
    plane: str = ""
    spacing_source: str = ""

    @property
    def mm(self) -> float:
        return float(np.linalg.norm(np.asarray(self.b, float) - np.asarray(self.a, float)))

    @property
    def midpoint(self) -> np.ndarray:
        return (np.asarray(self.a, float) + np.asarray(self.b, float)) / 2.0

    def label(self) -> str:
        """``"50.0 mm (PixelSpacing)"``: the value and the spacing it rests on."""
        return Result(self.mm, "mm", self.spacing_source).label()
