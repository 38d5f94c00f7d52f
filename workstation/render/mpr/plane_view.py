"""One MPR plane: vtkImageReslice of the shared volume, shown through SliceView's pipeline.

The reslice samples the shared vtkImageData along the plane of
:meth:`workstation.core.mpr_geometry.MprState.plane` (trilinear, in the stored type, so
the exact display table of :mod:`workstation.render.lut` applies unchanged: Modality LUT,
VOI and Presentation LUT of PS3.4 Annex N). A slab combines ``slab_samples`` planes one
voxel step apart along the normal with the reslice's own slab modes (max, min, mean).

The reformatted image is handed to the SliceView machinery as a one-slice ImageStack whose
position and cosines are the plane's, so orientation letters, scale bar, probe (LPS and
HU) and measurements in mm work as on acquired images. Moving the crosshair re-slices and
swaps the pixels without resetting zoom, pan or window.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkImagingCore import vtkImageReslice
from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper, vtkRenderWindow

from workstation.core.grayscale import VoiTransform
from workstation.core.measurements import Length, Measurement
from workstation.core.mpr_geometry import LpsLength, MprState, PlaneSpec, SlabMode
from workstation.core.overlay import CornerText
from workstation.core.stack import ImageStack
from workstation.render.mpr.volume import SharedVolume
from workstation.render.slice_view import SliceView
from workstation.render.view_geometry import ViewGeometry

PLANE_COLOURS = {"axial": (0.35, 0.6, 1.0), "sagittal": (1.0, 0.4, 0.4),
                 "coronal": (0.4, 1.0, 0.4)}
PLANE_TITLES = {"axial": "Axial", "sagittal": "Sagittal", "coronal": "Coronal"}
_Z = -0.4  # in front of the image, behind the measurements
_GAP_PX = 8.0  # image pixels left free around the crosshair point


def slab_label(state: MprState, name: str) -> str:
    if state.slab_mm <= 0:
        return ""
    return f"{state.slab_mode.value} {state.slab_mm:.1f} mm"


class MprPlaneView(SliceView):
    """A SliceView whose image is a reformatted plane of a :class:`SharedVolume`."""

    def __init__(self, volume: SharedVolume, state: MprState, name: str,
                 render_window: vtkRenderWindow | None = None) -> None:
        super().__init__(render_window)
        self.volume = volume
        self.state = state
        self.name = name
        self.plane: PlaneSpec | None = None
        self.lps_measurements: list[LpsLength] = []
        self._reslice = vtkImageReslice()
        self._reslice.SetInputData(volume.image)
        self._reslice.SetInterpolationModeToLinear()
        self._reslice.SetBackgroundLevel(volume.fill_value)
        self._reslice.SetOutputDimensionality(2)
        self._axes = vtkMatrix4x4()
        self._reslice.SetResliceAxes(self._axes)
        self._cross_poly = vtkPolyData()
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(self._cross_poly)
        mapper.SetColorModeToDirectScalars()
        self._cross_actor = vtkActor()
        self._cross_actor.SetMapper(mapper)
        self._cross_actor.GetProperty().LightingOff()
        self._cross_actor.GetProperty().SetLineWidth(1.5)
        self._cross_actor.SetUserMatrix(self._actor_matrix)
        self._cross_actor.SetPickable(False)
        self.renderer.AddViewProp(self._cross_actor)
        self.show_crosshair = True

    @classmethod
    def offscreen_plane(cls, volume: SharedVolume, state: MprState, name: str,
                        width: int, height: int) -> MprPlaneView:
        window = vtkRenderWindow()
        window.SetOffScreenRendering(1)
        window.SetSize(width, height)
        return cls(volume, state, name, window)

    # -- reformatting ------------------------------------------------------------------------

    def reslice(self) -> np.ndarray:
        """Sample the plane (and slab) now; (rows, columns) in the stored type."""
        state, grid = self.state, self.volume.grid
        plane = state.plane(self.name)
        x_f = grid.frame.T @ plane.x_axis
        y_f = grid.frame.T @ plane.y_axis
        n_f = grid.frame.T @ plane.normal
        o_f = grid.to_frame(plane.origin)
        for i in range(3):
            for j, column in enumerate((x_f, y_f, n_f, o_f)):
                self._axes.SetElement(i, j, float(column[i]))
        self._axes.Modified()
        r = self._reslice
        r.SetOutputOrigin(0.0, 0.0, 0.0)
        r.SetOutputSpacing(plane.spacing, plane.spacing, plane.depth_step)
        r.SetOutputExtent(0, plane.size[0] - 1, 0, plane.size[1] - 1, 0, 0)
        samples = state.slab_samples(self.name)
        r.SetSlabNumberOfSlices(samples)
        # The permutation fast path places slab samples half a step off the plane when the
        # slab does not run along the volume's slices (VTK 9.x); the general path samples
        # them where asked.
        along_slices = abs(abs(float(n_f[2])) - 1.0) < 1e-9
        r.SetOptimization(1 if samples == 1 or along_slices else 0)
        r.SetSlabSliceSpacingFraction(1.0)
        if state.slab_mode is SlabMode.MIP:
            r.SetSlabModeToMax()
        elif state.slab_mode is SlabMode.MINIP:
            r.SetSlabModeToMin()
        else:
            r.SetSlabModeToMean()
        r.Update()
        self.plane = plane
        out = r.GetOutput()
        pixels = vtk_to_numpy(out.GetPointData().GetScalars())
        return pixels.reshape(plane.size[1], plane.size[0]).copy()

    def plane_stack(self, pixels: np.ndarray) -> ImageStack:
        """The reformatted image as a one-slice stack placed at the plane (LPS)."""
        assert self.plane is not None
        plane, source = self.plane, self.volume.stack
        thickness = (self.state.slab_mm if self.state.slab_samples(self.name) > 1
                     else plane.depth_step)
        return dataclasses.replace(
            source, pixels=pixels[np.newaxis], positions=plane.origin[np.newaxis].copy(),
            row_cosine=tuple(float(v) for v in plane.x_axis),
            column_cosine=tuple(float(v) for v in plane.y_axis),
            pixel_spacing=(plane.spacing, plane.spacing), slice_thickness=thickness,
            instance_numbers=(), sop_instance_uids=(), projection=None)

    def update_plane(self, voi: VoiTransform | None = None) -> None:
        """Re-slice after the crosshair, orientation or slab changed; first time shows it."""
        stack = self.plane_stack(self.reslice())
        if self._stack is None:
            self.set_stack(stack, voi)
            return
        same_size = (stack.rows, stack.columns) == (self._stack.rows, self._stack.columns)
        self._stack = stack
        self._pixels = stack.pixels
        if not same_size:
            self._image.SetDimensions(stack.columns, stack.rows, 1)
            self._image.SetSpacing(stack.pixel_spacing[1], stack.pixel_spacing[0], 1.0)
            self._geometry = ViewGeometry(rows=stack.rows, columns=stack.columns,
                                          row_spacing=stack.pixel_spacing[0],
                                          column_spacing=stack.pixel_spacing[1])
        self._load_slice()
        if voi is not None:
            self._set_voi(voi)
            self._update_lut()
        self._changed()

    # -- measurements in patient coordinates ---------------------------------------------------

    def add_length(self, a: np.ndarray, b: np.ndarray) -> None:
        """A length between two LPS points; drawn on every plane that contains them."""
        self.lps_measurements.append(LpsLength(np.asarray(a, float), np.asarray(b, float),
                                               self.name, self.volume.stack.spacing_source))
        self._changed()

    def holds(self, a: np.ndarray, b: np.ndarray) -> bool:
        """Both patient points lie on this plane (within half its slab or sample step)."""
        if self.plane is None:
            return False
        tolerance = max(self.plane.depth_step, self.state.slab_mm) / 2.0 + 1e-6
        return all(abs(self.plane.lps_to_pixel(p)[2]) <= tolerance for p in (a, b))

    def _plane_measurements(self) -> Sequence[Measurement]:
        if self.plane is None:
            return []
        shown = []
        for length in self.lps_measurements:
            if self.holds(length.a, length.b):
                ra, ca, _ = self.plane.lps_to_pixel(length.a)
                rb, cb, _ = self.plane.lps_to_pixel(length.b)
                shown.append(Length(((ra, ca), (rb, cb))))
        return shown

    # -- drawing ----------------------------------------------------------------------------

    def _crosshair(self) -> None:
        points, lines = vtkPoints(), vtkCellArray()
        colours = []
        plane = self.plane
        if plane is not None and self.show_crosshair:
            s = plane.spacing
            row0, col0, _ = plane.lps_to_pixel(self.state.point)
            reach = float(plane.size[0] + plane.size[1])
            for other, (_, d) in self.state.crosshair_lines(self.name).items():
                dr, dc = float(d @ plane.y_axis), float(d @ plane.x_axis)
                for sign in (1.0, -1.0):
                    start = (row0 + sign * _GAP_PX * dr, col0 + sign * _GAP_PX * dc)
                    end = (row0 + sign * reach * dr, col0 + sign * reach * dc)
                    lines.InsertNextCell(2)
                    for row, col in (start, end):
                        lines.InsertCellPoint(points.InsertNextPoint(col * s, row * s, _Z))
                    colours.append(PLANE_COLOURS.get(other, (1.0, 1.0, 0.0)))
        rgb = np.array([[int(255 * v) for v in c] for c in colours] or np.zeros((0, 3)),
                       dtype=np.uint8).reshape(-1, 3)
        array = numpy_to_vtk(rgb, deep=True)
        array.SetName("colours")
        self._cross_poly.SetPoints(points)
        self._cross_poly.SetLines(lines)
        self._cross_poly.GetCellData().SetScalars(array)
        self._cross_poly.Modified()

    def overlay_lines(self) -> list[str]:
        """Plane name, slab and geometry correction: the bottom-left overlay."""
        lines = [f"{PLANE_TITLES.get(self.name, self.name)}"
                 + (" (oblique)" if self.state.is_oblique(self.name) else "")]
        slab = slab_label(self.state, self.name)
        if slab:
            lines.append(f"Slab {slab}")
        lines.extend(self.volume.notes)
        return lines

    def _changed(self) -> None:
        if self._stack is not None:
            self._overlays.update(self._stack, 0, self.window, self._voi,
                                  self._geometry.zoom, self._show_phi, self._geometry.transform)
            text = self._overlays.corners.text()
            series = [line for line in text["bottom_left"].split("\n")
                      if not line.startswith("Im ")]
            text["bottom_left"] = "\n".join(series + self.overlay_lines())
            self._overlays.corners.set_text(CornerText(**text))
            self._measures.set_measurements(self._plane_measurements())
        self._crosshair()
        self._measures.update(self._stack, 0)
        self.render()
        for callback in list(self.on_changed):
            callback()
