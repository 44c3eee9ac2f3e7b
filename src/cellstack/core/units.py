"""Physical constants and the unit conversions used at the edges of the core.

Everything inside the core is SI. These factors convert the units people read and type
(µm, mAh/g, g/cm³, S/cm, Ω·cm²) to and from SI.
"""

from __future__ import annotations

FARADAY = 96485.33212  # C/mol
GAS_CONSTANT = 8.314462618  # J/(mol K)
BOLTZMANN_EV = 8.617333262e-5  # eV/K
ZERO_CELSIUS = 273.15  # K
ROOM_TEMPERATURE = 298.15  # K

# Multiply a value in the named unit by the factor to get SI.
UM = 1e-6  # m
NM = 1e-9  # m
MM = 1e-3  # m
CM = 1e-2  # m
CM2 = 1e-4  # m²
G_PER_CM3 = 1000.0  # kg/m³
MAH = 3.6  # C
MAH_PER_G = 3600.0  # C/kg
MAH_PER_CM2 = 3.6e4  # C/m²
S_PER_CM = 100.0  # S/m
CM2_PER_S = 1e-4  # m²/s
OHM_CM2 = 1e-4  # Ω·m²
UAH_PER_CM2_UM = 3.6e7  # C/m³ (µAh per cm² of area per µm of thickness)
WH = 3600.0  # J
MWH = 3.6  # J
WH_PER_KG = 3600.0  # J/kg
WH_PER_L = 3.6e6  # J/m³
MG_PER_CM2 = 1e-2  # kg/m²
PERCENT = 1e-2


def celsius_to_kelvin(t_celsius: float) -> float:
    return t_celsius + ZERO_CELSIUS


def kelvin_to_celsius(t_kelvin: float) -> float:
    return t_kelvin - ZERO_CELSIUS
