"""How many sheets of each kind a stack of units holds, counted by hand for small N."""

from __future__ import annotations

import pytest

from cellstack.core import units as u
from cellstack.core.cell import (
    Cell,
    CellLevel,
    ChipLayout,
    Connection,
    Rectangle,
    Slab,
    ThinFilmChip,
    compute_cell,
)
from cellstack.core.cell.assembly import stacked_counts
from cellstack.core.cell.repeat_unit import Sheet
from cellstack.core.material import Role
from tests.core.test_cell_hand_computed import chip_unit

C, S, A, CF, AF = Sheet.CATHODE, Sheet.SEPARATOR, Sheet.ANODE, Sheet.CATHODE_FOIL, Sheet.ANODE_FOIL


@pytest.mark.parametrize(
    ("units", "outer", "dead", "expected"),
    [
        # Own foils: every unit has two.
        (3, None, False, {C: 3, S: 3, A: 3, CF: 3, AF: 3}),
        # A | C C | A: two units back to back share one cathode foil; outer anodes single-sided.
        (2, Role.ANODE, False, {C: 2, S: 2, A: 2, CF: 1, AF: 2}),
        # The same with the outer anode foils coated on their outside too: two dead anode coatings.
        (2, Role.ANODE, True, {C: 2, S: 2, A: 4, CF: 1, AF: 2}),
        # C | A A | C: outer cathodes.
        (2, Role.CATHODE, False, {C: 2, S: 2, A: 2, CF: 2, AF: 1}),
        # Three units: foils C, A, C, A (one outer of each), whatever "outer" says.
        (3, Role.ANODE, True, {C: 4, S: 3, A: 4, CF: 2, AF: 2}),
        # BatPaC: 66 units, 33 Al and 34 Cu foils.
        (66, Role.ANODE, False, {C: 66, S: 66, A: 66, CF: 33, AF: 34}),
    ],
)
def test_stacked_counts(units: int, outer: Role | None, dead: bool, expected: dict[Sheet, int]) -> None:
    counts = stacked_counts(
        units, shared_foils=outer is not None, outer=outer or Role.ANODE, dead_outer_coatings=dead
    )
    assert counts == {sheet: float(n) for sheet, n in expected.items()}


def test_stacked_chip_shares_collectors() -> None:
    """Two stacked cells in parallel: Pt | LCO LiPON Li | Cu | Li LiPON LCO | Pt (3 foils, not 4)."""
    side = Rectangle(2 * u.MM, 2 * u.MM)
    die = Slab(3 * u.MM, 3 * u.MM, 0.1 * u.MM, 2329.0)
    stacked = ThinFilmChip(die, side, side, side, cells=2, layout=ChipLayout.STACKED)
    metrics = compute_cell(Cell(chip_unit(), stacked))
    # Two of each cell layer (5 LCO, 2 LiPON, 3 Li µm), 2 Pt foils (0.3 µm) and 1 Cu foil (0.5 µm).
    stack_um = 2 * 0.3 + 2 * 5 + 2 * 2 + 2 * 3 + 1 * 0.5
    cell = metrics.level(CellLevel.CELL)
    assert cell.thickness_m == pytest.approx(0.1e-3 + stack_um * 1e-6, rel=1e-12)
    series = ThinFilmChip(
        die, side, side, side, cells=2, layout=ChipLayout.STACKED, connection=Connection.SERIES
    )
    bipolar = compute_cell(Cell(chip_unit(), series)).level(CellLevel.CELL)
    # Series: Pt | cell | Pt (inner, bipolar) | cell | Cu: 2 Pt and 1 Cu as well.
    assert bipolar.thickness_m == pytest.approx(cell.thickness_m, rel=1e-12)
