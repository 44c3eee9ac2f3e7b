"""What a stack's materials fix, whatever its thicknesses: read once per stack structure.

build_cell (parameters.py) reads a stack on every edit, and most edits change a thickness only.
Everything here depends on the materials, their roles and order, the temperature and the known
exchange currents, not on a thickness: it is kept with the remembered structure (memo.py), and
build_cell scales the rest. The arithmetic is the one a fresh read goes through, so the numbers
are the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from cellstack.core.diffusivity import DiffusivityCurve
from cellstack.core.discharge.defaults import diffusion_default
from cellstack.core.discharge.diffusion import Geometry
from cellstack.core.discharge.kinetics import Kinetics, exchange_current_from_asr
from cellstack.core.discharge.ocp_library import OcpTable, ResolvedOcp, ocp_table, resolve_ocp
from cellstack.core.errors import InputError
from cellstack.core.layer import Layer
from cellstack.core.material import Material, Role
from cellstack.core.material_kinetics import diffusivity_activation_energy
from cellstack.core.metrics.layer_quantities import ChargeDensity, active_volume_fraction, charge_density
from cellstack.core.metrics.results import AsrEntry, Finding, Severity
from cellstack.core.metrics.structure import LI_METAL_FAMILY, Sides
from cellstack.core.metrics.window import rate_cathode
from cellstack.core.ocp import OcpCurve
from cellstack.core.sourced import Sourced
from cellstack.core.stack import Stack
from cellstack.core.units import FARADAY, GAS_CONSTANT, ROOM_TEMPERATURE


def invalid(why: str) -> InputError:
    """The stack cannot be discharged; ``why`` says what is missing or wrong."""
    return InputError("stack", "as drawn", f"a stack that can be discharged, but {why[0].lower()}{why[1:]}")


# eq=False: compared and hashed by identity, as a key of the findings parameters.py remembers.
@dataclass(frozen=True, slots=True, eq=False)
class Fixed:
    """What an electrode's materials fix, whatever its thickness L; build_cell scales the rest.

    Its host holds host_per_m·L/host_divisor: the divisor is 1 unless the host is inferred from
    the practical capacity, so that the arithmetic is a fresh read's. A composite reacts over
    area_per_m·L/R per geometric area; a film diffuses in L²/D.
    """

    side: Role
    cathode: bool
    index: int | None  # None: the plated lithium of an anode-free cell, whose host is the cell capacity
    material: Material
    resolved: ResolvedOcp
    table: OcpTable
    metal: bool
    host_per_m: float
    host_divisor: float
    geometry: Geometry
    diffusion_time_s: float  # R²/D of a composite's particles; 0 for a film (L²/D) or without diffusion
    film_diffusivity_m2_s: float | None  # D of a film, at the stack's temperature
    radius_m: float  # of a composite's particles; 0 without a composite
    area_per_m: float  # 3·ε_AM of a composite
    kinetics: Kinetics | None
    interface_j0_A_m2: float | None
    # The window's lithiated end: the curve's lithiated limit, or, for a cathode, where its curve
    # falls to the lower cut-off (metrics/window.py), so that compute_metrics' window is the run's.
    lithiated_end: float
    rated_C_m3: float | None  # a cathode's rated capacity per layer volume; None: its practical one
    before: tuple[Finding, ...]  # the findings it adds before its window's ...
    after: tuple[Finding, ...]  # ... and after


@dataclass(frozen=True, slots=True)
class Fixes:
    """What build_cell reads once per stack structure (memo.py) and set of known exchange currents."""

    cathode: Fixed
    anode: Fixed
    cathode_C_m3: float  # rated capacity per volume of the cathode layer (window.rate_cathode)
    anode_C_m3: float | None  # and of the anode layer, where there is one
    ohmic_names: tuple[str | None, ...]  # per ledger entry; None where it is charge transfer


def _host_capacity(
    layer: Layer, charge: ChargeDensity, fraction: float, findings: list[Finding]
) -> tuple[float, float]:
    """Charge per area and metre of the whole host (θ from 0 to 1): theoretical capacity, else
    c_max, else the practical capacity taken to fill ``fraction`` of the host; the second number
    divides the first."""
    if charge.theoretical_C_m3 is not None:
        return charge.theoretical_C_m3, 1.0
    c_max = layer.effective_material.properties.c_max_mol_m3
    if c_max is not None:
        return c_max.value * FARADAY * active_volume_fraction(layer), 1.0
    findings.append(
        Finding(
            "host_capacity_assumed",
            Severity.INFO,
            f"{layer.name}: no theoretical capacity or c_max; the practical capacity is taken to use "
            f"{fraction:.0%} of the host.",
            "cellstack_assumption",
        )
    )
    return charge.practical_C_m3, fraction


def _charge(stack: Stack, index: int | None) -> ChargeDensity | None:
    if index is None:
        return None
    charge = charge_density(stack.layers[index])
    if charge is None:
        layer = stack.layers[index]
        raise invalid(f"{layer.name} (layer {index}) has no density or specific capacity")
    return charge


def _resolved(material: Material, where: str) -> ResolvedOcp:
    resolved = resolve_ocp(material)
    if resolved is None:
        raise invalid(f"the {where} {material.name} has neither an OCP curve nor an average voltage")
    return resolved


def _diffusivity_curve(layer: Layer) -> DiffusivityCurve | None:
    """The material's D(θ), unless the layer overrides its diffusivity with a constant."""
    overridden = any(name == "diffusivity_m2_s" for name, _ in layer.overrides)
    return None if overridden else layer.effective_material.diffusivity_curve


