"""The command line's grammar: commands, options and the help text a newcomer reads first."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from cellstack import __version__
from cellstack.core.material import Role

COMMANDS = (
    "compute",
    "discharge",
    "run",
    "report",
    "materials",
    "sweep",
    "seek",
    "optimize",
    "import-curve",
    "fit",
    "export-bpx",
    "import-bpx",
)
# First words that go to the argument parser; anything else is a FILE for the app (launch.py).
PARSER_WORDS = frozenset({*COMMANDS, "--version", "-h", "--help"})

USAGE = (
    "cellstack [FILE]\n       cellstack {compute,discharge,run,report,materials,sweep,seek,optimize,\n"
    "                  import-curve,fit,export-bpx,import-bpx} ...\n"
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
COMPARED_DESIGNS = 8  # report.comparison_figures.MAX_DESIGNS: one plot colour each (a test holds them equal)


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
    _add_sweep(commands)
    _add_seek(commands)
    _add_optimize(commands)
    _add_import_curve(commands)
    _add_fit(commands)
    _add_export_bpx(commands)
    _add_import_bpx(commands)
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
    compute.add_argument(
        "--uncertain",
        action="append",
        default=[],
        metavar="PATH=SIGMA|PATH=LOW:HIGH",
        help="an input (field path) known to ± SIGMA (normal) or within LOW:HIGH (uniform); repeatable",
    )
    compute.add_argument(
        "--samples",
        type=int,
        metavar="N",
        help="Monte Carlo samples of the --uncertain inputs (default 1000)",
    )
    compute.add_argument(
        "--seed", type=int, default=0, metavar="S", help="random seed of the samples (default 0)"
    )
    compute.add_argument(
        "--tornado", action="store_true", help="rank the --uncertain inputs by the swing ±1σ of each gives"
    )
    _add_parallel(compute)


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
        metavar="R",
        help=(
            "current as a C-rate: 1C delivers the cell capacity in one hour (0 gives the OCV curve; "
            "default: the design's first C-rate)"
        ),
    )
    discharge.add_argument("--temperature", type=float, metavar="C", help=TEMPERATURE_HELP)
    discharge.add_argument(
        "--cutoff",
        type=float,
        metavar="V",
        help=(
            "cut-off voltage in V, below the open-circuit voltage at the start (above it with "
            "--charge; default: the design's, else the materials')"
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
        help="write a PDF summary of a project file, or a comparison of several",
        description="A PDF summary: the stack drawn to scale, key metrics, curves, tables and references. "
        "Two or more files: a comparison of the designs, with differences against the first.",
    )
    report.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help=f"{PROJECT_HELP}; two to {COMPARED_DESIGNS} files: a comparison",
    )
    report.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT.pdf", help="the PDF to write"
    )
    report.add_argument(
        "--c-rates",
        default=None,
        metavar="R,R,...",
        help="1 to 8 C-rates above 0 and up to 100 for the discharge curves (default: the project's own)",
    )
    report.add_argument("--temperature", type=float, metavar="C", help=TEMPERATURE_HELP)
    report.add_argument("--page-size", default="A4", metavar="A4|Letter", help="paper size (default: A4)")


def _add_materials(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    materials = commands.add_parser(
        "materials",
        help="list the materials library",
        description="The installed materials library and your own materials folder (marked as yours).",
    )
    materials.add_argument(
        "--role", choices=[r.value for r in Role], help="only materials that can take this role"
    )
    materials.add_argument("--json", action="store_true", help="print the full records as JSON")


C_RATE_HELP = "C-rate of the delivered_* outputs (default 1)"
METRIC_HELP = "an output by its `compute --json` key, or delivered_energy_mWh etc. (docs/explore.md)"


def _add_c_rate(command: argparse.ArgumentParser) -> None:
    command.add_argument("--c-rate", type=float, default=1.0, metavar="R", help=C_RATE_HELP)


def _add_parallel(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="compute the designs in N local processes (default 1); the results do not depend on N",
    )
    command.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="compute the designs on the Dask cluster of this scheduler (needs cellstack[cluster])",
    )


def _add_sweep(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sweep = commands.add_parser(
        "sweep",
        help="compute outputs over a range of one input or a grid of two, into a CSV file",
        description="Vary one or two inputs (by field path) over ranges; compute outputs for every design.",
    )
    sweep.add_argument("file", type=Path, metavar="FILE", help=PROJECT_HELP)
    sweep.add_argument(
        "--vary",
        action="append",
        required=True,
        metavar="PATH=START:STOP:N",
        help="an input and N values from START to STOP; twice for a grid",
    )
    sweep.add_argument("--log", action="store_true", help="space the values evenly in log instead")
    sweep.add_argument("--metric", action="append", metavar="KEY", help=METRIC_HELP + "; repeatable")
    _add_c_rate(sweep)
    sweep.add_argument("--csv", type=Path, required=True, metavar="OUT", help="the CSV file to write")
    _add_parallel(sweep)


def _add_seek(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    seek = commands.add_parser(
        "seek",
        help="set one input so that one output reaches a target",
        description="Goal seek: the value of one input at which an output equals a target, saved as a file.",
    )
    seek.add_argument("file", type=Path, metavar="FILE", help=PROJECT_HELP)
    seek.add_argument(
        "--vary", required=True, metavar="PATH[=LOW:HIGH]", help="the input to set (searched within LOW:HIGH)"
    )
    seek.add_argument(
        "--target", required=True, metavar="KEY=VALUE", help="the output and the value to reach"
    )
    _add_c_rate(seek)
    seek.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT.cellstack", help="the project file to write"
    )


def _tagged(option: str) -> Callable[[str], tuple[str, str]]:
    """The value of an option kept with the option's name, so --maximize and --minimize share a list."""

    def tag(key: str) -> tuple[str, str]:
        return option, key

    return tag


