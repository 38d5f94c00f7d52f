"""Measurements on screen: outlines on their pixels through rotate/flip, labels with values."""

from __future__ import annotations

import numpy as np
import pytest

from workstation.core.measurements import Length
from workstation.core.projection_info import SpacingSource
from workstation.core.roi_stats import RectangleRoi
from workstation.core.stack import ImageStack, SeriesHeader
from workstation.core.window import Window
from workstation.render.slice_view import SliceView

SIZE = 256  # 64 x 64 image: 4 screen pixels per image pixel, pixel (r, c) centred at 4c + 2


@pytest.fixture(scope="module")
def view() -> SliceView:
    pixels = np.full((2, 64, 64), 24, dtype=np.int16)  # -1000 HU: black under the window
    stack = ImageStack(pixels=pixels, intercept=-1024.0, pixel_spacing=(0.5, 0.5),
                       spacing_source=SpacingSource.PIXEL_SPACING,
                       header=SeriesHeader(modality="CT"))
    v = SliceView.offscreen(SIZE, SIZE)
    v.set_stack(stack, Window(40, 400))
    v.set_slice(0)
    return v


def _green(frame: np.ndarray) -> np.ndarray:
    return (frame[:, :, 1] > 200) & (frame[:, :, 0] < 150)


def test_length_is_drawn_on_its_pixels_and_labelled(view: SliceView):
    view.reset_view()
    view.set_measurements([Length(((32.0, 10.0), (32.0, 50.0)), 0),
                           Length(((5.0, 5.0), (5.0, 60.0)), 1)])  # other slice: hidden
    frame = view.capture()
    green = _green(frame)
    rows = np.nonzero(green[:, 100])[0]
    assert rows.tolist() in ([129], [130], [129, 130], [130, 131])  # y = 4 * 32 + 2
    cols = np.nonzero(green[rows[0], :])[0]
    assert abs(cols.min() - 42) <= 1 and abs(cols.max() - 202) <= 1
    assert not green[22, 100]  # the slice-1 line is not drawn
    assert view.measurement_labels() == ["20.0 mm (PixelSpacing)"]  # 40 px of 0.5 mm


def test_outline_turns_with_the_picture(view: SliceView):
    view.reset_view()
    view.set_measurements([Length(((32.0, 10.0), (32.0, 50.0)), 0)])
    view.rotate(1)
    green = _green(view.capture())
    cols = np.nonzero(green[100, :])[0]
    assert cols.tolist() in ([125], [126], [125, 126], [124, 125])  # x = 256 - 130
    rows = np.nonzero(green[:, cols[0]])[0]
    assert abs(rows.min() - 42) <= 1 and abs(rows.max() - 202) <= 1
    view.reset_view()


def test_roi_label_gives_hu_and_area(view: SliceView):
    view.reset_view()
    view.set_measurements([RectangleRoi(((10.0, 10.0), (19.0, 19.0)), 0)])
    (label,) = view.measurement_labels()
    assert "Mean -1000.0 HU" in label and "Area 25.0 mm²" in label  # 100 px of 0.25 mm²
    assert _green(view.capture())[42, 42:80].sum() >= 30  # top edge of the box
    view.show_overlays = False
    assert _green(view.capture()).sum() == 0
    view.show_overlays = True
    view.set_measurements([])
