"""Corner overlay content and placement: slice position and thickness, LOSSY, and corner
texts that keep clear of the orientation letter at the middle of the top edge."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from workstation.core.stack import ImageStack, SeriesHeader
from workstation.core.window import Window
from workstation.render.slice_view import SliceView

AIR = 24  # stored; intercept -1024: -1000 HU, black in the mediastinum window
WINDOW = Window(40, 400)
LONG = "Ankara Demo Eğitim ve Araştırma Hastanesi Radyoloji Bölümü"


def _stack(lossy: bool = False, institution: str = "") -> ImageStack:
    count = 4
    positions = np.array([[-100.0, -120.0, -30.0 + 2.5 * k] for k in range(count)])
    return ImageStack(pixels=np.full((count, 64, 64), AIR, np.int16), intercept=-1024.0,
                      positions=positions, pixel_spacing=(0.7, 0.7), slice_thickness=1.25,
                      windows=(WINDOW,), spacing_source="PixelSpacing",
                      header=SeriesHeader(patient_name="DOE^JANE", patient_id="P-1",
                                          study_description="CT CHEST", series_number=3,
                                          series_description="AXIAL", modality="CT",
                                          institution=institution, lossy=lossy))


@pytest.fixture(scope="module")
def narrow() -> SliceView:
    return SliceView.offscreen(300, 300)


def test_series_corner_gives_slice_position_and_thickness(narrow: SliceView):
    narrow.set_stack(_stack(), WINDOW)
    narrow.set_slice(2)
    lines = narrow.overlay_text()["bottom_left"].split("\n")
    assert lines[-2] == "Im 3/4"
    assert lines[-1] == "Pos -25.0 mm  Th 1.25 mm"  # z of slice 3 along the axial normal


def test_slice_position_is_the_coordinate_along_the_main_axis(narrow: SliceView):
    """A sagittal slice (normal towards the patient's right) at x = 12.5 mm reads 12.5:
    positions count towards L, P or S whichever way the stack's normal points."""
    sagittal = dataclasses.replace(
        _stack(), row_cosine=(0.0, 1.0, 0.0), column_cosine=(0.0, 0.0, -1.0),
        positions=np.array([[12.5 + 3.0 * k, -120.0, 80.0] for k in range(4)]))
    assert sagittal.normal[0] == -1.0
    narrow.set_stack(sagittal, WINDOW)
    narrow.set_slice(1)
    assert narrow.overlay_text()["bottom_left"].split("\n")[-1] == "Pos 15.5 mm  Th 1.25 mm"
    assert narrow.edge_text()["left"] == "A" and narrow.edge_text()["top"] == "H"


def test_lossy_images_say_so_and_others_do_not(narrow: SliceView):
    narrow.set_stack(_stack(lossy=True), WINDOW)
    assert "LOSSY" in narrow.overlay_text()["bottom_right"].split("\n")
    narrow.set_stack(_stack(lossy=False), WINDOW)
    assert "LOSSY" not in narrow.overlay_text()["bottom_right"]


def _columns(mask: np.ndarray) -> set[int]:
    return set(np.nonzero(mask.any(axis=0))[0].tolist())


def test_top_corner_texts_keep_clear_of_the_top_letter(narrow: SliceView):
    narrow.set_stack(_stack(institution=LONG), WINDOW)
    assert narrow.edge_text()["top"] == "A"
    frame = narrow.capture().astype(int)
    top = frame[:24]  # the letter's height at this size
    r, g, b = top[..., 0], top[..., 1], top[..., 2]
    yellow = (r > 150) & (b < 0.6 * r)  # the letter (1.0, 0.85, 0.3)
    white = (np.minimum(np.minimum(r, g), b) > 150)  # corner text
    letter, text = _columns(yellow), _columns(white)
    assert letter, "the top letter is drawn"
    assert text, "the corner texts are drawn"
    lo, hi = min(letter), max(letter)
    assert not {c for c in text if lo - 2 <= c <= hi + 2}, (lo, hi)
    # the full text is still there to read (the list and tooltips use it)
    assert LONG in narrow.overlay_text()["top_right"]
