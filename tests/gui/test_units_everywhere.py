"""Preferences ▸ Units reach every window that shows a capacity, energy, power or mass: the
Protocol table, the Compare table, the Sweep plot and the "Why this number?" dialog."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QWidget

from cellstack.gui.display_units import AUTO, DisplayUnits, show_units
from cellstack.gui.document import Document
from cellstack.gui.widgets.compare_window import Compared, CompareWindow
from cellstack.gui.widgets.protocol_panel import ProtocolPanel
from cellstack.gui.widgets.sweep_panel import SweepPanel
from cellstack.gui.widgets.why_dialog import WhyOpener
from cellstack.io.library import Library
from cellstack.io.project import load_project
from cellstack.report.protocol_table import step_rows

from .conftest import EXAMPLES

LARGE = DisplayUnits("Ah", "Wh", "kg", AUTO)


@pytest.fixture(autouse=True)
def large_units(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    show_units(LARGE)
    yield
    show_units(DisplayUnits())


def _thousandth(value: float) -> float:
    return float(Decimal(repr(value)) / 1000)


def test_the_protocol_table_follows_the_units(qtbot, thin_film_document: Document) -> None:  # type: ignore[no-untyped-def]
    panel = ProtocolPanel(thin_film_document)
    qtbot.addWidget(panel)
    assert panel.run()
    headers = [panel.table.horizontalHeaderItem(c).text() for c in range(panel.table.columnCount())]
    assert "Capacity (Ah)" in headers and "Energy (Wh)" in headers
    assert panel.result is not None
    first = step_rows(panel.result)[0]
    capacity, energy = panel.table.item(0, 2), panel.table.item(0, 3)
    assert capacity is not None and energy is not None
    assert capacity.text() == f"{_thousandth(first.capacity_mAh):.4g}"
    assert energy.text() == f"{_thousandth(first.energy_mWh):.4g}"
    assert panel.summary.text().count(" Ah") == 1
    show_units(DisplayUnits())
    headers = [panel.table.horizontalHeaderItem(c).text() for c in range(panel.table.columnCount())]
    assert "Capacity (mAh)" in headers  # redrawn at once


def test_the_compare_table_follows_the_units(qtbot, document: Document, library: Library) -> None:  # type: ignore[no-untyped-def]
    pouch = load_project(EXAMPLES / "pouch_nmc811_llzo_li.cellstack", library)
    window = CompareWindow(document, [Compared("pouch", pouch)])
    qtbot.addWidget(window)
    table = window.table
    shown = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    raw = {row.key: row for row in window.rows}
    assert "Stack energy (mWh)" not in shown and "Mass, full stack (g)" not in shown
    energy = raw["energy_mWh"].values[0]
    assert table.item(shown["Stack energy (Wh)"], 1).text() == f"{_thousandth(energy):.6g}"
    mass = raw["mass_g"].values[1]
    assert mass is not None
    assert table.item(shown["Mass, full stack (kg)"], 2).text() == f"{_thousandth(mass):.6g}"
    assert "Cell capacity (Ah)" in shown and "Specific energy, full stack (Wh/kg)" in shown  # a ratio stays


def test_the_sweep_plot_follows_the_units(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    panel = SweepPanel(document)
    qtbot.addWidget(panel)
    panel.resize(800, 500)
    panel.show()
    panel.output.choose("energy_mWh")
    panel.run()
    qtbot.waitUntil(lambda: panel.job is None, timeout=30000)
    assert panel.result is not None and panel.plot.curve is not None
    qtbot.wait(50)  # the axis picks its SI prefix when the view has its range
    left = panel.plot.view.getPlotItem().getAxis("left")
    assert left.labelText == "Stack energy (Wh)"
    assert "x0.001" not in left.labelString()  # the ticks read 0.016 Wh, not 16 "x0.001"
    _, y = panel.plot.curve.getData()
    assert np.allclose(y, panel.result.values / 1000, rtol=1e-15)


def test_why_this_number_follows_the_units(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    opener = WhyOpener(document, {}, parent)
    assert opener.open("capacity").explanation.value.endswith(" Ah")
    assert opener.open("energy").explanation.value.endswith(" Wh")
    assert opener.open("power").explanation.value.endswith(" W")
    assert opener.open("cell_mass").explanation.value.endswith(" kg")


def test_the_uncertainty_box_follows_the_units(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    from cellstack.core.explore.uncertainty import Normal
    from cellstack.gui.widgets.uncertainty_box import SHOWN, UncertaintyBox, spread_text
    from cellstack.io.uncertainty_edits import with_uncertainty
    from cellstack.io.uncertainty_study import APP_SEED, app_samples, uncertainty_study

    box = UncertaintyBox(document)
    qtbot.addWidget(box)
    project = with_uncertainty(document.project, "stack.layers[1].thickness_um", Normal(4.0))
    with qtbot.waitSignal(box.spreadShown, timeout=10_000):
        document.push_project(project, "Set uncertainty")
    row = [key for key, _ in SHOWN].index("energy_mWh")
    header = box.table.verticalHeaderItem(row)
    assert header is not None and header.text() == "Energy (Wh)"
    study = uncertainty_study(project, document.library, project.uncertainties)
    spread = study.monte_carlo(app_samples(study), APP_SEED).spreads["energy_mWh"]
    nominal = study.nominal()["energy_mWh"]
    expected = (_thousandth(v) for v in (nominal, spread.std, spread.p2_5, spread.p97_5))
    assert box.text("energy_mWh") == spread_text(*expected)


def test_the_tornado_follows_the_units(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    from cellstack.core.explore.uncertainty import Normal
    from cellstack.gui.widgets.tornado_window import TornadoWindow
    from cellstack.io.uncertainty_edits import with_uncertainty

    document.push_project(
        with_uncertainty(document.project, "stack.layers[1].thickness_um", Normal(4.0)), "Set"
    )
    window = TornadoWindow(document)
    qtbot.addWidget(window)
    choice = window.metric_choice
    choice.setCurrentIndex(choice.findData("energy_mWh"))
    assert choice.currentText() == "Energy (Wh)"
    assert "{" not in "".join(choice.itemText(i) for i in range(choice.count()))
    line = next(item for item in window.plot.getPlotItem().items if isinstance(item, pg.InfiniteLine))
    nominal_mWh = document.metrics.energy_J / 3.6  # type: ignore[operator]
    assert line.value() == pytest.approx(nominal_mWh / 1000, rel=1e-9)


def test_the_cell_breakdown_follows_the_mass_unit(qtbot, library: Library) -> None:  # type: ignore[no-untyped-def]
    from cellstack.gui.widgets.plots import PlotsPanel

    pouch = Document(library, load_project(EXAMPLES / "pouch_nmc811_llzo_li.cellstack", library))
    panel = PlotsPanel(pouch)
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    panel.tabs.setCurrentIndex(panel.tabs.count() - 1)  # Cell parts
    panel.refresh_now()
    mass_axes = panel.current_series()[0].axes
    assert "(kg)" in mass_axes.x + mass_axes.y  # LARGE chooses kg; by itself the plot picked g
    show_units(DisplayUnits(mass="mg"))
    panel.refresh_now()
    mass_axes = panel.current_series()[0].axes
    assert "(mg)" in mass_axes.x + mass_axes.y


def test_an_automatic_mass_in_the_uncertainty_box_is_the_levels_grids(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    # The grid above the box showed 47.75 mg while the box read 0.04775 g for the same design.
    from cellstack.core.explore.uncertainty import Normal
    from cellstack.gui.widgets.uncertainty_box import SHOWN, UncertaintyBox
    from cellstack.io.uncertainty_edits import with_uncertainty

    show_units(DisplayUnits())  # mass: automatic
    box = UncertaintyBox(document)
    qtbot.addWidget(box)
    project = with_uncertainty(document.project, "stack.layers[1].thickness_um", Normal(4.0))
    with qtbot.waitSignal(box.spreadShown, timeout=10_000):
        document.push_project(project, "Set uncertainty")
    row = [key for key, _ in SHOWN].index("mass_g")
    header = box.table.verticalHeaderItem(row)
    assert header is not None and header.text() == "Mass (mg)"
    value = float(box.text("mass_g").split(" ± ")[0])
    assert 1.0 <= value < 1000.0, value  # the example's stack weighs tens of mg
