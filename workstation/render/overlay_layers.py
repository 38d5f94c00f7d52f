"""Everything drawn over the image in viewport pixels: corner texts, orientation letters,
laterality and the scale bar, shown or hidden together.

The corner texts come from :func:`workstation.core.overlay.corner_text` with the W/L line
naming the VOI in use (its explanation, or the table; left out for colour, which has no
window). The letters follow the view's rotation and flips
(:mod:`workstation.core.view_transform`); the scale bar needs a known pixel spacing
(PS3.3 10.7.1.3) and is hidden when the stack has none. Below the image number the
series corner gives the slice position (Image Position (Patient) along the slice normal,
PS3.3 C.7.6.2.1.1, in mm as Slice Location is; counted towards the patient's left,
posterior or head, whichever the normal mostly points to, so that it is the x, y or z of
a sagittal, coronal or axial slice) and the Slice Thickness (0018,0050).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from vtkmodules.vtkRenderingCore import vtkRenderer

from workstation.core.grayscale import VoiTransform, voi_label
from workstation.core.orientation import letters_for_stack
from workstation.core.overlay import corner_text
from workstation.core.projection_info import SpacingSource
from workstation.core.stack import ImageStack
from workstation.core.view_transform import ViewTransform
from workstation.core.window import Window
from workstation.render.annotations import CornerAnnotations
from workstation.render.edge_labels import EdgeLabels, laterality_text
from workstation.render.scale_bar import ScaleBar


def has_spacing(stack: ImageStack | None) -> bool:
    """The loader named where the pixel spacing came from, and it is a real one."""
    return stack is not None and stack.spacing_source not in ("", SpacingSource.NONE)


def slice_place(stack: ImageStack, slice_index: int) -> str:
    """``"Pos 123.5 mm  Th 1.25 mm"``: where the slice is along its normal and how thick;
    either part left out when the header does not give it."""
    parts = []
    if 0 <= slice_index < len(stack.positions):
        position = np.asarray(stack.positions[slice_index], dtype=np.float64)
        normal = np.asarray(stack.normal, dtype=np.float64)
        if normal[int(np.argmax(np.abs(normal)))] < 0:  # counted towards L, P or S
            normal = -normal
        parts.append(f"Pos {float(position @ normal):.1f} mm")
    if stack.slice_thickness:
        thickness = f"{stack.slice_thickness:.2f}".rstrip("0").rstrip(".")
        parts.append(f"Th {thickness} mm")
    return "  ".join(parts)


class OverlayLayers:
    def __init__(self, renderer: vtkRenderer) -> None:
        self.corners = CornerAnnotations(renderer)
        self.edges = EdgeLabels(renderer)
        self.scale_bar = ScaleBar(renderer)
        self._visible = True

    @property
    def visible(self) -> bool:
        return self._visible

    @visible.setter
    def visible(self, value: bool) -> None:
        self._visible = bool(value)

    def update(self, stack: ImageStack, slice_index: int, window: Window, voi: VoiTransform,
               zoom: float, show_phi: bool, transform: ViewTransform) -> None:
        """New texts and letters after any change of the view's state."""
        text = corner_text(stack.header, slice_index, stack.count, window, zoom, show_phi)
        place = slice_place(stack, slice_index)
        if place:
            text = replace(text, bottom_left=f"{text.bottom_left}\n{place}")
        lines = text.bottom_right.split("\n")
        if stack.is_color:
            lines = lines[1:]
        else:
            lines[0] = voi_label(voi)
        self.corners.set_text(replace(text, bottom_right="\n".join(lines)))
        letters = letters_for_stack(stack)
        self.edges.set_letters(transform.apply(letters) if letters is not None else None)
        self.edges.set_laterality(laterality_text(stack))

    def layout(self, width: int, height: int, mm_per_px: float | None) -> None:
        """Place everything for this viewport size; ``mm_per_px`` None hides the bar."""
        self.corners.layout(width, height)
        self.edges.layout(width, height)
        self.scale_bar.update(width, height, mm_per_px if self._visible else None)
        self.corners.set_visible(self._visible)
        self.edges.set_visible(self._visible)
