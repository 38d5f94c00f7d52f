"""The reading viewer's benchmark figures.

- P4: time until the first image of the demo CT is on screen vs time until the whole
  series is decoded and ready, both from the same start (files on disk, page cache warm,
  decoding pool started): one instance is decoded alone and rendered by our
  :class:`~workstation.render.slice_view.SliceView` offscreen, then the whole series
  loads on a worker thread, in the viewer's order (its series preview); goal <= 0.1.
- P5: frame time of scrolling with a window/level change on every frame through our
  SliceView (exact display table, overlays, measurements layer) vs a bare VTK loop
  rendering the same slices of the same volume at the same size (vtkImageSliceMapper on
  the whole volume with SetSliceNumber, window/level set on the vtkImageProperty, as
  vtkImageViewer2 does); goal <= 1.15. vtkImageViewer2 itself (vtkImageMapToWindowLevelColors
  + vtkImageActor) was about five times slower per frame on the same machine, so the
  slice mapper is the stricter peer.

Both sides render offscreen into a render window of the same size; the last frame is read
back so that queued GPU work is inside the time.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import numpy as np

from workstation.bench.figures import Figure, _round

VIEW_PX = 512
FRAMES = 120


def _read_back(window: object) -> None:
    from vtkmodules.vtkRenderingCore import vtkWindowToImageFilter

    grab = vtkWindowToImageFilter()
    grab.SetInput(window)
    grab.ShouldRerenderOff()  # the frame is rendered: only wait for it and read it
    grab.ReadFrontBufferOff()
    grab.Update()


def _our_loop(stack: object, frames: int) -> float:
    """Seconds per frame: next slice and a new window each frame, through SliceView."""
    from workstation.core.window import Window
    from workstation.render.slice_view import SliceView

    view = SliceView.offscreen(VIEW_PX, VIEW_PX)
    view.set_stack(stack, Window(40, 400))  # type: ignore[arg-type]
    view.set_slice(0)
    count = view.stack.count if view.stack is not None else 1
    view.render()
    start = time.perf_counter()
    for f in range(frames):
        with view.batch():  # one frame: one render for both changes
            view.set_slice(f % count)
            view.set_window(Window(40.0 + (f % 50), 400.0 + 2 * (f % 50)))
    _read_back(view.render_window)
    elapsed = time.perf_counter() - start
    view.render_window.Finalize()
    return elapsed / frames


def _bare_loop(pixels: np.ndarray, slope: float, intercept: float, frames: int) -> float:
    """Seconds per frame of the bare VTK peer on the same volume."""
    from vtkmodules.util.numpy_support import numpy_to_vtk
    from vtkmodules.vtkCommonDataModel import vtkImageData
    from vtkmodules.vtkRenderingCore import (
        vtkImageProperty,
        vtkImageSlice,
        vtkImageSliceMapper,
        vtkRenderer,
        vtkRenderWindow,
    )

    import vtkmodules.vtkRenderingOpenGL2  # noqa: F401  isort: skip

    count, rows, columns = pixels.shape
    image = vtkImageData()
    image.SetDimensions(columns, rows, count)
    flat = np.ascontiguousarray(pixels).ravel()
    image.GetPointData().SetScalars(numpy_to_vtk(flat, deep=False))
    mapper = vtkImageSliceMapper()
    mapper.SetInputData(image)
    mapper.SetOrientationToZ()
    prop = vtkImageProperty()
    prop.SetInterpolationTypeToNearest()
    actor = vtkImageSlice()
    actor.SetMapper(mapper)
    actor.SetProperty(prop)
    renderer = vtkRenderer()
    renderer.AddViewProp(actor)
    window = vtkRenderWindow()
    window.SetOffScreenRendering(1)
    window.SetSize(VIEW_PX, VIEW_PX)
    window.AddRenderer(renderer)
    mapper.SetSliceNumber(0)
    renderer.ResetCamera()
    renderer.GetActiveCamera().ParallelProjectionOn()
    renderer.ResetCamera()
    window.Render()

    def stored(hu: float) -> float:  # the window in stored values
        return (hu - intercept) / slope

    start = time.perf_counter()
    for f in range(frames):
        mapper.SetSliceNumber(f % count)
        center, width = 40.0 + (f % 50), 400.0 + 2 * (f % 50)
        prop.SetColorLevel(stored(center))
        prop.SetColorWindow(width / slope)
        window.Render()
    _read_back(window)
    elapsed = time.perf_counter() - start
    window.Finalize()
    return elapsed / frames


def figure_p5(files: list[Path], repeats: int, frames: int = FRAMES) -> Figure:
    from workstation.dicom.loader import load_series

    figure = Figure("P5", 1.15, "bare VTK vtkImageSliceMapper + vtkImageProperty W/L")
    stack = max(load_series(files).stacks, key=lambda s: s.count)
    ours_runs, peer_runs = [], []
    _our_loop(stack, 10)
    _bare_loop(stack.pixels, stack.slope, stack.intercept, 10)
    for _ in range(repeats):
        ours_runs.append(_our_loop(stack, frames))
        peer_runs.append(_bare_loop(stack.pixels, stack.slope, stack.intercept, frames))
    ours_s, peer_s = statistics.median(ours_runs), statistics.median(peer_runs)
    figure.ours_s, figure.peer_s = _round(ours_s), _round(peer_s)
    figure.ratio = _round(ours_s / peer_s)
    figure.notes = (f"seconds per frame, {frames} frames of next slice + new W/L, "
                    f"{stack.rows}x{stack.columns} slices in a {VIEW_PX}x{VIEW_PX} offscreen "
                    f"view, median of {repeats}")
    return figure


def _first_and_full(files: list[Path]) -> tuple[float, float]:
    """(seconds to the first image rendered, seconds to the whole series ready), both
    from one start, in the viewer's order: once the series is cached, one instance is
    decoded alone and shown (:class:`workstation.ui.series_preview.SeriesPreview`, run
    by the ``series_cached`` signal before the series load starts), then the whole
    series loads on a worker thread."""
    import threading

    from workstation.core.window import Window
    from workstation.dicom.loader import load_series
    from workstation.render.slice_view import SliceView

    view = SliceView.offscreen(VIEW_PX, VIEW_PX)
    view.render()  # the viewport exists before the series is opened
    done: dict[str, object] = {}

    def whole() -> None:
        done["result"] = load_series(files)
        done["s"] = time.perf_counter() - start

    start = time.perf_counter()
    preview = load_series([files[len(files) // 2].read_bytes()], workers=1).stacks[0]
    view.set_stack(preview, Window(40, 400))
    _read_back(view.render_window)
    first = time.perf_counter() - start
    worker = threading.Thread(target=whole, name="bench-series-load")
    worker.start()
    worker.join(600)
    view.render_window.Finalize()
    result = done.get("result")
    stacks = getattr(result, "stacks", [])
    if getattr(result, "errors", True) or not stacks or stacks[0].count != len(files):
        raise RuntimeError("the benchmark series did not load as one stack")
    return first, float(done["s"])  # type: ignore[arg-type]


def demo_ct_files(root: Path) -> list[Path]:
    """Files of the demo data set's largest CT series (generated into ``root`` once, the
    same data the demo hub serves)."""
    import pydicom

    from workstation.demohub.datagen import ensure_demo_data

    ensure_demo_data(root)
    best: list[Path] = []
    for folder in sorted((root / "studies").glob("study-*/series-*")):
        files = sorted(folder.glob("*.dcm"))
        if len(files) > len(best) and files:
            modality = pydicom.dcmread(files[0], stop_before_pixels=True).get("Modality", "")
            if modality == "CT":
                best = files
    if not best:
        raise RuntimeError("the demo data set has no CT series")
    return best


def figure_p4(files: list[Path], repeats: int) -> Figure:
    from workstation.dicom import decode_pool

    figure = Figure("P4", 0.1, "time to the whole series ready (same load)")
    decode_pool.warm_up(wait=True)
    _first_and_full(files)
    runs = [_first_and_full(files) for _ in range(repeats)]
    first = statistics.median(r[0] for r in runs)
    full = statistics.median(r[1] for r in runs)
    figure.ours_s, figure.peer_s = _round(first), _round(full)
    figure.ratio = _round(first / full)
    figure.notes = (f"{len(files)} files on disk, page cache warm, pool started; first = "
                    "one instance decoded alone and rendered offscreen; full = that, then "
                    "the whole series loaded (the viewer's order)")
    return figure
