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
from cellstack.core.discharge import (
    DischargeCurve,
    Ragone,
    RateCapability,
    ragone,
    rate_capability,
    simulate_discharge,
)
from cellstack.core.errors import InputError
from cellstack.core.metrics import Metrics, Severity, compute_metrics
from cellstack.core.stack import Stack
from cellstack.io.library import Library
from cellstack.io.project import Project
from cellstack.report.style import PageSize

DEFAULT_C_RATES = (0.1, 1.0, 2.0)
MAX_C_RATES = 8  # more curves than this cannot be told apart in one plot
MAX_C_RATE = 100.0
# The rate-capability and Ragone sweeps: the GUI's 16 rates, to which the chosen rates are added.
SWEEP_C_RATES = tuple(float(f"{r:.3g}") for r in np.geomspace(0.05, 50.0, 16))
BREAKDOWN_C_RATE = 1.0  # the overpotential breakdown is shown at the end of a 1C discharge


@dataclass(frozen=True, slots=True)
class ReportOptions:
    c_rates: tuple[float, ...] = DEFAULT_C_RATES
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
    metrics: Metrics
    discharge: DischargeResults
    options: ReportOptions


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


def checked_options(options: ReportOptions) -> ReportOptions:
    """The options with the C-rates sorted; InputError for rates the report cannot show."""
    rates = parse_c_rates(",".join(f"{r!r}" for r in options.c_rates), "c_rates")
    return replace(options, c_rates=rates)


def prepare(project: Project, library: Library, options: ReportOptions) -> ReportInputs:
    """Metrics and discharge runs of ``project`` at the options' temperature."""
    options = checked_options(options)
    stack = project.stack
    if options.temperature_K is not None:
        stack = replace(stack, temperature_K=options.temperature_K)  # range-checked by Stack
    metrics = compute_metrics(stack, library.interfaces)
    return ReportInputs(project, stack, metrics, run_discharge(stack, library, metrics, options), options)


def run_discharge(
    stack: Stack, library: Library, metrics: Metrics, options: ReportOptions
) -> DischargeResults:
    if not metrics.valid:
        errors = [f.message for f in metrics.findings if f.severity is Severity.ERROR]
        return DischargeResults((), None, None, None, errors[0] if errors else "the stack is not valid")
    interfaces = library.interfaces
    sweep = sorted(set(SWEEP_C_RATES) | set(options.c_rates))
    try:
        curves = tuple(simulate_discharge(stack, interfaces, rate) for rate in options.c_rates)
        rates = rate_capability(stack, interfaces, sweep)
        breakdown = simulate_discharge(stack, interfaces, BREAKDOWN_C_RATE)
    except (InputError, ArithmeticError) as exc:
        return DischargeResults((), None, None, None, _reason(exc))
    try:
        # The Ragone curve needs every layer's mass; the others do not.
        ragone_result: Ragone | None = ragone(stack, interfaces, sweep)
        problem = ""
    except (InputError, ArithmeticError) as exc:
        ragone_result, problem = None, _reason(exc)
    return DischargeResults(curves, rates, ragone_result, breakdown, problem)


def _reason(exc: Exception) -> str:
    return exc.one_line() if isinstance(exc, InputError) else str(exc) or type(exc).__name__


def temperature_text(kelvin: float) -> str:
    return f"{u.kelvin_to_celsius(kelvin):.6g} °C"
