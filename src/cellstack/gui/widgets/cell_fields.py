"""The coin cell's, the thin-film chip's, the fixture's and the fill's fields in lab units."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from cellstack.core.cell import (
    ChipLayout,
    CoinCell,
    Connection,
    ElectrolyteFill,
    Slab,
    StackedPouch,
    ThinFilmChip,
)
from cellstack.core.cell.lab_units import ml_per_ah, to_ml_per_ah
from cellstack.core.metrics import EnergyDefinition
from cellstack.gui.widgets.cell_defaults import GLASS_KG_M3, coin_sizes, default_fixture
from cellstack.gui.widgets.design_form import (
    ChoiceField,
    Field,
    FlagField,
    NumberField,
    edited_part,
    format_access,
    rectangle_fields,
    whole_or_float,
)
from cellstack.io.project_model import Project

MM, UM, G_CM3, MG, G, MPA = 1e-3, 1e-6, 1e3, 1e-6, 1e-3, 1e6
SIZE_MM = (0.01, 10_000.0)
LIQUID_KG_M3 = 1200.0  # a carbonate electrolyte is about 1.2 g/cm³: a starting point to edit


# -- coin ------------------------------------------------------------------------------------------
coin, _coin_with = format_access(CoinCell)


def _diameter(name: str, label: str) -> NumberField:
    attribute = f"{name}_diameter_m"
    return NumberField(f"{name}_diameter", f"{label} diameter", "mm", MM, *SIZE_MM,
                       lambda p: float(getattr(coin(p), attribute)),
                       lambda p, v: _coin_with(p, **{attribute: v}))  # fmt: skip


def coin_fields() -> list[Field]:
    sizes = [(name, name) for name in coin_sizes()]
    return [
        ChoiceField("case", "Case size", sizes, lambda p: coin(p).case.name,
                    lambda p, name: _coin_with(p, case=coin_sizes()[str(name)]),
                    tip="Standard cases; part masses and volumes from resources/cells/coin_sizes.toml"),
        _diameter("cathode", "Cathode"),
        _diameter("anode", "Anode"),
        _diameter("separator", "Separator"),
        NumberField("spacers", "Spacers", "", 1.0, 0, 10, lambda p: float(coin(p).spacers),
                    lambda p, v: _coin_with(p, spacers=whole_or_float(v)), whole=True),
    ]  # fmt: skip


# -- thin-film chip --------------------------------------------------------------------------------
chip, _chip_with = format_access(ThinFilmChip)


def _chip_rect(name: str, label: str) -> list[NumberField]:
    return rectangle_fields(
        f"chip_{name}", label, lambda p: getattr(chip(p), name), lambda p, r: _chip_with(p, **{name: r})
    )


def _die(p: Project, **changes: float) -> Project:
    """A new die; the lid keeps covering it (it has the die's outline)."""
    die = replace(chip(p).die, **changes)
    lid = chip(p).lid
    if lid is not None:
        lid = replace(lid, width_m=die.width_m, height_m=die.height_m)
    return _chip_with(p, die=die, lid=lid)


def _lid(p: Project, thickness_m: float | None = None, density: float | None = None) -> Project:
    die, lid = chip(p).die, chip(p).lid
    if thickness_m == 0.0:
        return _chip_with(p, lid=None)  # a bare die

    def glass_lid() -> Slab:
        return Slab(die.width_m, die.height_m, 100 * UM, GLASS_KG_M3)

    return _chip_with(p, lid=edited_part(lid, glass_lid, thickness_m=thickness_m, density_kg_m3=density))


def chip_fields() -> list[Field]:
    layouts = (("side by side", ChipLayout.SIDE_BY_SIDE), ("stacked", ChipLayout.STACKED))
    connections = (("parallel", Connection.PARALLEL), ("series", Connection.SERIES))
    return [
        NumberField("die_width", "Die width", "mm", MM, *SIZE_MM, lambda p: chip(p).die.width_m,
                    lambda p, v: _die(p, width_m=v)),
        NumberField("die_height", "Die height", "mm", MM, *SIZE_MM, lambda p: chip(p).die.height_m,
                    lambda p, v: _die(p, height_m=v)),
        NumberField("die_thickness", "Die thickness", "µm", UM, 1.0, 10_000.0,
                    lambda p: chip(p).die.thickness_m, lambda p, v: _die(p, thickness_m=v)),
        NumberField("die_density", "Die density", "g/cm³", G_CM3, 0.01, 25.0,
                    lambda p: chip(p).die.density_kg_m3, lambda p, v: _die(p, density_kg_m3=v)),
        NumberField("cells", "Cells on the die", "", 1.0, 1, 1000, lambda p: float(chip(p).cells),
                    lambda p, v: _chip_with(p, cells=whole_or_float(v)), whole=True),
        ChoiceField("layout", "Layout", layouts, lambda p: chip(p).layout,
                    lambda p, v: _chip_with(p, layout=v)),
        ChoiceField("connection", "Connection", connections, lambda p: chip(p).connection,
                    lambda p, v: _chip_with(p, connection=v)),
        *_chip_rect("cathode", "Cathode"),
        *_chip_rect("anode", "Anode"),
        *_chip_rect("electrolyte", "Electrolyte"),
        NumberField("chip_lid_thickness", "Lid thickness", "µm", UM, 0.0, 10_000.0,
                    lambda p: chip(p).lid.thickness_m if chip(p).lid is not None else 0.0,  # type: ignore[union-attr]
                    lambda p, v: _lid(p, thickness_m=v), special="no lid"),
        NumberField("chip_lid_density", "Lid density", "g/cm³", G_CM3, 0.01, 25.0,
                    lambda p: chip(p).lid.density_kg_m3 if chip(p).lid is not None else 0.0,  # type: ignore[union-attr]
                    lambda p, v: _lid(p, density=v), visible=lambda p: chip(p).lid is not None),
    ]  # fmt: skip


# -- fixture and fill (any format) -----------------------------------------------------------------
def face_size_m(p: Project) -> tuple[float, float]:
    """The face a fixture presses on: the pouch's outline, the coin's diameter, the die, or the
    square of a planar stack's footprint."""
    fmt = p.cell_format
    if isinstance(fmt, StackedPouch):
        return fmt.outline.width_m, fmt.outline.height_m
    if isinstance(fmt, CoinCell):
        return fmt.case.diameter_m, fmt.case.diameter_m
    if isinstance(fmt, ThinFilmChip):
        return fmt.die.width_m, fmt.die.height_m
    side = math.sqrt(p.stack.footprint_area_m2)
    return side, side


def _fixture(p: Project, **changes: Any) -> Project:
    if p.fixture is None:
        raise TypeError("no fixture")
    return replace(p, fixture=replace(p.fixture, **changes))


def _has_fixture(p: Project) -> bool:
    return p.fixture is not None


def _fixture_number(key: str, label: str, unit: str, scale: float, attribute: str, low: float,
                    high: float, whole: bool = False) -> NumberField:  # fmt: skip
    def get(p: Project) -> float:
        return float(getattr(p.fixture, attribute)) if p.fixture is not None else 0.0

    def put(p: Project, value: float) -> Project:
        return _fixture(p, **{attribute: whole_or_float(value) if whole else value})

    return NumberField(key, label, unit, scale, low, high, get, put, whole=whole, visible=_has_fixture)


def fixture_fields() -> list[Field]:
    return [
        FlagField("fixture", "Pressure fixture", _has_fixture,
                  lambda p, on: replace(p, fixture=default_fixture(*face_size_m(p)) if on else None),
                  tip="End plates and bolts holding the stack pressure: a level of its own"),
        _fixture_number("plate_width", "Plate width", "mm", MM, "plate_width_m", *SIZE_MM),
        _fixture_number("plate_height", "Plate height", "mm", MM, "plate_height_m", *SIZE_MM),
        _fixture_number("plate_thickness", "Plate thickness", "mm", MM, "plate_thickness_m", 0.01, 1000.0),
        _fixture_number("plate_density", "Plate density", "g/cm³", G_CM3, "plate_density_kg_m3", 0.01, 25.0),
        _fixture_number("plates", "Plates", "", 1.0, "plates", 1, 10, whole=True),
        _fixture_number("hardware", "Bolts and springs", "g", G, "hardware_mass_kg", 0.0, 1e6),
        _fixture_number("pressure", "Stack pressure", "MPa", MPA, "stack_pressure_Pa", 0.0, 1000.0),
    ]  # fmt: skip


def _fill(p: Project, volume_m3_C: float | None = None, density: float | None = None) -> Project:
    if volume_m3_C == 0.0:
        return replace(p, fill=None)

    def liquid() -> ElectrolyteFill:
        return ElectrolyteFill(ml_per_ah(1.0), LIQUID_KG_M3)

    fill = edited_part(p.fill, liquid, volume_per_charge_m3_C=volume_m3_C, density_kg_m3=density)
    return replace(p, fill=fill)


def fill_fields() -> list[Field]:
    return [
        NumberField("fill", "Liquid or gel fill", "mL/Ah", 1.0, 0.0, 10.0,
                    lambda p: to_ml_per_ah(p.fill.volume_per_charge_m3_C) if p.fill is not None else 0.0,
                    lambda p, v: _fill(p, volume_m3_C=ml_per_ah(v)), special="none",
                    tip="A catholyte or electrolyte added per capacity (hybrid cells): mass, no volume"),
        NumberField("fill_density", "Fill density", "g/cm³", G_CM3, 0.01, 25.0,
                    lambda p: p.fill.density_kg_m3 if p.fill is not None else 0.0,
                    lambda p, v: _fill(p, density=v), visible=lambda p: p.fill is not None),
    ]  # fmt: skip


# -- the design's energy definition -----------------------------------------------------------------
def _energy_definition(p: Project, value: object) -> Project:
    return replace(p, simulation=replace(p.simulation, energy_definition=EnergyDefinition(str(value))))


def simulation_fields() -> list[Field]:
    definitions = (
        ("auto: OCV integral where both electrodes have a curve", EnergyDefinition.AUTO),
        ("OCV integral", EnergyDefinition.OCV_INTEGRAL),
        ("material average voltages", EnergyDefinition.AVERAGE_VOLTAGE),
    )
    return [
        ChoiceField("energy_definition", "Energy from", definitions,
                    lambda p: p.simulation.energy_definition,
                    _energy_definition,
                    tip="How the energy (and so every Wh/kg and Wh/L) is computed from the voltage"),
    ]  # fmt: skip
