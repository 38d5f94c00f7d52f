"""What an image says about its own grayscale display (PS3.4 Annex N, PS3.3 C.11).

:class:`GrayscaleTransform` gathers the image's transforms in pipeline order: pixel padding
(stored space, PS3.3 C.7.5.1.1.2 and C.7.6.3), the Modality LUT (rescale or a Modality LUT
Sequence table, C.11.1), the VOI choices (VOI LUT Sequence tables and Window Center/Width
pairs, C.11.2) and the Presentation LUT Shape (C.11.6). The arithmetic lives in
:mod:`workstation.core.display`; this module is the description that a stack carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from workstation.core.lut import LookupTable
from workstation.core.window import Window

VoiTransform = Window | LookupTable


class PresentationShape(StrEnum):
    """Presentation LUT Shape (2050,0020), PS3.3 C.11.6.1.1."""

    IDENTITY = "IDENTITY"
    INVERSE = "INVERSE"


@dataclass(frozen=True, slots=True)
class PixelPadding:
    """Pixel Padding Value (0028,0120), optionally with Pixel Padding Range Limit
    (0028,0121): stored values from one to the other, inclusive, are padding (PS3.3
    C.7.5.1.1.2). They are not image data: left out of statistics, shown as background."""

    value: int
    range_limit: int | None = None

    @property
    def low(self) -> int:
        return self.value if self.range_limit is None else min(self.value, self.range_limit)

    @property
    def high(self) -> int:
        return self.value if self.range_limit is None else max(self.value, self.range_limit)

    def mask(self, stored: np.ndarray) -> np.ndarray:
        """True where a stored value is padding."""
        stored = np.asarray(stored)
        if self.range_limit is None:
            return stored == self.value
        return (stored >= self.low) & (stored <= self.high)


@dataclass(frozen=True, slots=True)
class GrayscaleTransform:
    """The grayscale display transforms of one image or stack.

    ``modality_table``, when present, replaces rescale (PS3.3 C.11.1: the two are
    alternatives; a file carrying both has the table applied, as pydicom does).
    ``voi_choices`` lists the VOI LUT Sequence tables first, then the windows: the table is
    the usual default when an image has both (IHE MAMMO lets the user choose either).
    ``presentation`` is INVERSE for MONOCHROME1 (minimum shown white) and for an explicit
    Presentation LUT Shape INVERSE; IDENTITY otherwise.
    """

    slope: float = 1.0
    intercept: float = 0.0
    modality_table: LookupTable | None = None
    windows: tuple[Window, ...] = ()
    voi_tables: tuple[LookupTable, ...] = ()
    presentation: PresentationShape = PresentationShape.IDENTITY
    padding: PixelPadding | None = None
    notes: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_rescale(
        cls,
        slope: float = 1.0,
        intercept: float = 0.0,
        windows: tuple[Window, ...] = (),
        photometric: str = "MONOCHROME2",
        padding_value: int | None = None,
    ) -> GrayscaleTransform:
        """The transform of an image described only by rescale, windows, photometric
        interpretation and a single padding value (the fields every stack has)."""
        return cls(
            slope=float(slope),
            intercept=float(intercept),
            windows=tuple(windows),
            presentation=presentation_for(photometric),
            padding=PixelPadding(int(padding_value)) if padding_value is not None else None,
        )

    @property
    def inverse(self) -> bool:
        return self.presentation is PresentationShape.INVERSE

    @property
    def voi_choices(self) -> tuple[VoiTransform, ...]:
        """The image's own VOI transforms in the order the viewer cycles through them."""
        return (*self.voi_tables, *self.windows)

    @property
    def default_voi(self) -> VoiTransform | None:
        choices = self.voi_choices
        return choices[0] if choices else None

    def modality(self, stored: np.ndarray) -> np.ndarray:
        """Modality LUT output (float64) of stored values (PS3.3 C.11.1)."""
        if self.modality_table is not None:
            return self.modality_table.apply(stored).astype(np.float64)
        return np.asarray(stored).astype(np.float64) * self.slope + self.intercept

    def padding_mask(self, stored: np.ndarray) -> np.ndarray:
        if self.padding is None:
            return np.zeros(np.shape(stored), dtype=bool)
        return self.padding.mask(stored)


def presentation_for(photometric: str, shape: str = "") -> PresentationShape:
    """Presentation LUT Shape in effect for an image.

    MONOCHROME1 is always shown inverted: the DX Image Module (PS3.3 C.8.11.7, also used
    by MG) requires INVERSE with it and IDENTITY with MONOCHROME2, so an IDENTITY next to
    MONOCHROME1 is a header error (known from some CR/DX writers), not a request to show
    the minimum black. INVERSE with MONOCHROME2 inverts as stated.
    """
    if photometric.strip().upper() == "MONOCHROME1":
        return PresentationShape.INVERSE
    if shape.strip().upper() == PresentationShape.INVERSE:
        return PresentationShape.INVERSE
    return PresentationShape.IDENTITY


def voi_label(voi: VoiTransform) -> str:
    """Short text for the overlay: the window's W/L or the table's explanation."""
    if isinstance(voi, LookupTable):
        return f"VOI LUT {voi.explanation}".rstrip()
    text = f"W {voi.width:.0f}  L {voi.center:.0f}"
    return f"{text}  {voi.explanation}" if voi.explanation else text
