"""Thin-film behaviour: diffusion-limited utilisation (§3.3), the LiPON ohmic step, bookkeeping."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest

from cellstack.core import units as u
from cellstack.core.discharge import simulate_discharge
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.core.metrics import compute_metrics
from cellstack.core.stack import Stack
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir
from tests.core.materials import CU, LCO, LI, LIPON, PT, s

NO_INTERFACES = InterfaceTable()
D_FILM = 1e-14  # m²/s: 1e-10 cm²/s, the suggested default for sputtered LiCoO2 films
LCO_FILM = LCO.with_properties(diffusivity_m2_s=s(D_FILM))
C_MAX = 5050.0 * 273.8 * u.MAH_PER_G / u.FARADAY  # the host's Li sites, rho q_th / F
THETA_FULL = 0.97  # end of the LiCoO2 fit's window: the surface can take no more Li there


def film_stack(cathode_m: float = 3e-6, lipon_m: float = 1e-6, temperature_K: float = 298.15) -> Stack:
    return Stack(
        layers=(
            Layer(PT, 0.3e-6, Role.CURRENT_COLLECTOR),
            Layer(LCO_FILM, cathode_m, Role.CATHODE),
            Layer(LIPON, lipon_m, Role.ELECTROLYTE),
            Layer(LI, 10e-6, Role.ANODE),
            Layer(CU, 0.5e-6, Role.CURRENT_COLLECTOR),
        ),
        temperature_K=temperature_K,
    )


def _rate_for(stack: Stack, current_A_m2: float) -> float:
    rated = simulate_discharge(stack, NO_INTERFACES, 0.0).rated_capacity_C / stack.active_area_m2
    return current_A_m2 * 3600.0 / rated


def _lost_utilisation(stack: Stack, current_A_m2: float) -> tuple[float, float]:
    """(model, late-time estimate) of how far the film's average stops short of full."""
    curve = simulate_discharge(stack, NO_INTERFACES, _rate_for(stack, current_A_m2), cutoff_V=0.5)
    assert curve.end_reason == "cathode fully lithiated"
    cathode_m = stack.layers[1].thickness_m
    host = C_MAX * u.FARADAY * cathode_m
    start = 0.96 - curve.rated_capacity_C / stack.active_area_m2 / host
    average_at_end = start + curve.delivered_capacity_C / stack.active_area_m2 / host
    estimate = current_A_m2 * cathode_m / (3 * u.FARADAY * D_FILM * C_MAX)
    return THETA_FULL - average_at_end, estimate


@pytest.mark.parametrize(
    ("cathode_m", "current_A_m2"), [(3e-6, 5.0), (3e-6, 10.0), (2e-6, 10.0), (1e-6, 10.0), (1e-6, 20.0)]
)
def test_lost_utilisation_matches_the_late_time_estimate(cathode_m: float, current_A_m2: float) -> None:
    """Δθ ≈ i·L/(3·F·D·c_max) once the diffusion profile has formed (all these end at τ > 0.5)."""
    model, estimate = _lost_utilisation(film_stack(cathode_m), current_A_m2)
    assert model == pytest.approx(estimate, rel=0.005)


def test_before_the_profile_forms_less_is_lost_than_the_estimate() -> None:
    model, estimate = _lost_utilisation(film_stack(3e-6), 20.0)  # ends at τ ≈ 0.15
    assert 0.7 * estimate < model < estimate


def test_physics_notes_example() -> None:
    """§3.3: L = 3 µm, i = 1 mA/cm², D = 1e-10 cm²/s gives Δθ ≈ 0.2."""
    model, _ = _lost_utilisation(film_stack(3e-6), 10.0)
    assert model == pytest.approx(0.2, abs=0.005)


def test_utilisation_falls_with_thickness_and_current() -> None:
    """Δθ grows as i·L: thicker films at the same current density, or more current, use less."""
    by_thickness = [
        simulate_discharge(film_stack(t), NO_INTERFACES, _rate_for(film_stack(t), 5.0)).utilisation
        for t in (1e-6, 2e-6, 4e-6, 8e-6)
    ]
    assert all(a > b for a, b in itertools.pairwise(by_thickness))
    stack = film_stack(4e-6)
    by_rate = [simulate_discharge(stack, NO_INTERFACES, c).utilisation for c in (0.5, 1.0, 2.0, 4.0)]
    assert all(a > b for a, b in itertools.pairwise(by_rate))


