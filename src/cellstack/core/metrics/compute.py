"""compute_metrics: the pure function from a stack to everything the product reports."""

from __future__ import annotations

from cellstack.core.finite import finite_ratio
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.material import ELECTRODE_ROLES, FOOTPRINT_ROLES, Material, Role
from cellstack.core.metrics.compatibility import compatibility_findings
from cellstack.core.metrics.layer_quantities import ChargeDensity, charge_density, mass_density_kg_m3
from cellstack.core.metrics.resistance import asr_ledger
from cellstack.core.metrics.results import (
    EnergyDefinition,
    Finding,
    LayerBreakdown,
    Level,
    LevelMetrics,
    Metrics,
    Severity,
    VoltageResult,
)
from cellstack.core.metrics.structure import LI_METAL_FAMILY, Sides, analyse
from cellstack.core.metrics.voltage import average_voltage
from cellstack.core.metrics.window import CathodeRating, rate_charge
from cellstack.core.stack import Stack

_EMPTY_TABLE = InterfaceTable()
_PAIR_ROLES = (Role.CATHODE, Role.ANODE, Role.ELECTROLYTE, Role.BUFFER)
_STACK_ROLES = (*_PAIR_ROLES, Role.CURRENT_COLLECTOR)
# Enum members read off their class cost 0.25 µs each on Python 3.11 (EnumType.__getattr__
# defeats the attribute cache): the checks run per layer on every recompute read these names.
_ERROR = Severity.ERROR
_PAIR, _CELL_STACK, _FULL_STACK = Level.ELECTRODE_PAIR, Level.CELL_STACK, Level.FULL_STACK


def compute_metrics(
    stack: Stack,
    interfaces: InterfaceTable = _EMPTY_TABLE,
    energy_definition: EnergyDefinition = EnergyDefinition.AUTO,
) -> Metrics:
    sides, findings = analyse(stack)
    layers, charges = _layer_breakdown(stack, findings)
    rating = _cathode_rating(stack, sides, charges)
    capacities = _capacities(stack, sides, findings, rating, charges)
    q_p, q_n, q_cell, q_p_th, q_n_th = capacities
    voltage: VoltageResult | None = None
    anode_material = _anode_material(stack, sides)
    if q_cell is not None and q_cell * stack.active_area_m2 <= 0.0:  # zero, or it rounds to zero
        findings.append(_no_charge(stack, sides, q_p))
    elif q_cell is not None and sides.cathode is not None and anode_material is not None:
        cathode = stack.layers[sides.cathode].effective_material
        window = rating.window if rating is not None else None
        voltage, voltage_findings = average_voltage(
            cathode, anode_material, q_cell, q_p_th, q_n_th, energy_definition, window
        )
        findings.extend(voltage_findings)
    energy = (
        q_cell * voltage.average_V * stack.active_area_m2
        if q_cell is not None and voltage is not None
        else None
    )
    findings.extend(compatibility_findings(stack, sides, _cathode_top(stack, sides, voltage)))
    asr, asr_findings = asr_ledger(stack, sides, _as_table(interfaces))
    findings.extend(asr_findings)
    np_ratio = finite_ratio(q_n, q_p) if q_n is not None and q_p is not None else None
    if np_ratio is not None and np_ratio < 1.0:
        findings.append(
            Finding(
                "anode_limited",
                Severity.WARNING,
                f"N/P = {np_ratio:.2f} < 1: the anode limits the capacity and the cathode is not fully used.",
            )
        )
    plated = _plated_thickness(stack, q_cell)
    valid = True
    for finding in findings:
        if finding.severity is _ERROR:
            valid = False
            break
    return Metrics(
        active_area_m2=stack.active_area_m2,
        footprint_area_m2=stack.footprint_area_m2,
        temperature_K=stack.temperature_K,
        cathode_capacity_C_m2=q_p,
        anode_capacity_C_m2=q_n,
        cell_capacity_C_m2=q_cell if valid else None,
        np_ratio=np_ratio,
        lithium_excess_m=_lithium_excess(stack, sides, q_n, q_cell),
        plated_lithium_m=plated,
        voltage=voltage if valid else None,
        energy_J=energy if valid else None,
        layers=tuple(layers),
        levels=_levels(stack, layers, energy if valid else None, plated),
        asr=tuple(asr),
        findings=tuple(findings),
    )


