"""Overlaid curves of several designs: discharge, rate capability and Ragone, one colour per design.

The same runs as a design's own report (report.inputs.prepare), so a curve here is the curve of
that design's report. Capacities are per cm² of active area, so that a 1 cm² thin film and a
20-unit pouch share the axes; the Ragone plot is per kg of the full stack, as in the single report.
Pure: no Qt. The Compare window draws the same series.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from cellstack.core import units as u
from cellstack.report.elements import LineFigure, Series
from cellstack.report.figures import points
from cellstack.report.inputs import ReportInputs, temperature_text
from cellstack.report.style import CURVE_COLOURS

MAX_DESIGNS = len(CURVE_COLOURS)  # one colour each, never two designs in one colour
AREAL = "per cm² of active area"


@dataclass(frozen=True)
class ComparedDesign:
    """One design of a comparison: its name in legends and headers, and its report's runs."""

    name: str
    inputs: ReportInputs


def design_colour(index: int, palette: Sequence[str] = CURVE_COLOURS) -> str:
    return palette[index % len(palette)]


def _areal(charge_C: np.ndarray, inputs: ReportInputs) -> np.ndarray:
    return np.asarray(charge_C, dtype=float) / inputs.stack.active_area_m2 / u.MAH_PER_CM2


def _temperatures(designs: Sequence[ComparedDesign]) -> str:
    texts = dict.fromkeys(temperature_text(d.inputs.stack.temperature_K) for d in designs)
    return " and ".join(texts) if len(texts) <= 2 else "each design's temperature"


def _problems(designs: Sequence[ComparedDesign]) -> str:
    """Which designs have no curve, and why."""
    missing = [
        f"{d.name}: {d.inputs.discharge.problem.rstrip('.')}" for d in designs if d.inputs.discharge.problem
    ]
    return ("No curve for " + "; ".join(missing) + ".") if missing else ""


def discharge_overlay(
    designs: Sequence[ComparedDesign], c_rate: float, palette: Sequence[str] = CURVE_COLOURS
) -> LineFigure:
    """Every design's discharge at ``c_rate`` (one of the comparison's rates)."""
    series = []
    for index, design in enumerate(designs):
        for curve in design.inputs.discharge.curves:
            if curve.c_rate == c_rate:
                x, y = points(_areal(curve.capacity_C, design.inputs), curve.voltage_V)
                series.append(Series(design.name, x, y, design_colour(index, palette)))
    return LineFigure(
        f"Discharge at {c_rate:g}C",
        "Capacity (mAh/cm²)",
        "Voltage (V)",
        tuple(series),
        note=_problems(designs),
        height_pt=190.0,
    )


def rate_overlay(designs: Sequence[ComparedDesign], palette: Sequence[str] = CURVE_COLOURS) -> LineFigure:
    series = []
    for index, design in enumerate(designs):
        rate = design.inputs.discharge.rate
        if rate is not None:
            capacity = _areal(rate.capacity_C, design.inputs)
            x, y = points(rate.c_rate, capacity)
            series.append(Series(design.name, x, y, design_colour(index, palette), markers=True))
    return LineFigure(
        f"Rate capability at {_temperatures(designs)}",
        "C-rate",
        "Delivered capacity (mAh/cm²)",
        tuple(series),
        x_log=True,
        y_from_zero=True,
        note=f"Capacity delivered until the cut-off, {AREAL}. {_problems(designs)}".strip(),
    )


def ragone_overlay(designs: Sequence[ComparedDesign], palette: Sequence[str] = CURVE_COLOURS) -> LineFigure:
    series = []
    for index, design in enumerate(designs):
        result = design.inputs.discharge.ragone
        if result is not None:
            power, energy = result.specific_power_W_kg, result.specific_energy_J_kg
            keep = (power > 0) & (energy > 0)  # a log axis cannot show zero
            x, y = points(power[keep], energy[keep] / u.WH_PER_KG)
            series.append(Series(design.name, x, y, design_colour(index, palette), markers=True))
    return LineFigure(
        "Ragone plot (full stack)",
        "Specific power (W/kg)",
        "Specific energy (Wh/kg)",
        tuple(series),
        x_log=True,
        y_log=True,
        note="Full stack: every layer, substrate and packaging over the footprint, and the extra mass; "
        f"mean power over each discharge. {_problems(designs)}".strip(),
    )
