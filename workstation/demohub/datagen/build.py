"""Generating every file of the data set, in parallel worker processes.

Work is cut into jobs of a few slices (or one mammogram). Each job is self-contained:
the worker rebuilds the catalogue and phantoms from the same seeds, renders, encodes,
checks and writes its files, so the result does not depend on how jobs are scheduled.
Workers are spawned, not forked: the caller may be a GUI process with threads running.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from workstation.demohub.datagen.catalog import studies
from workstation.demohub.datagen.catalog import study as find_study
from workstation.demohub.datagen.ct_chest import generate_ct_chest
from workstation.demohub.datagen.mg_series import generate_mammo
from workstation.demohub.datagen.mr_series import generate_mr_brain
from workstation.demohub.datagen.specs import CtSeries, MgSeries, MrSeries, Series, Study
from workstation.demohub.datagen.writer import encode, write

Progress = Callable[[str, float], None]


@dataclass(frozen=True, slots=True)
class Job:
    """Some instances of one series, with a rough relative cost for progress reporting."""

    study_key: str
    series_number: int
    indices: tuple[int, ...]
    cost: float


def _per_instance_cost(series: Series) -> tuple[int, float]:
    """(instances per job, cost per instance) in units of one thin 512x512 CT slice."""
    if isinstance(series, CtSeries):
        return 16, max(1.0, round(series.geometry.slice_thickness / 1.6)) + 0.5
    if isinstance(series, MrSeries):
        return 12, 0.6
    return 1, 60.0


def plan() -> list[Job]:
    """All jobs, most expensive first so that the pool finishes evenly."""
    jobs = []
    for study in studies():
        for series in study.series:
            size, cost = _per_instance_cost(series)
            count = series.count if isinstance(series, MgSeries) else series.geometry.count
            for start in range(0, count, size):
                indices = tuple(range(start, min(count, start + size)))
                jobs.append(Job(study.key, series.number, indices, cost * len(indices)))
    return sorted(jobs, key=lambda j: -j.cost)


def _series(study: Study, number: int) -> Series:
    return next(s for s in study.series if s.number == number)


def run_job(root: str, job: Job) -> int:
    """Generate, encode, verify and write one job's files; returns how many were written."""
    study = find_study(job.study_key)
    series = _series(study, job.series_number)
    if isinstance(series, CtSeries):
        datasets = generate_ct_chest(study, series, job.indices)
    elif isinstance(series, MrSeries):
        datasets = generate_mr_brain(study, series, job.indices)
    else:
        datasets = generate_mammo(study, series, job.indices)
    out_dir = Path(root) / study.series_dir(series)
    written = 0
    for ds in datasets:
        encode(ds, series.transfer_syntax)
        write(ds, out_dir / study.file_name(int(ds.InstanceNumber)))
        written += 1
    return written


def default_workers() -> int:
    """One worker per core, at most four: more only adds memory pressure."""
    return max(1, min(4, os.cpu_count() or 1))


def build_all(root: Path, progress: Progress | None = None, workers: int | None = None) -> int:
    """Write every instance under ``root``; returns the number of files written."""
    jobs = plan()
    total = sum(j.cost for j in jobs)
    done = 0.0
    files = 0
    workers = default_workers() if workers is None else workers

    def report(job: Job) -> None:
        if progress is not None:
            progress(f"Generating demo data: {job.study_key}", min(0.99, done / total))

    pending = list(jobs)
    if workers > 1:
        try:
            ctx = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
                futures = {pool.submit(run_job, str(root), job): job for job in jobs}
                for future in as_completed(futures):
                    files += future.result()
                    done += futures[future].cost
                    pending.remove(futures[future])
                    report(futures[future])
        except (BrokenProcessPool, OSError):
            # Workers could not start or died (sandboxed or frozen application): finish the
            # remaining jobs in this process; every job rewrites its files completely.
            pass
    for job in pending:
        files += run_job(str(root), job)
        done += job.cost
        report(job)
    return files
