"""Projection phantom for "for presentation" digital mammograms (CC and MLO views).

The breast is drawn in a canonical frame: chest wall on the left edge, nipple toward the
right, and the top of the image lateral (CC) or superior (MLO). Storage may mirror it
horizontally, and Patient Orientation (0020,0020) says which way the rows and columns point
(PS3.3 C.7.6.1.1.1 and C.8.11.7): the row direction is A when the nipple points right and P
when it points left; the column direction is the medial direction of that breast (R for a
left breast, L for a right one) on CC views, and inferior plus medial (FR, FL) on MLO views.

Fibroglandular tissue is a thresholded fractal (1/f^3 power spectrum) field, the classic
model of mammographic parenchyma, concentrated behind the nipple and thinning toward the
subcutaneous fat; Cooper's ligaments are the ridges of a second field. Values are display
brightness mapped to MONOCHROME1 stored values: dense tissue low, air at the maximum, and
the air around the breast exactly at the Pixel Padding Value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workstation.demohub.datagen.canvas import smoothstep

BITS_STORED = 12
PADDING_VALUE = (1 << BITS_STORED) - 1
_SPAN = 3700.0  # stored units between "no tissue" and "fully dense"


@dataclass(frozen=True, slots=True)
class MammoView:
    """One of the four screening views and the side of the matrix its chest wall is on."""

    laterality: str  # "R" or "L" (Image Laterality, 0020,0062)
    view: str  # "CC" or "MLO" (View Position, 0018,5101)
    chest_wall_left: bool

    @property
    def name(self) -> str:
        return f"{self.laterality}{self.view}"

    @property
    def patient_orientation(self) -> tuple[str, str]:
        """Patient Orientation for this view as stored (PS3.3 C.7.6.1.1.1, C.8.11.7)."""
        medial = "R" if self.laterality == "L" else "L"
        column = medial if self.view == "CC" else "F" + medial
        return ("A" if self.chest_wall_left else "P", column)


@dataclass(frozen=True, slots=True)
class BreastPhantom:
    """A patient's breasts at one visit: positioning shift, density and calcifications."""

    seed: int
    shift_mm: tuple[float, float] = (0.0, 0.0)
    density: float = 0.0  # offset of the gland threshold; higher is denser
    calcified: bool = False  # a cluster of microcalcifications in the left breast


@dataclass(frozen=True, slots=True)
class _Shape:
    centre_v: float
    depth: float
    half_height: float


def _shape(view: str, height_mm: float) -> _Shape:
    if view == "CC":
        return _Shape(height_mm * 0.5, 118.0, 88.0)
    return _Shape(height_mm * 0.6, 126.0, 98.0)


def _cluster_centre(view: str, shape: _Shape) -> tuple[float, float]:
    """(u, v) in mm of the calcification cluster in the canonical frame of a left breast."""
    if view == "CC":
        return 62.0, shape.centre_v - 22.0
    return 66.0, shape.centre_v - 34.0


def _fractal_field(
    rng: np.random.Generator, shape: tuple[int, int], spacing: float, beta: float
) -> np.ndarray:
    """Zero-mean, unit-variance Gaussian field with a 1/f^beta power spectrum."""
    noise = rng.standard_normal(shape, dtype=np.float32)
    spec = np.fft.rfft2(noise)
    fy = np.fft.fftfreq(shape[0], spacing)[:, None]
    fx = np.fft.rfftfreq(shape[1], spacing)[None, :]
    f = np.sqrt(fx * fx + fy * fy)
    spec *= (1.0 / np.maximum(f, 0.02) ** (beta / 2)).astype(np.float32)
    out = np.fft.irfft2(spec, s=shape).astype(np.float32)
    out -= out.mean()
    out /= out.std() + 1e-6
    return out


def _smooth_min(a: np.ndarray, b: np.ndarray, k: float) -> np.ndarray:
    """Polynomial smooth minimum: unions two outlines without a notch where they meet."""
    h = np.clip(0.5 + 0.5 * (b - a) / k, 0.0, 1.0)
    return b + (a - b) * h - k * h * (1.0 - h)


def _breast_sd(u: np.ndarray, v: np.ndarray, view: str, s: _Shape) -> np.ndarray:
    """Approximate signed distance (mm) to the skin outline, negative inside; the chest
    wall (u = 0) is not part of the outline: the breast continues beyond the image edge."""
    rho = (
        (np.maximum(u, 0.0) / s.depth) ** 2.3 + (np.abs(v - s.centre_v) / s.half_height) ** 2.3
    ) ** (1 / 2.3)
    sd = (rho - 1.0) * min(s.depth, s.half_height)
    if view == "MLO":  # the axillary tail runs up along the chest wall
        tail = (np.sqrt((u / 58.0) ** 2 + ((v - (s.centre_v - 85.0)) / 95.0) ** 2) - 1.0) * 58.0
        sd = _smooth_min(sd, tail, 25.0)
    return sd


def _radial_field(
    seed: list[int], u: np.ndarray, v: np.ndarray, s: _Shape, beta: float, stretch: float
) -> np.ndarray:
    """A fractal field drawn in polar coordinates about the nipple and stretched radially,
    so that structures run from the nipple toward the chest wall like the ducts do."""
    step = 0.2
    rng = np.random.default_rng(seed)
    field = _fractal_field(rng, (int(330 / step), int(260 / step)), step, beta)
    du, dv = u - s.depth, v - s.centre_v
    radius = np.sqrt(du * du + dv * dv) / stretch
    arc = (np.arctan2(dv, du) % (2 * np.pi)) * 52.0  # 52 mm per radian, ~a mid-breast radius
    i = np.clip((arc / step).astype(np.int32), 0, field.shape[0] - 1)
    j = np.clip((radius / step).astype(np.int32), 0, field.shape[1] - 1)
    return field[i, j]


