"""What compute_metrics returns: frozen results with units in their names (SI)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cellstack.core.finite import finite_ratio
from cellstack.core.material import Role
from cellstack.core.sourced import Quality


class Severity(StrEnum):
    ERROR = "error"  # the stack cannot work as drawn; metrics that depend on it are None
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    """A structural error, a compatibility warning or a note, with the literature behind it."""

    code: str
    severity: Severity
    message: str
    source: str = ""  # reference key; empty for purely structural findings
    layer_index: int | None = None


class EnergyDefinition(StrEnum):
    AUTO = "auto"  # OCV integral where both electrodes have an OCP curve, else material averages
    OCV_INTEGRAL = "ocv_integral"  # capacity x mean of U_p - U_n over the usable windows
    AVERAGE_VOLTAGE = "average_voltage"  # capacity x (V_avg cathode - V_avg anode)


class Level(StrEnum):
    """Which layers a density counts, from the electrochemical core out to the package."""

    ELECTRODE_PAIR = "electrode_pair"  # electrodes, electrolytes and buffers over the active area
    CELL_STACK = "cell_stack"  # + current collectors
    FULL_STACK = "full_stack"  # + substrate, encapsulation over the footprint, + extra mass


@dataclass(frozen=True, slots=True)
class LayerBreakdown:
    index: int
    name: str
    role: Role
    thickness_m: float
    area_m2: float  # the area this layer covers (active or footprint)
    mass_per_area_kg_m2: float | None  # None when the density is unknown
    mass_kg: float | None
    areal_capacity_C_m2: float | None  # electrodes only


@dataclass(frozen=True, slots=True)
class AsrEntry:
    """One term of the area-specific resistance, at the stack temperature."""

    name: str
    kind: str  # "bulk", "composite", "buffer" or "interface"
    ohm_m2: float
    source: str
    quality: Quality
    detail: str
    layer_index: int | None = None
    # An interface term that is ohmic (constriction, contact, resistive interphase), not charge
    # transfer: the discharge model drops i·R across it instead of a Butler–Volmer overpotential.
    ohmic_interface: bool = False


@dataclass(frozen=True, slots=True)
class LevelMetrics:
    level: Level
    mass_kg: float
    thickness_m: float
    volume_m3: float
    specific_energy_J_kg: float | None
    energy_density_J_m3: float | None


@dataclass(frozen=True, slots=True)
class VoltageResult:
    average_V: float
    definition: EnergyDefinition
    cathode_window: tuple[float, float] | None  # stoichiometry at end and start of discharge
    anode_window: tuple[float, float] | None
    source: str
    # The cathode window the OCV integral averaged over, and the cut-offs that bound it; "" for
    # material averages.
    window: str = ""


@dataclass(frozen=True, slots=True)
class Metrics:
    """Everything the metrics panel, the CLI and the report show for one stack."""

    active_area_m2: float
    footprint_area_m2: float
    temperature_K: float
    cathode_capacity_C_m2: float | None
    anode_capacity_C_m2: float | None
    cell_capacity_C_m2: float | None
    np_ratio: float | None
    lithium_excess_m: float | None  # Li metal thickness beyond what the cathode can fill
    plated_lithium_m: float | None  # anode-free: Li thickness plated on full charge
    voltage: VoltageResult | None
    energy_J: float | None
    layers: tuple[LayerBreakdown, ...]
    levels: tuple[LevelMetrics, ...]
    asr: tuple[AsrEntry, ...]
    findings: tuple[Finding, ...]

    @property
    def valid(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def capacity_C(self) -> float | None:
        if self.cell_capacity_C_m2 is None:
            return None
        return self.cell_capacity_C_m2 * self.active_area_m2

    @property
    def average_voltage_V(self) -> float | None:
        return self.voltage.average_V if self.voltage is not None else None

    @property
    def asr_total_ohm_m2(self) -> float | None:
        if not self.asr:
            return None
        return sum(entry.ohm_m2 for entry in self.asr)

    @property
    def max_power_W(self) -> float | None:
        """Matched-load power V²/(4·ASR) over the active area: an upper bound, not a rating."""
        total = self.asr_total_ohm_m2
        if total is None or self.voltage is None:
            return None
        return finite_ratio(self.voltage.average_V**2 * self.active_area_m2, 4.0 * total)

    def level(self, level: Level) -> LevelMetrics:
        for row in self.levels:  # a loop, not next() over a generator: a cell asks twice per compute
            if row.level is level:
                return row
        raise KeyError(level)

    @property
    def full_stack(self) -> LevelMetrics:
        return self.level(Level.FULL_STACK)
