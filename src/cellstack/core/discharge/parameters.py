"""From a stack to the few numbers a single-particle discharge needs, for each electrode.

The bookkeeping is the metrics' own: capacities from the same per-layer charge densities, the
usable windows as compute_metrics draws them (each ends at the curve's lithiated limit and spans
the cell capacity over the host capacity), and the resistances of the same ASR ledger. A test
checks that the capacity here is compute_metrics' capacity, stack by stack.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from cellstack.core.discharge.cutoffs import Cutoffs, cell_cutoffs
from cellstack.core.discharge.defaults import diffusion_default
from cellstack.core.discharge.diffusion import Geometry
from cellstack.core.discharge.kinetics import Kinetics, exchange_current_from_asr
from cellstack.core.discharge.memo import structure
from cellstack.core.discharge.ocp_library import OcpTable, ResolvedOcp, ocp_table, resolve_ocp
from cellstack.core.errors import InputError
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.layer import Layer
from cellstack.core.material import Material, Role
from cellstack.core.metrics.layer_quantities import ChargeDensity, active_volume_fraction, charge_density
from cellstack.core.metrics.results import AsrEntry, Finding, Severity
from cellstack.core.metrics.structure import LI_METAL_FAMILY, Sides
from cellstack.core.ocp import FloatArray, OcpCurve
from cellstack.core.stack import Stack
from cellstack.core.units import FARADAY, GAS_CONSTANT, ROOM_TEMPERATURE

_EMPTY_TABLE = InterfaceTable()


@dataclass(frozen=True, slots=True)
class Electrode:
    """One electrode as the model sees it (stoichiometries of its host, SI units)."""

    side: Role  # CATHODE or ANODE
    material: Material
    curve: OcpCurve
    table: OcpTable  # the curve sampled for interpolation
    approximate: bool
    geometry: Geometry
    theta_charged: float  # host stoichiometry in the fully charged cell
    theta_discharged: float  # and at the end of the usable window
    host_C_m2: float  # charge that moves θ from 0 to 1, per geometric area
    diffusion_time_s: float  # ℓ²/D at the run temperature (0 without diffusion)
    reaction_area_ratio: float  # reacting area per geometric area
    kinetics: Kinetics | None  # a known j₀, else ...
    interface_j0_A_m2: float | None  # ... one from the interface resistance, else no charge transfer
    lithium_metal: bool

    def ocp(self, theta: FloatArray) -> FloatArray:
        return self.table(theta)

    def ocp_at(self, theta: float) -> float:
        return self.table.at(theta)

    @property
    def name(self) -> str:
        return self.material.name

    @property
    def window_C_m2(self) -> float:
        return self.host_C_m2 * abs(self.theta_discharged - self.theta_charged)


@dataclass(frozen=True, slots=True)
class Cell:
    cathode: Electrode
    anode: Electrode
    capacity_C_m2: float  # the cell capacity of compute_metrics: 1C delivers it in one hour
    area_m2: float
    temperature_K: float
    ohmic: tuple[tuple[str, float], ...]  # overpotential name, Ω·m²
    ledger: tuple[AsrEntry, ...]
    cutoffs: Cutoffs
    findings: tuple[Finding, ...]


def _invalid(why: str) -> InputError:
    """The stack cannot be discharged; ``why`` says what is missing or wrong."""
    return InputError("stack", "as drawn", f"a stack that can be discharged, but {why[0].lower()}{why[1:]}")


def _host_capacity(
    layer: Layer, charge: ChargeDensity, resolved: ResolvedOcp, findings: list[Finding]
) -> float:
    """Charge per area for the whole host (θ from 0 to 1): theoretical capacity, else c_max."""
    if charge.theoretical_C_m3 is not None:
        return charge.theoretical_C_m3 * layer.thickness_m
    c_max = layer.effective_material.properties.c_max_mol_m3
    if c_max is not None:
        return c_max.value * FARADAY * active_volume_fraction(layer) * layer.thickness_m
    findings.append(
        Finding(
            "host_capacity_assumed",
            Severity.INFO,
            f"{layer.name}: no theoretical capacity or c_max; the practical capacity is taken to use "
            f"{resolved.usable_fraction:.0%} of the host.",
            "cellstack_assumption",
        )
    )
    return charge.practical_C_m3 * layer.thickness_m / resolved.usable_fraction


def _charge(stack: Stack, index: int | None) -> ChargeDensity | None:
    if index is None:
        return None
    charge = charge_density(stack.layers[index])
    if charge is None:
        layer = stack.layers[index]
        raise _invalid(f"{layer.name} (layer {index}) has no density or specific capacity")
    return charge


def _resolved(material: Material, where: str) -> ResolvedOcp:
    resolved = resolve_ocp(material)
    if resolved is None:
        raise _invalid(f"the {where} {material.name} has neither an OCP curve nor an average voltage")
    return resolved


def _diffusion(
    layer: Layer, curve: OcpCurve, temperature_K: float, findings: list[Finding], index: int
) -> tuple[Geometry, float]:
    default = diffusion_default(curve.id)
    stored = layer.effective_material.properties.diffusivity_m2_s
    if stored is None:
        findings.append(
            Finding(
                "diffusivity_default",
                Severity.INFO,
                f"{layer.name}: {default.note} ({default.diffusivity_m2_s * 1e4:.2g} cm²/s used).",
                default.source,
                index,
            )
        )
    d_ref = stored.value if stored is not None else default.diffusivity_m2_s
    # Library diffusivities are room-temperature values; Ea is the chemistry's (defaults.py).
    d = d_ref * math.exp(
        -(default.activation_energy_J_mol / GAS_CONSTANT) * (1.0 / temperature_K - 1.0 / ROOM_TEMPERATURE)
    )
    if layer.composite is not None:
        return Geometry.SPHERE, layer.composite.particle_radius_m**2 / d
    return Geometry.PLANAR, layer.thickness_m**2 / d


def _electrode(
    stack: Stack,
    index: int | None,
    side: Role,
    q_cell: float,
    charge: ChargeDensity | None,
    kinetics: Kinetics | None,
    interface_j0: float | None,
    findings: list[Finding],
) -> Electrode:
    layer = stack.layers[index] if index is not None else None
    material = layer.effective_material if layer is not None else stack.plated_anode
    assert material is not None
    resolved = _resolved(material, side.value)
    curve = resolved.curve
    metal = material.family_id == LI_METAL_FAMILY or curve.id == "li_metal"
    if layer is None or charge is None:  # anode-free: the plated lithium is all used (window 0..1)
        host, geometry, t_d, area = q_cell, Geometry.NONE, 0.0, 1.0
    else:
        host = _host_capacity(layer, charge, resolved, findings)
        if metal:
            geometry, t_d = Geometry.NONE, 0.0
        else:
            geometry, t_d = _diffusion(layer, curve, stack.temperature_K, findings, index or 0)
        area = 1.0
        if layer.composite is not None:
            composite = layer.composite
            area = 3.0 * composite.active_fraction * layer.thickness_m / composite.particle_radius_m
    limit = curve.lithiated_limit
    span = q_cell / host
    if span > limit + 1e-12:
        findings.append(
            Finding(
                "window_beyond_host",
                Severity.WARNING,
                f"The cell capacity needs {span:.2f} of the {material.name} host, more than the "
                f"{limit:.2f} its window holds; the discharge stops when the host is exhausted.",
                curve.source,
                index,
            )
        )
    far_end = max(limit - span, 0.0)
    if far_end < curve.theta_min - 1e-9:
        findings.append(
            Finding(
                "window_beyond_fit",
                Severity.WARNING,
                f"The cell capacity uses {material.name} down to θ = {far_end:.2f}, below the "
                f"{curve.theta_min:.2f} the {curve.name} fit covers; the OCP is held at its end value there.",
                curve.source,
                index,
            )
        )
    charged, discharged = (far_end, limit) if side is Role.CATHODE else (limit, far_end)
    return Electrode(
        side=side,
        material=material,
        curve=curve,
        table=ocp_table(curve),
        approximate=resolved.approximate,
        geometry=geometry,
        theta_charged=charged,
        theta_discharged=discharged,
        host_C_m2=host,
        diffusion_time_s=t_d,
        reaction_area_ratio=area,
        kinetics=kinetics,
        interface_j0_A_m2=interface_j0,
        lithium_metal=metal,
    )


def _cell_capacity(stack: Stack, sides: Sides, p: ChargeDensity, n: ChargeDensity | None) -> float:
    """The cell's practical capacity per area, as compute_metrics counts it."""
    assert sides.cathode is not None
    q_p = p.practical_C_m3 * stack.layers[sides.cathode].thickness_m
    if stack.plated_anode is not None:
        return q_p * (1.0 - stack.first_cycle_loss)
    assert sides.anode is not None and n is not None
    return min(q_p, n.practical_C_m3 * stack.layers[sides.anode].thickness_m)


