"""The matched-load power bound of a whole cell, from its repeat unit's."""

from __future__ import annotations

from cellstack.core.cell import CellMetrics
from cellstack.core.metrics import Metrics


def cell_power_W(unit: Metrics, cell: CellMetrics) -> float | None:
    """V²/4R of the whole cell (W). The repeat unit's is for its own area; the cell's scales with
    the cell's energy over the unit's, for units in parallel (R falls) and in series (V rises)."""
    power, unit_energy, cell_energy = unit.max_power_W, unit.energy_J, cell.energy_J
    if power is None or unit_energy is None or cell_energy is None or unit_energy <= 0.0:
        return None
    return power * (cell_energy / unit_energy)
