"""``python -m workstation.bench [--slices N] [--size PX] [--repeats R] [--only ID...]``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from workstation.bench.cache_figures import CACHE_FIGURES, run_cache_figures
from workstation.bench.figures import Figure, figure_memory, figure_p1, figure_p2
from workstation.bench.mpr_figures import MPR_FIGURES, run_mpr_figures
from workstation.bench.report import merge_json, print_table
from workstation.bench.series_data import UNCOMPRESSED, ensure_series

FIGURES = ("P1", "P2_jpegls", "P2_j2k", "P2_htj2k", "P_mem", "P_mem_j2k", "P4", "P5")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m workstation.bench",
                                     description=__doc__)
    parser.add_argument("--slices", type=int, default=300, help="slices of the CT (300)")
    parser.add_argument("--size", type=int, default=512, help="rows and columns (512)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per side (3)")
    parser.add_argument("--data", type=Path, default=Path("build/bench-data"),
                        help="cache folder of the generated series")
    parser.add_argument("--demo-data", type=Path, default=Path(".cache/demo-data"),
                        help="demo data set (P4, P5 use its CT; generated when missing)")
    parser.add_argument("--out", type=Path, default=Path("build/bench.json"))
    parser.add_argument("--only", nargs="+", choices=FIGURES + CACHE_FIGURES + MPR_FIGURES, help="measure only these")
    return parser


def run(args: argparse.Namespace) -> list[Figure]:
    wanted = set(args.only or FIGURES + CACHE_FIGURES + MPR_FIGURES)
    series = ensure_series(args.data, args.size, args.size, args.slices)
    figures: list[Figure] = []

    def files(name: str) -> list[Path] | None:
        variant = series[name]
        return variant if isinstance(variant, list) else None

    uncompressed = files(UNCOMPRESSED)
    assert uncompressed is not None
    if "P1" in wanted:
        figures.append(figure_p1(uncompressed, args.repeats))
    for name in ("jpegls", "j2k", "htj2k"):
        if f"P2_{name}" not in wanted:
            continue
        variant = files(name)
        if variant is None:
            figures.append(Figure(f"P2_{name}", 0.0, "best single plugin, sequential",
                                  notes=f"not measured: {series[name]}"))
        else:
            figures.append(figure_p2(name, variant, args.repeats))
    if "P_mem" in wanted:
        figures.append(figure_memory("P_mem", uncompressed))
    j2k = files("j2k")
    if "P_mem_j2k" in wanted and j2k is not None:
        figures.append(figure_memory("P_mem_j2k", j2k))
    figures += run_cache_figures(wanted, uncompressed, args.repeats, args.data / "cache-work")
    figures += run_mpr_figures(wanted, args.slices, args.size, args.repeats)
    if wanted & {"P4", "P5"}:
        from workstation.bench.viewer_figures import demo_ct_files, figure_p4, figure_p5

        demo_ct = demo_ct_files(args.demo_data)
        if "P4" in wanted:
            figures.append(figure_p4(demo_ct, args.repeats))
        if "P5" in wanted:
            figures.append(figure_p5(demo_ct, args.repeats))
    return figures


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    start = time.perf_counter()
    figures = run(args)
    merge_json(args.out, figures)
    print_table(figures, sys.stdout)
    print(f"wrote {args.out} in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
