"""A stack as a BPX parameter file (docs/own-data.md, "BPX"), checked by the ``bpx`` package.

What the single-particle model needs comes from the model's own reading of the stack (the cell
build_cell makes at 25 °C), so a BPX run starts from the same electrodes: the stoichiometry windows
between the cut-offs, the host capacity (as c_max over the active volume), the OCP as a table,
diffusivity and exchange current with their activation energies. CellStack's ohmic terms (the
solid electrolyte, buffers, ohmic interfaces, composite electrolyte) and the project's series
resistance become PyBaMM's "Contact resistance [Ohm]", at the stack's temperature; the series
resistance alone is also written under its own name, so an import gives it back as such.

BPX has no place for a dense solid electrolyte, a film electrode or lithium metal; the
representations chosen (each one PyBaMM imports) are:

- the separator: the layers between the electrodes, porosity ½ and transport efficiency 1 (a
  Bruggeman exponent of 0, so the effective conductivity is the electrolyte's), with the
  solid electrolyte's conductivity and activation energy as the electrolyte's and a transference
  number of 1 (a single-ion conductor). PyBaMM's import takes log(porosity), so 0 and 1 fail.
- a dense film electrode: spheres of radius 3 × thickness (the same surface per volume as the
  film), active fraction 1 less a porosity of 10⁻³;
- lithium metal: an electrode with OCP 0 V, particles of 1 µm, diffusivity 10⁻⁹ m²/s (no
  diffusion limit), its window at stoichiometry 0.4 to 0.6 of a host that holds the same charge;

and the solid-state extras go under ``User-defined`` with PyBaMM-style names.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from cellstack.core import units as u
from cellstack.core.discharge.defaults import diffusion_default
from cellstack.core.discharge.parameters import Cell, Electrode, build_cell
from cellstack.core.errors import InputError
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.core.material_kinetics import diffusivity_activation_energy
from cellstack.core.metrics import compute_metrics
from cellstack.core.stack import Stack
from cellstack.core.units import FARADAY, ROOM_TEMPERATURE

BPX_VERSION = "1.1.0"
BPX_MODEL = "SPMe"  # BPX's "SPM" parameterisation has no separator, which PyBaMM's import reads
OCP_POINTS = 401
SEPARATOR_POROSITY = 0.5
FILM_POROSITY = 1e-3
FILM_RADIUS_PER_THICKNESS = 3.0
METAL_RADIUS_M = 1e-6
METAL_DIFFUSIVITY_M2_S = 1e-9
METAL_WINDOW_SPAN = 0.2  # stoichiometry 0.4 to 0.6: BPX's j0 varies by 2 % there
NOMINAL_ELECTROLYTE_DIFFUSIVITY_M2_S = 1e-10  # unused with a transference number of 1
NOMINAL_ELECTRODE_CONDUCTIVITY_S_M = 100.0  # where the record gives none; the SPM does not use it
NO_CHARGE_TRANSFER_J0_A_M2 = 1e6  # per reacting area: an overpotential of nanovolts
EV_TO_J_MOL = u.FARADAY  # 1 eV per ion is F joules per mole
CONTACT_RESISTANCE = "Contact resistance [Ohm]"
EXTRA_PREFIX = "CellStack: "
SERIES_RESISTANCE = f"{EXTRA_PREFIX}series resistance [Ohm]"


def _electrode_layer(stack: Stack, role: Role) -> tuple[int, Layer]:
    for index, layer in enumerate(stack.layers):
        if layer.role is role:
            return index, layer
    raise InputError("stack", f"no {role.value} layer", f"a stack with a {role.value} to export to BPX")


def _geometry(layer: Layer, electrode: Electrode) -> tuple[float, float, float]:
    """Particle radius, active fraction and porosity BPX is given for ``layer``."""
    if electrode.lithium_metal:
        return METAL_RADIUS_M, 1.0 - FILM_POROSITY, FILM_POROSITY
    if layer.composite is not None:
        c = layer.composite
        return c.particle_radius_m, c.active_fraction, c.electrolyte_fraction
    return FILM_RADIUS_PER_THICKNESS * layer.thickness_m, 1.0 - FILM_POROSITY, FILM_POROSITY


def _ocp(electrode: Electrode) -> float | dict[str, list[float]]:
    if electrode.lithium_metal:
        return 0.0
    curve = electrode.curve
    grid = np.linspace(curve.theta_min, curve.theta_max, OCP_POINTS)
    return {"x": [float(x) for x in grid], "y": [float(v) for v in curve(grid)]}


def _diffusivity(electrode: Electrode) -> tuple[float, float]:
    """D at 25 °C and its activation energy, as the discharge model takes them."""
    if electrode.lithium_metal:
        return METAL_DIFFUSIVITY_M2_S, 0.0
    material = electrode.material
    stored = material.properties.diffusivity_m2_s
    d = stored.value if stored is not None else diffusion_default(electrode.curve.id).diffusivity_m2_s
    return d, diffusivity_activation_energy(material, electrode.curve.id)


def _rate_constant(electrode: Electrode, surface_per_area: float) -> tuple[float, float]:
    """BPX's reaction rate constant k (j₀ = F·k·√(θ(1−θ)) per particle surface, so j₀(½) = F·k/2)
    and its activation energy, from the model's j₀ at 25 °C."""
    if electrode.kinetics is not None:
        j0_geometric = electrode.kinetics.exchange_current_A_m2 * electrode.reaction_area_ratio
        energy = electrode.kinetics.activation_energy_J_mol
    elif electrode.interface_j0_A_m2 is not None:
        # From the interface resistance: constant in θ in CellStack, √(θ(1−θ))-shaped in BPX.
        j0_geometric, energy = electrode.interface_j0_A_m2, 0.0
    else:
        return 2.0 * NO_CHARGE_TRANSFER_J0_A_M2 / FARADAY, 0.0
    return 2.0 * (j0_geometric / surface_per_area) / FARADAY, energy


