"""Per-layer densities that scale with thickness: mass and charge per volume of layer.

Both the single-design metrics and the vectorised sweeps multiply these by thicknesses, so a
layer's bookkeeping is written once.
"""

from __future__ import annotations

from dataclasses import dataclass

from cellstack.core.layer import Layer
from cellstack.core.material import Material
from cellstack.core.sourced import Sourced


def _density(material: Material) -> float | None:
    density = material.properties.density_kg_m3
    return density.value if density is not None else None


def mass_density_kg_m3(layer: Layer) -> float | None:
    """Mass per volume of the layer as built (porosity and composite fractions applied)."""
    material = layer.effective_material
    composite = layer.composite
    if composite is None:
        rho = _density(material)
        return None if rho is None else rho * (1.0 - layer.porosity)
    parts = [
        (composite.active_fraction, _density(material)),
        (composite.electrolyte_fraction, _density(composite.electrolyte)),
    ]
    if composite.additive is not None:
        parts.append((composite.additive_fraction, _density(composite.additive)))
    if composite.coating is not None and composite.coating_thickness_m > 0:
        # A thin shell on spheres of radius R holds 3t/R of the particle volume.
        shell = 3.0 * composite.coating_thickness_m / composite.particle_radius_m
        parts.append((composite.active_fraction * shell, _density(composite.coating)))
    total = 0.0
    for fraction, rho in parts:
        if fraction == 0.0:
            continue
        if rho is None:
            return None
        total += fraction * rho
    return total


def active_volume_fraction(layer: Layer) -> float:
    if layer.composite is not None:
        return layer.composite.active_fraction
    return 1.0 - layer.porosity


@dataclass(frozen=True, slots=True)
class ChargeDensity:
    """Charge stored per volume of layer, and which capacity figure it came from."""

    practical_C_m3: float
    theoretical_C_m3: float | None
    capacity: Sourced
    basis: str  # "practical" or "theoretical"


def charge_density(layer: Layer) -> ChargeDensity | None:
    material = layer.effective_material
    rho = _density(material)
    props = material.properties
    if rho is None:
        return None
    solid = active_volume_fraction(layer) * rho  # kg of active material per m³ of layer
    theoretical = props.capacity_theoretical_C_kg
    theoretical_density = solid * theoretical.value if theoretical is not None else None
    if props.capacity_practical_C_kg is not None:
        return ChargeDensity(
            solid * props.capacity_practical_C_kg.value,
            theoretical_density,
            props.capacity_practical_C_kg,
            "practical",
        )
    if theoretical is not None and theoretical_density is not None:
        return ChargeDensity(theoretical_density, theoretical_density, theoretical, "theoretical")
    return None
