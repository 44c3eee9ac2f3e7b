"""`cellstack discharge FILE --c-rate R [...]`: one constant-current run, as a summary or a CSV file."""

from __future__ import annotations

import argparse
import csv
import io
import sys

import numpy as np

from cellstack.cli.errors import EXIT_OK, printable, shorten
from cellstack.cli.inputs import at_temperature, check_output, read_project
from cellstack.core import units as u
from cellstack.core.discharge import DischargeCurve, simulate_discharge
from cellstack.core.errors import InputError
from cellstack.io.csv_export import write_csv
from cellstack.io.library import Library
from cellstack.io.project_compute import interface_table, series_asr_ohm_m2

TITLE_CHARS = 100
LOSS_NAME_CHARS = 60
_OPTIONS = {"c_rate": "--c-rate", "cutoff": "--cutoff"}


class NotFiniteResult(ArithmeticError):
    """The model produced NaN or an infinity: a fault in CellStack, never a result to write."""


def run(args: argparse.Namespace, library: Library) -> int:
    if args.csv is not None:
        check_output(args.csv, [args.file], "--csv")
    project = read_project(args.file, library)
    stack = at_temperature(project.stack, args.temperature, args.file)
    settings = project.simulation
    # The options win; without them, the design's own settings (its first C-rate, its cut-off).
    c_rate = args.c_rate if args.c_rate is not None else settings.c_rates[0]
    cutoff, cutoff_name = args.cutoff, "--cutoff"
    if cutoff is None:
        cutoff_name = "simulation.charge_cutoff_V" if args.charge else "simulation.discharge_cutoff_V"
        cutoff = settings.charge_cutoff_V if args.charge else settings.discharge_cutoff_V
    try:
        curve = simulate_discharge(
            stack,
            interface_table(project, library),
            c_rate,
            cutoff_V=cutoff,
            charge=args.charge,
            series_asr_ohm_m2=series_asr_ohm_m2(project),
        )
    except InputError as exc:
        raise InputError(_OPTIONS.get(exc.field, exc.field), exc.value, exc.allowed, str(args.file)) from None
    _check_cutoff(args, curve, cutoff, cutoff_name)
    _check_finite(curve)
    if args.csv is not None:
        write_csv(args.csv, curve_csv(curve))  # all or nothing, as project files are saved
        return EXIT_OK
    title = shorten(printable(project.name or args.file.name), TITLE_CHARS)
    sys.stdout.write(summary(title, curve))
    return EXIT_OK


def _check_cutoff(args: argparse.Namespace, curve: DischargeCurve, cutoff: float | None, name: str) -> None:
    """A cut-off the open-circuit voltage at the start already reaches is a mistake, not a 0 mAh run."""
    if cutoff is None:
        return
    start = float(curve.ocv_V[0])
    if curve.charge and cutoff <= start:
        allowed = f"a cut-off above the open-circuit voltage at the start of the charge, {start:.4g} V"
    elif not curve.charge and cutoff >= start:
        allowed = f"a cut-off below the open-circuit voltage at the start of the discharge, {start:.4g} V"
    else:
        return
    raise InputError(name, cutoff, allowed, str(args.file))


def _check_finite(curve: DischargeCurve) -> None:
    arrays = (curve.time_s, curve.capacity_C, curve.voltage_V, curve.ocv_V, *curve.overpotentials.values())
    if not all(np.all(np.isfinite(a)) for a in arrays):
        raise NotFiniteResult("the discharge model produced a value that is not a finite number")


def curve_csv(curve: DischargeCurve) -> str:
    """The contract of docs/cli.md: header ``time_s,capacity_mAh,voltage_V``, one row per point."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("time_s", "capacity_mAh", "voltage_V"))
    for t, q, v in zip(curve.time_s, curve.capacity_C / u.MAH, curve.voltage_V, strict=True):
        writer.writerow((f"{t:.9g}", f"{q:.9g}", f"{v:.9g}"))
    return buffer.getvalue()


def summary(title: str, curve: DischargeCurve) -> str:
    verb = "charge" if curve.charge else "discharge"
    rated = curve.rated_capacity_C / u.MAH
    lines = [
        f"{title}: constant-current {verb} at {curve.c_rate:g}C ({curve.current_A * 1e3:.4g} mA), "
        f"{u.kelvin_to_celsius(curve.temperature_K):.0f} °C",
        f"  {'delivered capacity' if not curve.charge else 'charge taken up':<20}"
        f"{curve.delivered_capacity_C / u.MAH:.4g} mAh ({100 * curve.utilisation:.1f} % of {rated:.4g} mAh)",
        f"  {'energy':<20}{curve.energy_J / u.MWH:.4g} mWh",
        f"  {'average voltage':<20}"
        + (f"{curve.average_voltage_V:.4f} V" if curve.started else "— (the run cannot start)"),
        f"  {'end reason':<20}{printable(curve.end_reason)}"
        + (f" ({curve.cutoff_V:.3g} V)" if curve.end_reason == "cut-off voltage" else ""),
    ]
    if curve.current_A > 0:
        lines.append(f"  {'duration':<20}{curve.time_s[-1] / 60:.4g} min")
    if curve.current_A != 0 and curve.delivered_capacity_C <= 0 and curve.end_reason == "cut-off voltage":
        moved = "taken up" if curve.charge else "delivered"
        lines.append(
            f"  Note: under load the voltage starts at {curve.voltage_V[0]:.4g} V, already past the "
            f"cut-off of {curve.cutoff_V:.4g} V, so nothing could be {moved}; "
            "lower the C-rate or the cut-off."
        )
    if curve.overpotentials:
        losses = [
            (shorten(printable(name), LOSS_NAME_CHARS), v[-1]) for name, v in curve.overpotentials.items()
        ]
        width = max(len(name) for name, _ in losses) + 2
        lines.append("  losses at the end (OCV minus voltage):")
        lines += [f"    {name:<{width}}{volts * 1e3:9.1f} mV" for name, volts in losses]
    if curve.approximate_ocp:
        lines.append("  Note: an approximate OCP curve is used (no published fit for a material).")
    return "\n".join(lines) + "\n"
