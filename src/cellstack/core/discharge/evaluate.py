"""The states of a constant-current run at given times.

    V(t) = U_p(θ_p,surf) − U_n(θ_n,surf) − η_p − η_n − i·Σ R_ohmic

Every term is a closed-form expression of t (diffusion.py, kinetics.py), so a grid of times is a
couple of dozen vectorised numpy calls. Both electrodes go through each call together, as the rows
of one array with their coefficients as (rows, 1) columns (``Plan``): at a few hundred times a
numpy call costs more in overhead than in arithmetic, so the call count is what is kept down.
``margins`` is what end_search.py searches; ``evaluate`` gives the curve.

θ_surf = (θ₀ + rate·t) + rate·t_d·(G(τ) − τ), as diffusion.surface_theta has it, and θ − θ² under
the asinh keep their operations and their order: near an empty or full host η turns a last-bit
change of θ into microvolts, so reordering them is not a round-off matter.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from cellstack.core.discharge.diffusion import LEAD_NODES, Geometry, lead_samples
from cellstack.core.discharge.fixed import invalid
from cellstack.core.discharge.kinetics import nonlinear, nonlinear_finding, overpotential_at
from cellstack.core.discharge.ocp_library import JointTable, joint_table
from cellstack.core.discharge.parameters import Cell, Electrode
from cellstack.core.metrics.results import Finding
from cellstack.core.ocp import FloatArray
from cellstack.core.units import FARADAY, GAS_CONSTANT

_THETA_TOLERANCE = 1e-12
_THETA_FLOOR = 1e-18  # keeps θ(1−θ) > 0 where a surface reaches an empty or full host
# The rows (0 cathode, 1 anode) a step takes part in, by whether each side does.
_ROWS = {(True, True): slice(0, 2), (True, False): slice(0, 1), (False, True): slice(1, 2)}
_NO_ROWS = slice(0, 0)
# The end conditions a run can meet: the voltage (0), and the surface of each diffusing side.
_REASONS = {(True, True): (0, 1, 2), (True, False): (0, 1), (False, True): (0, 2), (False, False): (0,)}


@lru_cache(maxsize=16)
def unit_grid(points: int) -> FloatArray:
    grid = np.linspace(0.0, 1.0, points)
    grid.flags.writeable = False
    return grid


# The records of one run are NamedTuples, not frozen dataclasses: a frozen dataclass's __init__
# (an object.__setattr__ per field) costs several µs, on every run.
class Plan(NamedTuple):
    """The sides' coefficients as (rows, 1) columns, cathode then anode, or the rows that need them.

    A side's surface leads its average by ahead·(G(τ) − τ), τ = t·per_t_d, with G its geometry's
    surface response (diffusion.py), ahead = rate·t_d and per_t_d = 1/t_d. A side that does not
    diffuse gets per_t_d = ahead = 0: its surface is its average (the lead is 0 at τ = 0) without
    a branch. The anode has no row where nothing depends on its θ (lithium metal with a constant η).
    """

    rows: int
    paces: FloatArray  # (2, rows, 1): dθ_avg/dt and per_t_d, which both multiply t
    starts: FloatArray  # θ at t = 0
    aheads: FloatArray
    leads: tuple[FloatArray, ...]  # G − τ at LEAD_NODES: one for all rows, or one per row
    ocp: JointTable  # the cathode's curve, and the anode's unless it is lithium metal
    ocp_rows: int
    eta_rows: slice  # the sides whose η depends on the state
    eta_scales: FloatArray
    edge_rows: slice  # the diffusing sides, whose surface can reach the end of the host
    bounds: FloatArray  # the surface θ at which each of those stops the run, times ...
    signs: FloatArray  # ... +1 where the surface rises towards it, −1 where it falls
    reasons: tuple[int, ...]  # what each margin stands for: 0 the voltage, 1 and 2 a surface


class Run(NamedTuple):
    cell: Cell
    current: float  # A/m² through interfaces and resistances: > 0 discharges
    passed: float  # A/m² that moves the stoichiometries (±1 on the zero-current OCV path)
    charge: bool
    limit_V: float
    drop_V: float  # i·ΣR plus the state-independent charge-transfer terms
    thermal_V: float  # 2RT/F
    etas: tuple[float, float]  # each side's η where it does not depend on the state, else 0 ...
    eta_scales: tuple[float, float]  # ... and where it does, η = thermal·asinh(scale/√(θ(1−θ)))
    plan: Plan


def _side(
    e: Electrode, into_host: float, given: tuple[float, float, bool, float]
) -> tuple[float, Geometry, tuple[float, float, float, float, float, float, float]]:
    """One side's η where constant, the geometry its surface follows (none where it does not
    diffuse), and its column entries: dθ_avg/dt, per_t_d, θ at t = 0, ahead, the η scale, and
    sign·bound and sign of its surface's bound (see Plan)."""
    current, passed, charge, temperature = given
    start, end = (e.theta_discharged, e.theta_charged) if charge else (e.theta_charged, e.theta_discharged)
    eta, scale = 0.0, 0.0
    if current != 0.0 and e.kinetics is not None:
        j0 = geometric_j0(e, temperature)
        assert e.kinetics is not None and j0 is not None
        if e.kinetics.stoichiometry_dependent:
            # j0(θ) = j0·2√(θ(1−θ)), so i/(2 j0(θ)) = (i/(4 j0))/√(θ(1−θ)).
            scale = float(current / (4.0 * j0))
        else:
            eta = overpotential_at(current, j0, temperature)
    elif current != 0.0 and e.interface_j0_A_m2 is not None:
        eta = overpotential_at(current, e.interface_j0_A_m2, temperature)
    rate = into_host * passed / e.host_C_m2
    # The surface may run past the end of the usable window, up to the end of the host (or of the
    # range its OCP fit covers): that is where a too fast insertion stops.
    curve = e.curve
    if into_host * passed > 0:  # lithiating
        bound, sign = max(min(curve.theta_max, 1.0), end) - _THETA_TOLERANCE, 1.0
    else:
        bound, sign = min(max(curve.theta_min, 0.0), end) + _THETA_TOLERANCE, -1.0
    if current == 0.0 or e.geometry is Geometry.NONE:
        return eta, Geometry.NONE, (rate, 0.0, start, 0.0, scale, sign * bound, sign)
    t_d = e.diffusion_time_s
    return eta, e.geometry, (rate, 1.0 / t_d, start, rate * t_d, scale, sign * bound, sign)


