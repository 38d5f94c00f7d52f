"""One 2D viewport: a slice of an ImageStack, windowed exactly, with corner overlays.

The view owns no event handling: the Qt viewport translates mouse and keys into calls
(scroll, adjust_window, zoom_by, pan_by, ...), so any VTK interactor style on the render
window is removed.

Display is exact: the color table has one entry per stored value (see
:mod:`workstation.render.lut`) and the texture is sampled nearest-neighbour, so the gray of
every screen pixel is :func:`workstation.core.display.display_values` of the stored value
of the image pixel under it. The VOI in use is one of the image's own choices (VOI LUT
Sequence tables and windows, PS3.3 C.11.2; cycled with :meth:`SliceView.cycle_voi`) or a
window set by the user. Colour stacks (8-bit RGB) bypass the table: their scalars are the
displayed colours (PS3.4 N.1: the grayscale pipeline does not apply to colour).

Changing slice copies nothing: the 2D vtkImageData is kept and its scalars are pointed at
``stack.pixels[k]`` (a contiguous view of the volume) through ``numpy_to_vtk(deep=False)``;
only the texture upload of that one slice happens in VTK. The color table is rebuilt only
when the VOI, the stack or the invert state changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonDataModel import vtkImageData
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkRenderingCore import (
    vtkImageProperty,
    vtkImageSlice,
    vtkImageSliceMapper,
    vtkRenderer,
    vtkRenderWindow,
)

# Registers the OpenGL implementations (render window, mappers) and the text renderer.
import vtkmodules.vtkRenderingFreeType  # noqa: F401  isort: skip
import vtkmodules.vtkRenderingOpenGL2  # noqa: F401  isort: skip

from workstation.core.autowindow import auto_window
from workstation.core.grayscale import VoiTransform
from workstation.core.lut import LookupTable
from workstation.core.stack import ImageStack
from workstation.core.window import Window
from workstation.render.annotations import font_size_for
from workstation.render.frame_capture import frame_rgb
from workstation.render.lut import GrayLookupTable
from workstation.render.measure_layer import MeasureLayer
from workstation.render.overlay_layers import OverlayLayers, has_spacing
from workstation.render.reference_lines import ReferenceLineLayer
from workstation.render.slice_layers import SliceLayers
from workstation.render.slice_navigation import SliceNavigation
from workstation.render.view_geometry import ViewGeometry

_CAMERA_DISTANCE = 1000.0


class SliceView(SliceNavigation, SliceLayers):
    """A slice viewer bound to one vtkRenderWindow (Qt's, or an offscreen one).

    Zoom, pan, rotate/flip and coordinate mapping: :class:`SliceNavigation`; what is
    drawn over the image (texts, measurements, reference lines): :class:`SliceLayers`."""

    def __init__(self, render_window: vtkRenderWindow | None = None) -> None:
        self.render_window = render_window if render_window is not None else vtkRenderWindow()
        self.render_window.SetMultiSamples(0)  # multisampling would blend pixel edges
        self.renderer = vtkRenderer()
        self.renderer.SetBackground(0.0, 0.0, 0.0)
        self.render_window.AddRenderer(self.renderer)
        self._disable_interactor_style()

        self._image = vtkImageData()
        self._mapper = vtkImageSliceMapper()
        self._mapper.SetInputData(self._image)
        self._mapper.BorderOn()  # draw edge pixels whole, not cut at their centres
        self._lut = GrayLookupTable()
        self._property = vtkImageProperty()
        self._property.SetInterpolationTypeToNearest()
        self._use_gray_table(True)
        self._actor = vtkImageSlice()
        self._actor.SetMapper(self._mapper)
        self._actor.SetProperty(self._property)
        self._actor.VisibilityOff()
        self.renderer.AddViewProp(self._actor)
        self.renderer.GetActiveCamera().ParallelProjectionOn()
        self._overlays = OverlayLayers(self.renderer)
        self._actor_matrix = vtkMatrix4x4()
        self._actor.SetUserMatrix(self._actor_matrix)
        self._measures = MeasureLayer(self.renderer, self._actor_matrix)
        self._references = ReferenceLineLayer(self.renderer, self._actor_matrix)

        self._stack: ImageStack | None = None
        self._pixels: np.ndarray | None = None
        self._stored_range = (0, 0)
        self._slice = 0
        self._voi: VoiTransform = Window(0.0, 1.0)
        self._voi_index: int | None = None
        self._invert = False
        self._show_phi = True
        self._geometry = ViewGeometry()
        self._slice_ref: np.ndarray | None = None
        self.on_changed: list[Callable[[], None]] = []
        self._batch_depth = 0
        self._batched = False

    @classmethod
    def offscreen(cls, width: int, height: int) -> SliceView:
        """A view that renders into an offscreen buffer (EGL: no display server needed)."""
        window = vtkRenderWindow()
        window.SetOffScreenRendering(1)
        window.SetSize(width, height)
        return cls(window)

    # -- state -----------------------------------------------------------------------------

    @property
    def stack(self) -> ImageStack | None:
        return self._stack

    @property
    def slice_index(self) -> int:
        return self._slice

    @property
    def window(self) -> Window:
        """The window in use; for a VOI LUT table, the window over its ramp (what a drag
        starts from)."""
        if isinstance(self._voi, LookupTable):
            return self._voi.ramp_window()
        return self._voi

    @property
    def voi(self) -> VoiTransform:
        """The VOI transform in use: a window or a VOI LUT Sequence table."""
        return self._voi

    @property
    def voi_choices(self) -> tuple[VoiTransform, ...]:
        """The image's own VOI transforms (tables first, then windows)."""
        if self._stack is None or self._stack.is_color:
            return ()
        return self._stack.grayscale.voi_choices

    @property
    def voi_index(self) -> int | None:
        """Index in :attr:`voi_choices` of the VOI in use; None for a user's window."""
        return self._voi_index

    @property
    def invert(self) -> bool:
        """The user's invert toggle (applied on top of MONOCHROME1's own inversion)."""
        return self._invert

    @invert.setter
    def invert(self, value: bool) -> None:
        self._invert = bool(value)
        self._update_lut()
        self._changed()

    def toggle_invert(self) -> None:
        self.invert = not self._invert

    @property
    def show_phi(self) -> bool:
        return self._show_phi

    @show_phi.setter
    def show_phi(self, value: bool) -> None:
        self._show_phi = bool(value)
        self._changed()

    # -- content ---------------------------------------------------------------------------

    def set_stack(self, stack: ImageStack, window: VoiTransform | None = None) -> None:
        """Show ``stack``: middle slice of a volume, the only slice of a single image;
        with ``window`` (a window or VOI LUT table), else the image's default VOI."""
        pixels = stack.pixels
        color = pixels.ndim == 4 and pixels.shape[3] == 3 and pixels.dtype == np.uint8
        if not color and (pixels.ndim != 3 or pixels.dtype.kind not in "iu"):
            raise ValueError("stack pixels must be an integer (slices, rows, columns) array "
                             "or (slices, rows, columns, 3) uint8 RGB")
        if not pixels.flags.c_contiguous:
            pixels = np.ascontiguousarray(pixels)  # once per stack, so slices are views
        self._stack = stack
        self._pixels = pixels
        self._stored_range = stack.stored_range()
        self._use_gray_table(not color)
        if window is not None:
            self._set_voi(window)
        else:
            self._set_default_voi()
        self._image.SetDimensions(stack.columns, stack.rows, 1)
        self._image.SetSpacing(stack.pixel_spacing[1], stack.pixel_spacing[0], 1.0)
        self._image.SetOrigin(0.0, 0.0, 0.0)
        self._geometry = ViewGeometry(
            rows=stack.rows,
            columns=stack.columns,
            row_spacing=stack.pixel_spacing[0],
            column_spacing=stack.pixel_spacing[1],
        )
        self._slice = stack.count // 2 if stack.count > 1 else 0
        self._references.set_segments([], 1.0, 1.0)
        self._load_slice()
        self._update_lut()
        self._actor.VisibilityOn()
        self._changed()

    def set_slice(self, k: int) -> None:
        if self._stack is None:
            return
        k = max(0, min(self._stack.count - 1, int(k)))
        if k == self._slice:
            return
        self._slice = k
        self._load_slice()
        self._changed()

    def scroll(self, delta: int) -> None:
        self.set_slice(self._slice + int(delta))

    def set_window(self, window: Window) -> None:
        self.set_voi(window)

    def set_voi(self, voi: VoiTransform) -> None:
        """Show with this window or VOI LUT table (one of the image's own or the user's)."""
        self._set_voi(voi)
        self._update_lut()
        self._changed()

    def select_voi(self, index: int) -> None:
        """Use the image's own VOI choice ``index`` (wrapping around)."""
        choices = self.voi_choices
        if choices:
            self.set_voi(choices[int(index) % len(choices)])

    def cycle_voi(self, step: int = 1) -> None:
        """Next (or previous) of the image's own windows and VOI LUT tables."""
        if self._voi_index is not None:
            start = self._voi_index
        else:  # from a user's window: forward starts at the first choice, back at the last
            start = -1 if step > 0 else 0
        self.select_voi(start + int(step))

    def reset_voi(self) -> None:
        """The image's default VOI: its first table or window, else the automatic window."""
        self._set_default_voi()
        self._update_lut()
        self._changed()

    def apply_auto_window(self) -> None:
        """Window from the image's histogram, padding excluded (core.autowindow)."""
        if self._stack is not None and not self._stack.is_color:
            self.set_voi(auto_window(self._stack))

    def adjust_window(self, d_center: float, d_width: float) -> None:
        """Move the window by modality units (the viewport scales mouse motion to these).
        From a VOI LUT table, the drag starts at the window over the table's ramp."""
        self.set_window(self.window.moved(d_center, d_width))

    @property
    def pan(self) -> tuple[float, float]:
        """Offset of the view centre from the image centre, in image-plane mm."""
        return self._geometry.pan_x, self._geometry.pan_y

    def set_zoom_pan(self, zoom: float, pan: tuple[float, float]) -> None:
        """Take another view's magnification and pan (linked zoom/pan)."""
        self._geometry.zoom_by(float(zoom) / self._geometry.zoom, None, *self._size())
        self._geometry.pan_x, self._geometry.pan_y = float(pan[0]), float(pan[1])
        self._changed()

    # -- output ----------------------------------------------------------------------------

    def render(self) -> None:
        self._disable_interactor_style()
        width, height = self._size()
        self._place_camera(width, height)
        self._overlays.layout(width, height, self._geometry.mm_per_pixel(width, height)
                              if has_spacing(self._stack) else None)
        self._measures.layout(lambda r, c: self._geometry.image_to_display(r, c, width, height),
                              width, height, font_size_for(height), self._overlays.visible)
        self._references.show(self._overlays.visible)
        self.render_window.Render()

    def capture(self) -> np.ndarray:
        """The rendered frame as (height, width, 3) uint8, first row = top of the view."""
        self.render()
        return frame_rgb(self.render_window)

    # -- internals -------------------------------------------------------------------------

    def _size(self) -> tuple[int, int]:
        width, height = self.render_window.GetSize()
        return max(int(width), 1), max(int(height), 1)

    def _disable_interactor_style(self) -> None:
        interactor = self.render_window.GetInteractor()
        if interactor is not None and interactor.GetInteractorStyle() is not None:
            interactor.SetInteractorStyle(None)

    def _use_gray_table(self, gray: bool) -> None:
        """Gray stacks go through the exact table; RGB scalars are shown as they are
        (no table, and the property's default window 255 / level 127.5 is the identity)."""
        prop = self._property
        if gray:
            prop.SetLookupTable(self._lut.vtk_table)
            prop.UseLookupTableScalarRangeOn()
        else:
            prop.SetLookupTable(None)
            prop.UseLookupTableScalarRangeOff()
            prop.SetColorWindow(255.0)
            prop.SetColorLevel(127.5)

    def _set_voi(self, voi: VoiTransform) -> None:
        self._voi = voi
        choices = self.voi_choices
        self._voi_index = next((i for i, c in enumerate(choices) if c is voi or c == voi), None)

    def _set_default_voi(self) -> None:
        stack = self._stack
        if stack is None:
            return
        if stack.is_color:
            self._set_voi(Window(127.5, 256.0))
            return
        default = stack.grayscale.default_voi
        self._set_voi(default if default is not None else auto_window(stack))

    def _load_slice(self) -> None:
        """Point the image scalars at slice k of the volume (a view, no copy)."""
        if self._pixels is None:
            return
        slice_pixels = self._pixels[self._slice]
        flat = slice_pixels.reshape(-1, 3) if slice_pixels.ndim == 3 else slice_pixels.ravel()
        scalars = numpy_to_vtk(flat, deep=False)
        scalars.SetName("stored")
        self._slice_ref = flat  # numpy memory must outlive the VTK array that borrows it
        self._image.GetPointData().SetScalars(scalars)
        self._image.Modified()

    def _update_lut(self) -> None:
        """Rebuild the table; the user's invert is combined with the image's Presentation
        LUT Shape inside core.display (padding stays background either way)."""
        if self._stack is None or self._stack.is_color:
            return
        low, high = self._stored_range
        self._lut.update_transform(low, high, self._stack.grayscale, self._voi, self._invert)

    def _place_camera(self, width: int, height: int) -> None:
        matrix = self._geometry.actor_matrix()
        for i in range(4):
            for j in range(4):
                self._actor_matrix.SetElement(i, j, float(matrix[i, j]))
        self._actor.SetUserMatrix(self._actor_matrix)
        camera = self.renderer.GetActiveCamera()
        fx, fy = self._geometry.focal_point()
        camera.SetFocalPoint(fx, fy, 0.0)
        camera.SetPosition(fx, fy, -_CAMERA_DISTANCE)  # looking along +z ...
        camera.SetViewUp(0.0, -1.0, 0.0)  # ... with row 0 up and column 0 left
        camera.SetParallelScale(self._geometry.parallel_scale(width, height))
        camera.SetClippingRange(_CAMERA_DISTANCE / 2.0, _CAMERA_DISTANCE * 2.0)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several changes, one frame: overlays, render and ``on_changed`` run once at the
        end (e.g. the next slice and a new window from one input event)."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._batched:
                self._batched = False
                self._changed()

    def _changed(self) -> None:
        if self._batch_depth:
            self._batched = True
            return
        if self._stack is not None:
            self._overlays.update(self._stack, self._slice, self.window, self._voi,
                                  self._geometry.zoom, self._show_phi, self._geometry.transform)
        self._measures.update(self._stack, self._slice)
        self.render()
        for callback in list(self.on_changed):
            callback()
