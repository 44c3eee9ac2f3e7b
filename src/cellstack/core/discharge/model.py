"""Constant-current discharge (or charge) of a stack, and the curve it gives.

1C is the cell capacity of compute_metrics delivered in one hour. The stack is read once
(parameters.py); the run is closed-form expressions on grids of time (evaluate.py), which end where
end_search.py finds the first end condition met: no ODE solver.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from cellstack.core.discharge.curve import DischargeCurve
from cellstack.core.discharge.diffusion import Geometry
from cellstack.core.discharge.end_search import find_end
from cellstack.core.discharge.evaluate import Run, States, evaluate, make_run, regime_findings, unit_grid
from cellstack.core.discharge.kinetics import Kinetics
from cellstack.core.discharge.numerical import run_numerical
from cellstack.core.discharge.numerical_cell import uses_numerical_solver
from cellstack.core.discharge.parameters import Cell, build_cell
from cellstack.core.errors import InputError
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.material import Role
from cellstack.core.ocp import FloatArray
from cellstack.core.stack import Stack
from cellstack.core.validation import require_range

MAX_C_RATE = 1000.0
# Below this a run would last longer than the age of the universe (1e-12 C: 1e8 years): it is
# the zero-current OCV curve to within round-off, and is computed as such.
MIN_C_RATE = 1e-12
DEFAULT_POINTS = 300


def _validated(c_rate: float, cutoff_V: float | None, points: int) -> None:
    require_range("c_rate", c_rate, 0.0, MAX_C_RATE, "C (ask for a charge, not a negative rate)")
    if cutoff_V is not None:
        require_range("cutoff", cutoff_V, 0.0, 10.0, "V")
    if isinstance(points, bool) or not isinstance(points, int) or not 2 <= points <= 1_000_000:
        raise InputError("points", points, "an integer from 2 to 1000000")


def simulate_discharge(
    stack: Stack,
    interfaces: InterfaceTable | None,
    c_rate: float,
    *,
    temperature_K: float | None = None,
    cutoff_V: float | None = None,
    points: int = DEFAULT_POINTS,
    charge: bool = False,
    kinetics: dict[Role, Kinetics] | None = None,
    series_asr_ohm_m2: float = 0.0,
) -> DischargeCurve:
    """Discharge (or, with ``charge``, charge) ``stack`` at a constant ``c_rate`` until it ends.

    ``temperature_K`` replaces the stack's; ``cutoff_V`` the lower (on charge: upper) cut-off
    voltage taken from the materials. ``kinetics`` gives a known exchange current per electrode;
    where none is given, the electrode's interface resistance sets it. Raises InputError for a
    value out of range or a stack that cannot be discharged (what compute_metrics reports as an
    error, or an electrode with neither an OCP curve nor an average voltage).
    """
    _validated(c_rate, cutoff_V, points)
    cell = build_cell(stack, interfaces, temperature_K, kinetics, series_asr_ohm_m2)
    return _run(cell, c_rate, cutoff_V, points, charge)


def discharge_curves(
    stack: Stack,
    interfaces: InterfaceTable | None,
    c_rates: Sequence[float],
    *,
    temperature_K: float | None = None,
    cutoff_V: float | None = None,
    points: int = DEFAULT_POINTS,
    series_asr_ohm_m2: float = 0.0,
) -> tuple[DischargeCurve, ...]:
    """simulate_discharge at each of ``c_rates``, reading the stack once for all of them (what
    a plot of several curves redraws on every edit)."""
    for c_rate in c_rates:
        _validated(c_rate, cutoff_V, points)
    cell = build_cell(stack, interfaces, temperature_K, series_asr_ohm_m2=series_asr_ohm_m2)
    return tuple(_run(cell, c_rate, cutoff_V, points, False) for c_rate in c_rates)


def run_cell(
    cell: Cell,
    c_rate: float,
    *,
    cutoff_V: float | None = None,
    points: int = DEFAULT_POINTS,
    charge: bool = False,
) -> DischargeCurve:
    """The run of a cell already read from its stack (rate sweeps read it once)."""
    _validated(c_rate, cutoff_V, points)
    return _run(cell, c_rate, cutoff_V, points, charge)


def _run(cell: Cell, c_rate: float, cutoff_V: float | None, points: int, charge: bool) -> DischargeCurve:
    limit = cutoff_V if cutoff_V is not None else (cell.cutoffs.high_V if charge else cell.cutoffs.low_V)
    sign = -1.0 if charge else 1.0
    flowing = c_rate >= MIN_C_RATE
    current = sign * c_rate * cell.capacity_C_m2 / 3600.0 if flowing else 0.0
    passed = current if flowing else sign  # zero current: walk the OCV curve by charge passed
    if flowing and uses_numerical_solver(cell):  # D(θ): no closed form
        return run_numerical(cell, c_rate, limit, points, charge, current)
    run = make_run(cell, current, passed, charge, limit)
    window = min(cell.cathode.window_C_m2, cell.anode.window_C_m2)
    t_end, reason = find_end(run, window / abs(passed))
    t = unit_grid(points) * t_end
    states = evaluate(run, t)
    return DischargeCurve(
        c_rate=float(c_rate),
        current_A=abs(current) * cell.area_m2,
        temperature_K=cell.temperature_K,
        time_s=t if flowing else np.zeros(points),
        capacity_C=abs(passed) * cell.area_m2 * t,
        voltage_V=states.voltage,
        ocv_V=states.ocv_p - states.ocv_n,
        overpotentials=_breakdown(run, states),
        end_reason=reason,
        approximate_ocp=cell.cathode.approximate or cell.anode.approximate,
        findings=cell.findings + regime_findings(run),
        charge=charge,
        cutoff_V=limit,
        rated_capacity_C=cell.capacity_C_m2 * cell.area_m2,
    )


def _breakdown(run: Run, states: States) -> dict[str, FloatArray]:
    """Each loss in volts, named for the GUI's legend; they sum to OCV − V."""
    cell, current, n = run.cell, run.current, states.voltage.shape[0]
    parts: dict[str, FloatArray] = {name: np.full(n, current * asr) for name, asr in cell.ohmic}
    if current == 0.0:
        return parts
    for side, (e, eta) in enumerate(((cell.cathode, states.eta_p), (cell.anode, states.eta_n))):
        if e.kinetics is None and e.interface_j0_A_m2 is None:
            continue
        label = "Li plating/stripping" if e.lithium_metal else "charge transfer"
        varies = run.eta_scales[side] != 0.0
        parts[f"{label} ({e.side.value})"] = (
            np.asarray(eta, dtype=float) if varies else np.full(n, run.etas[side])
        )
    if cell.cathode.geometry is not Geometry.NONE:
        parts["diffusion (cathode)"] = states.ocv_p - states.u_p
    if cell.anode.geometry is not Geometry.NONE:
        parts["diffusion (anode)"] = np.asarray(states.u_n - states.ocv_n, dtype=float)
    return parts
