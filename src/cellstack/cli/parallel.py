"""``--workers N`` and ``--scheduler ADDRESS`` of the study commands (parser.py declares them): where
their designs are computed."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from cellstack.cli.cluster import check_address
from cellstack.cli.progress import ProgressBar
from cellstack.cli.scatter import CHUNK_DESIGNS, OPEN_CIRCUIT_CHUNK, Spread, StudyJob, check_workers
from cellstack.core.errors import InputError
from cellstack.core.explore.engine import DesignSpace, Invalid, batched
from cellstack.core.explore.optimize import BatchEvaluator
from cellstack.core.explore.outputs import DISCHARGE_OUTPUTS
from cellstack.io.field_paths import FieldPath
from cellstack.io.library import Library
from cellstack.io.project import Project


def spread(args: argparse.Namespace, source: Path) -> Spread:
    try:
        workers = check_workers(args.workers)
    except InputError as exc:
        raise exc.located(str(source)) from None
    scheduler = check_address(args.scheduler) if args.scheduler is not None else None
    return Spread(workers, scheduler)


class Explored(Protocol):
    """A design study (the sweep's, the optimiser's or the uncertainty's): its space and paths."""

    @property
    def space(self) -> DesignSpace: ...

    @property
    def paths(self) -> tuple[FieldPath, ...]: ...


def batch_evaluator(
    args: argparse.Namespace,
    project: Project,
    library: Library,
    explored: Explored,
    keys: Sequence[str],
    rate: float,
    invalid: Invalid = Invalid.RAISE,
    label: str = "designs",
) -> BatchEvaluator:
    """The study's evaluator, spread as the command line asks, with a progress bar on a terminal."""
    open_circuit = batched(explored.space, keys) and not any(k in DISCHARGE_OUTPUTS for k in keys)
    paths = tuple(p.text for p in explored.paths)
    chunk = OPEN_CIRCUIT_CHUNK if open_circuit else CHUNK_DESIGNS
    job = StudyJob(project, library, paths, str(args.file), tuple(keys), rate, invalid, chunk)
    return spread(args, args.file).evaluator(job, ProgressBar(label))
