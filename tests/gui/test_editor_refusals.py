"""Values the model cannot compute are refused in the editor, visibly, and never stored."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.layer import MAX_MEASUREMENT_K, MIN_MEASUREMENT_K
from cellstack.core.material import Role
from cellstack.gui import document as document_module
from cellstack.gui.document import Document
from cellstack.gui.text_input import clean_text
from cellstack.gui.widgets.layer_editor import LayerEditor
from cellstack.io.project import dumps_project


@pytest.fixture
def editor(qtbot, document: Document) -> Iterator[LayerEditor]:  # type: ignore[no-untyped-def]
    widget = LayerEditor(document)
    qtbot.addWidget(widget)
    yield widget


def _select(document: Document, role: Role) -> int:
    index = document.stack.indices_with_role(role)[0]
    document.select(index)
    return index


@pytest.mark.parametrize("how", ["typed", "stepped", "rounded"])
def test_an_active_fraction_of_zero_is_refused_with_its_range(editor: LayerEditor, how: str) -> None:
    document = editor.document
    index = _select(document, Role.CATHODE)
    before = document.stack.layers[index].composite
    assert before is not None
    spin = editor.composite.active
    if how == "typed":
        spin.lineEdit().setText("0")
        spin.interpretText()
    elif how == "stepped":
        spin.setValue(0.001)
        spin.stepDown()
    else:
        spin.setValue(0.0004)  # three decimals: shown and stored as 0
    composite = document.stack.layers[index].composite
    assert composite is not None and composite.active_fraction > 0
    assert "composite.active_fraction = 0 is not allowed; expected 0.001 to 1" in editor.status.text()
    assert spin.value() == pytest.approx(composite.active_fraction)  # the box shows what is stored


def test_the_smallest_active_fraction_shown_is_computed(editor: LayerEditor) -> None:
    document = editor.document
    index = _select(document, Role.CATHODE)
    editor.composite.active.setValue(0.001)
    composite = document.stack.layers[index].composite
    if composite is None or composite.active_fraction != pytest.approx(0.001):
        # Refused by the model: then the editor says so, in one line with the allowed range.
        assert "expected" in editor.status.text()
    else:
        assert editor.status.text() == ""


def test_an_edit_the_model_refuses_is_not_applied(
    editor: LayerEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = editor.document
    index = _select(document, Role.ELECTROLYTE)
    stack, steps = document.stack, document.undo_stack.count()

    def refuse(*_: object) -> None:
        raise InputError("thickness", 1.0, "something the model can compute")

    monkeypatch.setattr(document_module, "project_cell_metrics", refuse)
    editor.thickness.spin.stepUp()
    assert document.stack == stack and document.undo_stack.count() == steps
    assert "expected something the model can compute" in editor.status.text()
    assert editor.thickness.metres() == pytest.approx(stack.layers[index].thickness_m)


def test_a_fault_in_the_model_leaves_the_document_intact_and_is_raised(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = _select(document, Role.ELECTROLYTE)
    stack, steps = document.stack, document.undo_stack.count()

    def fail(*_: object) -> None:
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(document_module, "project_cell_metrics", fail)
    layer = document.stack.layers[index]
    with pytest.raises(ZeroDivisionError):  # for the application's error handler to report
        document.replace_layer(index, replace(layer, thickness_m=2 * layer.thickness_m), "Thicker")
    monkeypatch.undo()
    assert document.stack == stack and document.undo_stack.count() == steps
    assert (document.metrics.cell_capacity_C_m2 or 0) > 0  # the panels still have numbers to show


def test_lone_surrogates_typed_into_a_name_become_replacement_characters(
    editor: LayerEditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = editor.document
    index = _select(document, Role.ELECTROLYTE)
    # What Qt may hand over after a paste of broken UTF-16 (its setText would drop it).
    monkeypatch.setattr(editor.label_edit, "text", lambda: "LPS \ud800 batch")
    editor.label_edit.editingFinished.emit()
    assert document.stack.layers[index].label == "LPS \ufffd batch"
    dumps_project(document.project)  # saves and autosaves can encode it
    document.replace_project_metadata("name \udfff", "notes \ud83d")
    assert (document.project.name, document.project.description) == ("name \ufffd", "notes \ufffd")
    dumps_project(document.project)


def test_clean_text_keeps_real_characters() -> None:
    assert clean_text("plain") == "plain"
    assert clean_text("Li₆PS₅Cl 😀 é") == "Li₆PS₅Cl 😀 é"
    assert clean_text("\ud83d\ude00") == "😀"  # a pair as Qt's UTF-16 gives it: one character
    assert clean_text("a\udc80") == "a\ufffd"


@pytest.mark.parametrize("end", ["minimum", "maximum"])
def test_measured_at_takes_its_own_limits(editor: LayerEditor, end: str) -> None:
    document = editor.document
    index = _select(document, Role.ELECTROLYTE)
    table = editor.overrides
    table.edits["ionic_conductivity"].setText("1e-5")
    table.edits["ionic_conductivity"].editingFinished.emit()
    spin = table.measured_at
    assert (spin.minimum(), spin.maximum()) == (-100.0, 1000.0)  # as documented, in °C
    spin.setValue(spin.minimum() if end == "minimum" else spin.maximum())
    expected = MIN_MEASUREMENT_K if end == "minimum" else MAX_MEASUREMENT_K
    assert document.stack.layers[index].conductivity_temperature_K == pytest.approx(expected)
    assert spin.value() == pytest.approx(round(u.kelvin_to_celsius(expected), 1))


def test_undoing_an_added_last_layer_keeps_the_selection_inside_the_stack(editor: LayerEditor) -> None:
    document = editor.document
    count = len(document.stack.layers)
    material = document.stack.layers[0].material
    document.select(count - 1)
    document.insert_material(count, material)
    assert document.selected == count
    document.undo_stack.undo()  # the panels reload while the selection still pointed past the end
    assert document.selected == count - 1
    assert editor.heading.text().startswith(f"<b>{document.stack.layers[-1].material.name}")


def test_a_coating_at_its_documented_maximum_is_accepted(editor: LayerEditor) -> None:
    document = editor.document
    index = _select(document, Role.CATHODE)
    composite = editor.composite
    composite.coating.setCurrentIndex(1)  # the first coating material
    composite.coating_thickness.setValue(composite.coating_thickness.maximum())  # 1000 nm
    stored = document.stack.layers[index].composite
    assert stored is not None and stored.coating is not None
    assert stored.coating_thickness_m == 1e-6 and editor.status.text() == ""
    assert "not allowed" not in composite.porosity.text()


def test_thickness_in_nanometres_maps_to_the_exact_metre_value(editor: LayerEditor) -> None:
    document = editor.document
    index = _select(document, Role.ELECTROLYTE)
    editor.thickness.unit.setCurrentText("nm")
    editor.thickness.spin.setValue(1000.0)
    assert document.stack.layers[index].thickness_m == 1e-6


def test_a_label_typed_longer_than_a_file_keeps_is_cut_so_the_design_still_saves(
    editor: LayerEditor,
) -> None:
    document = editor.document
    index = _select(document, Role.ELECTROLYTE)
    editor.label_edit.setText("x" * 500)  # a paste: QLineEdit's limit applies to it too
    editor.label_edit.editingFinished.emit()
    assert len(document.stack.layers[index].label) == 200
    dumps_project(document.project)  # the save's read-back check accepts it
