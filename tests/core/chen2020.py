"""PyBaMM's Chen2020 parameter set mapped into a CellStack stack, for the SPM comparisons.

Chen et al. 2020 (LG M50 cell, NMC811 | graphite-SiOx) as PyBaMM ships it: the same OCP fits
(nmc811_chen2020 and graphite_chen2020 in cellstack.core.ocp), c_max, particle diffusivities and
radii, active-material fractions, thicknesses and exchange currents, and a series resistance equal
to PyBaMM's lumped contact resistance. PyBaMM's SPM has no electrolyte and no solid-phase
resistance, so the composite's electrolyte here is an ideal conductor and the one separator layer
carries exactly the contact resistance. Materials are built here, not in the library.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from cellstack.core import units as u
from cellstack.core.discharge import Kinetics
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.layer import Composite, Layer
from cellstack.core.material import Material, Properties, Role
from cellstack.core.sourced import Quality, Sourced
from cellstack.core.stack import Stack

AREA_M2 = 0.065 * 1.58  # electrode height x width
NOMINAL_CAPACITY_AH = 5.0  # PyBaMM's 1C
CONTACT_RESISTANCE_OHM = 0.01  # PyBaMM's Chen2020 has 0; a non-zero value tests the ohmic term
CUTOFF_V = 2.5
ELECTROLYTE_CONCENTRATION = 1000.0  # mol/m³, constant in the SPM
C_MAX_P, C_MAX_N = 63104.0, 33133.0
Y_INITIAL = 17038.0 / C_MAX_P  # PyBaMM's initial positive stoichiometry
NO_INTERFACES = InterfaceTable()
# PyBaMM asks about telemetry on first import in an interactive shell; tests and benchmarks opt out.
os.environ.setdefault("PYBAMM_DISABLE_TELEMETRY", "true")


def _s(value: float) -> Sourced:
    return Sourced(value, "chen2020", Quality.REPORTED)


def _electrode(material_id: str, role: Role, ocp: str, c_max: float, d: float, used: float) -> Material:
    # Any density works: the host capacity is rho * q_th, and q_th is set so that it is c_max * F.
    rho = 2000.0
    q_theoretical = c_max * u.FARADAY / rho
    return Material(
        id=material_id,
        name=material_id,
        formula="",
        roles=(role,),
        ocp=ocp,
        properties=Properties(
            density_kg_m3=_s(rho),
            capacity_theoretical_C_kg=_s(q_theoretical),
            capacity_practical_C_kg=_s(q_theoretical * used),
            c_max_mol_m3=_s(c_max),
            diffusivity_m2_s=_s(d),
        ),
    )


def _inert(material_id: str, role: Role, sigma: float | None = None) -> Material:
    return Material(
        id=material_id,
        name=material_id,
        formula="",
        roles=(role,),
        properties=Properties(
            density_kg_m3=_s(2000.0),
            ionic_conductivity_S_m=_s(sigma) if sigma is not None else None,
            conductivity_temperature_K=298.15 if sigma is not None else None,
        ),
    )


def chen2020_stack(contact_resistance_ohm: float = CONTACT_RESISTANCE_OHM) -> Stack:
    """The LG M50 electrode pair. Its cathode window starts at PyBaMM's initial stoichiometry:
    the usable span ends at the curve's lithiated limit (Chen's y0 = 0.9084), so the practical
    capacity is set to that span; the anode may use its whole host (its practical capacity is
    the theoretical one), so the cathode sets the cell capacity, as in PyBaMM."""
    ideal = _inert("ideal_se", Role.ELECTROLYTE, 1e6)
    separator_m = 12e-6
    series = _inert("series_resistance", Role.ELECTROLYTE, separator_m / (contact_resistance_ohm * AREA_M2))
    nmc = _electrode("nmc811", Role.CATHODE, "nmc811_chen2020", C_MAX_P, 4e-15, 0.9084 - Y_INITIAL)
    graphite = _electrode("graphite", Role.ANODE, "graphite_chen2020", C_MAX_N, 3.3e-14, 1.0)
    return Stack(
        layers=(
            Layer(_inert("al", Role.CURRENT_COLLECTOR), 16e-6, Role.CURRENT_COLLECTOR),
            Layer(
                nmc,
                75.6e-6,
                Role.CATHODE,
                composite=Composite(ideal, 0.665, 0.335, particle_radius_m=5.22e-6),
            ),
            Layer(series, separator_m, Role.ELECTROLYTE),
            Layer(
                graphite,
                85.2e-6,
                Role.ANODE,
                composite=Composite(ideal, 0.75, 0.25, particle_radius_m=5.86e-6),
            ),
            Layer(_inert("cu", Role.CURRENT_COLLECTOR), 12e-6, Role.CURRENT_COLLECTOR),
        ),
        active_area_m2=AREA_M2,
        footprint_area_m2=AREA_M2,
    )


def _j0_half(m_ref: float, c_max: float) -> float:
    # PyBaMM: j0 = m_ref c_e^0.5 c_s^0.5 (c_max - c_s)^0.5 = m_ref sqrt(c_e) c_max sqrt(θ(1-θ)),
    # which is j0(½) · √(θ(1−θ))/½ with j0(½) = m_ref sqrt(c_e) c_max / 2.
    return 0.5 * m_ref * np.sqrt(ELECTROLYTE_CONCENTRATION) * c_max


CHEN2020_KINETICS = {
    Role.CATHODE: Kinetics(_j0_half(3.42e-6, C_MAX_P), 17800.0, source="chen2020"),
    Role.ANODE: Kinetics(_j0_half(6.48e-7, C_MAX_N), 35000.0, source="chen2020"),
}


def pybamm_simulation(contact_resistance_ohm: float = CONTACT_RESISTANCE_OHM, radial_points: int = 30) -> Any:
    """PyBaMM's SPM with the Chen2020 set, built once; solve it with the current as an input."""
    import pybamm

    pybamm.set_logging_level("ERROR")
    model = pybamm.lithium_ion.SPM({"contact resistance": "true"})
    values = pybamm.ParameterValues("Chen2020")
    values["Contact resistance [Ohm]"] = contact_resistance_ohm
    values["Current function [A]"] = "[input]"
    points = {"x_n": 5, "x_s": 5, "x_p": 5, "r_n": radial_points, "r_p": radial_points}
    return pybamm.Simulation(model, parameter_values=values, var_pts=points)


def pybamm_curve(simulation: Any, c_rate: float, samples: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """(discharge capacity in Ah, voltage) of a constant-current discharge to the cut-off.

    PyBaMM picks its own steps (passing 300 output times as t_eval makes its solver stop at each,
    20x slower) and interpolates its solution at ``samples`` times (``t_interp``).
    """
    duration = 3600.0 / c_rate * 1.2
    solution = simulation.solve(
        [0.0, duration],
        t_interp=np.linspace(0.0, duration, samples),
        inputs={"Current function [A]": NOMINAL_CAPACITY_AH * c_rate},
    )
    return (
        np.asarray(solution["Discharge capacity [A.h]"].entries),
        np.asarray(solution["Voltage [V]"].entries),
    )


def rmse_over_common_range(q_a: np.ndarray, v_a: np.ndarray, q_b: np.ndarray, v_b: np.ndarray) -> float:
    """RMSE of two V(q) curves at curve b's points within the capacity range both cover."""
    top = min(float(q_a[-1]), float(q_b[-1]))
    chosen = q_b <= top
    return float(np.sqrt(np.mean((np.interp(q_b[chosen], q_a, v_a) - v_b[chosen]) ** 2)))
