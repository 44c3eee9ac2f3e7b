"""Preferences ▸ Units: the panels show the chosen units at once, converted exactly, and the
choice outlives a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from cellstack.core import units as u
from cellstack.gui.display_units import DisplayUnits, show_units, units_shown
from cellstack.gui.document import Document
from cellstack.gui.preferences import PreferencesDialog
from cellstack.gui.settings import Settings
from cellstack.gui.widgets.metrics_panel import MetricsPanel
from cellstack.gui.widgets.plots import PlotsPanel
from cellstack.gui.widgets.quantity_spin import ThicknessEdit


@pytest.fixture(autouse=True)
def default_units(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    show_units(DisplayUnits())
    yield
    show_units(DisplayUnits())  # the next test starts from the defaults, as a fresh app does


def _settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def _choose(dialog: PreferencesDialog, **units: str) -> None:
    for name, unit in units.items():
        box = getattr(dialog, f"{name}_unit")
        box.setCurrentIndex(box.findData(unit))
    dialog.accept()


def test_changing_a_unit_shows_the_converted_number_at_once(
    qtbot, tmp_path: Path, document: Document
) -> None:  # type: ignore[no-untyped-def]
    panel = MetricsPanel(document)
    qtbot.addWidget(panel)
    capacity_C, energy_J = document.cell_metrics.capacity_C, document.cell_metrics.energy_J
    assert capacity_C is not None and energy_J is not None
    mah = f"{capacity_C / u.MAH:.4g}"
    assert panel.text("capacity").startswith(f"{mah} mAh")
    dialog = PreferencesDialog(_settings(tmp_path))
    qtbot.addWidget(dialog)
    _choose(dialog, capacity="Ah", energy="Wh", mass="g", thickness="nm")
    assert dialog.result() == PreferencesDialog.DialogCode.Accepted
    # The same decimal, a thousand times smaller: 1.234 mAh is 0.001234 Ah, not 0.0012339999.
    ah = f"{float(mah) / 1000:.4g}"
    assert panel.text("capacity").startswith(f"{ah} Ah  (")
    assert panel.text("energy") == f"{energy_J / u.WH:.4g} Wh"
    assert panel.text("power").endswith(" W") and not panel.text("power").endswith("mW")
    assert panel.levels.row_labels["mass"].text() == "Mass (g)"
    assert panel.levels.row_labels["thickness"].text() == "Thickness (nm)"


def test_the_choice_outlives_a_restart(qtbot, tmp_path: Path, document: Document) -> None:  # type: ignore[no-untyped-def]
    dialog = PreferencesDialog(_settings(tmp_path))
    qtbot.addWidget(dialog)
    _choose(dialog, capacity="Ah", energy="Wh", thickness="mm")
    show_units(DisplayUnits())  # as a new process starts
    from cellstack.gui.main_window import MainWindow

    window = MainWindow(document, _settings(tmp_path))  # a new settings object over the same file
    qtbot.addWidget(window)
    assert units_shown() == DisplayUnits(capacity="Ah", energy="Wh", thickness="mm")
    assert window.metrics_panel.text("capacity").split()[1] == "Ah"
    assert window.layer_editor.thickness.unit.currentText() == "mm"
    again = PreferencesDialog(_settings(tmp_path))
    qtbot.addWidget(again)
    assert again.capacity_unit.currentData() == "Ah" and again.mass_unit.currentData() == "auto"
    window.document.undo_stack.setClean()


def test_a_hand_edited_unit_falls_back_to_its_default(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat).setValue("units/capacity", "kAh")
    assert settings.display_units().capacity == "mAh"


def test_the_thickness_field_and_the_plots_follow_the_units(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    edit = ThicknessEdit()
    qtbot.addWidget(edit)
    edit.set_metres(50e-6)
    assert (edit.unit.currentText(), edit.spin.value()) == ("µm", 50.0)
    show_units(DisplayUnits(thickness="mm", capacity="Ah"))
    assert (edit.unit.currentText(), edit.spin.value()) == ("mm", 0.05)
    assert edit.metres() == 50e-6  # re-expressed, not edited
    plots = PlotsPanel(document)
    qtbot.addWidget(plots)
    plots.refresh_now()
    page = plots._pages[0]
    assert "Capacity (Ah)" in page.plots[0].getAxis("bottom").labelText
    capacity_C = document.metrics.capacity_C
    assert capacity_C is not None
    largest = max(max(s.x) for s in plots.current_series())
    assert largest <= capacity_C / (1000 * u.MAH) * 1.0001


def test_no_preferences_label_is_clipped(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    dialog = PreferencesDialog(_settings(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = [label for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    assert len(labels) == 7
    for label in labels:
        text = label.text().replace("&", "")
        assert label.width() > label.fontMetrics().horizontalAdvance(text), text


def test_a_pouch_cells_power_and_energy_read_without_an_exponent(qtbot, library) -> None:  # type: ignore[no-untyped-def]
    from cellstack.io.project import load_project

    from .conftest import EXAMPLES

    pouch = Document(library, load_project(EXAMPLES / "pouch_nmc811_llzo_li.cellstack", library))
    panel = MetricsPanel(pouch)
    qtbot.addWidget(panel)
    power, energy = panel.text("power"), panel.text("energy")
    assert power.endswith(" mW") and energy.endswith(" mWh")
    assert "e+" not in power and "e+" not in energy
    watts = float(power.removesuffix(" mW").replace("\u202f", "")) / 1000
    assert watts > 1.0  # a pouch cell: the case that printed 1.081e+04 mW


def test_the_mass_tab_shows_thickness_in_the_chosen_unit(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    show_units(DisplayUnits(thickness="nm"))
    plots = PlotsPanel(document)
    qtbot.addWidget(plots)
    tab = next(i for i in range(plots.tabs.count()) if plots.tabs.tabText(i).startswith("Mass"))
    plots.tabs.setCurrentIndex(tab)
    plots.refresh_now()
    thickness_plot = plots._pages[tab].plots[1]
    assert "Thickness (nm)" in thickness_plot.getAxis("bottom").labelText
    shown = {s.name: s.y[0] for s in plots.current_series() if s.axes.title == "Thickness"}
    assert shown == {r.name: r.thickness_m / u.NM for r in document.metrics.layers}
    ticks = thickness_plot.getAxis("right")._tickLevels[0]
    assert all(text.endswith(" nm") for _, text in ticks)