def test_lipon_shows_its_43_ohm_cm2_as_an_ohmic_step() -> None:
    stack = film_stack(lipon_m=1e-6)
    curve = simulate_discharge(stack, NO_INTERFACES, 2.0)
    i = curve.current_A / stack.active_area_m2
    asr = 1e-6 / (2.3e-6 * u.S_PER_CM)
    assert asr / u.OHM_CM2 == pytest.approx(43.5, abs=0.1)
    step = curve.overpotentials["ohmic: LiPON"]
    assert step == pytest.approx(np.full_like(step, i * asr), rel=1e-12)
    # At t -> 0+ nothing else has built up (no interface in the table, no diffusion yet).
    assert curve.ocv_V[0] - curve.voltage_V[0] == pytest.approx(i * asr, rel=1e-9)
    thicker = simulate_discharge(film_stack(lipon_m=2e-6), NO_INTERFACES, 2.0)
    assert curve.voltage_V[0] - thicker.voltage_V[0] == pytest.approx(i * asr, rel=1e-9)


def test_overpotentials_sum_to_ocv_minus_voltage() -> None:
    library = default_library()
    for path in sorted(examples_dir().glob("*.cellstack")):
        stack = load_project(path, library).stack
        for charge in (False, True):
            curve = simulate_discharge(stack, library.interfaces, 2.0, charge=charge)
            total = sum(curve.overpotentials.values())
            assert np.max(np.abs(total - (curve.ocv_V - curve.voltage_V))) < 1e-9
            assert all(
                name.split(" ")[0] in {"ohmic:", "interface:", "charge", "Li", "diffusion"}
                for name in curve.overpotentials
            )


def test_zero_current_is_the_ocv_curve_of_compute_metrics() -> None:
    library = default_library()
    for path in sorted(examples_dir().glob("*.cellstack")):
        stack = load_project(path, library).stack
        metrics = compute_metrics(stack, library.interfaces)
        curve = simulate_discharge(stack, library.interfaces, 0.0)
        assert np.array_equal(curve.voltage_V, curve.ocv_V)
        assert not np.any(curve.time_s)
        assert all(not np.any(v) for v in curve.overpotentials.values())
        assert metrics.capacity_C is not None and metrics.average_voltage_V is not None
        assert curve.rated_capacity_C == pytest.approx(metrics.capacity_C, rel=1e-12)
        assert curve.delivered_capacity_C == pytest.approx(metrics.capacity_C, rel=1e-9)
        assert curve.average_voltage_V == pytest.approx(metrics.average_voltage_V, abs=2e-3)


def test_one_c_is_the_cell_capacity_in_one_hour() -> None:
    stack = film_stack()
    curve = simulate_discharge(stack, NO_INTERFACES, 1.0)
    metrics = compute_metrics(stack)
    assert metrics.capacity_C is not None
    assert curve.current_A * 3600.0 == pytest.approx(metrics.capacity_C, rel=1e-12)
    assert curve.capacity_C == pytest.approx(curve.current_A * curve.time_s, rel=1e-12)


def test_temperature_acts_on_conductivity() -> None:
    stack = film_stack(temperature_K=298.15)
    cold = simulate_discharge(stack, NO_INTERFACES, 1.0)
    warm = simulate_discharge(stack, NO_INTERFACES, 1.0, temperature_K=333.15)
    ratio = cold.overpotentials["ohmic: LiPON"][0] / warm.overpotentials["ohmic: LiPON"][0]
    # LiPON: Ea = 0.55 eV takes sigma from 2.3e-6 to about 2.2e-5 S/cm at 60 °C (physics-and-data §3.5).
    assert ratio == pytest.approx(9.5, rel=0.05)
    assert warm.delivered_capacity_C >= cold.delivered_capacity_C
    assert warm.temperature_K == 333.15


def test_charge_runs_from_the_discharged_state_up() -> None:
    curve = simulate_discharge(film_stack(), NO_INTERFACES, 0.5, charge=True)
    assert curve.charge and np.all(curve.voltage_V >= curve.ocv_V)
    assert curve.voltage_V[-1] > curve.voltage_V[0]
    ends = {"cathode fully delithiated", "anode fully lithiated"}
    assert curve.end_reason in {"cut-off voltage"} | ends | {f"{end} (rated window)" for end in ends}


def test_plated_lithium_of_an_anode_free_cell() -> None:
    base = film_stack()
    layers = tuple(layer for layer in base.layers if layer.role is not Role.ANODE)
    stack = replace(base, layers=layers, plated_anode=LI, first_cycle_loss=0.1)
    curve = simulate_discharge(stack, NO_INTERFACES, 0.0)
    assert curve.rated_capacity_C == pytest.approx(compute_metrics(stack).capacity_C, rel=1e-12)
    fast = simulate_discharge(stack, NO_INTERFACES, 1.0)
    assert 0 < fast.delivered_capacity_C <= curve.delivered_capacity_C
    assert "diffusion (anode)" not in fast.overpotentials
