"""The outputs a design study can ask for, by their `compute --json` key, in its units.

This table is the one place where a design becomes a dict of outputs: :func:`evaluate_design`
for one stack (compute_metrics, and a discharge when a ``delivered_*`` key is asked), and
:func:`from_sweep` for the arrays of the vectorised sweep. A missing value (an electrode without
a voltage, a stack that cannot be discharged) is NaN, never a made-up number.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from cellstack.core import units as u
from cellstack.core.cell import CellMetrics
from cellstack.core.discharge import simulate_discharge
from cellstack.core.errors import InputError
from cellstack.core.explore.cell_outputs import CELL_OUTPUTS, cell_values
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.metrics import Level, Metrics, compute_metrics
from cellstack.core.stack import Stack
from cellstack.core.sweep import FloatArray, SweepResult


@dataclass(frozen=True)
class DischargeSettings:
    """What a design's own discharge adds to the stack: its cut-off and its series resistance."""

    cutoff_V: float | None = None  # None: the materials' own
    series_asr_ohm_m2: float = 0.0


MetricsGetter = Callable[[Metrics], float | None]
SweepGetter = Callable[[SweepResult, Stack], FloatArray]


def _ratio(value: float | None, unit: float) -> float | None:
    return value / unit if value is not None else None


def _power_W(voltage_V: FloatArray, asr_ohm_m2: FloatArray, area_m2: float) -> FloatArray:
    return np.asarray(voltage_V**2 / (4.0 * asr_ohm_m2) * area_m2)


@dataclass(frozen=True)
class Output:
    """How one key is read from a Metrics object and, where it can be, from a sweep's arrays."""

    from_metrics: MetricsGetter
    from_sweep: SweepGetter | None = None


def _level_outputs() -> dict[str, Output]:
    def getters(level: Level) -> dict[str, MetricsGetter]:
        return {
            "mass_g": lambda m: m.level(level).mass_kg * 1e3,
            "thickness_um": lambda m: m.level(level).thickness_m / u.UM,
            "volume_cm3": lambda m: m.level(level).volume_m3 * 1e6,
            "specific_energy_Wh_kg": lambda m: _ratio(m.level(level).specific_energy_J_kg, u.WH_PER_KG),
            "energy_density_Wh_L": lambda m: _ratio(m.level(level).energy_density_J_m3, u.WH_PER_L),
        }

    return {
        f"levels.{level.value}.{name}": Output(getter)
        for level in Level
        for name, getter in getters(level).items()
    }


OUTPUTS: dict[str, Output] = {
    "area_cm2": Output(lambda m: m.active_area_m2 / u.CM2),
    "footprint_area_cm2": Output(lambda m: m.footprint_area_m2 / u.CM2),
    "temperature_C": Output(lambda m: u.kelvin_to_celsius(m.temperature_K)),
    "capacity_mAh": Output(lambda m: _ratio(m.capacity_C, u.MAH), lambda r, s: r.capacity_C / u.MAH),
    "areal_capacity_mAh_cm2": Output(
        lambda m: _ratio(m.cell_capacity_C_m2, u.MAH_PER_CM2),
        lambda r, s: r.capacity_C / s.active_area_m2 / u.MAH_PER_CM2,
    ),
    "cathode_areal_capacity_mAh_cm2": Output(lambda m: _ratio(m.cathode_capacity_C_m2, u.MAH_PER_CM2)),
    "anode_areal_capacity_mAh_cm2": Output(lambda m: _ratio(m.anode_capacity_C_m2, u.MAH_PER_CM2)),
    "np_ratio": Output(lambda m: m.np_ratio),
    "lithium_excess_um": Output(lambda m: _ratio(m.lithium_excess_m, u.UM)),
    "plated_lithium_um": Output(lambda m: _ratio(m.plated_lithium_m, u.UM)),
    "average_voltage_V": Output(lambda m: m.average_voltage_V, lambda r, s: r.average_voltage_V),
    "energy_mWh": Output(lambda m: _ratio(m.energy_J, u.MWH), lambda r, s: r.energy_J / u.MWH),
    "specific_energy_Wh_kg": Output(
        lambda m: _ratio(m.full_stack.specific_energy_J_kg, u.WH_PER_KG),
        lambda r, s: r.specific_energy_J_kg / u.WH_PER_KG,
    ),
    "energy_density_Wh_L": Output(
        lambda m: _ratio(m.full_stack.energy_density_J_m3, u.WH_PER_L),
        lambda r, s: r.energy_density_J_m3 / u.WH_PER_L,
    ),
    "mass_g": Output(lambda m: m.full_stack.mass_kg * 1e3, lambda r, s: r.mass_kg * 1e3),
    "thickness_um": Output(lambda m: m.full_stack.thickness_m / u.UM, lambda r, s: r.thickness_m / u.UM),
    "asr_ohm_cm2": Output(
        lambda m: _ratio(m.asr_total_ohm_m2, u.OHM_CM2), lambda r, s: r.asr_ohm_m2 / u.OHM_CM2
    ),
    "max_power_mW": Output(
        lambda m: _ratio(m.max_power_W, 1e-3),
        lambda r, s: _power_W(r.average_voltage_V, r.asr_ohm_m2, s.active_area_m2) * 1e3,
    ),
    "specific_power_W_kg": Output(
        lambda m: m.max_power_W / m.full_stack.mass_kg if m.max_power_W is not None else None,
        lambda r, s: _power_W(r.average_voltage_V, r.asr_ohm_m2, s.active_area_m2) / r.mass_kg,
    ),
    **_level_outputs(),
}
# What a constant-current discharge at the study's C-rate delivers (core.discharge).
DISCHARGE_OUTPUTS = ("delivered_capacity_mAh", "delivered_energy_mWh", "delivered_fraction")
OUTPUT_KEYS = (*OUTPUTS, *DISCHARGE_OUTPUTS, *CELL_OUTPUTS)
DEFAULT_C_RATE = 1.0


