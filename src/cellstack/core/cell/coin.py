"""The coin cell: one unit of electrode discs in a standard case with spacer(s) and a spring.

The case data (dimensions, part masses and volumes) come from resources/cells/coin_sizes.toml
through the io loader; the core takes them as plain numbers. Drawing and equations: docs/cells.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import ClassVar

from cellstack.core.cell.assembly import (
    Assembly,
    Placement,
    layer_sums,
    require_stack_fits,
)
from cellstack.core.cell.geometry import disc_area_m2, require_count, require_length
from cellstack.core.cell.repeat_unit import RepeatUnit, Sheet
from cellstack.core.cell.results import Component
from cellstack.core.errors import InputError
from cellstack.core.validation import require_range

MAX_SPACERS = 10


@dataclass(frozen=True, slots=True)
class CoinPart:
    """One part of a coin cell's hardware: mass (kg) and the volume of its material (m³)."""

    name: str
    mass_kg: float
    volume_m3: float

    def __post_init__(self) -> None:
        require_range(f"{self.name}.mass", self.mass_kg, 0.0, 1.0, "kg")
        require_range(f"{self.name}.volume", self.volume_m3, 0.0, 1e-3, "m³")


@dataclass(frozen=True, slots=True)
class CoinCase:
    """A standard coin-cell size: outer cylinder (m) and its hardware.

    ``parts`` are the case (can), cap, gasket and spring, one of each; a spacer may be used
    several times. ``inner_height_m`` is the room between can and cap the stack, spacers and
    the compressed spring share.
    """

    name: str
    diameter_m: float
    height_m: float
    inner_height_m: float
    parts: tuple[CoinPart, ...]
    spacer: CoinPart
    spacer_thickness_m: float
    spring_compressed_m: float
    source: str = ""

    def __post_init__(self) -> None:
        require_length(f"{self.name}.diameter", self.diameter_m)
        require_length(f"{self.name}.height", self.height_m)
        require_range(f"{self.name}.inner_height", self.inner_height_m, 0.0, self.height_m, "m")
        require_length(f"{self.name}.spacer_thickness", self.spacer_thickness_m)
        require_range(f"{self.name}.spring_compressed", self.spring_compressed_m, 0.0, self.height_m, "m")

    @property
    def volume_m3(self) -> float:
        return disc_area_m2(self.diameter_m) * self.height_m


@dataclass(frozen=True, slots=True)
class CoinCell:
    """One electrode pair as discs (diameters in m) in a coin case."""

    kind: ClassVar[str] = "coin"

    case: CoinCase
    cathode_diameter_m: float
    anode_diameter_m: float
    separator_diameter_m: float
    spacers: int = 1
    _placement: Placement = field(init=False, repr=False, compare=False)  # worked out once

    def __post_init__(self) -> None:
        require_length("coin.cathode_diameter", self.cathode_diameter_m)
        require_length("coin.anode_diameter", self.anode_diameter_m)
        require_length("coin.separator_diameter", self.separator_diameter_m)
        require_count("coin.spacers", self.spacers, 0, MAX_SPACERS)
        for name, diameter in (("cathode", self.cathode_diameter_m), ("anode", self.anode_diameter_m)):
            if diameter > self.separator_diameter_m * (1 + 1e-12):
                raise InputError(
                    f"coin.{name}_diameter",
                    diameter,
                    f"at most the separator's ({self.separator_diameter_m:g} m)",
                )
        if self.separator_diameter_m > self.case.diameter_m:
            raise InputError(
                "coin.separator_diameter",
                self.separator_diameter_m,
                f"at most the case's diameter ({self.case.diameter_m:g} m)",
            )
        object.__setattr__(self, "_placement", self._make_placement())

    def placement(self) -> Placement:
        return self._placement

    def _make_placement(self) -> Placement:
        cathode = disc_area_m2(self.cathode_diameter_m)
        anode = disc_area_m2(self.anode_diameter_m)
        areas = {
            Sheet.CATHODE: cathode,
            Sheet.SEPARATOR: disc_area_m2(self.separator_diameter_m),
            Sheet.ANODE: anode,
            Sheet.CATHODE_FOIL: cathode,
            Sheet.ANODE_FOIL: anode,
        }
        counts = dict.fromkeys(areas, 1.0)
        return Placement(1, min(cathode, anode), areas, counts, foil_share=1.0)

    def assemble(self, unit: RepeatUnit) -> Assembly:
        placement = self.placement()
        mass, known, stack_m = layer_sums(unit, placement)
        case = self.case
        needed = stack_m + self.spacers * case.spacer_thickness_m + case.spring_compressed_m
        require_stack_fits(f"{case.name}.inner_height", needed, case.inner_height_m)
        parts = [Component(p.name, p.mass_kg, p.volume_m3) for p in case.parts]
        if self.spacers:
            spacer = case.spacer
            parts.append(
                Component(
                    f"{spacer.name} x{self.spacers}",
                    spacer.mass_kg * self.spacers,
                    spacer.volume_m3 * self.spacers,
                )
            )
        side = case.diameter_m * math.sqrt(math.pi) / 2.0  # the square of the same area, for a fixture
        return Assembly(
            placement,
            unit,
            mass,
            known,
            parts=tuple(parts),
            volume_m3=case.volume_m3,
            thickness_m=case.height_m,
            face_width_m=side,
            face_height_m=side,
            housing_word=f"{case.name} case",
        )
