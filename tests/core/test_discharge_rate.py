"""Rate capability and Ragone curves built from the discharge model."""

from __future__ import annotations

import numpy as np
import pytest

from cellstack.core.discharge import (
    RAGONE_C_RATES,
    RATE_CAPABILITY_C_RATES,
    discharge_curves,
    ragone,
    rate_capability,
    simulate_discharge,
)
from cellstack.core.errors import InputError
from cellstack.core.metrics import Level, compute_metrics
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir

LIBRARY = default_library()
THIN_FILM = load_project(examples_dir() / "thin_film_licoo2_lipon_li.cellstack", LIBRARY).stack


def test_rate_capability_matches_single_discharges_and_falls_with_rate() -> None:
    rates = rate_capability(THIN_FILM, LIBRARY.interfaces)
    assert tuple(rates.c_rate) == RATE_CAPABILITY_C_RATES
    assert np.all(np.diff(rates.capacity_C) <= 0) and np.all(np.diff(rates.energy_J) <= 0)
    one_c = simulate_discharge(THIN_FILM, LIBRARY.interfaces, 1.0)
    assert rates.capacity_C[2] == pytest.approx(one_c.delivered_capacity_C, rel=1e-12)
    assert rates.energy_J[2] == pytest.approx(one_c.energy_J, rel=1e-12)
    assert rates.average_voltage_V[2] == pytest.approx(one_c.average_voltage_V, rel=1e-12)
    assert len(rates.end_reasons) == 5 and not rates.approximate_ocp
    assert rates.rated_capacity_C == pytest.approx(compute_metrics(THIN_FILM, LIBRARY.interfaces).capacity_C)


def test_ragone_is_at_the_full_stack_level_and_states_it() -> None:
    curve = ragone(THIN_FILM, LIBRARY.interfaces)
    metrics = compute_metrics(THIN_FILM, LIBRARY.interfaces)
    assert curve.level is Level.FULL_STACK and curve.pair_level is Level.ELECTRODE_PAIR
    assert curve.mass_kg == pytest.approx(metrics.full_stack.mass_kg)
    assert curve.c_rate.shape == RAGONE_C_RATES.shape == (25,)
    # Power rises with rate; energy falls.
    delivering = curve.specific_energy_J_kg > 0
    assert np.all(np.diff(curve.specific_power_W_kg[delivering]) > 0)
    assert np.all(np.diff(curve.specific_energy_J_kg) <= 0)
    # The substrate, seal and collectors weigh more than the electrochemical core.
    assert np.all(curve.pair_specific_energy_J_kg >= curve.specific_energy_J_kg)
    slow = simulate_discharge(THIN_FILM, LIBRARY.interfaces, float(curve.c_rate[0]))
    assert curve.specific_energy_J_kg[0] == pytest.approx(slow.energy_J / curve.mass_kg, rel=1e-12)
    assert curve.specific_power_W_kg[0] == pytest.approx(
        slow.energy_J / slow.time_s[-1] / curve.mass_kg, rel=1e-12
    )
    # At the lowest rate the energy approaches compute_metrics' energy at open circuit.
    assert metrics.full_stack.specific_energy_J_kg is not None
    assert curve.specific_energy_J_kg[0] == pytest.approx(metrics.full_stack.specific_energy_J_kg, rel=0.05)


def test_empty_rate_list_is_bad_input() -> None:
    with pytest.raises(InputError):
        rate_capability(THIN_FILM, LIBRARY.interfaces, ())


def test_discharge_curves_are_the_single_discharges_at_each_rate() -> None:
    rates = (0.1, 1.0, 2.0)
    curves = discharge_curves(THIN_FILM, LIBRARY.interfaces, rates, temperature_K=313.15, cutoff_V=3.2)
    assert [c.c_rate for c in curves] == list(rates)
    for rate, curve in zip(rates, curves, strict=True):
        alone = simulate_discharge(THIN_FILM, LIBRARY.interfaces, rate, temperature_K=313.15, cutoff_V=3.2)
        np.testing.assert_array_equal(curve.voltage_V, alone.voltage_V)
        np.testing.assert_array_equal(curve.capacity_C, alone.capacity_C)
        assert curve.end_reason == alone.end_reason and curve.temperature_K == 313.15
    with pytest.raises(InputError, match="c_rate"):
        discharge_curves(THIN_FILM, LIBRARY.interfaces, (1.0, -2.0))
