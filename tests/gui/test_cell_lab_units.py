"""Lab-unit inputs in the layer editor: areal loading, areal capacity, N/P ratio and lithium mass
per area are shown for the thickness the design holds, and each typed value is one undoable
thickness change that the metrics then show back (round trip).

The recipe group: weight percents and porosity or calendered density of a composite electrode
become its volume fractions (lab_units.volume_fractions, exactly) and, at the same areal loading,
its thickness, in one undoable edit; a recipe that cannot exist is refused in one visible line
and changes nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cellstack.core import units as u
from cellstack.core.cell import lab_units
from cellstack.core.material import Role
from cellstack.core.metrics.layer_quantities import mass_coefficients
from cellstack.gui.document import Document
from cellstack.gui.widgets.layer_editor import LayerEditor
from cellstack.gui.widgets.recipe_fields import RecipeFields


@pytest.fixture
def editor(qtbot, document: Document) -> LayerEditor:  # type: ignore[no-untyped-def]
    widget = LayerEditor(document)
    qtbot.addWidget(widget)
    widget.resize(450, 900)
    widget.show()
    return widget


def select(document: Document, role: Role) -> int:
    index = document.stack.indices_with_role(role)[0]
    document.select(index)
    return index


def row(document: Document, index: int):  # type: ignore[no-untyped-def]
    return next(r for r in document.metrics.layers if r.index == index)


def test_cathode_loading_round_trips_and_undo_restores(editor: LayerEditor, document: Document) -> None:
    index = select(document, Role.CATHODE)
    lab = editor.lab_units
    assert lab.loading.isVisibleTo(editor) and lab.capacity.isVisibleTo(editor)
    assert not lab.np_ratio.isVisibleTo(editor)
    before = document.stack.layers[index].thickness_m
    shown = lab.loading.value()
    mass = row(document, index).mass_per_area_kg_m2
    assert mass is not None and shown == pytest.approx(mass / u.MG_PER_CM2, rel=1e-3)
    lab.loading.setValue(2 * shown)
    assert document.stack.layers[index].thickness_m == pytest.approx(2 * before, rel=1e-3)
    mass = row(document, index).mass_per_area_kg_m2
    assert mass is not None and mass / u.MG_PER_CM2 == pytest.approx(2 * shown, rel=1e-9)
    assert lab.loading.value() == pytest.approx(2 * shown)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.stack.layers[index].thickness_m == before


def test_target_areal_capacity_sets_the_cathode_thickness(editor: LayerEditor, document: Document) -> None:
    select(document, Role.CATHODE)
    editor.lab_units.capacity.setValue(3.0)
    capacity = document.metrics.cathode_capacity_C_m2
    assert capacity is not None and capacity / u.MAH_PER_CM2 == pytest.approx(3.0, rel=1e-9)
    assert editor.lab_units.capacity.value() == pytest.approx(3.0)


def test_np_ratio_sets_the_lithium_thickness(editor: LayerEditor, document: Document) -> None:
    index = select(document, Role.ANODE)
    lab = editor.lab_units
    assert lab.np_ratio.isVisibleTo(editor) and not lab.loading.isVisibleTo(editor)
    lab.np_ratio.setValue(1.5)
    assert document.metrics.np_ratio == pytest.approx(1.5, rel=1e-9)
    assert lab.np_ratio.value() == pytest.approx(1.5)
    assert document.undo_stack.undoText() == "Change N/P ratio"
    thickness = document.stack.layers[index].thickness_m
    lab.np_ratio.setValue(2.0)  # the same gesture: one step
    assert document.stack.layers[index].thickness_m == pytest.approx(thickness * 2.0 / 1.5, rel=1e-9)
    assert document.undo_stack.count() == 1


def test_lab_units_hide_for_a_collector(editor: LayerEditor, document: Document) -> None:
    select(document, Role.CURRENT_COLLECTOR)
    assert not editor.lab_units.isVisibleTo(editor)


def test_lithium_mass_per_area_round_trips_to_thickness(editor: LayerEditor, document: Document) -> None:
    index = select(document, Role.ANODE)
    lab = editor.lab_units
    assert lab.li_mass.isVisibleTo(editor) and lab.np_ratio.isVisibleTo(editor)
    before = document.stack.layers[index].thickness_m
    density = document.stack.layers[index].material.properties.density_kg_m3
    assert density is not None
    # 30 µm of lithium at 0.534 g/cm³ is 1.602 mg/cm².
    assert lab.li_mass.value() == pytest.approx(before * density.value / u.MG_PER_CM2, rel=1e-3)
    lab.li_mass.setValue(1.0)
    thickness = document.stack.layers[index].thickness_m
    assert thickness == pytest.approx(1.0 * u.MG_PER_CM2 / density.value, rel=1e-12)
    mass = row(document, index).mass_per_area_kg_m2
    assert mass is not None and mass / u.MG_PER_CM2 == pytest.approx(1.0, rel=1e-12)
    assert lab.li_mass.value() == pytest.approx(1.0)
    assert document.undo_stack.undoText() == "Change lithium mass per area"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.stack.layers[index].thickness_m == before


def cathode(document: Document) -> int:
    index = document.stack.indices_with_role(Role.CATHODE)[0]
    document.select(index)
    return index


def loading(document: Document, index: int) -> float:
    mass = row(document, index).mass_per_area_kg_m2
    assert mass is not None
    return mass


def type_recipe(recipe: RecipeFields, percents: tuple[float, float, float, float]) -> None:
    spins = (recipe.active, recipe.electrolyte, recipe.carbon, recipe.binder)
    for spin, value in zip(spins, percents, strict=True):
        spin.setValue(value)


def expected(document: Document, index: int, percents: tuple[float, ...]) -> lab_units.Recipe:
    """The recipe written out by hand from the layer's densities (carbon and binder: the additive)."""
    layer = document.stack.layers[index]
    coefficients = mass_coefficients(layer)
    assert coefficients is not None and layer.composite is not None and layer.composite.additive
    additive = layer.composite.additive.properties.density_kg_m3
    assert additive is not None
    a, e, c, b = (p / 100 for p in percents)
    return lab_units.Recipe(a, e, c, b, coefficients.per_active, coefficients.per_electrolyte,
                            additive.value, additive.value)  # fmt: skip


