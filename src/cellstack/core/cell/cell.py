"""A cell: the stack as its repeat unit, a format around it, and what any format may add."""

from __future__ import annotations

from dataclasses import dataclass, field

from cellstack.core.cell.chip import ThinFilmChip
from cellstack.core.cell.coin import CoinCell
from cellstack.core.cell.fixture import PressureFixture
from cellstack.core.cell.parts import ElectrolyteFill
from cellstack.core.cell.planar import Planar
from cellstack.core.cell.pouch import StackedPouch
from cellstack.core.stack import Stack

CellFormat = Planar | StackedPouch | CoinCell | ThinFilmChip


@dataclass(frozen=True, slots=True)
class Cell:
    """``unit`` is the stack as it exists today; ``format`` places one or more copies of it.

    For a planar cell the unit's own areas apply; other formats give every sheet its outline and
    the unit's areas are not used (its per-area numbers are). ``fill`` is a liquid or gel added
    per charge stored; ``fixture`` adds the cell-with-fixture level.
    """

    unit: Stack
    format: CellFormat = field(default_factory=Planar)
    fill: ElectrolyteFill | None = None
    fixture: PressureFixture | None = None
