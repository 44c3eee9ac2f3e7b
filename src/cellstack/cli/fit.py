"""`cellstack fit FILE --data MEAS.csv --param PATH [--param PATH] [-o OUT.cellstack]`: fit inputs
of a project to a measured discharge by least squares, and optionally save them as overrides."""

from __future__ import annotations

import argparse
import sys

from cellstack.cli.errors import EXIT_OK, CommandLineError
from cellstack.cli.inputs import check_output, read_project
from cellstack.cli.paths import shown_path
from cellstack.core.fit import FitFailed
from cellstack.io.fit_project import ProjectFit, fit_project
from cellstack.io.library import Library
from cellstack.io.measured import read_measured
from cellstack.io.project import save_project


def run(args: argparse.Namespace, library: Library) -> int:
    if args.output is not None:
        check_output(args.output, [args.file, args.data], "-o")
    project = read_project(args.file, library)
    measured = read_measured(args.data, args.experiment)
    try:
        result = fit_project(project, library.interfaces, measured, args.param, str(args.file))
    except FitFailed as exc:
        raise CommandLineError(f"{shown_path(args.data)}: {exc}; nothing was changed") from None
    if args.output is not None:
        save_project(result.project, args.output)
    sys.stdout.write(summary(result, measured.name, args.output and shown_path(args.output)))
    return EXIT_OK


def summary(result: ProjectFit, data_name: str, saved_to: str | None) -> str:
    lines = [f"fitted to {data_name}: {result.points} points, {result.evaluations} model runs"]
    for p in result.parameters:
        unit = f" {p.unit}" if p.unit else ""
        lines.append(
            f"  {p.path} = {p.value:.5g}{unit}  (95 % interval {p.ci_low:.4g} to {p.ci_high:.4g}; "
            f"started at {p.start:.4g})"
        )
    lines.append(f"voltage RMSE {result.rmse_V * 1e3:.2f} mV")
    if saved_to:
        lines.append(f'saved to {saved_to} as overrides with the source "fitted to {data_name}"')
    return "\n".join(lines) + "\n"
