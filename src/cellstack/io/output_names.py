"""What each design-study output is called where a person reads it, and the unit its key names.

The key (``specific_energy_Wh_kg``, ``cell.levels.cell.mass_g``) stays what project files, the
command line and `compute --json` use; the name is for lists and axis titles, and says the level
a total or a density counts (electrode pair, full stack, cell with fixture), as the metrics panel
and the report do.
"""

from __future__ import annotations

from collections.abc import Iterable

from cellstack.core.cell import CellLevel
from cellstack.core.metrics import Level

# By level; a key's text finds its entry too (the levels are StrEnums).
STACK_LEVEL_NAMES: dict[str, str] = {
    Level.ELECTRODE_PAIR: "electrode pair",
    Level.CELL_STACK: "cell stack",
    Level.FULL_STACK: "full stack",
}
# A cell's level adds up every unit of the cell: plural where the stack's level is one.
CELL_LEVEL_NAMES: dict[str, str] = {
    CellLevel.ELECTRODE_PAIR: "electrode pairs",
    CellLevel.REPEAT_UNIT: "repeat units",
    CellLevel.CELL: "whole cell",
    CellLevel.CELL_WITH_FIXTURE: "with fixture",
}
_LEVEL_QUANTITIES = {
    "mass_g": "Mass",
    "thickness_um": "Thickness",
    "thickness_mm": "Thickness",
    "volume_cm3": "Volume",
    "specific_energy_Wh_kg": "Specific energy",
    "energy_density_Wh_L": "Energy density",
}
# The stack's outputs are those of one stack over its active area; its densities count the full
# stack (substrate, encapsulation, extra mass), as `compute --json` does.
_NAMES = {
    "area_cm2": "Active area",
    "footprint_area_cm2": "Footprint area",
    "temperature_C": "Temperature",
    "capacity_mAh": "Stack capacity",
    "areal_capacity_mAh_cm2": "Areal capacity",
    "cathode_areal_capacity_mAh_cm2": "Cathode areal capacity",
    "anode_areal_capacity_mAh_cm2": "Anode areal capacity",
    "np_ratio": "N/P ratio",
    "lithium_excess_um": "Lithium metal excess",
    "plated_lithium_um": "Plated lithium when charged",
    "average_voltage_V": "Average voltage",
    "energy_mWh": "Stack energy",
    "specific_energy_Wh_kg": "Specific energy, full stack",
    "energy_density_Wh_L": "Energy density, full stack",
    "mass_g": "Mass, full stack",
    "thickness_um": "Thickness, full stack",
    "asr_ohm_cm2": "Area-specific resistance",
    "max_power_mW": "Maximum power",
    "specific_power_W_kg": "Specific power, full stack",
    "delivered_capacity_mAh": "Delivered capacity",
    "delivered_energy_mWh": "Delivered energy",
    "delivered_fraction": "Delivered fraction of capacity",
    "cell.units": "Repeat units in the cell",
    "cell.capacity_Ah": "Cell capacity",
    "cell.energy_Wh": "Cell energy",
    "cell.average_voltage_V": "Cell average voltage",
    "cell.stack_pressure_MPa": "Stack pressure",
}
# Longest first: ``_mAh_cm2`` before ``_cm2``.
_KEY_UNITS = (
    ("_mAh_cm2", "mAh/cm²"),
    ("_ohm_cm2", "Ω·cm²"),
    ("_Wh_kg", "Wh/kg"),
    ("_W_kg", "W/kg"),
    ("_Wh_L", "Wh/L"),
    ("_cm2", "cm²"),
    ("_cm3", "cm³"),
    ("_MPa", "MPa"),
    ("_mAh", "mAh"),
    ("_mWh", "mWh"),
    ("_Ah", "Ah"),
    ("_Wh", "Wh"),
    ("_mW", "mW"),
    ("_um", "µm"),
    ("_mm", "mm"),
    ("_g", "g"),
    ("_V", "V"),
    ("_C", "°C"),
)


def output_name(key: str) -> str:
    """``key``'s name without its unit: "Specific energy, full stack", "Cell mass, repeat units" (a
    level of the cell, where ``levels.`` keys are the stack's); the key itself if unknown."""
    if key in _NAMES:
        return _NAMES[key]
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "levels" and parts[1] in STACK_LEVEL_NAMES:
        quantity = _LEVEL_QUANTITIES.get(parts[2])
        if quantity is not None:
            return f"{quantity}, {STACK_LEVEL_NAMES[parts[1]]}"
    if len(parts) == 4 and parts[:2] == ["cell", "levels"] and parts[2] in CELL_LEVEL_NAMES:
        quantity = _LEVEL_QUANTITIES.get(parts[3])
        if quantity is not None:
            return f"Cell {quantity.lower()}, {CELL_LEVEL_NAMES[parts[2]]}"
    return key


def key_unit_text(key: str) -> str:
    """The unit ``key`` names, as a label writes it (mAh/cm², µm); "" for a plain number."""
    for suffix, text in _KEY_UNITS:
        if key.endswith(suffix):
            return text
    return ""


def output_label(key: str, unit: str | None = None) -> str:
    """``key``'s name with ``unit``, by default the one its key names: "Stack energy (mWh)" for
    ``energy_mWh``; the name alone for a plain number."""
    text = key_unit_text(key) if unit is None else unit
    return f"{output_name(key)} ({text})" if text else output_name(key)


def distinct_keys(keys: Iterable[str]) -> list[str]:
    """One key per number: `compute --json` gives the full stack's totals under two keys
    (``mass_g``, ``levels.full_stack.mass_g``), which share a name; the first is kept."""
    seen: set[str] = set()
    kept = []
    for key in keys:
        name = output_name(key)
        if name not in seen:
            seen.add(name)
            kept.append(key)
    return kept
