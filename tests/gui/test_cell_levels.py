"""The metrics panel shows the cell's levels side by side, equal to what compute_cell says."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cellstack.core.cell import CellLevel, PressureFixture, compute_cell
from cellstack.gui.document import Document
from cellstack.gui.formatting import number
from cellstack.gui.widgets.cell_defaults import default_coin, default_pouch
from cellstack.gui.widgets.cell_levels import ROWS, row_unit
from cellstack.gui.widgets.metrics_panel import MetricsPanel


def shown_number(panel: MetricsPanel, level: CellLevel, key: str) -> float:
    return float(panel.text(f"{level.value}_{key}"))


@pytest.mark.parametrize("make", [None, default_pouch, default_coin])
def test_levels_shown_equal_compute_cells(qtbot, document: Document, make) -> None:  # type: ignore[no-untyped-def]
    panel = MetricsPanel(document)
    qtbot.addWidget(panel)
    if make is not None:
        assert document.set_cell_format(make(), "format")
    fixture = PressureFixture(0.06, 0.06, 0.01, 7980.0, hardware_mass_kg=0.02, stack_pressure_Pa=5e6)
    assert document.set_fixture(fixture, "fixture")
    project = document.project
    expected = compute_cell(project.cell(), document.library.interfaces)
    assert expected.has_level(CellLevel.CELL_WITH_FIXTURE)
    for level in expected.levels:
        for key, _name, scale, read in ROWS:
            value = read(level)
            unit, factor = row_unit([read(m) for m in expected.levels], scale)
            assert unit in panel.levels.row_labels[key].text()
            if value is None:
                assert panel.text(f"{level.level.value}_{key}") == "—"
            else:
                assert shown_number(panel, level.level, key) == pytest.approx(value / factor, rel=1e-3)
    assert "5 MPa" in panel.levels.note.text()
    # The headline is the cell's capacity, not one unit's.
    capacity = expected.capacity_C
    assert capacity is not None
    assert f"{capacity / 3.6:.4g} mAh" in panel.text("capacity")


def test_the_fixture_column_disappears_without_a_fixture(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    panel = MetricsPanel(document)
    qtbot.addWidget(panel)
    assert not panel.levels.headings[CellLevel.CELL_WITH_FIXTURE].isVisibleTo(panel)
    assert panel.levels.headings[CellLevel.CELL].text() == "Full\nstack"  # a planar cell's own name
    document.set_cell_format(replace(default_pouch(), units=3), "pouch")
    assert panel.levels.headings[CellLevel.CELL].text() == "Cell"
    assert "3 repeat units" in panel.levels.note.text()


def test_row_unit_picks_a_readable_unit() -> None:
    scale = (("mg", 1e-6), ("g", 1e-3), ("kg", 1.0))
    assert row_unit([2e-4, 5e-5], scale) == ("mg", 1e-6)
    assert row_unit([0.0123, None], scale) == ("g", 1e-3)
    assert row_unit([None], scale) == ("mg", 1e-6)


def test_the_headline_power_is_the_whole_cells(qtbot, document: Document) -> None:  # type: ignore[no-untyped-def]
    panel = MetricsPanel(document)
    qtbot.addWidget(panel)
    single = document.metrics.max_power_W
    assert single is not None and f"{single * 1e3:.4g} mW" in panel.text("power")  # planar: the stack's
    assert document.set_cell_format(default_pouch(), "format")
    cell, stack = document.cell_metrics, document.metrics
    assert cell.energy_J is not None and stack.energy_J is not None and stack.max_power_W is not None
    scale = cell.energy_J / stack.energy_J  # the pouch's active area over the stack's own
    assert scale > 10
    assert f"{number(stack.max_power_W * scale * 1e3)} mW" in panel.text("power")
