"""The ``fixture`` and ``fill`` objects of a v2 project file, read and written in lab units."""

from __future__ import annotations

from typing import Any

from cellstack.core.cell import ElectrolyteFill, PressureFixture
from cellstack.core.cell.fixture import MAX_PLATES, MAX_PRESSURE_PA
from cellstack.core.cell.parts import MAX_FILL_M3_PER_C
from cellstack.io.exact_units import scaled_to_si
from cellstack.io.fields import Fields
from cellstack.io.file_numbers import G_CM3, MM, density_kg_m3, length_m, located, scaled, whole

MPA = 1e6
GRAM = 1e-3  # kg
ML_PER_AH = 1e-6 / 3600.0  # m³/C
_FIXTURE_KEYS = frozenset(
    {
        "plate_width_mm",
        "plate_height_mm",
        "plate_thickness_mm",
        "plate_density_g_cm3",
        "plates",
        "hardware_mass_g",
        "stack_pressure_MPa",
    }
)
_FILL_KEYS = frozenset({"name", "volume_per_capacity_mL_Ah", "density_g_cm3"})


def read_fixture(f: Fields) -> PressureFixture:
    f.check_keys(_FIXTURE_KEYS)
    plate = {side: length_m(f, f"plate_{side}_mm", MM) for side in ("width", "height", "thickness")}
    density = density_kg_m3(f, "plate_density_g_cm3")
    plates = whole(f, "plates", 1, MAX_PLATES, 2)
    hardware = scaled_to_si(f.number("hardware_mass_g", 0.0, 1e6, "g", 0.0), GRAM)
    pressure = scaled_to_si(f.number("stack_pressure_MPa", 0.0, MAX_PRESSURE_PA / MPA, "MPa", 0.0), MPA)
    return located(
        f,
        lambda: PressureFixture(
            plate["width"], plate["height"], plate["thickness"], density, plates, hardware, pressure
        ),
        {"fixture.hardware_mass": "hardware_mass_g", "fixture.stack_pressure": "stack_pressure_MPa"},
    )


def write_fixture(fixture: PressureFixture) -> dict[str, Any]:
    return {
        "plate_width_mm": scaled(fixture.plate_width_m, MM),
        "plate_height_mm": scaled(fixture.plate_height_m, MM),
        "plate_thickness_mm": scaled(fixture.plate_thickness_m, MM),
        "plate_density_g_cm3": scaled(fixture.plate_density_kg_m3, G_CM3),
        "plates": fixture.plates,
        "hardware_mass_g": scaled(fixture.hardware_mass_kg, GRAM),
        "stack_pressure_MPa": scaled(fixture.stack_pressure_Pa, MPA),
    }


def read_fill(f: Fields) -> ElectrolyteFill:
    f.check_keys(_FILL_KEYS)
    high = MAX_FILL_M3_PER_C / ML_PER_AH
    per_capacity = f.number("volume_per_capacity_mL_Ah", 0.0, high * (1 - 1e-12), "mL/Ah")
    return ElectrolyteFill(
        scaled_to_si(per_capacity, ML_PER_AH),
        density_kg_m3(f),
        f.string("name", "electrolyte fill", max_length=100),
    )


def write_fill(fill: ElectrolyteFill) -> dict[str, Any]:
    return {
        "name": fill.name,
        "volume_per_capacity_mL_Ah": scaled(fill.volume_per_charge_m3_C, ML_PER_AH),
        "density_g_cm3": scaled(fill.density_kg_m3, G_CM3),
    }
