"""Small hand-made materials for core tests, independent of the shipped library."""

from __future__ import annotations

from cellstack.core import units as u
from cellstack.core.material import ArrheniusForm, Material, Properties, Role
from cellstack.core.sourced import Quality, Sourced


def s(value: float, source: str = "test") -> Sourced:
    return Sourced(value, source, Quality.REPORTED)


LCO = Material(
    id="lco",
    name="LiCoO2",
    formula="LiCoO2",
    roles=(Role.CATHODE,),
    ocp="lco_dualfoil",
    properties=Properties(
        density_kg_m3=s(5.05 * u.G_PER_CM3),
        capacity_theoretical_C_kg=s(273.8 * u.MAH_PER_G),
        capacity_practical_C_kg=s(140 * u.MAH_PER_G),
        voltage_average_V=s(3.9),
    ),
)
LI = Material(
    id="li_metal",
    name="Li metal",
    formula="Li",
    roles=(Role.ANODE,),
    ocp="li_metal",
    properties=Properties(
        density_kg_m3=s(0.534 * u.G_PER_CM3),
        capacity_theoretical_C_kg=s(3860 * u.MAH_PER_G),
        voltage_average_V=s(0.0),
    ),
)
LIPON = Material(
    id="lipon",
    name="LiPON",
    formula="Li2.9PO3.3N0.46",
    roles=(Role.ELECTROLYTE,),
    family="lipon",
    category="glass",
    properties=Properties(
        density_kg_m3=s(2.4 * u.G_PER_CM3),
        ionic_conductivity_S_m=s(2.3e-6 * u.S_PER_CM, "yu1997"),
        conductivity_temperature_K=298.15,
        activation_energy_eV=s(0.55, "yu1997"),
    ),
    arrhenius_form=ArrheniusForm.SIGMA,
)


def inert(material_id: str, density_g_cm3: float, role: Role) -> Material:
    return Material(
        id=material_id,
        name=material_id,
        formula="",
        roles=(role,),
        properties=Properties(density_kg_m3=s(density_g_cm3 * u.G_PER_CM3)),
    )


KAPTON = inert("polyimide", 1.42, Role.SUBSTRATE)
TI = inert("ti", 4.51, Role.CURRENT_COLLECTOR)
PT = inert("pt", 21.45, Role.CURRENT_COLLECTOR)
CU = inert("cu", 8.96, Role.CURRENT_COLLECTOR)
PARYLENE = inert("parylene_c", 1.289, Role.ENCAPSULATION)
