"""A BPX parameter file as a CellStack project (docs/own-data.md, "BPX").

The file is checked by the ``bpx`` package first. Each electrode becomes a composite layer whose
material carries the BPX quantities: the OCP (a table as given, an expression sampled) by value, c_max
(and a theoretical capacity c_max·F/ρ), the stoichiometry window (the practical capacity is its
share of the host), the diffusivity and exchange current with their activation energies. The
separator becomes a layer of the electrolyte, its conductivity scaled by the transport efficiency
as a DFN scales it. An electrode with a constant OCP of 0 V is lithium metal. The cell's area times
its electrode pairs is the stack's area, its cut-off voltages become the cathode's half-cell
cut-offs, and the mass its density and volume give that the layers do not is extra mass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from cellstack.core.errors import InputError
from cellstack.core.layer import Composite, Layer
from cellstack.core.material import Material, Properties, Role
from cellstack.core.metrics import compute_metrics
from cellstack.core.ocp import FloatArray
from cellstack.core.ocp_resample import Branch, resample
from cellstack.core.ocp_table import MAX_TABLE_POINTS, TabulatedOcp
from cellstack.core.sourced import Quality, Sourced
from cellstack.core.stack import Stack
from cellstack.core.units import FARADAY, ROOM_TEMPERATURE
from cellstack.io.bpx_check import check_bpx
from cellstack.io.bpx_export import CONTACT_RESISTANCE, SERIES_RESISTANCE
from cellstack.io.library import Library
from cellstack.io.project import Project
from cellstack.io.simulation_fields import MAX_SERIES_OHM

SOURCE = "bpx"
LITHIUM_METAL_ID = "li_metal"
NOMINAL_DENSITY_KG_M3 = 1000.0  # where the file gives no density at all
SAMPLED_POINTS = 1001
COLLECTOR_IDS = ("al", "cu")  # positive side, negative side
COLLECTOR_M = 1e-7  # 0.1 µm: BPX gives no collector; its mass is in the cell's
_BRUGGEMAN_RANGE = (1.0, 10.0)  # what a CellStack composite accepts
# Said of a liquid-electrolyte file: what the solid-state model reads from it and what it leaves.
IGNORED = (
    "electrolyte diffusivity and transference number (no concentration polarisation)",
    "electrode electronic conductivities",
    "entropic coefficients and thermal parameters",
)


@dataclass(frozen=True)
class BpxImport:
    project: Project
    notes: tuple[str, ...]  # what was approximated or left out, one line each


def _number(section: dict[str, Any], key: str, where: str, notes: list[str], at: float = 0.5) -> float:
    """A BPX float, or a function or table evaluated at ``at`` (noted)."""
    value = section[key]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    sampled = float(_evaluate(value, np.array([at]), f"{where}.{key}")[0])
    notes.append(f"{where}: {key} depends on its argument; its value at {at:g} ({sampled:.4g}) is used")
    return sampled


def _evaluate(value: Any, x: FloatArray, where: str) -> FloatArray:
    if isinstance(value, (int, float)):
        return np.full_like(x, float(value))
    if isinstance(value, dict):
        order = np.argsort(value["x"])
        table_x = np.asarray(value["x"], dtype=float)[order]
        return np.asarray(np.interp(x, table_x, np.asarray(value["y"], dtype=float)[order]), dtype=float)
    from bpx import Function

    function = Function(value).to_python_function(preamble="from numpy import exp, tanh, cosh, log, sqrt\n")
    with np.errstate(all="ignore"):
        result: FloatArray = np.asarray(function(x), dtype=float) * np.ones_like(x)
    return result


def _ocp(value: Any, low: float, high: float, where: str, name: str, notes: list[str]) -> TabulatedOcp:
    if isinstance(value, dict) and len(value.get("x", [])) <= MAX_TABLE_POINTS:
        order = np.argsort(value["x"])
        x = np.asarray(value["x"], dtype=float)[order]
        y = np.asarray(value["y"], dtype=float)[order]
    else:
        x = np.linspace(min(low, 0.001), max(high, 0.999), SAMPLED_POINTS)
        y = _evaluate(value, x, where)
        finite = np.isfinite(y)
        x, y = x[finite], y[finite]
    if len(x) < 2 or np.any(np.diff(x) <= 0.0):
        raise InputError(f"{where}.OCP [V]", f"{len(x)} points", "a table with distinct stoichiometries")
    if np.any(np.diff(y) > 0.0):
        result = resample(Branch(x, y))
        notes.append(f"{where}: OCP made non-increasing ({result.note})")
        x, y = np.asarray(result.stoichiometry), np.asarray(result.voltage_V)
    return TabulatedOcp(
        tuple(float(v) for v in x),
        tuple(float(v) for v in y),
        lithiated_limit=min(max(high, float(x[0]) + 1e-9), float(x[-1])),
        name=f"{name} OCP (BPX)",
        source=SOURCE,
    )


def _sourced(value: float, note: str = "", quality: Quality = Quality.REPORTED) -> Sourced:
    return Sourced(value, SOURCE, quality, note)


def _electrode_material(
    section: dict[str, Any], role: Role, density: float, where: str, notes: list[str]
) -> Material:
    low, high = section["Minimum stoichiometry"], section["Maximum stoichiometry"]
    c_max = float(section["Maximum concentration [mol.m-3]"])
    theoretical = c_max * FARADAY / density
    name = "BPX positive electrode" if role is Role.CATHODE else "BPX negative electrode"
    k = float(section["Reaction rate constant [mol.m-2.s-1]"])
    props: dict[str, Sourced] = {
        "density_kg_m3": _sourced(density, "BPX gives the cell's lumped density only", Quality.ESTIMATE),
        "capacity_theoretical_C_kg": _sourced(theoretical, "c_max·F/ρ", Quality.COMPUTED),
        "capacity_practical_C_kg": _sourced(
            theoretical * (high - low), "the stoichiometry window", Quality.COMPUTED
        ),
        "c_max_mol_m3": _sourced(c_max),
        "diffusivity_m2_s": _sourced(
            _number(section, "Diffusivity [m2.s-1]", where, notes, (low + high) / 2)
        ),
        # BPX: j0 = F·k·√(θ(1−θ)) at the reference electrolyte concentration, so j0(½) = F·k/2.
        "exchange_current_A_m2": _sourced(FARADAY * k / 2.0, "F·k/2 from the reaction rate constant"),
    }
    for key, field in (
        ("Diffusivity activation energy [J.mol-1]", "diffusivity_activation_energy_J_mol"),
        ("Reaction rate constant activation energy [J.mol-1]", "exchange_current_activation_energy_J_mol"),
    ):
        if section.get(key) is not None:
            props[field] = _sourced(float(section[key]))
    if isinstance(section.get("Conductivity [S.m-1]"), (int, float)):
        props["electronic_conductivity_S_m"] = _sourced(float(section["Conductivity [S.m-1]"]))
    return Material(
        id="bpx_positive" if role is Role.CATHODE else "bpx_negative",
        name=name,
        formula="",
        roles=(role,),
        properties=Properties(**props),  # type: ignore[arg-type]
        ocp_table=_ocp(section["OCP [V]"], low, high, where, name, notes),
        description="Imported from a BPX parameter file.",
    )


def _bruggeman(porosity: float, efficiency: float, where: str, notes: list[str]) -> float:
    exponent = math.log(efficiency) / math.log(porosity)
    bounded = min(max(exponent, _BRUGGEMAN_RANGE[0]), _BRUGGEMAN_RANGE[1])
    if not math.isclose(bounded, exponent, rel_tol=1e-9):
        notes.append(f"{where}: Bruggeman exponent {exponent:.3g} taken as {bounded:g} (CellStack's range)")
    return bounded


def _electrode_layer(
    section: dict[str, Any], material: Material, electrolyte: Material, where: str, notes: list[str]
) -> Layer:
    if "Particle" in section:
        raise InputError(
            f"{where}.Particle", "a blend", "one active material per electrode (blends are not read)"
        )
    radius = float(section["Particle radius [m]"])
    active = float(section["Surface area per unit volume [m-1]"]) * radius / 3.0
    porosity = float(section["Porosity"])
    if active + porosity > 1.0 + 1e-9:
        raise InputError(
            f"{where}.Surface area per unit volume [m-1]",
            section["Surface area per unit volume [m-1]"],
            f"an active fraction a·R/3 ({active:.4g}) that leaves room for the porosity ({porosity:.4g})",
        )
    composite = Composite(
        electrolyte,
        min(active, 1.0 - porosity),
        porosity,
        particle_radius_m=radius,
        bruggeman=_bruggeman(porosity, float(section["Transport efficiency"]), where, notes),
    )
    return Layer(material, float(section["Thickness [m]"]), material.main_role, composite=composite)


def _lithium_metal(section: dict[str, Any], library: Library) -> Layer:
    """The library's lithium metal, with the file's thickness and exchange current (BPX's k per
    particle surface, times the particle surface per geometric area: a metal reacts on its face)."""
    thickness = float(section["Thickness [m]"])
    surface = float(section["Surface area per unit volume [m-1]"]) * thickness
    j0 = FARADAY * float(section["Reaction rate constant [mol.m-2.s-1]"]) / 2.0 * surface
    changes = {"exchange_current_A_m2": _sourced(j0, "F·k/2 × particle surface per area")}
    energy = section.get("Reaction rate constant activation energy [J.mol-1]")
    if energy is not None:
        changes["exchange_current_activation_energy_J_mol"] = _sourced(float(energy))
    material = library.material(LITHIUM_METAL_ID).with_properties(**changes)
    return Layer(material, thickness, Role.ANODE)


def _is_lithium_metal(section: dict[str, Any]) -> bool:
    ocp = section["OCP [V]"]
    return isinstance(ocp, (int, float)) and float(ocp) == 0.0


def bpx_to_project(document: dict[str, Any], library: Library, origin: str = "") -> BpxImport:
    """The project a BPX document describes; InputError naming the field for a file bpx refuses
    or CellStack cannot represent."""
    check_bpx(document, origin)
    try:
        return _project(document, library)
    except InputError as exc:
        raise exc.located(origin) from None


def _project(document: dict[str, Any], library: Library) -> BpxImport:
    notes: list[str] = []
    p = document["Parameterisation"]
    cell, electrolyte_section, separator = p["Cell"], p.get("Electrolyte"), p.get("Separator")
    if electrolyte_section is None or separator is None:
        raise InputError(
            "Parameterisation.Separator", None, "a separator and electrolyte (an SPM-only file has none)"
        )
    t_ref = float(cell.get("Reference temperature [K]") or ROOM_TEMPERATURE)
    density = float(cell.get("Density [kg.m-3]") or NOMINAL_DENSITY_KG_M3)
    sigma = _number(electrolyte_section, "Conductivity [S.m-1]", "Electrolyte", notes, 1000.0)
    efficiency = float(separator["Transport efficiency"])
    dense = efficiency >= 1.0
    electrolyte = Material(
        id="bpx_electrolyte",
        name="BPX electrolyte" + ("" if dense else " (effective, in the separator)"),
        formula="",
        roles=(Role.ELECTROLYTE,),
        properties=Properties(
            density_kg_m3=_sourced(density, "BPX gives the cell's lumped density only", Quality.ESTIMATE),
            ionic_conductivity_S_m=_sourced(sigma * efficiency, "conductivity × transport efficiency"),
            conductivity_temperature_K=t_ref,
            activation_energy_eV=_sourced(
                float(electrolyte_section.get("Conductivity activation energy [J.mol-1]") or 0.0) / FARADAY
            ),
        ),
    )
    series_ohm = _series_resistance(p.get("User-defined") or {}, notes)
    if not dense:
        notes.append(
            "a liquid-electrolyte cell: the separator is a porous layer; ignored: " + "; ".join(IGNORED)
        )
    cathode_m = _electrode_material(
        p["Positive electrode"], Role.CATHODE, density, "Positive electrode", notes
    )
    cathode = _electrode_layer(p["Positive electrode"], cathode_m, electrolyte, "Positive electrode", notes)
    negative = p["Negative electrode"]
    if _is_lithium_metal(negative):
        anode = _lithium_metal(negative, library)
        anode_low_V = anode_high_V = 0.0
        notes.append("Negative electrode: OCP 0 V, read as lithium metal (the library's record)")
    else:
        anode_m = _electrode_material(negative, Role.ANODE, density, "Negative electrode", notes)
        anode = _electrode_layer(negative, anode_m, electrolyte, "Negative electrode", notes)
        curve = anode_m.ocp_curve()
        assert curve is not None
        anode_low_V = float(curve(negative["Minimum stoichiometry"]))
        anode_high_V = float(curve(negative["Maximum stoichiometry"]))
    # The cell's cut-offs as the cathode's vs Li: plus the anode's potential at each end.
    cathode = _with_cutoffs(cathode, cell, anode_low_V, anode_high_V)
    separator_layer = Layer(
        electrolyte,
        float(separator["Thickness [m]"]),
        Role.ELECTROLYTE,
        porosity=0.0 if dense else float(separator["Porosity"]),
    )
    area = float(cell["Electrode area [m2]"]) * int(
        cell["Number of electrode pairs connected in parallel to make a cell"]
    )
    state = (document.get("State") or {}).get("Initial conditions") or {}
    notes.append(f"current collectors: {COLLECTOR_M * 1e6:g} µm Al and Cu foils (BPX gives none)")
    # BPX has no current collectors; a stack needs one on each side: thin foils, their mass
    # counted in the cell's (see _with_cell_mass).
    collectors = tuple(Layer(library.material(m), COLLECTOR_M, Role.CURRENT_COLLECTOR) for m in COLLECTOR_IDS)
    stack = Stack(
        layers=(collectors[0], cathode, separator_layer, anode, collectors[1]),
        active_area_m2=area,
        footprint_area_m2=area,
        temperature_K=float(state.get("Initial temperature [K]") or t_ref),
    )
    stack = _with_cell_volume_and_mass(stack, cell, notes)
    title = str(document["Header"].get("Title") or "BPX import")
    description = str(document["Header"].get("Description") or "")
    return BpxImport(Project(stack, title, description, series_resistance_ohm=series_ohm), tuple(notes))


def _series_resistance(extras: dict[str, Any], notes: list[str]) -> float:
    """The project's series resistance: CellStack's own where the file is CellStack's export (its
    contact resistance adds the layers' ohmic terms, which the stack holds), else the whole
    contact resistance (PyBaMM's: outside the electrodes and electrolyte the file describes)."""
    key = SERIES_RESISTANCE if SERIES_RESISTANCE in extras else CONTACT_RESISTANCE
    value = extras.get(key)
    if value is None:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= MAX_SERIES_OHM:
        raise InputError(
            f"Parameterisation.User-defined.{key}", value, f"a number from 0 to {MAX_SERIES_OHM:g} Ohm"
        )
    if key == CONTACT_RESISTANCE and value > 0.0:
        notes.append(f"Contact resistance {value:.4g} Ohm: the design's series resistance")
    return float(value)


def _with_cutoffs(layer: Layer, cell: dict[str, Any], anode_low_V: float, anode_high_V: float) -> Layer:
    material = layer.material.with_properties(
        voltage_cutoff_low_V=_sourced(
            float(cell["Lower voltage cut-off [V]"]) + anode_low_V, "cell cut-off + anode OCP"
        ),
        voltage_cutoff_high_V=_sourced(
            float(cell["Upper voltage cut-off [V]"]) + anode_high_V, "cell cut-off + anode OCP"
        ),
    )
    return Layer(material, layer.thickness_m, layer.role, composite=layer.composite)


def _with_cell_volume_and_mass(stack: Stack, cell: dict[str, Any], notes: list[str]) -> Stack:
    """The footprint that gives the cell's volume over the stack's thickness, and the mass its
    density gives beyond the layers' as extra mass."""
    volume, density = cell.get("Volume [m3]"), cell.get("Density [kg.m-3]")
    if volume is None:
        return stack
    full = compute_metrics(stack).full_stack
    footprint = float(volume) / full.thickness_m
    if footprint >= stack.active_area_m2:
        stack = replace(stack, footprint_area_m2=footprint)
    else:
        notes.append("the cell's volume is less than its layers': the footprint is the electrode area")
    if density is None:
        return stack
    mass, layers_mass = float(volume) * float(density), compute_metrics(stack).full_stack.mass_kg
    if mass > layers_mass:
        notes.append(f"the cell's mass beyond its layers ({(mass - layers_mass) * 1e3:.4g} g) is extra mass")
        return replace(stack, extra_mass_kg=mass - layers_mass)
    return stack
