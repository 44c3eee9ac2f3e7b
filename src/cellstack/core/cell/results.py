"""What compute_cell returns: frozen results by level, with units in their names (SI)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cellstack.core.metrics import Metrics


class CellLevel(StrEnum):
    """Which parts a density counts, from the electrochemical core out to the fixture."""

    ELECTRODE_PAIR = "electrode_pair"  # electrodes, electrolytes, buffers over the capacity area
    REPEAT_UNIT = "repeat_unit"  # + collectors, shared foils counted once per unit as built
    CELL = "cell"  # everything inside and including the package, over the cell's outer box
    CELL_WITH_FIXTURE = "cell_with_fixture"  # + end plates and hardware holding the pressure


@dataclass(frozen=True, slots=True)
class CellLevelMetrics:
    level: CellLevel
    mass_kg: float
    volume_m3: float
    thickness_m: float | None  # None where a thickness means nothing (a planar cell's fixture)
    specific_energy_J_kg: float | None  # None when the energy or a mass is unknown
    energy_density_J_m3: float | None


@dataclass(frozen=True, slots=True)
class Component:
    """One row of the cell-level breakdown: a layer of all units together, or a housing part."""

    name: str
    mass_kg: float | None  # None when the layer's density is unknown
    volume_m3: float | None  # None when only a mass was given (terminals by mass)


@dataclass(frozen=True, slots=True)
class CellMetrics:
    """Everything a cell reports. ``repeat_unit`` is the stack's own metrics, computed once."""

    format: str  # "planar", "stacked_pouch", "coin" or "thin_film_chip"
    units: int  # repeat units (electrode pairs) in the cell
    capacity_C: float | None
    voltage_V: float | None  # average discharge voltage of the cell (series cells add up)
    energy_J: float | None
    levels: tuple[CellLevelMetrics, ...]
    breakdown: tuple[Component, ...]  # at the cell level
    repeat_unit: Metrics
    stack_pressure_Pa: float | None  # recorded from the fixture; no mechanics model
    notes: tuple[str, ...] = ()  # what the format replaced or assumed, in plain words

    @property
    def valid(self) -> bool:
        return self.repeat_unit.valid

    def level(self, level: CellLevel) -> CellLevelMetrics:
        return next(m for m in self.levels if m.level is level)

    def has_level(self, level: CellLevel) -> bool:
        return any(m.level is level for m in self.levels)
