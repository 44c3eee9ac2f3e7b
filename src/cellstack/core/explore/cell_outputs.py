"""The cell's outputs a design study can ask for, by their place in `compute --json`'s ``cell`` object.

A key is ``cell.`` then the JSON key (``cell.energy_Wh``, ``cell.levels.cell.specific_energy_Wh_kg``),
in the JSON's units. They are read from a :class:`~cellstack.core.cell.CellMetrics`, which only
the project (the cell around the stack) can give, so they are never computed by the vectorised
sweep. A level the cell's format does not have (no fixture) or a value it lacks is NaN.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from cellstack.core import units as u
from cellstack.core.cell import CellLevel, CellLevelMetrics, CellMetrics

CellGetter = Callable[[CellMetrics], float | None]
LevelGetter = Callable[[CellLevelMetrics], float | None]
CELL_PREFIX = "cell."


def _per(value: float | None, unit: float) -> float | None:
    return value / unit if value is not None else None


def _scaled(value: float | None, factor: float) -> float | None:
    return value * factor if value is not None else None


_LEVEL_GETTERS: dict[str, LevelGetter] = {
    "mass_g": lambda m: m.mass_kg * 1e3,
    "volume_cm3": lambda m: m.volume_m3 * 1e6,
    "thickness_mm": lambda m: _scaled(m.thickness_m, 1e3),
    "specific_energy_Wh_kg": lambda m: _per(m.specific_energy_J_kg, u.WH_PER_KG),
    "energy_density_Wh_L": lambda m: _per(m.energy_density_J_m3, u.WH_PER_L),
}


def _level_getter(level: CellLevel, read: LevelGetter) -> CellGetter:
    return lambda cell: read(cell.level(level)) if cell.has_level(level) else None


CELL_OUTPUTS: dict[str, CellGetter] = {
    "cell.units": lambda c: float(c.units),
    "cell.capacity_Ah": lambda c: _per(c.capacity_C, 3600.0),
    "cell.energy_Wh": lambda c: _per(c.energy_J, 3600.0),
    "cell.average_voltage_V": lambda c: c.voltage_V,
    "cell.stack_pressure_MPa": lambda c: _scaled(c.stack_pressure_Pa, 1e-6),
    **{
        f"cell.levels.{level.value}.{name}": _level_getter(level, read)
        for level in CellLevel
        for name, read in _LEVEL_GETTERS.items()
    },
}


def cell_values(cell: CellMetrics | None, keys: tuple[str, ...]) -> dict[str, float]:
    """The cell outputs among ``keys``; NaN for all of them when there is no cell."""
    wanted = [key for key in keys if key in CELL_OUTPUTS]
    if cell is None or not cell.valid:
        return dict.fromkeys(wanted, math.nan)
    values = {}
    for key in wanted:
        value = CELL_OUTPUTS[key](cell)
        values[key] = float(value) if value is not None and math.isfinite(value) else math.nan
    return values
