"""Uncertainties in the app: the field's "Uncertainty…" dialog, undo, the list, the metrics
panel's value ± σ and the tornado chart."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QTimer

from cellstack.core.explore.uncertainty import Normal, Uniform
from cellstack.core.sourced import user_value
from cellstack.gui.document import Document
from cellstack.gui.widgets.sweep_this import UNCERTAINTY, sweep_menu
from cellstack.gui.widgets.tornado_window import TornadoWindow
from cellstack.gui.widgets.uncertainty_box import UncertaintyBox, spread_text
from cellstack.gui.widgets.uncertainty_dialog import UncertaintyDialog
from cellstack.io.field_table import parse_path
from cellstack.io.project import dumps_project, loads_project
from cellstack.io.uncertainty_edits import with_uncertainty
from cellstack.io.uncertainty_study import APP_SEED, app_samples, uncertainty_study

if TYPE_CHECKING:
    from cellstack.gui.main_window import MainWindow

CATHODE = "stack.layers[1].thickness_um"
SEPARATOR = "stack.layers[2].thickness_um"


def _answer(window: MainWindow, fill: Callable[[UncertaintyDialog], None]) -> None:
    """Fill in and close the dialog the next edit opens (it is modal)."""

    def act() -> None:
        dialog = window.uncertainty.dialog
        assert dialog is not None
        fill(dialog)

    QTimer.singleShot(0, act)


def test_uncertainty_from_the_fields_menu_is_one_undoable_step(
    shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    window = shown_window(document)
    document.select(1)
    editor = window.layer_editor
    menu = sweep_menu(editor.thickness.spin, editor._thickness_path(), editor.sweepRequested.emit,
                      editor.uncertaintyRequested.emit)  # fmt: skip
    action = next(a for a in menu.actions() if a.text() == UNCERTAINTY)

    def fill(dialog: UncertaintyDialog) -> None:
        dialog.normal.setChecked(True)
        dialog.sigma.setText("4")
        dialog.source.setText("micrometer, 5 positions")
        dialog.accept()

    _answer(window, fill)
    action.trigger()
    assert [(u.path, u.distribution, u.source) for u in document.project.uncertainties] == [
        (CATHODE, Normal(4.0), "micrometer, 5 positions")
    ]
    assert document.undo_stack.undoText() == f"Set uncertainty of {CATHODE}"
    document.undo_stack.undo()
    assert document.project.uncertainties == ()
    document.undo_stack.redo()
    assert document.project.uncertainties[0].distribution == Normal(4.0)
    # The design with its uncertainty saves and loads again unchanged.
    assert loads_project(dumps_project(document.project)) == document.project

    def remove(dialog: UncertaintyDialog) -> None:
        assert dialog.remove_button.isEnabled() and dialog.sigma.text() == "4"
        dialog.remove_button.click()

    _answer(window, remove)
    assert window.uncertainty.edit(CATHODE)
    assert document.project.uncertainties == ()
    assert document.undo_stack.undoText() == f"Remove uncertainty of {CATHODE}"


def test_the_dialog_refuses_bad_values_with_the_loaders_message(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    project = document.project
    path = parse_path(CATHODE)

    def check(distribution: Normal | Uniform, source: str) -> None:
        with_uncertainty(project, CATHODE, distribution, source)

    dialog = UncertaintyDialog(CATHODE, path.field, 80.0, None, check)
    qtbot.addWidget(dialog)
    assert dialog.sigma.text() == "4"  # a first guess of 5 %
    for kind, texts, expected in (
        ("normal", ("-1",), "sigma = -1 is not allowed; expected a number > 0"),
        ("normal", ("abc",), "sigma = nan is not allowed"),
        ("bounds", ("90", "70"), "low = 90 is not allowed; expected a bound below high (70 µm)"),
        ("bounds", ("0", "70"), "low = 0 is not allowed; expected a number >= 0.0001 and <= 100000 (µm)"),
    ):
        (dialog.normal if kind == "normal" else dialog.bounds).setChecked(True)
        edits = (dialog.sigma,) if kind == "normal" else (dialog.low, dialog.high)
        for edit, text in zip(edits, texts, strict=True):
            edit.setText(text)
        dialog.accept()
        assert expected in dialog.status.text()
        assert dialog.result() == 0  # still open: nothing was applied
    dialog.low.setText("70")
    dialog.high.setText("90")
    dialog.accept()
    assert dialog.result() == 1 and dialog.distribution() == Uniform(70.0, 90.0)


def test_the_metrics_panel_shows_value_plus_minus_sigma_off_the_gui_thread(
    qtbot,
    document: Document,  # type: ignore[no-untyped-def]
) -> None:
    box = UncertaintyBox(document)
    qtbot.addWidget(box)
    assert box.isHidden()  # no uncertainties: no box
    project = with_uncertainty(document.project, CATHODE, Normal(4.0))
    with qtbot.waitSignal(box.spreadShown, timeout=10_000):
        document.push_project(project, "Set uncertainty")
    assert not box.isHidden()
    study = uncertainty_study(project, document.library, project.uncertainties)
    result = study.monte_carlo(app_samples(study), APP_SEED)
    nominal = study.nominal()
    spread = result.spreads["capacity_mAh"]
    assert box.text("capacity_mAh") == spread_text(
        nominal["capacity_mAh"], spread.std, spread.p2_5, spread.p97_5
    )
    assert nominal["capacity_mAh"] == pytest.approx(document.metrics.capacity_C / 3.6, rel=1e-9)  # type: ignore[operator]
    assert spread.std > 0 and "±" in box.text("capacity_mAh")
    # Edits in a burst compute once, for the design they rest on.
    with qtbot.waitSignal(box.spreadShown, timeout=10_000):
        for sigma in (1.0, 2.0, 8.0):
            document.push_project(with_uncertainty(document.project, CATHODE, Normal(sigma)), "Set")
    wider = uncertainty_study(document.project, document.library, document.project.uncertainties)
    spread = wider.monte_carlo(app_samples(wider), APP_SEED).spreads["capacity_mAh"]
    assert wider.inputs[0].distribution == Normal(8.0)
    assert box.text("capacity_mAh") == spread_text(
        nominal["capacity_mAh"], spread.std, spread.p2_5, spread.p97_5
    )
    document.undo_stack.setIndex(0)
    assert box.isHidden()


def test_deleting_a_layer_takes_its_uncertainty_along_and_undo_brings_it_back(document: Document) -> None:
    project = with_uncertainty(document.project, SEPARATOR, Uniform(25.0, 35.0), "datasheet")
    project = with_uncertainty(project, CATHODE, Normal(4.0))
    document.push_project(project, "Set uncertainties")
    document.remove_layer(1)  # the cathode: the separator becomes layer 1
    assert [(u.path, u.source) for u in document.project.uncertainties] == [
        ("stack.layers[1].thickness_um", "datasheet")
    ]
    assert loads_project(dumps_project(document.project)).uncertainties == document.project.uncertainties
    document.move_layer(1, 0)
    assert [u.path for u in document.project.uncertainties] == ["stack.layers[0].thickness_um"]
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.project == project


def test_the_list_and_the_tornado_follow_the_design(
    shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    window = shown_window(document)
    project = with_uncertainty(document.project, CATHODE, Normal(4.0), "micrometer")
    document.push_project(with_uncertainty(project, SEPARATOR, Uniform(29.0, 31.0)), "Set")
    listing = window.uncertainty.open_list()
    assert listing.paths() == [CATHODE, SEPARATOR]
    assert listing.table.item(0, 1).text() == "± 4" and listing.table.item(0, 3).text() == "micrometer"
    tornado = window.uncertainty.open_tornado()
    tornado.metric_choice.setCurrentIndex(tornado.metric_choice.findData("thickness_um"))
    assert tornado.labels == [CATHODE, SEPARATOR]  # ±4 µm of cathode beats ±0.58 µm of separator
    assert tornado.ranking[0].size == pytest.approx(8.0)
    listing.table.selectRow(0)
    listing.remove_selected()
    assert listing.paths() == [SEPARATOR] and tornado.labels == [SEPARATOR]
    assert document.undo_stack.undoText() == f"Remove uncertainty of {CATHODE}"


def test_every_numeric_field_of_the_layer_editor_offers_its_path(
    shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    window = shown_window(document)
    editor = window.layer_editor
    document.select(1)  # the composite cathode
    assert editor._field_path("porosity") == "stack.layers[1].porosity"
    assert editor._field_path("active_fraction", True) == "stack.layers[1].composite.active_fraction"
    assert editor._override_path("ionic_conductivity") is None  # not overridden: nothing to be unsure of
    menu = sweep_menu(editor.composite.active, editor._field_path("active_fraction", True),
                      editor.sweepRequested.emit, editor.uncertaintyRequested.emit)  # fmt: skip
    assert next(a for a in menu.actions() if a.text() == UNCERTAINTY).isEnabled()
    document.select(2)  # the separator: no composite
    assert editor._field_path("active_fraction", True) is None
    layer = document.stack.layers[2]
    document.replace_layer(2, layer.with_override("ionic_conductivity_S_m", user_value(0.21)), "Override")
    assert editor._override_path("ionic_conductivity") == "stack.layers[2].overrides.ionic_conductivity"
    project = with_uncertainty(
        document.project, "stack.layers[2].overrides.ionic_conductivity", Normal(0.0003)
    )
    assert project.uncertainties[0].sigma == 0.0003


def test_any_numeric_input_can_be_given_an_uncertainty_from_the_list(
    shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    window = shown_window(document)
    listing = window.uncertainty.open_list()
    density = "materials.nmc811.properties.density"
    paths = [listing.choice.itemText(i) for i in range(listing.choice.count())]
    assert density in paths and CATHODE in paths and "stack.temperature_C" in paths
    assert "cell.units" not in paths  # a count
    listing.choice.setCurrentText(density)

    def fill(dialog: UncertaintyDialog) -> None:
        dialog.bounds.setChecked(True)
        dialog.low.setText("4.6")
        dialog.high.setText("5.0")
        dialog.source.setText("supplier sheet")
        dialog.accept()

    _answer(window, fill)
    listing.set_chosen()
    assert [(u.path, u.distribution, u.source) for u in document.project.uncertainties] == [
        (density, Uniform(4.6, 5.0), "supplier sheet")
    ]
    assert listing.paths() == [density] and listing.choice.currentText() == density


def test_the_dialog_shows_the_whole_allowed_range(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    path = "materials.nmc811.properties.density"
    dialog = UncertaintyDialog(path, parse_path(path).field, 4.78, None, lambda *_: None)
    qtbot.addWidget(dialog)
    heading = dialog.findChild(QLabel, "uncertaintyHeading")
    assert heading is not None
    # As rich text "<= 25" opened a tag and the end of the range vanished.
    assert "a number > 0 and <= 25 (g/cm3)" in heading.text().replace("&lt;", "<").replace("&gt;", ">")
    assert "&lt;= 25" in heading.text()


def test_a_fault_off_the_gui_thread_is_said_in_the_box(
    qtbot,
    document: Document,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    import cellstack.io.uncertainty_study as study_module

    def broken(*_: object) -> None:
        raise ZeroDivisionError

    monkeypatch.setattr(study_module, "uncertainty_study", broken)
    box = UncertaintyBox(document)
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.spreadShown, timeout=10_000):
        document.push_project(with_uncertainty(document.project, CATHODE, Normal(4.0)), "Set")
    assert box.note.text() == "The spread could not be computed (ZeroDivisionError)."
    assert box.text("capacity_mAh") == "—"


def test_one_uncertain_input_is_counted_as_one(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    box = UncertaintyBox(document)
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.spreadShown, timeout=10_000):
        document.push_project(with_uncertainty(document.project, CATHODE, Normal(4.0)), "Set")
    assert box.note.text().startswith("1 uncertain input, ")  # not "1 uncertain inputs"


def test_an_invalid_design_says_why_it_has_no_spread(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    box = UncertaintyBox(document)
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.spreadShown, timeout=10_000):
        document.push_project(with_uncertainty(document.project, CATHODE, Normal(4.0)), "Set")
    cathode = document.stack.layers[1].material
    with qtbot.waitSignal(box.spreadShown, timeout=10_000):
        document.insert_material(2, cathode)  # a second cathode: the stack is invalid
    problem = next(f.message for f in document.metrics.findings if f.severity.name == "ERROR")
    assert box.note.text() == f"No spread while the design is invalid: {problem}"
    assert box.text("capacity_mAh") == "—"


def test_edit_and_remove_in_the_list_wait_for_a_chosen_row(
    shown_window: Callable[[Document], MainWindow], document: Document
) -> None:
    window = shown_window(document)
    document.push_project(with_uncertainty(document.project, CATHODE, Normal(4.0)), "Set")
    listing = window.uncertainty.open_list()
    assert not listing.edit_button.isEnabled()  # no row chosen: a click would do nothing
    assert not listing.remove_button.isEnabled()
    listing.table.selectRow(0)
    assert listing.edit_button.isEnabled() and listing.remove_button.isEnabled()
    listing.remove_button.click()
    assert listing.paths() == [] and not listing.remove_button.isEnabled()


def test_ctrl_z_in_the_tool_windows_undoes_the_design(
    qtbot, shown_window: Callable[[Document], MainWindow], document: Document
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = shown_window(document)
    for tool in (window.uncertainty.open_list(), window.explore.open_optimise(), window.explore.open_sweep()):
        before = document.project
        document.push_project(with_uncertainty(before, CATHODE, Normal(4.0)), "Set")
        tool.activateWindow()
        qtbot.waitUntil(lambda t=tool: QApplication.activeWindow() is t, timeout=5_000)
        qtbot.keyClick(tool, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert document.project == before, tool.objectName()


def test_in_a_cell_the_box_says_its_numbers_are_the_stacks(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    from cellstack.io.project import load_project

    from .conftest import EXAMPLES

    pouch = Document(library, load_project(EXAMPLES / "pouch_nmc811_llzo_li.cellstack", library))
    box = UncertaintyBox(pouch)
    qtbot.addWidget(box)
    with qtbot.waitSignal(box.spreadShown, timeout=10_000):
        pouch.push_project(with_uncertainty(pouch.project, CATHODE, Normal(3.0)), "Set")
    stack_mAh = pouch.metrics.capacity_C / 3.6  # type: ignore[operator]
    assert box.text("capacity_mAh").startswith(f"{stack_mAh:.4g} ± ")  # a tenth of the cell's
    scope = "; numbers of the stack on its own, not of the cell of 10 units"
    assert box.note.text().endswith(scope)
    tornado = TornadoWindow(pouch)
    qtbot.addWidget(tornado)
    assert tornado.status.text().endswith(scope)


def test_the_tornado_says_when_no_input_moves_the_metric(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    coating = "stack.layers[1].composite.coating_thickness_nm"  # mass only: the ASR does not move
    document.push_project(with_uncertainty(document.project, coating, Normal(2.0)), "Set")
    tornado = TornadoWindow(document)
    qtbot.addWidget(tornado)
    tornado.metric_choice.setCurrentIndex(tornado.metric_choice.findData("asr_ohm_cm2"))
    assert tornado.ranking[0].size == 0.0
    assert tornado.status.text().endswith("; none of the uncertain inputs changes it")
