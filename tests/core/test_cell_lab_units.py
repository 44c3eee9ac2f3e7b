"""Lab-unit inputs convert exactly both ways, and agree with a published recipe (BatPaC, field.md d-1)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cellstack.core import units as u
from cellstack.core.cell import lab_units as lab
from cellstack.core.errors import InputError
from cellstack.core.metrics import compute_metrics
from tests.core.test_cell_reference_cases import batpac_repeat_unit

fraction = st.floats(min_value=0.01, max_value=1.0)
density = st.floats(min_value=500.0, max_value=10_000.0)


@st.composite
def recipes(draw: st.DrawFn) -> lab.Recipe:
    weights = [draw(fraction) for _ in range(4)]
    total = sum(weights)
    active, electrolyte, carbon = (w / total for w in weights[:3])
    binder = 1.0 - active - electrolyte - carbon
    return lab.Recipe(active, electrolyte, carbon, max(binder, 0.0), *(draw(density) for _ in range(4)))


@settings(max_examples=200, deadline=None)
@given(recipes(), st.floats(min_value=0.0, max_value=0.9), st.floats(min_value=0.1, max_value=100.0))
def test_loading_and_porosity_round_trip(recipe: lab.Recipe, porosity: float, loading_mg_cm2: float) -> None:
    coating = lab.coating_density_from_porosity(recipe, porosity)
    assert lab.porosity_from_coating_density(recipe, coating) == pytest.approx(porosity, abs=1e-12)
    loading = loading_mg_cm2 * u.MG_PER_CM2
    thickness = lab.thickness_from_loading(loading, coating)
    assert lab.loading_from_thickness(thickness, coating) == pytest.approx(loading, rel=1e-12)
    phi = lab.volume_fractions(recipe, coating)
    solids = phi.active + phi.electrolyte + phi.carbon + phi.binder
    assert solids + phi.porosity == pytest.approx(1.0, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(
    st.floats(min_value=0.5, max_value=20.0),
    st.floats(min_value=0.1, max_value=20.0),
    st.floats(min_value=1.0, max_value=100.0),
)
def test_lithium_np_thickness_and_areal_mass_round_trip(
    np_ratio: float, cathode_mah_cm2: float, _: float
) -> None:
    q_p = cathode_mah_cm2 * u.MAH_PER_CM2
    rho, q_li = 534.0, 3860 * u.MAH_PER_G
    thickness = lab.lithium_thickness_from_np(np_ratio, q_p, rho, q_li)
    assert lab.np_from_lithium_thickness(thickness, q_p, rho, q_li) == pytest.approx(np_ratio, rel=1e-12)
    areal = lab.areal_mass_from_thickness(thickness, rho)
    assert lab.thickness_from_areal_mass(areal, rho) == pytest.approx(thickness, rel=1e-12)


@settings(max_examples=100, deadline=None)
@given(st.floats(min_value=1e-3, max_value=10.0))
def test_ml_per_ah_round_trip(value: float) -> None:
    assert lab.to_ml_per_ah(lab.ml_per_ah(value)) == pytest.approx(value, rel=1e-12)
    assert lab.ml_per_ah(1.0) == 1e-6 / 3600.0


def test_batpac_positive_recipe() -> None:
    """96/2/2 wt% NMC811/carbon/binder (4.65/1.825/1.77 g/cm³) at 25 % porosity is 3.2793 g/cm³."""
    recipe = lab.Recipe(0.96, 0.0, 0.02, 0.02, 4650.0, carbon_kg_m3=1825.0, binder_kg_m3=1770.0)
    coating = lab.coating_density_from_porosity(recipe, 0.25)
    assert coating / u.G_PER_CM3 == pytest.approx(3.2793, rel=1e-4)
    phi = lab.volume_fractions(recipe, coating)
    assert phi.active == pytest.approx(coating * 0.96 / 4650.0, rel=1e-12)
    # 120 µm of it is 39.35 mg/cm² of coating, 37.78 mg/cm² of NMC811.
    loading = lab.loading_from_thickness(120 * u.UM, coating)
    assert lab.active_loading(loading, recipe) / u.MG_PER_CM2 == pytest.approx(0.96 * 3.2793 * 12, rel=1e-4)


def test_target_areal_capacity_sets_the_cathode_thickness() -> None:
    """BatPaC's 8.0692 mAh/cm² target gives back its 120 µm positive, and the stack shows the target."""
    stack = batpac_repeat_unit()
    cathode_index = 1
    layer = stack.layers[cathode_index]
    thickness = lab.thickness_for_areal_capacity(layer, 8.0692 * u.MAH_PER_CM2)
    assert thickness / u.UM == pytest.approx(120.0, rel=1e-4)
    resized = stack.replacing(cathode_index, layer.with_thickness(thickness))
    assert compute_metrics(resized).cathode_capacity_C_m2 == pytest.approx(8.0692 * u.MAH_PER_CM2, rel=1e-12)


def test_recipe_that_does_not_add_up_is_refused() -> None:
    with pytest.raises(InputError, match="recipe weight fractions"):
        lab.Recipe(0.9, 0.0, 0.05, 0.04, 4650.0)
    recipe = lab.Recipe(1.0, 0.0, 0.0, 0.0, 4650.0)
    with pytest.raises(InputError, match="coating density"):
        lab.porosity_from_coating_density(recipe, 5000.0)
