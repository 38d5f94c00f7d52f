"""The VTK color table maps each stored value to core.display's gray, entry by entry."""

from __future__ import annotations

import numpy as np

from workstation.core.display import apply_display
from workstation.core.window import VoiFunction, Window
from workstation.render.lut import MAX_ENTRIES, GrayLookupTable, gray_table


def _vtk_gray(table: GrayLookupTable, value: float) -> int:
    """The entry VTK itself selects for ``value`` (its own index arithmetic), as 0..255."""
    index = table.vtk_table.GetIndex(value)
    assert index == value - table.vtk_table.GetTableRange()[0] - 0.5
    r, g, b, a = (round(c * 255) for c in table.vtk_table.GetTableValue(index))
    assert r == g == b and a == 255
    return r


def test_every_stored_value_maps_to_its_own_entry():
    window = Window(40, 400)
    lut = GrayLookupTable()
    assert lut.update(-32768, 32767, 1.0, -1024.0, window, False)
    values = np.array([-32768, -2000, 24, 823, 824, 1063, 1064, 1065, 1224, 1225, 32767])
    want = apply_display(values, 1.0, -1024.0, window)
    assert [_vtk_gray(lut, float(v)) for v in values] == want.tolist()
    assert lut.vtk_table.GetNumberOfTableValues() == 65536


def test_inverted_sigmoid_table():
    window = Window(2653, 900, "NORMAL", VoiFunction.SIGMOID)
    lut = GrayLookupTable()
    lut.update(0, 65535, 1.0, 0.0, window, True)
    values = np.array([0, 2000, 2653, 3000, 4095])
    want = apply_display(values, 1.0, 0.0, window, invert=True)
    assert [_vtk_gray(lut, float(v)) for v in values] == want.tolist()


def test_unchanged_parameters_do_not_rebuild():
    lut = GrayLookupTable()
    assert lut.update(0, 255, 1.0, 0.0, Window(128, 256), False)
    stamp = lut.vtk_table.GetMTime()
    assert not lut.update(0, 255, 1.0, 0.0, Window(128, 256), False)
    assert lut.vtk_table.GetMTime() == stamp
    assert lut.update(0, 255, 1.0, 0.0, Window(128, 256), True)


def test_wide_32_bit_ranges_are_sampled():
    rgba, value_range = gray_table(-(1 << 30), 1 << 30, 1.0, 0.0, Window(0, 1 << 30), False)
    assert rgba.shape == (MAX_ENTRIES, 4)
    assert value_range == (-(1 << 30) - 0.5, (1 << 30) + 0.5)
    assert rgba[0, 0] == 0 and rgba[-1, 0] == 255
    assert np.all(np.diff(rgba[:, 0].astype(int)) >= 0)
