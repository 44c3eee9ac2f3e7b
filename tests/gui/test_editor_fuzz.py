"""Random edits through the layer editor and the document: no slot raises, no `nan`/`inf` shown.

A hypothesis state machine drives one open window through well over a thousand edits per run,
about half through the widgets a user touches (spin boxes, override cells, actions) and half
through the document commands those widgets push. After every edit, every text in the window
(labels, fields, table cells, findings, tooltips) is checked for `nan` or `inf`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from cellstack.core.errors import InputError
from cellstack.core.material import Role
from cellstack.gui.document import Document
from cellstack.gui.main_window import MainWindow
from cellstack.gui.settings import Settings
from cellstack.gui.widgets.number_spin import NumberSpin
from cellstack.gui.widgets.overrides_table import _SHOWN
from cellstack.io.library import Library
from cellstack.io.project import load_project

from .conftest import EXAMPLES

EXAMPLES_RUN = 26
STEPS_PER_EXAMPLE = 50  # up to 26 x 50 = 1,300 edits a run
# "nan", "inf", "infinity" as words; "information" or "infinite" are fine.
NOT_A_NUMBER = re.compile(r"(?<![A-Za-z])(nan|inf|infinity)(?![A-Za-z])", re.IGNORECASE)

# Values at and beyond the edges of the editors' ranges: where rounding and division fail.
fractions = st.one_of(
    st.sampled_from([0.0, 0.0004, 0.0005, 0.001, 0.999, 1.0]),
    st.floats(0.0, 1.0, allow_nan=False),
)
spin_numbers = st.one_of(st.sampled_from([0.0, 0.001, 99999.0]), st.floats(0.0, 1e5, allow_nan=False))
override_texts = st.one_of(
    # Non-finite values as a user would reach them by accident; a typed "nan" would only be
    # the user's own text echoed back.
    st.sampled_from(["0", "-1", "1e-300", "5e-324", "1e300", "1e999", "-1e999", "", "abc", "1,5"]),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.floats(1e-12, 1e6).map(lambda x: f"{x:.6g}"),
)
thicknesses_m = st.one_of(
    st.sampled_from([1e-10, 1e-9, 1e-8, 1e-6, 1e-3, 0.1]),
    st.floats(1e-10, 0.2, allow_nan=False),
)
temperatures_K = st.one_of(st.sampled_from([173.15, 173.14999999999998, 673.15]), st.floats(150.0, 700.0))


def window_texts(window: MainWindow) -> Iterator[tuple[str, str]]:
    """(where, text) of everything the window shows as text, tooltips included."""
    for widget in window.findChildren(QWidget):
        name = widget.objectName() or type(widget).__name__
        if widget.toolTip():
            yield f"{name} tooltip", widget.toolTip()
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QTextEdit):
            yield name, widget.toPlainText()
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    index = model.index(row, column)
                    for role in (0, 3):  # display text and tooltip
                        value = model.data(index, role)
                        if isinstance(value, str):
                            yield f"{name}[{row},{column}]", value
    view = window.stack_view
    for index in range(len(window.document.stack.layers)):
        yield f"stack view tooltip {index}", view.tooltip_for(index)


class EditorMachine(RuleBasedStateMachine):
    window: ClassVar[MainWindow]
    qtbot: ClassVar[object]
    edits_run: ClassVar[int] = 0

    @initialize()
    def start_from_the_example(self) -> None:
        # Back to the file as opened: undo everything the previous example did.
        stack = self.document.undo_stack
        with self.no_exception_in_slots():
            stack.setIndex(0)
        stack.clear()
        with self.no_exception_in_slots():
            self.document.select(self.document.stack.indices_with_role(Role.CATHODE)[0])
            self.window.plots.temperature_spin.setValue(25.0)

    @property
    def document(self) -> Document:
        return self.window.document

    @property
    def library(self) -> Library:
        return self.document.library

    def no_exception_in_slots(self):  # type: ignore[no-untyped-def]
        return _RaiseCaptured(self.qtbot)

    @invariant()
    def count_the_edit(self) -> None:
        EditorMachine.edits_run += 1  # after every rule (and once after the reset)

    def layer_index(self, data: st.DataObject) -> int:
        return data.draw(st.integers(0, len(self.document.stack.layers) - 1), label="layer")

    def select(self, data: st.DataObject, role: Role | None = None) -> bool:
        indices = (
            self.document.stack.indices_with_role(role)
            if role is not None
            else list(range(len(self.document.stack.layers)))
        )
        if not indices:
            return False
        with self.no_exception_in_slots():
            self.document.select(data.draw(st.sampled_from(indices), label="select"))
        return True

    # -- through the widgets -------------------------------------------------------------------
    @rule(data=st.data(), value=spin_numbers, unit=st.sampled_from(["nm", "µm", "mm"]))
    def type_a_thickness(self, data: st.DataObject, value: float, unit: str) -> None:
        self.select(data)
        edit = self.window.layer_editor.thickness
        with self.no_exception_in_slots():
            edit.unit.setCurrentText(unit)
            edit.spin.setValue(value)
            edit.editingFinished.emit()

    @rule(data=st.data(), up=st.booleans(), times=st.integers(1, 5))
    def step_a_spin_box(self, data: st.DataObject, up: bool, times: int) -> None:
        self.select(data)
        editor = self.window.layer_editor
        spins = [editor.thickness.spin, editor.porosity, editor.composite.active]
        spins += [editor.composite.electrolyte_fraction, editor.composite.additive_fraction]
        spins += [editor.composite.coating_thickness, editor.overrides.measured_at]
        spin = data.draw(st.sampled_from(spins), label="spin")
        with self.no_exception_in_slots():
            for _ in range(times):
                spin.stepUp() if up else spin.stepDown()

    @rule(data=st.data(), active=fractions, electrolyte=fractions, additive=fractions)
    def set_composite_fractions(
        self, data: st.DataObject, active: float, electrolyte: float, additive: float
    ) -> None:
        if not self.select(data, Role.CATHODE):
            return
        composite = self.window.layer_editor.composite
        with self.no_exception_in_slots():
            if not composite.enabled_box.isChecked():
                composite.enabled_box.setChecked(True)
            composite.additive.setCurrentIndex(data.draw(st.integers(0, composite.additive.count() - 1)))
            composite.active.setValue(active)
            composite.electrolyte_fraction.setValue(electrolyte)
            composite.additive_fraction.setValue(additive)

    @rule(data=st.data(), on=st.booleans())
    def toggle_composite(self, data: st.DataObject, on: bool) -> None:
        if self.select(data, Role.CATHODE):
            with self.no_exception_in_slots():
                self.window.layer_editor.composite.enabled_box.setChecked(on)

    @rule(data=st.data(), spec=st.sampled_from(_SHOWN), text=override_texts, reset=st.booleans())
    def override_a_property(self, data: st.DataObject, spec: object, text: str, reset: bool) -> None:
        self.select(data)
        table = self.window.layer_editor.overrides
        key = getattr(spec, "key")  # noqa: B009 - a PropertySpec
        with self.no_exception_in_slots():
            if reset:
                table.findChild(QAbstractButton, f"reset_{key}").click()
            else:
                table.edits[key].setText(text)
                table.edits[key].editingFinished.emit()

    @rule(data=st.data(), celsius=st.one_of(st.sampled_from([-100.0, 1000.0]), st.floats(-150.0, 1100.0)))
    def set_measured_at(self, data: st.DataObject, celsius: float) -> None:
        if self.select(data, Role.ELECTROLYTE):
            with self.no_exception_in_slots():
                table = self.window.layer_editor.overrides
                table.edits["ionic_conductivity"].setText("0.001")
                table.edits["ionic_conductivity"].editingFinished.emit()
                table.measured_at.setValue(celsius)

    @rule(celsius=st.one_of(st.sampled_from([-100.0, 400.0]), st.floats(-120.0, 420.0)))
    def set_plot_temperature(self, celsius: float) -> None:
        with self.no_exception_in_slots():
            self.window.plots.temperature_spin.setValue(celsius)

    @rule(data=st.data(), action=st.sampled_from(["actionDeleteLayer", "actionMoveUp", "actionMoveDown"]))
    def menu_action(self, data: st.DataObject, action: str) -> None:
        self.select(data)
        with self.no_exception_in_slots():
            self.window.findChild(type(self.window.undo_action), action).trigger()

    @rule(undo=st.booleans(), times=st.integers(1, 4))
    def undo_or_redo(self, undo: bool, times: int) -> None:
        with self.no_exception_in_slots():
            for _ in range(times):
                (self.window.undo_action if undo else self.window.redo_action).trigger()

    @rule()
    def let_the_event_loop_run(self) -> None:
        # Queued work (the plots' redraw, deferred layouts) runs here, inside the hook.
        with self.no_exception_in_slots():
            self.qtbot.wait(1)  # type: ignore[attr-defined]

    # -- the cell around the stack and the design's simulation settings ----------------------------
    @rule(kind=st.sampled_from(["planar", "stacked_pouch", "coin", "thin_film_chip"]))
    def choose_a_cell_format(self, kind: str) -> None:
        combo = self.window.cell_panel.format_combo
        with self.no_exception_in_slots():
            combo.setCurrentIndex(combo.findData(kind))

    @rule(data=st.data(), value=st.one_of(spin_numbers, st.sampled_from([0.5, 1.0, 2.0, 2.5, 10.0, 60.0])))
    def type_a_cell_dimension(self, data: st.DataObject, value: float) -> None:
        panel = self.window.cell_panel
        spins = sorted(
            (s for s in panel.findChildren(NumberSpin) if s.objectName().startswith("cell_")),
            key=lambda s: s.objectName(),
        )
        shown = [s for s in spins if s.isVisibleTo(panel)]
        if not shown:
            return
        spin = data.draw(st.sampled_from(shown), label="cell field")
        with self.no_exception_in_slots():
            spin.setValue(min(max(value, spin.minimum()), spin.maximum()))
            spin.editingFinished.emit()

    @rule(data=st.data())
    def flip_a_cell_choice(self, data: st.DataObject) -> None:
        panel = self.window.cell_panel
        boxes = sorted(
            (b for b in panel.findChildren(QCheckBox) if b.isVisibleTo(panel)), key=lambda b: b.objectName()
        )
        combos = sorted(
            (
                c
                for c in panel.findChildren(QComboBox)
                if c.isVisibleTo(panel) and c.objectName() != "cellFormat"
            ),
            key=lambda c: c.objectName(),
        )
        with self.no_exception_in_slots():
            if boxes and data.draw(st.booleans(), label="checkbox"):
                box = data.draw(st.sampled_from(boxes), label="box")
                box.setChecked(not box.isChecked())
            elif combos:
                combo = data.draw(st.sampled_from(combos), label="combo")
                combo.setCurrentIndex(data.draw(st.integers(0, combo.count() - 1), label="item"))

    @rule(text=st.one_of(st.sampled_from(["0.1, 1, 2", "", "0", "1e-1, 5", "100, 101", "1,2,3,4,5,6,7,8,9"]),
                         st.lists(st.floats(0.01, 120.0), min_size=1, max_size=9).map(
                             lambda xs: ", ".join(f"{x:.3g}" for x in xs))))  # fmt: skip
    def type_c_rates(self, text: str) -> None:
        with self.no_exception_in_slots():
            self.window.plots.c_rates_edit.setText(text)
            self.window.plots.c_rates_edit.editingFinished.emit()

    @rule(volts=st.one_of(st.sampled_from([0.0, 2.5, 4.9, 5.0]), st.floats(0.0, 5.0)))
    def set_the_cutoff(self, volts: float) -> None:
        with self.no_exception_in_slots():
            self.window.plots.cutoff_spin.setValue(volts)

    # -- through the document commands the widgets push ------------------------------------------
    @rule(data=st.data(), thickness=thicknesses_m)
    def command_thickness(self, data: st.DataObject, thickness: float) -> None:
        index = self.layer_index(data)
        layer = self.document.stack.layers[index]
        try:
            changed = replace(layer, thickness_m=thickness)
        except InputError:
            return  # the editor refuses it the same way
        with self.no_exception_in_slots():
            self.document.replace_layer(index, changed, "Change thickness")

    @rule(data=st.data(), active=fractions, electrolyte=fractions)
    def command_fractions(self, data: st.DataObject, active: float, electrolyte: float) -> None:
        cathodes = self.document.stack.indices_with_role(Role.CATHODE)
        if not cathodes:
            return
        index = data.draw(st.sampled_from(cathodes))
        layer = self.document.stack.layers[index]
        if layer.composite is None:
            return
        try:
            composite = replace(layer.composite, active_fraction=active, electrolyte_fraction=electrolyte)
            changed = replace(layer, composite=composite)
        except InputError:
            return
        if active < 0.001:
            return  # the composite editor refuses these before they reach the document
        with self.no_exception_in_slots():
            self.document.replace_layer(index, changed, "Change composite")

    @rule(temperature=temperatures_K)
    def command_temperature(self, temperature: float) -> None:
        try:
            stack = replace(self.document.stack, temperature_K=temperature)
        except InputError:
            return
        with self.no_exception_in_slots():
            self.document.replace_stack(stack, "Change temperature")

    @rule(data=st.data(), destination=st.integers(-1, 12))
    def command_reorder(self, data: st.DataObject, destination: int) -> None:
        with self.no_exception_in_slots():
            self.document.move_layer(self.layer_index(data), destination)

    @rule(data=st.data())
    def command_delete(self, data: st.DataObject) -> None:
        with self.no_exception_in_slots():
            self.document.remove_layer(self.layer_index(data))

    @rule(data=st.data(), position=st.integers(0, 12))
    def command_add(self, data: st.DataObject, position: int) -> None:
        if len(self.document.stack.layers) >= 12:
            return
        materials = sorted(self.library.materials)
        material = self.library.materials[data.draw(st.sampled_from(materials), label="material")]
        with self.no_exception_in_slots():
            self.document.insert_material(position, material)

    # -- what must hold after every edit ---------------------------------------------------------
    @invariant()
    def the_panels_show_the_design(self) -> None:
        if not hasattr(self.window, "cell_panel"):
            return
        project = self.document.project
        panel = self.window.cell_panel
        assert panel.format_combo.currentData() == project.cell_format.kind
        plots = self.window.plots
        assert plots.temperature_spin.value() == pytest.approx(project.stack.temperature_K - 273.15, abs=1e-6)
        assert self.document.cell_metrics.format == project.cell_format.kind

    @invariant()
    def no_nan_or_inf_shown(self) -> None:
        if not hasattr(self.window, "stack_view"):
            return
        for where, text in window_texts(self.window):
            match = NOT_A_NUMBER.search(text)
            assert match is None, f"{where} shows {match.group(0)!r}: {text[:200]!r}"


class _RaiseCaptured:
    """Fails the step on any exception raised inside a slot or virtual method during it."""

    def __init__(self, qtbot: object) -> None:
        self._capture = qtbot.capture_exceptions()  # type: ignore[attr-defined]

    def __enter__(self) -> None:
        self._exceptions = self._capture.__enter__()

    def __exit__(self, *exc_info: object) -> None:
        self._capture.__exit__(*exc_info)
        if self._exceptions:
            kind, value, _tb = self._exceptions[0]
            raise AssertionError(f"a slot raised {kind.__name__}: {value}") from value


@pytest.fixture
def fuzz_window(qtbot, library: Library, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    project = load_project(EXAMPLES / "ssb_nmc811_argyrodite_li.cellstack", library)
    settings_store = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(Document(library, project), settings_store, autosave_folder=tmp_path / "data")
    window.autosave.timer.stop()
    window.show()
    yield window
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()


def test_random_edits_never_raise_in_a_slot_or_show_nan(qtbot, fuzz_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    EditorMachine.window = fuzz_window
    EditorMachine.qtbot = qtbot
    EditorMachine.edits_run = 0
    run_state_machine_as_test(
        EditorMachine,
        settings=settings(
            max_examples=EXAMPLES_RUN,
            stateful_step_count=STEPS_PER_EXAMPLE,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
    # Hypothesis may end an example early; the run as a whole must still be a long one.
    assert EditorMachine.edits_run - EXAMPLES_RUN >= 1000
