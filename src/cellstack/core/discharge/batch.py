"""Delivered capacity and energy of many cells at one C-rate, all at once (design studies).

A sweep or a Monte Carlo run that asks for ``delivered_*`` needs one constant-current run per
design. A single run (model.py) is already a few dozen numpy calls, but at a few thousand designs
the Python around those calls is what costs. Here the same closed form runs with the designs as
one more array axis: the end search (end_search.py: a coarse grid, zooms on a finer one, a linear
crossing) and the final curve (evaluate.py) keep every operation and its order, element by
element, so each design's numbers are the single run's to round-off (a test checks 1e-9).

Cells whose runs share a structure (the same OCP curves, geometries and charge-transfer terms) go
through together; a cell whose diffusivity depends on its stoichiometry, which has no closed form,
is run on its own (model.run_cell).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from cellstack.core.discharge.diffusion import LEAD_NODES, Geometry, lead_samples
from cellstack.core.discharge.end_search import _COARSE, _FINE, _MAX_ZOOMS
from cellstack.core.discharge.evaluate import _NO_ROWS, _REASONS, _ROWS, _THETA_FLOOR, _side, unit_grid
from cellstack.core.discharge.fixed import invalid
from cellstack.core.discharge.model import DEFAULT_POINTS, MIN_C_RATE, run_cell
from cellstack.core.discharge.numerical_cell import uses_numerical_solver
from cellstack.core.discharge.ocp_library import JointTable, joint_table
from cellstack.core.discharge.parameters import Cell
from cellstack.core.errors import InputError
from cellstack.core.ocp import FloatArray, OcpCurve
from cellstack.core.units import FARADAY, GAS_CONSTANT

IntArray = NDArray[np.intp]
# Designs evaluated in one set of numpy calls: large enough that per-call overhead vanishes,
# small enough that the (designs, times) arrays of a chunk stay within a few megabytes.
CHUNK = 1024


@dataclass(frozen=True)
class Delivered:
    """Per cell (arrays of one length): what a constant-current discharge delivers.

    NaN where the cell cannot be discharged at that rate (the single run raises InputError).
    """

    capacity_C: FloatArray
    energy_J: FloatArray
    rated_capacity_C: FloatArray


class _Shared(NamedTuple):
    """What every cell of a group has in common: the shape of its run."""

    ocp: JointTable
    ocp_rows: int
    leads: tuple[FloatArray, ...]
    eta_rows: slice
    edge_rows: slice
    conditions: int


class _Columns(NamedTuple):
    """Each design's coefficients, design first (evaluate.Plan with one more axis)."""

    paces: FloatArray  # (designs, 2, rows, 1)
    starts: FloatArray  # (designs, rows, 1)
    aheads: FloatArray  # (designs, rows, 1)
    eta_scales: FloatArray  # (designs, eta rows, 1)
    bounds: FloatArray  # (designs, edge rows, 1)
    signs: FloatArray  # (designs, edge rows, 1)
    thermal: FloatArray  # (designs, 1, 1)
    drop: FloatArray  # (designs, 1)
    drop_limit: FloatArray  # (designs, 1): drop + limit, as margins() adds them
    t_max: FloatArray  # (designs,)
    per_time: FloatArray  # (designs,): |passed|·area, capacity per second

    def take(self, index: IntArray) -> _Columns:
        return _Columns(*(column[index] for column in self))


class _Design(NamedTuple):
    key: tuple[object, ...]
    curves: tuple[OcpCurve, ...]
    geometries: tuple[Geometry, Geometry]
    row: tuple[tuple[float, ...], ...]  # the two sides' columns (evaluate._side)
    rows: int
    thermal: float
    drop: float
    limit: float
    t_max: float
    per_time: float


def _design(cell: Cell, c_rate: float, cutoff_V: float | None) -> _Design:
    """One cell's run coefficients, as model._run and evaluate.make_run compute them."""
    limit = cutoff_V if cutoff_V is not None else cell.cutoffs.low_V
    current = 1.0 * c_rate * cell.capacity_C_m2 / 3600.0
    given = (current, current, False, cell.temperature_K)
    cathode, anode = cell.cathode, cell.anode
    eta_p, geometry_p, column_p = _side(cathode, 1.0, given)
    eta_n, geometry_n, column_n = _side(anode, -1.0, given)
    metal = anode.lithium_metal
    rows = 1 if metal and column_n[4] == 0.0 else 2
    drop = current * sum([asr for _, asr in cell.ohmic]) + eta_p + eta_n
    if not math.isfinite(drop + column_p[4] + column_n[4]):
        raise invalid("the current needs an overpotential too large to compute with")
    curves = (cathode.curve,) if metal else (cathode.curve, anode.curve)
    scaled = (column_p[4] != 0.0, column_n[4] != 0.0)
    key = (*(id(c) for c in curves), geometry_p, geometry_n, rows, scaled)
    window = min(cathode.window_C_m2, anode.window_C_m2)
    thermal = 2.0 * GAS_CONSTANT * cell.temperature_K / FARADAY
    return _Design(
        key,
        curves,
        (geometry_p, geometry_n),
        (column_p, column_n)[:rows],
        rows,
        thermal,
        drop,
        limit,
        window / abs(current),
        abs(current) * cell.area_m2,
    )


