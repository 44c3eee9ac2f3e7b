"""Figure data and the tables beside them: discharge, rate capability, Ragone, resistance, mass.

Values are converted to the units on the axes here, so the renderer only draws numbers.
"""

from __future__ import annotations

import re

import numpy as np

from cellstack.core import units as u
from cellstack.core.material import Role
from cellstack.core.metrics import Metrics
from cellstack.core.ocp import FloatArray
from cellstack.core.sourced import Quality
from cellstack.core.stack import Stack
from cellstack.report.citations import Citations, number
from cellstack.report.elements import Bar, BarFigure, LineFigure, Series, Table
from cellstack.report.inputs import BREAKDOWN_C_RATE, DischargeResults, temperature_text
from cellstack.report.style import CURVE_COLOURS, INTERFACE_COLOUR, OCV_COLOUR, ROLE_COLOURS

# Bar colours of ledger terms that belong to no single layer: the role whose layer they describe.
_KIND_ROLE = {"bulk": Role.ELECTROLYTE, "composite": Role.CATHODE, "buffer": Role.BUFFER}
MAX_POINTS = 160  # per curve: a PDF viewer draws this as smoothly as 300 and the file stays small


def points(x: FloatArray, y: FloatArray) -> tuple[tuple[float, ...], tuple[float, ...]]:
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.size > MAX_POINTS:
        keep = np.unique(np.linspace(0, x.size - 1, MAX_POINTS).round().astype(int))
        x, y = x[keep], y[keep]
    return tuple(float(v) for v in x), tuple(float(v) for v in y)


def _nothing(results: DischargeResults) -> str:
    return f"Nothing to plot: {results.problem}" if results.problem else ""


def discharge_figure(results: DischargeResults, temperature_K: float) -> LineFigure:
    series = []
    if results.curves:
        slowest = results.curves[0]  # the rates are sorted: its OCV spans the widest window
        series.append(
            Series(
                "open circuit", *points(slowest.capacity_C / u.MAH, slowest.ocv_V), OCV_COLOUR, dashed=True
            )
        )
    for i, curve in enumerate(results.curves):
        colour = CURVE_COLOURS[i % len(CURVE_COLOURS)]
        series.append(
            Series(f"{curve.c_rate:g}C", *points(curve.capacity_C / u.MAH, curve.voltage_V), colour)
        )
    note = _nothing(results)
    if any(c.approximate_ocp for c in results.curves):
        note = "An electrode has no published OCP fit: the curves use an approximate one (see the findings)."
    return LineFigure(
        f"Constant-current discharge at {temperature_text(temperature_K)}",
        "Capacity (mAh)",
        "Voltage (V)",
        tuple(series),
        note=note,
        height_pt=250.0,
    )


def discharge_table(results: DischargeResults) -> Table:
    rows = []
    for curve in results.curves:
        hours = curve.time_s[-1] / 3600.0 if curve.current_A > 0 else None
        end = curve.end_reason + (
            f" ({curve.cutoff_V:.3g} V)" if curve.end_reason == "cut-off voltage" else ""
        )
        rows.append(
            (
                f"{curve.c_rate:g}C",
                number(curve.current_A * 1e3),
                number(curve.delivered_capacity_C / u.MAH),
                f"{100 * curve.utilisation:.1f}",
                number(curve.energy_J / u.MWH),
                f"{curve.average_voltage_V:.4f}",
                number(hours, 3),
                end,
            )
        )
    return Table(
        headers=(
            "C-rate",
            "Current (mA)",
            "Capacity (mAh)",
            "of rated (%)",
            "Energy (mWh)",
            "Mean voltage (V)",
            "Duration (h)",
            "Ended by",
        ),
        rows=tuple(rows),
        weights=(0.7, 0.9, 1.0, 0.85, 0.95, 1.0, 0.85, 2.0),
        numeric=(True, True, True, True, True, True, True, False),
        note="1C delivers the rated (open-circuit) capacity in one hour. Capacity and energy are over "
        "the active area; the mean voltage is energy over capacity.",
    )


def rate_figure(results: DischargeResults, metrics: Metrics, temperature_K: float) -> LineFigure:
    series = []
    rate = results.rate
    if rate is not None:
        series.append(
            Series("delivered", *points(rate.c_rate, rate.capacity_C / u.MAH), CURVE_COLOURS[0], markers=True)
        )
        if metrics.capacity_C is not None:
            ends = (float(rate.c_rate[0]), float(rate.c_rate[-1]))
            rated = metrics.capacity_C / u.MAH
            series.append(Series("rated (open circuit)", ends, (rated, rated), OCV_COLOUR, dashed=True))
    return LineFigure(
        f"Rate capability at {temperature_text(temperature_K)}",
        "C-rate",
        "Delivered capacity (mAh)",
        tuple(series),
        x_log=True,
        y_from_zero=True,
        note=_nothing(results),
    )