def unique_name(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name} ({n})", n + 1
    taken.add(candidate)
    return candidate


def build_cell(
    stack: Stack,
    interfaces: InterfaceTable | None,
    temperature_K: float | None = None,
    kinetics: dict[Role, Kinetics] | None = None,
) -> Cell:
    if temperature_K is not None and temperature_K != stack.temperature_K:
        try:
            stack = replace(stack, temperature_K=temperature_K)
        except InputError as exc:
            raise InputError("temperature", temperature_K, exc.allowed) from None
    remembered = structure(stack, interfaces if interfaces is not None else _EMPTY_TABLE)
    sides, ledger = remembered.sides, remembered.ledger
    errors = [f for f in remembered.findings if f.severity is Severity.ERROR]
    if errors:
        raise _invalid(errors[0].message)
    findings = list(remembered.findings)
    charge_p, charge_n = _charge(stack, sides.cathode), _charge(stack, sides.anode)
    assert charge_p is not None
    q_cell = _cell_capacity(stack, sides, charge_p, charge_n)
    if q_cell <= 0.0:
        raise _invalid("its cell capacity is zero")
    known = kinetics or {}
    ohmic, interface_asr = _split_ledger(sides, ledger, known)
    electrodes = []
    for side, index, q in ((Role.CATHODE, sides.cathode, charge_p), (Role.ANODE, sides.anode, charge_n)):
        asr = interface_asr[side]
        j0 = exchange_current_from_asr(asr, stack.temperature_K) if asr > 0 else None
        electrode = _electrode(stack, index, side, q_cell, q, known.get(side), j0, findings)
        electrodes.append(electrode)
        if electrode.approximate:
            findings.append(
                Finding(
                    "approximate_ocp",
                    Severity.WARNING,
                    f"{electrode.name} has no published OCP fit: its curve is approximate, built "
                    f"from its average voltage ({electrode.curve.name}).",
                    electrode.curve.source,
                    index,
                )
            )
        if electrode.kinetics is None and j0 is None:
            findings.append(
                Finding(
                    "no_charge_transfer",
                    Severity.WARNING,
                    f"No exchange current or interface resistance for the {side.value} "
                    f"({electrode.name}): its charge-transfer overpotential is left out.",
                    layer_index=index,
                )
            )
    cathode, anode = electrodes
    cutoffs = cell_cutoffs(cathode.material, cathode.curve.id, _ends(cathode), _ends(anode))
    return Cell(
        cathode,
        anode,
        q_cell,
        stack.active_area_m2,
        stack.temperature_K,
        ohmic,
        ledger,
        cutoffs,
        tuple(findings),
    )


def _ends(electrode: Electrode) -> tuple[float, float]:
    """OCP in the charged and in the discharged state."""
    return electrode.ocp_at(electrode.theta_charged), electrode.ocp_at(electrode.theta_discharged)


def _split_ledger(
    sides: Sides, ledger: tuple[AsrEntry, ...], kinetics: dict[Role, Kinetics]
) -> tuple[tuple[tuple[str, float], ...], dict[Role, float]]:
    """Interface terms become charge transfer where no j₀ is known; the rest is ohmic."""
    interface_asr = {Role.CATHODE: 0.0, Role.ANODE: 0.0}
    ohmic: list[tuple[str, float]] = []
    taken: set[str] = set()
    for entry in ledger:
        if entry.kind == "interface":
            side = Role.CATHODE if entry.layer_index == sides.cathode else Role.ANODE
            if side not in kinetics:
                interface_asr[side] += entry.ohm_m2
                continue
            ohmic.append((unique_name(f"interface: {entry.name}", taken), entry.ohm_m2))
        else:
            ohmic.append((unique_name(f"ohmic: {entry.name}", taken), entry.ohm_m2))
    return tuple(ohmic), interface_asr
