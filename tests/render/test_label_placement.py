"""Labels and corner texts stay inside small viewports (4x4 cells) and apart."""

from __future__ import annotations

import numpy as np
import pytest

from workstation.core.measurements import Length
from workstation.core.projection_info import SpacingSource
from workstation.core.roi_stats import RectangleRoi
from workstation.core.stack import ImageStack, SeriesHeader
from workstation.core.window import Window
from workstation.render.slice_view import SliceView

SIZE = 130  # about one cell of a 4x4 grid


@pytest.fixture(scope="module")
def view() -> SliceView:
    pixels = np.full((1, 64, 64), 1064, dtype=np.int16)
    stack = ImageStack(pixels=pixels, intercept=-1024.0, pixel_spacing=(0.5, 0.5),
                       spacing_source=SpacingSource.PIXEL_SPACING,
                       header=SeriesHeader(modality="CT", patient_name="LONGNAME^PATIENT^X",
                                           institution="A Rather Long Institution Name",
                                           study_description="CT chest with contrast"))
    v = SliceView.offscreen(SIZE, SIZE)
    v.set_stack(stack, Window(40, 400))
    return v


def _inside(box: tuple[float, float, float, float]) -> bool:
    left, top, right, bottom = box
    return 0 <= left < right <= SIZE and 0 <= top < bottom <= SIZE


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_label_at_the_bottom_right_corner_is_shifted_inside(view: SliceView):
    view.set_measurements([RectangleRoi(((40.0, 40.0), (63.0, 63.0)), 0)])
    view.render()
    (box,) = view.measurement_label_boxes()
    assert _inside(box)
    # Without the shift it would start right of the corner point, outside the view.
    x, _ = view.image_to_display(63.0, 63.0)
    assert box[0] < x


def test_labels_near_each_other_do_not_overlap(view: SliceView):
    view.set_measurements([Length(((50.0, 10.0), (50.0, 20.0)), 0),
                           Length(((52.0, 10.0), (52.0, 21.0)), 0)])
    view.render()
    a, b = view.measurement_label_boxes()
    assert _inside(a) and _inside(b)
    assert not _overlap(a, b)
    view.set_measurements([])


def test_top_corners_shrink_rather_than_overlap(view: SliceView):
    view.render()
    corners = view._overlays.corners  # noqa: SLF001 - the actors' measured widths
    left = corners._width(corners._actors["top_left"])  # noqa: SLF001
    right = corners._width(corners._actors["top_right"])  # noqa: SLF001
    assert left > 0 and right > 0
    assert left + right <= SIZE


def test_selected_measurement_shows_its_handles():
    pixels = np.full((1, 64, 64), 24, dtype=np.int16)  # black under the window
    v = SliceView.offscreen(256, 256)
    v.set_stack(ImageStack(pixels=pixels, intercept=-1024.0, pixel_spacing=(0.5, 0.5),
                           spacing_source=SpacingSource.PIXEL_SPACING,
                           header=SeriesHeader(modality="CT")), Window(40, 400))
    line = Length(((10.0, 10.0), (10.0, 50.0)), 0)  # ends at display (42, 42), (202, 42)

    def green(frame: np.ndarray) -> np.ndarray:
        return (frame[:, :, 1] > 200) & (frame[:, :, 0] < 150)

    v.set_measurements([line])
    plain = green(v.capture())
    v.set_measurements([line], selected=line)
    marked = green(v.capture())
    # Outer edges of the squares, three pixels beyond each end, clear of the line itself.
    for x in (39, 205):
        assert not plain[38:47, x - 1:x + 2].any()
        assert marked[38:47, x - 1:x + 2].any()
