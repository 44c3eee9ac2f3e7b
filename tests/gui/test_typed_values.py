"""Typed numbers reach the design as typed, or are refused where the user sees it (issue 16, 3-4)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cellstack.core import units as u
from cellstack.core.material import Role
from cellstack.gui.document import Document
from cellstack.gui.widgets.layer_editor import LayerEditor
from cellstack.gui.widgets.number_spin import NumberSpin, parse_number, plain_number, round_step


def type_into(qtbot, spin: NumberSpin, text: str) -> None:  # type: ignore[no-untyped-def]
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


@pytest.fixture
def editor(qtbot, document: Document) -> LayerEditor:  # type: ignore[no-untyped-def]
    widget = LayerEditor(document)
    qtbot.addWidget(widget)
    widget.show()
    document.select(document.stack.indices_with_role(Role.ELECTROLYTE)[0])
    return widget


def test_numbers_parse_as_written() -> None:
    assert parse_number("1e3") == 1000.0
    assert parse_number("5,5") == 5.5
    assert parse_number(" 0.25 ") == 0.25
    assert parse_number("-5") == -5.0
    assert parse_number("abc") is None
    assert parse_number("1e") is None
    assert plain_number(1e-7) == "0.0000001"
    assert plain_number(1000.0) == "1000"
    assert plain_number(5.5, ",") == "5,5"


@pytest.mark.parametrize(("typed", "micrometres"), [("1e3", 1000.0), ("5,5", 5.5), ("12.25", 12.25)])
def test_a_typed_thickness_is_stored_as_typed(
    qtbot, editor: LayerEditor, typed: str, micrometres: float
) -> None:  # type: ignore[no-untyped-def]
    editor.thickness.unit.setCurrentText("µm")
    type_into(qtbot, editor.thickness.spin, typed)
    layer = editor.document.selected_layer()
    assert layer is not None
    assert layer.thickness_m == pytest.approx(micrometres * u.UM)
    assert editor.thickness.spin.refusal() == ""


@pytest.mark.parametrize("typed", ["-5", "0"])
def test_a_thickness_out_of_range_is_refused_with_the_range(qtbot, editor: LayerEditor, typed: str) -> None:  # type: ignore[no-untyped-def]
    before = editor.document.stack
    type_into(qtbot, editor.thickness.spin, typed)
    assert editor.document.stack == before
    message = editor.thickness.spin.refusal()
    assert "Thickness" in message and typed in message and "0.1 nm to 100 mm" in message
    assert editor.status.text() == message
    assert "d32f2f" in editor.thickness.spin.lineEdit().styleSheet()  # the red frame
    # The field shows what the design holds, not the refused text.
    layer = editor.document.selected_layer()
    assert layer is not None
    assert editor.thickness.metres() == pytest.approx(layer.thickness_m)


def test_editor_and_model_agree_after_a_refused_millimetre_value(qtbot, editor: LayerEditor) -> None:  # type: ignore[no-untyped-def]
    layer = editor.document.selected_layer()
    assert layer is not None
    editor.thickness.unit.setCurrentText("mm")
    type_into(qtbot, editor.thickness.spin, "99999")
    assert editor.document.selected_layer() == layer
    assert editor.thickness.metres() == pytest.approx(layer.thickness_m)
    assert "99999 mm" in editor.status.text()


def test_a_small_value_keeps_the_unit_the_user_chose(qtbot, editor: LayerEditor) -> None:  # type: ignore[no-untyped-def]
    editor.thickness.unit.setCurrentText("µm")
    type_into(qtbot, editor.thickness.spin, "0.001")
    layer = editor.document.selected_layer()
    assert layer is not None and layer.thickness_m == pytest.approx(1 * u.NM)
    assert editor.thickness.unit.currentText() == "µm"
    assert editor.thickness.spin.value() == pytest.approx(0.001)


def test_a_new_value_clears_the_refusal(qtbot, editor: LayerEditor) -> None:  # type: ignore[no-untyped-def]
    type_into(qtbot, editor.thickness.spin, "-5")
    assert editor.thickness.spin.refusal()
    type_into(qtbot, editor.thickness.spin, "7")
    assert editor.thickness.spin.refusal() == ""
    assert editor.thickness.spin.lineEdit().styleSheet() == ""


def test_porosity_out_of_range_is_refused(qtbot, editor: LayerEditor) -> None:  # type: ignore[no-untyped-def]
    before = editor.document.stack
    type_into(qtbot, editor.porosity, "1.5")
    assert editor.document.stack == before
    assert "Porosity" in editor.status.text() and "0 to 0.95" in editor.status.text()


def test_steps_are_round_numbers() -> None:
    assert round_step(50.0, 1e-3) == 5.0
    assert round_step(30.0, 1e-3) == 2.0
    assert round_step(12.0, 1e-3) == 1.0
    spin = NumberSpin("Thickness", "µm", round_steps=True)
    spin.setRange(0.001, 1e5)
    spin.setValue(50.0)
    seen = []
    for _ in range(3):
        spin.stepBy(1)
        seen.append(spin.value())
    assert seen == [55.0, 60.0, 65.0]
    spin.setValue(52.5)  # off the grid: the first step lands on it
    spin.stepBy(1)
    assert spin.value() == 55.0
    spin.setValue(10.0)
    spin.stepBy(-1)
    assert spin.value() == 9.5  # the step of the decade below: 10 - 0.5


def test_temperature_is_refused_not_cut_to_fifty(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    from cellstack.gui.widgets.plots import PlotsPanel

    panel = PlotsPanel(document)
    qtbot.addWidget(panel)
    panel.show()
    spin = panel.temperature_spin
    before = spin.value()
    type_into(qtbot, spin, "500")
    assert spin.value() == before
    assert "Temperature" in spin.refusal() and "500" in spin.refusal()
    type_into(qtbot, spin, "45,5")
    assert spin.value() == 45.5
    QApplication.processEvents()
