"""What a projection radiograph (MG, CR, DX) says about its side, view and scale.

Measurements on a projection image are only as good as the spacing behind them, and the
hanging protocol needs laterality, view and Patient Orientation. PS3.3 10.7.1.1 and
C.8.11.4 distinguish Pixel Spacing (in the patient, or calibrated) from Imager Pixel
Spacing (at the detector, larger than the anatomy by the geometric magnification); the
viewer must say which one a distance uses, hence :data:`SpacingSource` labels.
"""

from __future__ import annotations

from dataclasses import dataclass


class SpacingSource:
    """How a stack's pixel spacing was obtained; shown next to every measurement."""

    PIXEL_SPACING = "PixelSpacing"
    PIXEL_SPACING_CALIBRATED = "PixelSpacing (calibrated: {calibration})"
    PIXEL_SPACING_AT_DETECTOR = (
        "PixelSpacing equal to ImagerPixelSpacing (detector plane, not corrected for "
        "magnification)"
    )
    IMAGER = "ImagerPixelSpacing (detector plane, not corrected for magnification)"
    IMAGER_MAGNIFICATION = "ImagerPixelSpacing / magnification"
    NONE = "none (pixels)"


@dataclass(frozen=True, slots=True)
class ProjectionInfo:
    """Side, view and scale of a projection image.

    ``laterality`` is R, L, B (both) or U (unpaired), empty when not stated;
    ``view`` the abbreviation (CC, MLO, PA, ...) from View Position or the View Code
    Sequence; ``patient_orientation`` the (row, column) directions of Patient Orientation
    (0020,0020), e.g. ("P", "FL") for a right MLO, which the mammography hanging uses to
    face the breasts to each other. ``imager_pixel_spacing`` and ``magnification`` are
    kept so that a measurement can state both the detector and the corrected scale.
    """

    laterality: str = ""
    view: str = ""
    view_description: str = ""
    patient_orientation: tuple[str, ...] = ()
    imager_pixel_spacing: tuple[float, float] | None = None
    magnification: float | None = None
    calibration_type: str = ""
