"""Spread a design study's batch over local processes (``--workers N``) or a Dask cluster
(``--scheduler``), and gather the outputs in order.

The designs are cut into chunks of a fixed size, whatever the number of workers, and every chunk
is computed the same way wherever it runs: numpy's vectorised transcendental functions may round
an element's last bit differently by where it sits in an array, so the same chunks are what makes
results identical, bit for bit, with 1, 2 or 20 workers. Samples and grids are made here, before
anything is sent out, from the one seeded generator.

A worker receives the study once (the project, the library and what is asked) and builds its
design space from it; each task then carries only its chunk of designs. A design's InputError
comes back as its parts (the error type cannot be pickled) and is raised here, the first in the
designs' order, as it would be without workers.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from cellstack.core.errors import InputError
from cellstack.core.explore.engine import Invalid, evaluate_designs
from cellstack.core.explore.optimize import BatchEvaluator
from cellstack.core.sweep import FloatArray
from cellstack.io.design_space import design_space
from cellstack.io.library import Library
from cellstack.io.project import Project

CHUNK_DESIGNS = 500  # designs that each need work of their own: a discharge, or a project built
# Open-circuit outputs of the vectorised sweep cost about a microsecond a design and a fixed
# fraction of a millisecond a call: chunks of 500 would spend more on calls than on designs.
OPEN_CIRCUIT_CHUNK = 50_000
MAX_WORKERS = 256
Progress = Callable[[int, int], None]  # designs done, designs in all
# What a chunk gives back: its outputs, or the parts of the InputError of its first bad design.
ChunkResult = tuple[dict[str, FloatArray] | None, tuple[str, object, str, str] | None]


@dataclass(frozen=True)
class StudyJob:
    """Everything a worker needs to compute designs of a study (picklable)."""

    project: Project
    library: Library
    paths: tuple[str, ...]
    origin: str
    keys: tuple[str, ...]
    c_rate: float
    invalid: Invalid
    chunk: int = CHUNK_DESIGNS  # designs per task: fixed by the study, never by the worker count
    token: str = field(default_factory=lambda: uuid.uuid4().hex)

    def evaluator(self) -> BatchEvaluator:
        space, _, _ = design_space(self.project, self.library, self.paths, self.origin)

        def evaluate(points: FloatArray) -> dict[str, FloatArray]:
            return evaluate_designs(space, points, self.keys, self.c_rate, self.invalid)

        return evaluate


# The study a worker process computes, built once per process and job.
_BUILT: dict[str, BatchEvaluator] = {}


def _evaluator(job: StudyJob) -> BatchEvaluator:
    evaluate = _BUILT.get(job.token)
    if evaluate is None:
        _BUILT.clear()
        evaluate = _BUILT[job.token] = job.evaluator()
    return evaluate


def run_chunk(job: StudyJob, points: FloatArray) -> ChunkResult:
    """One chunk's outputs (what a worker runs)."""
    try:
        return _evaluator(job)(points), None
    except InputError as exc:
        return None, (exc.field, exc.value, exc.allowed, exc.source)


_INSTALLED: list[StudyJob] = []


def _install(job: StudyJob) -> None:
    _INSTALLED[:] = [job]


def _run_installed(points: FloatArray) -> ChunkResult:
    return run_chunk(_INSTALLED[0], points)


def chunks(points: FloatArray, size: int = CHUNK_DESIGNS) -> list[FloatArray]:
    """The designs cut into ``size`` rows each (the last may be shorter)."""
    return [points[start : start + size] for start in range(0, len(points), size)]


def gather(
    results: Iterator[ChunkResult], sizes: Sequence[int], progress: Progress | None
) -> dict[str, FloatArray]:
    """The chunks' outputs joined in order; the first chunk's error raised."""
    parts: list[dict[str, FloatArray]] = []
    total, done = sum(sizes), 0
    for (values, error), size in zip(results, sizes, strict=True):
        if error is not None:
            raise InputError(*error)
        assert values is not None
        parts.append(values)
        done += size
        if progress is not None:
            progress(done, total)
    return {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}


def check_workers(workers: int) -> int:
    if not 1 <= workers <= MAX_WORKERS:
        raise InputError("--workers", workers, f"a whole number of processes from 1 to {MAX_WORKERS}")
    return workers


def local(
    job: StudyJob, points: FloatArray, workers: int, progress: Progress | None = None
) -> dict[str, FloatArray]:
    """``job``'s outputs for ``points`` over ``workers`` local processes (1: in this one)."""
    pieces = chunks(points, job.chunk)
    sizes = [len(p) for p in pieces]
    if workers == 1 or len(pieces) == 1:
        return gather((run_chunk(job, p) for p in pieces), sizes, progress)
    with ProcessPoolExecutor(min(workers, len(pieces)), initializer=_install, initargs=(job,)) as pool:
        futures: list[Future[ChunkResult]] = [pool.submit(_run_installed, p) for p in pieces]
        try:
            return gather((f.result() for f in futures), sizes, progress)
        finally:
            for future in futures:
                future.cancel()


@dataclass(frozen=True)
class Spread:
    """Where a study's batches run: local processes, or the Dask scheduler at an address."""

    workers: int = 1
    scheduler: str | None = None

    def evaluator(self, job: StudyJob, progress: Progress | None = None) -> BatchEvaluator:
        def evaluate(points: FloatArray) -> dict[str, FloatArray]:
            array = np.asarray(points, dtype=float)
            if self.scheduler is not None:
                from cellstack.cli.cluster import on_cluster

                return on_cluster(job, array, self.scheduler, progress)
            return local(job, array, self.workers, progress)

        return evaluate
