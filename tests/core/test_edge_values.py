"""Values at the edge of what the loader accepts: an error finding or an InputError, never a
traceback, an infinity or an impossible number reported as valid."""

from __future__ import annotations

import math
import re
from dataclasses import replace

import pytest

from cellstack.core.discharge import rate_capability, simulate_discharge
from cellstack.core.errors import InputError
from cellstack.core.layer import Composite, Layer
from cellstack.core.material import Material, Properties, Role
from cellstack.core.metrics import Metrics, Severity, compute_metrics
from cellstack.core.sourced import user_value
from cellstack.core.stack import Stack
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir
from tests.core.materials import CU, LCO, LI, LIPON, s

LIBRARY = default_library()
NMC811 = load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", LIBRARY).stack
CATHODE, SEPARATOR = 1, 2  # the composite cathode and the Li6PS5Cl layer of the NMC811 example
SMALLEST = 5e-324  # the smallest positive double, which the loader accepts for any "> 0" value
NOT_A_NUMBER = re.compile(r"\b(inf|infinity|nan)\b", re.IGNORECASE)


def with_composite(stack: Stack, **changes: float) -> Stack:
    layer = stack.layers[CATHODE]
    assert layer.composite is not None
    return stack.replacing(CATHODE, replace(layer, composite=replace(layer.composite, **changes)))


def with_override(stack: Stack, index: int, name: str, value: float) -> Stack:
    return stack.replacing(index, stack.layers[index].with_override(name, user_value(value)))


def errors(metrics: Metrics) -> dict[str, str]:
    return {f.code: f.message for f in metrics.findings if f.severity is Severity.ERROR}


def assert_finite_messages(metrics: Metrics) -> None:
    for finding in metrics.findings:
        assert not NOT_A_NUMBER.search(finding.message), finding.message
    for entry in metrics.asr:
        assert math.isfinite(entry.ohm_m2) and not NOT_A_NUMBER.search(entry.detail), entry.detail


def test_a_composite_without_active_material_is_an_error_not_a_division_by_zero() -> None:
    stack = with_composite(NMC811, active_fraction=0.0)
    metrics = compute_metrics(stack, LIBRARY.interfaces)
    assert not metrics.valid
    message = errors(metrics)["no_cell_capacity"]
    assert "NMC811 composite cathode" in message and "active fraction 0" in message
    assert metrics.capacity_C is None and metrics.voltage is None and metrics.energy_J is None
    assert metrics.cathode_capacity_C_m2 == 0.0 and metrics.np_ratio is None
    with pytest.raises(InputError, match="cell capacity is zero"):
        rate_capability(stack, LIBRARY.interfaces)


def test_a_sliver_of_active_material_delivers_its_own_capacity() -> None:
    """1e-250 of the volume: every capacity is tiny but the cell works, and the Li anode's window
    (a 1e-248 share of it) does not round to nothing."""
    stack = with_composite(NMC811, active_fraction=1e-250)
    metrics = compute_metrics(stack, LIBRARY.interfaces)
    assert metrics.valid and metrics.capacity_C is not None and metrics.capacity_C > 0.0
    assert metrics.average_voltage_V == pytest.approx(compute_metrics(NMC811).average_voltage_V)
    curve = simulate_discharge(stack, LIBRARY.interfaces, 0.1)
    assert curve.started and curve.delivered_capacity_C == pytest.approx(metrics.capacity_C, rel=1e-6)


def test_a_capacity_whose_current_would_round_to_zero_is_refused_by_the_discharge() -> None:
    stack = with_composite(NMC811, active_fraction=1e-300)
    assert compute_metrics(stack, LIBRARY.interfaces).valid
    with pytest.raises(InputError, match="a discharge computes with"):
        simulate_discharge(stack, LIBRARY.interfaces, 1.0)


@pytest.mark.parametrize("temperature_K", [173.15, 298.15])
def test_the_smallest_diffusivity_is_refused_by_the_discharge_with_a_reason(temperature_K: float) -> None:
    stack = replace(with_override(NMC811, CATHODE, "diffusivity_m2_s", SMALLEST), temperature_K=temperature_K)
    metrics = compute_metrics(stack, LIBRARY.interfaces)
    assert metrics.valid  # the open-circuit metrics do not use the diffusivity
    with pytest.raises(InputError) as caught:
        simulate_discharge(stack, LIBRARY.interfaces, 1.0)
    assert "diffusi" in caught.value.one_line() and "\n" not in caught.value.one_line()


