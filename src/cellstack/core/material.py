"""Materials as the library describes them (SI units, every number with its source)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import StrEnum

from cellstack.core.diffusivity import DiffusivityCurve
from cellstack.core.ocp import OcpCurve, get_curve
from cellstack.core.ocp_table import TabulatedOcp
from cellstack.core.sourced import Sourced


class Role(StrEnum):
    """What a layer does in a stack. A material may serve several roles."""

    CATHODE = "cathode"
    ANODE = "anode"
    ELECTROLYTE = "electrolyte"
    BUFFER = "buffer"
    CURRENT_COLLECTOR = "current_collector"
    SUBSTRATE = "substrate"
    ENCAPSULATION = "encapsulation"
    ADDITIVE = "additive"

    @property
    def is_electrode(self) -> bool:
        return self in ELECTRODE_ROLES

    @property
    def spans_footprint(self) -> bool:
        """Substrates and packaging cover the whole device, not just the active area."""
        return self in FOOTPRINT_ROLES


# Named once: reading an enum member off its class (Role.CATHODE) costs a quarter of a
# microsecond on Python 3.11, which the live metrics pay for every layer they look at.
ELECTRODE_ROLES = (Role.CATHODE, Role.ANODE)
FOOTPRINT_ROLES = (Role.SUBSTRATE, Role.ENCAPSULATION)


class ArrheniusForm(StrEnum):
    """Which quantity the activation energy of a conductivity belongs to."""

    SIGMA = "sigma"  # sigma = A exp(-Ea / kT)
    SIGMA_T = "sigmaT"  # sigma * T = A exp(-Ea / kT)


class AirSensitivity(StrEnum):
    STABLE = "stable"
    MOISTURE = "moisture"
    AIR = "air"


@dataclass(frozen=True, slots=True)
class CapacityMeasurement:
    """One further table row for a material (Tables 1, 2, 6 and 7 list some materials often)."""

    capacity_practical_C_kg: float
    source: str
    reported_volumetric_capacity_C_m3: float | None = None
    rate_C: float | None = None
    current_density_A_m2: float | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Properties:
    """The numbers of a material, each optional, each with its source. SI units."""

    density_kg_m3: Sourced | None = None
    capacity_theoretical_C_kg: Sourced | None = None
    capacity_practical_C_kg: Sourced | None = None
    voltage_average_V: Sourced | None = None
    voltage_cutoff_low_V: Sourced | None = None
    voltage_cutoff_high_V: Sourced | None = None
    c_max_mol_m3: Sourced | None = None
    diffusivity_m2_s: Sourced | None = None
    ionic_conductivity_S_m: Sourced | None = None
    conductivity_temperature_K: float | None = None  # where ionic_conductivity was measured
    activation_energy_eV: Sourced | None = None
    electronic_conductivity_S_m: Sourced | None = None
    stability_window_low_V: Sourced | None = None
    stability_window_high_V: Sourced | None = None
    volume_change_fraction: Sourced | None = None
    reported_volumetric_capacity_C_m3: Sourced | None = None
    # Charge transfer (core/discharge/kinetics.py): j0 at θ = ½ and 25 °C per reacting area (the
    # particle surface in a composite, the geometric area of a dense film), and its Arrhenius energy.
    exchange_current_A_m2: Sourced | None = None
    exchange_current_activation_energy_J_mol: Sourced | None = None
    diffusivity_activation_energy_J_mol: Sourced | None = None  # of diffusivity_m2_s


PROPERTY_NAMES: tuple[str, ...] = tuple(
    f.name for f in fields(Properties) if f.name != "conductivity_temperature_K"
)


@dataclass(frozen=True, slots=True)
class Material:
    """A library record: identity, roles, descriptive facts and sourced properties."""

    id: str
    name: str
    formula: str
    roles: tuple[Role, ...]
    properties: Properties = field(default_factory=Properties)
    family: str = ""
    category: str = ""
    description: str = ""
    dopants: tuple[str, ...] = ()
    crystal_structure: str = ""
    deposition_method: str = ""
    thin_film: bool = False
    air_sensitivity: AirSensitivity = AirSensitivity.STABLE
    arrhenius_form: ArrheniusForm = ArrheniusForm.SIGMA
    ocp: str = ""
    ocp_table: TabulatedOcp | None = None  # a curve carried by value; wins over ``ocp``
    notes: tuple[str, ...] = ()
    measurements: tuple[CapacityMeasurement, ...] = ()
    diffusivity_curve: DiffusivityCurve | None = None  # D(θ); where given, it replaces the constant D
    # Where the record was loaded from ("user": the user's own materials folder; "" otherwise).
    # Not part of the material: a user's record embedded in a project is the same material.
    origin: str = field(default="", compare=False)

    @property
    def family_id(self) -> str:
        return self.family or self.id

    @property
    def main_role(self) -> Role:
        return self.roles[0]

    def ocp_curve(self) -> OcpCurve | None:
        """The curve the record carries by value, else the built-in fit it names, else None."""
        if self.ocp_table is not None:
            return self.ocp_table.curve()
        return get_curve(self.ocp) if self.ocp else None

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def with_properties(self, **changes: Sourced) -> Material:
        """A copy with some properties replaced (used for per-layer overrides)."""
        return replace(self, properties=replace(self.properties, **changes))  # type: ignore[arg-type]

    def sources(self) -> set[str]:
        """Every reference key this record cites."""
        keys: set[str] = set()
        for name in PROPERTY_NAMES:
            value = getattr(self.properties, name)
            if isinstance(value, Sourced):
                keys.add(value.source)
        keys.update(m.source for m in self.measurements)
        return keys
