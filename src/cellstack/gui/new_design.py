"""File ▸ New (empty): a design with one separator layer, the user's default C-rates and
temperature, to be built up from the materials palette. A stack keeps at least one layer, so an
empty design starts with the layer every cell has between its electrodes."""

from __future__ import annotations

from cellstack.core import units as u
from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.core.simulation import Simulation
from cellstack.core.stack import Stack, StackKind
from cellstack.io.library import Library
from cellstack.io.project import Project

SEPARATOR_MATERIAL = "li6ps5cl"
SEPARATOR_THICKNESS_M = 30.0 * u.UM
HINT = "New design: one separator layer. Add a cathode, an anode and collectors from the materials palette."


def empty_project(library: Library, c_rates: tuple[float, ...], temperature_K: float) -> Project:
    """Raises InputError when the defaults are out of range (they are checked where typed)."""
    separator = Layer(library.material(SEPARATOR_MATERIAL), SEPARATOR_THICKNESS_M, Role.ELECTROLYTE)
    stack = Stack((separator,), StackKind.SSB, temperature_K=temperature_K)
    return Project(stack, name="Untitled", simulation=Simulation(c_rates=c_rates))
