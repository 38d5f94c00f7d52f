"""3D volume rendering of the shared volume: presets, rotate/zoom, clip box, LOD.

vtkSmartVolumeMapper picks the GPU ray caster when the OpenGL context can run it; on a
software OpenGL (Mesa llvmpipe) the CPU fixed-point ray caster is used instead, being
several times faster there and needing no texture copy. Either reads
:meth:`SharedVolume.render_image` (the shared vtkImageData, or every n-th voxel of a large
one) in the stored type, so the transfer functions are mapped to stored values (:func:`workstation.core.volume_presets.stored_points`). The clip box is the
mapper's cropping region (supported by both ray casters). While the reader drags, the
sample distance is raised (coarser, faster frames); the full-quality frame follows the
release. The CPU ray caster also casts one ray per 2×2 pixels while dragging.

Like SliceView, the view owns no event handling: the Qt widget calls :meth:`rotate`,
:meth:`zoom_by`, :meth:`begin_interaction` / :meth:`end_interaction`.
"""

from __future__ import annotations

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkPiecewiseFunction
from vtkmodules.vtkRenderingCore import (
    vtkColorTransferFunction,
    vtkRenderer,
    vtkRenderWindow,
    vtkTextActor,
    vtkVolume,
    vtkVolumeProperty,
)
from vtkmodules.vtkRenderingVolume import vtkFixedPointVolumeRayCastMapper
from vtkmodules.vtkRenderingVolumeOpenGL2 import vtkSmartVolumeMapper

import vtkmodules.vtkRenderingFreeType  # noqa: F401  isort: skip
import vtkmodules.vtkRenderingOpenGL2  # noqa: F401  isort: skip

from workstation.core.volume_presets import VolumePreset, presets_for, stored_points
from workstation.render.frame_capture import frame_rgb
from workstation.render.mpr.volume import SharedVolume

INTERACTIVE_FACTOR = 4.0  # sample distance multiplier while dragging
INTERACTIVE_IMAGE_STEP = 2.0  # CPU ray caster: one ray per 2x2 screen pixels while dragging
RESET_ZOOM = 1.4  # ResetCamera leaves room for the bounding sphere; the body fills more
SOFTWARE_GL = ("llvmpipe", "softpipe", "swrast", "software rasterizer", "swiftshader")


