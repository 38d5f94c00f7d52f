"""Offscreen probes: what VTK puts on screen is core's display table (±1) for LUT files,
padding stays black, colour is shown as stored, and the VOI choices can be cycled."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from workstation.core.display import display_values
from workstation.core.grayscale import GrayscaleTransform, PixelPadding, VoiTransform
from workstation.core.lut import LookupTable
from workstation.core.stack import ImageStack
from workstation.core.window import Window
from workstation.render.lut import GrayLookupTable, transform_table
from workstation.render.slice_view import SliceView

SIZE = 240


def _candidates(coord: float, size: int) -> set[int]:
    """Nearest image index; both neighbours when within rounding of a pixel boundary."""
    return {min(size - 1, max(0, int(np.floor(coord + 0.5 + d)))) for d in (-1e-3, 1e-3)}


def _probe_points(view: SliceView, stack: ImageStack, step: int = 9):
    """(y, x, {(row, col)}) for a grid of screen points over the image, clear of the
    corner texts (three 10-px lines at the top and at the bottom)."""
    for y in range(50, SIZE - 50, step):
        for x in range(10, SIZE - 10, step):
            point = view.display_to_image(x + 0.5, y + 0.5)
            if point is None:
                continue
            row, col = point
            if not (-0.5 <= row < stack.rows - 0.5 and -0.5 <= col < stack.columns - 0.5):
                continue
            yield y, x, {(r, c) for r in _candidates(row, stack.rows)
                         for c in _candidates(col, stack.columns)}


def _assert_gray_matches_core(view: SliceView, stack: ImageStack, voi: VoiTransform,
                              invert: bool = False) -> int:
    frame = view.capture()
    checked = 0
    for y, x, pixels in _probe_points(view, stack):
        r, g, b = (int(v) for v in frame[y, x])
        assert r == g == b
        allowed = {int(display_values(np.array([stack.pixels[0, rr, cc]]), stack.grayscale,
                                      voi, invert)[0]) for rr, cc in pixels}
        assert min(abs(r - a) for a in allowed) <= 1, (y, x, r, allowed)
        checked += 1
    assert checked > 200
    return checked


def _load(root: Path, name: str) -> ImageStack:
    from workstation.dicom.loader import load_series

    result = load_series([root / name])
    assert result.errors == []
    (stack,) = result.stacks
    return stack


@pytest.fixture(scope="module")
def view() -> SliceView:
    """Overlays hidden: these tests probe the image itself (overlays: test_slice_view)."""
    v = SliceView.offscreen(SIZE, SIZE)
    v.show_overlays = False
    return v


def test_modality_lut_sequence_file_on_screen(view: SliceView, shared_dicom: Path):
    stack = _load(shared_dicom, "luts/pydicom-data/mlut_18.dcm")
    assert stack.grayscale.modality_table is not None
    window = Window(32768, 40000)
    view.set_stack(stack, window)
    _assert_gray_matches_core(view, stack, window)


def test_monochrome1_modality_lut_file_opens_auto_windowed(view: SliceView, shared_dicom: Path):
    stack = _load(shared_dicom, "luts/fo-dicom/CR-ModalitySequenceLUT.dcm")
    view.set_stack(stack)
    assert view.voi_choices == () and view.voi.explanation == "AUTO"
    _assert_gray_matches_core(view, stack, view.voi)
    view.invert = True
    _assert_gray_matches_core(view, stack, view.voi, invert=True)
    view.invert = False


def test_mammogram_background_is_black_under_every_voi(view: SliceView, shared_dicom: Path):
    stack = _load(shared_dicom, "mg/GH133.dcm")
    view.set_stack(stack)
    assert isinstance(view.voi, LookupTable) and view.voi_index == 0
    assert "VOI LUT NORMAL" in view.overlay_text()["bottom_right"]
    padding = stack.grayscale.padding
    assert padding is not None
    background = 0
    for index in range(len(view.voi_choices)):
        view.select_voi(index)
        for invert in (False, True):
            view.invert = invert
            frame = view.capture()
            for y, x, pixels in _probe_points(view, stack, step=7):
                if all(padding.low <= stack.pixels[0, r, c] <= padding.high for r, c in pixels):
                    assert frame[y, x].tolist() == [0, 0, 0], (index, invert, y, x)
                    background += 1
    view.invert = False
    assert background > 500
    view.reset_voi()
    _assert_gray_matches_core(view, stack, view.voi)


def test_rgb_file_is_shown_as_stored(view: SliceView, shared_dicom: Path):
    stack = _load(shared_dicom, "pixel_formats/pydicom-data/color-px.dcm")
    view.set_stack(stack)
    frame = view.capture()
    checked = 0
    for y, x, pixels in _probe_points(view, stack):
        allowed = [stack.pixels[0, r, c].astype(int) for r, c in pixels]
        assert min(np.abs(frame[y, x].astype(int) - a).max() for a in allowed) <= 1, (y, x)
        checked += 1
    assert checked > 200
    assert "W " not in view.overlay_text()["bottom_right"]


def test_palette_file_is_shown_in_its_colours(view: SliceView, shared_dicom: Path):
    stack = _load(shared_dicom, "pixel_formats/pydicom-data/OBXXXX1A.dcm")
    view.set_stack(stack)
    frame = view.capture()
    colours = 0
    for y, x, pixels in _probe_points(view, stack, step=11):
        allowed = [stack.pixels[0, r, c].astype(int) for r, c in pixels]
        assert min(np.abs(frame[y, x].astype(int) - a).max() for a in allowed) <= 1
        colours += len({tuple(a) for a in allowed if len(set(a.tolist())) > 1})
    assert colours > 0  # not only grays: the palette's colours reach the screen


def _synthetic() -> ImageStack:
    """Stored 0..63 per column; padding 0; one VOI table and two windows."""
    pixels = np.tile(np.arange(64, dtype=np.uint16), (1, 64, 1))
    table = LookupTable.from_descriptor([64, 0, 10], np.arange(64) * 16, "TABLE")
    display = GrayscaleTransform(
        windows=(Window(32, 64, "FULL"), Window(10, 8, "NARROW")),
        voi_tables=(table,),
        padding=PixelPadding(0),
    )
    return ImageStack(pixels=pixels, display=display)


def test_cycling_selecting_and_leaving_the_image_voi(view: SliceView):
    stack = _synthetic()
    view.set_stack(stack)
    table = stack.grayscale.voi_tables[0]
    assert view.voi is table and view.voi_index == 0
    view.cycle_voi()
    assert view.voi == Window(32, 64, "FULL") and view.voi_index == 1
    assert "W 64  L 32  FULL" in view.overlay_text()["bottom_right"]
    view.cycle_voi()
    view.cycle_voi()
    assert view.voi is table  # wraps around
    view.cycle_voi(-1)
    assert view.voi_index == 2
    view.adjust_window(1.0, 2.0)  # a drag makes it the user's window
    assert view.voi == Window(11, 10) and view.voi_index is None
    view.set_voi(table)
    ramp = view.window
    view.adjust_window(0.0, 0.0)  # leaving a table starts from its ramp
    assert view.voi_index is None and (view.window.center, view.window.width) == (
        ramp.center, ramp.width)
    view.apply_auto_window()
    assert view.voi.explanation == "AUTO"
    view.reset_voi()
    assert view.voi is table
    _assert_gray_matches_core(view, stack, table)


def test_table_with_padding_and_voi_lut_maps_each_stored_value():
    stack = _synthetic()
    table = stack.grayscale.voi_tables[0]
    lut = GrayLookupTable()
    assert lut.update_transform(0, 65535, stack.grayscale, table, False)
    assert not lut.update_transform(0, 65535, stack.grayscale, table, False)
    assert lut.update_transform(0, 65535, stack.grayscale, table, True)
    rgba, value_range = transform_table(0, 65535, stack.grayscale, table, True)
    assert value_range == (-0.5, 65535.5)
    for value in (0, 1, 32, 63, 1000):
        index = lut.vtk_table.GetIndex(float(value))
        gray = round(lut.vtk_table.GetTableValue(index)[0] * 255)
        want = int(display_values(np.array([value]), stack.grayscale, table, True)[0])
        assert gray == want == rgba[value, 0]
    assert rgba[0, 0] == 0  # padding stays black although inverted