def _shared(first: _Design) -> _Shared:
    geometry_p, geometry_n = first.geometries
    diffusing = (geometry_p is not Geometry.NONE, geometry_n is not Geometry.NONE)
    if diffusing == (True, True) and geometry_p is not geometry_n:
        leads: tuple[FloatArray, ...] = (lead_samples(geometry_p), lead_samples(geometry_n))
    elif diffusing[0] or diffusing[1]:
        leads = (lead_samples(geometry_p if diffusing[0] else geometry_n),)
    else:
        leads = ()
    scaled = (first.row[0][4] != 0.0, first.rows == 2 and first.row[1][4] != 0.0)
    return _Shared(
        joint_table(first.curves),
        len(first.curves),
        leads,
        _ROWS.get(scaled, _NO_ROWS),
        _ROWS.get(diffusing, _NO_ROWS),
        len(_REASONS[diffusing]),
    )


def _columns(designs: Sequence[_Design], shared: _Shared) -> _Columns:
    # (designs, 7 entries, rows, 1), as make_run's columns with the designs in front.
    table = np.array([d.row for d in designs]).transpose(0, 2, 1)[:, :, :, np.newaxis]
    table = np.ascontiguousarray(table)
    scales, bounds, signs = table[:, 4], table[:, 5], table[:, 6]
    drop = np.array([d.drop for d in designs])[:, np.newaxis]
    drop_limit = np.array([d.drop + d.limit for d in designs])[:, np.newaxis]
    return _Columns(
        paces=np.ascontiguousarray(table[:, :2]),
        starts=np.ascontiguousarray(table[:, 2]),
        aheads=np.ascontiguousarray(table[:, 3]),
        eta_scales=np.ascontiguousarray(scales[:, shared.eta_rows]),
        bounds=np.ascontiguousarray(bounds[:, shared.edge_rows]),
        signs=np.ascontiguousarray(signs[:, shared.edge_rows]),
        thermal=np.array([d.thermal for d in designs])[:, np.newaxis, np.newaxis],
        drop=drop,
        drop_limit=drop_limit,
        t_max=np.array([d.t_max for d in designs]),
        per_time=np.array([d.per_time for d in designs]),
    )


def _lead(shared: _Shared, tau: FloatArray) -> FloatArray:
    """G(τ) − τ of each row, τ shaped (designs, rows, times)."""
    leads = shared.leads
    if len(leads) == 1:
        return np.interp(tau, LEAD_NODES, leads[0])
    return np.stack([np.interp(tau[:, row], LEAD_NODES, leads[row]) for row in (0, 1)], axis=1)


def _etas(shared: _Shared, c: _Columns, surface: FloatArray) -> tuple[FloatArray | float, FloatArray | float]:
    rows = shared.eta_rows
    if rows.start == rows.stop:
        return 0.0, 0.0
    theta = surface[:, rows]
    eta = theta * theta
    np.subtract(theta, eta, out=eta)
    np.maximum(eta, _THETA_FLOOR, out=eta)
    np.sqrt(eta, out=eta)
    np.divide(c.eta_scales, eta, out=eta)
    np.arcsinh(eta, out=eta)
    eta *= c.thermal
    if rows.stop - rows.start == 2:
        return eta[:, 0], eta[:, 1]
    return (eta[:, 0], 0.0) if rows.start == 0 else (0.0, eta[:, 0])


def _surface(shared: _Shared, c: _Columns, t: FloatArray) -> FloatArray:
    """The surface stoichiometries (designs, rows, times) at the times ``t`` (designs, times)."""
    theta: FloatArray = c.paces * t[:, np.newaxis, np.newaxis, :]
    surface, tau = theta[:, 0], theta[:, 1]
    surface += c.starts
    if shared.leads:
        ahead = _lead(shared, tau)
        ahead *= c.aheads
        surface += ahead
    return surface


def _margins(shared: _Shared, c: _Columns, t: FloatArray) -> FloatArray:
    """evaluate.margins of every design: (designs, times, conditions)."""
    surface = _surface(shared, c, t)
    u = shared.ocp.lookup(surface[:, : shared.ocp_rows])
    eta_p, eta_n = _etas(shared, c, surface)
    below = np.zeros(t.shape)
    if shared.ocp_rows == 2:
        below += u[:, 1]
    below += eta_p
    below += eta_n
    below += c.drop_limit
    room = np.empty((*t.shape, shared.conditions))
    np.subtract(u[:, 0], below, out=room[:, :, 0])
    if shared.conditions > 1:
        edge = c.signs * surface[:, shared.edge_rows]
        np.subtract(c.bounds, edge, out=edge)
        room[:, :, 1:] = edge.transpose(0, 2, 1)
    return room


