"""MPR and 3D benchmark figures, each measured in a fresh process
(:mod:`workstation.bench.mpr_probe`) on a synthetic CT of the benchmark's size.

- P_mpr_frame: one crosshair move (three planes re-sliced and drawn offscreen) vs the same
  three planes sampled with plain numpy trilinear interpolation; goal <= 1.0.
- P7: peak resident memory with the three planes and the 3D rendering open, above the
  baseline (imports and the views' OpenGL contexts), vs the volume's voxel bytes (the
  volume itself is part of the peak); goal <= 1.5.
"""

from __future__ import annotations

import json
import subprocess
import sys

from workstation.bench.figures import Figure

MPR_FIGURES = ("P_mpr_frame", "P7")


def _probe(kind: str, slices: int, size: int, repeats: int) -> dict:
    output = subprocess.run(  # noqa: S603 - this interpreter, our own module
        [sys.executable, "-m", "workstation.bench.mpr_probe", kind, str(slices), str(size),
         str(repeats)], check=True, capture_output=True, text=True, timeout=900).stdout
    return json.loads(output.strip().splitlines()[-1])


def figure_mpr_frame(slices: int, size: int, repeats: int) -> Figure:
    figure = Figure("P_mpr_frame", 1.0, "numpy trilinear sampling of the same 3 planes")
    probe = _probe("frame", slices, size, repeats)
    figure.ours_s = round(probe["ours_s"], 4)
    figure.peer_s = round(probe["peer_s"], 4)
    figure.ratio = round(probe["ours_s"] / probe["peer_s"], 4)
    figure.notes = (f"{slices}x{size}x{size} int16; one crosshair move re-slices and draws "
                    f"3 planes in {probe['ours_s'] * 1000:.0f} ms; 10 mm MIP slab "
                    f"{probe['slab_mip_10mm_s'] * 1000:.0f} ms; max |ours - numpy| = "
                    f"{probe['max_abs_diff_vs_peer']} stored units")
    figure.extra.update(probe)
    return figure


def figure_p7(slices: int, size: int) -> Figure:
    figure = Figure("P7", 1.5, "voxel bytes of the volume")
    probe = _probe("memory", slices, size, 1)
    figure.ratio = round(probe["peak_above_baseline"] / probe["voxel_bytes"], 4)
    figure.ours_s = probe["open_s"]
    figure.notes = (f"MPR (3 planes) + 3D ({probe['render_mode']}, 1/"
                    f"{probe['render_stride']} resolution) open, crosshair moved, 3D rotated: "
                    f"peak {probe['peak_above_baseline'] / 2**20:.0f} MiB above baseline for "
                    f"{probe['voxel_bytes'] / 2**20:.0f} MiB of voxels; 3D frame "
                    f"{probe['frame_3d_still_s'] * 1000:.0f} ms still, "
                    f"{probe['frame_3d_interactive_s'] * 1000:.0f} ms while dragging")
    figure.extra.update(probe)
    return figure


def run_mpr_figures(wanted: set[str], slices: int, size: int, repeats: int) -> list[Figure]:
    figures = []
    if "P_mpr_frame" in wanted:
        figures.append(figure_mpr_frame(slices, size, repeats))
    if "P7" in wanted:
        figures.append(figure_p7(slices, size))
    return figures
