"""``workstation self-check [--json]``: prove an installed copy can decode and draw.

Hospital IT runs this after installing a bundle (and the packaging test runs it on the
freshly built one): it needs no hub, no display and no patient data. It

1. builds a synthetic CT slice in memory with a known stored-value pattern;
2. compresses it with every encoder this installation has (RLE Lossless, JPEG-LS
   Lossless, JPEG 2000 Lossless — PS3.5 Annex A.4) and decodes it back through the
   viewer's decoder registry, requiring the stored values to come back exactly;
3. renders the slice offscreen through :class:`~workstation.render.slice_view.SliceView`
   and checks the screen grey of a known region against the display pipeline
   (PS3.14-style window, PS3.3 C.11.2.1.2.1 linear function) computed in ``core``.

Exit status 0 when every check passed, 1 otherwise; each check prints one line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass

import numpy as np

ROWS = COLS = 64
BLOCK_HU = 40  # the square in the middle of the synthetic slice
BACKGROUND_HU = -1000
WINDOW = (40.0, 400.0)  # centre, width: soft tissue


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def synthetic_slice():  # -> pydicom Dataset
    """A 64×64 CT slice: air around a 40 HU square, stored with slope 1, intercept -1024."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid

    hu = np.full((ROWS, COLS), BACKGROUND_HU, dtype=np.int32)
    hu[16:48, 16:48] = BLOCK_HU
    hu[0, :] = np.arange(COLS) * 20 - 600  # a ramp: lossy damage would show
    stored = (hu + 1024).astype(np.uint16)
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = CTImageStorage
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = CTImageStorage
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID = generate_uid(), generate_uid()
    ds.Modality = "CT"
    ds.PatientName, ds.PatientID = "SELF^CHECK", "SELFCHECK"
    ds.Rows, ds.Columns = ROWS, COLS
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 0
    ds.RescaleSlope, ds.RescaleIntercept, ds.RescaleType = 1, -1024, "HU"
    ds.PixelSpacing = [0.7, 0.7]
    ds.SliceThickness = 1.0
    ds.ImagePositionPatient = [0, 0, 0]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.InstanceNumber = 1
    ds.PixelData = stored.tobytes()
    return ds


def _encoders() -> list[tuple[str, str, dict[str, object]]]:
    from pydicom.uid import JPEG2000Lossless, JPEGLSLossless, RLELossless

    return [
        ("RLE Lossless", RLELossless, {}),
        ("JPEG-LS Lossless", JPEGLSLossless, {}),
        ("JPEG 2000 Lossless", JPEG2000Lossless, {}),
    ]


def check_codecs() -> list[Check]:
    """Round trip through every encoder present; a missing encoder is reported, and only
    the RLE one (pure pydicom) is required."""
    from copy import deepcopy

    from workstation.dicom.decoders import decode_frames, plugin_order

    checks = []
    reference = synthetic_slice()
    expected = np.frombuffer(reference.PixelData, dtype=np.uint16).reshape(ROWS, COLS)
    for name, syntax, kwargs in _encoders():
        ds = deepcopy(reference)
        try:
            ds.compress(syntax, **kwargs)
        except Exception as exc:  # encoder plugin absent in this installation
            checks.append(Check(f"codec {name}", name != "RLE Lossless",
                                f"no encoder here ({type(exc).__name__}); decode not tested"))
            continue
        try:
            frames = decode_frames(ds)
        except Exception as exc:
            checks.append(Check(f"codec {name}", False, f"decode failed: {exc}"))
            continue
        got = np.asarray(frames).reshape(ROWS, COLS)
        same = bool(np.array_equal(got.astype(np.int64), expected.astype(np.int64)))
        plugins = ", ".join(plugin_order(str(syntax))) or "-"
        checks.append(Check(f"codec {name}", same,
                            f"lossless round trip {'exact' if same else 'DIFFERS'}; "
                            f"decoders in order: {plugins}"))
    return checks


def check_render() -> Check:
    """Render offscreen and compare the square's grey with the core display pipeline."""
    from workstation.commands.render import _headless_default

    _headless_default()
    from workstation.core.window import Window
    from workstation.dicom.loader import load_series

    ds = synthetic_slice()
    try:
        from io import BytesIO

        buffer = BytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory(prefix="ws-selfcheck-") as folder:
            path = Path(folder) / "slice.dcm"
            path.write_bytes(buffer.getvalue())
            result = load_series([path])
        stack = result.stacks[0]
        from workstation.render.slice_view import SliceView

        view = SliceView.offscreen(128, 128)
        view.show_phi = False
        view.show_overlays = False
        view.set_stack(stack, Window(*WINDOW))
        frame = view.capture()
    except Exception as exc:
        return Check("render", False, f"offscreen render failed: {type(exc).__name__}: {exc}")
    centre, width = WINDOW
    # PS3.3 C.11.2.1.2.1: linear window, output range 0..255.
    expected = np.clip(((BLOCK_HU - (centre - 0.5)) / (width - 1) + 0.5) * 255, 0, 255)
    h, w = frame.shape[:2]
    grey = int(frame[h // 2, w // 2, 0])
    ok = abs(grey - float(expected)) <= 1.0
    return Check("render", ok, f"centre grey {grey}, expected {expected:.1f} (±1)")


def run_checks() -> list[Check]:
    steps: list[Callable[[], list[Check]]] = [check_codecs, lambda: [check_render()]]
    checks: list[Check] = []
    for step in steps:
        checks.extend(step())
    return checks


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="workstation self-check",
        description="Decode and draw a synthetic image offscreen; no hub or display needed.",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    checks = run_checks()
    if args.json:
        print(json.dumps([asdict(c) for c in checks], indent=2))
    else:
        for c in checks:
            print(f"{'ok  ' if c.ok else 'FAIL'} {c.name}: {c.detail}")
    return 0 if all(c.ok for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