def _electrode(layer: Layer, electrode: Electrode, positive: bool) -> dict[str, Any]:
    radius, active, porosity = _geometry(layer, electrode)
    thickness = layer.thickness_m
    surface = 3.0 * active / radius  # per volume of electrode
    c_max = electrode.host_C_m2 / (FARADAY * active * thickness)
    d, d_energy = _diffusivity(electrode)
    k, k_energy = _rate_constant(electrode, surface * thickness)
    low, high = sorted((electrode.theta_charged, electrode.theta_discharged))
    if electrode.lithium_metal:
        # Its potential does not depend on θ, but BPX's exchange current vanishes at θ = 1: the
        # window used is placed about ½, in a host scaled to hold the same charge.
        c_max *= (high - low) / METAL_WINDOW_SPAN
        low, high = 0.5 - METAL_WINDOW_SPAN / 2.0, 0.5 + METAL_WINDOW_SPAN / 2.0
    conductivity = electrode.material.properties.electronic_conductivity_S_m
    return {
        "Thickness [m]": thickness,
        "Porosity": porosity,
        "Transport efficiency": porosity**1.5
        if layer.composite is None
        else porosity**layer.composite.bruggeman,
        "Conductivity [S.m-1]": conductivity.value
        if conductivity is not None
        else NOMINAL_ELECTRODE_CONDUCTIVITY_S_M,
        "Minimum stoichiometry": low,
        "Maximum stoichiometry": high,
        "Maximum concentration [mol.m-3]": c_max,
        "Particle radius [m]": radius,
        "Surface area per unit volume [m-1]": surface,
        "Diffusivity [m2.s-1]": d,
        "Diffusivity activation energy [J.mol-1]": d_energy,
        "OCP [V]": _ocp(electrode),
        "Entropic change coefficient [V.K-1]": 0.0,  # CellStack's curves have none
        "Reaction rate constant [mol.m-2.s-1]": k,
        "Reaction rate constant activation energy [J.mol-1]": k_energy,
    }


def _between(stack: Stack, p_index: int, n_index: int) -> list[int]:
    low, high = sorted((p_index, n_index))
    return list(range(low + 1, high))


def _electrolyte(stack: Stack, between: list[int]) -> dict[str, Any]:
    sigma, energy = 1.0, 0.0
    for index in between:
        props = stack.layers[index].effective_material.properties
        if stack.layers[index].role is Role.ELECTROLYTE and props.ionic_conductivity_S_m is not None:
            sigma = props.ionic_conductivity_S_m.value
            energy = props.activation_energy_eV.value * EV_TO_J_MOL if props.activation_energy_eV else 0.0
            break
    return {
        "Cation transference number": 1.0,
        "Diffusivity [m2.s-1]": NOMINAL_ELECTROLYTE_DIFFUSIVITY_M2_S,
        "Conductivity [S.m-1]": sigma,
        "Conductivity activation energy [J.mol-1]": energy,
    }


def _open_circuit(cell: Cell) -> dict[str, float]:
    """The open-circuit voltage of the charged and the discharged cell, under PyBaMM's names
    (without them PyBaMM takes the cut-off voltages)."""
    p, n = cell.cathode, cell.anode
    return {
        "Open-circuit voltage at 100% SOC [V]": p.ocp_at(p.theta_charged) - n.ocp_at(n.theta_charged),
        "Open-circuit voltage at 0% SOC [V]": p.ocp_at(p.theta_discharged) - n.ocp_at(n.theta_discharged),
    }


