"""The ``cell`` object of a v2 project file: the format around the stack, read and written.

Every key is in the file's lab units (mm, µm, g/cm³, mg, mm³); docs/file-format.md lists them
with their ranges and defaults. A geometry that cannot exist (a cathode larger than its separator,
a tab wider than its foil) is refused by the core; the message names the file's key.
"""

from __future__ import annotations

from functools import lru_cache

from cellstack.core.cell import (
    CellFormat,
    ChipLayout,
    CoinCase,
    CoinCell,
    CoinPart,
    Connection,
    Frame,
    Laminate,
    Planar,
    Rectangle,
    Slab,
    StackedPouch,
    Tab,
    Terminal,
    ThinFilmChip,
)
from cellstack.core.cell.chip import MAX_CELLS
from cellstack.core.cell.coin import MAX_SPACERS
from cellstack.core.cell.pouch import MAX_UNITS
from cellstack.core.material import Role
from cellstack.io.cell_formats import load_coin_sizes, load_laminates
from cellstack.io.exact_units import scaled_to_si
from cellstack.io.fields import Fields
from cellstack.io.file_numbers import (
    MG,
    MM,
    MM3,
    UM,
    density_kg_m3,
    length_m,
    located,
    optional_length_m,
    scaled,
    whole,
)

FORMATS = (Planar.kind, StackedPouch.kind, CoinCell.kind, ThinFilmChip.kind)
MAX_TERMINALS = 20
SHEETS = ("cathode", "anode", "separator")
CHIP_SHEETS = ("cathode", "anode", "electrolyte")
_POUCH_KEYS = frozenset(
    {
        "format",
        "units",
        *(f"{s}_{side}_mm" for s in SHEETS for side in ("width", "height")),
        "cathode_tab",
        "anode_tab",
        "laminate",
        "frame",
        "terminals",
        "double_sided",
        "outer_electrode",
        "outer_single_sided",
        "box_width_mm",
        "box_height_mm",
        "box_thickness_mm",
        "tabs_in_box",
    }
)
_COIN_KEYS = frozenset(
    {
        "format",
        "case",
        "case_overrides",
        "cathode_diameter_mm",
        "anode_diameter_mm",
        "separator_diameter_mm",
        "spacers",
    }
)
CASE_NUMBERS = ("diameter_mm", "height_mm", "inner_height_mm", "spacer_thickness_mm", "spring_compressed_mm")
CASE_PARTS = ("case", "cap", "gasket", "spring", "spacer")
_CHIP_KEYS = frozenset(
    {
        "format",
        "cells",
        "layout",
        "connection",
        "die",
        "lid",
        *(f"{s}_{side}_mm" for s in CHIP_SHEETS for side in ("width", "height")),
    }
)
_SLAB_KEYS = frozenset({"width_mm", "height_mm", "thickness_um", "density_g_cm3"})
_TAB_KEYS = frozenset({"width_mm", "length_mm"})
_LAMINATE_KEYS = frozenset({"thickness_um", "density_g_cm3", "seal_width_mm"})
_FRAME_KEYS = frozenset({"density_g_cm3", "side_border_mm", "end_border_mm", "lid_thickness_mm"})
_TERMINAL_KEYS = frozenset({"name", "mass_mg", "volume_mm3"})
# The core's field names for an impossible geometry, and the file's keys they come from.
_POUCH_PATHS = {
    "pouch.units": "units",
    "pouch.cathode": "cathode_width_mm",
    "pouch.anode": "anode_width_mm",
    "pouch.cathode_tab.width": "cathode_tab.width_mm",
    "pouch.anode_tab.width": "anode_tab.width_mm",
    "pouch.box_width": "box_width_mm",
    "pouch.box_height": "box_height_mm",
    "pouch.box_thickness": "box_thickness_mm",
    "pouch.outer_electrode": "outer_electrode",
}
_COIN_PATHS = {
    "coin.cathode_diameter": "cathode_diameter_mm",
    "coin.anode_diameter": "anode_diameter_mm",
    "coin.separator_diameter": "separator_diameter_mm",
    "coin.spacers": "spacers",
}
_CHIP_PATHS = {
    "chip.cells": "cells",
    "chip.cathode": "cathode_width_mm",
    "chip.anode": "anode_width_mm",
    "chip.lid": "lid.width_mm",
}


