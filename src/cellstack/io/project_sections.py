"""The sections version 2 of the file format adds around the stack, read and written together.

``cell``, ``fixture``, ``fill``, ``simulation``, ``interfaces`` and ``series_resistance_ohm``:
each has a module of its own; this one puts them in the order the file keeps them.
"""

from __future__ import annotations

from typing import Any

from cellstack.core.cell import Planar
from cellstack.core.material import Material
from cellstack.io.cell_document import write_cell
from cellstack.io.cell_fields import read_cell
from cellstack.io.fields import Fields
from cellstack.io.file_numbers import number
from cellstack.io.fixture_fields import read_fill, read_fixture, write_fill, write_fixture
from cellstack.io.interface_fields import read_interfaces, write_interfaces
from cellstack.io.library import Library
from cellstack.io.project_model import Project
from cellstack.io.simulation_fields import read_series_resistance, read_simulation, write_simulation

SECTION_KEYS = frozenset({"cell", "fixture", "fill", "simulation", "interfaces", "series_resistance_ohm"})


def read_sections(top: Fields, embedded: dict[str, Material], library: Library | None) -> dict[str, Any]:
    """The Project fields of the v2 sections (absent optional sections: their defaults)."""
    known = {**library.materials, **embedded} if library is not None else embedded
    sections: dict[str, Any] = {
        "cell_format": read_cell(top.child("cell")) if top.has("cell") else Planar(),
        "fixture": read_fixture(top.child("fixture")) if top.has("fixture") else None,
        "fill": read_fill(top.child("fill")) if top.has("fill") else None,
        "interfaces": read_interfaces(top, "interfaces", known),
        "series_resistance_ohm": read_series_resistance(top),
    }
    if top.has("simulation"):
        sections["simulation"] = read_simulation(top.child("simulation"))
    return sections


def write_sections(project: Project) -> dict[str, Any]:
    document: dict[str, Any] = {"cell": write_cell(project.cell_format)}
    if project.fixture is not None:
        document["fixture"] = write_fixture(project.fixture)
    if project.fill is not None:
        document["fill"] = write_fill(project.fill)
    document["simulation"] = write_simulation(project.simulation)
    if project.interfaces:
        document["interfaces"] = write_interfaces(project.interfaces)
    document["series_resistance_ohm"] = number(project.series_resistance_ohm)
    return document
