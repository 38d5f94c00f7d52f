"""Rotate/flip, 1:1 and true-size zoom, orientation letters, scale bar and pixel probe."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from workstation.core.projection_info import ProjectionInfo, SpacingSource
from workstation.core.stack import ImageStack, SeriesHeader
from workstation.core.view_transform import ViewTransform
from workstation.core.window import Window
from workstation.render.slice_view import SliceView

SIZE = 256
AIR, MARKER = 24, 4000  # stored; intercept -1024: -1000 HU and 2976 HU
WINDOW = Window(40, 400)
AXIAL = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0))
SAGITTAL = ((0.0, 1.0, 0.0), (0.0, 0.0, -1.0))
CORONAL = ((1.0, 0.0, 0.0), (0.0, 0.0, -1.0))


def _stack(rows: int = 64, cols: int = 64, cosines=None, spacing=(1.0, 1.0),
           source: str = "", modality: str = "CT", bar: bool = False,
           projection: ProjectionInfo | None = None) -> ImageStack:
    pixels = np.full((1, rows, cols), AIR, dtype=np.int16)
    pixels[0, 0, 0] = MARKER
    if bar:
        pixels[0, :, 10:12] = MARKER
    extra = {}
    if cosines is not None:
        extra = {"row_cosine": cosines[0], "column_cosine": cosines[1],
                 "positions": np.array([[-100.0, -50.0, 20.0]])}
    return ImageStack(pixels=pixels, intercept=-1024.0, pixel_spacing=spacing,
                      spacing_source=source, header=SeriesHeader(modality=modality),
                      projection=projection, **extra)


@pytest.fixture(scope="module")
def view() -> SliceView:
    return SliceView.offscreen(SIZE, SIZE)


def _show(view: SliceView, stack: ImageStack, overlays: bool = False) -> SliceView:
    view.set_stack(stack, WINDOW)
    view.reset_view()
    view.show_overlays = overlays
    return view


def _box(frame: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(frame[:, :, 0] == 255)
    return int(ys.min()), int(ys.max()), int(xs.min()), int(xs.max())


# 32 rows x 64 columns: turned a quarter, the picture is 128 px wide and 256 px tall.
@pytest.mark.parametrize("ops, box", [
    ((), (64, 67, 0, 3)),
    (("cw",), (0, 3, 188, 191)),
    (("ccw",), (252, 255, 64, 67)),
    (("cw", "cw"), (188, 191, 252, 255)),
    (("h",), (64, 67, 252, 255)),
    (("v",), (188, 191, 0, 3)),
    (("cw", "h"), (0, 3, 64, 67)),
    (("h", "cw"), (252, 255, 188, 191)),
])
def test_marker_lands_where_rotate_and_flip_put_it(view: SliceView, ops, box):
    _show(view, _stack(rows=32))
    for op in ops:
        {"cw": lambda: view.rotate(1), "ccw": lambda: view.rotate(-1),
         "h": view.flip_horizontal, "v": view.flip_vertical}[op]()
    assert _box(view.capture()) == box
    top, bottom, left, right = box
    x, y = view.image_to_display(0, 0)
    assert (x, y) == pytest.approx(((left + right + 1) / 2, (top + bottom + 1) / 2))
    row, col = view.display_to_image(x, y)
    assert (row, col) == pytest.approx((0.0, 0.0), abs=1e-9)
    assert view.pixel_probe(x, y).stored == MARKER


def test_reset_view_undoes_rotate_and_flip(view: SliceView):
    _show(view, _stack(rows=32))
    view.rotate(1)
    view.flip_vertical()
    assert view.view_transform == ViewTransform(1, True)  # R.V = R^(2-1).F
    view.zoom_by(2.0)
    view.zoom_to_fit()
    assert view.zoom == 1.0 and view.view_transform == ViewTransform(1, True)
    view.reset_view()
    assert view.view_transform.is_identity
    assert _box(view.capture()) == (64, 67, 0, 3)


def test_one_to_one_shows_a_two_pixel_bar_two_pixels_wide(view: SliceView):
    _show(view, _stack(bar=True))
    view.zoom_one_to_one()
    assert view.zoom == pytest.approx(0.25)
    row = view.capture()[SIZE // 2, :, 0]
    assert int(np.count_nonzero(row == 255)) == 2
    view.rotate(1)
    view.zoom_one_to_one()
    column = view.capture()[:, SIZE // 2, 0]
    assert int(np.count_nonzero(column == 255)) == 2


def test_true_size_uses_the_pixel_spacing(view: SliceView):
    _show(view, _stack(bar=True, spacing=(0.5, 0.5), source=SpacingSource.PIXEL_SPACING))
    view.zoom_true_size(0.25)  # 0.5 mm pixels on a 0.25 mm screen: 2 screen px each
    assert view.mm_per_pixel == pytest.approx(0.25)
    row = view.capture()[SIZE // 2, :, 0]
    assert int(np.count_nonzero(row == 255)) == 4
    with pytest.raises(ValueError):
        view.zoom_true_size(0)


@pytest.mark.parametrize("cosines, letters", [
    (AXIAL, {"top": "A", "right": "L", "bottom": "P", "left": "R"}),
    (SAGITTAL, {"top": "H", "right": "P", "bottom": "F", "left": "A"}),
    (CORONAL, {"top": "H", "right": "L", "bottom": "F", "left": "R"}),
])
def test_letters_for_the_three_planes(view: SliceView, cosines, letters):
    _show(view, _stack(cosines=cosines), overlays=True)
    shown = view.edge_text()
    assert {k: shown[k] for k in letters} == letters
    view.rotate(1)
    turned = view.edge_text()
    assert (turned["right"], turned["bottom"], turned["left"], turned["top"]) == (
        letters["top"], letters["right"], letters["bottom"], letters["left"])
    view.flip_horizontal()
    flipped = view.edge_text()
    assert (flipped["left"], flipped["right"]) == (turned["right"], turned["left"])


def _top_patch(view: SliceView) -> np.ndarray:
    return view.capture()[:40, SIZE // 2 - 30:SIZE // 2 + 30].astype(int)


def test_letters_are_drawn_and_follow_the_picture(view: SliceView):
    _show(view, _stack(cosines=AXIAL), overlays=True)
    a_on_top = _top_patch(view)
    assert a_on_top.max() > 200  # a letter is drawn at the top edge
    view.flip_horizontal()  # top stays A
    assert np.array_equal(_top_patch(view), a_on_top)
    view.reset_view()
    view.rotate(2)  # P on top
    assert view.edge_text()["top"] == "P"
    assert not np.array_equal(_top_patch(view), a_on_top)
    view.show_overlays = False
    assert _top_patch(view).max() == 0


def test_letters_of_a_tilted_ge_ct(view: SliceView, shared_dicom: Path):
    from workstation.dicom.loader import load_series

    folder = shared_dicom / "ct_series/dcm_qa_ct_GE_tilt"
    (stack,) = load_series(sorted(folder.glob("*.dcm"))).stacks
    _show(view, stack, overlays=True)
    assert view.edge_text() | {"laterality": ""} == {
        "top": "AH", "right": "L", "bottom": "PF", "left": "R", "laterality": ""}
    view.flip_vertical()
    assert (view.edge_text()["top"], view.edge_text()["bottom"]) == ("PF", "AH")
    # 512 px of 0.488 mm on 256 px: 0.977 mm/px; at most 64 px -> 50 mm bar, "5 cm".
    assert view.scale_bar_mm == 50.0


def test_projection_letters_and_laterality(view: SliceView):
    mammo = ProjectionInfo(laterality="R", view="CC", patient_orientation=("L", "F"))
    _show(view, _stack(modality="MG", projection=mammo, source=SpacingSource.IMAGER),
          overlays=True)
    text = view.edge_text()
    assert (text["right"], text["bottom"], text["laterality"]) == ("L", "F", "R CC")
    assert view.capture()[int(SIZE * 0.22):int(SIZE * 0.22) + 30, 6:60].max() > 200


def test_scale_bar_length_in_pixels(view: SliceView):
    _show(view, _stack(source=SpacingSource.PIXEL_SPACING), overlays=True)
    frame = view.capture()
    assert view.scale_bar_mm == 10.0  # 0.25 mm/px, at most 64 px: 16 mm -> 10 mm = 40 px
    column = frame[:, SIZE - 7, 0]
    lit = np.nonzero(column == 255)[0]
    assert len(lit) == 40 and lit.max() - lit.min() == 39  # one unbroken 40 px line
    assert lit.max() == pytest.approx(SIZE - round(SIZE * 0.15), abs=1)
    view.zoom_by(2.0)
    assert view.scale_bar_mm == 5.0
    _show(view, _stack(source=SpacingSource.NONE), overlays=True)
    assert view.scale_bar_mm == 0.0


def test_pixel_probe_gives_hu_and_patient_position(view: SliceView):
    _show(view, _stack(cosines=SAGITTAL, spacing=(0.5, 0.5)))
    probe = view.pixel_probe(2, 2)
    assert (probe.row, probe.col, probe.stored) == (0, 0, MARKER)
    assert probe.modality_value == 2976.0 and probe.unit == "HU"
    assert probe.lps == (-100.0, -50.0, 20.0)
    probe = view.pixel_probe(SIZE - 1, SIZE - 1)  # row 63, col 63
    assert probe.lps == pytest.approx((-100.0, -50.0 + 31.5, 20.0 - 31.5))
    assert probe.modality_value == -1000.0 and probe.label() == "(63, 63)  -1000 HU"
    view.zoom_by(0.5)
    assert view.pixel_probe(2, 2) is None


@pytest.mark.parametrize("name, letters, laterality", [
    # Image Orientation (Patient) 1\0\0\0\0\-1: coronal.
    ("transfer_syntax/orthanc/1.2.840.10008.1.2.4.70.dcm", ("H", "L", "F", "R"), ""),
    # Enhanced MR, shared Plane Orientation 0\1\0\0\0\-1: sagittal.
    ("multiframe/fo-dicom/MOVEKNEE.dcm", ("H", "P", "F", "A"), ""),
    # 0.569\0.822\0\0\0\-1: oblique sagittal, mostly posterior, also left.
    ("transfer_syntax/pydicom-data/MR2_UNCR.dcm", ("H", "PL", "F", "AR"), ""),
    # No plane: Patient Orientation P\FL and Image Laterality R of a mammogram.
    ("mg/GH133.dcm", ("HR", "P", "FL", "A"), "R"),
])
def test_letters_of_shared_files(view: SliceView, shared_dicom: Path, name, letters, laterality):
    from workstation.dicom.loader import load_series

    stack = load_series([shared_dicom / name]).stacks[0]
    _show(view, stack, overlays=True)
    shown = view.edge_text()
    assert (shown["top"], shown["right"], shown["bottom"], shown["left"]) == letters
    assert shown["laterality"].split(" ")[0] == laterality
    view.rotate(-1)
    shown = view.edge_text()
    assert (shown["left"], shown["top"], shown["right"], shown["bottom"]) == letters
