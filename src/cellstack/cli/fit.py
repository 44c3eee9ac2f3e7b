"""`cellstack fit FILE --data MEAS.csv [--param PATH ...] [--interface SIDE ...] [-o OUT]`: fit
inputs of a project to a measured discharge by least squares, and optionally save them as overrides."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cellstack.cli.errors import EXIT_OK, CommandLineError
from cellstack.cli.inputs import check_output, read_project
from cellstack.cli.paths import shown_path
from cellstack.core.fit import FitFailed
from cellstack.io.fit_project import ProjectFit, fit_project
from cellstack.io.interface_paths import stack_interfaces, with_interface_record
from cellstack.io.library import Library
from cellstack.io.measured import read_measured
from cellstack.io.project import Project, save_project


def run(args: argparse.Namespace, library: Library) -> int:
    if args.output is not None:
        check_output(args.output, [args.file, args.data], "-o")
    project = read_project(args.file, library)
    measured = read_measured(args.data, args.experiment)
    paths = list(args.param or [])
    for side in args.interface or []:
        project, path = _interface_path(project, library, side, measured.name, args.file)
        paths.append(path)
    if not paths:
        raise CommandLineError("fit: give at least one --param PATH or --interface SIDE to fit")
    try:
        result = fit_project(project, library.interfaces, measured, paths, str(args.file))
    except FitFailed as exc:
        raise CommandLineError(f"{shown_path(args.data)}: {exc}; nothing was changed") from None
    if args.output is not None:
        save_project(result.project, args.output)
    sys.stdout.write(summary(result, measured.name, args.output and shown_path(args.output)))
    return EXIT_OK


def _interface_path(
    project: Project, library: Library, side: str, data_name: str, file: Path
) -> tuple[Project, str]:
    """The path of the project's record for ``side``'s interface, added where it has none."""
    contact = next(
        (
            c
            for c in stack_interfaces(project, library.interfaces)
            if c.side.value == side and c.value is not None
        ),
        None,
    )
    if contact is None:
        raise CommandLineError(
            f"{shown_path(file)}: --interface {side}: the stack has no {side} interface to fit"
        )
    return with_interface_record(project, contact, f"fitted to {data_name}")


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
