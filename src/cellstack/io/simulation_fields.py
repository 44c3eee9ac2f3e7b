"""The ``simulation`` object and ``series_resistance_ohm`` of a v2 project file."""

from __future__ import annotations

from typing import Any

from cellstack.core.errors import InputError
from cellstack.core.metrics import EnergyDefinition
from cellstack.core.simulation import MAX_C_RATE, MAX_C_RATES, MAX_CUTOFF_V, Simulation
from cellstack.io.fields import Fields
from cellstack.io.file_numbers import number

MAX_SERIES_OHM = 1e6  # a megaohm in series: no current to speak of; beyond it, a unit slip
_SIMULATION_KEYS = frozenset({"c_rates", "discharge_cutoff_V", "charge_cutoff_V", "energy_definition"})
_DEFINITIONS = tuple(d.value for d in EnergyDefinition)


def read_simulation(f: Fields) -> Simulation:
    f.check_keys(_SIMULATION_KEYS)
    raw = f.data.get("c_rates", [0.1, 1.0, 2.0])
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_C_RATES:
        raise f.error("c_rates", raw, f"a list of 1 to {MAX_C_RATES} C-rates")
    # Each rate read as the one value of its own view, so a bad one is named by its index.
    values = [
        Fields({f"c_rates[{i}]": item}, f.path, f.origin).number(
            f"c_rates[{i}]", 0.0, MAX_C_RATE, "C", low_inclusive=False
        )
        for i, item in enumerate(raw)
    ]
    low = f.optional_number("discharge_cutoff_V", 0.0, MAX_CUTOFF_V, "V")
    high = f.optional_number("charge_cutoff_V", 0.0, MAX_CUTOFF_V, "V")
    definition = EnergyDefinition(f.choice("energy_definition", _DEFINITIONS, EnergyDefinition.AUTO.value))
    try:
        return Simulation(tuple(values), low, high, definition)
    except InputError as exc:
        raise InputError(f.at(exc.field), exc.value, exc.allowed, f.origin) from None


def write_simulation(simulation: Simulation) -> dict[str, Any]:
    entry: dict[str, Any] = {"c_rates": [number(r) for r in simulation.c_rates]}
    if simulation.discharge_cutoff_V is not None:
        entry["discharge_cutoff_V"] = number(simulation.discharge_cutoff_V)
    if simulation.charge_cutoff_V is not None:
        entry["charge_cutoff_V"] = number(simulation.charge_cutoff_V)
    entry["energy_definition"] = simulation.energy_definition.value
    return entry


def read_series_resistance(top: Fields) -> float:
    return top.number("series_resistance_ohm", 0.0, MAX_SERIES_OHM, "Ω", 0.0)
