"""Rotation by quarter turns and mirroring of a displayed image.

A :class:`ViewTransform` is "mirror left-right (if ``flipped``), then turn clockwise by
``rotation`` quarter turns", in screen coordinates with x to the right and y down. Every
combination of rotations and horizontal/vertical flips reduces to one of these eight.
It maps image directions and orientation letters (PS3.3 C.7.6.1.1.1) to screen edges, so
the letters stay right whatever the reader does to the picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from workstation.core.orientation import EdgeLetters

# Outward screen directions of the edges (x right, y down).
_EDGES = {"top": (0, -1), "right": (1, 0), "bottom": (0, 1), "left": (-1, 0)}


@dataclass(frozen=True, slots=True)
class ViewTransform:
    rotation: int = 0  # clockwise quarter turns, 0..3
    flipped: bool = False  # mirrored left-right before turning

    def __post_init__(self) -> None:
        object.__setattr__(self, "rotation", int(self.rotation) % 4)

    @property
    def is_identity(self) -> bool:
        return self.rotation == 0 and not self.flipped

    @property
    def swaps_axes(self) -> bool:
        """Image columns run vertically on screen (a quarter or three-quarter turn)."""
        return self.rotation % 2 == 1

    def rotated(self, quarter_turns: int) -> ViewTransform:
        """Turn the displayed picture further clockwise (negative: counter-clockwise)."""
        return ViewTransform(self.rotation + int(quarter_turns), self.flipped)

    def flipped_horizontally(self) -> ViewTransform:
        """Mirror the displayed picture left-right: F.R^k.F^f = R^-k.F^(1-f)."""
        return ViewTransform(-self.rotation, not self.flipped)

    def flipped_vertically(self) -> ViewTransform:
        """Mirror the displayed picture top-bottom (a left-right mirror turned 180°)."""
        return ViewTransform(2 - self.rotation, not self.flipped)

    def matrix(self) -> np.ndarray:
        """2x2 integer matrix taking an image offset (dx along columns, dy along rows,
        screen-aligned before the transform) to its screen offset."""
        m = np.array([[-1, 0], [0, 1]]) if self.flipped else np.eye(2, dtype=int)
        quarter = np.array([[0, -1], [1, 0]])  # (x, y) -> (-y, x): clockwise with y down
        for _ in range(self.rotation):
            m = quarter @ m
        return m.astype(int)

    def map_vector(self, dx: float, dy: float) -> tuple[float, float]:
        x, y = self.matrix() @ np.array([dx, dy], dtype=np.float64)
        return float(x), float(y)

    def unmap_vector(self, dx: float, dy: float) -> tuple[float, float]:
        x, y = self.matrix().T @ np.array([dx, dy], dtype=np.float64)  # orthogonal
        return float(x), float(y)

    def apply(self, letters: EdgeLetters) -> EdgeLetters:
        """The letters of each screen edge once the image is shown with this transform."""
        image = letters.as_dict()
        screen: dict[str, str] = {}
        for edge, direction in _EDGES.items():
            moved = tuple(int(round(v)) for v in self.map_vector(*direction))
            target = next(name for name, d in _EDGES.items() if d == moved)
            screen[target] = image[edge]
        return EdgeLetters(**screen)

    def to_dict(self) -> dict[str, object]:
        return {"rotation": self.rotation, "flipped": self.flipped}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ViewTransform:
        return cls(int(data.get("rotation", 0)), bool(data.get("flipped", False)))