def _as_table(interfaces: InterfaceTable | None) -> InterfaceTable:
    return interfaces if interfaces is not None else _EMPTY_TABLE


def _layer_breakdown(
    stack: Stack, findings: list[Finding]
) -> tuple[list[LayerBreakdown], dict[int, ChargeDensity | None]]:
    """A row per layer, and the charge density of each electrode (by layer index) for the
    capacities to use without working it out again."""
    rows = []
    charges: dict[int, ChargeDensity | None] = {}
    footprint, active = stack.footprint_area_m2, stack.active_area_m2
    for index, layer in enumerate(stack.layers):
        role, thickness = layer.role, layer.thickness_m
        rho = mass_density_kg_m3(layer)
        area = footprint if role in FOOTPRINT_ROLES else active
        if rho is None:
            findings.append(
                Finding(
                    "no_density",
                    Severity.ERROR,
                    f"{layer.name} has no density, so the stack's mass is unknown; set one on the layer.",
                    layer_index=index,
                )
            )
        per_area = rho * thickness if rho is not None else None
        charge = None
        if role in ELECTRODE_ROLES:
            charge = charges[index] = charge_density(layer)
        rows.append(
            LayerBreakdown(
                index,
                layer.name,
                role,
                thickness,
                area,
                per_area,
                per_area * area if per_area is not None else None,
                charge.practical_C_m3 * thickness if charge else None,
            )
        )
    return rows, charges


def _cathode_rating(
    stack: Stack, sides: Sides, charges: dict[int, ChargeDensity | None]
) -> CathodeRating | None:
    """The cathode's window between its cut-offs and its rated capacity, where it has a curve."""
    if sides.cathode is None:
        return None
    material = stack.layers[sides.cathode].effective_material
    curve = material.ocp_curve()
    charge = charges[sides.cathode]
    if curve is None or charge is None:
        return None
    return rate_charge(material, charge, curve, sides.cathode)


def _capacities(
    stack: Stack,
    sides: Sides,
    findings: list[Finding],
    rating: CathodeRating | None,
    charges: dict[int, ChargeDensity | None],
) -> tuple[float | None, float | None, float | None, float | None, float | None]:
    """Electrode capacities (practical), the cell's (rated: the cathode's window may hold less
    than its practical capacity) and the theoretical ones."""
    q_p = q_p_th = q_n = q_n_th = None
    if sides.cathode is not None:
        q_p, q_p_th = _electrode_capacity(stack, sides.cathode, findings, charges[sides.cathode])
    if sides.anode is not None:
        q_n, q_n_th = _electrode_capacity(stack, sides.anode, findings, charges[sides.anode])
    if q_p is None:
        return q_p, q_n, None, q_p_th, q_n_th
    q_rated = q_p
    if rating is not None and sides.cathode is not None:
        q_rated = rating.rated_C_m3 * stack.layers[sides.cathode].thickness_m
        if rating.finding is not None:
            findings.append(rating.finding)
    if stack.plated_anode is not None:
        q_cell = q_rated * (1.0 - stack.first_cycle_loss)
        # Plated lithium is used entirely: its window spans exactly the capacity delivered.
        return q_p, None, q_cell, q_p_th, q_cell
    if q_n is None:
        return q_p, None, None, q_p_th, q_n_th
    return q_p, q_n, min(q_rated, q_n), q_p_th, q_n_th


def _electrode_capacity(
    stack: Stack, index: int, findings: list[Finding], charge: ChargeDensity | None
) -> tuple[float | None, float | None]:
    layer = stack.layers[index]
    if charge is None:
        findings.append(
            Finding(
                "no_capacity",
                Severity.ERROR,
                f"{layer.name} has no density or specific capacity, so its capacity is unknown.",
                layer_index=index,
            )
        )
        return None, None
    if charge.basis == "theoretical":
        findings.append(
            Finding(
                "theoretical_capacity",
                Severity.INFO,
                f"{layer.name}: no measured capacity in the library, the theoretical "
                f"{charge.capacity.value / 3600:.0f} mAh/g is used.",
                charge.capacity.source,
                index,
            )
        )
    theoretical = charge.theoretical_C_m3 * layer.thickness_m if charge.theoretical_C_m3 is not None else None
    return charge.practical_C_m3 * layer.thickness_m, theoretical


