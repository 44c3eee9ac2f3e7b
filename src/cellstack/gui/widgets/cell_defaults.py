"""What a format starts from when the user picks it: a sensible starting point to edit, never a
computed claim. Standard parts (coin sizes, laminates) come from the installed tables."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import cache

from cellstack.core.cell import (
    CellFormat,
    CoinCase,
    CoinCell,
    Laminate,
    Planar,
    PressureFixture,
    Rectangle,
    Slab,
    StackedPouch,
    Tab,
    ThinFilmChip,
)
from cellstack.io.cell_formats import LAMINATES_FILE, cells_dir, load_coin_sizes, load_laminates

GLASS_KG_M3 = 2230.0  # borosilicate glass, a common thin-film die and lid
STEEL_KG_M3 = 7980.0  # 316L stainless steel, as the coin-size table assumes for its parts


@cache
def coin_sizes() -> dict[str, CoinCase]:
    return load_coin_sizes()


@cache
def laminates() -> dict[str, Laminate]:
    return load_laminates()


@cache
def _laminate_names() -> dict[str, str]:
    """The names the laminate table gives its entries ("PET/Al/PP 30/100/20 µm (BatPaC 5.0)");
    load_laminates keeps only the numbers."""
    try:
        with (cells_dir() / LAMINATES_FILE).open("rb") as handle:
            table = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return {}  # the choice then shows the ids; load_laminates reports a broken file
    return {
        key: str(entry["name"]) for key, entry in table.items() if isinstance(entry, dict) and "name" in entry
    }


def laminate_name(key: str) -> str:
    return _laminate_names().get(key, key.replace("_", " "))


def default_pouch() -> StackedPouch:
    """Ten double-sided units of 50 x 50 mm cathodes under 1 mm anode and 2 mm separator overhangs."""
    laminate = next(iter(laminates().values()), Laminate(150e-6, 2202.0, 5e-3))
    return StackedPouch(
        units=10,
        cathode=Rectangle(0.05, 0.05),
        anode=Rectangle(0.052, 0.052),
        separator=Rectangle(0.054, 0.054),
        housing=laminate,
        cathode_tab=Tab(0.01, 0.01),
        anode_tab=Tab(0.01, 0.01),
    )


def default_coin() -> CoinCell:
    """A CR2032 (or the first size installed) with a 10 mm cathode on a 12 mm electrolyte pellet."""
    sizes = coin_sizes()
    case = sizes.get("CR2032") or next(iter(sizes.values()))
    return CoinCell(case, cathode_diameter_m=0.01, anode_diameter_m=0.01, separator_diameter_m=0.012)


def default_chip() -> ThinFilmChip:
    """One 10 x 10 mm cell on a 20 x 20 x 0.5 mm glass die under a 0.1 mm glass lid."""
    die = Slab(0.02, 0.02, 0.0005, GLASS_KG_M3)
    return ThinFilmChip(
        die=die,
        cathode=Rectangle(0.01, 0.01),
        anode=Rectangle(0.01, 0.01),
        electrolyte=Rectangle(0.012, 0.012),
        lid=Slab(0.02, 0.02, 0.0001, GLASS_KG_M3),
    )


def default_fixture(face_width_m: float, face_height_m: float) -> PressureFixture:
    """Two 10 mm steel plates over the cell's face and 20 g of bolts at 10 MPa."""
    side = max(face_width_m, face_height_m, 0.01)
    return PressureFixture(side, side, 0.01, STEEL_KG_M3, hardware_mass_kg=0.02, stack_pressure_Pa=10e6)


DEFAULTS: dict[str, Callable[[], CellFormat]] = {
    Planar.kind: Planar,
    StackedPouch.kind: default_pouch,
    CoinCell.kind: default_coin,
    ThinFilmChip.kind: default_chip,
}
FORMAT_NAMES = {
    Planar.kind: "Planar (one stack over its area)",
    StackedPouch.kind: "Stacked pouch",
    CoinCell.kind: "Coin cell",
    ThinFilmChip.kind: "Thin-film chip",
}


def default_format(kind: str) -> CellFormat:
    return DEFAULTS[kind]()