def ragone_figure(results: DischargeResults) -> LineFigure:
    series = []
    result = results.ragone
    if result is not None:
        for i, (name, power, energy) in enumerate(
            (
                ("full stack", result.specific_power_W_kg, result.specific_energy_J_kg),
                ("electrode pair", result.pair_specific_power_W_kg, result.pair_specific_energy_J_kg),
            )
        ):
            keep = (power > 0) & (energy > 0)  # a log axis cannot show zero
            x, y = points(power[keep], energy[keep] / u.WH_PER_KG)
            series.append(Series(name, x, y, CURVE_COLOURS[i], markers=True))
    note = (
        "Full stack: every layer, substrate and packaging over the footprint, and the extra mass. "
        "Electrode pair: electrodes, electrolytes and buffers over the active area. "
        "Mean power over each discharge."
    )
    if results.ragone is None and (results.problem or results.rate is None):
        note = _nothing(results) or note
    return LineFigure(
        "Ragone plot",
        "Specific power (W/kg)",
        "Specific energy (Wh/kg)",
        tuple(series),
        x_log=True,
        y_log=True,
        note=note,
    )


def _short(name: str) -> str:
    """Library names carry details in brackets; a bar label keeps the name."""
    return re.sub(r" \([^)]*\)", "", name)


def asr_figure(stack: Stack, metrics: Metrics) -> BarFigure:
    bars = []
    for entry in metrics.asr:
        index = entry.layer_index
        role = stack.layers[index].role if index is not None else _KIND_ROLE.get(entry.kind)
        colour = ROLE_COLOURS[role] if role is not None else INTERFACE_COLOUR
        label = _short(entry.name) if entry.kind == "interface" else f"{_short(entry.name)} ({entry.kind})"
        value = entry.ohm_m2 / u.OHM_CM2
        bars.append(Bar(label, value, colour, number(value), hatched=entry.quality is Quality.ESTIMATE))
    total = metrics.asr_total_ohm_m2
    total_text = f"{number(total / u.OHM_CM2)} Ω·cm²" if total is not None else "n/a"
    return BarFigure(
        f"Area-specific resistance at {temperature_text(metrics.temperature_K)}: total {total_text}",
        "ASR (Ω·cm²)",
        tuple(bars),
        note="Hatched: an estimate (a default or a value measured on a similar interface)."
        if any(b.hatched for b in bars)
        else "",
    )


def overpotential_figure(results: DischargeResults) -> BarFigure:
    curve = results.breakdown
    bars = []
    title = f"Overpotentials at the end of a {BREAKDOWN_C_RATE:g}C discharge"
    if curve is not None:
        title += f" ({curve.end_reason})"
        for i, (name, values) in enumerate(curve.overpotentials.items()):
            millivolts = float(np.asarray(values)[-1]) * 1e3
            bars.append(
                Bar(name, abs(millivolts), CURVE_COLOURS[i % len(CURVE_COLOURS)], number(millivolts, 3))
            )
    note = (
        _nothing(results)
        or "Each loss in mV; together they make up the open-circuit voltage minus the voltage."
    )
    return BarFigure(title, "Overpotential (mV)", tuple(bars), note=note)


def asr_table(metrics: Metrics, citations: Citations) -> Table:
    rows = tuple(
        (
            entry.name,
            entry.kind,
            number(entry.ohm_m2 / u.OHM_CM2),
            entry.quality.value,
            entry.detail,
            citations.mark(entry.source),
        )
        for entry in metrics.asr
    )
    return Table(
        headers=("Term", "Kind", "ASR (Ω·cm²)", "Quality", "How it was obtained", "Source"),
        rows=rows,
        weights=(3.0, 0.85, 0.9, 0.8, 2.9, 0.75),
        numeric=(False, False, True, False, False, False),
    )


def mass_figures(metrics: Metrics) -> tuple[BarFigure, BarFigure]:
    """Mass and volume of each layer, top layer first (as the stack is drawn)."""
    layers = sorted(metrics.layers, key=lambda r: -r.index)
    total_mass = sum(r.mass_kg or 0.0 for r in layers)
    volumes = [r.thickness_m * r.area_m2 * 1e9 for r in layers]  # mm³
    total_volume = sum(volumes)
    mass_bars, volume_bars = [], []
    for row, volume in zip(layers, volumes, strict=True):
        colour = ROLE_COLOURS[row.role]
        if row.mass_kg is None:
            mass_bars.append(Bar(row.name, 0.0, colour, "unknown"))
        else:
            mg = row.mass_kg * 1e6
            share = 100 * row.mass_kg / total_mass if total_mass > 0 else 0.0
            mass_bars.append(Bar(row.name, mg, colour, f"{number(mg, 3)} ({share:.1f} %)"))
        share = 100 * volume / total_volume if total_volume > 0 else 0.0
        volume_bars.append(Bar(row.name, volume, colour, f"{number(volume, 3)} ({share:.1f} %)"))
    return (
        BarFigure("Mass per layer", "Mass (mg)", tuple(mass_bars)),
        BarFigure("Volume per layer", "Volume (mm³)", tuple(volume_bars)),
    )
