"""The units the app shows capacity, energy, mass and thickness in (Edit ▸ Preferences ▸ Units).

The core and the files stay SI; a value is converted only where it is shown, on the decimal the
SI value prints as (io.exact_units), so 1.6 mAh shows as exactly 0.0016 Ah. One choice for the
whole application: the panels read it when they draw and redraw when it changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QObject, Signal, SignalInstance

from cellstack.core import units as u
from cellstack.io.exact_units import si_to_scaled

AUTO = "auto"  # the unit that suits each value (1 µm, 2.5 mm): what the app did before the choice
# (unit shown, SI per unit)
CAPACITY_UNITS = {"mAh": u.MAH, "Ah": 1000.0 * u.MAH}
ENERGY_UNITS = {"mWh": u.MWH, "Wh": u.WH}
POWER_FOR_ENERGY = {"mWh": ("mW", 1e-3), "Wh": ("W", 1.0)}  # power follows the energy's prefix
MASS_UNITS = {"mg": 1e-6, "g": 1e-3, "kg": 1.0}
THICKNESS_UNITS = {"nm": u.NM, "µm": u.UM, "mm": u.MM}


@dataclass(frozen=True)
class DisplayUnits:
    capacity: str = "mAh"
    energy: str = "mWh"
    mass: str = AUTO
    thickness: str = AUTO

    @classmethod
    def checked(cls, capacity: str, energy: str, mass: str, thickness: str) -> DisplayUnits:
        """The units named, each one not known (a settings file edited by hand) at its default."""
        default = cls()
        return cls(
            capacity if capacity in CAPACITY_UNITS else default.capacity,
            energy if energy in ENERGY_UNITS else default.energy,
            mass if mass == AUTO or mass in MASS_UNITS else default.mass,
            thickness if thickness == AUTO or thickness in THICKNESS_UNITS else default.thickness,
        )

    @property
    def capacity_factor(self) -> float:
        """Coulombs per unit of capacity shown (for arrays: a plot's axis)."""
        return CAPACITY_UNITS[self.capacity]

    def capacity_value(self, coulombs: float | None) -> float | None:
        return None if coulombs is None else si_to_scaled(coulombs, CAPACITY_UNITS[self.capacity])

    def energy_value(self, joules: float | None) -> float | None:
        return None if joules is None else si_to_scaled(joules, ENERGY_UNITS[self.energy])

    def power_unit(self) -> tuple[str, float]:
        return POWER_FOR_ENERGY[self.energy]


class _UnitsShown(QObject):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.units = DisplayUnits()


@cache
def _notifier() -> _UnitsShown:
    return _UnitsShown()  # made on first use: a QObject needs the application's thread


def units_shown() -> DisplayUnits:
    return _notifier().units


def show_units(units: DisplayUnits) -> None:
    """Every panel that shows a converted quantity redraws in UNITS (when they differ)."""
    notifier = _notifier()
    if units != notifier.units:
        notifier.units = units
        notifier.changed.emit()


def units_changed() -> SignalInstance:
    """The signal emitted after the units shown changed; connect bound methods (Qt drops them
    with their object), never lambdas that outlive a panel."""
    return _notifier().changed