def test_the_recipe_shows_the_layer_it_holds(editor: LayerEditor, document: Document) -> None:
    index = cathode(document)
    recipe = editor.lab_units.recipe
    assert recipe.isVisibleTo(editor)
    composite = document.stack.layers[index].composite
    assert composite is not None
    total = sum(s.value() for s in (recipe.active, recipe.electrolyte, recipe.carbon, recipe.binder))
    assert total == pytest.approx(100.0, abs=1e-9)
    assert recipe.porosity.value() == pytest.approx(composite.porosity, abs=1e-4)
    density = loading(document, index) / document.stack.layers[index].thickness_m
    assert recipe.density.value() == pytest.approx(density / u.G_PER_CM3, rel=1e-3)


def test_applied_recipe_sets_the_fractions_and_thickness_in_one_undo_step(
    editor: LayerEditor, document: Document
) -> None:
    index = cathode(document)
    before = document.stack.layers[index]
    mass = loading(document, index)
    recipe = editor.lab_units.recipe
    percents = (70.0, 25.0, 3.0, 2.0)
    type_recipe(recipe, percents)
    recipe.porosity.setValue(0.15)
    assert "active" in recipe.preview.text() and "Thickness" in recipe.preview.text()
    assert document.stack.layers[index] == before  # shown, not applied yet
    recipe.apply_button.click()

    want = expected(document, index, percents)
    coating = lab_units.coating_density_from_porosity(want, 0.15)
    fractions = lab_units.volume_fractions(want, coating)
    layer = document.stack.layers[index]
    assert layer.composite is not None
    assert layer.composite.active_fraction == pytest.approx(fractions.active, abs=1e-12)
    assert layer.composite.electrolyte_fraction == pytest.approx(fractions.electrolyte, abs=1e-12)
    additive = fractions.carbon + fractions.binder
    assert layer.composite.additive_fraction == pytest.approx(additive, abs=1e-12)
    assert layer.composite.porosity == pytest.approx(0.15, abs=1e-12)
    assert layer.thickness_m == pytest.approx(lab_units.thickness_from_loading(mass, coating), rel=1e-12)
    assert loading(document, index) == pytest.approx(mass, rel=1e-12)  # the loading is kept
    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Apply recipe"
    # The fields show the recipe back as the layer now holds it.
    assert (recipe.active.value(), recipe.electrolyte.value()) == pytest.approx((70.0, 25.0), abs=1e-9)
    assert recipe.carbon.value() + recipe.binder.value() == pytest.approx(5.0, abs=1e-9)
    document.undo_stack.undo()
    assert document.stack.layers[index] == before


