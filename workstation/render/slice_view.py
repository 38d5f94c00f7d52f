"""One 2D viewport: a slice of an ImageStack, windowed exactly, with corner overlays.

The view owns no event handling: the Qt viewport translates mouse and keys into calls
(scroll, adjust_window, zoom_by, pan_by, ...), so any VTK interactor style on the render
window is removed.

Display is exact: the color table has one entry per stored value (see
:mod:`workstation.render.lut`) and the texture is sampled nearest-neighbour, so the gray of
every screen pixel is :func:`workstation.core.display.apply_display` of the stored value
of the image pixel under it.

Changing slice copies nothing: the 2D vtkImageData is kept and its scalars are pointed at
``stack.pixels[k]`` (a contiguous view of the volume) through ``numpy_to_vtk(deep=False)``;
only the texture upload of that one slice happens in VTK. The color table is rebuilt only
when the window, the stack or the invert state changes.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonDataModel import vtkImageData
from vtkmodules.vtkRenderingCore import (
    vtkImageProperty,
    vtkImageSlice,
    vtkImageSliceMapper,
    vtkRenderer,
    vtkRenderWindow,
    vtkWindowToImageFilter,
)

# Registers the OpenGL implementations (render window, mappers) and the text renderer.
import vtkmodules.vtkRenderingFreeType  # noqa: F401  isort: skip
import vtkmodules.vtkRenderingOpenGL2  # noqa: F401  isort: skip

from workstation.core.overlay import corner_text
from workstation.core.stack import ImageStack
from workstation.core.window import Window
from workstation.render.annotations import CornerAnnotations
from workstation.render.lut import GrayLookupTable
from workstation.render.view_geometry import ViewGeometry

_CAMERA_DISTANCE = 1000.0


class SliceView:
    """A slice viewer bound to one vtkRenderWindow (Qt's, or an offscreen one)."""

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
        prop = vtkImageProperty()
        prop.SetInterpolationTypeToNearest()
        prop.SetLookupTable(self._lut.vtk_table)
        prop.UseLookupTableScalarRangeOn()
        self._actor = vtkImageSlice()
        self._actor.SetMapper(self._mapper)
        self._actor.SetProperty(prop)
        self._actor.VisibilityOff()
        self.renderer.AddViewProp(self._actor)
        self.renderer.GetActiveCamera().ParallelProjectionOn()
        self._corners = CornerAnnotations(self.renderer)

        self._stack: ImageStack | None = None
        self._pixels: np.ndarray | None = None
        self._stored_range = (0, 0)
        self._slice = 0
        self._window = Window(0.0, 1.0)
        self._invert = False
        self._show_phi = True
        self._geometry = ViewGeometry()
        self._slice_ref: np.ndarray | None = None
        self.on_changed: list[Callable[[], None]] = []

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
        return self._window

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
    def zoom(self) -> float:
        """Magnification relative to fit-to-viewport (1.0)."""
        return self._geometry.zoom

    @zoom.setter
    def zoom(self, value: float) -> None:
        self._geometry.zoom_by(float(value) / self._geometry.zoom, None, *self._size())
        self._changed()

    @property
    def show_phi(self) -> bool:
        return self._show_phi

    @show_phi.setter
    def show_phi(self, value: bool) -> None:
        self._show_phi = bool(value)
        self._changed()

    # -- content ---------------------------------------------------------------------------

    def set_stack(self, stack: ImageStack, window: Window | None = None) -> None:
        """Show ``stack``: middle slice of a volume, the only slice of a single image."""
        pixels = stack.pixels
        if pixels.ndim != 3 or pixels.dtype.kind not in "iu":
            raise ValueError("stack pixels must be an integer (slices, rows, columns) array")
        if not pixels.flags.c_contiguous:
            pixels = np.ascontiguousarray(pixels)  # once per stack, so slices are views
        self._stack = stack
        self._pixels = pixels
        self._stored_range = stack.stored_range()
        self._window = window if window is not None else stack.default_window()
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
        self._window = window
        self._update_lut()
        self._changed()

    def adjust_window(self, d_center: float, d_width: float) -> None:
        """Move the window by modality units (the viewport scales mouse motion to these)."""
        self.set_window(self._window.moved(d_center, d_width))

    # -- view ------------------------------------------------------------------------------

    def zoom_by(self, factor: float, anchor_display_xy: tuple[float, float] | None = None) -> None:
        """Zoom by ``factor``; the image point under the anchor (display px) stays put."""
        self._geometry.zoom_by(float(factor), anchor_display_xy, *self._size())
        self._changed()

    def pan_by(self, dx_px: float, dy_px: float) -> None:
        """Drag the image by display pixels (Qt direction: +dy moves it down)."""
        self._geometry.pan_by(float(dx_px), float(dy_px), *self._size())
        self._changed()

    def reset_view(self) -> None:
        self._geometry.reset()
        self._changed()

    def display_to_image(self, x: float, y: float) -> tuple[float, float] | None:
        """(row, column) of the image under display point (x, y), top-left origin."""
        if self._stack is None:
            return None
        return self._geometry.display_to_image(float(x), float(y), *self._size())

    # -- output ----------------------------------------------------------------------------

    def render(self) -> None:
        self._disable_interactor_style()
        width, height = self._size()
        self._place_camera(width, height)
        self._corners.layout(width, height)
        self.render_window.Render()

    def capture(self) -> np.ndarray:
        """The rendered frame as (height, width, 3) uint8, first row = top of the view."""
        self.render()
        grabber = vtkWindowToImageFilter()
        grabber.SetInput(self.render_window)
        grabber.SetInputBufferTypeToRGB()
        grabber.ReadFrontBufferOff()
        grabber.Update()
        image = grabber.GetOutput()
        width, height, _ = image.GetDimensions()
        rgb = vtk_to_numpy(image.GetPointData().GetScalars()).reshape(height, width, 3)
        return np.ascontiguousarray(rgb[::-1])  # VTK rows run bottom to top

    def overlay_text(self) -> dict[str, str]:
        """The corner texts currently shown, by corner name."""
        return self._corners.text()

    # -- internals -------------------------------------------------------------------------

    def _size(self) -> tuple[int, int]:
        width, height = self.render_window.GetSize()
        return max(int(width), 1), max(int(height), 1)

    def _disable_interactor_style(self) -> None:
        interactor = self.render_window.GetInteractor()
        if interactor is not None and interactor.GetInteractorStyle() is not None:
            interactor.SetInteractorStyle(None)

    def _load_slice(self) -> None:
        """Point the image scalars at slice k of the volume (a view, no copy)."""
        if self._pixels is None:
            return
        flat = self._pixels[self._slice].reshape(-1)
        scalars = numpy_to_vtk(flat, deep=False)
        scalars.SetName("stored")
        self._slice_ref = flat  # numpy memory must outlive the VTK array that borrows it
        self._image.GetPointData().SetScalars(scalars)
        self._image.Modified()

    def _effective_invert(self) -> bool:
        stack_inverted = self._stack.inverted if self._stack is not None else False
        return stack_inverted != self._invert

    def _update_lut(self) -> None:
        if self._stack is None:
            return
        low, high = self._stored_range
        self._lut.update(low, high, self._stack.slope, self._stack.intercept, self._window,
                         self._effective_invert())

    def _place_camera(self, width: int, height: int) -> None:
        camera = self.renderer.GetActiveCamera()
        fx, fy = self._geometry.focal_point()
        camera.SetFocalPoint(fx, fy, 0.0)
        camera.SetPosition(fx, fy, -_CAMERA_DISTANCE)  # looking along +z ...
        camera.SetViewUp(0.0, -1.0, 0.0)  # ... with row 0 up and column 0 left
        camera.SetParallelScale(self._geometry.parallel_scale(width, height))
        camera.SetClippingRange(_CAMERA_DISTANCE / 2.0, _CAMERA_DISTANCE * 2.0)

    def _changed(self) -> None:
        if self._stack is not None:
            stack = self._stack
            text = corner_text(stack.header, self._slice, stack.count, self._window,
                               self._geometry.zoom, self._show_phi)
            self._corners.set_text(text)
        self.render()
        for callback in list(self.on_changed):
            callback()
