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


@dataclass(frozen=True, slots=True)
class MassCoefficients:
    """Mass per layer volume as an affine function of the composite's volume fractions.

    rho = per_active * phi_active + per_electrolyte * phi_electrolyte + constant. A dense layer
    has phi_active = 1 - porosity and no electrolyte term. Sweeps vary the fractions with it.
    """

    per_active: float
    per_electrolyte: float
    constant: float


def mass_coefficients(layer: Layer) -> MassCoefficients | None:
    material = layer.effective_material
    composite = layer.composite
    rho_active = _density(material)
    if rho_active is None:
        return None
    if composite is None:
        return MassCoefficients(rho_active, 0.0, 0.0)
    per_active = rho_active
    if composite.coating is not None and composite.coating_thickness_m > 0:
        rho_coating = _density(composite.coating)
        if rho_coating is None:
            return None
        # A thin shell on spheres of radius R holds 3t/R of the particle volume.
        per_active += 3.0 * composite.coating_thickness_m / composite.particle_radius_m * rho_coating
    rho_electrolyte = _density(composite.electrolyte)
    if rho_electrolyte is None and composite.electrolyte_fraction > 0:
        return None
    constant = 0.0
    if composite.additive is not None and composite.additive_fraction > 0:
        rho_additive = _density(composite.additive)
        if rho_additive is None:
            return None
        constant = composite.additive_fraction * rho_additive
    return MassCoefficients(per_active, rho_electrolyte or 0.0, constant)


def mass_density_kg_m3(layer: Layer) -> float | None:
    """Mass per volume of the layer as built (porosity and composite fractions applied)."""
    composite = layer.composite
    if composite is None:
        # A dense layer's coefficients are (rho, 0, 0): the same number without building them.
        rho = _density(layer.effective_material)
        return rho * (1.0 - layer.porosity) if rho is not None else None
    coefficients = mass_coefficients(layer)
    if coefficients is None:
        return None
    return (
        coefficients.per_active * composite.active_fraction
        + coefficients.per_electrolyte * composite.electrolyte_fraction
        + coefficients.constant
    )


def active_volume_fraction(layer: Layer) -> float:
    if layer.composite is not None:
        return layer.composite.active_fraction
    return 1.0 - layer.porosity


@dataclass(frozen=True, slots=True)
class ChargeDensity:
    """Charge stored per volume of active material, and which capacity figure it came from."""

    practical_per_active_C_m3: float
    theoretical_per_active_C_m3: float | None
    active_fraction: float
    capacity: Sourced
    basis: str  # "practical" or "theoretical"

    @property
    def practical_C_m3(self) -> float:
        """Per volume of layer."""
        return self.practical_per_active_C_m3 * self.active_fraction

    @property
    def theoretical_C_m3(self) -> float | None:
        if self.theoretical_per_active_C_m3 is None:
            return None
        return self.theoretical_per_active_C_m3 * self.active_fraction


def charge_density(layer: Layer) -> ChargeDensity | None:
    material = layer.effective_material
    rho = _density(material)
    props = material.properties
    if rho is None:
        return None
    fraction = active_volume_fraction(layer)
    theoretical = props.capacity_theoretical_C_kg
    theoretical_density = rho * theoretical.value if theoretical is not None else None
    practical = props.capacity_practical_C_kg
    if practical is not None:
        return ChargeDensity(rho * practical.value, theoretical_density, fraction, practical, "practical")
    if theoretical is not None and theoretical_density is not None:
        return ChargeDensity(theoretical_density, theoretical_density, fraction, theoretical, "theoretical")
    return None
