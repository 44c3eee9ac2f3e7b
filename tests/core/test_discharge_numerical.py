"""The numerical particle solver: equal to the closed form for a constant D, convergent for D(θ)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cellstack.core.diffusivity import DiffusivityCurve, DiffusivityForm
from cellstack.core.discharge import simulate_discharge
from cellstack.core.discharge.curve import DischargeCurve
from cellstack.core.discharge.model import run_cell
from cellstack.core.discharge.numerical import NUMERICAL_FINDING, run_numerical
from cellstack.core.discharge.parameters import Cell, build_cell
from cellstack.core.errors import InputError
from cellstack.core.material import Role
from cellstack.core.sourced import user_value
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir
from tests.core.chen2020 import CHEN2020_KINETICS, NO_INTERFACES, chen2020_stack
from tests.core.dtheta_stack import dtheta_stack


def _numerical(cell: Cell, c_rate: float, charge: bool, cutoff_V: float, cells: int = 80) -> DischargeCurve:
    current = (-1.0 if charge else 1.0) * c_rate * cell.capacity_C_m2 / 3600.0
    return run_numerical(cell, c_rate, cutoff_V, 400, charge, current, cells)


def _gap_mV(a: DischargeCurve, b: DischargeCurve, share: float = 0.97) -> float:
    """Largest voltage difference over the first ``share`` of the shorter run: at the very end the
    cut-off's plunge turns a fraction of a second into volts, which the capacity check covers."""
    t = np.linspace(0.0, share * min(a.time_s[-1], b.time_s[-1]), 500)
    return float(
        np.max(np.abs(np.interp(t, a.time_s, a.voltage_V) - np.interp(t, b.time_s, b.voltage_V))) * 1e3
    )


def _example_cell(name: str) -> Cell:
    library = default_library()
    return build_cell(load_project(examples_dir() / name, library).stack, library.interfaces)


CASES = [
    ("chen2020", 1.0, False),
    ("chen2020", 3.0, False),
    ("ssb_nmc811_argyrodite_li.cellstack", 1.0, False),
    ("ssb_nmc811_argyrodite_li.cellstack", 1.0, True),
    ("thin_film_licoo2_lipon_li.cellstack", 1.0, True),
    ("thin_film_licoo2_lipon_li.cellstack", 0.1, False),
]


@pytest.mark.parametrize(("name", "c_rate", "charge"), CASES)
def test_equals_the_closed_form_for_a_constant_diffusivity(name: str, c_rate: float, charge: bool) -> None:
    if name == "chen2020":
        cell = build_cell(chen2020_stack(), NO_INTERFACES, None, CHEN2020_KINETICS)
    else:
        cell = _example_cell(name)
    closed = run_cell(cell, c_rate, charge=charge, points=400)
    numerical = _numerical(cell, c_rate, charge, closed.cutoff_V)
    assert _gap_mV(closed, numerical) <= 0.5
    assert numerical.delivered_capacity_C == pytest.approx(closed.delivered_capacity_C, rel=0.005)
    assert numerical.end_reason == closed.end_reason
    # The breakdown adds up, as the closed form's does.
    total = sum(numerical.overpotentials.values())
    assert np.allclose(total, numerical.ocv_V - numerical.voltage_V, atol=1e-9)


def test_a_varying_diffusivity_runs_the_numerical_solver_and_says_so() -> None:
    stack = dtheta_stack()
    curve = simulate_discharge(stack, NO_INTERFACES, 1.0, kinetics=CHEN2020_KINETICS)
    assert NUMERICAL_FINDING in curve.findings
    constant = simulate_discharge(chen2020_stack(), NO_INTERFACES, 1.0, kinetics=CHEN2020_KINETICS)
    assert NUMERICAL_FINDING not in constant.findings
    assert np.all(np.isfinite(curve.voltage_V)) and curve.delivered_capacity_C > 0.0
    # Slower diffusion than Chen's constant 4e-15 m²/s nowhere: the same rate delivers no less.
    assert curve.delivered_capacity_C >= 0.99 * constant.delivered_capacity_C


def test_grid_refinement_converges_for_a_varying_diffusivity() -> None:
    cell = build_cell(dtheta_stack(), NO_INTERFACES, None, CHEN2020_KINETICS)
    reference = _numerical(cell, 2.0, False, 2.5, cells=320)
    coarse, fine = (_numerical(cell, 2.0, False, 2.5, cells=n) for n in (20, 80))
    coarse_gap, fine_gap = _gap_mV(coarse, reference), _gap_mV(fine, reference)
    # Second order in space: four times the cells, a sixteenth of the error (8 leaves room).
    assert fine_gap < coarse_gap / 8.0
    assert fine_gap < 0.2


