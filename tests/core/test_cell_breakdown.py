"""The breakdown is listed when read, the cell level's mass when computed: the two must agree."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cellstack.core.cell import CellLevel, ElectrolyteFill, compute_cell
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.resources import examples_dir

EXAMPLES = sorted(examples_dir().glob("*.cellstack"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_breakdown_adds_up_to_the_cell_level(path: Path) -> None:
    library = default_library()
    cell = load_project(path, library).cell()
    # A lump and a fill add the rows that compute_cell appends after the format's own.
    unit = replace(cell.unit, extra_mass_kg=cell.unit.extra_mass_kg + 2e-4)
    cell = replace(cell, unit=unit, fill=ElectrolyteFill(0.1e-6 / 3600, 1200.0, "catholyte"))
    metrics = compute_cell(cell, library.interfaces)
    rows = metrics.breakdown
    assert all(row.mass_kg is not None for row in rows)
    mass = sum(row.mass_kg or 0.0 for row in rows)
    assert mass == pytest.approx(metrics.level(CellLevel.CELL).mass_kg, rel=1e-12)
    assert [row.name for row in rows][-2:] == ["extra mass", "catholyte"]
    assert metrics.breakdown == rows  # listed again on every read: the same rows
