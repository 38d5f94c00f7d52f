"""Lookup tables of the grayscale pipeline: Modality LUT and VOI LUT Sequence items.

PS3.3 C.11.1.1.1 (Modality LUT) and C.11.2.1.1 (VOI LUT) describe one table by its LUT
Descriptor (0028,3002): number of entries (0 means 65536), the first input value mapped
and the number of bits of each entry; LUT Data (0028,3006) holds the entries. Inputs below
the first mapped value map to entry 0, inputs beyond the last entry to the last entry.

The table is parsed from the file by :mod:`workstation.dicom.header`; this module only
holds numbers, so the pipeline stays testable with numpy alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from workstation.core.window import VoiFunction, Window

MAX_ENTRIES = 1 << 16
MIN_BITS = 8
MAX_BITS = 16


@dataclass(frozen=True, slots=True, eq=False)
class LookupTable:
    """One LUT: ``data[i]`` is the output for input ``first_mapped + i``.

    Equality is identity (the data is an array): the render cache compares tables by
    object, and a stack keeps the same table objects for its whole life.
    """

    first_mapped: int
    bits: int
    data: np.ndarray  # (entries,) uint16
    explanation: str = ""

    @classmethod
    def from_descriptor(
        cls,
        descriptor: Sequence[int],
        data: Sequence[int] | np.ndarray,
        explanation: str = "",
        signed_input: bool = False,
    ) -> LookupTable:
        """Build a table from the three LUT Descriptor values and the LUT Data entries.

        ``signed_input`` says the input values are signed (Pixel Representation 1 for a
        Modality LUT): a first mapped value read as US is then reinterpreted as SS, since
        its VR depends on that attribute (PS3.3 C.11.1.1.1). A descriptor whose bit count
        is outside 8..16, or smaller than the widest entry, is corrected to the width the
        entries actually use, so the output is never scaled past the display range.
        Raises ValueError for a descriptor without three values or a table without data.
        """
        if len(descriptor) != 3:
            raise ValueError("LUT Descriptor must have three values")
        entries = int(descriptor[0]) % MAX_ENTRIES or MAX_ENTRIES
        first = int(descriptor[1])
        if signed_input and first >= 1 << 15:
            first -= 1 << 16
        values = np.asarray(data, dtype=np.int64).reshape(-1)
        if values.size == 0:
            raise ValueError("LUT Data is empty")
        # A short table keeps the entries it has; extra entries beyond the count are unused.
        values = np.clip(values[:entries], 0, MAX_ENTRIES - 1).astype(np.uint16)
        bits = int(descriptor[2])
        widest = max(int(values.max()).bit_length(), MIN_BITS)
        if not MIN_BITS <= bits <= MAX_BITS or widest > bits:
            bits = widest
        return cls(first, bits, values, str(explanation or "").strip())

    @property
    def entries(self) -> int:
        return int(self.data.size)

    @property
    def last_mapped(self) -> int:
        return self.first_mapped + self.entries - 1

    @property
    def max_output(self) -> int:
        """Largest value the entries can take: 2^bits - 1."""
        return (1 << self.bits) - 1

    def indices(self, x: np.ndarray) -> np.ndarray:
        """Entry index of each input: below the first → 0, beyond the last → last entry.

        Non-integer inputs (a rescaled Modality LUT output fed to a VOI LUT) take the
        entry of the nearest integer input value.
        """
        x = np.asarray(x)
        if x.dtype.kind == "f":
            x = np.rint(x)
        offset = x.astype(np.int64) - self.first_mapped
        return np.clip(offset, 0, self.entries - 1)

    def apply(self, x: np.ndarray) -> np.ndarray:
        """The table's output (uint16) for every input value."""
        return self.data[self.indices(x)]

    def ramp_window(self) -> Window:
        """A LINEAR window over the inputs where the table is neither at its lowest nor at
        its highest output: where a drag of the window starts from when the user leaves
        the table, and what the overlay shows as its width and level."""
        low_out, high_out = int(self.data.min()), int(self.data.max())
        rising = np.nonzero(self.data > low_out)[0]
        below_top = np.nonzero(self.data < high_out)[0]
        if rising.size and below_top.size and rising[0] <= below_top[-1]:
            lo = self.first_mapped + int(rising[0]) - 1
            hi = self.first_mapped + int(below_top[-1]) + 1
        else:
            lo, hi = self.first_mapped, self.last_mapped
        lo, hi = min(lo, hi), max(lo, hi)
        # Window with x <= lo -> ymin and x > hi -> ymax (PS3.3 C.11.2.1.2.1, LINEAR).
        return Window((lo + hi) / 2.0 + 0.5, float(hi - lo + 1), self.explanation,
                      VoiFunction.LINEAR)