def _voltage(shared: _Shared, c: _Columns, t: FloatArray) -> FloatArray:
    """evaluate.evaluate's voltage of every design: (designs, times)."""
    surface = _surface(shared, c, t)
    u = shared.ocp.lookup(surface[:, : shared.ocp_rows])
    eta_p, eta_n = _etas(shared, c, surface)
    u_n: FloatArray | float = u[:, 1] if shared.ocp_rows == 2 else 0.0
    return np.asarray(u[:, 0] - (u_n + eta_p + eta_n + c.drop), dtype=float)


def _ended(room: FloatArray) -> IntArray:
    """Per design, the index of the first time at which the run has ended, -1 where none has."""
    met: NDArray[np.bool_] = np.any(room <= 0.0, axis=2)
    first = np.argmax(met, axis=1)
    return np.where(met[np.arange(len(first)), first], first, -1)


def _end_times(shared: _Shared, c: _Columns) -> FloatArray:
    """end_search.find_end's time for every design; 0 where the run cannot start."""
    grid = _COARSE[np.newaxis, :] * c.t_max[:, np.newaxis]
    room = _margins(shared, c, grid)
    k = _ended(room)
    end = c.t_max.copy()
    end[k == 0] = 0.0
    found = np.flatnonzero(k > 0)
    if found.size == 0:
        return end
    kf = k[found]
    lo, hi = grid[found, kf - 1], grid[found, kf]
    ends = np.stack((room[found, kf - 1], room[found, kf]), axis=1)  # (found, 2, conditions)
    active = np.arange(found.size)
    for _ in range(_MAX_ZOOMS):
        if active.size == 0:
            break
        span = hi[active] - lo[active]
        fine = _margins(
            shared, c.take(found[active]), _FINE[np.newaxis, :] * span[:, np.newaxis] + lo[active, np.newaxis]
        )
        j = _ended(fine)
        going = j > 0
        moved, jm, sm = active[going], j[going], span[going]
        picked = np.flatnonzero(going)
        ends[moved] = np.stack((fine[picked, jm - 1], fine[picked, jm]), axis=1)
        start = lo[moved]
        lo[moved] = start + sm * _FINE[jm - 1]
        hi[moved] = start + sm * _FINE[jm]
        # One zoom is enough unless the end lies next to t = 0 (find_end says why).
        active = moved[lo[moved] <= 0.0]
    a, b = ends[:, 0], ends[:, 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing = np.where(a > b, np.minimum(np.maximum(a / (a - b), 0.0), 1.0), 0.0)
    fraction = np.where(b <= 0.0, crossing, 2.0).min(axis=1)
    found_end = lo + fraction * (hi - lo)
    end[found] = np.where(found_end <= 0.0, 0.0, found_end)
    return end


def _group(shared: _Shared, c: _Columns, points: int) -> tuple[FloatArray, FloatArray]:
    """Delivered capacity and energy of one group of designs."""
    end = _end_times(shared, c)
    t = unit_grid(points)[np.newaxis, :] * end[:, np.newaxis]
    voltage = _voltage(shared, c, t)
    capacity = c.per_time[:, np.newaxis] * t
    energy = np.maximum(np.trapezoid(voltage, capacity, axis=1), 0.0)
    return capacity[:, -1], np.where(end > 0.0, energy, 0.0)  # a run that cannot start delivers 0


def delivered(
    cells: Sequence[Cell | None],
    c_rate: float,
    cutoff_V: float | None = None,
    points: int = DEFAULT_POINTS,
) -> Delivered:
    """Delivered capacity and energy of each cell discharged at ``c_rate`` (what
    simulate_discharge gives, design by design); NaN for None and for cells that cannot run."""
    count = len(cells)
    capacity, energy, rated = (np.full(count, math.nan) for _ in range(3))
    groups: dict[tuple[object, ...], list[tuple[int, _Design]]] = {}
    for index, cell in enumerate(cells):
        if cell is None:
            continue
        rated[index] = cell.capacity_C_m2 * cell.area_m2
        try:
            if c_rate < MIN_C_RATE or uses_numerical_solver(cell):
                curve = run_cell(cell, c_rate, cutoff_V=cutoff_V, points=points)
                capacity[index], energy[index] = curve.delivered_capacity_C, curve.energy_J
                continue
            design = _design(cell, c_rate, cutoff_V)
        except InputError:
            continue
        groups.setdefault(design.key, []).append((index, design))
    for members in groups.values():
        shared = _shared(members[0][1])
        for start in range(0, len(members), CHUNK):
            chunk = members[start : start + CHUNK]
            rows = np.array([i for i, _ in chunk], dtype=np.intp)
            capacity[rows], energy[rows] = _group(shared, _columns([d for _, d in chunk], shared), points)
    return Delivered(capacity, energy, rated)
