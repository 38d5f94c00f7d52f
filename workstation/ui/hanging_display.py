"""Putting a hung image on screen the way its protocol says: window, turn/mirror, scale
and horizontal alignment.

Mammography views are turned from Image Laterality and Patient Orientation
(:mod:`workstation.core.hanging.mammo`) and pushed against the chest-wall side of their
viewport. "Same physical size" gives every viewport of the stage one scale, in mm of the
image plane per screen pixel (the largest of their fit scales, so every image stays
whole): a current and a prior acquired at different pixel spacings then compare
lesion sizes by eye (PS3.3 10.7.1.3 for the spacing used).
"""

from __future__ import annotations

from collections.abc import Sequence

from workstation.core.hanging.mammo import chest_wall_side, mammography_transform
from workstation.core.hanging.model import ViewportSpec
from workstation.core.presets import presets_for
from workstation.core.view_transform import ViewTransform
from workstation.core.window import Window
from workstation.ui.viewport import Viewport


def transform_for(spec: ViewportSpec, viewport: Viewport) -> ViewTransform:
    stack = viewport.stack
    if spec.orientation == "explicit":
        return ViewTransform(spec.rotation, spec.flipped)
    if spec.orientation == "mammography" and stack is not None:
        projection = stack.projection
        orientation = projection.patient_orientation if projection is not None else ()
        found = mammography_transform(stack.header.laterality, orientation,
                                      stack.header.view_position)
        return found if found is not None else ViewTransform()
    return ViewTransform()


def window_for(spec: ViewportSpec, viewport: Viewport) -> Window | None:
    """The protocol's window: a named preset of the modality, or explicit numbers."""
    stack, window = viewport.stack, spec.window
    if stack is None or window is None or stack.is_color:
        return None
    if window.preset:
        for preset in presets_for(stack.header.modality or ""):
            if preset.name.lower() == window.preset.lower():
                return preset.window
        return None
    if window.center is None or window.width is None:
        return None
    return Window(window.center, window.width)


def apply_viewport(viewport: Viewport, spec: ViewportSpec) -> None:
    """Window and orientation of one freshly hung viewport, fitted and centred."""
    if viewport.stack is None:
        return
    view = viewport.slice_view
    window = window_for(spec, viewport)
    if window is not None:
        view.set_window(window)
    view.view_transform = transform_for(spec, viewport)
    view.zoom_to_fit()


def side_for(spec: ViewportSpec, viewport: Viewport) -> str:
    if spec.align == "chest_wall":
        stack = viewport.stack
        return chest_wall_side(stack.header.laterality) if stack is not None else ""
    return spec.align


def apply_scale(items: Sequence[tuple[Viewport, ViewportSpec]], scale: str) -> None:
    """Fit every viewport, or give them one mm-per-screen-pixel; then align each."""
    filled = [(v, s) for v, s in items if v.stack is not None]
    for viewport, _spec in filled:
        viewport.slice_view.zoom_to_fit()
    if scale == "same_physical_size" and filled:
        common = max(v.slice_view.mm_per_pixel for v, _ in filled)
        for viewport, _spec in filled:
            viewport.slice_view.zoom_true_size(common)
    for viewport, spec in filled:
        side = side_for(spec, viewport)
        if side in ("left", "right"):
            viewport.slice_view.align_to_edge(side)