class VolumeView:
    """A volume rendering bound to one render window (Qt's, or an offscreen one)."""

    def __init__(self, volume: SharedVolume, render_window: vtkRenderWindow | None = None
                 ) -> None:
        self.volume = volume
        self.render_window = render_window if render_window is not None else vtkRenderWindow()
        self.renderer = vtkRenderer()
        self.renderer.SetBackground(0.0, 0.0, 0.0)
        self.render_window.AddRenderer(self.renderer)
        interactor = self.render_window.GetInteractor()
        if interactor is not None:
            interactor.SetInteractorStyle(None)
        self.mapper: vtkSmartVolumeMapper | vtkFixedPointVolumeRayCastMapper
        self.mapper = vtkSmartVolumeMapper()
        self.mapper.SetInputData(volume.render_image())
        self.mapper.SetRequestedRenderModeToDefault()
        self.mapper.AutoAdjustSampleDistancesOff()
        self._fine = min(volume.grid.spacing) * volume.render_stride
        self.software_gl: bool | None = None
        self.mapper.SetSampleDistance(self._fine)
        self.property = vtkVolumeProperty()
        self.property.SetInterpolationTypeToLinear()
        self.actor = vtkVolume()
        self.actor.SetMapper(self.mapper)
        self.actor.SetProperty(self.property)
        self.renderer.AddVolume(self.actor)
        self.label = vtkTextActor()
        self.label.GetTextProperty().SetFontSize(14)
        self.label.GetTextProperty().ShadowOn()
        self.label.SetPosition(6, 6)
        self.renderer.AddViewProp(self.label)
        self.interacting = False
        self.preset: VolumePreset | None = None
        self.clip_fraction = (0.0, 1.0, 0.0, 1.0, 0.0, 1.0)
        modality = volume.stack.header.modality or ""
        self.presets = presets_for(modality)
        self.apply_preset(self.presets[0])
        self.reset_camera()

    @classmethod
    def offscreen(cls, volume: SharedVolume, width: int, height: int) -> VolumeView:
        window = vtkRenderWindow()
        window.SetOffScreenRendering(1)
        window.SetSize(width, height)
        return cls(volume, window)

    # -- appearance -------------------------------------------------------------------------

    def apply_preset(self, preset: VolumePreset) -> None:
        color_points, opacity_points = stored_points(preset, self.volume.stack)
        color = vtkColorTransferFunction()
        for value, r, g, b in color_points:
            color.AddRGBPoint(value, r, g, b)
        opacity = vtkPiecewiseFunction()
        for value, a in opacity_points:
            opacity.AddPoint(value, a)
        self.property.SetColor(color)
        self.property.SetScalarOpacity(opacity)
        self.property.SetShade(1 if preset.shade else 0)
        self.property.SetAmbient(preset.ambient)
        self.property.SetDiffuse(preset.diffuse)
        self.property.SetSpecular(preset.specular)
        self.preset = preset
        self._update_label()

    def cycle_preset(self, step: int = 1) -> VolumePreset:
        names = [p.id for p in self.presets]
        index = names.index(self.preset.id) if self.preset is not None else -1
        self.apply_preset(self.presets[(index + step) % len(self.presets)])
        return self.presets[(index + step) % len(self.presets)]

    # -- camera -------------------------------------------------------------------------------

    def reset_camera(self) -> None:
        """Anterior view, head up (LPS: looking along +P, up is +S)."""
        grid = self.volume.grid
        centre = grid.extent_mm() / 2.0
        to_frame = grid.frame.T
        view_dir = to_frame @ np.array([0.0, 1.0, 0.0])
        up = to_frame @ np.array([0.0, 0.0, 1.0])
        distance = float(np.linalg.norm(grid.extent_mm())) * 2.0
        camera = self.renderer.GetActiveCamera()
        camera.SetFocalPoint(*centre)
        camera.SetPosition(*(centre - view_dir * distance))
        camera.SetViewUp(*up)
        self.renderer.ResetCamera()
        camera.Zoom(RESET_ZOOM)

    def rotate(self, azimuth: float, elevation: float) -> None:
        camera = self.renderer.GetActiveCamera()
        camera.Azimuth(azimuth)
        camera.Elevation(elevation)
        camera.OrthogonalizeViewUp()
        self.renderer.ResetCameraClippingRange()
        self.render()

    def zoom_by(self, factor: float) -> None:
        self.renderer.GetActiveCamera().Zoom(factor)
        self.render()

    # -- clip box ----------------------------------------------------------------------------

    def set_clip_box(self, fractions: tuple[float, float, float, float, float, float]) -> None:
        """Keep the part of the volume inside (xmin, xmax, ymin, ymax, zmin, zmax), as
        fractions 0..1 of the volume frame's extent along each axis."""
        lo = np.clip(np.asarray(fractions[0::2], float), 0.0, 1.0)
        hi = np.clip(np.asarray(fractions[1::2], float), 0.0, 1.0)
        hi = np.maximum(hi, lo + 1e-3)
        self.clip_fraction = tuple(float(v) for pair in zip(lo, hi, strict=True) for v in pair)
        ext = self.volume.grid.extent_mm()
        planes = [v * ext[i // 2] for i, v in enumerate(self.clip_fraction)]
        whole = self.clip_fraction == (0.0, 1.0, 0.0, 1.0, 0.0, 1.0)
        self.mapper.SetCropping(0 if whole else 1)
        self.mapper.SetCroppingRegionPlanes(*planes)
        self.mapper.SetCroppingRegionFlagsToSubVolume()
        self._update_label()

    def clip_around(self, lps: np.ndarray, half_mm: float) -> None:
        """A cube clip box of half-size ``half_mm`` around a patient point."""
        grid = self.volume.grid
        centre = grid.to_frame(lps)
        ext = np.maximum(grid.extent_mm(), 1e-6)
        box = []
        for i in range(3):
            box += [(centre[i] - half_mm) / ext[i], (centre[i] + half_mm) / ext[i]]
        self.set_clip_box(tuple(box))  # type: ignore[arg-type]

    # -- level of detail ---------------------------------------------------------------------

    def begin_interaction(self) -> None:
        self.interacting = True
        self.mapper.SetSampleDistance(self._fine * INTERACTIVE_FACTOR)
        if isinstance(self.mapper, vtkFixedPointVolumeRayCastMapper):
            self.mapper.SetImageSampleDistance(INTERACTIVE_IMAGE_STEP)

    def end_interaction(self) -> None:
        self.interacting = False
        self.mapper.SetSampleDistance(self._fine)
        if isinstance(self.mapper, vtkFixedPointVolumeRayCastMapper):
            self.mapper.SetImageSampleDistance(1.0)
        self.render()

    @property
    def sample_distance(self) -> float:
        return float(self.mapper.GetSampleDistance())

    # -- output -------------------------------------------------------------------------------

    def _update_label(self) -> None:
        parts = ["3D"]
        if self.preset is not None:
            parts.append(self.preset.name)
        if self.clip_fraction != (0.0, 1.0, 0.0, 1.0, 0.0, 1.0):
            parts.append("clipped")
        if self.volume.render_stride > 1:
            parts.append(f"(1/{self.volume.render_stride} resolution)")
        self.label.SetInput("\n".join(["  ".join(parts), *self.volume.notes]))

    def render(self) -> None:
        if self.software_gl is None:
            self._choose_ray_caster()
        self.render_window.Render()

    def _choose_ray_caster(self) -> None:
        """On a software OpenGL (Mesa llvmpipe and the like) the CPU ray caster is several
        times faster than the GPU one emulated on the CPU, and needs no texture copy."""
        self.actor.VisibilityOff()
        self.render_window.Render()  # creates the context, so it can be asked
        self.actor.VisibilityOn()
        caps = (self.render_window.ReportCapabilities() or "").lower()
        self.software_gl = any(name in caps for name in SOFTWARE_GL)
        if self.software_gl:
            mapper = vtkFixedPointVolumeRayCastMapper()
            mapper.SetInputData(self.volume.render_image())
            mapper.AutoAdjustSampleDistancesOff()
            mapper.SetSampleDistance(self.mapper.GetSampleDistance())
            mapper.SetImageSampleDistance(1.0)
            self.mapper = mapper
            self.actor.SetMapper(mapper)
            self.set_clip_box(self.clip_fraction)  # type: ignore[arg-type]

    def capture(self) -> np.ndarray:
        self.render()
        return frame_rgb(self.render_window)
