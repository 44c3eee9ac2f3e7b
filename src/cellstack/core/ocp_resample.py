"""Measured half-cell points -> a monotonic tabulated OCP, saying what was smoothed and how much.

A measured curve wiggles (noise, a relaxation step, the start of a plateau), while every host loses
potential as it fills. The points of each branch are made non-increasing in stoichiometry by
isotonic regression (pool adjacent violators: the least-squares closest non-increasing sequence,
so it changes only what breaks monotonicity and averages it away); the largest change is
reported. With a charge branch too, the OCP is the mean of the two branches where both were
measured (as for the hysteretic silicon fit, docs/physics.md), and half their largest gap is
reported as the hysteresis. The result is resampled onto evenly spaced stoichiometries.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cellstack.core.errors import InputError
from cellstack.core.ocp import FloatArray

RESAMPLED_POINTS = 1001


@dataclass(frozen=True, slots=True)
class Branch:
    """One measured branch: stoichiometry strictly increasing, potential in V vs Li/Li+."""

    stoichiometry: FloatArray
    voltage_V: FloatArray


@dataclass(frozen=True, slots=True)
class Resampled:
    stoichiometry: tuple[float, ...]
    voltage_V: tuple[float, ...]
    smoothing_V: float  # largest change isotonic regression made to a measured point
    hysteresis_V: float  # half the largest charge-discharge gap; 0 with one branch
    note: str


def non_increasing(values: FloatArray) -> FloatArray:
    """The least-squares closest non-increasing sequence (pool adjacent violators)."""
    means: list[float] = []
    counts: list[int] = []
    for value in values:
        means.append(float(value))
        counts.append(1)
        # A block that rises above the one before it is merged with it, until none does.
        while len(means) > 1 and means[-1] > means[-2]:
            count = counts[-1] + counts[-2]
            means[-2] = (means[-2] * counts[-2] + means[-1] * counts[-1]) / count
            counts[-2] = count
            means.pop()
            counts.pop()
    return np.repeat(np.array(means, dtype=float), counts)


def resample(discharge: Branch, charge: Branch | None = None, points: int = RESAMPLED_POINTS) -> Resampled:
    """The monotonic table of one or two branches, on ``points`` evenly spaced stoichiometries."""
    smooth_d = non_increasing(discharge.voltage_V)
    smoothing = float(np.max(np.abs(smooth_d - discharge.voltage_V)))
    low, high = float(discharge.stoichiometry[0]), float(discharge.stoichiometry[-1])
    hysteresis = 0.0
    if charge is not None:
        smooth_c = non_increasing(charge.voltage_V)
        smoothing = max(smoothing, float(np.max(np.abs(smooth_c - charge.voltage_V))))
        low = max(low, float(charge.stoichiometry[0]))
        high = min(high, float(charge.stoichiometry[-1]))
        if not high > low:
            raise InputError(
                "charge branch",
                f"stoichiometry {charge.stoichiometry[0]:.4g} to {charge.stoichiometry[-1]:.4g}",
                f"a range that overlaps the discharge branch ({low:.4g} to {high:.4g})",
            )
    grid = np.linspace(low, high, points)
    values = np.interp(grid, discharge.stoichiometry, smooth_d)
    if charge is not None:
        on_charge = np.interp(grid, charge.stoichiometry, smooth_c)
        hysteresis = float(np.max(np.abs(on_charge - values))) / 2.0
        values = 0.5 * (values + on_charge)
    # Interpolating two non-increasing sequences keeps them so; rounding cannot make one rise.
    values = np.minimum.accumulate(values)
    return Resampled(
        tuple(float(x) for x in grid),
        tuple(float(v) for v in values),
        smoothing,
        hysteresis,
        _note(smoothing, hysteresis, points),
    )


def _note(smoothing_V: float, hysteresis_V: float, points: int) -> str:
    parts = [f"isotonic regression moved the measured points by at most {smoothing_V * 1e3:.2f} mV"]
    if hysteresis_V > 0.0:
        parts.append(f"mean of charge and discharge branches (half-gap up to {hysteresis_V * 1e3:.1f} mV)")
    parts.append(f"resampled to {points} evenly spaced stoichiometries")
    return "; ".join(parts)
