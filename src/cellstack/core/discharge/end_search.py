"""Where a constant-current run ends, and why.

A run ends at the first of: the cut-off voltage; a diffusing electrode's surface reaching what its
host can hold (the end of the OCP fit's range, at most a full or empty host): the rate is then
diffusion-limited; or, at ``t_max``, the average of the limiting electrode reaching the end of its
usable window: the rated capacity is delivered. The last needs no test, as the grid ends there.

A run whose end condition is met already at t = 0 cannot start: it delivers nothing, and its end
reason, which starts with CANNOT_START, says why (the open-circuit voltage is past the cut-off, or
the drop the current makes at once, ohmic alone or with charge transfer, takes the voltage past it).

The end is found on a coarse grid of times, pinned down on a finer grid across the interval where
it lies, and interpolated linearly between the two points of that grid around it; no ODE is
integrated. Each grid is one vectorised evaluation (evaluate.margins).
"""

from __future__ import annotations

import numpy as np

from cellstack.core.discharge.curve import CANNOT_START
from cellstack.core.discharge.evaluate import Run, evaluate, margins, unit_grid
from cellstack.core.ocp import FloatArray

_COARSE = unit_grid(80)
_FINE = unit_grid(160)
_FINE_LIST: list[float] = _FINE.tolist()  # to find a fine grid's times again, to the last bit
_MAX_ZOOMS = 6

_DISCHARGE = ("cut-off voltage", "cathode fully lithiated", "anode depleted")
_CHARGE = ("cut-off voltage", "cathode fully delithiated", "anode fully lithiated")
REASONS = {False: _DISCHARGE, True: _CHARGE}
# A run that stops because an electrode's average reaches the end of its usable window says so, so
# that it reads apart from a surface saturating at the end of its host (diffusion-limited).
WINDOW_END = " (rated window)"
_AT_ONCE = np.zeros(1)


def _ended(room: FloatArray) -> int:
    """Index of the first time at which the run has ended, -1 if none has."""
    met = room <= 0.0
    first = int(met.argmax())
    return first // room.shape[1] if met.item(first) else -1


def window_reason(charge: bool, cathode_first: bool) -> str:
    """The end reason of a run whose cathode's (else anode's) usable window runs out first."""
    names = REASONS[charge]
    return (names[1] if cathode_first else names[2]) + WINDOW_END


def _window_reason(run: Run) -> str:
    """Which electrode's usable window runs out first (at t_max)."""
    cathode, anode = run.cell.cathode, run.cell.anode
    return window_reason(run.charge, cathode.window_C_m2 <= anode.window_C_m2)


def find_end(run: Run, t_max: float) -> tuple[float, str]:
    """The time of the first end condition, and which one it is."""
    names, reasons = REASONS[run.charge], run.plan.reasons
    grid = _COARSE * t_max
    room = margins(run, grid)
    k = _ended(room)
    if k < 0:
        return t_max, _window_reason(run)
    if k == 0:
        first: list[float] = room[0].tolist()
        return 0.0, _cannot_start(run, reasons[first.index(min(first))])
    lo, hi = float(grid[k - 1]), float(grid[k])
    ends = room[k - 1 : k + 1]  # the margins on either side of the end
    for _ in range(_MAX_ZOOMS):
        span = hi - lo
        fine = margins(run, _FINE * span + lo)
        j = _ended(fine)
        if j <= 0:
            break
        ends = fine[j - 1 : j + 1]
        lo, hi = lo + span * _FINE_LIST[j - 1], lo + span * _FINE_LIST[j]
        # One zoom is enough where the margins are smooth. Next to t = 0 they go as √t (diffusion
        # starting up), which a straight line cannot follow: zoom on while the end is in [0, hi].
        if lo > 0.0:
            break
    # Where each met condition crossed zero, on a straight line between lo and hi; the first wins
    # (on a tie, the first in plan.reasons).
    first_fraction, which = 2.0, 0
    m_lo, m_hi = ends.tolist()
    for index, (a, b) in enumerate(zip(m_lo, m_hi, strict=True)):
        if b <= 0.0:
            fraction = min(max(a / (a - b), 0.0), 1.0) if a > b else 0.0
            if fraction < first_fraction:
                first_fraction, which = fraction, index
    end = lo + first_fraction * (hi - lo)
    if end <= 0.0:  # met within round-off of t = 0: a margin that falls from a > 0 to -1e300
        return 0.0, _cannot_start(run, reasons[which])
    return end, names[reasons[which]]


def _cannot_start(run: Run, condition: int) -> str:
    """Why a run whose end ``condition`` (0 the voltage, 1 and 2 a surface) is met at t = 0 cannot start."""
    if condition != 0:
        return f"{CANNOT_START}: {REASONS[run.charge][condition]} already"
    states = evaluate(run, _AT_ONCE)
    ocv = float(states.ocv_p[0]) - float(np.asarray(states.ocv_n).flat[0])
    ohmic = run.current * sum([asr for _, asr in run.cell.ohmic])  # < 0 on charge: V rises
    # Past the cut-off: below it on discharge, above it on charge (as margins() counts it).
    sign = -1.0 if run.charge else 1.0
    side, drop = ("above", "rise") if run.charge else ("below", "drop")
    if sign * (ocv - run.limit_V) <= 0.0:
        return f"{CANNOT_START}: the open-circuit voltage is already {side} the cut-off"
    if sign * (ocv - ohmic - run.limit_V) <= 0.0:
        return f"{CANNOT_START}: the initial ohmic {drop} takes the voltage {side} the cut-off"
    if sign * (float(states.voltage[0]) - run.limit_V) <= 0.0:
        both = f"ohmic and charge-transfer {drop}"
        return f"{CANNOT_START}: the initial {both} takes the voltage {side} the cut-off"
    # Met within round-off of t = 0 (find_end): a surface that saturates as soon as diffusion starts.
    return f"{CANNOT_START}: solid diffusion takes the voltage {side} the cut-off at once"