def mammo_image(
    ph: BreastPhantom, view: MammoView, rows: int, columns: int, spacing: float
) -> np.ndarray:
    """Stored MONOCHROME1 pixel values (uint16, 12 bits) of one view, as stored.

    Everything is computed in breast coordinates (u from the chest wall, v from the top, mm),
    so a positioning shift between visits moves the same parenchyma across the detector.
    """
    s = _shape(view.view, rows * spacing)
    breast_seed = [ph.seed, 0 if view.laterality == "R" else 1, 0 if view.view == "CC" else 1]
    u = ((np.arange(columns) + 0.5) * spacing - ph.shift_mm[1])[None, :].astype(np.float32)
    v = ((np.arange(rows) + 0.5) * spacing - ph.shift_mm[0])[:, None].astype(np.float32)
    sd = _breast_sd(u, v, view.view, s)
    depth = -sd
    inside = depth > 0
    cover = np.clip(0.5 - np.maximum(sd, -u) / spacing, 0.0, 1.0)
    gland_field = _radial_field([*breast_seed, 1], u, v, s, 3.0, 2.2)
    ligament_field = _radial_field([*breast_seed, 2], u, v, s, 2.4, 3.0)
    thick = 0.55 + 0.45 * np.sqrt(np.clip(depth / 20.0, 0.0, 1.0))
    rho = 1.0 - np.clip(depth / min(s.depth, s.half_height), 0.0, 1.0)
    envelope = smoothstep(0.96, 0.7, rho) * (0.6 + 0.4 * smoothstep(0.0, 0.45, u / s.depth))
    gland = envelope / (1.0 + np.exp(-2.2 * (gland_field - 0.3 + ph.density)))
    ligaments = np.exp(-((ligament_field / 0.1) ** 2)) * 0.05 * smoothstep(0.99, 0.6, rho)
    skin = 0.12 * np.clip(1.0 - depth / 1.5, 0.0, 1.0) * inside
    bright = thick * (0.3 + 0.42 * gland + ligaments) + skin
    if view.view == "MLO":
        pec_width = 55.0 * np.clip(1.0 - v / 130.0, 0.0, 1.0) ** 0.8
        pec = np.clip(0.5 - (u - pec_width) / (4.0 * spacing), 0.0, 1.0) * inside
        bright = bright + pec * (0.5 + 0.03 * gland_field - bright)
    nipple_d = np.sqrt((u - s.depth) ** 2 + (v - s.centre_v) ** 2)
    bright = bright + 0.2 * np.clip(0.5 - (nipple_d - 5.0) / spacing, 0.0, 1.0) * (
        u > s.depth - 4.0
    )
    if ph.calcified and view.laterality == "L":
        bright = _add_calcifications(bright, ph, view, s, u, v, spacing)
    noise = np.random.default_rng([*breast_seed, 9]).normal(0.0, 0.006, bright.shape)
    bright = np.clip(bright + noise * (cover > 0), 0.0, 1.0)
    stored = PADDING_VALUE - cover * _SPAN * bright
    out = np.clip(np.rint(stored), 0, PADDING_VALUE).astype(np.uint16)
    return out if view.chest_wall_left else out[:, ::-1].copy()


def _add_calcifications(
    bright: np.ndarray,
    ph: BreastPhantom,
    view: MammoView,
    s: _Shape,
    u: np.ndarray,
    v: np.ndarray,
    spacing: float,
) -> np.ndarray:
    rng = np.random.default_rng([ph.seed, 5])
    cu, cv = _cluster_centre(view.view, s)
    bright = bright.copy()
    su, sv = ph.shift_mm[1], ph.shift_mm[0]
    for du, dv, r in zip(
        rng.uniform(-4, 4, 7), rng.uniform(-4, 4, 7), rng.uniform(0.15, 0.35, 7), strict=True
    ):
        pu, pv = cu + du, cv + dv  # breast coordinates; u and v below are too
        c0, c1 = int((pu + su - 1.5) / spacing), int((pu + su + 1.5) / spacing) + 1
        r0, r1 = int((pv + sv - 1.5) / spacing), int((pv + sv + 1.5) / spacing) + 1
        d = np.sqrt((u[:, c0:c1] - pu) ** 2 + (v[r0:r1, :] - pv) ** 2)
        cover = np.clip(0.5 - (d - r) / spacing, 0.0, 1.0)
        bright[r0:r1, c0:c1] += 0.35 * cover
    return bright


def calcification_pixel(
    ph: BreastPhantom, view: MammoView, rows: int, columns: int, spacing: float
) -> tuple[int, int] | None:
    """(row, column) of the calcification cluster centre as stored, or None if absent."""
    if not ph.calcified or view.laterality != "L":
        return None
    s = _shape(view.view, rows * spacing)
    cu, cv = _cluster_centre(view.view, s)
    col = int((cu + ph.shift_mm[1]) / spacing)
    row = int((cv + ph.shift_mm[0]) / spacing)
    return row, (col if view.chest_wall_left else columns - 1 - col)
