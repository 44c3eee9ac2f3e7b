"""Lab-unit inputs in the layer editor: areal loading, areal capacity and N/P ratio are shown for
the thickness the design holds, and each typed value is one undoable thickness change that the
metrics then show back (round trip)."""

from __future__ import annotations

import pytest

from cellstack.core import units as u
from cellstack.core.material import Role
from cellstack.gui.document import Document
from cellstack.gui.widgets.layer_editor import LayerEditor


@pytest.fixture
def editor(qtbot, document: Document) -> LayerEditor:  # type: ignore[no-untyped-def]
    widget = LayerEditor(document)
    qtbot.addWidget(widget)
    widget.resize(450, 800)
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
