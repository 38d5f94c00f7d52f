"""The bony thorax of the chest phantom: spine, ribs with costal cartilage, sternum, clavicles.

Bones have a cortical shell (about 750 HU) around cancellous bone (about 230 HU), so bone
windows show a realistic rim and the marrow is not mistaken for contrast-filled vessels.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from workstation.demohub.datagen.canvas import Canvas
from workstation.demohub.datagen.chest_anatomy import (
    Point,
    Tubes,
    body_semi_axes,
    cavity_semi_axes,
    spine_y,
    vertebra_levels,
)

CORTICAL_HU = 750.0
CANCELLOUS_HU = 230.0
CARTILAGE_HU = 110.0
DISC_HU = 85.0
CANAL_HU = 25.0
CORTEX_MM = 1.5

# Per rib (1 to 12): lateral reach relative to the chest wall, where the bony rib ends and
# where its cartilage ends (angles around the chest from the spine, radians), and how far the
# rib descends from its head to its anterior end (mm).
_RIB_REACH = (0.5, 0.95, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.98, 0.95, 0.9)
_RIB_BONE_END = (2.45,) * 7 + (2.25, 2.2, 2.15, 1.7, 1.3)
_RIB_CARTILAGE_END = (2.95,) * 7 + (2.75, 2.65, 2.5, 0.0, 0.0)
_RIB_DROP = (25.0, 45.0) + (85.0,) * 8 + (40.0, 40.0)


def _rib_point(rib: int, side: int, theta: float) -> Point:
    """Point on rib ``rib`` (0-based) at angle ``theta`` (0 = spine, pi = sternum)."""
    z_head = float(vertebra_levels()[rib])
    z = z_head + 6.0 * np.sin(theta) - _RIB_DROP[rib] * (1.0 - np.cos(theta)) / 2.0
    a, b = (float(v) for v in cavity_semi_axes(z))
    a_rib, b_rib = _RIB_REACH[rib] * (a + 7.0), b + 7.0
    return (side * a_rib * float(np.sin(theta)), b_rib * float(np.cos(theta)), float(z))


@cache
def rib_tubes() -> tuple[Tubes, Tubes]:
    """Bony ribs and costal cartilages of both sides as capsule chains."""
    bone, cartilage = [], []
    for rib in range(12):
        radius = 3.8 if rib == 0 else 4.5
        z_head = float(vertebra_levels()[rib])
        for side in (-1, 1):
            head: Point = (side * 17.0, float(spine_y(z_head)) + 4.0, z_head)
            thetas = np.linspace(0.32, _RIB_BONE_END[rib], 13)
            pts = [head] + [_rib_point(rib, side, float(t)) for t in thetas]
            bone.extend((pts[i], pts[i + 1], radius) for i in range(len(pts) - 1))
            if _RIB_CARTILAGE_END[rib] > _RIB_BONE_END[rib]:
                cts = np.linspace(_RIB_BONE_END[rib], _RIB_CARTILAGE_END[rib], 4)
                cpts = [_rib_point(rib, side, float(t)) for t in cts]
                cartilage.extend((cpts[i], cpts[i + 1], radius) for i in range(len(cpts) - 1))
    return Tubes.from_list(bone), Tubes.from_list(cartilage)


@cache
def process_tubes() -> Tubes:
    """Clavicles, transverse and spinous processes: small bones drawn as capsules."""
    items: list[tuple[Point, Point, float]] = []
    for side in (-1, 1):
        medial = (side * 12.0, -92.0, 128.0)
        mid = (side * 80.0, -78.0, 130.0)
        lateral = (side * 148.0, -45.0, 140.0)
        items += [(medial, mid, 7.0), (mid, lateral, 6.5)]
    for z in vertebra_levels():
        y = float(spine_y(z))
        for side in (-1, 1):
            items.append(((side * 14.0, y + 22.0, z), (side * 32.0, y + 28.0, z + 2.0), 5.0))
        items.append(((0.0, y + 37.0, z), (0.0, y + 46.0, z - 14.0), 4.0))
    return Tubes.from_list(items)


def paint_tubes_with_marrow(canvas: Canvas, tubes: Tubes) -> None:
    """Cortical capsules first, then the cancellous core one cortex thickness inside."""
    hits = tubes.hits(canvas.z)
    for i in hits:
        canvas.capsule(tubes.p0[i], tubes.p1[i], tubes.radius[i], CORTICAL_HU)
    for i in hits:
        canvas.capsule(tubes.p0[i], tubes.p1[i], tubes.radius[i] - CORTEX_MM, CANCELLOUS_HU)


def paint_spine(canvas: Canvas) -> None:
    """Vertebral body or disc, neural arch and spinal canal at the canvas height."""
    z = canvas.z
    levels = vertebra_levels()
    nearest = float(levels[np.argmin(np.abs(levels - z))])
    y = float(spine_y(z))
    offset = abs(z - nearest)
    if offset <= 9.5:
        canvas.ellipse(0.0, y, 17.0, 15.0, CORTICAL_HU)
        canvas.ellipse(0.0, y, 17.0 - CORTEX_MM, 15.0 - CORTEX_MM, CANCELLOUS_HU)
    else:
        canvas.ellipse(0.0, y, 17.0, 15.0, DISC_HU)
    if abs(z - nearest - 2.0) <= 8.0:
        canvas.ellipse(0.0, y + 24.0, 12.5, 12.0, CORTICAL_HU)
    canvas.ellipse(0.0, y + 24.0, 8.0, 7.5, CANAL_HU)


def paint_sternum(canvas: Canvas) -> None:
    """Manubrium, body and xiphoid: a flat bone in the anterior chest wall."""
    z = canvas.z
    if z > 130.0 or z < -78.0:
        return
    if z > 95.0:
        a, b = 24.0, 7.0
    elif z > -55.0:
        a, b = 15.0, 6.0
    else:
        a, b = 8.0, 4.0
    _, body_b = body_semi_axes(z)
    y = -(float(body_b) - 28.0) - 8.0
    canvas.ellipse(0.0, y, a, b, CORTICAL_HU)
    canvas.ellipse(0.0, y, a - CORTEX_MM, b - CORTEX_MM, CANCELLOUS_HU)


def paint_skeleton(canvas: Canvas) -> None:
    """All bones, after the soft tissues so that they are never overdrawn."""
    paint_spine(canvas)
    bone, cartilage = rib_tubes()
    for i in cartilage.hits(canvas.z):
        canvas.capsule(cartilage.p0[i], cartilage.p1[i], cartilage.radius[i], CARTILAGE_HU)
    paint_tubes_with_marrow(canvas, bone)
    paint_tubes_with_marrow(canvas, process_tubes())
    paint_sternum(canvas)
