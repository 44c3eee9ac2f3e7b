"""The `cellstack` command: compute a project, list materials, or open the desktop app."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from cellstack import __version__
from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.material import Role
from cellstack.core.metrics import compute_metrics
from cellstack.io.library import Library, default_library
from cellstack.io.material_records import write_material
from cellstack.io.metrics_export import metrics_to_json
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
    materials = commands.add_parser("materials", help="list the materials library")
    materials.add_argument("--role", choices=[r.value for r in Role], help="only this role")
    materials.add_argument("--json", action="store_true", help="print the records as JSON")
    return parser


def _compute(args: argparse.Namespace, library: Library) -> int:
    project = load_project(args.file, library)
    stack = project.stack
    if args.temperature is not None:
        try:
            stack = replace(stack, temperature_K=u.celsius_to_kelvin(args.temperature))
        except InputError as exc:
            raise InputError(
                "--temperature", args.temperature, exc.allowed + " (in °C: -100 to 400)", str(args.file)
            ) from None
    metrics = compute_metrics(stack, library.interfaces)
    if args.json:
        print(json.dumps(metrics_to_json(metrics, library), indent=2, ensure_ascii=False))
    else:
        title = project.name or args.file.name
        sys.stdout.write(format_metrics(title, metrics, library))
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
    known = {"compute", "materials", "--version", "-h", "--help"}
    if not arguments or arguments[0] not in known:
        return _launch_gui(arguments)
    args = _parser().parse_args(arguments)
    try:
        library = default_library()
        if args.command == "compute":
            return _compute(args, library)
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