def _no_charge(stack: Stack, sides: Sides, q_p: float | None) -> Finding:
    """The error of a cell whose capacity is zero: an electrode without active material, or one
    whose numbers multiply to less than the smallest double."""
    index = sides.cathode if q_p is not None and q_p * stack.active_area_m2 <= 0.0 else sides.anode
    assert index is not None
    layer = stack.layers[index]
    composite = layer.composite
    why = (
        "holds no active material (active fraction 0)"
        if composite is not None and composite.active_fraction == 0.0
        else "stores no charge (its capacity rounds to zero)"
    )
    return Finding(
        "no_cell_capacity",
        Severity.ERROR,
        f"{layer.name} {why}, so the cell stores no charge and has no voltage or energy.",
        layer_index=index,
    )


def _anode_material(stack: Stack, sides: Sides) -> Material | None:
    if sides.anode is not None:
        return stack.layers[sides.anode].effective_material
    return stack.plated_anode


def _cathode_top(stack: Stack, sides: Sides, voltage: VoltageResult | None) -> float | None:
    """The highest potential the cathode reaches vs Li on charge."""
    if sides.cathode is None:
        return None
    cathode = stack.layers[sides.cathode].effective_material
    cutoff = cathode.properties.voltage_cutoff_high_V
    if cutoff is not None:
        return cutoff.value
    curve = cathode.ocp_curve()
    if curve is not None and voltage is not None and voltage.cathode_window is not None:
        return curve.value_at(voltage.cathode_window[1])
    average = cathode.properties.voltage_average_V
    return average.value if average is not None else None


def _lithium_excess(stack: Stack, sides: Sides, q_n: float | None, q_cell: float | None) -> float | None:
    if sides.anode is None or q_n is None or q_cell is None:
        return None
    layer = stack.layers[sides.anode]
    if layer.material.family_id != LI_METAL_FAMILY:
        return None
    unused = finite_ratio(q_n - q_cell, q_n)
    return layer.thickness_m * unused if unused is not None else None


def _plated_thickness(stack: Stack, q_cell: float | None) -> float | None:
    metal = stack.plated_anode
    if metal is None or q_cell is None:
        return None
    props = metal.properties
    rho = props.density_kg_m3.value if props.density_kg_m3 else None
    capacity = props.capacity_practical_C_kg or props.capacity_theoretical_C_kg
    if rho is None or capacity is None:
        return None
    return finite_ratio(q_cell, rho * capacity.value)


def _levels(
    stack: Stack, layers: list[LayerBreakdown], energy: float | None, plated: float | None
) -> tuple[LevelMetrics, ...]:
    # One pass for the three levels, each summing its layers bottom to top.
    pair_mass = cell_mass = full_mass = 0.0
    pair_t = cell_t = full_t = 0.0
    pair_known = cell_known = full_known = True
    for row in layers:
        mass, thickness, role = row.mass_kg, row.thickness_m, row.role
        if role in _PAIR_ROLES:
            pair_t += thickness
            if mass is None:
                pair_known = False
            else:
                pair_mass += mass
        if role in _STACK_ROLES:
            cell_t += thickness
            if mass is None:
                cell_known = False
            else:
                cell_mass += mass
        full_t += thickness
        if mass is None:
            full_known = False
        else:
            full_mass += mass
    extra_t = plated or 0.0
    full_t += extra_t
    return (
        _level(_PAIR, pair_mass, pair_t + extra_t, stack.active_area_m2, energy, pair_known),
        _level(_CELL_STACK, cell_mass, cell_t + extra_t, stack.active_area_m2, energy, cell_known),
        _level(
            _FULL_STACK,
            full_mass + stack.extra_mass_kg,
            full_t,
            stack.footprint_area_m2,
            energy,
            full_known,
        ),
    )


def _level(
    level: Level, mass: float, thickness: float, area: float, energy: float | None, known: bool
) -> LevelMetrics:
    volume = area * thickness
    return LevelMetrics(
        level,
        mass,
        thickness,
        volume,
        finite_ratio(energy, mass) if energy is not None and known else None,
        finite_ratio(energy, volume) if energy is not None else None,
    )
