"""Rasterising the chest phantom into CT slices in Hounsfield units.

A ``ChestPhantom`` is one study's view of a patient: the anatomy (seeded), whether iodinated
contrast is present, the findings (nodules, emboli, bullae) and where the anatomy lies in
that study's Frame of Reference (PS3.3 C.7.4.1: different acquisitions of the same patient
have unrelated coordinates, so the prior is offset from the current on purpose).

Nominal attenuation values follow textbook CT numbers: air -1000, lung about -850, fat -100,
soft tissue and unenhanced blood about 40, iodinated arterial blood about 250, cancellous
bone about 230 and cortical bone about 750. A thick slice averages thin sub-slices across
its thickness, which reproduces the partial-volume blur of a 5 mm reconstruction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from workstation.demohub.datagen.canvas import (
    Canvas,
    capsule_sd,
    ellipse_sd,
    ellipsoid_section,
    sphere_sd,
)
from workstation.demohub.datagen.chest_anatomy import (
    AORTA,
    BRONCHI,
    ESOPHAGUS,
    HEART_CENTRE,
    HEART_SEMI,
    IVC,
    MEDIASTINAL_VESSELS,
    PULMONARY_ARTERIES,
    PULMONARY_TRUNK,
    SVC,
    TRACHEA,
    Point,
    Tubes,
    body_semi_axes,
    cavity_semi_axes,
    diaphragm_z,
    lung_sd,
)
from workstation.demohub.datagen.chest_skeleton import paint_skeleton
from workstation.demohub.datagen.chest_vessels import vessel_trees
from workstation.demohub.datagen.geometry import AxialGeometry

AIR_HU = -1000.0
FAT_HU = -100.0
SOFT_HU = 40.0


@dataclass(frozen=True, slots=True)
class Sphere:
    """A spherical finding or region in the phantom's local coordinates (mm)."""

    centre: Point
    radius: float
    hu: float = 0.0


# Vessels avoid these spheres, so that the nodule site and the lung landmarks stay clean in
# every chest study (and a patient's studies keep identical vessels).
DEFAULT_KEEP_OUT: tuple[Sphere, ...] = (
    Sphere((-85.0, 45.0, -60.0), 12.0),
    Sphere((-100.0, -20.0, 20.0), 8.0),
    Sphere((100.0, -20.0, 20.0), 8.0),
)


@dataclass(frozen=True, slots=True)
class ChestPhantom:
    """One chest CT study's phantom; frame = local * (scale, scale, 1) + offset."""

    seed: int
    contrast: bool
    scale: float = 1.0
    offset: Point = (0.0, 0.0, 0.0)
    nodules: tuple[Sphere, ...] = ()
    clots: tuple[Sphere, ...] = ()
    bullae: tuple[Sphere, ...] = ()
    keep_out: tuple[Sphere, ...] = DEFAULT_KEEP_OUT
    lung_hu: float = -850.0
    noise_sd: float = 8.0

    def to_frame(self, p: Point) -> Point:
        """Local anatomical coordinates to this study's patient coordinates (LPS mm)."""
        return (
            p[0] * self.scale + self.offset[0],
            p[1] * self.scale + self.offset[1],
            p[2] + self.offset[2],
        )

    def to_local(self, p: Point) -> Point:
        """This study's patient coordinates to local anatomical coordinates."""
        return (
            (p[0] - self.offset[0]) / self.scale,
            (p[1] - self.offset[1]) / self.scale,
            p[2] - self.offset[2],
        )

    @property
    def aorta_hu(self) -> float:
        return 250.0 if self.contrast else 45.0

    def trees(self) -> tuple[Tubes, Tubes]:
        keep = tuple((s.centre, s.radius) for s in self.keep_out)
        return vessel_trees(self.seed, keep)


def _paint_tubes(canvas: Canvas, tubes: Tubes, value: float, grow: float = 0.0) -> None:
    for i in tubes.hits(canvas.z):
        canvas.capsule(tubes.p0[i], tubes.p1[i], tubes.radius[i] + grow, value)


