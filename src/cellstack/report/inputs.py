"""What a report is computed from: the options, and the metrics and discharge runs they ask for.

Everything here is core computation; a stack the discharge model cannot run still gets a report,
with the reason where the plots would be.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace

import numpy as np

from cellstack.core import units as u
from cellstack.core.cell import CellMetrics, Planar
from cellstack.core.discharge import (
    DischargeCurve,
    Ragone,
    RateCapability,
    ragone,
    rate_capability,
    simulate_discharge,
)
from cellstack.core.errors import InputError
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.metrics import Metrics, Severity
from cellstack.core.simulation import MAX_C_RATE, MAX_C_RATES, Simulation
from cellstack.core.stack import Stack
from cellstack.io.library import Library
from cellstack.io.project import Project
from cellstack.io.project_compute import (
    interface_table,
    project_cell_metrics,
    project_metrics,
    series_asr_ohm_m2,
)
from cellstack.report.style import PageSize

DEFAULT_C_RATES = Simulation().c_rates  # a design's default, one for the app, the CLI and the report
# The rate-capability and Ragone sweeps: the GUI's 16 rates, to which the chosen rates are added.
SWEEP_C_RATES = tuple(float(f"{r:.3g}") for r in np.geomspace(0.05, 50.0, 16))
BREAKDOWN_C_RATE = 1.0  # the overpotential breakdown is shown at the end of a 1C discharge


@dataclass(frozen=True, slots=True)
class ReportOptions:
    c_rates: tuple[float, ...] | None = None  # None: the project's own (its simulation settings)
    temperature_K: float | None = None  # replaces the stack's for metrics and discharge alike
    page_size: PageSize = PageSize.A4
    date: datetime.date | None = None  # None: today
    source_name: str = ""  # the project file's name, printed under the title


@dataclass(frozen=True)
class DischargeResults:
    curves: tuple[DischargeCurve, ...]  # one per chosen C-rate, in the order of the rates
    rate: RateCapability | None
    ragone: Ragone | None
    breakdown: DischargeCurve | None  # the BREAKDOWN_C_RATE run
    problem: str = ""  # why the model could not run; empty when it did


@dataclass(frozen=True)
class ReportInputs:
    project: Project
    stack: Stack  # at the report's temperature
    metrics: Metrics  # of the stack: the cell's repeat unit
    discharge: DischargeResults
    options: ReportOptions  # with the C-rates decided
    cell: CellMetrics | None = None  # None when the cell cannot be built (``cell_problem`` says why)
    cell_problem: str = ""

    @property
    def planar(self) -> bool:
        return isinstance(self.project.cell_format, Planar)

    @property
    def c_rates(self) -> tuple[float, ...]:
        return self.options.c_rates or DEFAULT_C_RATES


def parse_c_rates(text: str, option: str = "--c-rates") -> tuple[float, ...]:
    """ "0.1,1,2" -> (0.1, 1.0, 2.0), sorted and without repeats; InputError for anything else."""
    allowed = f"1 to {MAX_C_RATES} C-rates above 0 and up to {MAX_C_RATE:g}, separated by commas"
    parts = [p for p in re.split(r"[,;\s]+", text.strip()) if p]
    try:
        rates = sorted({float(p) for p in parts})
    except ValueError:
        raise InputError(option, text, allowed) from None
    if not rates or len(rates) > MAX_C_RATES or not all(0.0 < r <= MAX_C_RATE for r in rates):
        raise InputError(option, text, allowed)
    return tuple(rates)


def parse_page_size(text: str, option: str = "--page-size") -> PageSize:
    for size in PageSize:
        if text.strip().lower() == size.value.lower():
            return size
    raise InputError(option, text, " or ".join(s.value for s in PageSize))


def checked_options(options: ReportOptions, project: Project | None = None) -> ReportOptions:
    """The options with the C-rates decided (the project's when none are given) and sorted;
    InputError for rates the report cannot show."""
    chosen = options.c_rates
    if chosen is None:
        chosen = project.simulation.c_rates if project is not None else DEFAULT_C_RATES
    rates = parse_c_rates(",".join(f"{r!r}" for r in chosen), "c_rates")
    return replace(options, c_rates=rates)


def prepare(project: Project, library: Library, options: ReportOptions) -> ReportInputs:
    """Metrics of the cell and its stack, and the stack's discharge runs, at the options' temperature."""
    options = checked_options(options, project)
    stack = project.stack
    if options.temperature_K is not None:
        stack = replace(stack, temperature_K=options.temperature_K)  # range-checked by Stack
    # The design's own interface resistances and series resistance count, as in the app.
    try:
        cell_metrics: CellMetrics | None = project_cell_metrics(project, library, stack)
        problem = ""
    except InputError as exc:  # a geometry that cannot exist: the report says why, the stack still shows
        cell_metrics, problem = None, exc.one_line()
    metrics = (
        cell_metrics.repeat_unit if cell_metrics is not None else project_metrics(project, library, stack)
    )
    cutoff = project.simulation.discharge_cutoff_V
    discharge = run_discharge(
        stack,
        library,
        metrics,
        options,
        cutoff,
        interface_table(project, library),
        series_asr_ohm_m2(project),
    )
    return ReportInputs(project, stack, metrics, discharge, options, cell_metrics, problem)


def run_discharge(
    stack: Stack,
    library: Library,
    metrics: Metrics,
    options: ReportOptions,
    cutoff_V: float | None = None,
    interfaces: InterfaceTable | None = None,
    series_ohm_m2: float = 0.0,
) -> DischargeResults:
    """The report's discharge runs; ``interfaces`` default to the installed tables."""
    if not metrics.valid:
        errors = [f.message for f in metrics.findings if f.severity is Severity.ERROR]
        return DischargeResults((), None, None, None, errors[0] if errors else "the stack is not valid")
    interfaces = interfaces if interfaces is not None else library.interfaces
    chosen = options.c_rates or DEFAULT_C_RATES
    sweep = sorted(set(SWEEP_C_RATES) | set(chosen))
    try:
        curves = tuple(
            simulate_discharge(stack, interfaces, rate, cutoff_V=cutoff_V, series_asr_ohm_m2=series_ohm_m2)
            for rate in chosen
        )
        rates = rate_capability(stack, interfaces, sweep, cutoff_V=cutoff_V, series_asr_ohm_m2=series_ohm_m2)
        breakdown = simulate_discharge(
            stack, interfaces, BREAKDOWN_C_RATE, cutoff_V=cutoff_V, series_asr_ohm_m2=series_ohm_m2
        )
    except (InputError, ArithmeticError) as exc:
        return DischargeResults((), None, None, None, _reason(exc))
    try:
        # The Ragone curve needs every layer's mass; the others do not.
        ragone_result: Ragone | None = ragone(
            stack, interfaces, sweep, cutoff_V=cutoff_V, series_asr_ohm_m2=series_ohm_m2
        )
        problem = ""
    except (InputError, ArithmeticError) as exc:
        ragone_result, problem = None, _reason(exc)
    return DischargeResults(curves, rates, ragone_result, breakdown, problem)


def _reason(exc: Exception) -> str:
    return exc.one_line() if isinstance(exc, InputError) else str(exc) or type(exc).__name__


def temperature_text(kelvin: float) -> str:
    return f"{u.kelvin_to_celsius(kelvin):.6g} °C"