def _add_optimize(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    optimize = commands.add_parser(
        "optimize",
        help="the best design within bounds under constraints (two objectives: the Pareto front)",
        description="Maximise or minimise an output over bounded inputs with scipy.optimize.",
    )
    optimize.add_argument("file", type=Path, metavar="FILE", help=PROJECT_HELP)
    optimize.add_argument(
        "--vary",
        action="append",
        required=True,
        metavar="PATH=LOW:HIGH",
        help="an input and its bounds; repeatable",
    )
    for option, verb in (("--maximize", "maximise"), ("--minimize", "minimise")):
        optimize.add_argument(
            option,
            dest="objectives",
            action="append",
            type=_tagged(option),
            default=[],
            metavar="KEY",
            help=f"the output to {verb}; two objectives give the Pareto front",
        )
    optimize.add_argument(
        "--constraint",
        action="append",
        default=[],
        metavar='"KEY>=VALUE"',
        help="a bound on an output; repeatable",
    )
    _add_c_rate(optimize)
    optimize.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the search (default 0)")
    optimize.add_argument("--csv", type=Path, metavar="OUT", help="write the Pareto front to OUT")
    optimize.add_argument(
        "-o", "--output", type=Path, metavar="OUT.cellstack", help="write the optimum as a project file"
    )
    _add_parallel(optimize)


def _add_import_curve(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "import-curve",
        help="make a measured half-cell curve a material's OCP",
        description=(
            "Read a half-cell curve (CSV: voltage_V against stoichiometry or capacity_mAh_g, optional "
            "branch column), make it monotonic and write the material carrying it by "
            "value: a material record (-o OUT.toml) or, with --project, a copy of the project (-o "
            "OUT.cellstack)."
        ),
    )
    command.add_argument("curve", type=Path, metavar="CURVE.csv", help="the half-cell curve")
    command.add_argument("--material", required=True, metavar="ID", help="the material the curve belongs to")
    command.add_argument(
        "--project", type=Path, metavar="FILE", help="take the material from this project and write a copy"
    )
    command.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help="OUT.toml, or OUT.cellstack with --project",
    )
    command.add_argument(
        "--lithiated-limit",
        type=float,
        metavar="THETA",
        help="end of the usable window (default: the material's present curve's, else the data's end)",
    )
    command.add_argument("--name", metavar="TEXT", help="the curve's name (default: material and file)")
    command.add_argument(
        "--id", metavar="ID", help="the id of the written record (default: ID; not with --project)"
    )


def _add_fit(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "fit",
        help="fit inputs of a project to a measured discharge",
        description=(
            "Least-squares fit of inputs (field paths, e.g. stack.layers[1].overrides.diffusivity) to a "
            "measured constant-current discharge (CSV with time_s, voltage_V and current_mA or c_rate, or "
            "a BPX file's Validation curve); prints the values with 95 %% intervals and the RMSE, and with "
            "-o saves them as overrides."
        ),
    )
    command.add_argument("file", type=Path, metavar="FILE", help=PROJECT_HELP)
    command.add_argument(
        "--data", type=Path, required=True, metavar="MEAS", help="measured discharge (.csv or BPX .json)"
    )
    command.add_argument("--param", action="append", metavar="PATH", help="a field path to fit; repeatable")
    command.add_argument(
        "--interface",
        action="append",
        choices=("cathode", "anode"),
        help="fit this electrode's interface resistance (a record of the project's own is added where it "
        "has none); repeatable",
    )
    command.add_argument("--experiment", metavar="NAME", help="which Validation curve of a BPX file")
    command.add_argument("-o", "--output", type=Path, metavar="OUT.cellstack", help="save the fitted project")


def _add_export_bpx(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "export-bpx",
        help="write the electrodes and cell as a BPX parameter file",
        description=(
            "The project's electrodes and cell as a BPX parameter file that PyBaMM imports, with the "
            "solid-state extras under User-defined."
        ),
    )
    command.add_argument("file", type=Path, metavar="FILE", help=PROJECT_HELP)
    command.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.json", help="the BPX file")
    command.add_argument("--temperature", type=float, metavar="C", help=TEMPERATURE_HELP)


def _add_import_bpx(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "import-bpx",
        help="make a project from a BPX parameter file",
        description=(
            "A BPX parameter file (checked by the bpx package) as a CellStack project; its Validation "
            "curves are written beside OUT as CSV files for `cellstack fit --data`."
        ),
    )
    command.add_argument("file", type=Path, metavar="IN.json", help="the BPX file")
    command.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT.cellstack", help="the project"
    )
