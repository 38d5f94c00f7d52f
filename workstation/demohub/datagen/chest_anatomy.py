"""Analytic chest anatomy in the phantom's own coordinates (LPS millimetres, supine, head first).

The local frame puts the body axis on x = 0, y = 0 and the sternal notch near z = +130; a
study places this anatomy in its own Frame of Reference with a scale and an offset (see
``ChestPhantom``). Everything here is a pure function of coordinates so that the same
definitions serve three purposes: rasterising slices, pruning the vessel trees, and telling
tests what tissue lies at a given patient position.

Shapes vary smoothly with z (lung apices to the diaphragm domes, rib arcs descending
anteriorly, a kyphotic spine) so reformatted sagittal and coronal planes look plausible.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workstation.demohub.datagen.canvas import capsule_sd, smoothstep

Point = tuple[float, float, float]
Coord = np.ndarray | float  # values that broadcast: a plane's row/column vectors or point lists

# Heart: an ellipsoid tilted toward the left, resting on the central diaphragm.
HEART_CENTRE: Point = (20.0, -22.0, -45.0)
HEART_SEMI: Point = (60.0, 50.0, 52.0)
LUNG_APEX_Z = {-1: 135.0, 1: 132.0}  # right (-1) apex slightly higher than the left (+1)
DOME_TOP_Z = {-1: -75.0, 1: -85.0}  # the liver lifts the right hemidiaphragm
VERTEBRA_PITCH = 24.0
T1_Z = 138.0


def body_semi_axes(z: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Outer body ellipse at height ``z``: the lower chest is widest, the shoulders widen
    the body again at the top."""
    rise = smoothstep(90.0, 150.0, z)
    base = smoothstep(60.0, -60.0, z)
    return np.asarray(150.0 + 16.0 * base + 22.0 * rise), np.asarray(108.0 - 4.0 * rise)


