"""Digital Mammography X-Ray Image Storage - For Presentation instances (PS3.3 A.27).

The IOD combines the DX Series, DX Image, DX Detector, DX Positioning and Mammography
Series/Image modules (PS3.3 C.8.11). Rules applied here:
  * Presentation Intent Type "FOR PRESENTATION" (DX Series, C.8.11.1), so the DX Image
    module (C.8.11.3) requires Presentation LUT Shape, which is INVERSE because the
    photometric interpretation is MONOCHROME1.
  * Pixel Intensity Relationship LOG with sign +1: lower stored values mean less X-ray
    intensity reached the detector, i.e. denser tissue; Rescale Slope 1, Intercept 0 and
    Rescale Type "US" (unspecified), as the DX Image module asks.
  * Image Laterality, View Position and the View Code Sequence (SNOMED CT 399162004
    cranio-caudal, 399368009 medio-lateral oblique; CID 4014) describe the view; the
    Anatomic Region is the breast (SCT 76752008, CID 4013); Patient Orientation gives row
    and column directions (Mammography Image module, C.8.11.7).
  * Only Imager Pixel Spacing is given (the detector plane, DX Detector module C.8.11.4):
    no Pixel Spacing, since no magnification correction to the breast plane is calibrated.
  * The air around the breast equals Pixel Padding Value (General Equipment C.7.5.1 with
    Image Pixel C.7.6.3), so viewers can blank it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
from pydicom.dataset import Dataset
from pydicom.uid import DigitalMammographyXRayImageStorageForPresentation

from workstation.demohub.datagen.headers import base_dataset, code_item, set_pixels, set_windows
from workstation.demohub.datagen.mammo import BITS_STORED, PADDING_VALUE, MammoView, mammo_image
from workstation.demohub.datagen.specs import MgSeries, Study

VIEW_CODES = {
    "CC": ("399162004", "cranio-caudal"),
    "MLO": ("399368009", "medio-lateral oblique"),
}
MG_WINDOWS = ((2600.0, 2000.0, "NORMAL"), (2300.0, 1400.0, "DENSE"))


def view_pixels(series: MgSeries, view: MammoView) -> np.ndarray:
    """Stored values of one view as the detector would hand them over."""
    return mammo_image(series.phantom, view, series.rows, series.columns, series.spacing)


def mg_instance(study: Study, series: MgSeries, index: int, pixels: np.ndarray) -> Dataset:
    """The mammography dataset of view ``index`` (Instance Number ``index + 1``)."""
    view = series.views[index]
    ds = base_dataset(
        study,
        series,
        index + 1,
        DigitalMammographyXRayImageStorageForPresentation,
        series_time_offset_s=60 * index,
        frame_of_reference=False,
    )
    ds.PresentationIntentType = "FOR PRESENTATION"
    ds.ImageType = ["ORIGINAL", "PRIMARY", ""]
    ds.AcquisitionNumber = index + 1
    set_pixels(ds, pixels, BITS_STORED, "MONOCHROME1")
    ds.PixelIntensityRelationship = "LOG"
    ds.PixelIntensityRelationshipSign = 1
    ds.RescaleIntercept = 0.0
    ds.RescaleSlope = 1.0
    ds.RescaleType = "US"
    ds.PresentationLUTShape = "INVERSE"
    ds.PixelPaddingValue = PADDING_VALUE
    set_windows(ds, MG_WINDOWS)
    ds.VOILUTFunction = "SIGMOID"
    ds.DetectorType = "DIRECT"
    ds.ImagerPixelSpacing = [series.spacing, series.spacing]
    ds.PositionerType = "MAMMOGRAPHIC"
    angle = 0.0 if view.view == "CC" else (45.0 if view.laterality == "R" else -45.0)
    ds.PositionerPrimaryAngle = angle
    ds.ViewPosition = view.view
    code, meaning = VIEW_CODES[view.view]
    ds.ViewCodeSequence = [code_item(code, "SCT", meaning)]
    ds.ViewCodeSequence[0].ViewModifierCodeSequence = []
    ds.ImageLaterality = view.laterality
    ds.PatientOrientation = list(view.patient_orientation)
    ds.OrganExposed = "BREAST"
    ds.BreastImplantPresent = "NO"
    ds.PartialView = "NO"
    ds.AnatomicRegionSequence = [code_item("76752008", "SCT", "Breast")]
    ds.AcquisitionContextSequence = []
    ds.KVP = 29
    ds.ExposureInuAs = 98000
    ds.AnodeTargetMaterial = "TUNGSTEN"
    ds.FilterMaterial = "RHODIUM"
    ds.BodyPartThickness = 55 if view.view == "CC" else 58
    ds.CompressionForce = 110
    return ds


def generate_mammo(
    study: Study, series: MgSeries, indices: Iterable[int] | None = None
) -> Iterator[Dataset]:
    """Uncompressed datasets of the requested views (all by default), in order."""
    for index in range(series.count) if indices is None else indices:
        yield mg_instance(study, series, index, view_pixels(series, series.views[index]))
