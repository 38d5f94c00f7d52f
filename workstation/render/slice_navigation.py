"""Zoom, pan, rotate, flip and coordinate mapping of a :class:`SliceView`.

Kept apart from the display pipeline in :mod:`workstation.render.slice_view`; all state
lives in the view's :class:`~workstation.render.view_geometry.ViewGeometry`. Display
coordinates have their origin at the top-left (Qt's convention), in device pixels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workstation.core.probe import ProbeResult, probe
from workstation.core.stack import ImageStack
from workstation.core.view_transform import ViewTransform
from workstation.render.view_geometry import ViewGeometry


class SliceNavigation:
    """Mixed into SliceView, which provides the fields and hooks declared here."""

    _geometry: ViewGeometry
    _stack: ImageStack | None
    _slice: int

    if TYPE_CHECKING:  # provided by SliceView

        def _size(self) -> tuple[int, int]: ...

        def _changed(self) -> None: ...

    # -- zoom and pan ----------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        """Magnification relative to fit-to-viewport (1.0)."""
        return self._geometry.zoom

    @zoom.setter
    def zoom(self, value: float) -> None:
        self._geometry.zoom_by(float(value) / self._geometry.zoom, None, *self._size())
        self._changed()

    @property
    def mm_per_pixel(self) -> float:
        """Millimetres of the image plane per display pixel (Pixel Spacing based)."""
        return self._geometry.mm_per_pixel(*self._size())

    def zoom_by(self, factor: float, anchor_display_xy: tuple[float, float] | None = None) -> None:
        """Zoom by ``factor``; the image point under the anchor (display px) stays put."""
        self._geometry.zoom_by(float(factor), anchor_display_xy, *self._size())
        self._changed()

    def pan_by(self, dx_px: float, dy_px: float) -> None:
        """Drag the image by display pixels (Qt direction: +dy moves it down)."""
        self._geometry.pan_by(float(dx_px), float(dy_px), *self._size())
        self._changed()

    def zoom_to_fit(self) -> None:
        """The whole image, centred; rotation and flips are kept."""
        self._geometry.fit()
        self._changed()

    def zoom_one_to_one(self) -> None:
        """One image pixel per display pixel (along the screen's horizontal)."""
        self._geometry.set_mm_per_pixel(self._geometry.screen_spacing(), *self._size())
        self._changed()

    def zoom_true_size(self, screen_mm_per_px: float) -> None:
        """Show the anatomy at its physical size on a screen whose pixels measure
        ``screen_mm_per_px``, using the stack's pixel spacing (PS3.3 10.7.1.3)."""
        if screen_mm_per_px <= 0:
            raise ValueError("screen pixel size must be positive")
        self._geometry.set_mm_per_pixel(float(screen_mm_per_px), *self._size())
        self._changed()

    def reset_view(self) -> None:
        """Fit, no pan, no rotation or flip."""
        self._geometry.reset()
        self._changed()

    @property
    def pan_mm(self) -> tuple[float, float]:
        """Camera offset from the image centre in mm (0, 0 when centred)."""
        return self._geometry.pan_x, self._geometry.pan_y

    def align_to_edge(self, side: str) -> None:
        """Pan horizontally so the picture's left or right edge lies on that edge of the
        view (a mammogram's chest wall on the inner side); "center" centres it."""
        if self._stack is None:
            return
        width, height = self._size()
        g = self._geometry
        xs = [g.image_to_display(r, c, width, height)[0]
              for r in (-0.5, g.rows - 0.5) for c in (-0.5, g.columns - 0.5)]
        if side == "left":
            g.pan_by(-min(xs), 0.0, width, height)
        elif side == "right":
            g.pan_by(width - max(xs), 0.0, width, height)
        else:
            g.pan_x = 0.0
        self._changed()

    # -- rotate and flip -------------------------------------------------------------------

    @property
    def view_transform(self) -> ViewTransform:
        return self._geometry.transform

    @view_transform.setter
    def view_transform(self, transform: ViewTransform) -> None:
        self._geometry.transform = transform
        self._changed()

    def rotate(self, quarter_turns: int) -> None:
        """Turn the picture clockwise by quarter turns (negative: counter-clockwise)."""
        self.view_transform = self._geometry.transform.rotated(quarter_turns)

    def flip_horizontal(self) -> None:
        """Mirror the picture left-right as seen on screen."""
        self.view_transform = self._geometry.transform.flipped_horizontally()

    def flip_vertical(self) -> None:
        """Mirror the picture top-bottom as seen on screen."""
        self.view_transform = self._geometry.transform.flipped_vertically()

    # -- coordinates -----------------------------------------------------------------------

    def display_to_image(self, x: float, y: float) -> tuple[float, float] | None:
        """(row, column) of the image under display point (x, y), top-left origin; None
        outside the image. Pixel centres are at integer (row, column)."""
        if self._stack is None:
            return None
        return self._geometry.display_to_image(float(x), float(y), *self._size())

    def image_to_display(self, row: float, col: float) -> tuple[float, float] | None:
        """Display point (top-left origin) of image point (row, column)."""
        if self._stack is None:
            return None
        return self._geometry.image_to_display(float(row), float(col), *self._size())

    def pixel_probe(self, x: float, y: float) -> ProbeResult | None:
        """Stored and modality value (HU for CT) and LPS position under a display point."""
        if self._stack is None:
            return None
        point = self.display_to_image(x, y)
        if point is None:
            return None
        return probe(self._stack, self._slice, *point)
