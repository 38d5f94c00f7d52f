"""MR Image Storage instances of the head phantom (PS3.3 A.4: MR Image IOD).

Magnitude images are stored unsigned, 16 bits allocated and 12 stored, without a Modality
LUT (MR signal has no physical unit to rescale to). The sequence attributes of the MR Image
module (C.8.3.1) describe the spin-echo, turbo spin-echo and FLAIR protocols that would
produce the contrast the phantom renders.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from pydicom.dataset import Dataset
from pydicom.uid import MRImageStorage

from workstation.demohub.datagen.headers import (
    base_dataset,
    set_axial_plane,
    set_pixels,
    set_windows,
)
from workstation.demohub.datagen.mr_brain import mr_slice
from workstation.demohub.datagen.specs import MrSeries, Study


@dataclass(frozen=True, slots=True)
class Protocol:
    """Acquisition parameters of one weighting (times in ms)."""

    scanning_sequence: tuple[str, ...]
    sequence_name: str
    repetition_time: float
    echo_time: float
    inversion_time: float | None
    echo_train_length: int
    flip_angle: float
    window: tuple[float, float]


PROTOCOLS: dict[str, Protocol] = {
    "T1": Protocol(("SE",), "*se2d1", 520.0, 12.0, None, 1, 90.0, (560.0, 1100.0)),
    "T2": Protocol(("SE",), "*tse2d1_16", 4200.0, 98.0, None, 16, 150.0, (950.0, 1900.0)),
    "FLAIR": Protocol(("SE", "IR"), "*tir2d1_16", 9000.0, 95.0, 2500.0, 16, 150.0, (620.0, 1200.0)),
}


def slice_pixels(study: Study, series: MrSeries, index: int) -> np.ndarray:
    """Stored values of slice ``index`` with reproducible Rician noise."""
    rng = np.random.default_rng([series.phantom.seed, int(study.key[-2:]), series.number, index])
    return mr_slice(series.phantom, series.weighting, series.geometry, index, rng)


def mr_instance(study: Study, series: MrSeries, index: int, pixels: np.ndarray) -> Dataset:
    """The MR Image IOD dataset of slice ``index`` (Instance Number ``index + 1``)."""
    g = series.geometry
    p = PROTOCOLS[series.weighting]
    ds = base_dataset(
        study, series, index + 1, MRImageStorage, series_time_offset_s=240 * series.number
    )
    ds.ImageType = ["ORIGINAL", "PRIMARY", "M", "ND"]
    ds.PatientPosition = "HFS"
    ds.ProtocolName = series.description
    ds.AcquisitionNumber = 1
    ds.ScanningSequence = list(p.scanning_sequence)
    ds.SequenceVariant = ["SK"] if p.echo_train_length > 1 else ["NONE"]  # segmented k-space
    ds.ScanOptions = ""
    ds.MRAcquisitionType = "2D"
    ds.SequenceName = p.sequence_name
    ds.AngioFlag = "N"
    ds.RepetitionTime = p.repetition_time
    ds.EchoTime = p.echo_time
    if p.inversion_time is not None:
        ds.InversionTime = p.inversion_time
    ds.EchoTrainLength = p.echo_train_length
    ds.NumberOfAverages = 1
    ds.ImagingFrequency = 63.87
    ds.ImagedNucleus = "1H"
    ds.EchoNumbers = 1
    ds.MagneticFieldStrength = 1.5
    ds.FlipAngle = p.flip_angle
    ds.AcquisitionMatrix = [0, g.columns, g.rows, 0]
    ds.InPlanePhaseEncodingDirection = "ROW"
    ds.ReceiveCoilName = "HeadNeck_16"
    set_axial_plane(ds, g.image_position(index), g.pixel_spacing, g.slice_thickness, g.spacing)
    set_pixels(ds, pixels, 12)
    set_windows(ds, [(p.window[0], p.window[1], series.weighting)])
    return ds


def generate_mr_brain(
    study: Study, series: MrSeries, indices: Iterable[int] | None = None
) -> Iterator[Dataset]:
    """Uncompressed datasets of the requested slices (all by default), in order."""
    for index in range(series.geometry.count) if indices is None else indices:
        yield mr_instance(study, series, index, slice_pixels(study, series, index))
