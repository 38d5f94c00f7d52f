"""What a :class:`~workstation.render.slice_view.SliceView` draws over the image: corner
texts, orientation letters and scale bar (:mod:`workstation.render.overlay_layers`),
measurements (:mod:`workstation.render.measure_layer`) and reference lines
(:mod:`workstation.render.reference_lines`), with the accessors tests and the UI read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from workstation.core.measurements import Measurement
from workstation.core.reference_lines import Segment
from workstation.core.stack import ImageStack

if TYPE_CHECKING:
    from workstation.render.measure_layer import MeasureLayer
    from workstation.render.overlay_layers import OverlayLayers
    from workstation.render.reference_lines import ReferenceLineLayer


class SliceLayers:
    """Mixed into SliceView, which provides the layers and hooks declared here."""

    _overlays: OverlayLayers
    _measures: MeasureLayer
    _references: ReferenceLineLayer
    _stack: ImageStack | None

    if TYPE_CHECKING:  # provided by SliceView

        def render(self) -> None: ...

        def _changed(self) -> None: ...

    def overlay_text(self) -> dict[str, str]:
        """The corner texts currently shown, by corner name."""
        return self._overlays.corners.text()

    def edge_text(self) -> dict[str, str]:
        """Orientation letters by edge (top, right, bottom, left) and the laterality."""
        return self._overlays.edges.text()

    @property
    def scale_bar_mm(self) -> float:
        """Length of the scale bar last drawn (0 when hidden or without pixel spacing)."""
        return self._overlays.scale_bar.length_mm

    def set_measurements(self, measurements: Sequence[Measurement],
                         selected: Measurement | None = None) -> None:
        """Draw these (those of the slice on screen) with their values as labels, and the
        handles of ``selected`` (the one last drawn or edited)."""
        self._measures.set_measurements(measurements, selected)
        self._changed()

    def set_reference_lines(self, segments: Sequence[Segment]) -> None:
        """Draw the other viewports' planes ((row, column) segments from
        :func:`workstation.core.reference_lines.reference_lines`); renders only when they
        changed, and does not count as a change of this view (no ``on_changed``)."""
        stack = self._stack
        if stack is None:
            segments = []
        rs, cs = stack.pixel_spacing if stack is not None else (1.0, 1.0)
        if self._references.set_segments(segments, rs, cs):
            self.render()

    @property
    def reference_lines(self) -> list[Segment]:
        return list(self._references.segments)

    def measurement_labels(self) -> list[str]:
        return self._measures.texts()

    def measurement_label_boxes(self) -> list[tuple[float, float, float, float]]:
        """(left, top, right, bottom) display pixels of the labels on screen."""
        return self._measures.label_boxes()

    @property
    def show_overlays(self) -> bool:
        """Corner texts, orientation letters, laterality and scale bar, all at once."""
        return self._overlays.visible

    @show_overlays.setter
    def show_overlays(self, value: bool) -> None:
        self._overlays.visible = value
        self._changed()
