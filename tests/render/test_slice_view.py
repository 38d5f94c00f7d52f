"""Offscreen rendering: the gray on screen is the reference display pipeline's value."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from vtkmodules.vtkRenderingUI import vtkGenericRenderWindowInteractor

from workstation.core.display import apply_display
from workstation.core.stack import ImageStack, SeriesHeader
from workstation.core.window import Window
from workstation.render.slice_view import SliceView

SIZE = 256
AIR, SOFT, MARKER = 24, 1064, 4000  # stored; slope 1, intercept -1024: -1000, 40, 2976 HU
MEDIASTINUM = Window(40, 400)
HEADER = SeriesHeader(patient_name="DOE^JANE", patient_id="P-001", study_description="CT CHEST",
                      series_number=3, series_description="AXIAL")


def _stack(photometric: str = "MONOCHROME2", count: int = 3, marker: bool = True,
           spacing: tuple[float, float] = (1.0, 1.0), rows: int = 64) -> ImageStack:
    """64 columns: left half air, right half soft tissue; slice k adds k to soft tissue."""
    pixels = np.empty((count, rows, 64), dtype=np.int16)
    pixels[:, :, :32] = AIR
    for k in range(count):
        pixels[k, :, 32:] = SOFT + k
    if marker:
        pixels[:, 0, 0] = MARKER
    return ImageStack(pixels=pixels, slope=1.0, intercept=-1024.0, photometric=photometric,
                      pixel_spacing=spacing, header=HEADER, windows=(MEDIASTINUM,))


def _expected(stored: int, window: Window = MEDIASTINUM, invert: bool = False) -> int:
    return int(apply_display(np.array([stored]), 1.0, -1024.0, window, invert)[0])


@pytest.fixture(scope="module")
def view() -> SliceView:
    return SliceView.offscreen(SIZE, SIZE)


@pytest.fixture
def shown(view: SliceView) -> SliceView:
    view.set_stack(_stack(), MEDIASTINUM)
    view.invert = False
    view.show_phi = True
    view.on_changed.clear()
    return view


def _gray(frame: np.ndarray, row: int, col: int) -> int:
    r, g, b = (int(v) for v in frame[row, col])
    assert r == g == b
    return r


def _marker_box(frame: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(frame[:, :, 0] == 255)
    return int(ys.min()), int(ys.max()), int(xs.min()), int(xs.max())


def test_window_gives_exact_gray_per_half(shown: SliceView):
    frame = shown.capture()
    assert frame.shape == (SIZE, SIZE, 3) and frame.dtype == np.uint8
    soft = SOFT + shown.slice_index
    assert _gray(frame, 128, 64) == 0  # air under a mediastinal window
    assert abs(_gray(frame, 128, 192) - _expected(soft)) <= 1
    assert _expected(soft) == 128  # 41 HU: ((41 - 39.5) / 399 + 0.5) * 255 = 128.46


def test_every_image_pixel_matches_the_reference(shown: SliceView):
    rng = np.random.default_rng(1)
    pixels = rng.integers(-2000, 3000, size=(1, 64, 64)).astype(np.int16)
    stack = ImageStack(pixels=pixels, slope=1.0, intercept=-1024.0)
    shown.set_stack(stack, MEDIASTINUM)
    frame = shown.capture()
    centres = frame[2::4, 2::4, 0].astype(int)  # each image pixel covers 4 x 4 screen pixels
    reference = apply_display(pixels[0], 1.0, -1024.0, MEDIASTINUM).astype(int)
    text_free = np.ones_like(centres, dtype=bool)
    text_free[50:, :] = False  # bottom corner overlays
    assert np.abs(centres - reference)[text_free].max() <= 1


def test_monochrome1_is_inverted_and_user_invert_xors(view: SliceView):
    view.set_stack(_stack("MONOCHROME1"), MEDIASTINUM)
    view.invert = False
    frame = view.capture()
    soft = SOFT + view.slice_index
    assert _gray(frame, 128, 64) == 255
    assert abs(_gray(frame, 128, 192) - _expected(soft, invert=True)) <= 1
    view.toggle_invert()
    frame = view.capture()
    assert _gray(frame, 128, 64) == 0
    assert abs(_gray(frame, 128, 192) - _expected(soft)) <= 1
    view.invert = False


def test_user_invert_on_monochrome2(shown: SliceView):
    shown.invert = True
    assert _gray(shown.capture(), 128, 64) == 255


def test_first_row_and_column_are_top_left(shown: SliceView):
    frame = shown.capture()
    assert _marker_box(frame) == (0, 3, 0, 3)


def test_zoom_two_doubles_the_marker(shown: SliceView):
    shown.zoom_by(2.0, anchor_display_xy=(0.0, 0.0))
    assert shown.zoom == pytest.approx(2.0)
    assert _marker_box(shown.capture()) == (0, 7, 0, 7)
    shown.reset_view()
    assert _marker_box(shown.capture()) == (0, 3, 0, 3)


def test_pan_moves_the_image_with_the_pointer(shown: SliceView):
    shown.pan_by(20, 12)
    assert _marker_box(shown.capture()) == (12, 15, 20, 23)
    shown.reset_view()


def test_set_window_changes_the_probe_as_predicted(shown: SliceView):
    lung = Window(-600, 1500)
    shown.set_window(lung)
    frame = shown.capture()
    assert abs(_gray(frame, 128, 64) - _expected(AIR, lung)) <= 1
    assert _expected(AIR, lung) == 60  # ((-1000 + 600.5) / 1499 + 0.5) * 255 = 59.54
    shown.adjust_window(100.0, -500.0)
    assert shown.window.center == -500 and shown.window.width == 1000
    assert abs(_gray(shown.capture(), 128, 64) - _expected(AIR, shown.window)) <= 1


def test_slice_change_shows_the_new_slice(shown: SliceView):
    assert shown.slice_index == 1  # middle of three
    shown.set_stack(_stack(), Window(1064 - 1024 + 1, 3))  # narrow window around slice 1
    seen = {}
    for k in range(3):
        shown.set_slice(k)
        seen[k] = _gray(shown.capture(), 128, 192)
    assert seen == {k: _expected(SOFT + k, Window(41, 3)) for k in range(3)}
    assert len(set(seen.values())) == 3
    shown.scroll(10)
    assert shown.slice_index == 2
    shown.scroll(-10)
    assert shown.slice_index == 0


def test_display_to_image_maps_centres_and_edges(shown: SliceView):
    assert shown.display_to_image(SIZE / 2, SIZE / 2) == pytest.approx((31.5, 31.5))
    assert shown.display_to_image(2, 2) == pytest.approx((0.0, 0.0))
    assert shown.display_to_image(SIZE - 2, 2) == pytest.approx((0.0, 63.0))


def test_anisotropic_spacing_keeps_the_aspect(view: SliceView):
    # 32 rows of 2 mm by 64 columns of 1 mm is a 64 x 64 mm square: it fills the view.
    view.set_stack(_stack(rows=32, spacing=(2.0, 1.0)), MEDIASTINUM)
    frame = view.capture()
    assert _marker_box(frame) == (0, 7, 0, 3)  # 8 px tall, 4 px wide
    assert view.display_to_image(SIZE / 2, SIZE / 2) == pytest.approx((15.5, 31.5))


def test_fit_keeps_aspect_in_a_wide_viewport():
    wide = SliceView.offscreen(300, 150)
    wide.set_stack(_stack(count=1), MEDIASTINUM)
    frame = wide.capture()
    top, bottom, left, right = _marker_box(frame)
    assert (bottom - top, right - left) in ((1, 1), (2, 2))  # square, about 150/64 px
    assert left == 75  # image centred horizontally: (300 - 150) / 2
    assert wide.display_to_image(10, 75) is None


def test_overlays_follow_state_and_hide_phi(shown: SliceView):
    calls: list[int] = []
    shown.on_changed.append(lambda: calls.append(shown.slice_index))
    shown.set_slice(2)
    text = shown.overlay_text()
    assert "DOE JANE" in text["top_left"]
    assert "Im 3/3" in text["bottom_left"]
    assert "W 400  L 40" in text["bottom_right"]
    shown.show_phi = False
    assert shown.overlay_text()["top_left"] == ""
    assert "CT CHEST" in shown.overlay_text()["top_right"]
    assert calls == [2, 2]


def test_text_is_drawn_in_the_corners(shown: SliceView):
    frame = shown.capture()
    assert frame[:30, :80].max() > 200  # patient name, top left
    assert frame[-30:, -90:].max() > 200  # window text, bottom right


def test_no_interactor_style_handles_mouse_events():
    view = SliceView.offscreen(64, 64)
    interactor = vtkGenericRenderWindowInteractor()
    interactor.SetRenderWindow(view.render_window)
    assert interactor.GetInteractorStyle() is not None
    view.render()
    assert interactor.GetInteractorStyle() is None
    again = SliceView(view.render_window)
    assert again.render_window.GetInteractor().GetInteractorStyle() is None


def _nearest_candidates(coord: float, size: int) -> set[int]:
    """Image index nearest to a continuous coordinate; both neighbours when the sample
    point is within rounding distance of the boundary between two pixels."""
    return {min(size - 1, max(0, int(np.floor(coord + 0.5 + d)))) for d in (-1e-3, 1e-3)}


def test_real_ct_slice_renders_exactly(shared_dicom: Path):
    from workstation.dicom.loader import load_series

    result = load_series([shared_dicom / "ct_series/dcm_qa_ct_GE_tilt/10.dcm"])
    (stack,) = result.stacks
    window = Window(40, 80)
    view = SliceView.offscreen(300, 300)  # 512 -> 300: no integer scale, every offset occurs
    view.set_stack(stack, window)
    view.show_overlays = False  # letters and scale bar would cover probe points
    frame = view.capture()
    checked = 0
    for y in range(40, 300 - 40, 7):
        for x in range(20, 300 - 20, 7):
            row, col = view.display_to_image(x + 0.5, y + 0.5)
            allowed = {
                int(apply_display(np.array([stack.pixels[0, r, c]]), stack.slope,
                                  stack.intercept, window)[0])
                for r in _nearest_candidates(row, stack.rows)
                for c in _nearest_candidates(col, stack.columns)
            }
            gray = _gray(frame, y, x)
            assert min(abs(gray - a) for a in allowed) <= 1, (y, x, gray, allowed)
            checked += 1
    assert checked > 1000
    assert 20 < frame[40:-40, 20:-20].mean() < 200  # a head, not a blank frame
