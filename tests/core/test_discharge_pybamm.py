"""Agreement with PyBaMM's single-particle model on the Chen2020 parameter set.

PyBaMM is an optional test dependency (the `test` extra installs it); without it these tests skip.
Same OCPs, diffusivities, radii, kinetics and series resistance on both sides: the voltage curves
at C/10, 1C and 2C agree within 10 mV RMSE over their common capacity range, and the delivered
capacities within 1 %.
"""

from __future__ import annotations

from typing import Any

import pytest

from cellstack.core.discharge import simulate_discharge
from tests.core.chen2020 import (
    CHEN2020_KINETICS,
    CUTOFF_V,
    NO_INTERFACES,
    NOMINAL_CAPACITY_AH,
    chen2020_stack,
    pybamm_curve,
    pybamm_simulation,
    rmse_over_common_range,
)

pytest.importorskip("pybamm")


@pytest.fixture(scope="module")
def simulation() -> Any:
    return pybamm_simulation()


@pytest.mark.parametrize("c_rate", [0.1, 1.0, 2.0])
def test_spm_agrees_with_pybamm(simulation: Any, c_rate: float) -> None:
    q_ref, v_ref = pybamm_curve(simulation, c_rate)
    stack = chen2020_stack()
    rated = simulate_discharge(stack, NO_INTERFACES, 0.0, kinetics=CHEN2020_KINETICS).rated_capacity_C
    # The same current in amperes: PyBaMM's 1C is the nominal 5 A h, ours the cell capacity.
    ours = simulate_discharge(
        stack,
        NO_INTERFACES,
        c_rate * NOMINAL_CAPACITY_AH * 3600.0 / rated,
        kinetics=CHEN2020_KINETICS,
        cutoff_V=CUTOFF_V,
        points=400,
    )
    q = ours.capacity_C / 3600.0
    assert ours.end_reason == "cut-off voltage"
    assert q[-1] == pytest.approx(q_ref[-1], rel=0.01)
    assert rmse_over_common_range(q, ours.voltage_V, q_ref, v_ref) < 0.010
    # The series resistance shows as its own term: i·R in volts.
    step = ours.overpotentials["ohmic: series_resistance"][0]
    assert step == pytest.approx(ours.current_A * 0.01, rel=1e-9)
