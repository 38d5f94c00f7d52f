"""The last rendered frame of a VTK render window as an array: what pixel-probe tests,
screenshots and the self-check read (``QWidget.grab`` shows VTK views black)."""

from __future__ import annotations

import numpy as np
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkRenderingCore import vtkRenderWindow, vtkWindowToImageFilter


def frame_rgb(render_window: vtkRenderWindow) -> np.ndarray:
    """(height, width, 3) uint8 of the back buffer, first row = top of the view."""
    grabber = vtkWindowToImageFilter()
    grabber.SetInput(render_window)
    grabber.SetInputBufferTypeToRGB()
    grabber.ReadFrontBufferOff()
    grabber.Update()
    image = grabber.GetOutput()
    width, height, _ = image.GetDimensions()
    rgb = vtk_to_numpy(image.GetPointData().GetScalars()).reshape(height, width, 3)
    return np.ascontiguousarray(rgb[::-1])  # VTK rows run bottom to top