def check_keys(keys: Iterable[str]) -> tuple[str, ...]:
    """``keys`` as a tuple, or InputError naming the first one that is no output."""
    result = tuple(keys)
    for key in result:
        if key not in OUTPUT_KEYS:
            raise InputError(
                "output key",
                key,
                "a `compute --json` key such as specific_energy_Wh_kg, "
                "asr_ohm_cm2, np_ratio, delivered_energy_mWh or cell.energy_Wh (docs/explore.md lists them)",
            )
    return result


def vectorisable(keys: Iterable[str]) -> bool:
    return all(key in OUTPUTS and OUTPUTS[key].from_sweep is not None for key in keys)


def from_sweep(result: SweepResult, base: Stack, keys: Iterable[str]) -> dict[str, FloatArray]:
    arrays = {}
    for key in keys:
        getter = OUTPUTS[key].from_sweep
        assert getter is not None  # callers check vectorisable() first
        arrays[key] = np.asarray(getter(result, base), dtype=float)
    return arrays


def _number(value: float | None) -> float:
    return math.nan if value is None or not math.isfinite(value) else float(value)


def wants_cell(keys: Iterable[str]) -> bool:
    return any(key in CELL_OUTPUTS for key in keys)


def evaluate_design(
    stack: Stack,
    interfaces: InterfaceTable,
    keys: Iterable[str],
    c_rate: float = DEFAULT_C_RATE,
    *,
    metrics: Metrics | None = None,
    cell: CellMetrics | None = None,
    discharge: DischargeSettings = DischargeSettings(),
) -> dict[str, float]:
    """The outputs ``keys`` of one stack; NaN where the stack has no such value.

    ``metrics`` are the stack's when the caller has them (a project's, with its series
    resistance); ``cell`` the cell around it, without which every ``cell.`` key is NaN;
    ``discharge`` the cut-off and series resistance of the ``delivered_*`` discharge.
    """
    wanted = tuple(keys)
    if metrics is None:
        metrics = compute_metrics(stack, interfaces)
    if not metrics.valid:
        return dict.fromkeys(wanted, math.nan)
    values = {key: _number(OUTPUTS[key].from_metrics(metrics)) for key in wanted if key in OUTPUTS}
    values.update(cell_values(cell, wanted))
    if any(key in DISCHARGE_OUTPUTS for key in wanted):
        values.update(_delivered(stack, interfaces, c_rate, discharge))
    return {key: values[key] for key in wanted}


def _delivered(
    stack: Stack, interfaces: InterfaceTable, c_rate: float, settings: DischargeSettings
) -> dict[str, float]:
    try:
        curve = simulate_discharge(
            stack,
            interfaces,
            c_rate,
            cutoff_V=settings.cutoff_V,
            series_asr_ohm_m2=settings.series_asr_ohm_m2,
        )
    except InputError:
        return dict.fromkeys(DISCHARGE_OUTPUTS, math.nan)
    rated = curve.rated_capacity_C
    return {
        "delivered_capacity_mAh": _number(curve.delivered_capacity_C / u.MAH),
        "delivered_energy_mWh": _number(curve.energy_J / u.MWH),
        "delivered_fraction": _number(curve.delivered_capacity_C / rated if rated > 0 else None),
    }
