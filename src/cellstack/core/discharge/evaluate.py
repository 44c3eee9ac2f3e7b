"""The states of a constant-current run at given times, and where the run ends.

    V(t) = U_p(θ_p,surf) − U_n(θ_n,surf) − η_p − η_n − i·Σ R_ohmic

Every term is a closed-form expression of t (diffusion.py, kinetics.py), so a grid of times is a
few dozen vectorised numpy calls. The end is found on a coarse grid, pinned down by a zoom into
the interval where it lies, and interpolated linearly there; no ODE is integrated.

A run ends at the first of: the cut-off voltage; a diffusing electrode's surface reaching what its
host can hold (the end of the OCP fit's range, at most a full or empty host): the rate is then
diffusion-limited; or, at ``t_max``, the average of the limiting electrode reaching the end of its
usable window: the rated capacity is delivered. The last needs no test, as the grid ends there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from cellstack.core.discharge.diffusion import Geometry, surface_theta
from cellstack.core.discharge.kinetics import overpotential_at
from cellstack.core.discharge.parameters import Cell, Electrode
from cellstack.core.material import Role
from cellstack.core.ocp import FloatArray
from cellstack.core.units import FARADAY, GAS_CONSTANT

_COARSE_POINTS = 80
_ZOOM_POINTS = 160
_MAX_ZOOMS = 6
_THETA_TOLERANCE = 1e-12
_THETA_FLOOR = 1e-18  # keeps θ(1−θ) > 0 where a surface reaches an empty or full host

_DISCHARGE = ("cut-off voltage", "cathode fully lithiated", "anode depleted")
_CHARGE = ("cut-off voltage", "cathode fully delithiated", "anode fully lithiated")
REASONS = {False: _DISCHARGE, True: _CHARGE}


@lru_cache(maxsize=16)
def unit_grid(points: int) -> FloatArray:
    grid = np.linspace(0.0, 1.0, points)
    grid.flags.writeable = False
    return grid


@dataclass(frozen=True, slots=True)
class Side:
    """One electrode during one run: where it starts and how fast its stoichiometry moves."""

    electrode: Electrode
    start: float  # θ at t = 0
    rate: float  # dθ_avg/dt (1/s)
    end: float  # the average θ at which the usable window is used up
    limit: float  # the surface θ beyond which the host (or its OCP fit) can take no more
    lithiating: bool
    diffusing: bool  # the surface leads the average (a host with finite D, current flowing)
    eta: float  # η (V) where it does not depend on the state
    eta_scale: float  # else η = thermal·asinh(eta_scale/√(θ(1−θ))); 0 where η is constant


@dataclass(frozen=True, slots=True)
class Run:
    cell: Cell
    current: float  # A/m² through interfaces and resistances: > 0 discharges
    passed: float  # A/m² that moves the stoichiometries (±1 on the zero-current OCV path)
    charge: bool
    limit_V: float
    drop_V: float  # i·ΣR plus the state-independent charge-transfer terms
    thermal_V: float  # 2RT/F
    cathode: Side
    anode: Side


def _side(e: Electrode, cell: Cell, current: float, passed: float, charge: bool) -> Side:
    start, end = (e.theta_discharged, e.theta_charged) if charge else (e.theta_charged, e.theta_discharged)
    into_host = 1.0 if e.side is Role.CATHODE else -1.0
    eta, eta_scale = 0.0, 0.0
    if current != 0.0 and e.kinetics is not None:
        j0 = e.kinetics.at(cell.temperature_K) * e.reaction_area_ratio  # per geometric area
        if e.kinetics.stoichiometry_dependent:
            # j0(θ) = j0·2√(θ(1−θ)), so i/(2 j0(θ)) = (i/(4 j0))/√(θ(1−θ)).
            eta_scale = current / (4.0 * j0)
        else:
            eta = overpotential_at(current, j0, cell.temperature_K)
    elif current != 0.0 and e.interface_j0_A_m2 is not None:
        eta = overpotential_at(current, e.interface_j0_A_m2, cell.temperature_K)
    lithiating = (into_host * passed) > 0
    # The surface may run past the end of the usable window, up to the end of the host (or of the
    # range its OCP fit covers): that is where a too fast insertion stops.
    full, empty = max(min(e.curve.theta_max, 1.0), end), min(max(e.curve.theta_min, 0.0), end)
    diffusing = e.geometry is not Geometry.NONE and current != 0.0
    return Side(
        electrode=e,
        start=start,
        rate=into_host * passed / e.host_C_m2,
        end=end,
        limit=full if lithiating else empty,
        lithiating=lithiating,
        diffusing=diffusing,
        eta=eta,
        eta_scale=eta_scale,
    )


def make_run(cell: Cell, current: float, passed: float, charge: bool, limit_V: float) -> Run:
    cathode = _side(cell.cathode, cell, current, passed, charge)
    anode = _side(cell.anode, cell, current, passed, charge)
    drop = current * sum(asr for _, asr in cell.ohmic) + cathode.eta + anode.eta
    thermal = 2.0 * GAS_CONSTANT * cell.temperature_K / FARADAY
    return Run(cell, current, passed, charge, limit_V, drop, thermal, cathode, anode)


@dataclass(frozen=True, slots=True)
class States:
    p_surf: FloatArray
    n_surf: FloatArray
    u_p: FloatArray  # OCP at the surface states
    u_n: FloatArray | float
    eta_p: FloatArray | float  # state-dependent charge transfer only (the rest is in Run.drop_V)
    eta_n: FloatArray | float
    voltage: FloatArray
    margins: tuple[FloatArray, ...]  # voltage, then each diffusing surface; <= 0 once met
    reasons: tuple[int, ...]  # index into REASONS[charge] for each margin


def _surface(side: Side, t: FloatArray) -> FloatArray:
    if not side.diffusing:
        return side.start + side.rate * t
    e = side.electrode
    return surface_theta(side.start, side.rate, e.diffusion_time_s, t, e.geometry)


def _state_eta(side: Side, thermal: float, surface: FloatArray) -> FloatArray | float:
    """kinetics.overpotential with j₀(θ) = j₀·2√(θ(1−θ)), folded into as few numpy calls as can be."""
    if side.eta_scale == 0.0:
        return 0.0
    room = np.maximum(surface - surface * surface, _THETA_FLOOR)
    return thermal * np.arcsinh(side.eta_scale / np.sqrt(room))


def evaluate(run: Run, t: FloatArray, *, margins: bool = True) -> States:
    cathode, anode = run.cathode, run.anode
    p_surf, n_surf = _surface(cathode, t), _surface(anode, t)
    eta_p, eta_n = _state_eta(cathode, run.thermal_V, p_surf), _state_eta(anode, run.thermal_V, n_surf)
    u_p = cathode.electrode.ocp(p_surf)
    u_n: FloatArray | float = 0.0 if anode.electrode.lithium_metal else anode.electrode.ocp(n_surf)
    voltage = u_p - (u_n + eta_p + eta_n + run.drop_V)
    if not margins:  # the final curve: where it ends is known
        return States(p_surf, n_surf, u_p, u_n, eta_p, eta_n, voltage, (), ())
    room = [(run.limit_V - voltage) if run.charge else (voltage - run.limit_V)]
    reasons = [0]
    for index, (side, surface) in enumerate(((cathode, p_surf), (anode, n_surf)), start=1):
        if side.diffusing:
            bound = side.limit - _THETA_TOLERANCE if side.lithiating else side.limit + _THETA_TOLERANCE
            room.append(bound - surface if side.lithiating else surface - bound)
            reasons.append(index)
    return States(p_surf, n_surf, u_p, u_n, eta_p, eta_n, voltage, tuple(room), tuple(reasons))


def _ended(states: States) -> int:
    """Index of the first state at which the run has ended, -1 if none has."""
    lowest = states.margins[0]
    for margin in states.margins[1:]:
        lowest = np.minimum(lowest, margin)
    k = int(np.argmax(lowest <= 0.0))
    return k if lowest[k] <= 0.0 else -1


def _at(states: States, k: int) -> tuple[float, ...]:
    return tuple(float(m[k]) for m in states.margins)


def _window_reason(run: Run) -> str:
    """Which electrode's usable window runs out first (at t_max)."""
    names = REASONS[run.charge]
    cathode, anode = run.cell.cathode, run.cell.anode
    return names[1] if cathode.window_C_m2 <= anode.window_C_m2 else names[2]


