"""The Cell panel: each format's fields edit the design undoably; impossible geometry is refused
with a message naming the field, value and range, and the design stays as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from cellstack.core.cell import CellLevel, CoinCell, Planar, StackedPouch, ThinFilmChip
from cellstack.gui.document import Document
from cellstack.gui.widgets.cell_panel import CellPanel
from cellstack.gui.widgets.number_spin import NumberSpin


@pytest.fixture
def panel(qtbot, document: Document) -> CellPanel:  # type: ignore[no-untyped-def]
    widget = CellPanel(document)
    qtbot.addWidget(widget)
    return widget


def choose(panel: CellPanel, kind: str) -> None:
    panel.format_combo.setCurrentIndex(panel.format_combo.findData(kind))


def spin(panel: CellPanel, key: str) -> NumberSpin:
    found = panel.findChild(NumberSpin, f"cell_{key}")
    assert found is not None, key
    return found


@pytest.mark.parametrize(
    ("kind", "cls", "key", "value", "read"),
    [
        ("stacked_pouch", StackedPouch, "units", 20.0, lambda f: f.units),
        ("stacked_pouch", StackedPouch, "separator_width", 60.0, lambda f: f.separator.width_m),
        ("coin", CoinCell, "cathode_diameter", 11.0, lambda f: f.cathode_diameter_m),
        ("thin_film_chip", ThinFilmChip, "chip_cathode_width", 11.0, lambda f: f.cathode.width_m),
    ],
)
def test_each_format_edits_the_design_and_undo_restores(  # type: ignore[no-untyped-def]
    panel: CellPanel, document: Document, kind, cls, key, value, read
) -> None:
    choose(panel, kind)
    assert isinstance(document.project.cell_format, cls)
    chosen = document.project
    field = spin(panel, key)
    assert field.isVisibleTo(panel)
    field.setValue(value)
    expected = value if key == "units" else value * 1e-3
    assert read(document.project.cell_format) == pytest.approx(expected)
    assert document.cell_metrics.format == kind
    document.undo_stack.undo()
    assert document.project == chosen
    assert spin(panel, key).value() != value  # the field follows the undo
    document.undo_stack.undo()
    assert isinstance(document.project.cell_format, Planar)
    assert panel.format_combo.currentData() == "planar"


def test_a_cathode_larger_than_its_separator_is_refused_with_a_message(
    panel: CellPanel, document: Document
) -> None:
    choose(panel, "stacked_pouch")
    before = document.project
    spin(panel, "cathode_width").setValue(80.0)  # the separator is 54 mm wide
    assert document.project == before
    message = panel.refusal()
    assert "pouch.cathode" in message and "80 x 50 mm" in message and "separator" in message
    assert spin(panel, "cathode_width").value() == pytest.approx(50.0)  # back to the design
    assert document.undo_stack.count() == 1  # only the format change


def test_a_box_thinner_than_the_stack_is_refused(panel: CellPanel, document: Document) -> None:
    choose(panel, "stacked_pouch")
    before = document.project
    spin(panel, "box_thickness").setValue(0.5)  # ten units of a bulk stack are millimetres thick
    assert document.project == before
    assert "cell.box_thickness_mm" in panel.refusal()


def test_a_fractional_unit_count_is_refused_by_the_model(panel: CellPanel, document: Document) -> None:
    choose(panel, "stacked_pouch")
    spin(panel, "units").setValue(2.5)
    assert "a whole number from 1 to 10000" in panel.refusal()
    assert document.project.cell_format.units == 10  # type: ignore[union-attr]


def test_fixture_adds_a_level_and_is_undoable(panel: CellPanel, document: Document) -> None:
    from PySide6.QtWidgets import QCheckBox

    box = panel.findChild(QCheckBox, "cell_fixture")
    assert box is not None
    box.setChecked(True)
    assert document.project.fixture is not None
    assert document.cell_metrics.has_level(CellLevel.CELL_WITH_FIXTURE)
    spin(panel, "pressure").setValue(25.0)
    assert document.project.fixture.stack_pressure_Pa == pytest.approx(25e6)
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.project.fixture is None
    assert not spin(panel, "pressure").isVisibleTo(panel)


def test_a_spin_drag_is_one_undo_step(panel: CellPanel, document: Document) -> None:
    choose(panel, "coin")
    field = spin(panel, "separator_diameter")
    for mm in (12.5, 13.0, 13.5):
        field.setValue(mm)
    assert document.undo_stack.count() == 2  # the format, then one drag
    field.editingFinished.emit()
    field.setValue(14.0)
    assert document.undo_stack.count() == 3


def test_a_choice_stores_the_enum_member_not_its_text(panel: CellPanel, document: Document) -> None:
    from PySide6.QtWidgets import QComboBox

    from cellstack.core.cell import Connection

    choose(panel, "thin_film_chip")
    combo = panel.findChild(QComboBox, "cell_connection")
    assert combo is not None
    combo.setCurrentIndex(1)
    connection = document.project.cell_format.connection  # type: ignore[union-attr]
    assert connection is Connection.SERIES  # Qt hands item data back as a plain str
    panel.show()
    assert panel.view.canvas.sketch is not None  # drawn without an exception
    document.undo_stack.undo()
    assert combo.currentIndex() == 0


def test_the_cell_dock_shares_the_layer_editors_place(qtbot, document: Document, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDockWidget, QMainWindow

    from cellstack.gui.main_window import MainWindow
    from cellstack.gui.settings import Settings

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    # A layout saved by a version without the Cell dock (state version 0) is not restored.
    old = QMainWindow()
    old.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, QDockWidget("Layer"))
    settings.save_window(old.saveGeometry(), old.saveState())
    window = MainWindow(document, settings)
    qtbot.addWidget(window)
    layer = window.findChild(QDockWidget, "editorDock")
    cell = window.findChild(QDockWidget, "cellDock")
    assert layer is not None and cell is not None
    assert cell in window.tabifiedDockWidgets(layer)
    window.show()
    qtbot.waitExposed(window)
    assert not isinstance(cell.widget(), CellPanel)  # behind the layer editor: not made yet
    cell.raise_()  # the panel is made when its tab is first shown
    qtbot.waitUntil(lambda: isinstance(cell.widget(), CellPanel))
    assert cell.widget() is window.cell_panel
    window.document.undo_stack.setClean()


def test_fill_and_lid_come_and_go(panel: CellPanel, document: Document) -> None:
    spin(panel, "fill").setValue(2.0)  # mL/Ah
    fill = document.project.fill
    assert fill is not None and fill.volume_per_charge_m3_C == pytest.approx(2e-6 / 3600)
    spin(panel, "fill_density").setValue(1.3)
    assert document.project.fill is not None
    assert document.project.fill.density_kg_m3 == pytest.approx(1300.0)
    spin(panel, "fill").setValue(0.0)  # "none"
    assert document.project.fill is None
    choose(panel, "thin_film_chip")
    spin(panel, "chip_lid_thickness").setValue(0.0)  # a bare die
    assert document.project.cell_format.lid is None  # type: ignore[union-attr]
    spin(panel, "chip_lid_thickness").setValue(50.0)  # µm: a new glass lid over the die
    lid = document.project.cell_format.lid  # type: ignore[union-attr]
    assert lid is not None and lid.thickness_m == pytest.approx(50e-6)
    assert (lid.width_m, lid.height_m) == (0.02, 0.02)


def test_every_field_has_its_own_name(panel: CellPanel) -> None:
    names = [w.objectName() for w in panel.findChildren(QWidget) if w.objectName().startswith("cell_")]
    assert len(names) == len(set(names))


def test_fill_the_box_with_units(panel: CellPanel, document: Document) -> None:
    from cellstack.core.cell import CellLevel

    choose(panel, "stacked_pouch")
    assert not panel.fill_box.isVisibleTo(panel)  # the box thickness follows the units: nothing to fill
    spin(panel, "box_thickness").setValue(5.0)  # mm
    assert panel.fill_box.isVisibleTo(panel)
    panel.fill_box.click()
    units = document.project.cell_format.units  # type: ignore[union-attr]
    assert units > 10
    assert document.undo_stack.undoText() == "Fill the box with units"
    # The most that fit: one more would not be computable in a 5 mm box.
    thickness = document.cell_metrics.level(CellLevel.CELL).thickness_m
    assert thickness == pytest.approx(5e-3)
    before = document.project
    spin(panel, "units").setValue(units + 1)
    assert document.project == before and "cell.box_thickness_mm" in panel.refusal()


def test_standard_laminates_are_shown_by_name(panel: CellPanel) -> None:
    from PySide6.QtWidgets import QComboBox

    choose(panel, "stacked_pouch")
    combo = panel.findChild(QComboBox, "cell_housing")
    assert combo is not None
    assert combo.currentText().startswith("PET/Al/PP")


def test_typed_values_reach_the_design_or_are_refused_visibly(
    qtbot, panel: CellPanel, document: Document
) -> None:  # type: ignore[no-untyped-def]
    choose(panel, "stacked_pouch")
    panel.show()
    units = spin(panel, "units")
    units.lineEdit().selectAll()
    qtbot.keyClicks(units.lineEdit(), "1e2")
    qtbot.keyClick(units.lineEdit(), Qt.Key.Key_Return)
    assert document.project.cell_format.units == 100  # type: ignore[union-attr]
    width = spin(panel, "separator_width")
    width.lineEdit().selectAll()
    qtbot.keyClicks(width.lineEdit(), "60,5")  # the other decimal mark
    qtbot.keyClick(width.lineEdit(), Qt.Key.Key_Return)
    assert document.project.cell_format.separator.width_m == pytest.approx(0.0605)  # type: ignore[union-attr]
    width.lineEdit().selectAll()
    qtbot.keyClicks(width.lineEdit(), "-5")
    qtbot.keyClick(width.lineEdit(), Qt.Key.Key_Return)
    width.editingFinished.emit()
    assert "outside the allowed range 0.01 to 10000 mm" in width.refusal()
    assert document.project.cell_format.separator.width_m == pytest.approx(0.0605)  # type: ignore[union-attr]


def test_the_energy_definition_is_a_design_setting(panel: CellPanel, document: Document) -> None:
    from PySide6.QtWidgets import QComboBox

    from cellstack.core.metrics import EnergyDefinition

    combo = panel.findChild(QComboBox, "cell_energy_definition")
    assert combo is not None
    before = document.metrics.energy_J
    combo.setCurrentIndex(2)
    assert document.project.simulation.energy_definition is EnergyDefinition.AVERAGE_VOLTAGE
    assert document.metrics.voltage is not None
    assert document.metrics.voltage.definition is EnergyDefinition.AVERAGE_VOLTAGE
    assert document.metrics.energy_J != before
    document.undo_stack.undo()
    assert document.metrics.energy_J == before
    assert combo.currentIndex() == 0
