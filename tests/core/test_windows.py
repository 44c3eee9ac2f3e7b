"""The usable window lies between the cut-off voltages, and every part of the model shares it.

A near-equilibrium run (0.001 C, where diffusion and kinetics cost well under 1 %) charged to the
upper cut-off or discharged to the lower one must then reach the rated capacity both ways.
"""

from __future__ import annotations

import pytest

from cellstack.core import units as u
from cellstack.core.discharge import simulate_discharge
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.material import Material
from cellstack.core.metrics import compute_metrics
from cellstack.core.metrics.window import cathode_window, voltage_limits
from cellstack.core.ocp import get_curve
from cellstack.core.stack import Stack
from tests.core.window_cases import FILM_M, cathodes_with_curves, example_stacks, half_cell, library

SLOW = 0.001  # C


def _both_ways(stack: Stack, interfaces: InterfaceTable) -> tuple[float, float]:
    down = simulate_discharge(stack, interfaces, SLOW)
    up = simulate_discharge(stack, interfaces, SLOW, charge=True)
    return down.utilisation, up.utilisation


@pytest.mark.parametrize(("name", "stack"), example_stacks())
def test_every_example_reaches_its_rated_capacity_both_ways(name: str, stack: Stack) -> None:
    down, up = _both_ways(stack, library().interfaces)
    assert down >= 0.99, name
    assert up >= 0.99, name


@pytest.mark.parametrize("cathode", cathodes_with_curves(), ids=lambda m: m.id)
def test_every_cathode_record_reaches_its_rated_capacity_both_ways(cathode: Material) -> None:
    down, up = _both_ways(half_cell(cathode), InterfaceTable())
    assert down >= 0.99
    assert up >= 0.99


def test_the_charged_end_of_every_window_sits_at_the_upper_cut_off() -> None:
    for cathode in cathodes_with_curves():
        curve = get_curve(cathode.ocp)
        assert curve is not None
        limits = voltage_limits(cathode, curve.id)
        window = cathode_window(curve, limits)
        assert window.charged_theta is not None and limits.high_V is not None, cathode.id
        if window.charged_theta > curve.theta_min:  # the curve reaches the limit inside its fit
            assert float(curve(window.charged_theta)) == pytest.approx(limits.high_V, abs=1e-3)
        assert float(curve(window.discharged_theta)) >= limits.low_V - 1e-3  # type: ignore[operator]


def test_nmc811_is_rated_at_what_its_curve_holds_up_to_4_3_v() -> None:
    nmc811 = library().materials["nmc811"]
    metrics = compute_metrics(half_cell(nmc811))
    finding = next(f for f in metrics.findings if f.code == "window_limits_capacity")
    assert "200 mAh/g" in finding.message and "178 mAh/g" in finding.message
    assert "4.30 V" in finding.message
    rho = nmc811.properties.density_kg_m3
    assert rho is not None and metrics.cell_capacity_C_m2 is not None
    per_gram = metrics.cell_capacity_C_m2 / (rho.value * FILM_M) / u.MAH_PER_G
    assert per_gram == pytest.approx(178, abs=1.0)


def test_the_energy_definition_names_its_window() -> None:
    metrics = compute_metrics(half_cell(library().materials["nmc811"]))
    assert metrics.voltage is not None
    assert "4.30 V vs Li" in metrics.voltage.window and "θ = " in metrics.voltage.window


def test_without_stated_limits_the_window_is_the_curves_own() -> None:
    """A cathode whose curve names no chemistry with limits keeps its practical capacity."""
    lco = library().materials["lco"]
    bare = lco.with_properties(voltage_cutoff_low_V=None, voltage_cutoff_high_V=None)
    curve = get_curve("lco_dualfoil")
    assert curve is not None
    window = cathode_window(curve, voltage_limits(bare, "no_such_curve"))
    assert window.charged_theta is None and window.discharged_theta == curve.lithiated_limit
