"""What a format makes of the repeat unit: how many of each sheet, how large, inside what housing.

Every format reduces to a ``Placement`` (counts and areas per sheet kind) and a ``Housing``
(the parts and the outer box). Masses and thicknesses then follow by one dot product over the
unit's layers, whatever the number of units.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from cellstack.core.cell.repeat_unit import FOILS, RepeatUnit, Sheet
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


@dataclass(frozen=True, slots=True)
class Housing:
    """The package around the stack, and the box that gives the cell's volume (m, m³)."""

    components: tuple[Component, ...]
    volume_m3: float
    thickness_m: float
    face_width_m: float  # the outline a fixture's plates press on
    face_height_m: float


@dataclass(frozen=True, slots=True)
class Assembly:
    placement: Placement
    housing: Housing
    notes: tuple[str, ...] = ()


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


def _counts(unit: RepeatUnit, placement: Placement) -> np.ndarray:
    return np.array([placement.count.get(sheet, 0.0) for sheet in unit.sheets], dtype=float)


def _areas(unit: RepeatUnit, placement: Placement) -> np.ndarray:
    return np.array([placement.area_m2.get(sheet, 0.0) for sheet in unit.sheets], dtype=float)


def stack_thickness_m(unit: RepeatUnit, placement: Placement) -> float:
    """All sheets on top of each other, with the lithium each unit plates on charge."""
    return float(_counts(unit, placement) @ unit.thickness_m) + placement.units * unit.plated_m


def layer_components(unit: RepeatUnit, placement: Placement) -> list[Component]:
    """One breakdown row per layer of the unit, over all its copies in the cell."""
    times_area = _counts(unit, placement) * _areas(unit, placement)
    masses = times_area * unit.mass_per_area_kg_m2
    volumes = times_area * unit.thickness_m
    rows = []
    for index, layer in enumerate(unit.stack.layers):
        if times_area[index] <= 0.0:
            continue
        known = unit.metrics.layers[index].mass_per_area_kg_m2 is not None
        rows.append(Component(layer.name, float(masses[index]) if known else None, float(volumes[index])))
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
