"""D(θ) against PyBaMM: the numerical solver and PyBaMM's SPM on the same stoichiometry-dependent
diffusivity, the NCO expression of Ecker et al. 2015 as PyBaMM ships it.

The cell is the Chen2020 one (same OCPs, radii, kinetics and contact resistance on both sides, as in
test_discharge_pybamm.py) with its positive particles given Ecker 2015's
D(θ) = 3.7e-13 − 3.4e-13·exp(−12(θ − 0.62)²) m²/s, a tenfold variation across the window. PyBaMM
is an optional test dependency; without it these tests skip.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from cellstack.core.discharge import simulate_discharge
from cellstack.core.discharge.numerical import NUMERICAL_FINDING
from tests.core.chen2020 import (
    CHEN2020_KINETICS,
    CONTACT_RESISTANCE_OHM,
    CUTOFF_V,
    NO_INTERFACES,
    NOMINAL_CAPACITY_AH,
    pybamm_curve,
    rmse_over_common_range,
)
from tests.core.dtheta_stack import ECKER_NCO, dtheta_stack

pybamm = pytest.importorskip("pybamm")


def _ecker_nco(sto: Any, temperature: Any) -> Any:
    a, b, c, d = ECKER_NCO.parameters
    return a + b * pybamm.exp(-c * (sto - d) * (sto - d))


@pytest.fixture(scope="module")
def simulation() -> Any:
    pybamm.set_logging_level("ERROR")
    model = pybamm.lithium_ion.SPM({"contact resistance": "true"})
    values = pybamm.ParameterValues("Chen2020")
    values["Contact resistance [Ohm]"] = CONTACT_RESISTANCE_OHM
    values["Positive particle diffusivity [m2.s-1]"] = _ecker_nco
    values["Current function [A]"] = "[input]"
    points = {"x_n": 5, "x_s": 5, "x_p": 5, "r_n": 30, "r_p": 30}
    return pybamm.Simulation(model, parameter_values=values, var_pts=points)


@pytest.mark.parametrize("c_rate", [1.0, 2.0])
def test_the_numerical_solver_agrees_with_pybamm_on_a_varying_diffusivity(
    simulation: Any, c_rate: float
) -> None:
    q_ref, v_ref = pybamm_curve(simulation, c_rate)
    stack = dtheta_stack()
    rated = simulate_discharge(stack, NO_INTERFACES, 0.0, kinetics=CHEN2020_KINETICS).rated_capacity_C
    ours = simulate_discharge(
        stack,
        NO_INTERFACES,
        c_rate * NOMINAL_CAPACITY_AH * 3600.0 / rated,
        kinetics=CHEN2020_KINETICS,
        cutoff_V=CUTOFF_V,
        points=400,
    )
    assert NUMERICAL_FINDING in ours.findings
    q = ours.capacity_C / 3600.0
    assert rmse_over_common_range(q, ours.voltage_V, q_ref, v_ref) < 0.010
    assert q[-1] == pytest.approx(q_ref[-1], rel=0.01)
    assert np.all(np.isfinite(ours.voltage_V))
