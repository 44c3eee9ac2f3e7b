"""A layer of a stack: a material, a thickness and what the design changes about it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cellstack.core.errors import InputError
from cellstack.core.material import PROPERTY_NAMES, Material, Role
from cellstack.core.sourced import Sourced
from cellstack.core.validation import (
    require_fraction,
    require_positive,
    require_range,
)

MAX_THICKNESS_M = 0.1  # 10 cm: thicker than any cell; catches unit slips (µm typed as m)
# 0.1 nm, about one atomic layer: thinner is no layer, and a thickness of 1e-300 m would make
# capacities and resistances that round to zero or overflow what is divided by them.
MIN_THICKNESS_M = 1e-10
# Where a conductivity may have been measured: the range material records accept (-100 to 1000 °C).
MIN_MEASUREMENT_K, MAX_MEASUREMENT_K = 173.15, 1273.15
_CONDUCTIVITY = "ionic_conductivity_S_m"
DEFAULT_BRUGGEMAN = 1.5  # classical Bruggeman exponent, PyBaMM default (physics-and-data §3.5)


@dataclass(frozen=True, slots=True)
class Composite:
    """A composite electrode: active particles in a solid-electrolyte matrix with additives.

    The fractions are of the layer's volume; what they leave is porosity.
    """

    electrolyte: Material
    active_fraction: float
    electrolyte_fraction: float
    additive: Material | None = None
    additive_fraction: float = 0.0
    particle_radius_m: float = 5e-6
    bruggeman: float = DEFAULT_BRUGGEMAN
    coating: Material | None = None  # a buffer coating on the active particles
    coating_thickness_m: float = 0.0

    def __post_init__(self) -> None:
        require_fraction("composite.active_fraction", self.active_fraction)
        require_fraction("composite.electrolyte_fraction", self.electrolyte_fraction)
        require_fraction("composite.additive_fraction", self.additive_fraction)
        require_range("composite.particle_radius", self.particle_radius_m, 1e-9, 1e-3, "m")
        require_range("composite.bruggeman", self.bruggeman, 1.0, 10.0, "")
        require_range("composite.coating_thickness", self.coating_thickness_m, 0.0, 1e-6, "m")
        if self.additive_fraction > 0 and self.additive is None:
            raise InputError("composite.additive", None, "an additive material when its fraction > 0")
        solid = self.active_fraction + self.electrolyte_fraction + self.additive_fraction
        if solid > 1.0 + 1e-9:
            raise InputError("composite fractions", round(solid, 6), "active + electrolyte + additive <= 1")

    @property
    def porosity(self) -> float:
        solid = self.active_fraction + self.electrolyte_fraction + self.additive_fraction
        return max(0.0, 1.0 - solid)


@dataclass(frozen=True, slots=True)
class Layer:
    """One layer of the stack, bottom to top. Thickness in metres.

    ``overrides`` replace library properties for this layer only (a measured density, a
    conductivity of the user's own film, ...). An overriding ionic conductivity was measured at
    ``conductivity_temperature_K`` (None: at the temperature of the library value it replaces);
    the Arrhenius law takes it from there to the stack's temperature. ``porosity`` applies to
    dense layers; for a composite the porosity is what its volume fractions leave.
    """

    material: Material
    thickness_m: float
    role: Role
    porosity: float = 0.0
    composite: Composite | None = None
    deposition_method: str = ""
    overrides: tuple[tuple[str, Sourced], ...] = ()
    label: str = ""
    conductivity_temperature_K: float | None = None
    # effective_material once worked out: with overrides it copies the material twice, and the
    # metrics ask for it about ten times per layer on every recompute.
    _effective: Material | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        require_range("thickness", self.thickness_m, MIN_THICKNESS_M, MAX_THICKNESS_M, "m (0.1 nm to 10 cm)")
        require_fraction("porosity", self.porosity, below_one=True)
        if self.composite is not None and not self.role.is_electrode:
            raise InputError("composite", self.role.value, "a composite only on a cathode or anode")
        for name, value in self.overrides:
            if name not in PROPERTY_NAMES:
                raise InputError(f"overrides.{name}", name, "a material property name")
            if name in _POSITIVE_PROPERTIES:
                require_positive(f"overrides.{name}", value.value)
        if self.conductivity_temperature_K is not None:
            field = "overrides.ionic_conductivity.temperature"
            require_range(field, self.conductivity_temperature_K, MIN_MEASUREMENT_K, MAX_MEASUREMENT_K, "K")
            if _CONDUCTIVITY not in dict(self.overrides):
                raise InputError(
                    field, self.conductivity_temperature_K, "only with an ionic_conductivity override"
                )

    @property
    def name(self) -> str:
        return self.label or self.material.name

    @property
    def effective_material(self) -> Material:
        """The material with this layer's overrides applied."""
        if not self.overrides:
            return self.material
        if self._effective is not None:
            return self._effective
        material = self.material.with_properties(**dict(self.overrides))
        if self.conductivity_temperature_K is not None:
            properties = replace(
                material.properties, conductivity_temperature_K=self.conductivity_temperature_K
            )
            material = replace(material, properties=properties)
        object.__setattr__(self, "_effective", material)  # frozen: a cache, not a change of value
        return material

    @property
    def solid_fraction(self) -> float:
        if self.composite is not None:
            return 1.0 - self.composite.porosity
        return 1.0 - self.porosity

    def with_thickness(self, thickness_m: float) -> Layer:
        return replace(self, thickness_m=thickness_m)

    def with_override(self, name: str, value: Sourced | None, measured_at_K: float | None = None) -> Layer:
        """Set (or, with None, reset to the library value) one property of this layer.

        ``measured_at_K`` is where an ionic conductivity was measured (None: where the library
        value was); a new or reset conductivity forgets the temperature of the one it replaces.
        """
        kept = tuple((n, v) for n, v in self.overrides if n != name)
        if value is not None:
            kept = (*kept, (name, value))
        if name != _CONDUCTIVITY:
            return replace(self, overrides=kept)
        temperature = measured_at_K if value is not None else None
        return replace(self, overrides=kept, conductivity_temperature_K=temperature)


_POSITIVE_PROPERTIES = frozenset(
    {
        "density_kg_m3",
        "capacity_theoretical_C_kg",
        "capacity_practical_C_kg",
        "c_max_mol_m3",
        "diffusivity_m2_s",
        "ionic_conductivity_S_m",
        "electronic_conductivity_S_m",
    }
)
