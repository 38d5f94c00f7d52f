"""Reference lines: a sagittal plane cuts an axial image along one pixel column, and the
line is drawn on that column."""

from __future__ import annotations

import numpy as np
import pytest

from workstation.core.reference_lines import plane_of, reference_line, reference_lines
from workstation.core.stack import ImageStack, SeriesHeader
from workstation.core.window import Window
from workstation.render.reference_lines import COLOR
from workstation.render.slice_view import SliceView

FRAME = "1.2.826.0.1.3680043.8.498.77"
SIZE = 256  # 64 x 64 axial image: 4 screen pixels per image pixel, column c centred at 4c + 2


def axial(frame: str = FRAME) -> ImageStack:
    """64 x 64 x 10 axial slices, 1 mm pixels, top-left pixel at (-32, -32, z)."""
    positions = np.array([[-32.0, -32.0, 2.0 * k] for k in range(10)])
    return ImageStack(pixels=np.zeros((10, 64, 64), dtype=np.int16), positions=positions,
                      pixel_spacing=(1.0, 1.0), header=SeriesHeader(
                          modality="CT", frame_of_reference_uid=frame))


def sagittal(frame: str = FRAME) -> ImageStack:
    """Sagittal slices at x = -20, -19, ... (rows go down -z, columns go +y, posterior)."""
    positions = np.array([[-20.0 + k, -40.0, 30.0] for k in range(40)])
    return ImageStack(pixels=np.zeros((40, 48, 80), dtype=np.int16), positions=positions,
                      row_cosine=(0.0, 1.0, 0.0), column_cosine=(0.0, 0.0, -1.0),
                      pixel_spacing=(1.0, 1.0), header=SeriesHeader(
                          modality="CT", frame_of_reference_uid=frame))


def test_sagittal_plane_is_a_column_of_the_axial_image():
    ax, sag = axial(), sagittal()
    (a, b) = reference_line(plane_of(ax, 3), plane_of(sag, 10))  # x = -10 -> column 22
    assert a[1] == pytest.approx(22.0) and b[1] == pytest.approx(22.0)
    # The sagittal image spans y -40..39.5 (wider than the axial): clipped to its rows.
    assert sorted([a[0], b[0]]) == pytest.approx([-0.5, 63.5])


def test_axial_plane_is_a_row_of_the_sagittal_image():
    ax, sag = axial(), sagittal()
    (a, b) = reference_line(plane_of(sag, 0), plane_of(ax, 5))  # z = 10 -> row 20
    assert a[0] == pytest.approx(20.0) and b[0] == pytest.approx(20.0)
    # The axial image spans y -32.5..31.5 -> sagittal columns 7.5..71.5.
    assert sorted([a[1], b[1]]) == pytest.approx([7.5, 71.5])


def test_no_line_for_parallel_planes_other_frames_or_planes_outside():
    ax, sag = axial(), sagittal()
    assert reference_line(plane_of(ax, 0), plane_of(ax, 4)) is None
    assert reference_line(plane_of(ax, 0), plane_of(sagittal("9.9.9"), 10)) is None
    # Sagittal slice at x = 19 lies inside the axial image (columns -0.5..63.5) ...
    assert reference_lines(ax, 0, [(sag, 39)])
    # ... but an axial slice at z = 50 is below the sagittal image (z 30.5 .. -17.5).
    far = axial()
    far.positions[:, 2] += 50.0
    assert reference_lines(sag, 0, [(far, 0)]) == []


@pytest.fixture(scope="module")
def view() -> SliceView:
    v = SliceView.offscreen(SIZE, SIZE)
    v.set_stack(axial(), Window(40, 400))
    return v


def _yellow(frame: np.ndarray) -> np.ndarray:
    r, g, b = (frame[:, :, i].astype(int) for i in range(3))
    target = [round(255 * c) for c in COLOR]
    return (abs(r - target[0]) < 40) & (abs(g - target[1]) < 40) & (abs(b - target[2]) < 60)


def test_line_lands_on_the_expected_pixel_column(view: SliceView):
    view.reset_view()
    segments = reference_lines(view.stack, view.slice_index, [(sagittal(), 10)])
    view.set_reference_lines(segments)
    yellow = _yellow(view.capture())
    cols = np.nonzero(yellow[128])[0]
    assert cols.tolist() in ([89], [90], [89, 90], [90, 91])  # x = 4 * 22 + 2
    rows = np.nonzero(yellow[:, cols[0]])[0]
    assert rows.min() <= 1 and rows.max() >= SIZE - 2  # the whole image height
    assert yellow.sum() < 3 * SIZE  # one line, nothing else
    view.set_reference_lines([])
    assert not _yellow(view.capture()).any()


def test_line_follows_a_flip(view: SliceView):
    view.reset_view()
    view.set_reference_lines(reference_lines(view.stack, view.slice_index, [(sagittal(), 10)]))
    view.flip_horizontal()
    cols = np.nonzero(_yellow(view.capture())[128])[0]
    assert cols.tolist() in ([165], [166], [165, 166], [166, 167])  # x = 256 - 90
    view.reset_view()
    view.set_reference_lines([])


def test_oblique_plane_crosses_diagonally():
    """The plane x + z = 4 (tilted 45 degrees about y) cuts axial slice z = 4 along
    x = 0 (column 32) and slice z = 8 along x = -4 (column 28)."""
    s = 1 / np.sqrt(2)
    oblique = ImageStack(pixels=np.zeros((1, 100, 100), dtype=np.int16),
                         positions=np.array([[-50.0 * s, -50.0, 4.0 + 50.0 * s]]),
                         row_cosine=(s, 0.0, -s), column_cosine=(0.0, 1.0, 0.0),
                         header=SeriesHeader(frame_of_reference_uid=FRAME))
    ax = axial()
    (a, b) = reference_line(plane_of(ax, 2), plane_of(oblique, 0))  # z = 4
    assert a[1] == pytest.approx(32.0) and b[1] == pytest.approx(32.0)
    (a, b) = reference_line(plane_of(ax, 4), plane_of(oblique, 0))  # z = 8
    assert a[1] == pytest.approx(28.0) and b[1] == pytest.approx(28.0)
