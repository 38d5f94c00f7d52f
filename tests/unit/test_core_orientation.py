"""Orientation letters (PS3.3 C.7.6.1.1.1) and their course through rotate/flip."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from workstation.core.orientation import (
    EdgeLetters,
    direction_letters,
    edge_letters,
    letters_from_patient_orientation,
    opposite,
)
from workstation.core.view_transform import ViewTransform

AXIAL = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0))
SAGITTAL = ((0.0, 1.0, 0.0), (0.0, 0.0, -1.0))
CORONAL = ((1.0, 0.0, 0.0), (0.0, 0.0, -1.0))


@pytest.mark.parametrize("cosines, expected", [
    (AXIAL, EdgeLetters("A", "L", "P", "R")),
    (SAGITTAL, EdgeLetters("H", "P", "F", "A")),
    (CORONAL, EdgeLetters("H", "L", "F", "R")),
])
def test_standard_planes(cosines, expected):
    assert edge_letters(*cosines) == expected


def test_oblique_letters_are_ordered_by_magnitude():
    c, s = np.cos(np.radians(30)), np.sin(np.radians(30))
    # Axial turned 30 degrees about the feet-head axis.
    letters = edge_letters((c, -s, 0.0), (s, c, 0.0))
    assert letters == EdgeLetters("AR", "LA", "PL", "RP")
    assert direction_letters((0.9, 0.2, -0.3)) == "LF"  # 0.2 / 0.97 = 0.21 is under 0.25
    assert direction_letters((0.6, -0.5, 0.62)) == "HLA"
    assert direction_letters((0.0, 0.0, 0.0)) == ""
    assert opposite("HLA") == "FRP"


def test_gantry_tilt_of_ten_degrees_stays_single_letter_but_twenty_does_not():
    for degrees, bottom in ((10, "P"), (20, "PF")):
        t = np.radians(degrees)
        letters = edge_letters((1.0, 0.0, 0.0), (0.0, np.cos(t), -np.sin(t)))
        assert letters.bottom == bottom


def test_projection_images_use_patient_orientation():
    assert edge_letters(None, None, ("P", "FL")) == EdgeLetters("HR", "P", "FL", "A")
    assert letters_from_patient_orientation(("L", "F")) == EdgeLetters("H", "L", "F", "R")
    assert letters_from_patient_orientation(("L",)) is None
    assert letters_from_patient_orientation(("L", "X")) is None
    # Invalid cosines fall back to Patient Orientation, then to nothing.
    assert edge_letters((0, 0, 0), (0, 1, 0), ("A", "F")) == EdgeLetters("H", "A", "F", "P")
    assert edge_letters((0, 0, 0), (0, 1, 0)) is None


def test_rotate_and_flip_of_axial_by_hand():
    axial = edge_letters(*AXIAL)
    assert ViewTransform().rotated(1).apply(axial) == EdgeLetters("R", "A", "L", "P")
    assert ViewTransform().rotated(-1).apply(axial) == EdgeLetters("L", "P", "R", "A")
    assert ViewTransform().flipped_horizontally().apply(axial) == EdgeLetters("A", "R", "P", "L")
    assert ViewTransform().flipped_vertically().apply(axial) == EdgeLetters("P", "L", "A", "R")
    assert ViewTransform().rotated(2).apply(axial) == EdgeLetters("P", "R", "A", "L")


def _reference(ops: tuple[str, ...]) -> tuple[EdgeLetters, np.ndarray]:
    """Do the operations to a labelled numpy picture and read where each edge ended up."""
    picture = np.zeros((5, 5), dtype=int)
    picture[0, 2], picture[2, 4], picture[4, 2], picture[2, 0] = 1, 2, 3, 4  # t r b l
    picture[1, 3] = 9  # a marker near the top right
    for op in ops:
        picture = {"cw": lambda p: np.rot90(p, -1), "ccw": np.rot90,
                   "h": np.fliplr, "v": np.flipud}[op](picture)
    names = {1: "A", 2: "L", 3: "P", 4: "R"}
    seen = EdgeLetters(names[picture[0, 2]], names[picture[2, 4]], names[picture[4, 2]],
                       names[picture[2, 0]])
    (y,), (x,) = np.nonzero(picture == 9)
    return seen, np.array([x - 2, y - 2])


@pytest.mark.parametrize("ops", [ops for n in range(4)
                                 for ops in itertools.product(("cw", "ccw", "h", "v"), repeat=n)])
def test_every_rotate_flip_sequence_matches_doing_it_to_a_picture(ops):
    transform = ViewTransform()
    for op in ops:
        transform = {"cw": lambda t: t.rotated(1), "ccw": lambda t: t.rotated(-1),
                     "h": ViewTransform.flipped_horizontally,
                     "v": ViewTransform.flipped_vertically}[op](transform)
    expected_letters, marker = _reference(ops)
    assert transform.apply(edge_letters(*AXIAL)) == expected_letters
    assert transform.map_vector(1, -1) == tuple(float(v) for v in marker)
    assert transform.unmap_vector(*transform.map_vector(0.3, 0.7)) == pytest.approx((0.3, 0.7))
    assert ViewTransform.from_dict(transform.to_dict()) == transform


def test_eight_distinct_transforms_and_identity():
    seen = {ViewTransform(r, f) for r in range(-4, 8) for f in (False, True)}
    assert len(seen) == 8
    assert ViewTransform(4).is_identity and ViewTransform(3).swaps_axes
    assert ViewTransform().flipped_horizontally().flipped_horizontally().is_identity
    assert ViewTransform().rotated(1).flipped_vertically().flipped_vertically().rotation == 1
