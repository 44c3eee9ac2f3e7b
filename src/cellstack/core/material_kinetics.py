"""What a material record states about its kinetics, as the discharge model takes it: the exchange
current (as Kinetics) and the activation energy of the diffusivity."""

from __future__ import annotations

from cellstack.core.discharge.defaults import diffusion_default
from cellstack.core.discharge.kinetics import Kinetics
from cellstack.core.material import Material
from cellstack.core.units import ROOM_TEMPERATURE


def material_kinetics(material: Material) -> Kinetics | None:
    """j₀ at θ = ½ and 25 °C with its activation energy (0 when the record gives none); None
    when the record states no exchange current."""
    j0 = material.properties.exchange_current_A_m2
    if j0 is None:
        return None
    energy = material.properties.exchange_current_activation_energy_J_mol
    return Kinetics(
        exchange_current_A_m2=j0.value,
        activation_energy_J_mol=energy.value if energy is not None else 0.0,
        reference_temperature_K=ROOM_TEMPERATURE,
        source=j0.source,
    )


def diffusivity_activation_energy(material: Material, curve_id: str) -> float:
    """J/mol: the record's, else the default of the chemistry its curve names (defaults.py)."""
    stated = material.properties.diffusivity_activation_energy_J_mol
    return stated.value if stated is not None else diffusion_default(curve_id).activation_energy_J_mol