@lru_cache(maxsize=1)
def coin_sizes() -> dict[str, CoinCase]:
    return load_coin_sizes()


@lru_cache(maxsize=1)
def laminates() -> dict[str, Laminate]:
    return load_laminates()


def core_paths(kind: str) -> dict[str, str]:
    """The core's field names of a format, mapped to the keys of the file's ``cell`` object."""
    return {StackedPouch.kind: _POUCH_PATHS, CoinCell.kind: _COIN_PATHS, ThinFilmChip.kind: _CHIP_PATHS}.get(
        kind, {}
    )


# ---- reading ---------------------------------------------------------------------------------


def read_cell(f: Fields) -> CellFormat:
    kind = f.choice("format", FORMATS, Planar.kind)
    if kind == StackedPouch.kind:
        return _read_pouch(f)
    if kind == CoinCell.kind:
        return _read_coin(f)
    if kind == ThinFilmChip.kind:
        return _read_chip(f)
    f.check_keys(frozenset({"format"}))
    return Planar()


def _rectangle(f: Fields, name: str) -> Rectangle:
    return Rectangle(length_m(f, f"{name}_width_mm", MM), length_m(f, f"{name}_height_mm", MM))


def _read_pouch(f: Fields) -> StackedPouch:
    f.check_keys(_POUCH_KEYS)
    units = whole(f, "units", 1, MAX_UNITS)
    sheets = {name: _rectangle(f, name) for name in SHEETS}
    tabs = {name: _tab(f.child(name)) if f.has(name) else None for name in ("cathode_tab", "anode_tab")}
    housing = _housing(f)
    terminals = _terminals(f)
    outer = Role(f.choice("outer_electrode", (Role.ANODE.value, Role.CATHODE.value), Role.ANODE.value))
    box = {side: optional_length_m(f, f"box_{side}_mm", MM) for side in ("width", "height", "thickness")}
    return located(
        f,
        lambda: StackedPouch(
            units=units,
            cathode=sheets["cathode"],
            anode=sheets["anode"],
            separator=sheets["separator"],
            housing=housing,
            cathode_tab=tabs["cathode_tab"],
            anode_tab=tabs["anode_tab"],
            terminals=terminals,
            double_sided=f.boolean("double_sided", True),
            outer_electrode=outer,
            outer_single_sided=f.boolean("outer_single_sided", True),
            box_width_m=box["width"],
            box_height_m=box["height"],
            box_thickness_m=box["thickness"],
            tabs_in_box=f.boolean("tabs_in_box", False),
        ),
        _POUCH_PATHS,
    )


def _tab(f: Fields) -> Tab:
    f.check_keys(_TAB_KEYS)
    return Tab(length_m(f, "width_mm", MM), length_m(f, "length_mm", MM))


def _housing(f: Fields) -> Laminate | Frame:
    if f.has("laminate") == f.has("frame"):
        raise f.error("laminate", f.data.get("laminate"), 'either "laminate" or "frame" (one of the two)')
    if f.has("frame"):
        frame = f.child("frame")
        frame.check_keys(_FRAME_KEYS)
        return Frame(
            density_kg_m3(frame),
            length_m(frame, "side_border_mm", MM, allow_zero=True),
            length_m(frame, "end_border_mm", MM, allow_zero=True),
            length_m(frame, "lid_thickness_mm", MM, allow_zero=True)
            if frame.has("lid_thickness_mm")
            else 0.0,
        )
    if isinstance(f.data["laminate"], str):
        named = laminates()
        return named[f.choice("laminate", tuple(sorted(named)))]
    laminate = f.child("laminate")
    laminate.check_keys(_LAMINATE_KEYS)
    return Laminate(
        length_m(laminate, "thickness_um", UM),
        density_kg_m3(laminate),
        length_m(laminate, "seal_width_mm", MM, allow_zero=True),
    )


