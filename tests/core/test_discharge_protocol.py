"""Protocols: CC-CV charges, rests and discharges in sequence, with the state carried between them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cellstack.core.discharge import numerical_march, numerical_particle, simulate_discharge
from cellstack.core.discharge.diffusion import Geometry, surface_response
from cellstack.core.discharge.numerical_cell import numerical_cell
from cellstack.core.discharge.parameters import build_cell
from cellstack.core.discharge.protocol import ProtocolResult, run_protocol
from cellstack.core.discharge.protocol_closed import cell_averages
from cellstack.core.discharge.protocol_steps import StepKind, parse_step, parse_steps
from cellstack.core.errors import InputError
from cellstack.core.stack import Stack
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir

LIBRARY = default_library()
THIN_FILM = load_project(examples_dir() / "thin_film_licoo2_lipon_li.cellstack", LIBRARY).stack
NMC811 = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", LIBRARY).stack


def _run(stack: Stack, *steps: str, cells: int = 80) -> ProtocolResult:
    return run_protocol(stack, LIBRARY.interfaces, parse_steps(list(steps)), cells=cells)


def test_steps_parse() -> None:
    step = parse_step("charge 0.5C to 4.2V, hold until C/20")
    assert (step.kind, step.c_rate, step.limit_V, step.hold_until_c_rate) == (StepKind.CHARGE, 0.5, 4.2, 0.05)
    assert parse_step("Discharge C/2 to 3 V").c_rate == 0.5
    assert parse_step("discharge 2C").limit_V is None
    assert parse_step("rest 10 min").duration_s == 600.0
    assert parse_step("rest 1.5 h").duration_s == 5400.0


@pytest.mark.parametrize(
    "text",
    [
        "",
        "discharge",
        "discharge -1C",
        "charge 1C to 4.2",
        "rest",
        "rest 10 days",
        "charge 0C to 4V",
        "discharge 1C to 3V, hold until 2C",
        "charge 1C to 11V",
        "import os",
        "rest 0 s",
    ],
)
def test_anything_else_is_refused_in_one_line_naming_the_step(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_steps(["rest 1 min", text])
    line = caught.value.one_line()
    assert "step 2" in line and "\n" not in line


def test_a_cc_cv_charge_of_the_thin_film_returns_its_rated_capacity() -> None:
    result = _run(THIN_FILM, "charge 0.5C to 4.2V, hold until C/20")
    (step,) = result.steps
    # Its LiCoO2 is rated at its practical capacity, which the window's charged end holds below
    # 4.2 V: the hold stops there, before its current has fallen to C/20, not 4.5 % further on.
    assert step.end_reason == "cathode fully delithiated (rated window)"
    assert 0.99 * result.rated_capacity_C <= step.delivered_capacity_C <= 1.005 * result.rated_capacity_C
    # Within 1 mV: the end of the constant-current part is interpolated between two steps.
    assert step.voltage_V.max() <= 4.2 + 1e-3
    assert abs(step.current_A[-1]) > result.rated_capacity_C / 3600.0 / 20.0
    assert step.energy_J > 0.0


def test_a_hold_that_reaches_its_current_limit_first_ends_there() -> None:
    result = _run(THIN_FILM, "charge 0.5C to 4.0V, hold until C/20")
    (step,) = result.steps
    assert step.end_reason == "current limit"
    assert step.delivered_capacity_C < result.rated_capacity_C
    assert abs(step.current_A[-1]) == pytest.approx(result.rated_capacity_C / 3600.0 / 20.0, rel=1e-3)


@pytest.mark.parametrize("stack", [THIN_FILM, NMC811], ids=["thin film", "nmc811"])
def test_a_longer_hold_never_returns_less(stack: Stack) -> None:
    delivered = [
        _run(stack, f"charge 1C to 4.2V, hold until C/{n}").steps[0].delivered_capacity_C
        for n in (5, 20, 100)
    ]
    assert delivered[0] <= delivered[1] <= delivered[2]


@pytest.mark.parametrize("stack", [THIN_FILM, NMC811], ids=["thin film", "nmc811"])
def test_a_rest_after_a_discharge_relaxes_upwards(stack: Stack) -> None:
    discharge, rest = _run(stack, "discharge 1C to 3.0V", "rest 2 h").steps
    assert rest.current_A.max() == 0.0 and rest.delivered_capacity_C == 0.0
    assert rest.voltage_V[0] > discharge.voltage_V[-1]  # the ohmic and charge-transfer drop recovers
    assert np.all(np.diff(rest.voltage_V) >= -1e-9)
    assert rest.time_s[0] == discharge.time_s[-1]


def test_the_state_carries_from_step_to_step() -> None:
    # Two half-hour discharges at 1C deliver what one discharge does over the same hour.
    once = _run(NMC811, "discharge 1C to 3.0V").steps[0]
    halves = _run(NMC811, "discharge 1C to 3.9V", "discharge 1C to 3.0V").steps
    assert halves[0].delivered_capacity_C < once.delivered_capacity_C
    total = halves[0].delivered_capacity_C + halves[1].delivered_capacity_C
    assert total == pytest.approx(once.delivered_capacity_C, rel=0.002)


def test_the_hold_agrees_with_a_fine_grid_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    steps = ("charge 1C to 4.2V, hold until C/20",)
    normal = _run(THIN_FILM, *steps).steps[0]
    monkeypatch.setattr(numerical_march, "CC_STEPS", 640)
    monkeypatch.setattr(numerical_march, "HOLD_DIVISIONS", 160)
    fine = _run(THIN_FILM, *steps, cells=320).steps[0]
    assert normal.delivered_capacity_C == pytest.approx(fine.delivered_capacity_C, rel=0.002)
    assert normal.energy_J == pytest.approx(fine.energy_J, rel=0.002)
    t = np.linspace(0.0, min(normal.time_s[-1], fine.time_s[-1]), 400)
    current_gap = np.abs(
        np.interp(t, normal.time_s, normal.current_A) - np.interp(t, fine.time_s, fine.current_A)
    )
    assert current_gap.max() <= 0.01 * abs(fine.current_A[0])


RATES = st.sampled_from(["0.05C", "C/3", "1C", "2C", "5C"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    charge=RATES,
    until=st.sampled_from(["C/10", "C/20", "C/50"]),
    rest=st.sampled_from(["30 s", "10 min", "2 h"]),
    discharge=RATES,
    low=st.sampled_from(["2.5V", "3.0V", "3.6V"]),
    high=st.sampled_from(["4.0V", "4.2V", "4.3V"]),
)
def test_no_nan_anywhere(charge: str, until: str, rest: str, discharge: str, low: str, high: str) -> None:
    until_rate = 1.0 / float(until[2:])
    charge_rate = float(charge[:-1]) if not charge.startswith("C/") else 1.0 / float(charge[2:])
    hold = f", hold until {until}" if until_rate < charge_rate else ""
    for stack in (THIN_FILM, NMC811):
        result = _run(
            stack, f"discharge {discharge} to {low}", f"rest {rest}", f"charge {charge} to {high}{hold}"
        )
        for step in result.steps:
            for values in (step.time_s, step.current_A, step.voltage_V, step.capacity_C):
                assert np.all(np.isfinite(values))
            assert np.all(np.diff(step.time_s) >= 0.0)
            assert np.all(step.capacity_C >= 0.0) and np.isfinite(step.energy_J) and step.energy_J >= 0.0


@pytest.mark.parametrize("stack", [THIN_FILM, NMC811], ids=["thin film", "nmc811"])
def test_a_first_constant_current_step_is_the_closed_form_curve(stack: Stack) -> None:
    first = _run(stack, "discharge 1C to 3.0V").steps[0]
    curve = simulate_discharge(stack, LIBRARY.interfaces, 1.0, cutoff_V=3.0)
    assert np.array_equal(first.time_s, curve.time_s)
    assert np.array_equal(first.voltage_V, curve.voltage_V)
    assert first.end_reason == curve.end_reason


def test_the_profiles_the_closed_form_leaves_are_the_numerical_solvers() -> None:
    steps = parse_steps(["discharge 1C to 3.6V", "rest 30 min", "discharge 1C to 3.0V"])
    closed = run_protocol(NMC811, LIBRARY.interfaces, steps)
    numerical = run_protocol(NMC811, LIBRARY.interfaces, steps, closed_form=False)
    for a, b in zip(closed.steps[1:], numerical.steps[1:], strict=True):
        t = np.linspace(0.0, 0.97 * min(a.time_s[-1] - a.time_s[0], b.time_s[-1] - b.time_s[0]), 300)
        gap = np.interp(t, a.time_s - a.time_s[0], a.voltage_V) - np.interp(
            t, b.time_s - b.time_s[0], b.voltage_V
        )
        assert np.max(np.abs(gap)) <= 0.5e-3


@pytest.mark.parametrize("geometry", [Geometry.PLANAR, Geometry.SPHERE])
def test_the_closed_form_profiles_keep_the_average_and_reach_the_surface_response(geometry: Geometry) -> None:
    hosts = numerical_particle.hosts(
        numerical_particle.HostSpec(geometry, 1.0, 1.0, None, 1.0),
        numerical_particle.HostSpec(Geometry.NONE, 1.0, 1.0, None, 1.0),
    )
    weights = hosts.weights[0]
    for tau in (1e-3, 0.05, 1.0):
        lead = cell_averages(geometry, weights.shape[0], tau)
        assert abs(float(weights @ lead)) < 1e-9  # the profile's lead has zero mean: charge is conserved
        # Its surface, as the solver reads it (g = 1/(k+1) per unit r·t_d), is diffusion.py's G − τ.
        surface = float(lead[-1] + hosts.mixes[0] * (lead[-2] - lead[-1]) + hosts.gaps[0] * hosts.drive[0])
        exact = float(surface_response(np.array([tau]), geometry)[0] - tau)
        assert surface == pytest.approx(exact, abs=2e-4 if tau < 0.01 else 1e-5)


def test_a_hold_stops_where_a_surface_reaches_the_end_of_its_host() -> None:
    # Held at 4.6 V, above what the thin film's LiCoO2 curve reaches, the current never falls to
    # its limit: the hold must end when the cathode's surface is empty, not run on for 100 h
    # taking up hundreds of times the cell's capacity.
    cell = build_cell(THIN_FILM, LIBRARY.interfaces)
    ncell = numerical_cell(cell)
    one_c = cell.capacity_C_m2 / 3600.0
    start = ncell.uniform(charged=False)
    segment = numerical_march.march_hold(
        ncell,
        start,
        4.6,
        -one_c,
        one_c / 1000.0,
        100 * 3600.0,
        ("cathode empty", "anode full", "cathode window", "anode window"),
    )
    assert segment.end_reason == "cathode empty"
    moved = np.trapezoid(np.abs(segment.current_A_m2), segment.time_s)
    host_holds = cell.cathode.host_C_m2 * (cell.cathode.theta_discharged - 0.0)
    assert moved <= host_holds * 1.001


def test_a_hold_needs_its_voltage_reached_first() -> None:
    # After a charge held at 4.3 V, a charge "to 4.2 V" cannot start: its hold must not discharge.
    _, second = _run(NMC811, "charge 1C to 4.3V, hold until C/20", "charge 1C to 4.2V, hold until C/20").steps
    assert second.end_reason.startswith("cannot start")
    assert second.delivered_capacity_C == 0.0 and np.all(second.current_A <= 0.0)
