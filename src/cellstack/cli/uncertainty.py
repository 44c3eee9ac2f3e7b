"""`compute FILE [--uncertain PATH=SIGMA ...] [--samples N] [--seed S] [--tornado]`: how sure each
metric is, by Monte Carlo through the vectorised path, and which inputs drive its spread.

The uncertain inputs are the file's own (its ``uncertainties``, format v3) and those named on the
command line; a path given on the command line replaces the file's entry for that path.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace
from typing import Any

from cellstack.cli.errors import CommandLineError
from cellstack.cli.explore_args import assignment, check_in_range, seed
from cellstack.cli.parallel import batch_evaluator
from cellstack.core.errors import InputError
from cellstack.core.explore.engine import Invalid
from cellstack.core.explore.uncertainty import (
    DEFAULT_SAMPLES,
    Distribution,
    MonteCarlo,
    Normal,
    Swing,
    Uniform,
    by_key,
    monte_carlo,
    tornado,
)
from cellstack.core.stack import Stack
from cellstack.io.field_table import parse_path
from cellstack.io.library import Library
from cellstack.io.project import Project
from cellstack.io.uncertainties import InputUncertainty, entry_text
from cellstack.io.uncertainty_study import UNCERTAIN_KEYS, UncertaintyStudy, uncertainty_study

_FORM = "PATH=SIGMA (normal, ± one standard deviation) or PATH=LOW:HIGH (uniform)"


def _given(args: argparse.Namespace) -> list[InputUncertainty]:
    """The --uncertain inputs, each checked against its field's range."""
    given = []
    for text in args.uncertain:
        g = assignment(text, "--uncertain", (1, 2), _FORM, args.file)
        try:
            field = parse_path(g.path).field
        except InputError as exc:
            raise InputError("--uncertain", exc.value, exc.allowed, str(args.file)) from None
        distribution: Distribution
        if len(g.numbers) == 1:
            if g.numbers[0] <= 0.0:
                raise InputError("--uncertain", text, "a standard deviation above 0", str(args.file))
            distribution = Normal(g.numbers[0])
        else:
            low, high = g.numbers
            check_in_range(field, (low, high), "--uncertain", g.path, args.file)
            if low >= high:
                raise InputError("--uncertain", text, "bounds LOW:HIGH with LOW below HIGH", str(args.file))
            distribution = Uniform(low, high)
        given.append(InputUncertainty(g.path, distribution))
    return given


@dataclass(frozen=True)
class _Run:
    study: UncertaintyStudy
    typed: frozenset[str]  # the paths given on the command line
    result: MonteCarlo
    swings: dict[str, tuple[Swing, ...]]

    def input_entry(self, item: InputUncertainty) -> dict[str, Any]:
        d = item.distribution
        shape = (
            {"sigma": d.sigma} if isinstance(d, Normal) else {"low": d.low, "high": d.high, "sigma": d.std()}
        )
        given_in = "command line" if item.path in self.typed else "file"
        return {"input": item.path, **shape, "source": item.source, "given_in": given_in}


def _study(
    args: argparse.Namespace, project: Project, stack: Stack, library: Library
) -> tuple[UncertaintyStudy, frozenset[str]]:
    given = _given(args)
    if len({g.path for g in given}) < len(given):
        raise InputError("--uncertain", [g.path for g in given], "different paths", str(args.file))
    named = {g.path for g in given}
    items = [u for u in project.uncertainties if u.path not in named] + given
    if not items:
        raise CommandLineError(
            "--samples/--tornado: the file carries no uncertainties; name the uncertain inputs with "
            "--uncertain PATH=SIGMA or PATH=LOW:HIGH"
        )
    try:
        return uncertainty_study(replace(project, stack=stack), library, items, str(args.file)), frozenset(
            named
        )
    except InputError as exc:
        shown = exc.value if exc.field == "field path" else exc.field
        raise InputError("--uncertain", shown, exc.allowed, str(args.file)) from None


def _samples(args: argparse.Namespace) -> int:
    return DEFAULT_SAMPLES if args.samples is None else int(args.samples)


def _propagate(args: argparse.Namespace, project: Project, stack: Stack, library: Library) -> _Run:
    explored, typed = _study(args, project, stack, library)
    # --workers/--scheduler spread the samples; the study draws them, so any spread gives the same.
    at_stack = replace(project, stack=stack)
    evaluate = batch_evaluator(args, at_stack, library, explored, UNCERTAIN_KEYS, 1.0, Invalid.NAN, "samples")
    try:
        result = monte_carlo(evaluate, explored.inputs, _samples(args), seed(args.seed, args.file))
    except InputError as exc:
        if exc.field != "samples":
            raise
        raise InputError("--samples", exc.value, exc.allowed, str(args.file)) from None
    swings = tornado(evaluate, explored.inputs) if args.tornado else {}
    return _Run(explored, typed, result, swings)


def as_json(args: argparse.Namespace, project: Project, stack: Stack, library: Library) -> dict[str, Any]:
    """``uncertainty`` (and with --tornado ``tornado``) for the compute --json object."""
    run = _propagate(args, project, stack, library)
    explored, result, swings = run.study, run.result, run.swings
    data: dict[str, Any] = {
        "uncertainty": by_key(result.spreads),
        "uncertainty_samples": {"drawn": result.drawn, "used": result.used, "seed": args.seed},
        "uncertainty_inputs": [run.input_entry(item) for item in explored.sources],
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
    run = _propagate(args, project, stack, library)
    explored, result, swings = run.study, run.result, run.swings
    width = max(len(key) for key in UNCERTAIN_KEYS) + 2
    dropped = result.drawn - result.used
    note = f", {dropped} impossible designs dropped" if dropped else ""
    lines = ["\nUncertain inputs:"]
    for item in explored.sources:
        given = " (command line)" if item.path in run.typed else ""
        source = f" — {item.source}" if item.source else ""
        lines.append(f"  {item.path} {entry_text(item)}{given}{source}")
    lines.append(f"Uncertainty ({result.drawn} samples{note}, seed {args.seed}): mean ± std [95 % interval]")
    for key, s in result.spreads.items():
        lines.append(f"  {key:<{width}}{s.mean:.5g} ± {s.std:.3g} [{s.p2_5:.5g}, {s.p97_5:.5g}]")
    if swings:
        lines.append("Tornado (swing of each output for ±1σ of one input, largest first):")
        for key, ranking in swings.items():
            ranked = ", ".join(f"{explored.paths[s.input_index].text} {s.size:.3g}" for s in ranking)
            lines.append(f"  {key:<{width}}{ranked}")
    return "\n".join(lines) + "\n"
