"""The repeat unit as a cell sees it: each layer's sheet, mass per area and thickness.

The stack's metrics are computed once; a cell only multiplies these per-area numbers by the
areas and counts of its format, so the cost does not grow with the number of units.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from cellstack.core.material import Role
from cellstack.core.metrics import Level, Metrics
from cellstack.core.metrics.structure import Sides, analyse
from cellstack.core.stack import Stack


class Sheet(StrEnum):
    """Which sheet of a cell a layer belongs to; each sheet kind has one outline per format."""

    CATHODE = "cathode"  # the cathode and buffers on its side of the electrolyte
    SEPARATOR = "separator"  # the solid-electrolyte (or separator) sheet
    ANODE = "anode"  # the anode and buffers on its side of the electrolyte
    CATHODE_FOIL = "cathode_foil"  # collector behind the cathode (with its tab)
    ANODE_FOIL = "anode_foil"  # collector behind the anode, or where lithium plates
    HOUSING = "housing"  # substrate and encapsulation: replaced by a format's housing


FOILS = (Sheet.CATHODE_FOIL, Sheet.ANODE_FOIL)


@dataclass(frozen=True, slots=True)
class RepeatUnit:
    """Per-layer numbers of one unit, aligned with ``stack.layers``. SI units."""

    stack: Stack
    metrics: Metrics
    sheets: tuple[Sheet, ...]
    mass_per_area_kg_m2: NDArray[np.float64]  # 0 where unknown; see ``masses_known``
    thickness_m: NDArray[np.float64]
    masses_known: bool
    plated_m: float  # lithium plated per unit on charge (anode-free), else 0

    @property
    def energy_per_area_J_m2(self) -> float | None:
        energy = self.metrics.energy_J
        return energy / self.stack.active_area_m2 if energy is not None else None

    @property
    def charge_per_area_C_m2(self) -> float | None:
        return self.metrics.cell_capacity_C_m2

    def per_area(self, level: Level) -> tuple[float, float]:
        """Mass (kg/m²) and thickness (m) of a stack level, per unit of active area."""
        row = self.metrics.level(level)
        return row.mass_kg / self.stack.active_area_m2, row.thickness_m

    def sheet_thickness_m(self, sheet: Sheet) -> float:
        chosen = [t for t, s in zip(self.thickness_m, self.sheets, strict=True) if s is sheet]
        return float(sum(chosen))

    def has_sheet(self, sheet: Sheet) -> bool:
        return sheet in self.sheets


def repeat_unit(stack: Stack, metrics: Metrics) -> RepeatUnit:
    sides, _ = analyse(stack)
    rows = metrics.layers
    known = all(row.mass_per_area_kg_m2 is not None for row in rows)
    return RepeatUnit(
        stack=stack,
        metrics=metrics,
        sheets=classify(stack, sides),
        mass_per_area_kg_m2=np.array([row.mass_per_area_kg_m2 or 0.0 for row in rows], dtype=float),
        thickness_m=np.array([row.thickness_m for row in rows], dtype=float),
        masses_known=known,
        plated_m=metrics.plated_lithium_m or 0.0,
    )


def classify(stack: Stack, sides: Sides) -> tuple[Sheet, ...]:
    """Give every layer its sheet, by its role and on which side of the electrolyte it lies.

    A stack the structure check cannot read (no cathode, ...) is invalid anyway; its layers are
    then placed by role alone so that a mass can still be shown next to the error.
    """
    cathode = sides.cathode
    other = sides.anode if sides.anode is not None else sides.anode_side_collector
    electrolytes = [i for i in sides.between if stack.layers[i].role is Role.ELECTROLYTE]
    sheets: list[Sheet] = []
    for index, layer in enumerate(stack.layers):
        role = layer.role
        if role.spans_footprint:
            sheets.append(Sheet.HOUSING)
        elif role is Role.ELECTROLYTE:
            sheets.append(Sheet.SEPARATOR)
        elif role is Role.CATHODE:
            sheets.append(Sheet.CATHODE)
        elif role is Role.ANODE:
            sheets.append(Sheet.ANODE)
        elif cathode is None or other is None:
            sheets.append(Sheet.CATHODE_FOIL if role is Role.CURRENT_COLLECTOR else Sheet.SEPARATOR)
        elif role is Role.CURRENT_COLLECTOR:
            sheets.append(_foil_side(index, cathode, other))
        else:  # buffers and additives: with the electrode on their side of the electrolyte
            sheets.append(_electrode_side(index, cathode, other, electrolytes))
    return tuple(sheets)


def _foil_side(index: int, cathode: int, other: int) -> Sheet:
    towards_anode = 1 if other > cathode else -1
    if (index - cathode) * towards_anode < 0:
        return Sheet.CATHODE_FOIL
    return Sheet.ANODE_FOIL


def _electrode_side(index: int, cathode: int, other: int, electrolytes: list[int]) -> Sheet:
    if electrolytes:
        nearest_c = min(electrolytes, key=lambda e: abs(e - cathode))
        if abs(index - cathode) < abs(nearest_c - cathode):
            return Sheet.CATHODE
        return Sheet.ANODE
    return Sheet.CATHODE if abs(index - cathode) <= abs(index - other) else Sheet.ANODE
