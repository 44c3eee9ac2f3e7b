"""The thin-film chip: one or more cells on a substrate die under a lid, as a datasheet states it.

Capacity, energy and Wh/L are those of the packaged part: the die, the cells and the lid, over
the die's outline times the part's height. Drawing and equations: docs/cells.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

from cellstack.core.cell.assembly import (
    Assembly,
    Placement,
    layer_sums,
    stacked_counts,
)
from cellstack.core.cell.geometry import (
    Rectangle,
    overlap_m2,
    require_count,
    require_density,
    require_inside,
    require_length,
)
from cellstack.core.cell.repeat_unit import RepeatUnit, Sheet
from cellstack.core.cell.results import Component
from cellstack.core.material import Role

MAX_CELLS = 1000


class ChipLayout(StrEnum):
    SIDE_BY_SIDE = "side_by_side"  # cells in a row across the die's width, each with its own collectors
    STACKED = "stacked"  # cells on top of each other, neighbours sharing a collector


class Connection(StrEnum):
    PARALLEL = "parallel"  # capacities add
    SERIES = "series"  # voltages add


@dataclass(frozen=True, slots=True)
class Slab:
    """A die or a lid: outline w x h (m), thickness (m) and the density of its material (kg/m³)."""

    width_m: float
    height_m: float
    thickness_m: float
    density_kg_m3: float

    def __post_init__(self) -> None:
        require_length("width", self.width_m)
        require_length("height", self.height_m)
        require_length("thickness", self.thickness_m)
        require_density("density", self.density_kg_m3)

    @property
    def outline(self) -> Rectangle:
        return Rectangle(self.width_m, self.height_m)

    @property
    def volume_m3(self) -> float:
        return self.width_m * self.height_m * self.thickness_m


@dataclass(frozen=True, slots=True)
class ThinFilmChip:
    """``cells`` thin-film cells of the repeat unit's layers on ``die``, under ``lid``.

    Each cell's cathode, electrolyte and anode have their own outlines (the collectors lie under
    their electrodes). A lid covers the whole die; None for a bare die. Substrate and
    encapsulation layers of the repeat unit are not counted: the die and the lid replace them.
    """

    kind: ClassVar[str] = "thin_film_chip"

    die: Slab
    cathode: Rectangle
    anode: Rectangle
    electrolyte: Rectangle
    cells: int = 1
    layout: ChipLayout = ChipLayout.SIDE_BY_SIDE
    connection: Connection = Connection.PARALLEL
    lid: Slab | None = None
    _placement: Placement = field(init=False, repr=False, compare=False)  # worked out once

    def __post_init__(self) -> None:
        require_count("chip.cells", self.cells, 1, MAX_CELLS)
        require_inside("chip.cathode", self.cathode, self.electrolyte, "electrolyte")
        require_inside("chip.anode", self.anode, self.electrolyte, "electrolyte")
        across = self.cells if self.layout is ChipLayout.SIDE_BY_SIDE else 1
        cells = Rectangle(self.electrolyte.width_m * across, self.electrolyte.height_m)
        require_inside("chip.cells", cells, self.die.outline, "die")
        if self.lid is not None:
            require_inside("chip.lid", self.die.outline, self.lid.outline, "lid (it covers the die)")
        object.__setattr__(self, "_placement", self._make_placement())

    def placement(self) -> Placement:
        return self._placement

    def _make_placement(self) -> Placement:
        stacked = self.layout is ChipLayout.STACKED
        if stacked and self.connection is Connection.SERIES:
            # Bipolar: each inner foil is anode collector below and cathode collector above; it is
            # counted as the cathode's collector (deposited first), plus one anode foil on top.
            n = float(self.cells)
            counts = {
                Sheet.CATHODE: n,
                Sheet.SEPARATOR: n,
                Sheet.ANODE: n,
                Sheet.CATHODE_FOIL: n,
                Sheet.ANODE_FOIL: 1.0,
            }
        else:
            counts = stacked_counts(self.cells, shared_foils=stacked, outer=Role.CATHODE)
        areas = {
            Sheet.CATHODE: self.cathode.area_m2,
            Sheet.SEPARATOR: self.electrolyte.area_m2,
            Sheet.ANODE: self.anode.area_m2,
            Sheet.CATHODE_FOIL: self.cathode.area_m2,
            Sheet.ANODE_FOIL: self.anode.area_m2,
        }
        series = self.cells if self.connection is Connection.SERIES else 1
        share = 0.5 if stacked and self.connection is Connection.PARALLEL else 1.0
        return Placement(self.cells, overlap_m2(self.cathode, self.anode), areas, counts, share, series)

    def assemble(self, unit: RepeatUnit) -> Assembly:
        placement = self.placement()
        die = self.die
        mass, known, stack_m = layer_sums(unit, placement)
        if self.layout is ChipLayout.SIDE_BY_SIDE:
            stack_m /= self.cells  # side by side, the part is as high as one cell
        parts = [Component("substrate die", die.volume_m3 * die.density_kg_m3, die.volume_m3)]
        height = die.thickness_m + stack_m
        outline = die.outline
        if self.lid is not None:
            lid = self.lid
            parts.append(Component("lid", lid.volume_m3 * lid.density_kg_m3, lid.volume_m3))
            height += lid.thickness_m
            outline = lid.outline
        return Assembly(
            placement,
            unit,
            mass,
            known,
            parts=tuple(parts),
            volume_m3=outline.area_m2 * height,
            thickness_m=height,
            face_width_m=outline.width_m,
            face_height_m=outline.height_m,
            housing_word="die and lid" if self.lid is not None else "die",
        )
