"""CT Image Storage instances of the chest phantom (PS3.3 A.3: CT Image IOD).

Pixels are stored unsigned with 12 bits stored, Rescale Slope 1 and Rescale Intercept -1024
(C.11.1: HU = stored - 1024), so -1024 to +3071 HU are representable and air sits just above
zero. Each slice gets its own noise seed, so any subset of slices can be generated alone
(in parallel workers, or a handful in a test) with identical results.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from pydicom.dataset import Dataset
from pydicom.uid import CTImageStorage

from workstation.demohub.datagen.chest_phantom import ct_noise, render_slice
from workstation.demohub.datagen.headers import (
    base_dataset,
    set_axial_plane,
    set_pixels,
    set_windows,
)
from workstation.demohub.datagen.specs import CtSeries, Study

RESCALE_INTERCEPT = -1024.0
BITS_STORED = 12
CT_WINDOWS = ((40.0, 400.0, "MEDIASTINUM"), (-600.0, 1500.0, "LUNG"))


def hu_to_stored(hu: np.ndarray) -> np.ndarray:
    """Round HU to stored values; below -1024 HU clips to 0, above 3071 HU to 4095."""
    return np.clip(np.rint(hu - RESCALE_INTERCEPT), 0, (1 << BITS_STORED) - 1).astype(np.uint16)


def slice_pixels(study: Study, series: CtSeries, index: int) -> np.ndarray:
    """Stored values of slice ``index``: the rendered phantom plus reproducible noise."""
    hu = render_slice(series.phantom, series.geometry, index)
    rng = np.random.default_rng([series.phantom.seed, int(study.key[-2:]), series.number, index])
    return hu_to_stored(hu + ct_noise(rng, hu.shape, series.phantom.noise_sd))


def ct_instance(study: Study, series: CtSeries, index: int, pixels: np.ndarray) -> Dataset:
    """The CT Image IOD dataset of slice ``index`` (Instance Number ``index + 1``)."""
    g = series.geometry
    ds = base_dataset(study, series, index + 1, CTImageStorage, series_time_offset_s=120)
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.PatientPosition = "HFS"
    ds.ProtocolName = study.description
    ds.AcquisitionNumber = 1
    set_axial_plane(ds, g.image_position(index), g.pixel_spacing, g.slice_thickness, g.spacing)
    ds.KVP = 120
    ds.DataCollectionDiameter = 500
    ds.ReconstructionDiameter = round(g.pixel_spacing * g.columns, 3)
    ds.GantryDetectorTilt = 0
    ds.TableHeight = 160
    ds.RotationDirection = "CW"
    ds.ExposureTime = 500
    ds.XRayTubeCurrent = series.tube_current_ma
    ds.ConvolutionKernel = series.kernel
    ds.FilterType = "BODY FILTER"
    if series.phantom.contrast:
        ds.ContrastBolusAgent = "Iohexol 350 mgI/mL"
        ds.ContrastBolusRoute = "IV"
        ds.ContrastBolusVolume = 80
        ds.ContrastBolusIngredient = "IODINE"
        ds.ContrastBolusIngredientConcentration = 350
    set_pixels(ds, pixels, BITS_STORED)
    ds.RescaleIntercept = RESCALE_INTERCEPT
    ds.RescaleSlope = 1.0
    ds.RescaleType = "HU"
    set_windows(ds, CT_WINDOWS)
    return ds


def generate_ct_chest(
    study: Study, series: CtSeries, indices: Iterable[int] | None = None
) -> Iterator[Dataset]:
    """Uncompressed datasets of the requested slices (all by default), in order."""
    for index in range(series.geometry.count) if indices is None else indices:
        yield ct_instance(study, series, index, slice_pixels(study, series, index))
