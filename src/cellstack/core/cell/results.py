"""What compute_cell returns: immutable results by level, with units in their names (SI).

The rows made on every recompute (a level, a breakdown row) are typed NamedTuples rather than
frozen dataclasses: a frozen dataclass's __init__ sets each field through object.__setattr__,
which makes one cost about three times as much (0.8 against 0.27 µs for a level on Python
3.11), and a cell's own work is a handful of such records next to its unit's metrics
(benchmarks/cell_speed.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple, Protocol

from cellstack.core.metrics import Metrics


class CellLevel(StrEnum):
    """Which parts a density counts, from the electrochemical core out to the fixture."""

    ELECTRODE_PAIR = "electrode_pair"  # electrodes, electrolytes, buffers over the capacity area
    REPEAT_UNIT = "repeat_unit"  # + collectors, shared foils counted once per unit as built
    CELL = "cell"  # everything inside and including the package, over the cell's outer box
    CELL_WITH_FIXTURE = "cell_with_fixture"  # + end plates and hardware holding the pressure


class CellLevelMetrics(NamedTuple):
    """One level's totals. A NamedTuple for speed (see the module's note); read it by name."""

    level: CellLevel
    mass_kg: float
    volume_m3: float
    thickness_m: float | None  # None where a thickness means nothing (a planar cell's fixture)
    specific_energy_J_kg: float | None  # None when the energy or a mass is unknown
    energy_density_J_m3: float | None


class Component(NamedTuple):
    """One row of the cell-level breakdown: a layer of all units together, or a housing part."""

    name: str
    mass_kg: float | None  # None when the layer's density is unknown
    volume_m3: float | None  # None when only a mass was given (terminals by mass)


class PartList(Protocol):
    """Where a cell's breakdown rows come from (a format's assembly, or rows already made)."""

    def components(self) -> tuple[Component, ...]: ...

    def notes(self) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class Listed:
    """Breakdown rows made already (a planar cell takes them from its stack's layers)."""

    rows: tuple[Component, ...]

    def components(self) -> tuple[Component, ...]:
        return self.rows

    def notes(self) -> tuple[str, ...]:
        return ()


class CellMetrics(NamedTuple):
    """Everything a cell reports. ``repeat_unit`` is the stack's own metrics, computed once.

    The levels hold every total; the rows of ``breakdown`` and the ``notes`` are written when
    read (a live recompute needs the totals, not the rows). A NamedTuple for speed (see the module's note).
    """

    format: str  # "planar", "stacked_pouch", "coin" or "thin_film_chip"
    units: int  # repeat units (electrode pairs) in the cell
    capacity_C: float | None
    voltage_V: float | None  # average discharge voltage of the cell (series cells add up)
    energy_J: float | None
    levels: tuple[CellLevelMetrics, ...]
    parts: PartList  # the format's rows of the breakdown
    added: tuple[Component, ...]  # cell-level rows after the format's: extra mass, fill
    repeat_unit: Metrics
    stack_pressure_Pa: float | None  # recorded from the fixture; no mechanics model

    def __repr__(self) -> str:  # the parts hold the whole stack: leave them out
        return f"CellMetrics({self.format!r}, units={self.units}, levels={self.levels!r})"

    @property
    def notes(self) -> tuple[str, ...]:
        """What the format replaced or assumed, in plain words (written when read)."""
        return self.parts.notes()

    @property
    def breakdown(self) -> tuple[Component, ...]:
        """The cell level per component: each layer over all its copies, then the other parts."""
        return (*self.parts.components(), *self.added)

    @property
    def valid(self) -> bool:
        return self.repeat_unit.valid

    def level(self, level: CellLevel) -> CellLevelMetrics:
        return next(m for m in self.levels if m.level is level)

    def has_level(self, level: CellLevel) -> bool:
        return any(m.level is level for m in self.levels)
