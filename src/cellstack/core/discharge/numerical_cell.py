"""A cell for the numerical solver: its two electrodes' particle states and its terminal voltage.

    V = U_p(θ_p,surf) − U_n(θ_n,surf) − η_p(i, θ_p,surf) − η_n(i, θ_n,surf) − i·Σ R_ohmic

with the charge-transfer terms of evaluate.py (Butler–Volmer, symmetric: η = (2RT/F)·asinh(i/(2j₀)),
j₀ ∝ √(θ(1−θ)) where the kinetics say so). i > 0 discharges. An electrode that does not diffuse
(lithium metal) keeps one number, its average, which is its surface (numerical_particle.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cellstack.core.discharge.diffusion import Geometry
from cellstack.core.discharge.fixed import invalid
from cellstack.core.discharge.numerical_particle import DEFAULT_CELLS, Hosts, HostSpec, hosts
from cellstack.core.discharge.parameters import Cell, Electrode
from cellstack.core.ocp import FloatArray
from cellstack.core.units import FARADAY, GAS_CONSTANT

_THETA_FLOOR = 1e-18  # keeps θ(1−θ) > 0 where a surface reaches an empty or full host
_THETA_TOLERANCE = 1e-12


@dataclass(frozen=True, slots=True, eq=False)
class Side:
    electrode: Electrode
    diffuses: bool
    j0_A_m2: float | None  # per geometric area, at θ = ½ where ``theta_dependent``
    theta_dependent: bool
    lithiates_on_discharge: bool

    def bound(self, discharging: bool) -> tuple[float, float]:
        """(bound, sign): the surface stops a run where sign·(bound − θ_surf) <= 0."""
        e, curve = self.electrode, self.electrode.curve
        end = e.theta_discharged if discharging else e.theta_charged
        if self.lithiates_on_discharge == discharging:
            return max(min(curve.theta_max, 1.0), end) - _THETA_TOLERANCE, 1.0
        return min(max(curve.theta_min, 0.0), end) + _THETA_TOLERANCE, -1.0


@dataclass(frozen=True, slots=True, eq=False)
class NumericalCell:
    cell: Cell
    cathode: Side
    anode: Side
    hosts: Hosts
    ohmic_ohm_m2: float
    thermal_V: float  # 2RT/F

    @property
    def sides(self) -> tuple[Side, Side]:
        return self.cathode, self.anode

    def uniform(self, charged: bool) -> FloatArray:
        """The fully charged (or discharged) state, uniform in every host."""
        theta = np.empty(self.hosts.size)
        for side, cells in zip(self.sides, self.hosts.sides, strict=True):
            e = side.electrode
            theta[cells] = e.theta_charged if charged else e.theta_discharged
        return theta

    def window_room(self, state: FloatArray, discharging: bool) -> FloatArray:
        """(cathode, anode): the charge per area each electrode may still pass, discharging or
        charging, before its average reaches the end of its usable window (<= 0 once there)."""
        averages = self.hosts.averages(state)
        room = np.empty(2)
        for column, side in enumerate(self.sides):
            e = side.electrode
            end = e.theta_discharged if discharging else e.theta_charged
            towards = 1.0 if side.lithiates_on_discharge == discharging else -1.0  # θ rises to ``end``
            room[column] = (end - float(averages[column])) * towards * e.host_C_m2
        return room

    def eta(self, side: Side, current: FloatArray, surface: FloatArray) -> FloatArray:
        if side.j0_A_m2 is None:
            return np.zeros_like(surface)
        j0: FloatArray | float = side.j0_A_m2
        if side.theta_dependent:
            j0 = side.j0_A_m2 * 2.0 * np.sqrt(np.maximum(surface - surface * surface, _THETA_FLOOR))
        return np.asarray(self.thermal_V * np.arcsinh(current / (2.0 * j0)), dtype=float)

    def voltage(self, current: FloatArray, surfaces: FloatArray) -> FloatArray:
        """V at currents (…) and surface stoichiometries (…, 2)."""
        surface_p, surface_n = surfaces[..., 0], surfaces[..., 1]
        u_p = self.cathode.electrode.ocp(surface_p)
        u_n = self.anode.electrode.ocp(surface_n)
        losses = self.eta(self.cathode, current, surface_p) + self.eta(self.anode, current, surface_n)
        return np.asarray(u_p - u_n - losses - current * self.ohmic_ohm_m2, dtype=float)

    def ocv(self, averages: FloatArray) -> FloatArray:
        return np.asarray(
            self.cathode.electrode.ocp(averages[..., 0]) - self.anode.electrode.ocp(averages[..., 1]),
            dtype=float,
        )


def _j0(e: Electrode, temperature_K: float) -> tuple[float | None, bool]:
    if e.kinetics is not None:
        j0 = e.kinetics.at(temperature_K) * e.reaction_area_ratio
        if not j0 > 0.0:
            raise invalid(f"the exchange current of the {e.side.value} {e.name} rounds to zero")
        return j0, e.kinetics.stoichiometry_dependent
    return e.interface_j0_A_m2, False


def _spec(e: Electrode, into_host: float) -> HostSpec:
    curve = e.material.diffusivity_curve if e.geometry is not Geometry.NONE else None
    scale = 1.0 / curve.reference_m2_s if curve is not None else 1.0
    t_d = e.diffusion_time_s if e.geometry is not Geometry.NONE else 1.0
    return HostSpec(e.geometry, t_d, into_host / e.host_C_m2, curve, scale)


def _side(e: Electrode, into_host: float, temperature_K: float) -> Side:
    j0, dependent = _j0(e, temperature_K)
    return Side(e, e.geometry is not Geometry.NONE, j0, dependent, into_host > 0)


def numerical_cell(cell: Cell, cells: int = DEFAULT_CELLS) -> NumericalCell:
    """The cell as the numerical solver steps it; ``cells``: finite volumes per host."""
    t = cell.temperature_K
    grid = hosts(_spec(cell.cathode, 1.0), _spec(cell.anode, -1.0), cells)
    return NumericalCell(
        cell,
        _side(cell.cathode, 1.0, t),
        _side(cell.anode, -1.0, t),
        grid,
        sum([asr for _, asr in cell.ohmic]),
        2.0 * GAS_CONSTANT * t / FARADAY,
    )


def uses_numerical_solver(cell: Cell) -> bool:
    """True where an electrode's diffusivity depends on its stoichiometry: the closed form needs
    a constant D."""
    return any(
        e.geometry is not Geometry.NONE and e.material.diffusivity_curve is not None
        for e in (cell.cathode, cell.anode)
    )
