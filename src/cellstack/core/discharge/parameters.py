"""From a stack to the few numbers a single-particle discharge needs, for each electrode.

The bookkeeping is the metrics' own: capacities from the same per-layer charge densities, the
usable windows as compute_metrics draws them (each ends at the curve's lithiated limit and spans
the cell capacity over the host capacity), and the resistances of the same ASR ledger. A test
checks that the capacity here is compute_metrics' capacity, stack by stack. What the materials fix
is read once per stack structure (fixed.py); here it is scaled to the thicknesses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from cellstack.core.discharge.cutoffs import Cutoffs, cell_cutoffs
from cellstack.core.discharge.diffusion import Geometry
from cellstack.core.discharge.fixed import Fixed, Fixes, cell_capacity, invalid, read_fixes
from cellstack.core.discharge.kinetics import Kinetics
from cellstack.core.discharge.memo import remembered, rescaled, resistance
from cellstack.core.discharge.ocp_library import OcpTable
from cellstack.core.errors import InputError
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.material import Material, Role
from cellstack.core.material_kinetics import material_kinetics
from cellstack.core.metrics.results import AsrEntry, Finding, Severity
from cellstack.core.metrics.structure import Sides
from cellstack.core.ocp import FloatArray, OcpCurve
from cellstack.core.stack import Stack
from cellstack.core.units import MAH_PER_CM2
from cellstack.core.validation import require_range

_EMPTY_TABLE = InterfaceTable()
# 3e22 years: a host this slow takes no lithium during any run the model allows (the slowest,
# at MIN_C_RATE, lasts 4e15 s); beyond it ℓ²/D may overflow, so such a diffusivity is refused.
MAX_DIFFUSION_TIME_S = 1e30
# A cell capacity this many times its host's (a theoretical capacity far below the practical one)
# is refused: its stoichiometry rate, times a diffusion time, must stay a finite number.
MAX_HOST_SPAN = 1e100
# The current of the slowest run (MIN_C_RATE) must stay a normal double: below 1e-292 C/m² it
# rounds to zero and the run would never end.
MIN_CELL_CAPACITY_C_M2 = 1e-280
MAX_SERIES_OHM_M2 = 1e6  # 10¹⁰ Ω·cm² outside the stack lets no current pass: beyond it, a unit slip
SERIES_NAME = "ohmic: series resistance"
_CATHODE, _ANODE = Role.CATHODE, Role.ANODE  # an enum member looked up on its class costs ~0.2 µs


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
    # The charge of the usable window, min(cell capacity, host × lithiated limit): kept as computed,
    # not as host × |θ_discharged − θ_charged|, which rounds to zero where the cell capacity is a
    # sliver (1e-16 or less) of this host's.
    window_C_m2: float
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


@dataclass(frozen=True, slots=True)
class Cell:
    cathode: Electrode
    anode: Electrode
    capacity_C_m2: float  # the cell capacity of compute_metrics: 1C delivers it in one hour
    area_m2: float
    temperature_K: float
    ohmic: tuple[tuple[str, float], ...]  # overpotential name, Ω·m²
    findings: tuple[Finding, ...]
    # The ledger as the stack's structure was first read (memo.py), and each layer's thickness
    # over the one it was read at: ``ledger`` rescales it when asked, as a run does not.
    read_ledger: tuple[AsrEntry, ...]
    thickness_ratios: tuple[float, ...] | None

    @property
    def ledger(self) -> tuple[AsrEntry, ...]:
        """The ASR ledger at this cell's thicknesses, as compute_metrics reports it."""
        return rescaled(self.read_ledger, self.thickness_ratios)

    @property
    def cutoffs(self) -> Cutoffs:
        """The cut-off voltages the materials set (worked out when asked: a run given its own
        cut-off does not ask)."""
        cathode = self.cathode
        return cell_cutoffs(cathode.material, cathode.curve.id, lambda: _ends(cathode), _ends(self.anode))


def _electrode(fixed: Fixed, stack: Stack, q_cell: float, findings: list[Finding]) -> Electrode:
    index, curve = fixed.index, fixed.resolved.curve
    host, t_d, area = q_cell, fixed.diffusion_time_s, 1.0  # anode-free: the plated Li is all used
    if index is not None:
        thickness = stack.layers[index].thickness_m
        host = fixed.host_per_m * thickness / fixed.host_divisor
        if fixed.film_diffusivity_m2_s is not None:
            t_d = thickness**2 / fixed.film_diffusivity_m2_s
        if fixed.radius_m:
            area = fixed.area_per_m * thickness / fixed.radius_m
    _check_computable(fixed, q_cell, host, t_d)
    findings.extend(fixed.before)
    limit = fixed.lithiated_end
    span = q_cell / host
    if span > limit + 1e-12:
        findings.append(_beyond_host(fixed, f"{span:.3g}"))  # 1e99 in 3 digits, not 100
    far_end = max(limit - span, 0.0)
    if far_end < curve.theta_min - 1e-9:
        findings.append(_beyond_fit(fixed, f"{far_end:.2f}"))
    findings.extend(fixed.after)
    charged, discharged = (far_end, limit) if fixed.cathode else (limit, far_end)
    return Electrode(
        side=fixed.side,
        material=fixed.material,
        curve=curve,
        table=fixed.table,
        approximate=fixed.resolved.approximate,
        geometry=fixed.geometry,
        theta_charged=charged,
        theta_discharged=discharged,
        host_C_m2=host,
        window_C_m2=min(q_cell, host * limit),
        diffusion_time_s=t_d,
        reaction_area_ratio=area,
        kinetics=fixed.kinetics,
        interface_j0_A_m2=fixed.interface_j0_A_m2,
        lithium_metal=fixed.metal,
    )


