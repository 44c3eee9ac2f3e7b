"""A cycling protocol: steps of constant current, constant-voltage holds and rests, in order.

The particle concentration profiles carry from step to step. A constant-current step from the
uniform start, with constant diffusivities, is the closed form's curve (protocol_closed.py, which
also gives the profiles it leaves); any other step (from a non-uniform state, a hold, a rest, or
with a D(θ)) runs on the numerical particle solver (numerical_march.py). The cell starts fully
charged, or fully discharged where its first current step is a charge.

Every step, constant current or held, is bounded by the usable window compute_metrics rates the
cell by (metrics/window.py): it stops where an electrode's average reaches the window's end, so no
protocol moves more than the rated capacity in one direction.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cellstack.core.discharge.curve import CANNOT_START
from cellstack.core.discharge.end_search import REASONS, window_reason
from cellstack.core.discharge.numerical_cell import NumericalCell, numerical_cell
from cellstack.core.discharge.numerical_march import Segment, march_current, march_hold
from cellstack.core.discharge.numerical_particle import DEFAULT_CELLS
from cellstack.core.discharge.parameters import Cell, build_cell
from cellstack.core.discharge.protocol_closed import closed_form_segment
from cellstack.core.discharge.protocol_steps import MAX_HOLD_S, Step, StepKind
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.metrics.results import Finding
from cellstack.core.ocp import FloatArray
from cellstack.core.stack import Stack

CLOSED_FORM = "closed form"
NUMERICAL = "numerical particle solver"


@dataclass(frozen=True)
class StepResult:
    """What one step did. Arrays share one length; time from the protocol's start; current > 0
    discharges; ``capacity_C`` is the charge moved since the step began (never negative)."""

    step: Step
    time_s: FloatArray
    current_A: FloatArray
    voltage_V: FloatArray
    capacity_C: FloatArray
    end_reason: str
    solver: str  # which solver gave the step: CLOSED_FORM, NUMERICAL, or the first then the second

    @property
    def delivered_capacity_C(self) -> float:
        return float(self.capacity_C[-1])

    @property
    def energy_J(self) -> float:
        """∫V·|I| dt over the step: given out on discharge, taken up on charge."""
        if self.time_s.shape[0] < 2:
            return 0.0
        power = self.voltage_V * np.abs(self.current_A)
        return max(float(np.trapezoid(power, self.time_s)), 0.0)


@dataclass(frozen=True)
class ProtocolResult:
    steps: tuple[StepResult, ...]
    rated_capacity_C: float
    temperature_K: float
    findings: tuple[Finding, ...]


def _window_left(ncell: NumericalCell, state: FloatArray, discharging: bool) -> tuple[float, str]:
    """The charge per area until the first electrode's average reaches the end of its usable
    window, and the end reason that names it."""
    room = ncell.window_room(state, discharging)
    # A tie within round-off (a lithium foil's window is the cathode's charge) names the cathode.
    cathode_first = bool(room[0] <= room[1] + 1e-9 * ncell.cell.capacity_C_m2)
    return max(float(room.min()), 0.0), window_reason(not discharging, cathode_first)


def _current_step(
    ncell: NumericalCell, cell: Cell, step: Step, state: FloatArray, previous: float, closed_form: bool
) -> tuple[list[Segment], str]:
    """The step's segments, and which solver gave them."""
    charge = step.kind is StepKind.CHARGE
    sign = -1.0 if charge else 1.0
    current = sign * step.c_rate * cell.capacity_C_m2 / 3600.0
    limit = step.limit_V
    if limit is None:
        limit = cell.cutoffs.high_V if charge else cell.cutoffs.low_V
    names = REASONS[charge]
    left, window_end = _window_left(ncell, state, not charge)
    duration = left / abs(current)
    segments: list[Segment] = []
    solver = NUMERICAL
    if duration > 0.0:
        closed = None
        if closed_form and previous == 0.0 and np.array_equal(state, ncell.uniform(charged=not charge)):
            closed = closed_form_segment(ncell, step.c_rate, limit, charge, current)
        if closed is not None:
            segments.append(closed)
            solver = CLOSED_FORM
        else:
            reasons = (names[0], names[1], names[2], window_end)
            segments.append(march_current(ncell, state, current, duration, limit, reasons, previous))
    # The hold follows a constant-current part that reached its voltage; one that could not start,
    # or stopped at the end of a host or window first, never gets there.
    reached = bool(segments) and segments[-1].end_reason == names[0] and segments[-1].time_s[-1] > 0.0
    if step.hold_until_c_rate is not None and reached:
        start = segments[-1].end_state
        held_from = float(segments[-1].current_A_m2[-1])
        until = step.hold_until_c_rate * cell.capacity_C_m2 / 3600.0
        ends = (names[1], names[2], window_reason(charge, True), window_reason(charge, False))
        segments.append(march_hold(ncell, start, limit, held_from, until, MAX_HOLD_S, ends))
        if solver == CLOSED_FORM:
            solver = f"{CLOSED_FORM}, then {NUMERICAL} for the hold"
    return segments, solver


