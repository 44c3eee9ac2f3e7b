"""Parts any format may carry: terminals and a liquid or gel electrolyte filled per capacity."""

from __future__ import annotations

from dataclasses import dataclass

from cellstack.core.cell.geometry import require_density, require_length
from cellstack.core.validation import require_range

MAX_PART_MASS_KG = 100.0
# 10 mL/Ah is far beyond any flooded lab cell; in SI that is 1e-5 m³ per 3600 C.
MAX_FILL_M3_PER_C = 10 * 1e-6 / 3600.0


@dataclass(frozen=True, slots=True)
class Terminal:
    """A terminal (tab lead) by its mass, kg; its volume (m³) is 0 when only a mass is known."""

    mass_kg: float
    volume_m3: float = 0.0
    name: str = "terminal"

    def __post_init__(self) -> None:
        require_range(f"{self.name}.mass", self.mass_kg, 0.0, MAX_PART_MASS_KG, "kg")
        require_range(f"{self.name}.volume", self.volume_m3, 0.0, 1.0, "m³")

    @classmethod
    def strip(
        cls, density_kg_m3: float, width_m: float, length_m: float, thickness_m: float, name: str = "terminal"
    ) -> Terminal:
        """A terminal made of a strip of metal (e.g. Ni-plated Cu): mass from its dimensions."""
        require_density(f"{name}.density", density_kg_m3)
        volume = require_length(f"{name}.width", width_m) * require_length(f"{name}.length", length_m)
        volume *= require_length(f"{name}.thickness", thickness_m)
        return cls(density_kg_m3 * volume, volume, name)


@dataclass(frozen=True, slots=True)
class ElectrolyteFill:
    """A liquid or gel (catholyte, electrolyte) added per charge stored, for hybrid cells.

    ``volume_per_charge_m3_C`` is the lab's mL/Ah in SI (1 mL/Ah = 1e-6/3600 m³/C; see
    ``lab_units.ml_per_ah``). It fills pores and gaps: it adds mass, never volume to the box.
    """

    volume_per_charge_m3_C: float
    density_kg_m3: float
    name: str = "electrolyte fill"

    def __post_init__(self) -> None:
        require_range("fill.volume_per_charge", self.volume_per_charge_m3_C, 0.0, MAX_FILL_M3_PER_C, "m³/C")
        require_density("fill.density", self.density_kg_m3)

    def volume_m3(self, charge_C: float) -> float:
        return self.volume_per_charge_m3_C * charge_C
