"""`cellstack optimize FILE --vary PATH=LOW:HIGH ... --maximize KEY [--constraint "KEY>=VALUE"] [-o OUT]`:
the best design within bounds under constraints, or with two objectives the Pareto front."""

from __future__ import annotations

import argparse
import sys

import numpy as np

from cellstack.cli.errors import EXIT_OK, CommandLineError
from cellstack.cli.explore_args import (
    Study,
    assignment,
    c_rate,
    check_in_range,
    constraint,
    output_keys,
    seed,
    study,
)
from cellstack.cli.inputs import check_output, read_project
from cellstack.cli.parallel import batch_evaluator
from cellstack.cli.paths import shown_path
from cellstack.core.errors import InputError
from cellstack.core.explore.engine import Invalid
from cellstack.core.explore.optimize import (
    Infeasible,
    Objective,
    ParetoFront,
    optimize,
    pareto_front,
)
from cellstack.io.csv_export import curves_csv, write_csv
from cellstack.io.library import Library
from cellstack.io.project import save_project

_FORM = "PATH=LOW:HIGH, e.g. stack.layers[1].thickness_um=40:150"
FRONT_SAMPLES = 2500  # when the vectorised path computes them all at once
FRONT_SAMPLES_ONE_BY_ONE = 400  # a discharge or a rebuilt stack per design: about a second
MAX_INPUTS = 6


def run(args: argparse.Namespace, library: Library) -> int:
    for path, option in ((args.output, "-o"), (args.csv, "--csv")):
        if path is not None:
            check_output(path, [args.file], option)
    objectives = [
        Objective(output_keys([key], option, args.file)[0], option == "--maximize")
        for option, key in args.objectives
    ]
    if not 1 <= len(objectives) <= 2:
        raise CommandLineError(
            "optimize: give one objective (--maximize or --minimize KEY), or two for a Pareto front"
        )
    if not 1 <= len(args.vary) <= MAX_INPUTS:
        raise CommandLineError(f"--vary: from 1 to {MAX_INPUTS} inputs PATH=LOW:HIGH")
    limits = [constraint(text, args.file) for text in args.constraint]
    rate = c_rate(args.c_rate, args.file)
    chosen_seed = seed(args.seed, args.file)
    bounds = [assignment(text, "--vary", (2,), _FORM, args.file) for text in args.vary]
    project = read_project(args.file, library)
    explored = study(project, library, [b.path for b in bounds], "--vary", args.file)
    box = np.array([sorted(b.numbers) for b in bounds])
    for (low, high), path in zip(box, explored.paths, strict=True):
        check_in_range(path.field, (low, high), "--vary", path.text, args.file)
        if low == high:
            raise InputError("--vary", f"{path.text}={low:g}:{high:g}", "LOW below HIGH", str(args.file))
    keys = list(dict.fromkeys([*(o.key for o in objectives), *(c.key for c in limits)]))
    evaluate = explored.evaluator(keys, rate, Invalid.NAN)
    integer = [p.field.integer for p in explored.paths]  # counts: evaluated whole
    try:
        if len(objectives) == 2:
            if args.output is not None:
                raise CommandLineError(
                    "-o: a Pareto front has no single optimum; write it with --csv and pick a design"
                )
            samples = FRONT_SAMPLES if explored.vectorised(keys) else FRONT_SAMPLES_ONE_BY_ONE
            spread = batch_evaluator(args, project, library, explored, keys, rate, Invalid.NAN, "front")
            front = pareto_front(
                spread, box, objectives, limits, samples=samples, seed=chosen_seed, integer=integer
            )
            _print_front(explored, front, keys)
            if args.csv is not None:
                columns = {p.text: front.points[:, i] for i, p in enumerate(explored.paths)}
                write_csv(args.csv, curves_csv({**columns, **front.values}))
            return EXIT_OK
        best = optimize(evaluate, box, objectives[0], limits, seed=chosen_seed, integer=integer)
    except Infeasible as exc:
        raise _infeasible(exc, objectives[0]).located(str(args.file)) from None
    verb = "maximum" if objectives[0].maximize else "minimum"
    lines = [f"{verb} of {objectives[0].key}: {best.objective:.6g} ({best.evaluations} designs evaluated)"]
    for i, path in enumerate(explored.paths):
        bound = dict(best.at_bounds).get(i)
        lines.append(f"  {path.text} = {best.point[i]:.6g}" + (f" (at its {bound} bound)" if bound else ""))
    for c in limits:
        state = "binding" if c in best.binding else "slack"
        lines.append(f"  {c}: {c.key} = {best.outputs[c.key]:.6g} ({state})")
    if args.output is not None:
        save_project(
            explored.editor.with_values(dict(zip(explored.paths, best.point.tolist(), strict=True))),
            args.output,
        )
        lines.append(f"saved to {shown_path(args.output)}")
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def _infeasible(exc: Infeasible, objective: Objective) -> InputError:
    c = exc.constraint
    if c.key == objective.key and c.limit == -float("inf"):
        return InputError("--vary", objective.key, "bounds where some design has this output")
    closest = f"{exc.closest:.6g}" if np.isfinite(exc.closest) else "no value"
    return InputError(
        "--constraint",
        str(c),
        f"a limit some design within the bounds meets (best reached: {c.key} = {closest})",
    )


def _print_front(explored: Study, front: ParetoFront, keys: list[str]) -> None:
    header = [p.text for p in explored.paths] + keys
    lines = [
        f"Pareto front: {len(front.points)} of {front.sampled} designs sampled",
        "  " + "  ".join(header),
    ]
    for row in range(len(front.points)):
        cells = [f"{v:.6g}" for v in front.points[row]] + [f"{front.values[k][row]:.6g}" for k in keys]
        lines.append("  " + "  ".join(cells))
    sys.stdout.write("\n".join(lines) + "\n")