def _check_computable(fixed: Fixed, q_cell: float, host_C_m2: float, diffusion_time_s: float) -> None:
    """Raise where an electrode's numbers are beyond what the model computes with: values at the
    edge of what the loader accepts can make a host capacity round to zero or a diffusion time
    overflow."""
    where = f"the {fixed.side.value} {fixed.material.name}"
    if not host_C_m2 * MAX_HOST_SPAN >= q_cell:
        raise invalid(
            f"{where} has a host capacity too small to compute its stoichiometry with (the cell "
            f"capacity would need more than {MAX_HOST_SPAN:.0e} hosts; check its theoretical capacity "
            "or c_max)"
        )
    if fixed.geometry is not Geometry.NONE and not 0.0 < diffusion_time_s <= MAX_DIFFUSION_TIME_S:
        raise invalid(
            f"{where} has a diffusion time ℓ²/D outside what the model computes with "
            f"(above 0 and up to {MAX_DIFFUSION_TIME_S:.0e} s); check its diffusivity"
        )


# The findings of a window that runs past its host or its fit, by electrode and the number they
# show: an edit that keeps it does not build them again.
@lru_cache(maxsize=256)
def _beyond_host(fixed: Fixed, span: str) -> Finding:
    curve = fixed.resolved.curve
    return Finding(
        "window_beyond_host",
        Severity.WARNING,
        f"The cell capacity needs {span} of the {fixed.material.name} host, more than the "
        f"{fixed.lithiated_end:.2f} its window holds; the discharge stops when the host is exhausted.",
        curve.source,
        fixed.index,
    )


@lru_cache(maxsize=256)
def _beyond_fit(fixed: Fixed, far_end: str) -> Finding:
    curve = fixed.resolved.curve
    return Finding(
        "window_beyond_fit",
        Severity.WARNING,
        f"The cell capacity uses {fixed.material.name} down to θ = {far_end}, below the "
        f"{curve.theta_min:.2f} the {curve.name} fit covers; the OCP is held at its end value there.",
        curve.source,
        fixed.index,
    )


def stated_kinetics(stack: Stack, sides: Sides) -> dict[Role, Kinetics]:
    """The exchange currents the electrodes' records (or overrides) state."""
    known: dict[Role, Kinetics] = {}
    for role, index in ((_CATHODE, sides.cathode), (_ANODE, sides.anode)):
        stated = material_kinetics(stack.layers[index].effective_material) if index is not None else None
        if stated is not None:
            known[role] = stated
    return known


def build_cell(
    stack: Stack,
    interfaces: InterfaceTable | None,
    temperature_K: float | None = None,
    kinetics: dict[Role, Kinetics] | None = None,
    series_asr_ohm_m2: float = 0.0,
) -> Cell:
    """The stack read for a run. ``series_asr_ohm_m2`` is a resistance outside the stack
    (contacts, tabs, fixture) per area of the stack: one more ohmic term of the run."""
    require_range("series_resistance", series_asr_ohm_m2, 0.0, MAX_SERIES_OHM_M2, "Ω·m²")
    if temperature_K is not None and temperature_K != stack.temperature_K:
        try:
            stack = replace(stack, temperature_K=temperature_K)
        except InputError as exc:
            raise InputError("temperature", temperature_K, exc.allowed) from None
    kept, ratios = remembered(stack, interfaces if interfaces is not None else _EMPTY_TABLE)
    sides, ledger = kept.sides, kept.ledger
    known = {**stated_kinetics(stack, sides), **(kinetics or {})}  # given ones win over the records'
    key = (known.get(_CATHODE), known.get(_ANODE))
    fixes = kept.derived.get(key)
    if not isinstance(fixes, Fixes):
        # Errors are the structure's, so a structure with fixes kept has none.
        errors = [f for f in kept.findings if f.severity is Severity.ERROR]
        if errors:
            raise invalid(errors[0].message)
        fixes = read_fixes(stack, sides, ledger, known)
        kept.derived[key] = fixes
    q_cell = cell_capacity(stack, sides, fixes.cathode_C_m3, fixes.anode_C_m3)
    if q_cell <= 0.0:
        raise invalid("its cell capacity is zero")
    if q_cell < MIN_CELL_CAPACITY_C_M2:
        raise invalid(
            f"its cell capacity ({q_cell / MAH_PER_CM2:.3g} mAh/cm²) is below the "
            f"{MIN_CELL_CAPACITY_C_M2 / MAH_PER_CM2:.0e} mAh/cm² a discharge computes with"
        )
    findings = list(kept.findings)
    cathode = _electrode(fixes.cathode, stack, q_cell, findings)
    anode = _electrode(fixes.anode, stack, q_cell, findings)
    p_ends, n_ends = _ends(cathode), _ends(anode)
    if max(p_ends[0] - n_ends[0], p_ends[1] - n_ends[1]) <= 0.0:  # what compute_metrics calls an error
        raise invalid(
            f"the cathode {cathode.name} does not sit above the anode {anode.name} in potential "
            "(the open-circuit voltage is not above 0 V)"
        )
    ohmic = tuple(
        [
            (name, resistance(entry, ratios))
            for name, entry in zip(fixes.ohmic_names, ledger, strict=True)
            if name
        ]
    )
    if series_asr_ohm_m2 > 0.0:
        ohmic = (*ohmic, (SERIES_NAME, series_asr_ohm_m2))
    return Cell(
        cathode,
        anode,
        q_cell,
        stack.active_area_m2,
        stack.temperature_K,
        ohmic,
        tuple(findings),
        ledger,
        ratios,
    )


def _ends(electrode: Electrode) -> tuple[float, float]:
    """OCP in the charged and in the discharged state."""
    table = electrode.table
    return table.at(electrode.theta_charged), table.at(electrode.theta_discharged)
