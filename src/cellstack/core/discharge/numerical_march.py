"""Marching a NumericalCell through time: at a constant current, or holding a constant voltage.

Steps start small after every change of current (the surface answers as √t at first) and grow
geometrically to a cap; the first step of a segment is backward Euler, the rest BDF2
(numerical_particle.py). A constant-current segment ends at the first of: the cut-off voltage, a
surface reaching the end of its host, or its duration (the end of the usable window, or a rest's
length); a hold ends when the current has fallen to its limit, a surface reaches the end of its
host, an average reaches the end of its usable window (the rated capacity is taken up or given
out, as a constant current's duration stops it), or at its longest duration. Ends are interpolated
linearly between the two steps around them, the state included.

A state's surface depends on the current that shaped it: the first point of a segment uses the
current before it (``previous_A_m2``), so a step of current moves the voltage by the ohmic and
charge-transfer jump only, as it does in the cell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from cellstack.core.discharge.numerical_cell import NumericalCell
from cellstack.core.discharge.numerical_particle import Factored, step
from cellstack.core.ocp import FloatArray

FIRST_STEP = 1e-4  # of the cap: the first step's length
GROWTH = 1.2  # each step this many times the last, up to the cap
CC_STEPS = 60  # the cap of a constant-current segment is its longest duration over this
_CHECK_EVERY = 16  # constant-current voltages are checked in batches of this many steps
HOLD_DIVISIONS = 20  # a hold's steps grow to the slower host's diffusion time over this
_MAX_HOLD_STEPS = 100_000


class Segment(NamedTuple):
    """A run of steps: times (s, from the segment's start), current (A/m², > 0 discharging),
    surface and average stoichiometries (…, 2: cathode, anode), voltage, and why it ended."""

    time_s: FloatArray
    current_A_m2: FloatArray
    surfaces: FloatArray
    averages: FloatArray
    voltage_V: FloatArray
    end_reason: str
    end_state: FloatArray


def step_sizes(duration_s: float, cap_s: float) -> list[float]:
    """Step lengths that add up to ``duration_s``: small first, growing to ``cap_s``."""
    sizes, t, dt = [], 0.0, cap_s * FIRST_STEP
    while t < duration_s:
        dt_now = min(dt, duration_s - t)
        if duration_s - (t + dt_now) < 1e-9 * duration_s:
            dt_now = duration_s - t
        sizes.append(dt_now)
        t += dt_now
        dt = min(dt * GROWTH, cap_s)
    return sizes


def _finish(
    cell: NumericalCell,
    times: FloatArray,
    states: FloatArray,
    current: FloatArray,
    previous_A_m2: float,
    reason: str,
) -> Segment:
    shaped_by = current.copy()
    shaped_by[0] = previous_A_m2
    surfaces = cell.hosts.surfaces(states, shaped_by)
    return Segment(
        times,
        current,
        surfaces,
        cell.hosts.averages(states),
        cell.voltage(current, surfaces),
        reason,
        states[-1].copy(),
    )


def _margins(
    cell: NumericalCell, surfaces: FloatArray, voltage: FloatArray, limit_V: float | None, discharging: bool
) -> FloatArray:
    """(rows, 3): room to the cut-off, and to each surface's bound; <= 0 once met."""
    rows = np.full((surfaces.shape[0], 3), np.inf)
    if limit_V is not None:
        rows[:, 0] = (voltage - limit_V) if discharging else (limit_V - voltage)
    for column, side in enumerate(cell.sides, start=1):
        if side.diffuses:
            bound, sign = side.bound(discharging)
            rows[:, column] = sign * (bound - surfaces[:, column - 1])
    return rows


def _crossing(before: FloatArray, after: FloatArray) -> tuple[float, int]:
    """Where, between two rows of margins, the first condition met crossed zero, and which."""
    best, which = 2.0, 0
    for condition in range(before.shape[0]):
        a, b = float(before[condition]), float(after[condition])
        if b <= 0.0:
            fraction = min(max(a / (a - b), 0.0), 1.0) if a > b else 0.0
            if fraction < best:
                best, which = fraction, condition
    return best, which


def march_current(
    cell: NumericalCell,
    start: FloatArray,
    current_A_m2: float,
    duration_s: float,
    limit_V: float | None,
    reasons: tuple[str, str, str, str],
    previous_A_m2: float = 0.0,
) -> Segment:
    """Constant current for up to ``duration_s``, stopping at ``limit_V`` (None: no cut-off).

    ``reasons``: the end reasons of the cut-off, the cathode's and the anode's surface, and the
    duration. A segment that ends at once has one point.
    """
    watch = current_A_m2 != 0.0
    sizes = step_sizes(duration_s, duration_s / CC_STEPS)
    states = np.empty((len(sizes) + 1, cell.hosts.size))
    times = np.concatenate(([0.0], np.cumsum(sizes)))
    times[-1] = duration_s
    states[0] = start
    currents = np.full(len(sizes) + 1, current_A_m2)
    checked, earlier = 0, start
    factored: Factored = {}
    for k, dt in enumerate(sizes):
        ratio = dt / sizes[k - 1] if k > 0 else None
        base, unit = step(cell.hosts, states[k], earlier, dt, ratio, factored)
        np.multiply(unit, current_A_m2, out=states[k + 1])
        states[k + 1] += base
        earlier = states[k]
        last = k + 1 == len(sizes)
        if watch and (k + 1 - checked >= _CHECK_EVERY or last):
            ended = _first_end(cell, states, times, currents, checked, k + 1, previous_A_m2, limit_V)
            if ended is not None:
                return _ended(cell, states, times, currents, previous_A_m2, ended, reasons)
            checked = k + 1
    if watch and not sizes:
        ended = _first_end(cell, states, times, currents, 0, 0, previous_A_m2, limit_V)
        if ended is not None:
            return _ended(cell, states, times, currents, previous_A_m2, ended, reasons)
    return _finish(cell, times, states, currents, previous_A_m2, reasons[3])


def _first_end(
    cell: NumericalCell,
    states: FloatArray,
    times: FloatArray,
    currents: FloatArray,
    first: int,
    last: int,
    previous_A_m2: float,
    limit_V: float | None,
) -> tuple[int, float, int] | None:
    """(row, fraction of the step before it, condition) of the first end in rows first..last."""
    rows = slice(first, last + 1)
    shaped_by = currents[rows].copy()
    if first == 0:
        shaped_by[0] = previous_A_m2
    surfaces = cell.hosts.surfaces(states[rows], shaped_by)
    voltage = cell.voltage(currents[rows], surfaces)
    room = _margins(cell, surfaces, voltage, limit_V, bool(currents[0] > 0.0))
    met = (room <= 0.0).any(axis=1)
    if not met.any():
        return None
    k = int(np.argmax(met))
    if k == 0:  # only a segment's first point is unchecked at k = 0: it ends at once
        return first, 0.0, int(np.argmax(room[0] <= 0.0))
    fraction, which = _crossing(room[k - 1], room[k])
    return first + k, fraction, which


def _ended(
    cell: NumericalCell,
    states: FloatArray,
    times: FloatArray,
    currents: FloatArray,
    previous_A_m2: float,
    ended: tuple[int, float, int],
    reasons: tuple[str, str, str, str],
) -> Segment:
    row, fraction, which = ended
    if row == 0:
        return _finish(cell, times[:1], states[:1], currents[:1], previous_A_m2, reasons[which])
    kept = states[: row + 1].copy()
    kept[row] = (1.0 - fraction) * states[row - 1] + fraction * states[row]
    t = times[: row + 1].copy()
    t[row] = times[row - 1] + fraction * (times[row] - times[row - 1])
    return _finish(cell, t, kept, currents[: row + 1], previous_A_m2, reasons[which])


def march_hold(
    cell: NumericalCell,
    start: FloatArray,
    hold_V: float,
    start_current_A_m2: float,
    until_A_m2: float,
    longest_s: float,
    reasons: tuple[str, str, str, str],
) -> Segment:
    """Hold the terminal voltage at ``hold_V`` until |i| falls to ``until_A_m2`` (or ``longest_s``),
    until a surface reaches the end of its host, or until an electrode's average reaches the end of
    its usable window: ``reasons`` name the cathode's and the anode's surface, then their windows.

    The window bounds a hold as it bounds a constant current: without it a hold at a voltage the
    window's end lies below (a practical capacity short of what the cut-offs allow) goes on taking
    up charge past the rated capacity."""
    discharging = start_current_A_m2 > 0.0
    # The current decays on the hosts' diffusion times: steps grow to a fraction of the slower.
    slowest = max([s.electrode.diffusion_time_s for s in cell.sides if s.diffuses], default=longest_s)
    cap = min(slowest, longest_s) / HOLD_DIVISIONS
    times, currents, states = [0.0], [start_current_A_m2], [start]
    room = _room(cell, start, start_current_A_m2, discharging)
    if room.min() <= 0.0:
        met = reasons[int(np.argmin(room))]
        return _finish(cell, np.zeros(1), start[np.newaxis, :], np.array(currents), currents[0], met)
    earlier, t, dt = start, 0.0, cap * FIRST_STEP
    factored: Factored = {}
    reason = "longest hold"
    for _ in range(_MAX_HOLD_STEPS):
        if t >= longest_s * (1.0 - 1e-12):
            break
        dt_now = min(dt, longest_s - t)
        ratio = dt_now / (times[-1] - times[-2]) if len(times) > 1 else None
        base, unit = step(cell.hosts, states[-1], earlier, dt_now, ratio, factored)
        current = _held_current(cell, base, unit, hold_V, currents[-1])
        earlier = states[-1]
        t += dt_now
        dt = min(dt * GROWTH, cap)
        times.append(t)
        currents.append(current)
        states.append(base + current * unit)
        before, room = room, _room(cell, states[-1], current, discharging)
        if room.min() <= 0.0:
            fraction, which = _crossing(before, room)
            reason = reasons[which]
        elif abs(current) <= until_A_m2:
            a, b = abs(currents[-2]), abs(current)
            fraction = min(max((a - until_A_m2) / (a - b), 0.0), 1.0) if a > b else 1.0
            reason = "current limit"
        else:
            continue
        states[-1] = (1.0 - fraction) * states[-2] + fraction * states[-1]
        times[-1] = times[-2] + fraction * (times[-1] - times[-2])
        currents[-1] = (1.0 - fraction) * currents[-2] + fraction * current
        break
    current_array = np.array(currents)
    return _finish(cell, np.array(times), np.array(states), current_array, start_current_A_m2, reason)


def _room(cell: NumericalCell, state: FloatArray, current: float, discharging: bool) -> FloatArray:
    """How far each surface is from the end of its host (inf for a side without diffusion), then
    how far each average is from the end of its usable window; <= 0 once met."""
    surfaces = cell.hosts.surfaces(state[np.newaxis, :], np.array([current]))
    to_host = _margins(cell, surfaces, np.zeros(1), None, discharging)[0, 1:]
    return np.concatenate((to_host, cell.window_room(state, discharging)))


def _held_current(
    cell: NumericalCell, base: FloatArray, unit: FloatArray, hold_V: float, guess: float
) -> float:
    """The current at which the end-of-step state sits at ``hold_V``."""
    hosts = cell.hosts

    def excess(i: float) -> float:
        surfaces = hosts.surfaces(base + i * unit, i)
        return float(cell.voltage(np.asarray(i), surfaces)) - hold_V

    # V falls as i rises: bracket the root around the last current, widening until it is inside.
    span = max(abs(guess), 1e-9)
    low, high = guess - span, guess + span
    for _ in range(200):
        f_low, f_high = excess(low), excess(high)
        if f_low >= 0.0 >= f_high:
            return _root(excess, low, high, f_low, f_high, 1e-10 * span)
        low, high, span = low - span, high + span, span * 2.0
    return 0.0


def _root(
    f: Callable[[float], float], low: float, high: float, f_low: float, f_high: float, tolerance: float
) -> float:
    """The root of a falling f in [low, high] (f(low) >= 0 >= f(high)): regula falsi with the
    Illinois halving, which converges superlinearly and never leaves the bracket."""
    side = 0
    for _ in range(100):
        if high - low <= tolerance or f_low == f_high:
            break
        x = (low * f_high - high * f_low) / (f_high - f_low)
        fx = f(x)
        if fx == 0.0:
            return x
        if fx > 0.0:
            low, f_low = x, fx
            if side == 1:
                f_high *= 0.5
            side = 1
        else:
            high, f_high = x, fx
            if side == -1:
                f_low *= 0.5
            side = -1
    return 0.5 * (low + high) if f_low == f_high else (low * f_high - high * f_low) / (f_high - f_low)