def geometric_j0(e: Electrode, temperature_K: float) -> float | None:
    """The electrode's exchange current per geometric area (a known j₀ at θ = ½ times its reacting
    area, else the one its charge-transfer resistance gives); None without charge transfer."""
    if e.kinetics is not None:
        j0 = e.kinetics.at(temperature_K) * e.reaction_area_ratio
        if not j0 > 0.0:  # a reacting area or exchange current that rounds to zero
            raise invalid(f"the exchange current of the {e.side.value} {e.name} rounds to zero")
        return j0
    return e.interface_j0_A_m2


def make_run(cell: Cell, current: float, passed: float, charge: bool, limit_V: float) -> Run:
    cathode, anode = cell.cathode, cell.anode
    given = (current, passed, charge, cell.temperature_K)
    eta_p, geometry_p, column_p = _side(cathode, 1.0, given)
    eta_n, geometry_n, column_n = _side(anode, -1.0, given)
    metal = anode.lithium_metal
    rows = 1 if metal and column_n[4] == 0.0 else 2
    # C order matters: numpy orders its loops by the operands' strides, and a transposed view
    # would make it loop over the sides innermost.
    columns = np.ascontiguousarray(np.array((column_p, column_n)[:rows]).T)[:, :, np.newaxis]
    starts, aheads, scales, bounds, signs = columns[2:]
    diffusing = (geometry_p is not Geometry.NONE, geometry_n is not Geometry.NONE)
    if diffusing == (True, True) and geometry_p is not geometry_n:  # a film and a composite
        leads: tuple[FloatArray, ...] = (lead_samples(geometry_p), lead_samples(geometry_n))
    elif diffusing[0] or diffusing[1]:
        leads = (lead_samples(geometry_p if diffusing[0] else geometry_n),)
    else:
        leads = ()
    curves = (cathode.curve,) if metal else (cathode.curve, anode.curve)
    scaled = (column_p[4] != 0.0, column_n[4] != 0.0)
    eta_rows, edge_rows = _ROWS.get(scaled, _NO_ROWS), _ROWS.get(diffusing, _NO_ROWS)
    plan = Plan(
        rows=rows,
        paces=columns[:2],
        starts=starts,
        aheads=aheads,
        leads=leads,
        ocp=joint_table(curves),
        ocp_rows=len(curves),
        eta_rows=eta_rows,
        eta_scales=scales[eta_rows],
        edge_rows=edge_rows,
        bounds=bounds[edge_rows],
        signs=signs[edge_rows],
        reasons=_REASONS[diffusing],
    )
    drop = current * sum([asr for _, asr in cell.ohmic]) + eta_p + eta_n
    if not math.isfinite(drop + column_p[4] + column_n[4]):
        # Only values at the edge of every range get here (a j₀ of 1e-300 A/m²); the ledger
        # refuses resistances that could.
        raise invalid("the current needs an overpotential too large to compute with")
    thermal = 2.0 * GAS_CONSTANT * cell.temperature_K / FARADAY
    etas, eta_scales = (eta_p, eta_n), (column_p[4], column_n[4])
    return Run(cell, current, passed, charge, limit_V, drop, thermal, etas, eta_scales, plan)