def find_end(run: Run, t_max: float) -> tuple[float, str]:
    """The time of the first end condition, and which one it is."""
    names = REASONS[run.charge]
    grid = t_max * unit_grid(_COARSE_POINTS)
    states = evaluate(run, grid)
    k = _ended(states)
    if k < 0:
        return t_max, _window_reason(run)
    if k == 0:
        first = _at(states, 0)
        return 0.0, names[states.reasons[first.index(min(first))]]
    lo, hi = float(grid[k - 1]), float(grid[k])
    m_lo, m_hi = _at(states, k - 1), _at(states, k)
    for _ in range(_MAX_ZOOMS):
        sub = lo + (hi - lo) * unit_grid(_ZOOM_POINTS)
        inner = evaluate(run, sub)
        j = _ended(inner)
        if j > 0:
            lo, hi = float(sub[j - 1]), float(sub[j])
            m_lo, m_hi = _at(inner, j - 1), _at(inner, j)
        # One zoom is enough where the margins are smooth. Next to t = 0 they go as √t (diffusion
        # starting up), which a straight line cannot follow: zoom on while the end is in [0, hi].
        if lo > 0.0 or j <= 0:
            break
    # Where each met condition crossed zero, on a straight line between lo and hi; the first wins.
    crossings = [
        (min(max(a / (a - b), 0.0), 1.0) if a > b else 0.0, index)
        for index, (a, b) in enumerate(zip(m_lo, m_hi, strict=True))
        if b <= 0.0
    ]
    fraction, which = min(crossings)
    return lo + fraction * (hi - lo), names[states.reasons[which]]
