"""The in-memory project: what a project file holds, once read and checked."""

from __future__ import annotations

from dataclasses import dataclass, field

from cellstack.core.cell import Cell, CellFormat, ElectrolyteFill, Planar, PressureFixture
from cellstack.core.interfaces import InterfaceRecord
from cellstack.core.simulation import Simulation
from cellstack.core.stack import Stack
from cellstack.io.migrations import FORMAT_VERSION
from cellstack.io.uncertainties import InputUncertainty

MAX_LABEL_CHARS = 200  # a layer label is a short name shown in the stack


@dataclass(frozen=True, slots=True)
class Project:
    """One design: its stack, the cell built around it and the settings it is simulated with.

    ``format_version`` is the version of the file it was loaded from: lower than
    ``FORMAT_VERSION`` means the file was migrated on load and is upgraded when saved (the GUI
    may say so). It does not take part in comparisons.
    """

    stack: Stack
    name: str = ""
    description: str = ""
    format_version: int = field(default=FORMAT_VERSION, compare=False)
    # The cell around the stack (the stack is its repeat unit) and what any format may add.
    cell_format: CellFormat = field(default_factory=Planar)
    fixture: PressureFixture | None = None
    fill: ElectrolyteFill | None = None
    simulation: Simulation = field(default_factory=Simulation)
    # The project's own interface resistances: consulted before the installed tables.
    interfaces: tuple[InterfaceRecord, ...] = ()
    series_resistance_ohm: float = 0.0  # contacts, tabs and fixture, for the whole cell
    # How sure the inputs are (version 3), sorted by field path; every path names a field of this project.
    uncertainties: tuple[InputUncertainty, ...] = ()

    def cell(self) -> Cell:
        return Cell(self.stack, self.cell_format, self.fill, self.fixture)