def _result(step: Step, segments: list[Segment], t0: float, area_m2: float, solver: str) -> StepResult:
    times, currents, voltages = [], [], []
    offset = t0
    for segment in segments:
        times.append(segment.time_s + offset)
        currents.append(segment.current_A_m2)
        voltages.append(segment.voltage_V)
        offset += float(segment.time_s[-1])
    t = np.concatenate(times)
    current = np.concatenate(currents) * area_m2
    moved = np.zeros_like(t)
    if t.shape[0] > 1:
        steps = 0.5 * (np.abs(current[1:]) + np.abs(current[:-1])) * np.diff(t)
        moved[1:] = np.cumsum(steps)
    reason = segments[-1].end_reason
    if t.shape[0] == 1 and not reason.startswith(CANNOT_START):
        reason = f"{CANNOT_START}: {reason} already"
    return StepResult(step, t, current, np.concatenate(voltages), moved, reason, solver)


def run_protocol(
    stack: Stack,
    interfaces: InterfaceTable | None,
    steps: tuple[Step, ...],
    *,
    temperature_K: float | None = None,
    cells: int = DEFAULT_CELLS,
    closed_form: bool = True,
) -> ProtocolResult:
    """Run ``steps`` in order on ``stack`` (``cells``: finite volumes per host; ``closed_form``
    False runs every step numerically, to compare). Raises InputError where the stack cannot be
    discharged."""
    cell = build_cell(stack, interfaces, temperature_K)
    ncell = numerical_cell(cell, cells)
    first = next((s for s in steps if s.kind is not StepKind.REST), None)
    state = ncell.uniform(charged=first is None or first.kind is StepKind.DISCHARGE)
    results: list[StepResult] = []
    t, previous = 0.0, 0.0
    for step in steps:
        if step.kind is StepKind.REST:
            reasons = ("", "", "", "rest over")
            segments = [march_current(ncell, state, 0.0, step.duration_s, None, reasons, previous)]
            solver = NUMERICAL
        else:
            segments, solver = _current_step(ncell, cell, step, state, previous, closed_form)
        if segments:
            state = segments[-1].end_state
            previous = float(segments[-1].current_A_m2[-1])
            result = _result(step, segments, t, cell.area_m2, solver)
        else:
            result = _empty(step, t, ncell, state, previous, cell.area_m2)
        results.append(result)
        t = float(result.time_s[-1])
    return ProtocolResult(
        tuple(results), cell.capacity_C_m2 * cell.area_m2, cell.temperature_K, cell.findings
    )


def _empty(
    step: Step, t: float, ncell: NumericalCell, state: FloatArray, previous: float, area_m2: float
) -> StepResult:
    """A current step with nothing left in its window: one point, at rest."""
    surfaces = ncell.hosts.surfaces(state[np.newaxis, :], np.array([previous]))
    voltage = ncell.voltage(np.zeros(1), surfaces)
    _, window_end = _window_left(ncell, state, step.kind is StepKind.DISCHARGE)
    reason = f"{CANNOT_START}: {window_end} already"
    return StepResult(step, np.array([t]), np.zeros(1), voltage, np.zeros(1), reason, NUMERICAL)
