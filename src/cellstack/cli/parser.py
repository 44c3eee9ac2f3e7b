"""The command line's grammar: commands, options and the help text a newcomer reads first."""

from __future__ import annotations

import argparse
from pathlib import Path

from cellstack import __version__
from cellstack.core.material import Role

COMMANDS = ("compute", "discharge", "run", "report", "materials")
# First words that go to the argument parser; anything else is a FILE for the app (launch.py).
PARSER_WORDS = frozenset({*COMMANDS, "--version", "-h", "--help"})

USAGE = (
    "cellstack [FILE]\n       cellstack {compute,discharge,run,report,materials} ...\n"
    "       cellstack --version"
)
DESCRIPTION = (
    "Design all-solid-state (thin-film) battery stacks layer by layer. "
    "`cellstack` opens the desktop app on an example stack; `cellstack FILE` opens it on a "
    "CellStack project file (.cellstack). The commands below print or write results instead."
)
EPILOG = "`cellstack COMMAND -h` shows the options of a command. Exit status: 0 done, 2 bad input."
TEMPERATURE_HELP = "operating temperature in °C, -100 to 400 (default: the file's)"
PROJECT_HELP = "a CellStack project file (.cellstack)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cellstack", usage=USAGE, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"CellStack {__version__}")
    # prog given: argparse would otherwise build the commands' usage from the custom USAGE above.
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", prog="cellstack")
    _add_compute(commands)
    _add_discharge(commands)
    _add_run(commands)
    _add_report(commands)
    _add_materials(commands)
    return parser


def _add_compute(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    compute = commands.add_parser(
        "compute",
        help="compute the metrics of a project file",
        description="Capacity, voltage, energy, Wh/kg, Wh/L, masses and the resistance ledger of a stack.",
    )
    compute.add_argument("file", type=Path, metavar="FILE", help=PROJECT_HELP)
    compute.add_argument("--temperature", type=float, metavar="C", help=TEMPERATURE_HELP)
    compute.add_argument("--json", action="store_true", help="print one JSON object instead of the text")


def _add_discharge(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    discharge = commands.add_parser(
        "discharge",
        help="simulate a constant-current discharge (or charge) of a project file",
        description=(
            "One constant-current run of the stack with a single-particle model: solid diffusion, "
            "charge transfer and the ohmic resistances. Prints a summary, or writes the curve as CSV."
        ),
    )
    discharge.add_argument("file", type=Path, metavar="FILE", help=PROJECT_HELP)
    discharge.add_argument(
        "--c-rate",
        type=float,
        required=True,
        metavar="R",
        help="current as a C-rate: 1C delivers the cell capacity in one hour (0 gives the OCV curve)",
    )
    discharge.add_argument("--temperature", type=float, metavar="C", help=TEMPERATURE_HELP)
    discharge.add_argument(
        "--cutoff",
        type=float,
        metavar="V",
        help=(
            "cut-off voltage in V, below the open-circuit voltage at the start (above it with "
            "--charge; default: the materials')"
        ),
    )
    discharge.add_argument(
        "--csv", type=Path, metavar="OUT", help="write time_s,capacity_mAh,voltage_V to OUT instead"
    )
    discharge.add_argument("--charge", action="store_true", help="charge from the discharged state instead")


def _add_run(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser(
        "run",
        help="run a protocol of charge, discharge, hold and rest steps on a project file",
        description=(
            "Steps in order, the state carried from one to the next: "
            '"discharge 1C to 3.0V", "charge 0.5C to 4.2V, hold until C/20", "rest 10 min". '
            "Prints each step's capacity and energy, or writes the run as CSV."
        ),
    )
    run.add_argument("file", type=Path, metavar="FILE", help=PROJECT_HELP)
    run.add_argument(
        "--step",
        action="append",
        required=True,
        metavar="STEP",
        help='one step, e.g. "charge 0.5C to 4.2V, hold until C/20"; repeat for more, in order',
    )
    run.add_argument("--temperature", type=float, metavar="C", help=TEMPERATURE_HELP)
    run.add_argument(
        "--csv",
        type=Path,
        metavar="OUT",
        help="write time_s,current_mA,voltage_V,capacity_mAh,step to OUT instead",
    )


def _add_report(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report",
        help="write a PDF summary of a project file",
        description="A PDF summary: the stack drawn to scale, key metrics, curves, tables and references.",
    )
    report.add_argument("file", type=Path, metavar="FILE", help=PROJECT_HELP)
    report.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT.pdf", help="the PDF to write"
    )
    report.add_argument(
        "--c-rates",
        default="0.1,1,2",
        metavar="R,R,...",
        help="1 to 8 C-rates above 0 and up to 100 for the discharge curves (default: 0.1,1,2)",
    )
    report.add_argument("--temperature", type=float, metavar="C", help=TEMPERATURE_HELP)
    report.add_argument("--page-size", default="A4", metavar="A4|Letter", help="paper size (default: A4)")


def _add_materials(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    materials = commands.add_parser(
        "materials", help="list the materials library", description="The installed materials library."
    )
    materials.add_argument(
        "--role", choices=[r.value for r in Role], help="only materials that can take this role"
    )
    materials.add_argument("--json", action="store_true", help="print the full records as JSON")