def _paint_body(canvas: Canvas) -> None:
    """Table (carbon shells around a foam core), skin, subcutaneous fat and muscle."""
    z = canvas.z
    x = canvas.xs
    y_top = 109.5 - 0.0003 * x * x  # a shallow cradle, rising at the sides
    rows, cols = slice(None), slice(None)
    _, y = canvas.grid((rows, cols))
    for lo, hi, value in ((0.0, 3.0, 150.0), (3.0, 38.0, -900.0), (38.0, 41.0, 150.0)):
        canvas.blend((rows, cols), np.maximum(y_top + lo - y, y - y_top - hi), value)
    a, b = (float(v) for v in body_semi_axes(z))
    canvas.ellipse(0.0, 0.0, a, b, 20.0)
    canvas.ellipse(0.0, 0.0, a - 2.0, b - 2.0, FAT_HU)
    canvas.ellipse(0.0, 0.0, a - 14.0, b - 14.0, SOFT_HU)


def _paint_cavity(canvas: Canvas, ph: ChestPhantom) -> None:
    """Mediastinal fat above the diaphragm, upper abdominal organs below it."""
    z = canvas.z
    ac, bc = (float(v) for v in cavity_semi_axes(z))
    box = (-ac, ac, -bc, bc)

    def cavity(x: np.ndarray, y: np.ndarray, shrink: float = 0.0) -> np.ndarray:
        return ellipse_sd(x, y, 0.0, 0.0, ac - shrink, bc - shrink)

    canvas.paint(box, lambda x, y: np.maximum(cavity(x, y), diaphragm_z(x, y) - z), -90.0)
    canvas.paint(box, lambda x, y: np.maximum(cavity(x, y), z - diaphragm_z(x, y)), 30.0)
    below = z - 4.0

    def organ(x: np.ndarray, y: np.ndarray, sd: np.ndarray) -> np.ndarray:
        return np.maximum(np.maximum(sd, cavity(x, y, 3.0)), below - diaphragm_z(x, y))

    canvas.paint(
        box,
        lambda x, y: organ(x, y, x - (10.0 - 0.5 * y)),
        95.0 if ph.contrast else 58.0,
    )
    spleen = ellipsoid_section(z, (90.0, 45.0, -130.0), (28.0, 45.0, 45.0))
    if spleen:
        canvas.paint(
            box,
            lambda x, y: organ(x, y, ellipse_sd(x, y, 90.0, 45.0, *spleen)),
            110.0 if ph.contrast else 48.0,
        )
    stomach = ellipsoid_section(z, (55.0, -25.0, -128.0), (45.0, 38.0, 40.0))
    if stomach:
        sa, sb = stomach
        canvas.paint(box, lambda x, y: organ(x, y, ellipse_sd(x, y, 55.0, -25.0, sa, sb)), 40.0)
        if sa > 5 and sb > 5:
            lumen = (sa - 4.0, sb - 4.0)
            canvas.paint(box, lambda x, y: organ(x, y, ellipse_sd(x, y, 55.0, -25.0, *lumen)), 15.0)
            canvas.paint(
                box,
                lambda x, y: organ(  # gas rises anteriorly in a supine patient
                    x, y, np.maximum(ellipse_sd(x, y, 55.0, -25.0, *lumen), y + 35.0)
                ),
                AIR_HU,
            )