def _lead(plan: Plan, tau: FloatArray) -> FloatArray:
    """G(τ) − τ of each row."""
    leads = plan.leads
    if len(leads) == 1:
        return np.interp(tau, LEAD_NODES, leads[0])
    return np.array([np.interp(tau[row], LEAD_NODES, leads[row]) for row in (0, 1)])


def _etas(run: Run, surface: FloatArray) -> tuple[FloatArray | float, FloatArray | float]:
    """kinetics.overpotential with j₀(θ) = j₀·2√(θ(1−θ)), for every side whose η depends on θ."""
    rows = run.plan.eta_rows
    if rows.start == rows.stop:
        return 0.0, 0.0
    theta = surface[rows]
    eta = theta * theta
    np.subtract(theta, eta, out=eta)
    np.maximum(eta, _THETA_FLOOR, out=eta)
    np.sqrt(eta, out=eta)
    np.divide(run.plan.eta_scales, eta, out=eta)
    np.arcsinh(eta, out=eta)
    eta *= run.thermal_V
    if rows.stop - rows.start == 2:
        return eta[0], eta[1]
    return (eta[0], 0.0) if rows.start == 0 else (0.0, eta[0])


class States(NamedTuple):
    voltage: FloatArray
    u_p: FloatArray  # OCP at the surface states
    u_n: FloatArray | float
    eta_p: FloatArray | float  # state-dependent charge transfer only (the rest is in Run.drop_V)
    eta_n: FloatArray | float
    ocv_p: FloatArray  # OCP at the average states
    ocv_n: FloatArray | float


def evaluate(run: Run, t: FloatArray) -> States:
    """Every state of the run at the times ``t``, and the open-circuit voltage of each."""
    plan = run.plan
    theta = plan.paces * t  # rate·t, then the average; τ, then the surface
    average, surface = theta[0], theta[1]
    average += plan.starts
    if plan.leads:
        np.multiply(_lead(plan, surface), plan.aheads, out=surface)
        surface += average
    else:
        surface[...] = average
    # The averages' OCPs (the OCV) and the surfaces', in one look-up.
    u = plan.ocp(theta[:, : plan.ocp_rows])
    eta_p, eta_n = _etas(run, surface)
    u_n: FloatArray | float = u[1, 1] if plan.ocp_rows == 2 else 0.0
    ocv_n: FloatArray | float = u[0, 1] if plan.ocp_rows == 2 else 0.0
    voltage = u[1, 0] - (u_n + eta_p + eta_n + run.drop_V)
    return States(voltage, u[1, 0], u_n, eta_p, eta_n, u[0, 0], ocv_n)


def margins(run: Run, t: FloatArray) -> FloatArray:
    """How far each end condition is at the times ``t`` (<= 0 once met), shaped (time, condition)
    in the order of plan.reasons: time first, so that the first time any is met is one argmax.

    The voltage's is V − limit (on charge limit − V) with the limit added to the drop, the same
    to round-off and a numpy call fewer.
    """
    plan = run.plan
    surface, tau = plan.paces * t
    surface += plan.starts
    if plan.leads:
        ahead = _lead(plan, tau)
        ahead *= plan.aheads
        surface += ahead
    u = plan.ocp(surface[: plan.ocp_rows])
    eta_p, eta_n = _etas(run, surface)
    u_n: FloatArray | float = u[1] if plan.ocp_rows == 2 else 0.0
    below = u_n + eta_p
    below += eta_n
    below += run.drop_V + run.limit_V
    room = np.empty((t.shape[0], len(plan.reasons)))
    if run.charge:
        np.subtract(below, u[0], out=room[:, 0])
    else:
        np.subtract(u[0], below, out=room[:, 0])
    if room.shape[1] > 1:
        # sign·(bound − θ) as sign·bound − sign·θ, the same numbers (sign = ±1): an in-place
        # product on the transposed view of ``room`` would loop over conditions innermost.
        np.subtract(plan.bounds, plan.signs * surface[plan.edge_rows], out=room[:, 1:].T)
    return room


def regime_findings(run: Run) -> tuple[Finding, ...]:
    """A finding for each side whose charge transfer runs in its non-linear regime at this current."""
    if run.current == 0.0:
        return ()
    found = []
    for e in (run.cell.cathode, run.cell.anode):
        j0 = geometric_j0(e, run.cell.temperature_K)
        if j0 is not None and nonlinear(run.current, j0):
            where = f"{e.side.value} ({e.name})"
            found.append(nonlinear_finding(where, run.current, j0, run.cell.temperature_K))
    return tuple(found)