def _extras(
    stack: Stack, interfaces: InterfaceTable, contact_ohm: float, series_ohm: float
) -> dict[str, float]:
    metrics = compute_metrics(stack, interfaces)
    extras: dict[str, float] = {CONTACT_RESISTANCE: contact_ohm, SERIES_RESISTANCE: series_ohm}
    for row in metrics.layers:
        layer = stack.layers[row.index]
        name = f"{EXTRA_PREFIX}layer {row.index} ({layer.material.id}, {layer.role.value})"
        extras[f"{name} thickness [m]"] = layer.thickness_m
        if row.mass_per_area_kg_m2 is not None:
            extras[f"{name} mass per area [kg.m-2]"] = row.mass_per_area_kg_m2
        props = layer.effective_material.properties
        if props.ionic_conductivity_S_m is not None and not layer.role.is_electrode:
            extras[f"{name} ionic conductivity [S.m-1]"] = props.ionic_conductivity_S_m.value
            if props.activation_energy_eV is not None:
                extras[f"{name} conductivity activation energy [J.mol-1]"] = (
                    props.activation_energy_eV.value * EV_TO_J_MOL
                )
    for entry in metrics.asr:
        if entry.kind == "interface":
            extras[f"{EXTRA_PREFIX}interface resistance: {entry.name} [Ohm.m2]"] = entry.ohm_m2
    if metrics.lithium_excess_m is not None:
        extras[f"{EXTRA_PREFIX}lithium excess [m]"] = metrics.lithium_excess_m
    return extras


def stack_to_bpx(
    stack: Stack, interfaces: InterfaceTable, title: str = "", series_asr_ohm_m2: float = 0.0
) -> dict[str, Any]:
    """The BPX document of ``stack`` (not yet validated: see check_bpx); ``series_asr_ohm_m2``
    is the project's series resistance per area of the stack (io/project_compute.py)."""
    p_index, p_layer = _electrode_layer(stack, Role.CATHODE)
    n_index, n_layer = _electrode_layer(stack, Role.ANODE)
    reference = build_cell(stack, interfaces, ROOM_TEMPERATURE)
    at_run = build_cell(stack, interfaces, series_asr_ohm_m2=series_asr_ohm_m2)
    contact_ohm = sum(ohm for _, ohm in at_run.ohmic) / stack.active_area_m2
    series_ohm = series_asr_ohm_m2 / stack.active_area_m2
    cutoffs = reference.cutoffs
    between = _between(stack, p_index, n_index)
    full = compute_metrics(stack, interfaces).full_stack
    cell: dict[str, Any] = {
        "Electrode area [m2]": stack.active_area_m2,
        "Number of electrode pairs connected in parallel to make a cell": 1,
        "Lower voltage cut-off [V]": cutoffs.low_V,
        "Upper voltage cut-off [V]": cutoffs.high_V,
        "Nominal cell capacity [A.h]": reference.capacity_C_m2 * stack.active_area_m2 / 3600.0,
        "Reference temperature [K]": ROOM_TEMPERATURE,
        "External surface area [m2]": 2.0 * stack.footprint_area_m2,  # both faces; edges left out
        "Volume [m3]": full.volume_m3,
        "Density [kg.m-3]": full.mass_kg / full.volume_m3,
    }
    return {
        "Header": {
            "BPX": BPX_VERSION,
            "Title": title or "CellStack export",
            "Description": (
                "Exported by CellStack: a solid-state stack, its separator, film and lithium-metal "
                "electrodes represented; its ohmic terms as Contact resistance"
            ),
            "Model": BPX_MODEL,
        },
        "Parameterisation": {
            "Cell": cell,
            "Electrolyte": _electrolyte(stack, between),
            "Negative electrode": _electrode(n_layer, reference.anode, positive=False),
            "Positive electrode": _electrode(p_layer, reference.cathode, positive=True),
            "Separator": {
                "Thickness [m]": sum(stack.layers[i].thickness_m for i in between),
                "Porosity": SEPARATOR_POROSITY,
                "Transport efficiency": 1.0,
            },
            "User-defined": {
                **_open_circuit(reference),
                **_extras(stack, interfaces, contact_ohm, series_ohm),
            },
        },
        "State": {
            # No initial state-of-charge: PyBaMM then starts from the stoichiometry limits (the
            # charged cell) as given, instead of solving for them from the voltage limits.
            "Initial conditions": {"Initial temperature [K]": stack.temperature_K},
            "Thermal environment": {"Ambient temperature [K]": stack.temperature_K},
        },
    }


def finite_check(document: dict[str, Any]) -> None:
    """Every number in the document finite (JSON has no NaN; a NaN here is a fault upstream)."""
    from cellstack.io.json_walk import leaves

    for path, value in leaves(document):
        if isinstance(value, float) and not math.isfinite(value):
            raise InputError(path, value, "a finite number in the BPX export")
