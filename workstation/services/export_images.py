"""Key images as PNG or JPEG, for slides and messages: pixels through the viewer's display
pipeline (PS3.4 Annex N: Modality LUT, VOI LUT or window, Presentation LUT, via
:func:`workstation.core.display.display_values`), optionally with a few lines of text
burned into the corner.

The burned-in text never carries patient identity: it names the series, image number,
window and modality only (plus text the caller adds, e.g. a teaching caption), because a
picture leaves every de-identification behind. Files are named ``KEY_001.png`` ...; the
export is audited like every other.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pydicom
from PIL import Image, ImageDraw, ImageFont
from pydicom.errors import InvalidDicomError

from workstation.core.autowindow import percentile_window
from workstation.core.display import display_values
from workstation.core.grayscale import VoiTransform
from workstation.core.resource_files import resource_path
from workstation.core.window import Window
from workstation.dicom.display_attributes import grayscale_transform
from workstation.services.export_audit import IMAGES, AuditSink, ExportEvent, audit_export
from workstation.services.export_dicom import ExportError, Source

FORMATS = {"png": "PNG", "jpeg": "JPEG", "jpg": "JPEG"}
FONT_FILE = "DejaVuSans.ttf"


@dataclass(slots=True)
class ImageExportResult:
    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def render_display(ds: pydicom.Dataset, frame: int = 0,
                   window: VoiTransform | None = None) -> tuple[np.ndarray, Window | None]:
    """8-bit display values of one frame (grayscale H x W, or colour H x W x 3) and the
    window used (None for colour or a VOI LUT table). ``window`` is the viewer's current
    window or VOI LUT; None uses the image's own, else the automatic window."""
    pixels = ds.pixel_array
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    if frames > 1:
        pixels = pixels[min(max(frame, 0), frames - 1)]
    if int(ds.get("SamplesPerPixel", 1) or 1) > 1:
        return np.ascontiguousarray(pixels[..., :3]).astype(np.uint8), None
    photometric = str(ds.get("PhotometricInterpretation", "MONOCHROME2")).strip()
    transform = grayscale_transform(ds, pixels.dtype, photometric)
    voi = window if window is not None else transform.default_voi
    if voi is None:
        voi = percentile_window(pixels, transform)
    return display_values(pixels, transform, voi), voi if isinstance(voi, Window) else None


def overlay_lines(ds: pydicom.Dataset, window: Window | None) -> list[str]:
    """Corner text without identity: series, image, window, modality."""
    lines = []
    series = ds.get("SeriesNumber")
    image = ds.get("InstanceNumber")
    if series is not None or image is not None:
        lines.append(f"Se {series if series is not None else '-'}  "
                     f"Im {image if image is not None else '-'}")
    if window is not None:
        lines.append(f"W {window.width:.0f}  L {window.center:.0f}")
    modality = str(ds.get("Modality", "") or "")
    if modality:
        lines.append(modality)
    return lines


def burn_text(image: Image.Image, lines: Sequence[str]) -> Image.Image:
    """The image with ``lines`` drawn top-left in white on a dark outline."""
    if not lines:
        return image
    out = image.convert("RGB")
    size = max(10, out.height // 32)
    try:
        font: ImageFont.ImageFont | ImageFont.FreeTypeFont = ImageFont.truetype(
            str(resource_path("fonts", FONT_FILE)), size)
    except OSError:
        font = ImageFont.load_default()
    draw = ImageDraw.Draw(out)
    draw.multiline_text((size // 2, size // 2), "\n".join(lines), font=font,
                        fill=(255, 255, 255), stroke_width=max(1, size // 10),
                        stroke_fill=(0, 0, 0))
    return out


def export_key_images(
    sources: Iterable[Source], folder: Path, *, image_format: str = "png",
    with_overlay: bool = False, caption: str = "", window: VoiTransform | None = None,
    sink: AuditSink | None = None,
) -> ImageExportResult:
    """Write each source image as ``KEY_nnn.<format>`` into ``folder``."""
    kind = FORMATS.get(image_format.lower())
    if kind is None:
        raise ValueError(f"unsupported image format {image_format!r}: use png or jpeg")
    result = ImageExportResult()
    studies: list[str] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for label, data in sources:
            try:
                ds = pydicom.dcmread(io.BytesIO(data))
                pixels, used = render_display(ds, window=window)
            except (InvalidDicomError, AttributeError, ValueError, EOFError) as exc:
                result.skipped.append(f"{label}: cannot be drawn ({type(exc).__name__})")
                continue
            study = str(ds.get("StudyInstanceUID", "") or "")
            if study and study not in studies:
                studies.append(study)
            picture = Image.fromarray(pixels)
            if with_overlay:
                lines = overlay_lines(ds, used) + ([caption] if caption else [])
                picture = burn_text(picture, lines)
            extension = "png" if kind == "PNG" else "jpg"
            path = folder / f"KEY_{len(result.files) + 1:03d}.{extension}"
            options = {"quality": 95} if kind == "JPEG" else {}
            with open(path, "xb") as fh:
                picture.convert("RGB" if kind == "JPEG" else picture.mode).save(
                    fh, kind, **options)
            result.files.append(path)
    except OSError as exc:
        _audit(studies, result, image_format, sink, "failure")
        raise ExportError(f"could not write the images: {exc.strerror or exc}") from exc
    _audit(studies, result, image_format, sink, "success" if not result.skipped else "partial")
    return result


def _audit(studies: list[str], result: ImageExportResult, image_format: str,
           sink: AuditSink | None, outcome: str) -> None:
    audit_export(ExportEvent(
        action=IMAGES, study_uids=tuple(studies), instances=len(result.files),
        destination_kind="folder", profile=None, outcome=outcome,
        detail=f"format {image_format}"), sink)