def _lung_texture(ph: ChestPhantom, z: float) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Lung parenchyma: a gravity gradient (dependent lung is denser) plus gentle texture."""
    rng = np.random.default_rng([ph.seed, 11])
    waves = [
        (rng.normal(size=3), rng.uniform(5.0, 18.0), rng.uniform(0, 2 * np.pi)) for _ in range(6)
    ]

    def value(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        out = ph.lung_hu + 30.0 * (y / 80.0)
        for direction, wavelength, phase in waves:
            k = direction / np.linalg.norm(direction) * (2 * np.pi / wavelength)
            a = k[0] * x
            b = k[1] * y + (k[2] * z + phase)
            out = out + 4.0 * (np.sin(a) * np.cos(b) + np.cos(a) * np.sin(b))
        return out

    return value


def _paint_lungs(canvas: Canvas, ph: ChestPhantom) -> None:
    z = canvas.z
    ac, bc = (float(v) for v in cavity_semi_axes(z))
    texture = _lung_texture(ph, z)
    vessels = MEDIASTINAL_VESSELS
    near = vessels.hits(z)

    def lung(x: np.ndarray, y: np.ndarray, side: int) -> np.ndarray:
        sd = lung_sd(x, y, z, side)
        for i in near:  # a fat margin around the great vessels
            sd = np.maximum(
                sd, 4.0 - capsule_sd(x, y, z, vessels.p0[i], vessels.p1[i], vessels.radius[i])
            )
        return sd

    for side in (-1, 1):
        box = (min(0.0, side * ac), max(0.0, side * ac), -bc, bc)
        canvas.paint(box, lambda x, y, s=side: lung(x, y, s), texture)


def _paint_heart(canvas: Canvas, ph: ChestPhantom) -> None:
    z = canvas.z
    cx, cy, _ = HEART_CENTRE
    outer = ellipsoid_section(z, HEART_CENTRE, tuple(s + 4.0 for s in HEART_SEMI))
    if outer:
        canvas.ellipse(cx, cy, *outer, -90.0)
    wall = ellipsoid_section(z, HEART_CENTRE, HEART_SEMI)
    if wall:
        canvas.ellipse(cx, cy, *wall, SOFT_HU)
    cavity = ellipsoid_section(z, HEART_CENTRE, tuple(s - 10.0 for s in HEART_SEMI))
    if cavity:
        if ph.contrast:

            def blood(x: np.ndarray, y: np.ndarray) -> np.ndarray:
                d = 0.6 * (x - cx) + 0.8 * (y - cy)
                return np.where(np.abs(d) < 5.0, SOFT_HU, np.where(d > 0, 250.0, 210.0))

            canvas.ellipse(cx, cy, *cavity, blood)
        else:
            canvas.ellipse(cx, cy, *cavity, 45.0)


def _paint_vessels(canvas: Canvas, ph: ChestPhantom) -> None:
    artery = 250.0 if ph.contrast else 42.0
    _paint_tubes(canvas, IVC, 90.0 if ph.contrast else 42.0)
    _paint_tubes(canvas, SVC, 350.0 if ph.contrast else 45.0)
    _paint_tubes(canvas, PULMONARY_TRUNK + PULMONARY_ARTERIES, artery)
    _paint_tubes(canvas, AORTA, ph.aorta_hu)
    arteries, veins = ph.trees()
    _paint_tubes(canvas, veins, 230.0 if ph.contrast else 42.0)
    _paint_tubes(canvas, arteries, artery)
    z = canvas.z
    for clot in ph.clots:
        r = clot.radius
        box = (clot.centre[0] - r, clot.centre[0] + r, clot.centre[1] - r, clot.centre[1] + r)
        canvas.paint(
            box,
            lambda x, y, c=clot: np.maximum(
                sphere_sd(x, y, z, c.centre, c.radius), PULMONARY_ARTERIES.sd(x, y, z, shrink=1.0)
            ),
            clot.hu,
        )


def _paint_bullae(canvas: Canvas, ph: ChestPhantom) -> None:
    """Emphysematous bullae: avascular air spaces, so painted over the vessels."""
    z = canvas.z
    for b in ph.bullae:
        r = b.radius
        box = (b.centre[0] - r, b.centre[0] + r, b.centre[1] - r, b.centre[1] + r)
        side = -1 if b.centre[0] < 0 else 1
        canvas.paint(
            box,
            lambda x, y, b=b, s=side: np.maximum(
                sphere_sd(x, y, z, b.centre, b.radius), lung_sd(x, y, z, s)
            ),
            b.hu,
        )


def _paint_airways(canvas: Canvas) -> None:
    _paint_tubes(canvas, ESOPHAGUS, SOFT_HU)
    _paint_tubes(canvas, ESOPHAGUS, AIR_HU, grow=-5.0)
    _paint_tubes(canvas, TRACHEA + BRONCHI, SOFT_HU, grow=1.5)
    _paint_tubes(canvas, TRACHEA + BRONCHI, AIR_HU)


def render_plane(
    ph: ChestPhantom, xs: np.ndarray, ys: np.ndarray, z: float, pixel: float
) -> np.ndarray:
    """Noise-free HU of one plane at study height ``z`` (pixel centres ``xs`` x ``ys``)."""
    ox, oy, oz = ph.offset
    canvas = Canvas(
        (np.asarray(xs) - ox) / ph.scale,
        (np.asarray(ys) - oy) / ph.scale,
        z - oz,
        AIR_HU,
        pixel / ph.scale,
    )
    _paint_body(canvas)
    _paint_cavity(canvas, ph)
    _paint_lungs(canvas, ph)
    _paint_heart(canvas, ph)
    _paint_vessels(canvas, ph)
    _paint_bullae(canvas, ph)
    _paint_airways(canvas)
    paint_skeleton(canvas)
    for n in ph.nodules:
        r = n.radius
        box = (n.centre[0] - r, n.centre[0] + r, n.centre[1] - r, n.centre[1] + r)
        canvas.paint(box, lambda x, y, n=n: sphere_sd(x, y, canvas.z, n.centre, n.radius), n.hu)
    return canvas.values


def render_slice(ph: ChestPhantom, geometry: AxialGeometry, index: int) -> np.ndarray:
    """Noise-free HU of slice ``index``, averaged over the slice thickness."""
    thickness = geometry.slice_thickness
    count = max(1, round(thickness / 1.6))
    offsets = ((np.arange(count) + 0.5) / count - 0.5) * thickness
    xs, ys, z = geometry.xs(), geometry.ys(), geometry.z(index)
    planes = [render_plane(ph, xs, ys, z + float(dz), geometry.pixel_spacing) for dz in offsets]
    return planes[0] if count == 1 else np.mean(planes, axis=0, dtype=np.float32)


def ct_noise(rng: np.random.Generator, shape: tuple[int, int], sd: float) -> np.ndarray:
    """Gaussian noise with a short in-plane correlation, like filtered back-projection noise.

    A separable [1, 2, 1]/4 smoothing keeps 0.375 of the standard deviation, so the white
    noise is scaled up by 1/0.375 to give ``sd`` after smoothing.
    """
    n = rng.standard_normal(shape, dtype=np.float32)
    n = (np.roll(n, 1, 0) + 2.0 * n + np.roll(n, -1, 0)) * 0.25
    n = (np.roll(n, 1, 1) + 2.0 * n + np.roll(n, -1, 1)) * 0.25
    return n * np.float32(sd / 0.375)


def hu_at(ph: ChestPhantom, point: Point, pixel: float = 0.7) -> float:
    """Noise-free HU at one point of the study's patient coordinates (thin-slice value)."""
    x, y, z = point
    return float(render_plane(ph, np.array([x]), np.array([y]), z, pixel)[0, 0])


def ct_volume(
    ph: ChestPhantom, geometry: AxialGeometry, noise_seed: int | None = None
) -> np.ndarray:
    """The whole stack in HU as (slice, row, column), with noise when a seed is given."""
    out = np.empty((geometry.count, geometry.rows, geometry.columns), dtype=np.float32)
    for k in range(geometry.count):
        out[k] = render_slice(ph, geometry, k)
        if noise_seed is not None:
            out[k] += ct_noise(np.random.default_rng([noise_seed, k]), out[k].shape, ph.noise_sd)
    return out
