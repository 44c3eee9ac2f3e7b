"""How a lab states an electrode, converted exactly to what the stack model takes (SI both ways).

* a composite coating by areal loading + weight-percent recipe + porosity or calendered density
  <-> thickness and volume fractions;
* lithium excess by N/P ratio <-> thickness <-> areal mass;
* a target areal capacity -> the electrode thickness that holds it;
* a liquid or gel by volume per capacity (mL/Ah) <-> m³/C.

Every function is a closed form, so a round trip returns the input to rounding (1e-12).
"""

from __future__ import annotations

from dataclasses import dataclass

from cellstack.core.errors import InputError
from cellstack.core.layer import Layer
from cellstack.core.metrics.layer_quantities import charge_density
from cellstack.core.validation import require_fraction, require_positive

ML_PER_AH = 1e-6 / 3600.0  # m³/C in one mL/Ah


@dataclass(frozen=True, slots=True)
class Recipe:
    """Weight fractions of a composite's solids (sum 1) and the density of each (kg/m³).

    ``electrolyte`` is the solid electrolyte (or catholyte) mixed into the coating; a component
    that is not used has weight 0 (its density is then not used either).
    """

    active_wt: float
    electrolyte_wt: float
    carbon_wt: float
    binder_wt: float
    active_kg_m3: float
    electrolyte_kg_m3: float = 1.0
    carbon_kg_m3: float = 1.0
    binder_kg_m3: float = 1.0

    def __post_init__(self) -> None:
        for name in ("active_wt", "electrolyte_wt", "carbon_wt", "binder_wt"):
            require_fraction(f"recipe.{name}", getattr(self, name))
        for name in ("active_kg_m3", "electrolyte_kg_m3", "carbon_kg_m3", "binder_kg_m3"):
            require_positive(f"recipe.{name}", getattr(self, name))
        total = self.active_wt + self.electrolyte_wt + self.carbon_wt + self.binder_wt
        if abs(total - 1.0) > 1e-9:
            raise InputError("recipe weight fractions", round(total, 9), "a sum of exactly 1 (100 wt%)")
        if self.active_wt <= 0:
            raise InputError("recipe.active_wt", self.active_wt, "a fraction > 0")

    def pairs(self) -> tuple[tuple[float, float], ...]:
        return (
            (self.active_wt, self.active_kg_m3),
            (self.electrolyte_wt, self.electrolyte_kg_m3),
            (self.carbon_wt, self.carbon_kg_m3),
            (self.binder_wt, self.binder_kg_m3),
        )

    @property
    def solid_density_kg_m3(self) -> float:
        """Density of the pore-free mixture: 1 / sum(w_i / rho_i)."""
        return 1.0 / sum(w / rho for w, rho in self.pairs() if w > 0)


@dataclass(frozen=True, slots=True)
class VolumeFractions:
    """Fractions of the coating's volume; porosity is what the solids leave."""

    active: float
    electrolyte: float
    carbon: float
    binder: float
    porosity: float


def coating_density_from_porosity(recipe: Recipe, porosity: float) -> float:
    """Calendered density (kg/m³) of a coating with ``porosity``: (1 - eps) * rho_solid."""
    require_fraction("porosity", porosity, below_one=True)
    return (1.0 - porosity) * recipe.solid_density_kg_m3


def porosity_from_coating_density(recipe: Recipe, coating_kg_m3: float) -> float:
    solid = recipe.solid_density_kg_m3
    require_positive("coating density", coating_kg_m3)
    if coating_kg_m3 > solid * (1 + 1e-12):
        raise InputError("coating density", coating_kg_m3, f"at most the solids' density ({solid:.6g} kg/m³)")
    return 1.0 - coating_kg_m3 / solid