def _terminals(f: Fields) -> tuple[Terminal, ...]:
    raw = f.data.get("terminals", [])
    if not isinstance(raw, list) or len(raw) > MAX_TERMINALS:
        raise f.error("terminals", raw, f"a list of at most {MAX_TERMINALS} terminals")
    result = []
    for i, item in enumerate(raw):
        t = Fields(item, f"{f.at('terminals')}[{i}]", f.origin)
        t.check_keys(_TERMINAL_KEYS)
        result.append(
            Terminal(
                scaled_to_si(t.number("mass_mg", 0.0, 1e8, "mg"), MG),
                scaled_to_si(t.number("volume_mm3", 0.0, 1e9, "mm³", 0.0), MM3),
                t.string("name", "terminal", max_length=100),
            )
        )
    return tuple(result)


def _read_coin(f: Fields) -> CoinCell:
    f.check_keys(_COIN_KEYS)
    sizes = coin_sizes()
    standard = sizes[f.choice("case", tuple(sorted(sizes)), "CR2032")]
    case = _case_with_overrides(f.child("case_overrides"), standard) if f.has("case_overrides") else standard
    diameters = {s: length_m(f, f"{s}_diameter_mm", MM) for s in SHEETS}
    spacers = whole(f, "spacers", 0, MAX_SPACERS, 1)
    return located(
        f,
        lambda: CoinCell(case, diameters["cathode"], diameters["anode"], diameters["separator"], spacers),
        _COIN_PATHS,
    )


def _case_with_overrides(f: Fields, standard: CoinCase) -> CoinCase:
    f.check_keys(frozenset({*CASE_NUMBERS, "parts"}))
    numbers = {key: optional_length_m(f, key, MM) for key in CASE_NUMBERS}
    parts = {p.name: p for p in (*standard.parts, standard.spacer)}
    if f.has("parts"):
        given = f.child("parts")
        given.check_keys(frozenset(CASE_PARTS))
        for name in given.data:
            part = given.child(name)
            part.check_keys(frozenset({"mass_mg", "volume_mm3"}))
            old = parts[name]
            parts[name] = CoinPart(
                name,
                scaled_to_si(part.number("mass_mg", 0.0, 1e6, "mg", scaled(old.mass_kg, MG)), MG),
                scaled_to_si(part.number("volume_mm3", 0.0, 1e6, "mm³", scaled(old.volume_m3, MM3)), MM3),
            )

    def build() -> CoinCase:
        return CoinCase(
            name=standard.name,
            diameter_m=numbers["diameter_mm"] or standard.diameter_m,
            height_m=numbers["height_mm"] or standard.height_m,
            inner_height_m=numbers["inner_height_mm"] or standard.inner_height_m,
            parts=tuple(parts[name] for name in CASE_PARTS[:4]),
            spacer=parts["spacer"],
            spacer_thickness_m=numbers["spacer_thickness_mm"] or standard.spacer_thickness_m,
            spring_compressed_m=numbers["spring_compressed_mm"] or standard.spring_compressed_m,
            source=standard.source,
        )

    name = standard.name
    return located(f, build, {f"{name}.{key[:-3]}": key for key in CASE_NUMBERS})


def _slab(f: Fields) -> Slab:
    f.check_keys(_SLAB_KEYS)
    return Slab(
        length_m(f, "width_mm", MM),
        length_m(f, "height_mm", MM),
        length_m(f, "thickness_um", UM),
        density_kg_m3(f),
    )


def _read_chip(f: Fields) -> ThinFilmChip:
    f.check_keys(_CHIP_KEYS)
    die = _slab(f.child("die"))
    lid = _slab(f.child("lid")) if f.has("lid") else None
    sheets = {name: _rectangle(f, name) for name in CHIP_SHEETS}
    cells = whole(f, "cells", 1, MAX_CELLS, 1)
    layout = ChipLayout(f.choice("layout", tuple(m.value for m in ChipLayout), ChipLayout.SIDE_BY_SIDE.value))
    connection = Connection(
        f.choice("connection", tuple(m.value for m in Connection), Connection.PARALLEL.value)
    )
    return located(
        f,
        lambda: ThinFilmChip(
            die, sheets["cathode"], sheets["anode"], sheets["electrolyte"], cells, layout, connection, lid
        ),
        _CHIP_PATHS,
    )
