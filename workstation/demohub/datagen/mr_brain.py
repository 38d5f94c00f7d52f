"""Analytic head phantom rendered as T1-, T2- and FLAIR-weighted axial MR slices.

Contrast follows the textbook ordering at 1.5 T: on T1 white matter is brighter than grey
matter and CSF is dark; on T2 CSF is brightest and grey matter brighter than white matter;
FLAIR is T2-like with the CSF signal nulled by the inversion pulse. Fat (scalp, diploe,
orbits) is bright on T1, cortical bone and air give no signal. Magnitude images carry
Rician noise (the modulus of complex Gaussian noise) and a smooth receive-coil bias field.

The cortex is folded with a gyroid, a triply periodic surface whose zero set forms a
connected labyrinth: sulci are thin CSF sheets along that surface, lined by grey matter.
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
    smoothstep,
    sphere_sd,
)
from workstation.demohub.datagen.geometry import AxialGeometry

Point = tuple[float, float, float]
WEIGHTINGS = ("T1", "T2", "FLAIR")

# Signal per tissue for (T1, T2, FLAIR), in stored units of a 12-bit magnitude image.
SIGNAL: dict[str, tuple[float, float, float]] = {
    "air": (0.0, 0.0, 0.0),
    "fat": (1100.0, 850.0, 700.0),
    "bone": (60.0, 40.0, 40.0),
    "marrow": (900.0, 500.0, 450.0),
    "csf": (250.0, 1900.0, 120.0),
    "grey": (560.0, 900.0, 760.0),
    "white": (820.0, 640.0, 560.0),
    "deep_grey": (610.0, 820.0, 700.0),
    "muscle": (500.0, 350.0, 380.0),
    "vitreous": (200.0, 1800.0, 100.0),
    "oedema": (520.0, 1250.0, 1150.0),
    "lesion": (350.0, 1500.0, 1350.0),
}

HEAD_CENTRE: Point = (0.0, 5.0, 10.0)
HEAD_SEMI: Point = (74.0, 92.0, 95.0)
# Layers inward from the skin (mm): scalp, outer table, diploe, inner table, CSF space.
_LAYERS = (("fat", 0.0), ("bone", 6.0), ("marrow", 8.0), ("bone", 11.0), ("csf", 13.0))
_BRAIN_INSET = 15.5


@dataclass(frozen=True, slots=True)
class Lesion:
    """A focal lesion with surrounding vasogenic oedema, in local coordinates (mm)."""

    centre: Point
    radius: float
    oedema_radius: float


@dataclass(frozen=True, slots=True)
class BrainPhantom:
    """One MR study's head; frame = local + offset (the prior lies elsewhere in its frame)."""

    seed: int
    offset: Point = (0.0, 0.0, 0.0)
    lesion: Lesion | None = None
    noise_sd: float = 14.0

    def to_frame(self, p: Point) -> Point:
        return (p[0] + self.offset[0], p[1] + self.offset[1], p[2] + self.offset[2])


def _head_section(z: float, inset: float) -> tuple[float, float] | None:
    """Head cross-section at ``z``: an ellipsoidal vault over a slowly narrowing base."""
    cx, cy, cz = HEAD_CENTRE
    a, b, c = (s - inset for s in HEAD_SEMI)
    if z >= cz:
        return ellipsoid_section(z, HEAD_CENTRE, (a, b, c))
    shrink = 1.0 - 0.12 * float(smoothstep(cz, cz - 80.0, z))
    return a * shrink, b * shrink


