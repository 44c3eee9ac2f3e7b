"""Non-planar projects for the report tests, built in Python from the shipped examples.

Dimensions: the pouch is a multi-layer SSB pouch with the BatPaC-like overhangs of
tests/core/test_cell_reference_cases.py scaled to a 60 × 90 mm cathode (1 mm anode and 1.25 mm
separator overhang per side), a 113 µm laminate at 1.7 g/cm³ with 5 mm seals (as
tests/core/test_cell_geometry.py) and an aluminium fixture holding 5 MPa; the coin cell is a CR2032
from resources/cells/coin_sizes.toml with 10/11/12 mm discs (tests/core/test_cell_hand_computed.py);
the chip is two LiCoO2/LiPON/Li cells side by side on a 5 × 5 × 0.2 mm silicon die under a
0.1 mm glass lid (tests/core/test_cell_hand_computed.py).
"""

from __future__ import annotations

from dataclasses import replace

from cellstack.core import units as u
from cellstack.core.cell import (
    ChipLayout,
    CoinCell,
    Laminate,
    PressureFixture,
    Rectangle,
    Slab,
    StackedPouch,
    Tab,
    Terminal,
    ThinFilmChip,
)
from cellstack.io.cell_formats import load_coin_sizes
from cellstack.io.library import Library
from cellstack.io.project import Project, load_project
from cellstack.io.resources import examples_dir

MM = u.MM


def bulk_project(library: Library) -> Project:
    return load_project(examples_dir() / "ssb_nmc811_argyrodite_li.cellstack", library)


def thin_film_project(library: Library) -> Project:
    return load_project(examples_dir() / "thin_film_licoo2_lipon_li.cellstack", library)


def pouch_format(units: int = 20) -> StackedPouch:
    return StackedPouch(
        units=units,
        cathode=Rectangle(60 * MM, 90 * MM),
        anode=Rectangle(62 * MM, 92 * MM),
        separator=Rectangle(62.5 * MM, 92.5 * MM),
        housing=Laminate(113 * u.UM, 1700.0, 5 * MM),
        cathode_tab=Tab(15 * MM, 12 * MM),
        anode_tab=Tab(15 * MM, 12 * MM),
        terminals=(Terminal(0.5e-3, name="positive terminal"), Terminal(1.5e-3, name="negative terminal")),
    )


# Two 10 mm aluminium plates (2.70 g/cm³) a little larger than the pouch, 60 g of bolts, 5 MPa.
FIXTURE = PressureFixture(90 * MM, 120 * MM, 10 * MM, 2700.0, 2, 60e-3, 5e6)


def pouch_project(library: Library, *, fixture: bool = True) -> Project:
    project = bulk_project(library)
    return replace(
        project,
        name="SSB pouch, 20 units",
        cell_format=pouch_format(),
        fixture=FIXTURE if fixture else None,
    )


def coin_project(library: Library) -> Project:
    case = load_coin_sizes()["CR2032"]
    coin = CoinCell(case, cathode_diameter_m=10 * MM, anode_diameter_m=11 * MM, separator_diameter_m=12 * MM)
    return replace(bulk_project(library), name="SSB coin cell", cell_format=coin)


def chip_project(library: Library) -> Project:
    chip = ThinFilmChip(
        die=Slab(5 * MM, 5 * MM, 0.2 * MM, 2329.0),
        cathode=Rectangle(2.0 * MM, 4.0 * MM),
        anode=Rectangle(2.0 * MM, 4.0 * MM),
        electrolyte=Rectangle(2.4 * MM, 4.4 * MM),
        cells=2,
        layout=ChipLayout.SIDE_BY_SIDE,
        lid=Slab(5 * MM, 5 * MM, 0.1 * MM, 2500.0),
    )
    return replace(thin_film_project(library), name="Thin-film chip", cell_format=chip)
