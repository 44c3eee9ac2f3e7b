"""Writing a stack's layers and the materials they use into a project document."""

from __future__ import annotations

from typing import Any

from cellstack.core import units as u
from cellstack.core.layer import Layer
from cellstack.core.material import Material
from cellstack.core.stack import Stack
from cellstack.io.exact_units import si_to_scaled
from cellstack.io.file_numbers import number
from cellstack.io.material_records import SPEC_BY_FIELD, write_sourced


def used_materials(stack: Stack) -> dict[str, Material]:
    """Every material the stack uses, by id and sorted: what a project file embeds."""
    used: dict[str, Material] = {}
    for layer in stack.layers:
        used[layer.material.id] = layer.material
        composite = layer.composite
        if composite is not None:
            for material in (composite.electrolyte, composite.additive, composite.coating):
                if material is not None:
                    used[material.id] = material
    if stack.plated_anode is not None:
        used[stack.plated_anode.id] = stack.plated_anode
    return dict(sorted(used.items()))


def write_layer(layer: Layer) -> dict[str, Any]:
    """One entry of ``stack.layers`` in a project file."""
    entry: dict[str, Any] = {
        "material": layer.material.id,
        "role": layer.role.value,
        "thickness_um": number(si_to_scaled(layer.thickness_m, u.UM)),
    }
    if layer.label:
        entry["label"] = layer.label
    if layer.porosity:
        entry["porosity"] = number(layer.porosity)
    if layer.deposition_method:
        entry["deposition_method"] = layer.deposition_method
    if layer.overrides:
        overrides = {
            SPEC_BY_FIELD[name].key: write_sourced(value, SPEC_BY_FIELD[name])
            for name, value in sorted(layer.overrides)
        }
        if layer.conductivity_temperature_K is not None:
            celsius = u.kelvin_to_celsius(layer.conductivity_temperature_K)
            overrides["ionic_conductivity"]["temperature_C"] = number(celsius)
        entry["overrides"] = overrides
    c = layer.composite
    if c is not None:
        composite: dict[str, Any] = {
            "electrolyte": c.electrolyte.id,
            "active_fraction": number(c.active_fraction),
            "electrolyte_fraction": number(c.electrolyte_fraction),
        }
        if c.additive is not None:
            composite["additive"] = c.additive.id
            composite["additive_fraction"] = number(c.additive_fraction)
        composite["particle_radius_um"] = number(c.particle_radius_m / u.UM)
        composite["bruggeman"] = number(c.bruggeman)
        if c.coating is not None:
            composite["coating"] = c.coating.id
            composite["coating_thickness_nm"] = number(c.coating_thickness_m / u.NM)
        entry["composite"] = composite
    return entry
