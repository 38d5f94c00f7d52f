"""Golden measurements on synthetic phantoms: lengths, angles, Cobb angle, ROI statistics."""

from __future__ import annotations

import math

import numpy as np
import pytest

from workstation.core.measurements import (
    Angle,
    Calibration,
    CobbAngle,
    Length,
    measurement_from_dict,
)
from workstation.core.projection_info import SpacingSource
from workstation.core.roi_stats import EllipseRoi, FreehandRoi, RectangleRoi, roi_stats
from workstation.core.stack import ImageStack, SeriesHeader

PIXEL = Calibration(0.5, 0.5, SpacingSource.PIXEL_SPACING)


def _phantom(noise: float = 0.0, spacing: float = 0.5, source: str = SpacingSource.PIXEL_SPACING,
             modality: str = "CT") -> ImageStack:
    """200 x 200 pixels of 0.5 mm; water (0 HU) with a 30 mm disc of 40 HU at the centre."""
    rows = cols = 200
    r, c = np.mgrid[0:rows, 0:cols]
    hu = np.where((r - 100) ** 2 + (c - 100) ** 2 <= (15.0 / spacing) ** 2, 40.0, 0.0)
    if noise:
        hu = hu + np.random.default_rng(7).normal(0.0, noise, hu.shape)
    stored = np.rint(hu + 1024).astype(np.int16)[None]
    return ImageStack(pixels=stored, intercept=-1024.0, pixel_spacing=(spacing, spacing),
                      spacing_source=source, header=SeriesHeader(modality=modality))


def _disc_20mm(spacing: float = 0.5) -> EllipseRoi:
    radius = 10.0 / spacing
    return EllipseRoi(((100 - radius, 100 - radius), (100 + radius, 100 + radius)))


def test_mean_hu_of_a_20_mm_disc_is_the_phantom_value():
    stats = roi_stats(_phantom(), _disc_20mm())
    assert stats.mean == 40.0 and stats.sd == 0.0
    assert (stats.minimum, stats.maximum, stats.unit) == (40.0, 40.0, "HU")
    # 1257 centres within 20 px of the centre (Gauss circle count), 0.25 mm² each.
    assert stats.pixels == 1257 and stats.area == pytest.approx(314.25)
    assert stats.area_unit == "mm²" and stats.spacing_source == SpacingSource.PIXEL_SPACING
    assert "Mean 40.0 HU" in stats.label() and "(PixelSpacing)" in stats.label()


def test_mean_hu_with_noise_is_within_the_standard_error():
    stats = roi_stats(_phantom(noise=10.0), _disc_20mm())
    assert abs(stats.mean - 40.0) < 3 * 10.0 / math.sqrt(stats.pixels)
    assert 9.0 < stats.sd < 11.0
    assert stats.minimum < 20.0 < 60.0 < stats.maximum


def test_rectangle_straddling_the_disc_edge_mixes_exactly():
    stack = _phantom()
    roi = RectangleRoi(((90.0, 60.0), (109.0, 79.0)))  # columns 60..79: disc starts at 70
    mask = roi.mask(200, 200)
    inside = ((np.mgrid[0:200, 0:200][0] - 100) ** 2 + (np.mgrid[0:200, 0:200][1] - 100) ** 2
              <= 900)
    stats = roi_stats(stack, roi)
    assert stats.pixels == 400
    assert stats.mean == pytest.approx(40.0 * np.count_nonzero(mask & inside) / 400)


def test_masks_take_pixels_whose_centre_is_inside():
    rect = RectangleRoi(((5.4, 3.0), (2.2, 7.0))).mask(10, 10)
    assert np.array_equal(np.argwhere(rect)[[0, -1]], [[3, 3], [5, 7]]) and rect.sum() == 15
    ellipse = EllipseRoi(((2.0, 1.0), (8.0, 9.0))).mask(12, 12)
    r, c = np.mgrid[0:12, 0:12]
    assert np.array_equal(ellipse, ((r - 5) / 3) ** 2 + ((c - 5) / 4) ** 2 <= 1)
    triangle = FreehandRoi(((0.5, 0.5), (0.5, 8.5), (8.5, 0.5))).mask(10, 10)
    r, c = r[:10, :10], c[:10, :10]
    assert np.array_equal(triangle, (r + c <= 8) & (r >= 1) & (c >= 1) & (r <= 8) & (c <= 8))
    assert FreehandRoi(((1.0, 1.0), (2.0, 2.0))).mask(5, 5).sum() == 0
    assert RectangleRoi(((-5.0, -5.0), (1.0, 1.0))).mask(4, 4).sum() == 4  # clipped


