"""Hanging a mammogram the way it is read, whatever way the detector stored it.

Convention (IHE Mammography Image profile; with the Patient Orientation (0020,0020)
of the Mammography Image module, PS3.3 C.8.11.7, the standard views read RCC P\\L,
LCC A\\R, RMLO P\\FL, LMLO A\\FR): right-breast
images face left and left-breast images face right, so that on an R|L pair the chest
walls meet in the middle; cranio-caudal views have the lateral side up (the medial side
toward the bottom), oblique and lateral views have the head up.

Patient Orientation (0020,0020) names the patient direction of the image rows (toward
increasing column, i.e. the right edge) and of the columns (toward the bottom edge),
C.7.6.1.1.1; the display transform is the one of the eight turns/mirrors that brings the
posterior (chest wall) to the inner side and the expected direction to the bottom.
"""

from __future__ import annotations

from workstation.core.orientation import letters_from_patient_orientation
from workstation.core.view_transform import ViewTransform

# Fewest changes first: as stored, mirrors, half turn, then quarter turns.
_CANDIDATES = (
    ViewTransform(0, False), ViewTransform(0, True), ViewTransform(2, True),
    ViewTransform(2, False), ViewTransform(1, False), ViewTransform(3, False),
    ViewTransform(1, True), ViewTransform(3, True),
)
_CC_VIEWS = frozenset({"CC", "XCCL", "XCCM", "FB"})


def chest_wall_side(laterality: str) -> str:
    """Screen side of the chest wall once hung: "right" for the right breast (it faces
    left), "left" for the left breast; "" when the side is unknown."""
    side = laterality.strip().upper()
    return {"R": "right", "L": "left"}.get(side, "")


def mammography_transform(laterality: str, patient_orientation: tuple[str, ...],
                          view: str = "") -> ViewTransform | None:
    """The turn/mirror that hangs this view by the convention; None when laterality or
    Patient Orientation is missing or unusable (the image then stays as stored)."""
    side = laterality.strip().upper()
    letters = letters_from_patient_orientation(patient_orientation)
    if side not in ("R", "L") or letters is None:
        return None
    want_right = "P" if side == "R" else "A"
    view = view.strip().upper()
    if view in _CC_VIEWS:
        want_bottom = "L" if side == "R" else "R"  # medial side down
    elif view:
        want_bottom = "F"  # feet down for MLO, ML, LM...
    else:
        want_bottom = ""
    fallback: ViewTransform | None = None
    for candidate in _CANDIDATES:
        screen = candidate.apply(letters)
        if not screen.right.startswith(want_right):
            continue
        if not want_bottom or want_bottom in screen.bottom:
            return candidate
        if fallback is None and want_bottom not in screen.top:
            fallback = candidate
    return fallback