def _diffusivity(
    layer: Layer, curve: OcpCurve, temperature_K: float, findings: list[Finding], index: int
) -> float:
    default = diffusion_default(curve.id)
    stored = layer.effective_material.properties.diffusivity_m2_s
    varying = _diffusivity_curve(layer)  # D(θ): its value at θ = ½ sets t_d
    if varying is not None:
        stored = Sourced(varying.reference_m2_s, varying.source)
    if stored is None:
        findings.append(
            Finding(
                "diffusivity_default",
                Severity.INFO,
                f"{layer.name}: its record gives no diffusivity, so its chemistry's default applies: "
                f"{default.note} ({default.diffusivity_m2_s * 1e4:.2g} cm²/s used).",
                default.source,
                index,
            )
        )
    d_ref = stored.value if stored is not None else default.diffusivity_m2_s
    # Library diffusivities are room-temperature values; Ea is the record's, else the chemistry's.
    d = d_ref * math.exp(
        -(diffusivity_activation_energy(layer.effective_material, curve.id) / GAS_CONSTANT)
        * (1.0 / temperature_K - 1.0 / ROOM_TEMPERATURE)
    )
    if not d > 0.0:  # 5e-324 m²/s is accepted by the loader and underflows below room temperature
        raise invalid(
            f"the diffusivity of {layer.name} ({d_ref * 1e4:.3g} cm²/s at 25 °C) is zero at "
            f"{temperature_K - 273.15:.0f} °C to double precision"
        )
    return d


def _fixed(
    stack: Stack,
    index: int | None,
    side: Role,
    charge: ChargeDensity | None,
    kinetics: Kinetics | None,
    interface_j0: float | None,
) -> Fixed:
    layer = stack.layers[index] if index is not None else None
    material = layer.effective_material if layer is not None else stack.plated_anode
    assert material is not None
    if layer is not None and material.diffusivity_curve is not None and _diffusivity_curve(layer) is None:
        material = replace(material, diffusivity_curve=None)  # the layer's own constant D wins
    resolved = _resolved(material, side.value)
    curve = resolved.curve
    metal = material.family_id == LI_METAL_FAMILY or curve.id == "li_metal"
    before: list[Finding] = []
    host, divisor, geometry, t_d, radius, area = 0.0, 1.0, Geometry.NONE, 0.0, 0.0, 0.0
    film_d: float | None = None
    rating = None
    if side is Role.CATHODE and layer is not None and not resolved.approximate:
        rating = rate_cathode(layer, curve, index)
    if layer is not None and charge is not None:
        # Without a theoretical capacity the practical one fills the window between the cut-offs.
        span = rating.window.span if rating is not None else None
        fraction = span if span is not None else resolved.usable_fraction
        host, divisor = _host_capacity(layer, charge, fraction, before)
        composite = layer.composite
        if composite is not None:
            radius, area = composite.particle_radius_m, 3.0 * composite.active_fraction
        if not metal:
            d = _diffusivity(layer, curve, stack.temperature_K, before, index or 0)
            if composite is not None:
                geometry, t_d = Geometry.SPHERE, radius**2 / d
            else:
                geometry, film_d = Geometry.PLANAR, d
    lithiated_end = curve.lithiated_limit
    if rating is not None:
        lithiated_end = rating.window.discharged_theta
        if rating.finding is not None:
            before.append(rating.finding)
    after: list[Finding] = []
    if resolved.approximate:
        after.append(
            Finding(
                "approximate_ocp",
                Severity.WARNING,
                f"{material.name} has no published OCP fit: its curve is approximate, built "
                f"from its average voltage ({curve.name}).",
                curve.source,
                index,
            )
        )
    if kinetics is None and interface_j0 is None:
        after.append(
            Finding(
                "no_charge_transfer",
                Severity.WARNING,
                f"No exchange current or interface resistance for the {side.value} "
                f"({material.name}): its charge-transfer overpotential is left out.",
                layer_index=index,
            )
        )
    return Fixed(
        side=side,
        cathode=side is Role.CATHODE,
        index=index,
        material=material,
        resolved=resolved,
        table=ocp_table(curve),
        metal=metal,
        host_per_m=host,
        host_divisor=divisor,
        geometry=geometry,
        diffusion_time_s=t_d,
        film_diffusivity_m2_s=film_d,
        radius_m=radius,
        area_per_m=area,
        kinetics=kinetics,
        interface_j0_A_m2=interface_j0,
        lithiated_end=lithiated_end,
        rated_C_m3=rating.rated_C_m3 if rating is not None else None,
        before=tuple(before),
        after=tuple(after),
    )


