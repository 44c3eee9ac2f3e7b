"""What a format makes of the repeat unit: how many of each sheet, how large, inside what housing.

Every format reduces to a ``Placement`` (counts and areas per sheet kind) and an ``Assembly``
(the parts and the outer box). Masses and thicknesses then follow by one dot product over the
unit's layers, whatever the number of units.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from cellstack.core.cell.repeat_unit import FOILS, SHEET_SLOT, RepeatUnit, Sheet
from cellstack.core.cell.results import Component
from cellstack.core.errors import InputError
from cellstack.core.material import Role


@dataclass(frozen=True, slots=True)
class Placement:
    """How a format lays out its units. Areas in m² per sheet, counts over the whole cell."""

    units: int
    capacity_area_m2: float  # per unit: where cathode faces anode
    area_m2: Mapping[Sheet, float]
    count: Mapping[Sheet, float]
    foil_share: float  # foils of each kind per unit at the repeat-unit level (1 own, 0.5 shared)
    series: int = 1  # cells in series: their voltages add, the capacity is one cell's
    sheet_area_m2: Mapping[Sheet, float] = field(init=False, repr=False, compare=False)  # count x area
    # count and sheet_area_m2 by SHEET_SLOT, 0 for sheets the format has none of
    count_by_slot: tuple[float, ...] = field(init=False, repr=False, compare=False)
    sheet_area_by_slot: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        total = {sheet: self.count.get(sheet, 0.0) * area for sheet, area in self.area_m2.items()}
        object.__setattr__(self, "sheet_area_m2", total)
        object.__setattr__(self, "count_by_slot", tuple(self.count.get(sheet, 0.0) for sheet in SHEET_SLOT))
        object.__setattr__(self, "sheet_area_by_slot", tuple(total.get(sheet, 0.0) for sheet in SHEET_SLOT))


class Assembly(NamedTuple):
    """The placement, and the package around the stack with the box that gives the cell's volume
    (m, m³). One per compute: a NamedTuple, as the rows in results.py are, for speed."""

    placement: Placement
    unit: RepeatUnit
    layers_mass_kg: float  # the unit's layers over all their copies, those with a density
    layers_known: bool  # False when a layer present in the cell has no density
    parts: tuple[Component, ...]  # the housing's parts
    volume_m3: float
    thickness_m: float
    face_width_m: float  # the outline a fixture's plates press on
    face_height_m: float
    housing_word: str = "housing"  # what the format's housing is called in its note
    more_notes: tuple[str, ...] = ()  # what else the format assumed, in plain words

    def notes(self) -> tuple[str, ...]:
        """What the format replaced or assumed. Written when read, as the breakdown is: a live
        recompute shows numbers, the Cell panel and the report show these."""
        return (*housing_notes(self.unit, self.housing_word), *self.more_notes)

    def components(self) -> tuple[Component, ...]:
        """The breakdown: one row per layer over all its copies in the cell, then the housing's
        parts. Listed only when read: a live recompute needs the sums, not the rows."""
        return (*layer_components(self.unit, self.placement), *self.parts)


def stacked_counts(
    units: int, *, shared_foils: bool, outer: Role = Role.ANODE, dead_outer_coatings: bool = False
) -> dict[Sheet, float]:
    """How many sheets of each kind a stack of ``units`` electrode pairs holds.

    Without shared foils every unit keeps its own two collectors. With shared foils (double-sided
    electrodes) the units alternate in orientation and N units hold N + 1 foils: for even N both
    outer foils are of the ``outer`` electrode, for odd N one of each. ``dead_outer_coatings``
    puts a coating on the outside of the outer foils too (the same double-sided electrode used
    everywhere): it counts in mass and thickness but faces no counter-electrode.
    """
    n = float(units)
    if not shared_foils:
        return dict.fromkeys((Sheet.CATHODE, Sheet.SEPARATOR, Sheet.ANODE, *FOILS), n)
    if units % 2:
        cathode_foils = anode_foils = (units + 1) // 2
        outer_cathodes = outer_anodes = 1
    elif outer is Role.ANODE:
        cathode_foils, anode_foils = units // 2, units // 2 + 1
        outer_cathodes, outer_anodes = 0, 2
    else:
        cathode_foils, anode_foils = units // 2 + 1, units // 2
        outer_cathodes, outer_anodes = 2, 0
    dead = 1.0 if dead_outer_coatings else 0.0
    return {
        Sheet.CATHODE: n + dead * outer_cathodes,
        Sheet.SEPARATOR: n,
        Sheet.ANODE: n + dead * outer_anodes,
        Sheet.CATHODE_FOIL: float(cathode_foils),
        Sheet.ANODE_FOIL: float(anode_foils),
    }


def stack_thickness_m(unit: RepeatUnit, placement: Placement) -> float:
    """All sheets on top of each other, with the lithium each unit plates on charge."""
    return layer_sums(unit, placement)[2]


def layer_sums(unit: RepeatUnit, placement: Placement) -> tuple[float, bool, float]:
    """The unit's layers over all their copies in one pass, without a row each: their mass (of
    those with a density, kg), whether every layer present has one, and the stack's thickness
    with the lithium each unit plates (m)."""
    sheet_area, count = placement.sheet_area_by_slot, placement.count_by_slot
    thickness = mass = 0.0
    known = True
    for row, slot in zip(unit.metrics.layers, unit.slots, strict=True):
        thickness += count[slot] * row.thickness_m
        times_area = sheet_area[slot]
        if times_area > 0.0:
            per_area = row.mass_per_area_kg_m2
            if per_area is None:
                known = False
            else:
                mass += times_area * per_area
    return mass, known, thickness + placement.units * unit.plated_m


def layer_components(unit: RepeatUnit, placement: Placement) -> list[Component]:
    """One breakdown row per layer of the unit present in the cell, over all its copies."""
    rows = []
    sheet_area = placement.sheet_area_by_slot
    for row, slot in zip(unit.metrics.layers, unit.slots, strict=True):
        times_area = sheet_area[slot]
        if times_area > 0.0:
            per_area = row.mass_per_area_kg_m2
            mass = times_area * per_area if per_area is not None else None
            rows.append(Component(row.name, mass, times_area * row.thickness_m))
    return rows


def housing_notes(unit: RepeatUnit, what: str) -> tuple[str, ...]:
    """Say which substrate or encapsulation layers of the unit the format's housing replaces."""
    replaced = [
        layer.name
        for layer, sheet in zip(unit.stack.layers, unit.sheets, strict=True)
        if sheet is Sheet.HOUSING
    ]
    if not replaced:
        return ()
    return (f"{', '.join(replaced)} of the repeat unit not counted: the {what} is the housing.",)


def require_stack_fits(field: str, stack_m: float, box_m: float) -> None:
    if stack_m > box_m * (1 + 1e-12):
        raise InputError(field, box_m, f"at least the stack it holds ({stack_m * 1e3:.4g} mm)")