def test_padding_is_left_out_and_empty_regions_give_none():
    stack = _phantom()
    stack.padding_value = 1064  # the disc's stored value, for the sake of the test
    stack.display = None
    stats = roi_stats(stack, RectangleRoi(((90.0, 60.0), (109.0, 79.0))))
    assert stats.mean == 0.0 and stats.pixels < 400
    assert roi_stats(stack, _disc_20mm()) is None


def test_fifty_mm_line_says_pixel_spacing():
    result = Length(((10.0, 20.0), (10.0, 120.0))).measure(PIXEL)
    assert result.value == 50.0 and result.unit == "mm"
    assert result.label() == "50.0 mm (PixelSpacing)"
    diagonal = Length(((0.0, 0.0), (60.0, 80.0))).measure(PIXEL)  # 30-40-50 triangle
    assert diagonal.value == 50.0


def test_imager_pixel_spacing_is_named_and_no_spacing_gives_pixels():
    stack = _phantom(spacing=0.1, source=SpacingSource.IMAGER, modality="DX")
    result = Length(((0.0, 0.0), (0.0, 500.0))).measure(Calibration.of(stack))
    assert result.value == pytest.approx(50.0)
    assert "ImagerPixelSpacing" in result.label()
    none = Length(((0.0, 0.0), (3.0, 4.0))).measure(Calibration(0.1, 0.1, SpacingSource.NONE))
    assert (none.value, none.unit) == (5.0, "px")
    unnamed = Calibration.of(_phantom(source=""))
    assert not unnamed.in_mm
    stats = roi_stats(_phantom(source="", modality="MR"), _disc_20mm())
    assert (stats.area, stats.area_unit, stats.unit) == (1257.0, "px", "")


def test_anisotropic_spacing_length_and_angle():
    cal = Calibration(2.0, 0.5, SpacingSource.PIXEL_SPACING)
    assert Length(((0.0, 0.0), (10.0, 0.0))).measure(cal).value == 20.0
    # 10 rows x 2 mm and 40 columns x 0.5 mm: both arms 20 mm, at 90 degrees.
    right = Angle(((10.0, 0.0), (0.0, 0.0), (0.0, 40.0))).measure(cal)
    assert right.value == pytest.approx(90.0) and right.unit == "°"
    # In pixels the diagonal would be at 14 degrees; in mm it is at 45.
    diag = Angle(((0.0, 40.0), (0.0, 0.0), (10.0, 40.0))).measure(cal)
    assert diag.value == pytest.approx(45.0)


def test_cobb_angle_of_two_known_lines():
    # Endplates drawn at +10 and -22 degrees from horizontal: Cobb angle 32 degrees.
    def line(row, col, degrees, length=40.0):
        t = math.radians(degrees)
        return (row, col), (row - length * math.sin(t), col + length * math.cos(t))

    cobb = CobbAngle((*line(20.0, 10.0, 10.0), *line(120.0, 12.0, -22.0))).measure(PIXEL)
    assert cobb.value == pytest.approx(32.0) and cobb.label() == "32.0°"
    reversed_line = CobbAngle((*line(20.0, 10.0, 10.0), *line(120.0, 12.0, -22.0)[::-1]))
    assert reversed_line.measure(PIXEL).value == pytest.approx(32.0)
    assert CobbAngle(((0, 0), (0, 10), (5, 0), (5, 10))).measure(PIXEL).value == 0.0


@pytest.mark.parametrize("measurement", [
    Length(((1.0, 2.0), (3.5, 4.0)), 3, "1.2.3"),
    Angle(((1.0, 2.0), (3.0, 4.0), (5.0, 6.0))),
    CobbAngle(((0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (2.0, 1.0)), 1),
    EllipseRoi(((1.0, 1.0), (5.0, 9.0)), 2, "1.2.4"),
    RectangleRoi(((1.0, 1.0), (5.0, 9.0))),
    FreehandRoi(((1.0, 1.0), (5.0, 9.0), (7.0, 2.0))),
])
def test_round_trip_through_dict(measurement):
    data = measurement.to_dict()
    assert measurement_from_dict(data) == measurement
    assert type(measurement_from_dict(data)) is type(measurement)
    with pytest.raises(ValueError):
        measurement_from_dict(data | {"type": "nope"})
