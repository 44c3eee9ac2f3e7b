"""Numbers whose key names their unit (``energy_mWh``, ``levels.cell.mass_g``), shown in the
units chosen in Preferences: the Compare table, the Sweep plot's output, the Protocol table.

The keys are those of `compute --json` and the explore outputs; a key is converted only at the
display edge, on the decimal its value prints as, so 1234 mAh shows as exactly 1.234 Ah.
``specific_energy_Wh_kg`` and ``areal_capacity_mAh_cm2`` are ratios and stay as they are.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from cellstack.gui.display_units import (
    AUTO,
    CAPACITY_UNITS,
    ENERGY_UNITS,
    MASS_UNITS,
    THICKNESS_UNITS,
    DisplayUnits,
    units_shown,
)
from cellstack.io.output_names import output_label

# the unit as a key writes it -> (quantity, SI per unit)
KEY_UNITS: dict[str, tuple[str, float]] = {
    **{unit: ("capacity", factor) for unit, factor in CAPACITY_UNITS.items()},
    **{unit: ("energy", factor) for unit, factor in ENERGY_UNITS.items()},
    "mW": ("power", 1e-3),
    "W": ("power", 1.0),
    **{unit: ("mass", factor) for unit, factor in MASS_UNITS.items()},
    **{unit.replace("µ", "u"): ("thickness", factor) for unit, factor in THICKNESS_UNITS.items()},
}
_KEY = re.compile(r"^(?P<stem>.+)_(?P<unit>[A-Za-z]+)$")


def key_unit(key: str) -> tuple[str, str] | None:
    """(stem, unit) of a key ending in a unit of KEY_UNITS, None for others and ratios."""
    match = _KEY.match(key)
    if match is None or match["unit"] not in KEY_UNITS:
        return None
    if match["stem"].rsplit("_", 1)[-1].replace("u", "µ") in {*KEY_UNITS, "µm"}:
        return None  # Wh_kg: energy per mass
    return match["stem"], match["unit"]


def _target(quantity: str, own: str, units: DisplayUnits) -> str:
    if quantity == "capacity":
        return units.capacity
    if quantity == "energy":
        return units.energy
    if quantity == "power":
        return units.power_unit()[0]
    chosen = units.mass if quantity == "mass" else units.thickness.replace("µ", "u")
    return own if chosen == AUTO else chosen


def shown_unit(key: str, units: DisplayUnits | None = None) -> str | None:
    """The unit ``key``'s value is shown in (as a key writes it), None for a key without one."""
    found = key_unit(key)
    if found is None:
        return None
    return _target(KEY_UNITS[found[1]][0], found[1], units or units_shown())


def shown_key(key: str, units: DisplayUnits | None = None) -> str:
    """``key`` with its unit replaced by the one shown (energy_mWh -> energy_Wh)."""
    found, unit = key_unit(key), shown_unit(key, units)
    return key if found is None or unit is None else f"{found[0]}_{unit}"


def shown_factor(key: str, units: DisplayUnits | None = None) -> Decimal:
    """What a value of ``key`` is multiplied by to be shown: 1 when it keeps its unit."""
    found, unit = key_unit(key), shown_unit(key, units)
    if found is None or unit is None or unit == found[1]:
        return Decimal(1)
    return Decimal(repr(KEY_UNITS[found[1]][1])) / Decimal(repr(KEY_UNITS[unit][1]))


def shown_value(key: str, value: float | None, units: DisplayUnits | None = None) -> float | None:
    """``value`` (in ``key``'s unit) in the unit shown, rounded once."""
    factor = shown_factor(key, units)
    if value is None or factor == 1 or not math.isfinite(value):
        return value
    return float(Decimal(repr(float(value))) * factor)


def unit_text(unit: str) -> str:
    """A key's unit as a label writes it (um -> µm)."""
    return "µm" if unit == "um" else unit


def key_label(key: str, units: DisplayUnits | None = None) -> str:
    """``key`` as a list or an axis names it, in the unit shown: "Stack energy (Wh)"."""
    unit = shown_unit(key, units)
    return output_label(key, unit_text(unit) if unit is not None else None)
