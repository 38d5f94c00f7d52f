"""Multiplanar reformats and 3D volume rendering on one shared vtkImageData per series."""