def cell_capacity(stack: Stack, sides: Sides, cathode_C_m3: float, anode_C_m3: float | None) -> float:
    """The cell's practical capacity per area, as compute_metrics counts it."""
    assert sides.cathode is not None
    q_p = cathode_C_m3 * stack.layers[sides.cathode].thickness_m
    if stack.plated_anode is not None:
        return q_p * (1.0 - stack.first_cycle_loss)
    assert sides.anode is not None and anode_C_m3 is not None
    return min(q_p, anode_C_m3 * stack.layers[sides.anode].thickness_m)


def unique_name(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name} ({n})", n + 1
    taken.add(candidate)
    return candidate


def read_fixes(
    stack: Stack, sides: Sides, ledger: tuple[AsrEntry, ...], kinetics: dict[Role, Kinetics]
) -> Fixes:
    """Everything in a cell that thicknesses do not change, in the order a fresh read checks it."""
    charge_p, charge_n = _charge(stack, sides.cathode), _charge(stack, sides.anode)
    assert charge_p is not None
    practical_p, practical_n = charge_p.practical_C_m3, charge_n.practical_C_m3 if charge_n else None
    # Whether the cell capacity is zero does not depend on thicknesses (all > 0); it is checked
    # where a fresh read checks it, before the electrodes are read.
    if cell_capacity(stack, sides, practical_p, practical_n) <= 0.0:
        raise invalid("its cell capacity is zero")
    names, interface_asr = _split_ledger(sides, ledger, kinetics)
    fixed = []
    for side, index, q in ((Role.CATHODE, sides.cathode, charge_p), (Role.ANODE, sides.anode, charge_n)):
        asr = interface_asr[side]
        j0 = exchange_current_from_asr(asr, stack.temperature_K) if asr > 0 else None
        fixed.append(_fixed(stack, index, side, q, kinetics.get(side), j0))
    return Fixes(fixed[0], fixed[1], fixed[0].rated_C_m3 or practical_p, practical_n, names)


def _split_ledger(
    sides: Sides, ledger: tuple[AsrEntry, ...], kinetics: dict[Role, Kinetics]
) -> tuple[tuple[str | None, ...], dict[Role, float]]:
    """Charge-transfer interface terms become an exchange current where no j₀ is known (no name,
    their resistance summed per side); the rest, ohmic interfaces among them, drop i·R, each under
    a name of its own."""
    interface_asr = {Role.CATHODE: 0.0, Role.ANODE: 0.0}
    names: list[str | None] = []
    taken: set[str] = set()
    for entry in ledger:
        if entry.kind == "interface" and not entry.ohmic_interface:
            side = Role.CATHODE if entry.layer_index == sides.cathode else Role.ANODE
            if side not in kinetics:
                interface_asr[side] += entry.ohm_m2
                names.append(None)
                continue
            names.append(unique_name(f"interface: {entry.name}", taken))
        elif entry.kind == "interface":
            names.append(unique_name(f"interface: {entry.name}", taken))
        else:
            names.append(unique_name(f"ohmic: {entry.name}", taken))
    return tuple(names), interface_asr
