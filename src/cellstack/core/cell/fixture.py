"""A pressure fixture around any cell: end plates and hardware. It adds a level, never changes one."""

from __future__ import annotations

from dataclasses import dataclass

from cellstack.core.cell.geometry import require_count, require_density, require_length
from cellstack.core.validation import require_range

MAX_PRESSURE_PA = 1e9  # 1 GPa: beyond any stack pressure reported for bulk SSBs
MAX_PLATES = 10


@dataclass(frozen=True, slots=True)
class PressureFixture:
    """End plates (m, kg/m³) pressing the cell, bolts/springs by mass (kg), the pressure held (Pa).

    The stack pressure is recorded and shown; no mechanics model uses it yet.
    """

    plate_width_m: float
    plate_height_m: float
    plate_thickness_m: float
    plate_density_kg_m3: float
    plates: int = 2
    hardware_mass_kg: float = 0.0
    stack_pressure_Pa: float = 0.0

    def __post_init__(self) -> None:
        require_length("fixture.plate_width", self.plate_width_m)
        require_length("fixture.plate_height", self.plate_height_m)
        require_length("fixture.plate_thickness", self.plate_thickness_m)
        require_density("fixture.plate_density", self.plate_density_kg_m3)
        require_count("fixture.plates", self.plates, 1, MAX_PLATES)
        require_range("fixture.hardware_mass", self.hardware_mass_kg, 0.0, 1e3, "kg")
        require_range("fixture.stack_pressure", self.stack_pressure_Pa, 0.0, MAX_PRESSURE_PA, "Pa")

    @property
    def plates_mass_kg(self) -> float:
        return (
            self.plates
            * self.plate_width_m
            * self.plate_height_m
            * self.plate_thickness_m
            * self.plate_density_kg_m3
        )

    def box(self, face_width_m: float, face_height_m: float, thickness_m: float) -> tuple[float, float]:
        """Volume (m³) and thickness (m) of the box holding the plates with the cell between them."""
        width = max(self.plate_width_m, face_width_m)
        height = max(self.plate_height_m, face_height_m)
        total = thickness_m + self.plates * self.plate_thickness_m
        return width * height * total, total
