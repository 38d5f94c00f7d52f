"""``workstation render PATH [--series UID] [--slice K] [--window W --level L]
[--size WxH] --out FILE.png``: one slice rendered as the viewer shows it.

The image goes through the viewer's own :class:`workstation.render.slice_view.SliceView`
(offscreen: EGL when there is no display), so the PNG holds the same display values the
screen would: the exact per-stored-value lookup table of PS3.4 Annex N (Modality LUT, VOI
LUT or window, Presentation LUT). The corner overlays are drawn without patient identity.

PATH is a file or a folder (all files under it are loaded, as ``inspect`` does); without
``--series`` the first stack is drawn, without ``--slice`` its middle slice (where the
viewer opens), without ``--window/--level`` the image's own default VOI.

Exit status: 0 when the PNG was written, 1 when nothing could be read or the series or
slice does not exist, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from workstation.commands.files import walk


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError("size must be WIDTHxHEIGHT, e.g. 512x512") from None
    if not (16 <= width <= 8192 and 16 <= height <= 8192):
        raise argparse.ArgumentTypeError("width and height must be between 16 and 8192")
    return width, height


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workstation render",
        description="Render one slice of a DICOM series to a PNG file, as the viewer shows it.",
    )
    parser.add_argument("path", metavar="PATH", help="a DICOM file or a folder")
    parser.add_argument("--series", metavar="UID", help="Series Instance UID to draw")
    parser.add_argument("--slice", type=int, metavar="K", help="slice index, from 0")
    parser.add_argument("--window", type=float, metavar="W", help="window width")
    parser.add_argument("--level", type=float, metavar="L", help="window center")
    parser.add_argument("--size", type=_size, default=(512, 512), metavar="WxH",
                        help="image size in pixels (default 512x512)")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.png")
    return parser


def _headless_default() -> None:
    """Without a display server, VTK must render through EGL (set before VTK loads)."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")


# Offscreen views by size: creating a GL context costs tens of milliseconds, so a process
# that renders many files (a batch, the tests) reuses one; set_stack resets its state.
_VIEWS: dict[tuple[int, int], object] = {}


def _view(size: tuple[int, int]) -> object:
    from workstation.render.slice_view import SliceView

    if size not in _VIEWS:
        view = SliceView.offscreen(*size)
        view.show_phi = False
        _VIEWS[size] = view
    return _VIEWS[size]


def write_png(view: object, out: Path) -> None:
    """The view's current frame into ``out`` with vtkPNGWriter."""
    from vtkmodules.vtkIOImage import vtkPNGWriter
    from vtkmodules.vtkRenderingCore import vtkWindowToImageFilter

    view.render()  # type: ignore[attr-defined]
    grabber = vtkWindowToImageFilter()
    grabber.SetInput(view.render_window)  # type: ignore[attr-defined]
    grabber.SetInputBufferTypeToRGB()
    grabber.ReadFrontBufferOff()
    grabber.Update()
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = vtkPNGWriter()
    writer.SetFileName(str(out))
    writer.SetInputConnection(grabber.GetOutputPort())
    writer.Write()


def main(argv: list[str]) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help and usage errors
        return exc.code if isinstance(exc.code, int) else 2
    if (args.window is None) != (args.level is None):
        print("render: --window and --level go together", file=sys.stderr)
        return 2
    if args.window is not None and args.window <= 0:
        print("render: --window must be positive", file=sys.stderr)
        return 2

    from workstation.dicom.loader import load_series

    files, missing = walk([args.path])
    if missing or not files:
        print(f"render: {args.path}: no such file or folder", file=sys.stderr)
        return 1
    result = load_series(files)
    stacks = [s for s in result.stacks
              if args.series is None or s.header.series_uid == args.series]
    if not stacks:
        reason = (f"no series {args.series}" if args.series and result.stacks
                  else "; ".join(e.message for e in result.errors[:3]) or "no image")
        print(f"render: nothing to draw: {reason}", file=sys.stderr)
        return 1
    stack = stacks[0]
    if args.slice is not None and not 0 <= args.slice < stack.count:
        print(f"render: slice {args.slice} is outside 0..{stack.count - 1}", file=sys.stderr)
        return 1

    _headless_default()
    from workstation.core.window import Window
    from workstation.render.slice_view import SliceView

    view = _view(args.size)
    assert isinstance(view, SliceView)
    window = None if args.window is None else Window(args.level, args.window)
    view.set_stack(stack, window)
    if args.slice is not None:
        view.set_slice(args.slice)
    write_png(view, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
