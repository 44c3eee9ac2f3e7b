"""`compute FILE --uncertain PATH=SIGMA ... [--samples N] [--seed S] [--tornado]`: how sure each
metric is, by Monte Carlo through the vectorised path, and which inputs drive its spread.

Project files cannot carry uncertainties yet, so they come from the command line; the core
takes a mapping of inputs to distributions, which a file will feed later.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from cellstack.cli.errors import CommandLineError
from cellstack.cli.explore_args import Study, assignment, check_in_range, inner_range, seed, study
from cellstack.cli.parallel import batch_evaluator
from cellstack.core.errors import InputError
from cellstack.core.explore.engine import Invalid
from cellstack.core.explore.outputs import OUTPUTS
from cellstack.core.explore.uncertainty import (
    DEFAULT_SAMPLES,
    Distribution,
    MonteCarlo,
    Normal,
    Swing,
    UncertainInput,
    Uniform,
    by_key,
    monte_carlo,
    tornado,
)
from cellstack.core.stack import Stack
from cellstack.io.library import Library
from cellstack.io.project import Project

# The headline metrics the vectorised path computes for every sample at once.
UNCERTAIN_KEYS = tuple(key for key, output in OUTPUTS.items() if output.from_sweep is not None)
_FORM = "PATH=SIGMA (normal, ± one standard deviation) or PATH=LOW:HIGH (uniform)"


def _inputs(
    args: argparse.Namespace, project: Project, stack: Stack, library: Library
) -> tuple[Study, tuple[UncertainInput, ...]]:
    if not args.uncertain:
        raise CommandLineError(
            "--samples/--tornado: name the uncertain inputs with --uncertain PATH=SIGMA or PATH=LOW:HIGH "
            "(project files cannot carry uncertainties yet)"
        )
    given = [assignment(text, "--uncertain", (1, 2), _FORM, args.file) for text in args.uncertain]
    explored = study(
        replace(project, stack=stack), library, [g.path for g in given], "--uncertain", args.file
    )
    inputs = []
    for g, path, text in zip(given, explored.paths, args.uncertain, strict=True):
        distribution: Distribution
        if len(g.numbers) == 1:
            if g.numbers[0] <= 0.0:
                raise InputError("--uncertain", text, "a standard deviation above 0", str(args.file))
            distribution = Normal(g.numbers[0])
        else:
            low, high = g.numbers
            check_in_range(path.field, (low, high), "--uncertain", path.text, args.file)
            if low >= high:
                raise InputError("--uncertain", text, "bounds LOW:HIGH with LOW below HIGH", str(args.file))
            distribution = Uniform(low, high)
        low, high = inner_range(path.field)
        inputs.append(UncertainInput(explored.editor.read(path), distribution, low, high))
    return explored, tuple(inputs)


def _samples(args: argparse.Namespace) -> int:
    return DEFAULT_SAMPLES if args.samples is None else int(args.samples)


def _propagate(
    args: argparse.Namespace, project: Project, stack: Stack, library: Library
) -> tuple[Study, MonteCarlo, dict[str, tuple[Swing, ...]]]:
    explored, inputs = _inputs(args, project, stack, library)
    at_stack = replace(project, stack=stack)
    evaluate = batch_evaluator(args, at_stack, library, explored, UNCERTAIN_KEYS, 1.0, Invalid.NAN, "samples")
    try:
        result = monte_carlo(evaluate, inputs, _samples(args), seed(args.seed, args.file))
    except InputError as exc:
        if exc.field != "samples":
            raise
        raise InputError("--samples", exc.value, exc.allowed, str(args.file)) from None
    swings = tornado(evaluate, inputs) if args.tornado else {}
    return explored, result, swings


def as_json(args: argparse.Namespace, project: Project, stack: Stack, library: Library) -> dict[str, Any]:
    """``uncertainty`` (and with --tornado ``tornado``) for the compute --json object."""
    explored, result, swings = _propagate(args, project, stack, library)
    data: dict[str, Any] = {
        "uncertainty": by_key(result.spreads),
        "uncertainty_samples": {"drawn": result.drawn, "used": result.used, "seed": args.seed},
    }
    if args.tornado:
        data["tornado"] = {
            key: [
                {
                    "input": explored.paths[s.input_index].text,
                    "minus_sigma": s.at_minus_sigma,
                    "plus_sigma": s.at_plus_sigma,
                    "swing": s.size,
                }
                for s in ranking
            ]
            for key, ranking in swings.items()
        }
    return data


def as_text(args: argparse.Namespace, project: Project, stack: Stack, library: Library) -> str:
    explored, result, swings = _propagate(args, project, stack, library)
    width = max(len(key) for key in UNCERTAIN_KEYS) + 2
    dropped = result.drawn - result.used
    note = f", {dropped} impossible designs dropped" if dropped else ""
    lines = [f"\nUncertainty ({result.drawn} samples{note}, seed {args.seed}): mean ± std [95 % interval]"]
    for key, s in result.spreads.items():
        lines.append(f"  {key:<{width}}{s.mean:.5g} ± {s.std:.3g} [{s.p2_5:.5g}, {s.p97_5:.5g}]")
    if swings:
        lines.append("Tornado (swing of each output for ±1σ of one input, largest first):")
        for key, ranking in swings.items():
            ranked = ", ".join(f"{explored.paths[s.input_index].text} {s.size:.3g}" for s in ranking)
            lines.append(f"  {key:<{width}}{ranked}")
    return "\n".join(lines) + "\n"