def test_a_diffusivity_curve_that_is_not_positive_everywhere_is_refused() -> None:
    with pytest.raises(InputError, match="every θ"):
        DiffusivityCurve(DiffusivityForm.EXPONENTIAL, "x", parameters=(1e-13, -1.0, -1e-13))
    with pytest.raises(InputError, match="rising"):
        DiffusivityCurve(DiffusivityForm.TABLE, "x", theta=(0.5, 0.2), values_m2_s=(1e-14, 1e-13))


def test_a_flat_diffusivity_table_gives_the_closed_form_curve() -> None:
    # The D(θ) path (conductances from the curve every step, no kept factors) with a table that is
    # the constant D: the curve the closed form gives for that constant.
    stack = chen2020_stack()
    index = stack.indices_with_role(Role.CATHODE)[0]
    layer = stack.layers[index]
    d = layer.material.properties.diffusivity_m2_s
    assert d is not None
    flat = DiffusivityCurve(DiffusivityForm.TABLE, "test", theta=(0.0, 1.0), values_m2_s=(d.value, d.value))
    varying = stack.replacing(index, replace(layer, material=replace(layer.material, diffusivity_curve=flat)))
    numerical = simulate_discharge(varying, NO_INTERFACES, 1.0, kinetics=CHEN2020_KINETICS, points=400)
    closed = simulate_discharge(stack, NO_INTERFACES, 1.0, kinetics=CHEN2020_KINETICS, points=400)
    assert NUMERICAL_FINDING in numerical.findings and NUMERICAL_FINDING not in closed.findings
    assert _gap_mV(closed, numerical) <= 0.5


@settings(max_examples=30, deadline=None)
@given(
    log_a=st.floats(-16.0, -9.0),
    b=st.floats(-15.0, 15.0),
    log_c=st.floats(-17.0, -12.0),
    c_rate=st.sampled_from([0.05, 0.5, 2.0, 10.0]),
    charge=st.booleans(),
)
def test_no_nan_for_any_exponential_diffusivity(
    log_a: float, b: float, log_c: float, c_rate: float, charge: bool
) -> None:
    # Within the range a record may give (below 1e-6 m²/s everywhere).
    assume(10**log_a * max(np.exp(b), 1.0) + 10**log_c < 1e-6)
    curve = DiffusivityCurve(DiffusivityForm.EXPONENTIAL, "test", parameters=(10**log_a, b, 10**log_c))
    stack = chen2020_stack()
    index = stack.indices_with_role(Role.CATHODE)[0]
    layer = stack.layers[index]
    varying = stack.replacing(
        index, replace(layer, material=replace(layer.material, diffusivity_curve=curve))
    )
    run = simulate_discharge(varying, NO_INTERFACES, c_rate, kinetics=CHEN2020_KINETICS, charge=charge)
    for values in (run.time_s, run.capacity_C, run.voltage_V, run.ocv_V, *run.overpotentials.values()):
        assert np.all(np.isfinite(values))
    assert run.delivered_capacity_C <= run.rated_capacity_C * (1.0 + 1e-9)
    assert np.all(np.diff(run.time_s) >= 0.0)


def test_a_layer_that_overrides_the_diffusivity_runs_its_constant() -> None:
    # A D(θ) material in a layer whose diffusivity the user set: the user's constant is used, by
    # the closed form, as it would be for a material without a curve.
    stack = dtheta_stack()
    index = stack.indices_with_role(Role.CATHODE)[0]
    layer = stack.layers[index]
    constant = 2e-14  # m²/s
    overridden = stack.replacing(
        index, replace(layer, overrides=(("diffusivity_m2_s", user_value(constant)),))
    )
    curve = simulate_discharge(overridden, NO_INTERFACES, 1.0, kinetics=CHEN2020_KINETICS)
    assert NUMERICAL_FINDING not in curve.findings
    plain = replace(layer.material, diffusivity_curve=None)
    expected = simulate_discharge(
        stack.replacing(
            index, replace(layer, material=plain, overrides=(("diffusivity_m2_s", user_value(constant)),))
        ),
        NO_INTERFACES,
        1.0,
        kinetics=CHEN2020_KINETICS,
    )
    assert np.array_equal(curve.voltage_V, expected.voltage_V)
