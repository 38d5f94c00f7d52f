"""Pulmonary arterial and venous trees grown into the lungs from the hila.

Each tree branches dichotomously with radii shrinking by about 0.77 per generation (close
to Murray's law for two equal daughters, 2**(-1/3) = 0.79) until the vessels are below a
millimetre, which is about what a 512 matrix resolves. Branches that would leave the lung,
or enter a keep-out sphere (a nodule, or a landmark that tests sample), are cut. Growth uses
a seeded generator, so a patient's current and prior studies share the same vessels.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from workstation.demohub.datagen.chest_anatomy import Point, Tubes, lungs_sd

KeepOut = tuple[tuple[Point, float], ...]

# (hilum, lobar target) pairs: right upper, middle and lower lobe, left upper, lingula, lower.
_ARTERY_ROOTS: tuple[tuple[Point, Point], ...] = (
    ((-62.0, -2.0, 24.0), (-75.0, 5.0, 100.0)),
    ((-62.0, -2.0, 24.0), (-85.0, -55.0, 0.0)),
    ((-62.0, -2.0, 24.0), (-80.0, 40.0, -50.0)),
    ((62.0, 0.0, 34.0), (75.0, 0.0, 100.0)),
    ((62.0, 0.0, 34.0), (85.0, -45.0, -5.0)),
    ((62.0, 0.0, 34.0), (80.0, 42.0, -50.0)),
)
# Pulmonary veins drain to the left atrium, below and behind the arteries.
_VEIN_ROOTS: tuple[tuple[Point, Point], ...] = (
    ((-42.0, 18.0, -18.0), (-85.0, -20.0, 25.0)),
    ((-42.0, 18.0, -25.0), (-85.0, 35.0, -65.0)),
    ((48.0, 22.0, -15.0), (88.0, -15.0, 25.0)),
    ((48.0, 22.0, -22.0), (85.0, 35.0, -65.0)),
)


def _segment_distance(p0: np.ndarray, p1: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Distance from point ``c`` to each segment ``p0[i]``-``p1[i]``."""
    u = p1 - p0
    t = np.clip(
        np.einsum("ij,ij->i", c - p0, u) / np.maximum(np.einsum("ij,ij->i", u, u), 1e-9), 0, 1
    )
    return np.linalg.norm(c - (p0 + t[:, None] * u), axis=1)


def _inside(points: np.ndarray, margin: np.ndarray) -> np.ndarray:
    return lungs_sd(points[:, 0], points[:, 1], points[:, 2]) < -margin


def _branch(d: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two daughter directions per parent, split by 22-38 degrees about a random axis."""
    axis = np.cross(d, rng.normal(size=d.shape))
    axis /= np.maximum(np.linalg.norm(axis, axis=1, keepdims=True), 1e-9)
    spread = np.radians(rng.uniform(22.0, 38.0, size=(d.shape[0], 1)))
    out = []
    for sign in (1.0, -1.0):
        angle = sign * spread * rng.uniform(0.8, 1.2, size=spread.shape)
        c, s = np.cos(angle), np.sin(angle)
        v = d * c + np.cross(axis, d) * s  # Rodrigues; axis is perpendicular to d
        out.append(v / np.linalg.norm(v, axis=1, keepdims=True))
    return out[0], out[1]


def _grow(
    rng: np.random.Generator,
    roots: tuple[tuple[Point, Point], ...],
    radius: float,
    length: float,
    generations: int,
    keep_out: KeepOut,
) -> list[tuple[Point, Point, float]]:
    """Breadth-first growth: one vectorised lung test per generation, not per branch."""
    p = np.array([r[0] for r in roots], dtype=np.float64)
    d = np.array([r[1] for r in roots], dtype=np.float64) - p
    d /= np.linalg.norm(d, axis=1, keepdims=True)
    seg = np.full(len(roots), length)
    rad = np.full(len(roots), radius)
    out: list[tuple[Point, Point, float]] = []
    for gen in range(generations + 1):
        ok = np.zeros(len(p), dtype=bool)
        for _ in range(3):
            end = p + d * seg[:, None]
            good = _inside(end, rad + 1.0)
            if gen > 0:
                good &= _inside((p + end) / 2, rad + 0.5)
            ok |= good
            seg = np.where(ok, seg, seg * 0.6)
        end = p + d * seg[:, None]
        for centre, r in keep_out:
            ok &= _segment_distance(p, end, np.array(centre)) - rad >= r
        p, d, seg, rad, end = p[ok], d[ok], seg[ok], rad[ok], end[ok]
        out += [
            (tuple(map(float, a)), tuple(map(float, b)), float(r))
            for a, b, r in zip(p, end, rad, strict=True)
        ]
        n = len(p)
        if gen == generations or n == 0:
            break
        d1, d2 = _branch(d, rng)
        p = np.vstack([end, end])
        d = np.vstack([d1, d2])
        seg = np.concatenate([seg, seg]) * rng.uniform(0.7, 0.86, size=2 * n)
        rad = np.concatenate([rad, rad]) * rng.uniform(0.72, 0.82, size=2 * n)
        keep = rad >= 0.45
        p, d, seg, rad = p[keep], d[keep], seg[keep], rad[keep]
    return out


@cache
def vessel_trees(seed: int, keep_out: KeepOut) -> tuple[Tubes, Tubes]:
    """Arteries and veins for one patient's anatomy; cached per process."""
    rng = np.random.default_rng([seed, 7])
    arteries: list[tuple[Point, Point, float]] = []
    arteries = _grow(rng, _ARTERY_ROOTS, 6.0, 26.0, 9, keep_out)
    veins = _grow(rng, _VEIN_ROOTS, 5.5, 24.0, 8, keep_out)
    return Tubes.from_list(arteries), Tubes.from_list(veins)
