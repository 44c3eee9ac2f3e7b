"""A protocol run as the app shows and exports it: one row per step, and the CSV columns that
`cellstack run --csv` writes (docs/cli.md), in display units. Pure: no Qt and no files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from cellstack.core import units as u
from cellstack.core.discharge.protocol import ProtocolResult

CSV_COLUMNS = ("time_s", "current_mA", "voltage_V", "capacity_mAh", "step")


@dataclass(frozen=True)
class StepRow:
    number: int
    text: str
    capacity_mAh: float
    energy_mWh: float
    duration_min: float
    start_V: float
    end_V: float
    end_reason: str
    solver: str


def step_rows(result: ProtocolResult) -> tuple[StepRow, ...]:
    """What each step moved and gave: its capacity, energy, duration and how it ended."""
    return tuple(
        StepRow(
            number,
            step.step.text,
            step.delivered_capacity_C / u.MAH,
            step.energy_J / u.MWH,
            float(step.time_s[-1] - step.time_s[0]) / 60.0,
            float(step.voltage_V[0]),
            float(step.voltage_V[-1]),
            step.end_reason,
            step.solver,
        )
        for number, step in enumerate(result.steps, start=1)
    )


def protocol_columns(result: ProtocolResult) -> dict[str, npt.NDArray[Any]]:
    """``time_s, current_mA, voltage_V, capacity_mAh, step``: current > 0 discharges; capacity
    counts from the start of each step; steps are numbered from 1."""
    steps = result.steps
    return {
        "time_s": np.concatenate([s.time_s for s in steps]),
        "current_mA": np.concatenate([s.current_A for s in steps]) * 1e3,
        "voltage_V": np.concatenate([s.voltage_V for s in steps]),
        "capacity_mAh": np.concatenate([s.capacity_C for s in steps]) / u.MAH,
        "step": np.concatenate([np.full(s.time_s.shape[0], n) for n, s in enumerate(steps, 1)]),
    }


def all_finite(result: ProtocolResult) -> bool:
    """False when any step holds a value that is not a number: such a run is not shown as valid."""
    return all(
        bool(np.all(np.isfinite(values)))
        for step in result.steps
        for values in (step.time_s, step.current_A, step.voltage_V, step.capacity_C)
    )