def volume_fractions(recipe: Recipe, coating_kg_m3: float) -> VolumeFractions:
    """phi_i = rho_coating * w_i / rho_i for each solid; the rest is pore."""
    porosity = porosity_from_coating_density(recipe, coating_kg_m3)
    (wa, ra), (we, re), (wc, rc), (wb, rb) = recipe.pairs()
    return VolumeFractions(
        active=coating_kg_m3 * wa / ra,
        electrolyte=coating_kg_m3 * we / re,
        carbon=coating_kg_m3 * wc / rc,
        binder=coating_kg_m3 * wb / rb,
        porosity=porosity,
    )


def thickness_from_loading(loading_kg_m2: float, coating_kg_m3: float) -> float:
    """Coating thickness (m) from its areal loading of all solids (kg/m²; 1 mg/cm² = 0.01 kg/m²)."""
    require_positive("areal loading", loading_kg_m2)
    require_positive("coating density", coating_kg_m3)
    return loading_kg_m2 / coating_kg_m3


def loading_from_thickness(thickness_m: float, coating_kg_m3: float) -> float:
    require_positive("thickness", thickness_m)
    require_positive("coating density", coating_kg_m3)
    return thickness_m * coating_kg_m3


def active_loading(loading_kg_m2: float, recipe: Recipe) -> float:
    """Areal mass of the active material alone (kg/m²), as capacity papers state it."""
    return loading_kg_m2 * recipe.active_wt


def lithium_thickness_from_np(
    np_ratio: float, cathode_C_m2: float, lithium_kg_m3: float, lithium_C_kg: float
) -> float:
    """Li metal thickness (m) whose capacity is ``np_ratio`` times the cathode's areal capacity."""
    require_positive("N/P ratio", np_ratio)
    require_positive("cathode areal capacity", cathode_C_m2)
    return np_ratio * cathode_C_m2 / (_li_charge_per_volume(lithium_kg_m3, lithium_C_kg))


def np_from_lithium_thickness(
    thickness_m: float, cathode_C_m2: float, lithium_kg_m3: float, lithium_C_kg: float
) -> float:
    require_positive("thickness", thickness_m)
    require_positive("cathode areal capacity", cathode_C_m2)
    return thickness_m * _li_charge_per_volume(lithium_kg_m3, lithium_C_kg) / cathode_C_m2


def lithium_excess_thickness(thickness_m: float, np_ratio: float) -> float:
    """The part of a Li foil the cathode cannot fill: t * (N/P - 1) / (N/P)."""
    require_positive("N/P ratio", np_ratio)
    return thickness_m * (np_ratio - 1.0) / np_ratio


def areal_mass_from_thickness(thickness_m: float, density_kg_m3: float) -> float:
    """kg/m² of a dense foil (Li, In, ...) from its thickness; 1 mg/cm² = 0.01 kg/m²."""
    require_positive("thickness", thickness_m)
    require_positive("density", density_kg_m3)
    return thickness_m * density_kg_m3


def thickness_from_areal_mass(areal_kg_m2: float, density_kg_m3: float) -> float:
    require_positive("areal mass", areal_kg_m2)
    require_positive("density", density_kg_m3)
    return areal_kg_m2 / density_kg_m3


def thickness_for_areal_capacity(layer: Layer, target_C_m2: float) -> float:
    """The thickness (m) at which ``layer`` (its material, fractions, overrides) holds the target.

    Uses the same charge per volume as compute_metrics, so the stack then shows the target.
    """
    require_positive("target areal capacity", target_C_m2)
    charge = charge_density(layer)
    if charge is None or charge.practical_C_m3 <= 0:
        raise InputError(f"{layer.name}.capacity", None, "a density and a specific capacity for the layer")
    return target_C_m2 / charge.practical_C_m3


def ml_per_ah(value: float) -> float:
    """A volume per capacity in mL/Ah, in m³/C."""
    return value * ML_PER_AH


def to_ml_per_ah(value_m3_C: float) -> float:
    return value_m3_C / ML_PER_AH


def _li_charge_per_volume(lithium_kg_m3: float, lithium_C_kg: float) -> float:
    require_positive("lithium density", lithium_kg_m3)
    require_positive("lithium specific capacity", lithium_C_kg)
    return lithium_kg_m3 * lithium_C_kg
