"""A constant-current curve from the numerical particle solver (for D(θ); docs/discharge.md).

The closed form (evaluate.py) needs a constant diffusivity. Where an electrode's depends on its
stoichiometry, the run is marched in time instead (numerical_march.py) and returned as the same
DischargeCurve, sampled at ``points`` equal times, with a finding that says which solver ran.
"""

from __future__ import annotations

import numpy as np

from cellstack.core.discharge.curve import CANNOT_START, DischargeCurve
from cellstack.core.discharge.end_search import REASONS, window_reason
from cellstack.core.discharge.numerical_cell import NumericalCell, numerical_cell
from cellstack.core.discharge.numerical_march import march_current
from cellstack.core.discharge.numerical_particle import DEFAULT_CELLS
from cellstack.core.discharge.parameters import Cell
from cellstack.core.metrics.results import Finding, Severity
from cellstack.core.ocp import FloatArray

NUMERICAL_FINDING = Finding(
    "numerical_solver",
    Severity.INFO,
    "A diffusivity here depends on stoichiometry, D(θ): this curve comes from the numerical particle "
    "solver (finite volumes, Crank–Nicolson), not the closed form; see docs/discharge.md.",
    "cellstack_assumption",
)


def run_numerical(
    cell: Cell,
    c_rate: float,
    limit_V: float,
    points: int,
    charge: bool,
    current_A_m2: float,
    cells: int = DEFAULT_CELLS,
) -> DischargeCurve:
    """The run model._run describes, marched numerically; ``current_A_m2`` > 0 discharges;
    ``cells``: finite volumes per host."""
    ncell = numerical_cell(cell, cells)
    window = min(cell.cathode.window_C_m2, cell.anode.window_C_m2)
    names = REASONS[charge]
    ends = window_reason(charge, cell.cathode.window_C_m2 <= cell.anode.window_C_m2)
    segment = march_current(
        ncell,
        ncell.uniform(charged=not charge),
        current_A_m2,
        window / abs(current_A_m2),
        limit_V,
        (names[0], names[1], names[2], ends),
    )
    reason = segment.end_reason
    t_end = float(segment.time_s[-1])
    if t_end <= 0.0:
        reason = f"{CANNOT_START}: {reason} already at the first instant"
    t = np.linspace(0.0, t_end, points)
    current = np.full(points, current_A_m2)
    surfaces = _sampled(t, segment.time_s, segment.surfaces)
    averages = _sampled(t, segment.time_s, segment.averages)
    return DischargeCurve(
        c_rate=float(c_rate),
        current_A=abs(current_A_m2) * cell.area_m2,
        temperature_K=cell.temperature_K,
        time_s=t,
        capacity_C=abs(current_A_m2) * cell.area_m2 * t,
        voltage_V=ncell.voltage(current, surfaces),
        ocv_V=ncell.ocv(averages),
        overpotentials=breakdown(ncell, current, surfaces, averages),
        end_reason=reason,
        approximate_ocp=cell.cathode.approximate or cell.anode.approximate,
        findings=(*cell.findings, NUMERICAL_FINDING),
        charge=charge,
        cutoff_V=limit_V,
        rated_capacity_C=cell.capacity_C_m2 * cell.area_m2,
    )


def _sampled(t: FloatArray, times: FloatArray, columns: FloatArray) -> FloatArray:
    """Two columns (cathode, anode) interpolated to ``t``."""
    return np.stack([np.interp(t, times, columns[:, 0]), np.interp(t, times, columns[:, 1])], axis=-1)


def breakdown(
    ncell: NumericalCell, current: FloatArray, surfaces: FloatArray, averages: FloatArray
) -> dict[str, FloatArray]:
    """Each loss in volts, named as model._breakdown names them; they sum to OCV − V."""
    parts = {name: current * asr for name, asr in ncell.cell.ohmic}
    for column, side in enumerate(ncell.sides):
        if side.j0_A_m2 is not None:
            label = "Li plating/stripping" if side.electrode.lithium_metal else "charge transfer"
            parts[f"{label} ({side.electrode.side.value})"] = ncell.eta(side, current, surfaces[:, column])
    for column, side in enumerate(ncell.sides):
        if side.diffuses:
            ocp = side.electrode.ocp
            lag = ocp(averages[:, column]) - ocp(surfaces[:, column])
            parts[f"diffusion ({side.electrode.side.value})"] = lag if column == 0 else -lag
    return parts
