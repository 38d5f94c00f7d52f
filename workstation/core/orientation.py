"""Orientation letters for the four edges of a displayed image.

Patient directions are those of PS3.3 C.7.6.1.1.1 (Patient Orientation): L/R along the
patient's x axis, P/A along y, H/F along z; LPS is the positive sense of each
(C.7.6.2.1.1). For a cross-sectional image the letters come from Image Orientation
(Patient) (0020,0037): the row cosine points to the right edge (increasing column), the
column cosine to the bottom edge (increasing row). An oblique direction gets several
letters ordered by the size of their component ("LA": mostly left, also anterior); a
component is named when it reaches :data:`SECONDARY_THRESHOLD` (about 14.5 degrees off the
main axis). Projection radiographs have no Image Orientation: Patient Orientation
(0020,0020) gives the row and column directions as letters directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from workstation.core.stack import ImageStack

SECONDARY_THRESHOLD = 0.25

_POSITIVE = ("L", "P", "H")
_NEGATIVE = ("R", "A", "F")
_OPPOSITE = {"L": "R", "R": "L", "P": "A", "A": "P", "H": "F", "F": "H"}


@dataclass(frozen=True, slots=True)
class EdgeLetters:
    """The patient direction each edge of the view faces, e.g. axial: A, L, P, R."""

    top: str
    right: str
    bottom: str
    left: str

    def as_dict(self) -> dict[str, str]:
        return {"top": self.top, "right": self.right, "bottom": self.bottom, "left": self.left}


def direction_letters(vector: tuple[float, float, float] | np.ndarray,
                      threshold: float = SECONDARY_THRESHOLD) -> str:
    """Letters of an LPS direction, largest component first (e.g. (0.9, -0.4, 0) -> "LA").

    The largest component is always named; others when their magnitude reaches
    ``threshold`` (of a unit vector). A zero vector has no letters.
    """
    v = np.asarray(vector, dtype=np.float64)
    norm = float(np.linalg.norm(v))
    if norm == 0.0 or not np.isfinite(norm):
        return ""
    v = v / norm
    order = sorted(range(3), key=lambda i: -abs(v[i]))
    letters = []
    for rank, axis in enumerate(order):
        if rank > 0 and abs(v[axis]) < threshold:
            break
        letters.append(_POSITIVE[axis] if v[axis] > 0 else _NEGATIVE[axis])
    return "".join(letters)


def opposite(letters: str) -> str:
    """The opposite direction: each letter swapped (LA -> RP)."""
    return "".join(_OPPOSITE.get(ch, ch) for ch in letters)


def letters_from_cosines(row_cosine: tuple[float, float, float],
                         column_cosine: tuple[float, float, float],
                         threshold: float = SECONDARY_THRESHOLD) -> EdgeLetters:
    """Edges of an image with Image Orientation (Patient) (row, column cosines)."""
    right = direction_letters(row_cosine, threshold)
    bottom = direction_letters(column_cosine, threshold)
    return EdgeLetters(opposite(bottom), right, bottom, opposite(right))


def letters_from_patient_orientation(patient_orientation: tuple[str, ...]) -> EdgeLetters | None:
    """Edges from Patient Orientation (0020,0020): (row direction, column direction).

    Values use the letters of C.7.6.1.1.1 (A, P, R, L, H, F; quadrupeds' terms are not
    drawn); anything else, or a value count other than two, gives None.
    """
    if len(patient_orientation) != 2:
        return None
    row, column = (str(v).strip().upper() for v in patient_orientation)
    if not row or not column or any(ch not in _OPPOSITE for ch in row + column):
        return None
    return EdgeLetters(opposite(column), row, column, opposite(row))


def edge_letters(row_cosine: tuple[float, float, float] | None,
                 column_cosine: tuple[float, float, float] | None,
                 patient_orientation: tuple[str, ...] = ()) -> EdgeLetters | None:
    """Image Orientation when it is a valid pair of unit vectors, else Patient Orientation,
    else None (nothing is drawn rather than a guess)."""
    if row_cosine is not None and column_cosine is not None:
        r = np.asarray(row_cosine, dtype=np.float64)
        c = np.asarray(column_cosine, dtype=np.float64)
        valid = (r.shape == (3,) and c.shape == (3,)
                 and abs(np.linalg.norm(r) - 1.0) < 0.01 and abs(np.linalg.norm(c) - 1.0) < 0.01
                 and abs(float(r @ c)) < 0.01)
        if valid:
            return letters_from_cosines(tuple(r), tuple(c))
    return letters_from_patient_orientation(patient_orientation)


def letters_for_stack(stack: ImageStack) -> EdgeLetters | None:
    """Cross-sectional stacks (with Image Position/Orientation) by their cosines; projection
    images by Patient Orientation; None when neither is known."""
    if len(stack.positions) > 0:
        return edge_letters(stack.row_cosine, stack.column_cosine)
    if stack.projection is not None:
        return letters_from_patient_orientation(stack.projection.patient_orientation)
    return None
