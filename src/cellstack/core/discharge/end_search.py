"""Where a constant-current run ends, and why.

A run ends at the first of: the cut-off voltage; a diffusing electrode's surface reaching what its
host can hold (the end of the OCP fit's range, at most a full or empty host): the rate is then
diffusion-limited; or, at ``t_max``, the average of the limiting electrode reaching the end of its
usable window: the rated capacity is delivered. The last needs no test, as the grid ends there.

The end is found on a coarse grid of times, pinned down on a finer grid across the interval where
it lies, and interpolated linearly between the two points of that grid around it; no ODE is
integrated. Each grid is one vectorised evaluation (evaluate.margins).
"""

from __future__ import annotations

from cellstack.core.discharge.evaluate import Run, margins, unit_grid
from cellstack.core.ocp import FloatArray

_COARSE = unit_grid(80)
_FINE = unit_grid(160)
_FINE_LIST: list[float] = _FINE.tolist()  # to find a fine grid's times again, to the last bit
_MAX_ZOOMS = 6

_DISCHARGE = ("cut-off voltage", "cathode fully lithiated", "anode depleted")
_CHARGE = ("cut-off voltage", "cathode fully delithiated", "anode fully lithiated")
REASONS = {False: _DISCHARGE, True: _CHARGE}


def _ended(room: FloatArray) -> int:
    """Index of the first time at which the run has ended, -1 if none has."""
    met = room <= 0.0
    first = int(met.argmax())
    return first // room.shape[1] if met.item(first) else -1


def _window_reason(run: Run) -> str:
    """Which electrode's usable window runs out first (at t_max)."""
    names = REASONS[run.charge]
    cathode, anode = run.cell.cathode, run.cell.anode
    return names[1] if cathode.window_C_m2 <= anode.window_C_m2 else names[2]


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
        return 0.0, names[reasons[first.index(min(first))]]
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
    return lo + first_fraction * (hi - lo), names[reasons[which]]
