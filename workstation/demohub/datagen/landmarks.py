"""Known positions in the demo studies, for tests that check what a viewer shows.

Every CT landmark is given in the study's own patient coordinates (LPS mm, PS3.3
C.7.6.2.1.1, in that study's Frame of Reference) with the noise-free value the phantom has
there and a clearance: the radius around the point inside which the tissue does not change.
Stored slices add noise of about 8 HU standard deviation, so compare with a tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass

from workstation.demohub.datagen.catalog import study
from workstation.demohub.datagen.chest_anatomy import Point, spine_y, vertebra_levels
from workstation.demohub.datagen.chest_phantom import ChestPhantom, hu_at
from workstation.demohub.datagen.mammo import calcification_pixel
from workstation.demohub.datagen.mr_brain import BrainPhantom
from workstation.demohub.datagen.specs import CtSeries, MgSeries, MrSeries


@dataclass(frozen=True, slots=True)
class Landmark:
    """A point of known tissue in one study."""

    name: str
    position: Point
    value: float
    clearance_mm: float


def _local_ct_landmarks() -> dict[str, tuple[Point, float]]:
    z_t6 = float(vertebra_levels()[5])
    return {
        "air": ((0.0, -150.0, 0.0), 20.0),
        "subcutaneous_fat": ((0.0, -100.0, 0.0), 3.0),
        "lung_right": ((-100.0, -20.0, 20.0), 7.0),
        "lung_left": ((100.0, -20.0, 20.0), 7.0),
        "aorta_ascending": ((-0.6, -26.4, 40.0), 12.0),
        "aorta_descending": ((28.0, 40.0, 30.0), 9.0),
        "vertebral_body": ((0.0, float(spine_y(z_t6)), z_t6), 7.0),
        "spinal_canal": ((0.0, float(spine_y(z_t6)) + 24.0, z_t6), 5.0),
        "liver": ((-80.0, 0.0, -140.0), 15.0),
    }


def chest_phantom(study_key: str) -> ChestPhantom:
    """The phantom of a CT study (all CT studies here have one series)."""
    series = study(study_key).series[0]
    if not isinstance(series, CtSeries):
        raise ValueError(f"{study_key} is not a CT study")
    return series.phantom


def ct_landmarks(study_key: str) -> dict[str, Landmark]:
    """Named landmarks of a CT study, in that study's patient coordinates.

    Besides the anatomy there is "nodule" (with the nodule's radius as clearance) when the
    study has one, and "clot" for the pulmonary embolus.
    """
    ph = chest_phantom(study_key)
    out: dict[str, Landmark] = {}
    items = {name: (p, c * ph.scale) for name, (p, c) in _local_ct_landmarks().items()}
    if ph.nodules:
        items["nodule"] = (ph.nodules[0].centre, ph.nodules[0].radius)
    if ph.clots:
        items["clot"] = (ph.clots[0].centre, 2.0)
    for name, (local, clearance) in items.items():
        position = ph.to_frame(local)
        out[name] = Landmark(name, position, hu_at(ph, position), clearance)
    return out


def nodule(study_key: str) -> tuple[Point, float] | None:
    """(centre in the study's patient coordinates, radius mm) of the lung nodule, if any."""
    ph = chest_phantom(study_key)
    if not ph.nodules:
        return None
    n = ph.nodules[0]
    return ph.to_frame(n.centre), n.radius * ph.scale


def brain_lesion(study_key: str) -> tuple[Point, float, float] | None:
    """(centre, core radius, oedema radius) of the brain lesion in patient coordinates."""
    series = study(study_key).series[0]
    if not isinstance(series, MrSeries):
        raise ValueError(f"{study_key} is not an MR study")
    ph: BrainPhantom = series.phantom
    if ph.lesion is None:
        return None
    return ph.to_frame(ph.lesion.centre), ph.lesion.radius, ph.lesion.oedema_radius


def calcification_clusters(study_key: str) -> dict[str, tuple[int, int]]:
    """View name ("LCC", "LMLO", ...) to the (row, column) of the cluster as stored."""
    series = study(study_key).series[0]
    if not isinstance(series, MgSeries):
        raise ValueError(f"{study_key} is not a mammography study")
    out = {}
    for view in series.views:
        pixel = calcification_pixel(
            series.phantom, view, series.rows, series.columns, series.spacing
        )
        if pixel is not None:
            out[view.name] = pixel
    return out
