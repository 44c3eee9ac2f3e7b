"""Properties that must hold for every design (hypothesis explores the designs)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cellstack.core import units as u
from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.core.metrics import Level, compute_metrics
from cellstack.core.stack import Stack, StackKind
from tests.core.materials import CU, KAPTON, LCO, LI, LIPON, PARYLENE, PT

thickness_um = st.floats(min_value=0.05, max_value=200.0, allow_nan=False)
temperature_K = st.floats(min_value=233.15, max_value=393.15, allow_nan=False)


def stack(cathode_um: float, lipon_um: float, li_um: float, t_K: float = 298.15) -> Stack:
    return Stack(
        (
            Layer(KAPTON, 50 * u.UM, Role.SUBSTRATE),
            Layer(PT, 0.3 * u.UM, Role.CURRENT_COLLECTOR),
            Layer(LCO, cathode_um * u.UM, Role.CATHODE),
            Layer(LIPON, lipon_um * u.UM, Role.ELECTROLYTE),
            Layer(LI, li_um * u.UM, Role.ANODE),
            Layer(CU, 0.5 * u.UM, Role.CURRENT_COLLECTOR),
        ),
        StackKind.SSTFB,
        1e-4,
        1.5e-4,
        t_K,
    )


@settings(max_examples=60, deadline=None)
@given(thickness_um, thickness_um, thickness_um, st.floats(min_value=0.01, max_value=100.0))
def test_doubling_area_doubles_capacity_and_energy_only(
    cathode: float, lipon: float, li: float, factor: float
) -> None:
    base = compute_metrics(stack(cathode, lipon, li))
    scaled = compute_metrics(stack(cathode, lipon, li).scaled_area(factor))
    assert scaled.capacity_C == pytest.approx(base.capacity_C * factor, rel=1e-12)
    assert scaled.energy_J == pytest.approx(base.energy_J * factor, rel=1e-12)
    for level in Level:
        a, b = base.level(level), scaled.level(level)
        assert b.specific_energy_J_kg == pytest.approx(a.specific_energy_J_kg, rel=1e-12)
        assert b.energy_density_J_m3 == pytest.approx(a.energy_density_J_m3, rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(thickness_um, thickness_um, thickness_um, thickness_um, st.integers(min_value=0, max_value=6))
def test_adding_an_inactive_layer_never_raises_energy_densities(
    cathode: float, lipon: float, li: float, extra: float, position: int
) -> None:
    design = stack(cathode, lipon, li)
    before = compute_metrics(design)
    # An encapsulation layer anywhere outside the cell, or a second collector outside.
    index = position if position <= 1 else len(design.layers)
    after = compute_metrics(design.inserting(index, Layer(PARYLENE, extra * u.UM, Role.ENCAPSULATION)))
    full_before, full_after = before.full_stack, after.full_stack
    assert full_after.specific_energy_J_kg <= full_before.specific_energy_J_kg * (1 + 1e-12)
    assert full_after.energy_density_J_m3 <= full_before.energy_density_J_m3 * (1 + 1e-12)


@settings(max_examples=60, deadline=None)
@given(thickness_um, thickness_um, thickness_um, thickness_um, temperature_K)
def test_thicker_electrolyte_never_lowers_asr(
    cathode: float, lipon: float, more: float, li: float, t_K: float
) -> None:
    thin = compute_metrics(stack(cathode, lipon, li, t_K)).asr_total_ohm_m2
    thick = compute_metrics(stack(cathode, lipon + more, li, t_K)).asr_total_ohm_m2
    assert thick >= thin


@settings(max_examples=60, deadline=None)
@given(thickness_um, thickness_um, temperature_K, st.floats(min_value=0.0, max_value=80.0))
def test_warmer_never_raises_asr(cathode: float, lipon: float, t_K: float, warmer: float) -> None:
    cold = compute_metrics(stack(cathode, lipon, 5.0, t_K)).asr_total_ohm_m2
    warm = compute_metrics(stack(cathode, lipon, 5.0, min(t_K + warmer, 673.0))).asr_total_ohm_m2
    assert warm <= cold * (1 + 1e-12)


def test_footprint_margin_lowers_full_stack_densities_only() -> None:
    design = stack(5.0, 1.0, 5.0)
    wide = replace(design, footprint_area_m2=design.footprint_area_m2 * 2)
    a, b = compute_metrics(design), compute_metrics(wide)
    assert b.capacity_C == a.capacity_C
    assert b.full_stack.energy_density_J_m3 == pytest.approx(a.full_stack.energy_density_J_m3 / 2)
    assert b.full_stack.specific_energy_J_kg < a.full_stack.specific_energy_J_kg
    assert b.level(Level.CELL_STACK) == a.level(Level.CELL_STACK)
