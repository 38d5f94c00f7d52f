"""Where the image sits on screen: fit, zoom, pan and display <-> image coordinates.

The slice is a plane in "image world" millimetres: pixel (row r, column c) has its centre at
x = c * column spacing, y = r * row spacing (Pixel Spacing (0028,0030) is row spacing first,
PS3.3 10.7.1.3), so a pixel covers [c - 1/2, c + 1/2] columns. The camera looks along +z with
view-up -y, which puts row 0 at the top and column 0 at the left, as the image is stored and
as every DICOM viewer shows it.

Display coordinates are continuous render-window pixels with the origin at the top-left
(Qt's convention): the view spans [0, width] x [0, height] and (width/2, height/2) is its
centre. On high-DPI screens they are device pixels (Qt logical position x devicePixelRatio).

Rotation and flips (:class:`workstation.core.view_transform.ViewTransform`) turn the image
about its own centre c: the image actor's matrix takes an image point p to the world point
c + A (p - c), A being the transform's 2x2 matrix, and every mapping here goes through A.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workstation.core.view_transform import ViewTransform

MIN_ZOOM = 0.05
MAX_ZOOM = 64.0


@dataclass(slots=True)
class ViewGeometry:
    """Image size and spacing plus the user's zoom and pan, for one viewport size."""

    rows: int = 1
    columns: int = 1
    row_spacing: float = 1.0
    column_spacing: float = 1.0
    zoom: float = 1.0
    pan_x: float = 0.0  # mm, camera offset from the image centre
    pan_y: float = 0.0
    transform: ViewTransform = ViewTransform()

    @property
    def image_center(self) -> tuple[float, float]:
        return ((self.columns - 1) * self.column_spacing / 2.0,
                (self.rows - 1) * self.row_spacing / 2.0)

    def focal_point(self) -> tuple[float, float]:
        cx, cy = self.image_center
        return cx + self.pan_x, cy + self.pan_y

    def fit_scale(self, width: int, height: int) -> float:
        """Parallel scale (half the visible height in mm) that shows the whole image with
        its true aspect (row vs column spacing) in a width x height viewport."""
        w, h = max(width, 1), max(height, 1)
        image_w = self.columns * self.column_spacing
        image_h = self.rows * self.row_spacing
        if self.transform.swaps_axes:
            image_w, image_h = image_h, image_w
        return max(image_h / 2.0, image_w / 2.0 * h / w)

    def parallel_scale(self, width: int, height: int) -> float:
        return self.fit_scale(width, height) / self.zoom

    def mm_per_pixel(self, width: int, height: int) -> float:
        return 2.0 * self.parallel_scale(width, height) / max(height, 1)

    def display_to_world(self, x: float, y: float, width: int, height: int) -> tuple[float, float]:
        s = self.mm_per_pixel(width, height)
        fx, fy = self.focal_point()
        # Screen right is +x; screen down is +y because the view-up is -y.
        return fx + (x - width / 2.0) * s, fy + (y - height / 2.0) * s

    def display_to_image(
        self, x: float, y: float, width: int, height: int
    ) -> tuple[float, float] | None:
        """(row, column) under a display point, None outside the image."""
        wx, wy = self.display_to_world(x, y, width, height)
        cx, cy = self.image_center
        px, py = self.transform.unmap_vector(wx - cx, wy - cy)
        row, col = (py + cy) / self.row_spacing, (px + cx) / self.column_spacing
        if not (-0.5 <= row <= self.rows - 0.5 and -0.5 <= col <= self.columns - 0.5):
            return None
        return row, col

    def image_to_display(self, row: float, col: float, width: int,
                         height: int) -> tuple[float, float]:
        """Display point (top-left origin) of image point (row, column), on screen or not."""
        cx, cy = self.image_center
        dx, dy = self.transform.map_vector(col * self.column_spacing - cx,
                                           row * self.row_spacing - cy)
        s = self.mm_per_pixel(width, height)
        fx, fy = self.focal_point()
        return width / 2.0 + (cx + dx - fx) / s, height / 2.0 + (cy + dy - fy) / s

    def actor_matrix(self) -> np.ndarray:
        """4x4 matrix placing the image in the world: turn and mirror about its centre."""
        a = self.transform.matrix().astype(np.float64)
        c = np.array(self.image_center)
        m = np.eye(4)
        m[:2, :2] = a
        m[:2, 3] = c - a @ c
        return m

    def screen_spacing(self) -> float:
        """Millimetres of image per image pixel along the screen's horizontal."""
        return self.row_spacing if self.transform.swaps_axes else self.column_spacing

    def set_mm_per_pixel(self, mm_per_px: float, width: int, height: int) -> None:
        """Zoom so that one display pixel covers ``mm_per_px`` of the image plane."""
        zoom = 2.0 * self.fit_scale(width, height) / (max(height, 1) * float(mm_per_px))
        self.zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))

    def fit(self) -> None:
        """Whole image centred in the viewport; rotation and flips are kept."""
        self.zoom, self.pan_x, self.pan_y = 1.0, 0.0, 0.0

    def pan_by(self, dx: float, dy: float, width: int, height: int) -> None:
        """Move the image with the pointer by (dx, dy) display pixels."""
        s = self.mm_per_pixel(width, height)
        self.pan_x -= dx * s
        self.pan_y -= dy * s

    def zoom_by(self, factor: float, anchor: tuple[float, float] | None, width: int,
                height: int) -> None:
        """Multiply the zoom, keeping the image point under ``anchor`` where it is."""
        new_zoom = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom * factor))
        if anchor is None:
            self.zoom = new_zoom
            return
        ax, ay = anchor
        wx, wy = self.display_to_world(ax, ay, width, height)
        self.zoom = new_zoom
        s = self.mm_per_pixel(width, height)
        cx, cy = self.image_center
        self.pan_x = wx - (ax - width / 2.0) * s - cx
        self.pan_y = wy - (ay - height / 2.0) * s - cy

    def reset(self) -> None:
        """Fit, and no rotation or flip."""
        self.fit()
        self.transform = ViewTransform()