def test_calendered_density_is_shown_as_porosity_and_applied(editor: LayerEditor, document: Document) -> None:
    index = cathode(document)
    recipe = editor.lab_units.recipe
    percents = (80.0, 15.0, 5.0, 0.0)
    type_recipe(recipe, percents)
    recipe.density.setValue(2.5)
    want = expected(document, index, percents)
    porosity = lab_units.porosity_from_coating_density(want, 2.5 * u.G_PER_CM3)
    assert recipe.porosity.value() == pytest.approx(porosity, abs=5e-5)  # shown to 4 decimals
    recipe.apply_button.click()
    fractions = lab_units.volume_fractions(want, 2.5 * u.G_PER_CM3)
    composite = document.stack.layers[index].composite
    assert composite is not None
    assert composite.active_fraction == pytest.approx(fractions.active, abs=1e-12)
    assert composite.porosity == pytest.approx(fractions.porosity, abs=1e-12)


@pytest.mark.parametrize(
    ("percents", "density", "named"),
    [
        ((70.0, 25.0, 3.0, 1.0), None, "recipe weight percents = 99"),
        ((70.0, 25.0, 3.0, 2.0), 9.0, "calendered density = 9"),
    ],
)
def test_impossible_recipes_are_refused_and_change_nothing(
    editor: LayerEditor,
    document: Document,
    percents: tuple[float, float, float, float],
    density: float | None,
    named: str,
) -> None:
    index = cathode(document)
    before = document.stack.layers[index]
    recipe = editor.lab_units.recipe
    type_recipe(recipe, percents)
    if density is not None:
        recipe.density.setValue(density)
    assert named in recipe.preview.text()
    recipe.apply_button.click()
    assert document.stack.layers[index] == before
    assert document.undo_stack.count() == 0
    assert named in editor.status.text() and "expected" in editor.status.text()


def test_recipe_hides_for_a_dense_layer(editor: LayerEditor, document: Document) -> None:
    document.select(document.stack.indices_with_role(Role.ANODE)[0])
    assert not editor.lab_units.recipe.isVisibleTo(editor)


def test_carbon_without_an_additive_material_is_refused(editor: LayerEditor, document: Document) -> None:
    index = cathode(document)
    layer = document.stack.layers[index]
    assert layer.composite is not None
    dense_matrix = replace(layer.composite, additive=None, additive_fraction=0.0)
    document.replace_layer(index, replace(layer, composite=dense_matrix), "No additive")
    before, steps = document.stack.layers[index], document.undo_stack.count()
    recipe = editor.lab_units.recipe
    assert recipe.carbon.value() + recipe.binder.value() == 0.0  # the layer has no additive to show
    type_recipe(recipe, (70.0, 27.0, 3.0, 0.0))
    recipe.apply_button.click()
    assert "recipe carbon + binder = 3" in editor.status.text()
    assert document.stack.layers[index] == before and document.undo_stack.count() == steps