def test_a_conductivity_that_rounds_to_zero_blocks_ions() -> None:
    stack = with_override(NMC811, SEPARATOR, "ionic_conductivity_S_m", SMALLEST)
    metrics = compute_metrics(stack, LIBRARY.interfaces)
    assert "Li6PS5Cl separator blocks ions" in errors(metrics)["blocks_ions"]
    assert metrics.asr_total_ohm_m2 is not None and math.isfinite(metrics.asr_total_ohm_m2)
    assert metrics.max_power_W is None  # not valid, so no voltage
    assert_finite_messages(metrics)
    with pytest.raises(InputError, match="blocks ions"):
        simulate_discharge(stack, LIBRARY.interfaces, 1.0)


def test_a_conductivity_that_underflows_at_low_temperature_blocks_ions() -> None:
    """1e-80 S/m is computable at 25 °C; at -100 °C with 3 eV it is 1e-117 S/m."""
    stack = with_override(NMC811, SEPARATOR, "ionic_conductivity_S_m", 1e-80)
    stack = with_override(stack, SEPARATOR, "activation_energy_eV", 3.0)
    assert compute_metrics(stack, LIBRARY.interfaces).valid
    cold = compute_metrics(replace(stack, temperature_K=173.15), LIBRARY.interfaces)
    assert "blocks_ions" in errors(cold)
    assert_finite_messages(cold)


def test_a_composite_electrolyte_fraction_that_rounds_to_zero_blocks_ions() -> None:
    metrics = compute_metrics(with_composite(NMC811, electrolyte_fraction=SMALLEST), LIBRARY.interfaces)
    assert "volume fraction 4.94e-324" in errors(metrics)["blocks_ions"]
    assert_finite_messages(metrics)


@pytest.mark.parametrize("thickness_m", [SMALLEST, 1e-300, 0.99e-10])
def test_a_layer_thinner_than_an_atom_is_refused(thickness_m: float) -> None:
    with pytest.raises(InputError, match=r"0\.1 nm to 10 cm"):
        Layer(LIPON, thickness_m, Role.ELECTROLYTE)
    assert Layer(LIPON, 1e-10, Role.ELECTROLYTE).thickness_m == 1e-10


def _averages_only(material: Material, volts: float) -> Material:
    return replace(material, ocp="", properties=replace(material.properties, voltage_average_V=s(volts)))


def test_a_cathode_below_its_anode_is_an_error_not_a_negative_energy() -> None:
    cathode = _averages_only(LCO, 0.5)
    anode = _averages_only(LI, 1.5)
    stack = Stack(
        (
            Layer(CU, 1e-6, Role.CURRENT_COLLECTOR),
            Layer(cathode, 5e-6, Role.CATHODE),
            Layer(LIPON, 1e-6, Role.ELECTROLYTE),
            Layer(anode, 5e-6, Role.ANODE),
            Layer(CU, 1e-6, Role.CURRENT_COLLECTOR),
        )
    )
    metrics = compute_metrics(stack)
    assert not metrics.valid
    assert "-1.00 V" in errors(metrics)["cell_voltage_not_positive"]
    assert metrics.energy_J is None and metrics.voltage is None and metrics.max_power_W is None
    assert all(level.specific_energy_J_kg is None for level in metrics.levels)
    for charge in (False, True):
        with pytest.raises(InputError, match="does not sit above the anode"):
            simulate_discharge(stack, None, 1.0, charge=charge)


def test_ratios_with_a_denominator_that_rounds_to_zero_are_none() -> None:
    """A plated material with the smallest density: the plated thickness would be infinite."""
    li = replace(LI, properties=Properties(density_kg_m3=s(SMALLEST), capacity_theoretical_C_kg=s(1.0)))
    stack = Stack(
        (
            Layer(CU, 1e-6, Role.CURRENT_COLLECTOR),
            Layer(LCO, 5e-6, Role.CATHODE),
            Layer(LIPON, 1e-6, Role.ELECTROLYTE),
            Layer(CU, 1e-6, Role.CURRENT_COLLECTOR),
        ),
        plated_anode=li,
    )
    metrics = compute_metrics(stack)
    assert metrics.plated_lithium_m is None
    assert metrics.capacity_C is not None and metrics.capacity_C > 0.0


def test_an_anode_composite_without_active_material_names_the_anode() -> None:
    anode = Layer(
        LI, 5e-6, Role.ANODE, composite=Composite(LIPON, active_fraction=0.0, electrolyte_fraction=0.5)
    )
    stack = Stack(
        (
            Layer(CU, 1e-6, Role.CURRENT_COLLECTOR),
            Layer(LCO, 5e-6, Role.CATHODE),
            Layer(LIPON, 1e-6, Role.ELECTROLYTE),
            anode,
            Layer(CU, 1e-6, Role.CURRENT_COLLECTOR),
        )
    )
    finding = next(f for f in compute_metrics(stack).findings if f.code == "no_cell_capacity")
    assert finding.layer_index == 3 and "Li metal" in finding.message
