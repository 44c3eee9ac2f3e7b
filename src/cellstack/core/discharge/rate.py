"""Delivered capacity and energy against C-rate, and the Ragone curve they give.

The stack is read once and discharged at each rate (each run a few numpy expressions), so a
25-point Ragone curve costs about what compute_metrics does.

A rate at which the discharge cannot start (curve.py) delivers 0 mAh and 0 Wh at 0 W: its entry of
``started`` is False and its end reason says why. Plots leave such points out (a log axis has no
zero); tables show them with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from cellstack.core.discharge.kinetics import Kinetics
from cellstack.core.discharge.model import DEFAULT_POINTS, run_cell
from cellstack.core.discharge.parameters import build_cell
from cellstack.core.errors import InputError
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.material import Role
from cellstack.core.metrics import Level, compute_metrics
from cellstack.core.metrics.results import Finding
from cellstack.core.ocp import FloatArray
from cellstack.core.stack import Stack

RATE_CAPABILITY_C_RATES = (0.1, 0.5, 1.0, 2.0, 5.0)
RAGONE_C_RATES: FloatArray = np.geomspace(0.05, 50.0, 25)


@dataclass(frozen=True)
class RateCapability:
    """Per C-rate (arrays of one length): what a full constant-current discharge delivers."""

    c_rate: FloatArray
    capacity_C: FloatArray
    energy_J: FloatArray
    average_voltage_V: FloatArray  # 0 where the discharge cannot start
    end_reasons: tuple[str, ...]
    started: NDArray[np.bool_]  # False where the discharge cannot start
    rated_capacity_C: float  # compute_metrics' capacity, which 1C delivers in an hour
    temperature_K: float
    approximate_ocp: bool
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Ragone:
    """Specific energy against specific power over a range of C-rates.

    ``specific_*`` are at ``level`` (the full stack: every layer, footprint-wide substrate and
    packaging, extra mass); ``pair_specific_*`` at ``pair_level`` (electrodes, electrolytes and
    buffers over the active area only). Power is the mean over the discharge, energy over time.
    """

    c_rate: FloatArray
    specific_energy_J_kg: FloatArray
    specific_power_W_kg: FloatArray
    mass_kg: float
    pair_specific_energy_J_kg: FloatArray
    pair_specific_power_W_kg: FloatArray
    pair_mass_kg: float
    end_reasons: tuple[str, ...]
    started: NDArray[np.bool_]  # False where the discharge cannot start: 0 energy at 0 power
    temperature_K: float
    approximate_ocp: bool
    findings: tuple[Finding, ...]
    level: Level = Level.FULL_STACK
    pair_level: Level = Level.ELECTRODE_PAIR


def _rates(c_rates: ArrayLike) -> FloatArray:
    rates = np.atleast_1d(np.asarray(c_rates, dtype=float))
    if rates.ndim != 1 or rates.size == 0:
        raise InputError("c_rates", rates.tolist(), "a non-empty list of C-rates")
    return rates


def rate_capability(
    stack: Stack,
    interfaces: InterfaceTable | None,
    c_rates: Sequence[float] | FloatArray = RATE_CAPABILITY_C_RATES,
    *,
    temperature_K: float | None = None,
    cutoff_V: float | None = None,
    points: int = DEFAULT_POINTS,
    kinetics: dict[Role, Kinetics] | None = None,
    series_asr_ohm_m2: float = 0.0,
) -> RateCapability:
    rates = _rates(c_rates)
    cell = build_cell(stack, interfaces, temperature_K, kinetics, series_asr_ohm_m2)
    curves = [run_cell(cell, float(c), cutoff_V=cutoff_V, points=points) for c in rates]
    return RateCapability(
        c_rate=rates,
        capacity_C=np.array([c.delivered_capacity_C for c in curves]),
        energy_J=np.array([c.energy_J for c in curves]),
        average_voltage_V=np.array([c.average_voltage_V for c in curves]),
        end_reasons=tuple(c.end_reason for c in curves),
        started=np.array([c.started for c in curves], dtype=bool),
        rated_capacity_C=cell.capacity_C_m2 * cell.area_m2,
        temperature_K=cell.temperature_K,
        approximate_ocp=cell.cathode.approximate or cell.anode.approximate,
        findings=cell.findings,
    )


def ragone(
    stack: Stack,
    interfaces: InterfaceTable | None,
    c_rates: Sequence[float] | FloatArray = RAGONE_C_RATES,
    *,
    temperature_K: float | None = None,
    cutoff_V: float | None = None,
    points: int = DEFAULT_POINTS,
    kinetics: dict[Role, Kinetics] | None = None,
    series_asr_ohm_m2: float = 0.0,
) -> Ragone:
    rates = _rates(c_rates)
    cell = build_cell(stack, interfaces, temperature_K, kinetics, series_asr_ohm_m2)
    metrics = compute_metrics(stack, interfaces) if interfaces is not None else compute_metrics(stack)
    full, pair = metrics.level(Level.FULL_STACK), metrics.level(Level.ELECTRODE_PAIR)
    if full.specific_energy_J_kg is None or full.mass_kg <= 0.0 or pair.mass_kg <= 0.0:
        raise InputError("stack", "no mass", "a stack whose every layer has a density")
    curves = [run_cell(cell, float(c), cutoff_V=cutoff_V, points=points) for c in rates]
    energy = np.array([c.energy_J for c in curves])
    duration = np.array([c.time_s[-1] for c in curves])
    power = np.divide(energy, duration, out=np.zeros_like(energy), where=duration > 0.0)
    return Ragone(
        c_rate=rates,
        specific_energy_J_kg=energy / full.mass_kg,
        specific_power_W_kg=power / full.mass_kg,
        mass_kg=full.mass_kg,
        pair_specific_energy_J_kg=energy / pair.mass_kg,
        pair_specific_power_W_kg=power / pair.mass_kg,
        pair_mass_kg=pair.mass_kg,
        end_reasons=tuple(c.end_reason for c in curves),
        started=np.array([c.started for c in curves], dtype=bool),
        temperature_K=cell.temperature_K,
        approximate_ocp=cell.cathode.approximate or cell.anode.approximate,
        findings=cell.findings,
    )
