"""A planar cell is today's stack: every shipped example computes identically through compute_cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from cellstack.core.cell import Cell, CellLevel, compute_cell
from cellstack.core.metrics import Level, compute_metrics
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir

EXAMPLES = sorted(examples_dir().glob("*.cellstack"))
PAIRS = {
    CellLevel.ELECTRODE_PAIR: Level.ELECTRODE_PAIR,
    CellLevel.REPEAT_UNIT: Level.CELL_STACK,
    CellLevel.CELL: Level.FULL_STACK,
}


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_planar_cell_of_every_example_is_its_stack(path: Path) -> None:
    library = default_library()
    stack = load_project(path, library).stack
    before = compute_metrics(stack, library.interfaces)
    cell = compute_cell(Cell(stack), library.interfaces)
    assert cell.repeat_unit == before
    assert cell.format == "planar" and cell.units == 1
    assert cell.capacity_C == before.capacity_C
    assert cell.energy_J == before.energy_J
    assert cell.voltage_V == before.average_voltage_V
    for cell_level, stack_level in PAIRS.items():
        mine, theirs = cell.level(cell_level), before.level(stack_level)
        assert (mine.mass_kg, mine.volume_m3, mine.thickness_m) == (
            theirs.mass_kg,
            theirs.volume_m3,
            theirs.thickness_m,
        )
        assert mine.specific_energy_J_kg == theirs.specific_energy_J_kg
        assert mine.energy_density_J_m3 == theirs.energy_density_J_m3
    assert not cell.has_level(CellLevel.CELL_WITH_FIXTURE)
    layer_masses = [row.mass_kg for row in before.layers]
    assert [c.mass_kg for c in cell.breakdown[: len(layer_masses)]] == layer_masses
