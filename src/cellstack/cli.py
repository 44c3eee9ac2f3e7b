"""The `cellstack` command: compute a project, write its PDF summary, list materials, or open the app."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from cellstack import __version__
from cellstack.core import units as u
from cellstack.core.discharge import DischargeCurve, rate_capability, simulate_discharge
from cellstack.core.errors import InputError
from cellstack.core.material import Role
from cellstack.core.metrics import Metrics, compute_metrics
from cellstack.core.stack import Stack
from cellstack.io.library import Library, default_library
from cellstack.io.material_records import write_material
from cellstack.io.metrics_export import finding_to_json, metrics_to_json, rate_capability_to_json
from cellstack.io.metrics_text import format_metrics
from cellstack.io.project import load_project

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cellstack",
        description="Design all-solid-state (thin-film) battery stacks layer by layer.",
    )
    parser.add_argument("--version", action="version", version=f"CellStack {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    compute = commands.add_parser("compute", help="compute the metrics of a project file")
    compute.add_argument("file", type=Path, help="a .cellstack project file")
    compute.add_argument(
        "--temperature", type=float, metavar="C", help="operating temperature in °C (default: the file's)"
    )
    compute.add_argument("--json", action="store_true", help="print one JSON object")
    discharge = commands.add_parser(
        "discharge", help="simulate a constant-current discharge of a project file (docs/discharge.md)"
    )
    discharge.add_argument("file", type=Path, help="a .cellstack project file")
    discharge.add_argument(
        "--c-rate",
        type=float,
        required=True,
        metavar="R",
        help="current as a C-rate: 1C delivers the cell capacity in one hour (0 gives the OCV curve)",
    )
    discharge.add_argument(
        "--temperature", type=float, metavar="C", help="operating temperature in °C (default: the file's)"
    )
    discharge.add_argument(
        "--cutoff", type=float, metavar="V", help="cut-off voltage (default: from the materials)"
    )
    discharge.add_argument(
        "--csv", type=Path, metavar="OUT", help="write time_s,capacity_mAh,voltage_V to OUT instead"
    )
    discharge.add_argument("--charge", action="store_true", help="charge instead of discharge")
    report = commands.add_parser("report", help="write a PDF summary of a project file (docs/cli.md)")
    report.add_argument("file", type=Path, help="a .cellstack project file")
    report.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT.pdf", help="the PDF to write"
    )
    report.add_argument(
        "--c-rates",
        default="0.1,1,2",
        metavar="R,R,...",
        help="C-rates of the discharge curves (default: 0.1,1,2)",
    )
    report.add_argument(
        "--temperature", type=float, metavar="C", help="operating temperature in °C (default: the file's)"
    )
    report.add_argument("--page-size", default="A4", metavar="A4|Letter", help="paper size (default: A4)")
    materials = commands.add_parser("materials", help="list the materials library")
    materials.add_argument("--role", choices=[r.value for r in Role], help="only this role")
    materials.add_argument("--json", action="store_true", help="print the records as JSON")
    return parser


def _at_temperature(stack: Stack, args: argparse.Namespace) -> Stack:
    if args.temperature is None:
        return stack
    try:
        return replace(stack, temperature_K=u.celsius_to_kelvin(args.temperature))
    except InputError as exc:
        raise InputError(
            "--temperature", args.temperature, exc.allowed + " (in °C: -100 to 400)", str(args.file)
        ) from None


def _add_rate_capability(data: dict[str, Any], stack: Stack, library: Library, metrics: Metrics) -> None:
    """The `compute --json` rate table (null where the stack cannot be discharged).

    Where it rests on an approximate OCP curve, the warnings list says so.
    """
    data["rate_capability"] = None
    if not metrics.valid:
        return
    try:
        rates = rate_capability(stack, library.interfaces)
    except InputError:
        return
    data["rate_capability"] = rate_capability_to_json(rates)
    known = {w["code"] for w in data["warnings"]}
    data["warnings"] += [
        finding_to_json(f, library)
        for f in rates.findings
        if f.code == "approximate_ocp" and f.code not in known
    ]


def _compute(args: argparse.Namespace, library: Library) -> int:
    project = load_project(args.file, library)
    stack = _at_temperature(project.stack, args)
    metrics = compute_metrics(stack, library.interfaces)
    if args.json:
        data = metrics_to_json(metrics, library)
        _add_rate_capability(data, stack, library, metrics)
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        title = project.name or args.file.name
        sys.stdout.write(format_metrics(title, metrics, library))
    return EXIT_OK


def _discharge(args: argparse.Namespace, library: Library) -> int:
    project = load_project(args.file, library)
    stack = _at_temperature(project.stack, args)
    try:
        curve = simulate_discharge(
            stack, library.interfaces, args.c_rate, cutoff_V=args.cutoff, charge=args.charge
        )
    except InputError as exc:
        option = {"c_rate": "--c-rate", "cutoff": "--cutoff"}.get(exc.field, exc.field)
        raise InputError(option, exc.value, exc.allowed, str(args.file)) from None
    if args.csv is not None:
        with args.csv.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(("time_s", "capacity_mAh", "voltage_V"))
            for t, q, v in zip(curve.time_s, curve.capacity_C / u.MAH, curve.voltage_V, strict=True):
                writer.writerow((f"{t:.9g}", f"{q:.9g}", f"{v:.9g}"))
        return EXIT_OK
    sys.stdout.write(_discharge_summary(project.name or args.file.name, curve))
    return EXIT_OK


def _discharge_summary(title: str, curve: DischargeCurve) -> str:
    verb = "charge" if curve.charge else "discharge"
    rated = curve.rated_capacity_C / u.MAH
    lines = [
        f"{title}: constant-current {verb} at {curve.c_rate:g}C ({curve.current_A * 1e3:.4g} mA), "
        f"{u.kelvin_to_celsius(curve.temperature_K):.0f} °C",
        f"  {'delivered capacity' if not curve.charge else 'charge taken up':<20}"
        f"{curve.delivered_capacity_C / u.MAH:.4g} mAh ({100 * curve.utilisation:.1f} % of {rated:.4g} mAh)",
        f"  {'energy':<20}{curve.energy_J / u.MWH:.4g} mWh",
        f"  {'average voltage':<20}{curve.average_voltage_V:.4f} V",
        f"  {'end reason':<20}{curve.end_reason}"
        + (f" ({curve.cutoff_V:.3g} V)" if curve.end_reason == "cut-off voltage" else ""),
    ]
    if curve.current_A > 0:
        lines.append(f"  {'duration':<20}{curve.time_s[-1] / 60:.4g} min")
    if curve.overpotentials:
        width = max(len(name) for name in curve.overpotentials) + 2
        lines.append("  losses at the end (OCV minus voltage):")
        lines += [f"    {name:<{width}}{v[-1] * 1e3:9.1f} mV" for name, v in curve.overpotentials.items()]
    if curve.approximate_ocp:
        lines.append("  Note: an approximate OCP curve is used (no published fit for a material).")
    return "\n".join(lines) + "\n"


def _report(args: argparse.Namespace, library: Library) -> int:
    try:  # Qt is loaded only by the one command that draws
        from cellstack.report.inputs import ReportOptions, parse_c_rates, parse_page_size
        from cellstack.report.pdf import export_pdf
    except ImportError as exc:
        print(f"cellstack: PDF reports need Qt (PySide6), which cannot be loaded: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    rates = parse_c_rates(args.c_rates, "--c-rates")
    size = parse_page_size(args.page_size, "--page-size")
    project = load_project(args.file, library)
    stack = _at_temperature(project.stack, args)
    output: Path = args.output
    if output.exists() and output.resolve() == args.file.resolve():
        raise InputError("--output", str(output), "a path other than the project file", str(args.file))
    options = ReportOptions(
        c_rates=rates,
        temperature_K=stack.temperature_K if args.temperature is not None else None,
        page_size=size,
        source_name=args.file.name,
    )
    export_pdf(project, output, library, options)
    return EXIT_OK


def _materials(args: argparse.Namespace, library: Library) -> int:
    chosen = [
        m
        for m in sorted(library.materials.values(), key=lambda m: (m.main_role.value, m.id))
        if args.role is None or m.has_role(Role(args.role))
    ]
    if args.json:
        print(json.dumps([write_material(m) for m in chosen], indent=2, ensure_ascii=False))
        return EXIT_OK
    for m in chosen:
        p = m.properties
        facts = []
        if p.capacity_practical_C_kg or p.capacity_theoretical_C_kg:
            q = p.capacity_practical_C_kg or p.capacity_theoretical_C_kg
            assert q is not None
            facts.append(f"{q.value / u.MAH_PER_G:.0f} mAh/g")
        if p.voltage_average_V:
            facts.append(f"{p.voltage_average_V.value:.2f} V")
        if p.ionic_conductivity_S_m:
            facts.append(f"{p.ionic_conductivity_S_m.value / u.S_PER_CM:.2g} S/cm")
        if p.density_kg_m3:
            facts.append(f"{p.density_kg_m3.value / u.G_PER_CM3:.3g} g/cm³")
        roles = ",".join(r.value for r in m.roles)
        print(f"{m.id:<32} {roles:<26} {m.name[:48]:<48} {'  '.join(facts)}")
    print(f"\n{len(chosen)} materials")
    return EXIT_OK


def _launch_gui(files: Sequence[str]) -> int:
    try:
        from cellstack.gui.app import main as gui_main  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        print(
            "The desktop app is not available in this installation; try `cellstack compute FILE`.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    return int(gui_main(list(files)))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    known = {"compute", "discharge", "report", "materials", "--version", "-h", "--help"}
    if not arguments or arguments[0] not in known:
        return _launch_gui(arguments)
    args = _parser().parse_args(arguments)
    try:
        library = default_library()
        if args.command == "compute":
            return _compute(args, library)
        if args.command == "discharge":
            return _discharge(args, library)
        if args.command == "report":
            return _report(args, library)
        return _materials(args, library)
    except InputError as exc:
        print(f"cellstack: {exc.one_line()}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        print(f"cellstack: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
