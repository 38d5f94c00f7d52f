"""An image stack: slices of one series sharing orientation and size, with geometry.

Geometry follows PS3.3 C.7.6.2: ImagePositionPatient is the centre of the first voxel,
ImageOrientationPatient gives the row and column direction cosines, coordinates are LPS.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workstation.core.autowindow import auto_window
from workstation.core.grayscale import GrayscaleTransform
from workstation.core.projection_info import ProjectionInfo
from workstation.core.window import Window


@dataclass(frozen=True, slots=True)
class SeriesHeader:
    """What the overlays and the report need to know about the series being shown."""

    patient_name: str = ""
    patient_id: str = ""
    patient_sex: str = ""
    patient_age: str = ""
    patient_birth_date: str = ""
    study_date: str = ""
    study_description: str = ""
    series_description: str = ""
    series_number: int | None = None
    modality: str = ""
    institution: str = ""
    study_uid: str = ""
    series_uid: str = ""
    frame_of_reference_uid: str = ""
    body_part: str = ""
    laterality: str = ""
    view_position: str = ""
    lossy: bool = False


@dataclass(slots=True)
class ImageStack:
    """Stored pixel values of a stack plus everything needed to display and place them.

    ``pixels`` has shape (slices, rows, columns) and keeps the stored integer type
    (int16/uint16/uint8): the Modality LUT is applied by the display LUT, never by a
    float copy of the volume. Colour stacks hold (slices, rows, columns, 3) uint8 RGB
    with ``photometric`` "RGB", shown directly without the grayscale pipeline.

    ``display`` is the image's full grayscale description (Modality LUT Sequence, VOI LUT
    tables, Presentation LUT Shape, padding range); when absent, :attr:`grayscale` derives
    it from ``slope``, ``intercept``, ``windows``, ``photometric`` and ``padding_value``.
    """

    pixels: np.ndarray
    slope: float = 1.0
    intercept: float = 0.0
    row_cosine: tuple[float, float, float] = (1.0, 0.0, 0.0)
    column_cosine: tuple[float, float, float] = (0.0, 1.0, 0.0)
    positions: np.ndarray = field(default_factory=lambda: np.zeros((0, 3)))
    pixel_spacing: tuple[float, float] = (1.0, 1.0)  # (row spacing, column spacing) in mm
    slice_thickness: float | None = None
    photometric: str = "MONOCHROME2"
    windows: tuple[Window, ...] = ()
    padding_value: int | None = None
    instance_numbers: tuple[int | None, ...] = ()
    sop_instance_uids: tuple[str, ...] = ()
    header: SeriesHeader = field(default_factory=SeriesHeader)
    warnings: tuple[str, ...] = ()
    display: GrayscaleTransform | None = None
    # Which attribute pixel_spacing came from (SpacingSource label), and side/view/scale
    # of projection radiographs (PS3.3 10.7.1.1, C.8.11.7).
    spacing_source: str = ""
    projection: ProjectionInfo | None = None

    @property
    def count(self) -> int:
        return int(self.pixels.shape[0])

    @property
    def rows(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def columns(self) -> int:
        return int(self.pixels.shape[2])

    @property
    def normal(self) -> np.ndarray:
        return np.cross(np.asarray(self.row_cosine), np.asarray(self.column_cosine))

    @property
    def slice_spacing(self) -> float:
        """Distance between slice centres measured along the normal (not SliceThickness)."""
        if len(self.positions) < 2:
            return float(self.slice_thickness or 1.0)
        d = np.diff(np.asarray(self.positions, dtype=np.float64) @ self.normal)
        return float(np.median(np.abs(d))) or float(self.slice_thickness or 1.0)

    @property
    def is_color(self) -> bool:
        return self.pixels.ndim == 4

    @property
    def grayscale(self) -> GrayscaleTransform:
        """The grayscale transforms that the display pipeline applies to this stack."""
        if self.display is not None:
            return self.display
        return GrayscaleTransform.from_rescale(self.slope, self.intercept, self.windows,
                                               self.photometric, self.padding_value)

    @property
    def inverted(self) -> bool:
        """The minimum shows white: MONOCHROME1, or Presentation LUT Shape INVERSE."""
        return self.grayscale.inverse

    def stored_range(self) -> tuple[int, int]:
        info = np.iinfo(self.pixels.dtype) if self.pixels.dtype.kind in "iu" else None
        if info is not None and info.bits <= 16:
            return int(info.min), int(info.max)
        return int(self.pixels.min()), int(self.pixels.max())

    def modality_value(self, k: int, row: int, col: int) -> float:
        """Modality LUT output (rescale or Modality LUT Sequence) of one grayscale pixel."""
        return float(self.grayscale.modality(self.pixels[k, row, col]))

    def default_window(self) -> Window:
        """The image's own first window, else the automatic window (percentiles of the
        Modality LUT output without padding, :mod:`workstation.core.autowindow`)."""
        if self.windows:
            return self.windows[0]
        if self.is_color:
            return Window(127.5, 256.0, "Full range")
        return auto_window(self)

    def patient_point(self, k: int, row: float, col: float) -> np.ndarray:
        """LPS position (mm) of pixel (row, col) on slice k, PS3.3 C.7.6.2.1.1."""
        origin = np.asarray(self.positions[k], dtype=np.float64)
        return (
            origin
            + np.asarray(self.row_cosine) * self.pixel_spacing[1] * col
            + np.asarray(self.column_cosine) * self.pixel_spacing[0] * row
        )
