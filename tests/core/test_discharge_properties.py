"""Properties of every discharge, over the whole input range (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cellstack.core import units as u
from cellstack.core.discharge import DischargeCurve, simulate_discharge
from cellstack.core.interfaces import InterfaceDefault, InterfaceTable
from cellstack.core.layer import Composite, Layer
from cellstack.core.material import Material, Properties, Role
from cellstack.core.stack import Stack
from tests.core.materials import CU, LCO, LI, LIPON, PT, s

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
INTERFACES = InterfaceTable(
    defaults=(
        InterfaceDefault("cathode", Role.CATHODE, ("*",), ("*",), 50 * u.OHM_CM2, "test"),
        InterfaceDefault("anode", Role.ANODE, ("*",), ("*",), 10 * u.OHM_CM2, "test"),
    )
)
NMC = Material(
    id="nmc811",
    name="NMC811",
    formula="LiNi0.8Mn0.1Co0.1O2",
    roles=(Role.CATHODE,),
    ocp="nmc811_chen2020",
    properties=Properties(
        density_kg_m3=s(4780.0),
        capacity_theoretical_C_kg=s(275.5 * u.MAH_PER_G),
        capacity_practical_C_kg=s(200 * u.MAH_PER_G),
    ),
)
GRAPHITE = Material(
    id="graphite",
    name="graphite",
    formula="C6",
    roles=(Role.ANODE,),
    ocp="graphite_chen2020",
    properties=Properties(
        density_kg_m3=s(2260.0),
        capacity_theoretical_C_kg=s(372 * u.MAH_PER_G),
        capacity_practical_C_kg=s(350 * u.MAH_PER_G),
    ),
)
ARGYRODITE = Material(
    id="argyrodite",
    name="Li6PS5Cl",
    formula="Li6PS5Cl",
    roles=(Role.ELECTROLYTE,),
    properties=Properties(
        density_kg_m3=s(1870.0),
        ionic_conductivity_S_m=s(2e-3 * u.S_PER_CM),
        conductivity_temperature_K=298.15,
        activation_energy_eV=s(0.3),
    ),
)

log_d = st.floats(-18.0, -11.0)


@st.composite
def stacks(draw: st.DrawFn) -> Stack:
    """A thin film LiCoO2 | LiPON | Li cell or a composite NMC811 | argyrodite | graphite one."""
    if draw(st.booleans()):
        cathode = LCO.with_properties(diffusivity_m2_s=s(10 ** draw(log_d)))
        layers = (
            Layer(PT, 0.3e-6, Role.CURRENT_COLLECTOR),
            Layer(cathode, draw(st.floats(0.05, 50.0)) * 1e-6, Role.CATHODE),
            Layer(LIPON, draw(st.floats(0.05, 20.0)) * 1e-6, Role.ELECTROLYTE),
            Layer(LI, draw(st.floats(1.0, 50.0)) * 1e-6, Role.ANODE),
            Layer(CU, 0.5e-6, Role.CURRENT_COLLECTOR),
        )
    else:

        def composite(active: float) -> Composite:
            return Composite(
                ARGYRODITE,
                active,
                draw(st.floats(0.1, 0.95 - active)),
                particle_radius_m=draw(st.floats(0.05, 20.0)) * 1e-6,
            )

        layers = (
            Layer(CU, 10e-6, Role.CURRENT_COLLECTOR),
            Layer(
                GRAPHITE.with_properties(diffusivity_m2_s=s(10 ** draw(log_d))),
                draw(st.floats(5.0, 200.0)) * 1e-6,
                Role.ANODE,
                composite=composite(draw(st.floats(0.3, 0.8))),
            ),
            Layer(ARGYRODITE, draw(st.floats(5.0, 500.0)) * 1e-6, Role.ELECTROLYTE),
            Layer(
                NMC.with_properties(diffusivity_m2_s=s(10 ** draw(log_d))),
                draw(st.floats(5.0, 200.0)) * 1e-6,
                Role.CATHODE,
                composite=composite(draw(st.floats(0.3, 0.8))),
            ),
            Layer(PT, 10e-6, Role.CURRENT_COLLECTOR),
        )
    return Stack(layers=layers, temperature_K=draw(st.floats(233.15, 373.15)))


c_rates = st.one_of(st.just(0.0), st.floats(1e-4, 1000.0))


def _tolerance(curve: DischargeCurve) -> float:
    return 1e-5 * curve.rated_capacity_C


def _well_formed(curve: DischargeCurve, points: int) -> None:
    arrays = [curve.time_s, curve.capacity_C, curve.voltage_V, curve.ocv_V, *curve.overpotentials.values()]
    assert all(a.shape == (points,) and np.all(np.isfinite(a)) for a in arrays)
    assert np.all(np.diff(curve.capacity_C) >= 0) and np.all(np.diff(curve.time_s) >= 0)
    assert curve.delivered_capacity_C <= curve.rated_capacity_C * (1 + 1e-9)
    assert np.isfinite(curve.energy_J) and np.isfinite(curve.average_voltage_V)
    losses = sum(curve.overpotentials.values(), np.zeros(points))
    assert np.allclose(losses, curve.ocv_V - curve.voltage_V, atol=1e-9)


@SETTINGS
@given(stacks(), c_rates, st.integers(2, 400), st.booleans())
def test_no_nan_anywhere_in_range(stack: Stack, c_rate: float, points: int, charge: bool) -> None:
    curve = simulate_discharge(stack, INTERFACES, c_rate, points=points, charge=charge)
    _well_formed(curve, points)
    if charge:
        assert np.all(curve.voltage_V >= curve.ocv_V - 1e-12)
    else:
        assert np.all(curve.voltage_V <= curve.ocv_V + 1e-12)


@SETTINGS
@given(stacks(), st.floats(0.0, 200.0), st.floats(1.0, 10.0))
def test_a_lower_rate_never_delivers_less(stack: Stack, c_rate: float, factor: float) -> None:
    slow = simulate_discharge(stack, INTERFACES, c_rate)
    fast = simulate_discharge(stack, INTERFACES, min(c_rate * factor, 1000.0))
    assert slow.delivered_capacity_C >= fast.delivered_capacity_C - _tolerance(slow)


@SETTINGS
@given(stacks(), st.floats(0.01, 100.0), st.floats(0.0, 100.0))
def test_a_higher_temperature_never_delivers_less(stack: Stack, c_rate: float, warmer_by: float) -> None:
    cold = simulate_discharge(stack, INTERFACES, c_rate)
    warm_K = min(stack.temperature_K + warmer_by, 673.15)
    warm = simulate_discharge(stack, INTERFACES, c_rate, temperature_K=warm_K)
    assert warm.delivered_capacity_C >= cold.delivered_capacity_C - _tolerance(cold)


@SETTINGS
@given(stacks())
def test_zero_current_returns_the_ocv_curve(stack: Stack) -> None:
    curve = simulate_discharge(stack, INTERFACES, 0.0)
    assert np.array_equal(curve.voltage_V, curve.ocv_V)
    assert curve.current_A == 0.0