def cavity_semi_axes(z: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inner surface of the chest wall: 28 mm inside the skin, narrowing toward the apices
    where the shoulder girdle, not the thoracic cage, makes the body wide."""
    a, b = body_semi_axes(z)
    return a - 28.0 - 40.0 * smoothstep(70.0, 150.0, z), b - 28.0


def spine_y(z: float | np.ndarray) -> np.ndarray:
    """Antero-posterior position of the vertebral body centre: thoracic kyphosis."""
    zz = np.asarray(z, dtype=np.float64)
    return 48.0 + 6.0 * (1.0 - (zz / 160.0) ** 2)


def vertebra_levels() -> np.ndarray:
    """Centres of the vertebral bodies T1 to L2."""
    return T1_Z - VERTEBRA_PITCH * np.arange(14)


def diaphragm_z(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Height of the diaphragm surface: two domes over a central tendon under the heart."""
    right = DOME_TOP_Z[-1] - 80.0 * (((x + 65.0) / 85.0) ** 2 + ((y - 5.0) / 95.0) ** 2)
    left = DOME_TOP_Z[1] - 80.0 * (((x - 65.0) / 85.0) ** 2 + ((y - 5.0) / 95.0) ** 2)
    tendon = -100.0 - 80.0 * ((x / 45.0) ** 2 + ((y + 10.0) / 70.0) ** 2)
    return np.maximum(np.maximum(right, left), tendon)


def ellipse_sd_arrays(x: Coord, y: Coord, cx: float, cy: float, a: Coord, b: Coord) -> np.ndarray:
    """Approximate ellipse signed distance where the semi-axes may vary per point."""
    q = ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2
    return (np.sqrt(q) - 1.0) * np.minimum(a, b)


def heart_sd(x: Coord, y: Coord, z: Coord) -> np.ndarray:
    """Approximate signed distance to the heart ellipsoid (pericardium excluded)."""
    cx, cy, cz = HEART_CENTRE
    a, b, c = HEART_SEMI
    q = ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 + ((z - cz) / c) ** 2
    return (np.sqrt(q) - 1.0) * min(a, b, c)


@dataclass(frozen=True)
class Tubes:
    """A set of capsules (segment plus radius), stored as arrays for fast z-range queries."""

    p0: np.ndarray
    p1: np.ndarray
    radius: np.ndarray

    @classmethod
    def from_list(cls, items: list[tuple[Point, Point, float]]) -> Tubes:
        if not items:
            return cls(np.zeros((0, 3)), np.zeros((0, 3)), np.zeros(0))
        p0 = np.array([i[0] for i in items], dtype=np.float64)
        p1 = np.array([i[1] for i in items], dtype=np.float64)
        return cls(p0, p1, np.array([i[2] for i in items], dtype=np.float64))

    @classmethod
    def polyline(cls, points: list[Point], radius: float | list[float]) -> Tubes:
        """Consecutive points joined by capsules; a list gives one radius per segment."""
        radii = radius if isinstance(radius, list) else [radius] * (len(points) - 1)
        return cls.from_list([(points[i], points[i + 1], radii[i]) for i in range(len(points) - 1)])

    def __len__(self) -> int:
        return int(self.radius.size)

    def __add__(self, other: Tubes) -> Tubes:
        return Tubes(
            np.vstack([self.p0, other.p0]),
            np.vstack([self.p1, other.p1]),
            np.concatenate([self.radius, other.radius]),
        )

    def hits(self, z: float) -> np.ndarray:
        """Indices of the capsules that reach the plane at ``z``."""
        lo = np.minimum(self.p0[:, 2], self.p1[:, 2]) - self.radius
        hi = np.maximum(self.p0[:, 2], self.p1[:, 2]) + self.radius
        return np.nonzero((lo <= z) & (hi >= z))[0]

    def sd(self, x: Coord, y: Coord, z: Coord, shrink: float = 0.0) -> np.ndarray:
        """Signed distance to the union of all capsules (for point queries, not slices)."""
        out = np.full(np.broadcast(x, y, z).shape, np.inf)
        for i in range(len(self)):
            out = np.minimum(
                out, capsule_sd(x, y, z, self.p0[i], self.p1[i], self.radius[i] - shrink)
            )
        return out


def _arch_points() -> list[Point]:
    """Aortic arch: from the ascending aorta over the left main bronchus to the descending."""
    start, end = np.array([-2.0, -28.0, 55.0]), np.array([28.0, 40.0, 55.0])
    pts = []
    for phi in np.linspace(0.0, np.pi, 9):
        p = start + (end - start) * (1 - np.cos(phi)) / 2
        p = p + np.array([22.0, 0.0, 22.0]) * np.sin(phi)
        pts.append(tuple(float(v) for v in p))
    return pts


AORTA = (
    Tubes.polyline([(5.0, -20.0, -20.0), (-2.0, -28.0, 55.0)], 15.0)
    + Tubes.polyline(_arch_points(), 13.5)
    + Tubes.polyline([(28.0, 40.0, 55.0), (28.0, 40.0, 0.0), (14.0, 22.0, -160.0)], [12.0, 11.5])
)
PULMONARY_TRUNK = Tubes.polyline([(22.0, -52.0, -12.0), (30.0, -22.0, 30.0)], 14.0)
PULMONARY_ARTERIES = Tubes.polyline(
    [(30.0, -22.0, 30.0), (62.0, 0.0, 34.0)], 11.0
) + Tubes.polyline([(30.0, -22.0, 30.0), (10.0, -2.0, 28.0), (-62.0, -2.0, 24.0)], 10.0)
SVC = Tubes.polyline([(-26.0, -18.0, 125.0), (-24.0, -16.0, 5.0)], 10.0)
IVC = Tubes.polyline([(-22.0, 16.0, -165.0), (-20.0, 8.0, -80.0)], 12.0)
MEDIASTINAL_VESSELS = AORTA + PULMONARY_TRUNK + SVC

TRACHEA = Tubes.polyline([(0.0, 12.0, 165.0), (0.0, 17.0, 45.0)], 9.0)
BRONCHI = (
    Tubes.polyline([(0.0, 17.0, 45.0), (-45.0, 20.0, 30.0), (-66.0, 25.0, 0.0)], [7.0, 5.5])
    + Tubes.polyline([(-45.0, 20.0, 30.0), (-72.0, 10.0, 48.0)], 4.5)
    + Tubes.polyline([(0.0, 17.0, 45.0), (45.0, 22.0, 25.0), (64.0, 30.0, 0.0)], [6.5, 5.0])
    + Tubes.polyline([(45.0, 22.0, 25.0), (66.0, 8.0, 40.0)], 4.5)
)
ESOPHAGUS = Tubes.polyline([(3.0, 28.0, 165.0), (-1.0, 28.0, -40.0), (35.0, -5.0, -110.0)], 7.0)


def lung_sd(x: Coord, y: Coord, z: Coord, side: int) -> np.ndarray:
    """Signed distance (mm, negative inside) to the right (side -1) or left (+1) lung.

    A lung is the pleural cavity on its side of the mediastinum, under an apical dome and
    above the diaphragm, less the heart with a margin for pericardial fat. ``lungs_sd`` and
    the rasteriser also carve out the great vessels.
    """
    z = np.asarray(z, dtype=np.float64)
    ac, bc = cavity_semi_axes(z)
    sd = ellipse_sd_arrays(x, y, 0.0, 0.0, ac, bc)
    medial = 8.0 + 18.0 * smoothstep(-40.0, 30.0, y)  # lungs almost meet anteriorly
    sd = np.maximum(sd, medial - side * x)
    z_apex = LUNG_APEX_Z[side]
    zc = z_apex - 110.0
    k = np.clip((z_apex - z) / 110.0, 1e-3, 1.0) ** 0.6  # a pointed, not hemispherical, apex
    dome = ellipse_sd_arrays(x, y, side * 58.0, 15.0, 80.0 * k, 110.0 * k)
    dome = np.where(z <= zc, -np.inf, np.where(z >= z_apex, np.inf, dome))
    sd = np.maximum(sd, dome)
    sd = np.maximum(sd, diaphragm_z(x, y) - z)
    sd = np.maximum(sd, -(heart_sd(x, y, z) - 4.0))
    return sd


def lungs_sd(x: Coord, y: Coord, z: Coord) -> np.ndarray:
    """Signed distance to either lung, with the mediastinal vessels carved out."""
    sd = np.minimum(lung_sd(x, y, z, -1), lung_sd(x, y, z, 1))
    return np.maximum(sd, -(MEDIASTINAL_VESSELS.sd(x, y, z) - 3.0))