def _skull_base(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Floor of the cranial cavity, a smooth bowl: the anterior fossa is shallow, the middle
    fossae hold the temporal lobes lower down laterally, the posterior fossa is deepest."""
    lateral = np.clip(np.abs(x) / 50.0, 0.0, 1.0) ** 2
    middle = smoothstep(-70.0, -15.0, y)
    posterior = smoothstep(10.0, 35.0, y) * (1.0 - 0.6 * lateral)
    return -14.0 - 8.0 * middle - 26.0 * lateral * middle - 40.0 * posterior


def _tentorium(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The tent over the cerebellum: highest at the midline, sloping down laterally and back."""
    ramp = smoothstep(10.0, 30.0, y)
    roof = -8.0 - 26.0 * smoothstep(0.0, 55.0, np.abs(x)) - 0.3 * np.maximum(y - 20.0, 0.0)
    return np.where(ramp > 0, roof * ramp + -100.0 * (1.0 - ramp), -100.0)


def _gyroid(x: np.ndarray, y: np.ndarray, z: float, seed: int) -> np.ndarray:
    """Gyroid on warped coordinates, so that the folding does not look periodic."""
    ph = np.random.default_rng([seed, 3]).uniform(0, 2 * np.pi, 6)
    k = 2 * np.pi / 26.0
    wx = x + 7.0 * np.sin(0.045 * y + 0.03 * z + ph[3])
    wy = y + 7.0 * np.sin(0.05 * x + 0.04 * z + ph[4])
    wz = z + 5.0 * np.sin(0.04 * x + 0.05 * y + ph[5])
    gx, gy, gz = k * wx + ph[0], k * wy + ph[1], k * wz + ph[2]
    return np.sin(gx) * np.cos(gy) + np.sin(gy) * np.cos(gz) + np.sin(gz) * np.cos(gx)


class _Painter:
    """Paints tissues with the signal of one weighting onto a canvas in local coordinates."""

    def __init__(self, canvas: Canvas, weighting: int) -> None:
        self.canvas = canvas
        self.w = weighting

    def ellipsoid(self, tissue: str, centre: Point, semi: Point) -> None:
        sec = ellipsoid_section(self.canvas.z, centre, semi)
        if sec:
            self.canvas.ellipse(centre[0], centre[1], *sec, SIGNAL[tissue][self.w])

    def region(
        self,
        tissue: str,
        box: tuple[float, float, float, float],
        sd_fn: Callable[[np.ndarray, np.ndarray], np.ndarray],
    ) -> None:
        self.canvas.paint(box, sd_fn, SIGNAL[tissue][self.w])


def render_plane(
    ph: BrainPhantom, weighting: str, xs: np.ndarray, ys: np.ndarray, z: float, pixel: float
) -> np.ndarray:
    """Noise-free signal of one plane at study height ``z`` for ``weighting``."""
    ox, oy, oz = ph.offset
    canvas = Canvas(np.asarray(xs) - ox, np.asarray(ys) - oy, z - oz, 0.0, pixel)
    p = _Painter(canvas, WEIGHTINGS.index(weighting))
    zl = canvas.z
    cx, cy, _ = HEAD_CENTRE
    for tissue, inset in _LAYERS:
        sec = _head_section(zl, inset)
        if sec:
            canvas.ellipse(cx, cy, *sec, SIGNAL[tissue][p.w])
    inner = _head_section(zl, _BRAIN_INSET - 2.5)
    if inner is None:
        return canvas.values
    ia, ib = inner
    box = (cx - ia, cx + ia, cy - ib, cy + ib)

    # Below the cranial floor (a 4 mm bony plate): soft tissue, orbits and sphenoid sinus.
    def head(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return ellipse_sd(x, y, cx, cy, ia, ib)

    p.region("muscle", box, lambda x, y: np.maximum(head(x, y), zl - _skull_base(x, y)))
    p.region(
        "bone",
        box,
        lambda x, y: np.maximum(head(x, y), np.abs(zl - _skull_base(x, y) + 2.0) - 2.0),
    )
    for side in (-1.0, 1.0):
        p.ellipsoid("fat", (side * 32.0, -55.0, -42.0), (18.0, 24.0, 15.0))  # orbit
        p.ellipsoid("vitreous", (side * 32.0, -64.0, -42.0), (12.0, 12.0, 12.0))  # globe
    p.ellipsoid("air", (0.0, -28.0, -48.0), (13.0, 12.0, 10.0))  # sphenoid sinus
    brain = _head_section(zl, _BRAIN_INSET)
    if brain is None:
        return canvas.values
    ba, bb = brain

    def cerebrum_sd(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        sd = np.maximum(ellipse_sd(x, y, cx, cy, ba, bb), _skull_base(x, y) + 3.0 - zl)
        return np.maximum(sd, _tentorium(x, y) + 2.0 - zl)

    p.region("white", box, cerebrum_sd)
    if ph.lesion is not None:
        les = ph.lesion
        p.region(
            "oedema",
            box,
            lambda x, y: np.maximum(
                cerebrum_sd(x, y), sphere_sd(x, y, zl, les.centre, les.oedema_radius)
            ),
        )
    g_scale = 3.7  # mm per unit of the gyroid near its zero set

    def cortex_sd(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        sd = cerebrum_sd(x, y)
        depth = -sd
        near_sulcus = np.maximum(
            (np.abs(_gyroid(x, y, zl, ph.seed)) - 0.45) * g_scale, depth - 18.0
        )
        return np.maximum(sd, np.minimum(depth - 3.0, near_sulcus))

    def sulcus_sd(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        sd = cerebrum_sd(x, y)
        sulcus = np.maximum((np.abs(_gyroid(x, y, zl, ph.seed)) - 0.1) * g_scale, -sd - 15.0)
        fissure = np.maximum(
            np.abs(x - cx) - 1.5, np.where((zl > 22.0) | (np.abs(y - 5.0) > 42.0), -1.0, 1.0)
        )
        return np.maximum(sd, np.minimum(sulcus, fissure))

    p.region("grey", box, cortex_sd)
    p.region("csf", box, sulcus_sd)
    p.ellipsoid("grey", (0.0, 48.0, -38.0), (52.0, 34.0, 22.0))  # cerebellum
    p.ellipsoid("white", (0.0, 44.0, -36.0), (30.0, 18.0, 11.0))  # its white-matter core
    p.ellipsoid("csf", (0.0, 34.0, -40.0), (6.0, 5.0, 7.0))  # fourth ventricle
    p.region(  # brainstem
        "white",
        box,
        lambda x, y: _capsule_plane(x, y, zl, (0.0, 20.0, -70.0), (0.0, 10.0, -2.0), 12.0),
    )
    for side in (-1.0, 1.0):
        p.ellipsoid("deep_grey", (side * 11.0, 10.0, 4.0), (10.0, 14.0, 10.0))  # thalamus
        p.ellipsoid("deep_grey", (side * 24.0, -4.0, 6.0), (7.0, 16.0, 10.0))  # lentiform
        p.ellipsoid("deep_grey", (side * 16.0, -18.0, 16.0), (6.0, 10.0, 9.0))  # caudate head
        p.ellipsoid("csf", (side * 11.0, 0.0, 24.0), (7.0, 30.0, 9.0))  # lateral ventricle
        p.ellipsoid("csf", (side * 13.0, -28.0, 16.0), (6.0, 10.0, 8.0))  # frontal horn
        p.ellipsoid("csf", (side * 18.0, 32.0, 18.0), (5.0, 12.0, 7.0))  # occipital horn
    p.ellipsoid("csf", (0.0, 8.0, 0.0), (2.5, 14.0, 11.0))  # third ventricle
    if ph.lesion is not None:
        les = ph.lesion
        p.region("lesion", box, lambda x, y: sphere_sd(x, y, zl, les.centre, les.radius))
    return canvas.values


def _capsule_plane(
    x: np.ndarray, y: np.ndarray, z: float, p0: Point, p1: Point, r: float
) -> np.ndarray:
    return capsule_sd(x, y, z, np.array(p0), np.array(p1), r)


def signal_at(ph: BrainPhantom, weighting: str, point: Point) -> float:
    """Noise-free signal at one point of the study's patient coordinates (thin plane)."""
    x, y, z = point
    return float(render_plane(ph, weighting, np.array([x]), np.array([y]), z, 0.9)[0, 0])


def mr_slice(
    ph: BrainPhantom,
    weighting: str,
    geometry: AxialGeometry,
    index: int,
    rng: np.random.Generator | None,
) -> np.ndarray:
    """Stored values (uint16, 12 significant bits) of one slice, with noise if ``rng`` is given.

    The slice averages three planes across its thickness; a bias field of about +-10 %
    (strongest near the posterior head-coil elements) multiplies the signal.
    """
    xs, ys, z = geometry.xs(), geometry.ys(), geometry.z(index)
    t = geometry.slice_thickness
    planes = [
        render_plane(ph, weighting, xs, ys, z + dz, geometry.pixel_spacing)
        for dz in (-t / 3, 0.0, t / 3)
    ]
    signal = np.mean(planes, axis=0)
    bias = (
        1.0
        + 0.10 * (ys[:, None] - ph.offset[1]) / 120.0
        - 0.04 * ((xs[None, :] - ph.offset[0]) / 100.0) ** 2
    )
    signal = signal * bias
    if rng is not None:
        n1 = rng.normal(0.0, ph.noise_sd, signal.shape)
        n2 = rng.normal(0.0, ph.noise_sd, signal.shape)
        signal = np.sqrt((signal + n1) ** 2 + n2**2)
    return np.clip(np.rint(signal), 0, 4095).astype(np.uint16)
