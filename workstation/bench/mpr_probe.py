"""MPR and 3D measurements on a synthetic CT volume, run in a fresh process.

``python -m workstation.bench.mpr_probe frame|memory SLICES SIZE REPEATS`` prints one JSON
line.

- ``frame``: one crosshair move = the three planes re-sliced (vtkImageReslice) and drawn
  offscreen, median over moves across the volume; the peer samples the same three planes
  with plain numpy trilinear interpolation (no display).
- ``memory``: peak resident memory above the baseline (taken after every import and after
  the four views' OpenGL contexts exist, as in the application, before the volume exists) with the three planes and the 3D rendering open, after crosshair moves
  and a 3D rotation, vs the volume's voxel bytes. Peak as in
  :mod:`workstation.bench.memory_probe` (VmHWM reset at the baseline, plus sampling).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")

import numpy as np  # noqa: E402
from vtkmodules.vtkRenderingCore import vtkRenderWindow  # noqa: E402

from workstation.bench.memory_probe import PeakRss  # noqa: E402
from workstation.core.mpr_geometry import PLANES, MprState, PlaneSpec  # noqa: E402
from workstation.core.stack import ImageStack, SeriesHeader  # noqa: E402
from workstation.core.window import Window  # noqa: E402
from workstation.render.mpr.plane_view import MprPlaneView  # noqa: E402
from workstation.render.mpr.volume import SharedVolume  # noqa: E402
from workstation.render.mpr.volume_view import VolumeView  # noqa: E402

VIEW_PX = 512


def phantom(slices: int, size: int) -> ImageStack:
    """A chest-like CT: air, an elliptic body, a spine and ribs of bone (stored = HU+1024)."""
    pixels = np.empty((slices, size, size), np.int16)
    y, x = np.ogrid[:size, :size]
    cy, cx = size / 2, size / 2
    body = ((x - cx) / (0.42 * size)) ** 2 + ((y - cy) / (0.3 * size)) ** 2 < 1
    spine = (x - cx) ** 2 + (y - cy - 0.2 * size) ** 2 < (0.05 * size) ** 2
    for k in range(slices):
        plane = np.where(body, 1064, 24).astype(np.int16)
        rib = np.abs(np.hypot((x - cx) / 0.40, (y - cy) / 0.28) - size * (0.98 + 0.01 * (k % 7)))
        plane[(rib < 3) & body] = 1824
        plane[spine] = 1624
        pixels[k] = plane
    positions = np.outer(np.arange(slices) * 1.0, [0.0, 0.0, 1.0])
    spacing = 360.0 / size
    return ImageStack(pixels=pixels, intercept=-1024.0, positions=positions,
                      pixel_spacing=(spacing, spacing), windows=(Window(40, 400),),
                      spacing_source="PixelSpacing", header=SeriesHeader(modality="CT"))


def numpy_plane(pixels: np.ndarray, volume: SharedVolume, plane: PlaneSpec) -> np.ndarray:
    """Trilinear samples of one plane in plain numpy (the peer)."""
    rows, cols = plane.size[1], plane.size[0]
    r, c = np.mgrid[:rows, :cols]
    lps = plane.origin + plane.spacing * (c[..., None] * plane.x_axis + r[..., None]
                                          * plane.y_axis)
    frame = volume.grid.to_frame(lps) / np.asarray(volume.grid.spacing)
    x, y, z = frame[..., 0], frame[..., 1], frame[..., 2]
    n, h, w = pixels.shape
    inside = (x >= 0) & (x <= w - 1) & (y >= 0) & (y <= h - 1) & (z >= 0) & (z <= n - 1)
    x0 = np.clip(np.floor(x).astype(int), 0, w - 2)
    y0 = np.clip(np.floor(y).astype(int), 0, h - 2)
    z0 = np.clip(np.floor(z).astype(int), 0, n - 2)
    fx, fy, fz = x - x0, y - y0, z - z0
    out = np.zeros(x.shape)
    for dz in (0, 1):
        for dy in (0, 1):
            for dx in (0, 1):
                weight = ((fx if dx else 1 - fx) * (fy if dy else 1 - fy)
                          * (fz if dz else 1 - fz))
                out += weight * pixels[z0 + dz, y0 + dy, x0 + dx]
    return np.where(inside, np.rint(out), volume.fill_value).astype(pixels.dtype)


def _moves(state: MprState, count: int) -> list[np.ndarray]:
    grid = state.grid
    ext = grid.extent_mm()
    return [grid.to_lps(ext * (0.3 + 0.4 * (i + 0.5) / count)) for i in range(count)]


def frame(slices: int, size: int, repeats: int) -> dict[str, object]:
    volume = SharedVolume(phantom(slices, size))
    state = MprState.centred(volume.grid)
    views = [MprPlaneView.offscreen_plane(volume, state, n, VIEW_PX, VIEW_PX) for n in PLANES]
    for view in views:
        view.update_plane()
    moves = _moves(state, max(repeats, 3) * 3)
    ours, peer = [], []
    for point in moves:
        state.move_to(point)
        start = time.perf_counter()
        for view in views:
            view.update_plane()
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        for view in views:
            numpy_plane(volume.stack.pixels, volume, state.plane(view.name))
        peer.append(time.perf_counter() - start)
    state.move_to(moves[0])
    for view in views:  # the two agree (a check that both sample the same planes)
        view.update_plane()
    worst = max(int(np.abs(view.stack.pixels[0].astype(int) - numpy_plane(
        volume.stack.pixels, volume, state.plane(view.name)).astype(int)).max())
        for view in views)
    state.set_slab(10.0)
    start = time.perf_counter()
    for view in views:
        view.update_plane()
    slab_s = time.perf_counter() - start
    return {"ours_s": statistics.median(ours), "peer_s": statistics.median(peer),
            "slab_mip_10mm_s": round(slab_s, 4), "max_abs_diff_vs_peer": worst,
            "moves": len(moves), "view_px": VIEW_PX}


def _window() -> vtkRenderWindow:
    window = vtkRenderWindow()
    window.SetOffScreenRendering(1)
    window.SetSize(VIEW_PX, VIEW_PX)
    window.Render()
    return window


def memory(slices: int, size: int) -> dict[str, object]:
    # The application has its viewports' OpenGL contexts before any series is opened.
    windows = [_window() for _ in range(4)]
    time.sleep(0.1)
    peak = PeakRss(0.002)
    baseline = peak.baseline
    stack = phantom(slices, size)
    start = time.perf_counter()
    volume = SharedVolume(stack)
    state = MprState.centred(volume.grid)
    views = [MprPlaneView(volume, state, n, w) for n, w in zip(PLANES, windows, strict=False)]
    for view in views:
        view.update_plane()
    rendering = VolumeView(volume, windows[3])
    rendering.render()
    open_s = time.perf_counter() - start
    for point in _moves(state, 4):
        state.move_to(point)
        for view in views:
            view.update_plane()
    rendering.begin_interaction()
    start = time.perf_counter()
    rendering.rotate(30.0, 10.0)
    interactive_s = time.perf_counter() - start
    start = time.perf_counter()
    rendering.end_interaction()
    still_s = time.perf_counter() - start
    mode = "CPU ray cast" if rendering.software_gl else "GPU ray cast"
    peak_rss = peak.stop()
    return {"baseline": baseline, "peak": peak_rss, "peak_above_baseline": peak_rss - baseline,
            "voxel_bytes": int(volume.voxel_bytes), "open_s": round(open_s, 4),
            "render_mode": mode, "render_stride": volume.render_stride,
            "frame_3d_interactive_s": round(interactive_s, 4),
            "frame_3d_still_s": round(still_s, 4),
            "shares_memory": bool(np.shares_memory(
                volume.stack.pixels, stack.pixels))}


def main(argv: list[str]) -> int:
    kind, slices, size, repeats = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    result = frame(slices, size, repeats) if kind == "frame" else memory(slices, size)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
