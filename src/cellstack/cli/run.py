"""`cellstack run FILE --step "..." [--step "..."] [--temperature C] [--csv OUT]`: a protocol."""

from __future__ import annotations

import argparse
import sys

import numpy as np

from cellstack.cli.discharge import NotFiniteResult
from cellstack.cli.errors import EXIT_OK, printable, shorten
from cellstack.cli.inputs import at_temperature, check_output, read_project
from cellstack.core import units as u
from cellstack.core.discharge.protocol import ProtocolResult, run_protocol
from cellstack.core.discharge.protocol_steps import parse_steps
from cellstack.io.csv_export import curves_csv, write_csv
from cellstack.io.library import Library

TITLE_CHARS = 100
STEP_CHARS = 60
CSV_COLUMNS = ("time_s", "current_mA", "voltage_V", "capacity_mAh", "step")


def run(args: argparse.Namespace, library: Library) -> int:
    steps = parse_steps(args.step or [])  # a bad step is refused before any file is read
    if args.csv is not None:
        check_output(args.csv, [args.file], "--csv")
    project = read_project(args.file, library)
    stack = at_temperature(project.stack, args.temperature, args.file)
    result = run_protocol(stack, library.interfaces, steps)
    _check_finite(result)
    if args.csv is not None:
        write_csv(args.csv, protocol_csv(result))  # all or nothing, as project files are saved
        return EXIT_OK
    title = shorten(printable(project.name or args.file.name), TITLE_CHARS)
    sys.stdout.write(summary(title, result))
    return EXIT_OK


def _check_finite(result: ProtocolResult) -> None:
    for step in result.steps:
        for values in (step.time_s, step.current_A, step.voltage_V, step.capacity_C):
            if not np.all(np.isfinite(values)):
                raise NotFiniteResult("the protocol produced a value that is not a finite number")


def protocol_csv(result: ProtocolResult) -> str:
    """The contract of docs/cli.md: ``time_s,current_mA,voltage_V,capacity_mAh,step``; current > 0
    discharges; capacity counts from the start of each step; steps are numbered from 1."""
    steps = result.steps
    columns = {
        "time_s": np.concatenate([s.time_s for s in steps]),
        "current_mA": np.concatenate([s.current_A for s in steps]) * 1e3,
        "voltage_V": np.concatenate([s.voltage_V for s in steps]),
        "capacity_mAh": np.concatenate([s.capacity_C for s in steps]) / u.MAH,
        "step": np.concatenate([np.full(s.time_s.shape[0], n) for n, s in enumerate(steps, start=1)]),
    }
    return curves_csv(columns)


def summary(title: str, result: ProtocolResult) -> str:
    rated = result.rated_capacity_C / u.MAH
    lines = [
        f"{title}: {len(result.steps)} step(s) at {u.kelvin_to_celsius(result.temperature_K):.0f} °C, "
        f"cell capacity {rated:.4g} mAh"
    ]
    for number, step in enumerate(result.steps, start=1):
        duration = float(step.time_s[-1] - step.time_s[0])
        lines.append(
            f"  {number}. {shorten(printable(step.step.text), STEP_CHARS)}: "
            f"{step.delivered_capacity_C / u.MAH:.4g} mAh, {step.energy_J / u.MWH:.4g} mWh, "
            f"{duration / 60:.4g} min, {step.voltage_V[0]:.4g} → {step.voltage_V[-1]:.4g} V; "
            f"ended: {printable(step.end_reason)} [{step.solver}]"
        )
    return "\n".join(lines) + "\n"
