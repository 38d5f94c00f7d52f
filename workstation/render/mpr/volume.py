"""The one vtkImageData of a series volume, shared by every MPR plane and the 3D view.

The stack is first made an orthogonal, uniform grid (gantry tilt and uneven spacing are
corrected by :func:`workstation.core.volume_resample.volume_ready`; the notes say what was
done). The image data borrows the stack's pixel memory (``numpy_to_vtk(deep=False)``) in
the stored type: no float copy, no second volume. It is laid out in the volume frame of
:class:`workstation.core.mpr_geometry.VolumeGrid` (x along the row cosine, y along the
column cosine, z along the slice normal, origin at the first voxel), so world coordinates
of the render layer are that frame, and LPS goes through ``grid.to_frame``.
"""

from __future__ import annotations

import math

import numpy as np
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonDataModel import vtkImageData

from workstation.core.mpr_geometry import VolumeGrid
from workstation.core.stack import ImageStack
from workstation.core.volume_resample import volume_ready

# The 3D rendering reads at most this many voxels. Every ray caster keeps its own copy or
# tables of what it renders (a GPU texture; or, on the CPU, gradient normals and magnitudes
# at 1.5 bytes per voxel), so a large series is rendered from every n-th voxel: the 3D is
# an overview, the reformats read every voxel.
MAX_RENDER_VOXELS = 8 * 1024 * 1024


class SharedVolume:
    """The corrected stack, its grid and the vtkImageData over its pixels."""

    def __init__(self, stack: ImageStack) -> None:
        if stack.is_color or stack.pixels.dtype.kind not in "iu":
            raise ValueError("MPR needs a grayscale integer volume")
        ready = volume_ready(stack)
        self.source = stack
        self.corrected = ready is not stack
        self.notes = tuple(w for w in ready.warnings if w not in stack.warnings)
        if not ready.pixels.flags.c_contiguous:
            ready.pixels = np.ascontiguousarray(ready.pixels)
        self.stack = ready
        self.grid = VolumeGrid.of_stack(ready)
        self.image = vtkImageData()
        self.image.SetDimensions(ready.columns, ready.rows, ready.count)
        self.image.SetSpacing(*self.grid.spacing)
        self.image.SetOrigin(0.0, 0.0, 0.0)
        self._flat = ready.pixels.reshape(-1)  # VTK borrows this memory: keep it alive
        scalars = numpy_to_vtk(self._flat, deep=False)
        scalars.SetName("stored")
        self.image.GetPointData().SetScalars(scalars)
        self.fill_value = float(ready.padding_value if ready.padding_value is not None
                                else ready.pixels.min())

        self._render: tuple[int, vtkImageData, np.ndarray] | None = None

    @property
    def render_stride(self) -> int:
        """Every how many voxels (along each axis) the 3D rendering samples."""
        voxels = self.stack.pixels.size
        return max(1, math.ceil((voxels / MAX_RENDER_VOXELS) ** (1.0 / 3.0) - 1e-9))

    def render_image(self) -> vtkImageData:
        """The image the 3D rendering reads: this volume, or every n-th voxel of it (same
        frame: origin at voxel 0, spacing times n)."""
        stride = self.render_stride
        if stride == 1:
            return self.image
        if self._render is None:
            pixels = np.ascontiguousarray(self.stack.pixels[::stride, ::stride, ::stride])
            image = vtkImageData()
            image.SetDimensions(pixels.shape[2], pixels.shape[1], pixels.shape[0])
            image.SetSpacing(*(s * stride for s in self.grid.spacing))
            image.SetOrigin(0.0, 0.0, 0.0)
            flat = pixels.reshape(-1)
            image.GetPointData().SetScalars(numpy_to_vtk(flat, deep=False))
            self._render = (stride, image, flat)
        return self._render[1]

    @property
    def voxel_bytes(self) -> int:
        return int(self.stack.pixels.nbytes)
