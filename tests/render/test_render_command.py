"""``workstation render``: the PNG holds the display pipeline's values; every shared file
renders or is refused cleanly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkIOImage import vtkPNGReader

from workstation.commands import render as render_command
from workstation.commands.files import walk
from workstation.core.display import apply_display
from workstation.core.window import Window

STORED = 1064  # intercept -1024: 40 HU


def _png(path: Path) -> np.ndarray:
    reader = vtkPNGReader()
    reader.SetFileName(str(path))
    reader.Update()
    image = reader.GetOutput()
    width, height, _ = image.GetDimensions()
    channels = image.GetPointData().GetScalars().GetNumberOfComponents()
    pixels = vtk_to_numpy(image.GetPointData().GetScalars()).reshape(height, width, channels)
    return pixels[::-1]  # first row = top


@pytest.fixture
def uniform_ct(tmp_path: Path) -> Path:
    """One 64x64 CT slice of a single stored value (a dark corner marks the orientation)."""
    pixels = np.full((64, 64), STORED, dtype=np.int16)
    pixels[:8, :8] = 0
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID = CTImageStorage
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID = generate_uid()
    ds.SeriesInstanceUID, ds.Modality = generate_uid(), "CT"
    ds.ImagePositionPatient, ds.ImageOrientationPatient = [0, 0, 0], [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing, ds.RescaleSlope, ds.RescaleIntercept = [0.5, 0.5], 1, -1024
    ds.Rows, ds.Columns, ds.SamplesPerPixel = 64, 64, 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
    ds.PixelData = pixels.tobytes()
    path = tmp_path / "uniform.dcm"
    ds.save_as(path, enforce_file_format=True)
    return path


@pytest.mark.parametrize(("window", "level"), [(400, 40), (80, 20), (10, 60)])
def test_probed_pixel_is_the_display_pipeline_value(uniform_ct: Path, tmp_path: Path,
                                                    window: float, level: float):
    out = tmp_path / "slice.png"
    code = render_command.main([str(uniform_ct), "--window", str(window), "--level",
                                str(level), "--size", "128x128", "--out", str(out)])
    assert code == 0
    rgb = _png(out)
    assert rgb.shape == (128, 128, 3)
    expected = apply_display(np.array([STORED]), 1.0, -1024.0, Window(level, window))[0]
    assert rgb[70, 64].tolist() == [expected] * 3


def test_every_shared_file_renders_or_is_refused(shared_dicom: Path, tmp_path: Path):
    files, _ = walk([shared_dicom])
    rendered = 0
    for k, path in enumerate(files):
        out = tmp_path / f"{k}.png"
        code = render_command.main([str(path), "--size", "48x48", "--out", str(out)])
        assert code in (0, 1), path
        assert out.exists() == (code == 0), path
        rendered += code == 0
    assert rendered > 250


def test_series_and_slice_selection(shared_dicom: Path, tmp_path: Path):
    folder = shared_dicom / "ct_series/dcm_qa_ct_GE_tilt"
    uid = "1.2.826.0.1.3680043.9.4245.3115138630835728997848661150714813892"
    out = tmp_path / "ct.png"
    assert render_command.main([str(folder), "--series", uid, "--slice", "0",
                                "--out", str(out)]) == 0
    assert _png(out).shape == (512, 512, 3)
    assert render_command.main([str(folder), "--series", "1.2.3", "--out", str(out)]) == 1
    assert render_command.main([str(folder), "--slice", "28", "--out", str(out)]) == 1


def test_usage_errors(uniform_ct: Path, tmp_path: Path):
    out = str(tmp_path / "x.png")
    assert render_command.main([str(uniform_ct), "--window", "40", "--out", out]) == 2
    assert render_command.main([str(uniform_ct), "--size", "big", "--out", out]) == 2
    assert render_command.main([str(uniform_ct)]) == 2
