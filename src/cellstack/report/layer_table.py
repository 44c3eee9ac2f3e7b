"""The layer table: each layer's material, thickness and the properties the computation used,
every value with the number of its source in the reference list."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from cellstack.core.layer import Layer
from cellstack.core.material import Material, Role
from cellstack.core.metrics import Metrics
from cellstack.core.ocp import get_curve
from cellstack.core.sourced import Quality, Sourced
from cellstack.core.stack import Stack
from cellstack.io.material_records import SPEC_BY_FIELD
from cellstack.io.quantity_text import thickness_text as thickness
from cellstack.report.citations import Citations, number, unit_text
from cellstack.report.elements import Table

OVERRIDE_MARK = "*"
ESTIMATE_MARK = "†"

# The properties compute_metrics and the discharge model read, by role, in the order printed.
# Density has its own column. Electronic conductivity and reported volumetric capacities are
# library facts that no computation reads, so they are left out.
_ELECTRODE = (
    "capacity_practical_C_kg",
    "capacity_theoretical_C_kg",
    "voltage_average_V",
    "voltage_cutoff_low_V",
    "voltage_cutoff_high_V",
    "c_max_mol_m3",
    "diffusivity_m2_s",
    "volume_change_fraction",
)
_ION_CONDUCTOR = (
    "ionic_conductivity_S_m",
    "activation_energy_eV",
    "stability_window_low_V",
    "stability_window_high_V",
)
_USED_BY_ROLE: dict[Role, tuple[str, ...]] = {
    Role.CATHODE: _ELECTRODE,
    Role.ANODE: _ELECTRODE,
    Role.ELECTROLYTE: _ION_CONDUCTOR,
    Role.BUFFER: _ION_CONDUCTOR,
}
_LABELS = {
    "capacity_practical_C_kg": "q practical",
    "capacity_theoretical_C_kg": "q theoretical",
    "voltage_average_V": "V average",
    "voltage_cutoff_low_V": "V cut-off low",
    "voltage_cutoff_high_V": "V cut-off high",
    "c_max_mol_m3": "c max",
    "diffusivity_m2_s": "D",
    "volume_change_fraction": "volume change",
    "ionic_conductivity_S_m": "σ ionic",
    "activation_energy_eV": "Ea",
    "stability_window_low_V": "stability window from",
    "stability_window_high_V": "stability window to",
    "density_kg_m3": "ρ",
}
NOTE = (
    f"Values as the computation used them, each with its source in brackets. {OVERRIDE_MARK} value "
    f"overridden for this layer (not the library's); {ESTIMATE_MARK} an estimate (a typical value, "
    "not a measurement). Layers are listed bottom to top, as in the cross-section."
)


def value_text(name: str, value: Sourced, citations: Citations, overridden: bool = False) -> str:
    """ "0.001 S/cm (25 °C)* [4]": the value in its display unit, marks and source number."""
    spec = SPEC_BY_FIELD[name]
    text = f"{number(value.value / spec.factor)} {unit_text(spec.unit)}"
    if value.condition:
        text += f" ({value.condition})"
    marks = (OVERRIDE_MARK if overridden else "") + (
        ESTIMATE_MARK if value.quality is Quality.ESTIMATE else ""
    )
    mark = citations.mark(value.source)
    return f"{text}{marks} {mark}".rstrip()


def _property_lines(
    material: Material,
    names: tuple[str, ...],
    overridden: frozenset[str],
    citations: Citations,
    electrode: bool = False,
) -> list[str]:
    lines = []
    for name in names:
        value = getattr(material.properties, name)
        if isinstance(value, Sourced):
            lines.append(f"{_LABELS[name]} {value_text(name, value, citations, name in overridden)}")
    curve = get_curve(material.ocp) if electrode and material.ocp else None
    if curve is not None:
        lines.append(f"OCP curve {curve.name} {citations.mark(curve.source)}".rstrip())
    return lines


def _density(material: Material, overridden: frozenset[str], citations: Citations) -> str:
    value = material.properties.density_kg_m3
    if value is None:
        return "unknown"
    return value_text("density_kg_m3", value, citations, "density_kg_m3" in overridden)


def _component(
    title: str, material: Material, fraction: float, names: tuple[str, ...], citations: Citations
) -> str:
    parts = [f"ρ {_density(material, frozenset(), citations)}"]
    parts += _property_lines(material, names, frozenset(), citations)
    return f"{title}: {fraction:.3g} vol% {material.name}; " + "; ".join(parts)


def _composite_lines(layer: Layer, citations: Citations) -> list[str]:
    composite = layer.composite
    if composite is None:
        return []
    lines = [
        f"composite: {100 * composite.active_fraction:.3g} vol% active, particle radius "
        f"{thickness(composite.particle_radius_m)}, Bruggeman exponent {composite.bruggeman:g}, "
        f"porosity {100 * composite.porosity:.3g} %"
    ]
    conductor = ("ionic_conductivity_S_m", "activation_energy_eV")
    lines.append(
        _component(
            "electrolyte", composite.electrolyte, 100 * composite.electrolyte_fraction, conductor, citations
        )
    )
    if composite.additive is not None and composite.additive_fraction > 0:
        lines.append(
            _component("additive", composite.additive, 100 * composite.additive_fraction, (), citations)
        )
    if composite.coating is not None and composite.coating_thickness_m > 0:
        coating = composite.coating
        lines.append(
            f"coating: {thickness(composite.coating_thickness_m)} {coating.name}; "
            f"ρ {_density(coating, frozenset(), citations)}"
        )
    return lines


def _row(
    index: str,
    layer_name: str,
    role: Role,
    material: Material,
    thick: str,
    overridden: frozenset[str],
    citations: Citations,
    detail: Callable[[], list[str]],
) -> tuple[str, ...]:
    # Cited in reading order (density column, then properties, then the composite's parts) so
    # that the reference numbers rise along the row.
    density = _density(material, overridden, citations)
    names = _USED_BY_ROLE.get(role, ())
    lines = _property_lines(material, names, overridden, citations, role.is_electrode) + detail()
    return (
        index,
        f"{layer_name}\n({role.value.replace('_', ' ')})",
        f"{material.name}\n{material.formula or '—'}",
        thick,
        density,
        "\n".join(lines) if lines else "density only",
    )


def _layer_detail(layer: Layer, citations: Citations) -> list[str]:
    lines = _composite_lines(layer, citations)
    if layer.composite is None and layer.porosity > 0:
        lines.append(f"porosity {100 * layer.porosity:.3g} %")
    return lines


def layer_table(stack: Stack, metrics: Metrics, citations: Citations) -> Table:
    rows = []
    for i, layer in enumerate(stack.layers):
        overridden = frozenset(name for name, _ in layer.overrides)
        rows.append(
            _row(
                str(i),
                layer.name,
                layer.role,
                layer.effective_material,
                thickness(layer.thickness_m),
                overridden,
                citations,
                partial(_layer_detail, layer, citations),
            )
        )
    if stack.plated_anode is not None:
        plated = metrics.plated_lithium_m
        loss = [f"first-cycle loss {100 * stack.first_cycle_loss:.3g} %"]
        rows.append(
            _row(
                "+",
                "plated on charge (anode-free)",
                Role.ANODE,
                stack.plated_anode,
                thickness(plated) if plated is not None else "n/a",
                frozenset(),
                citations,
                lambda: loss,
            )
        )
    return Table(
        headers=("#", "Layer (role)", "Material, formula", "Thickness", "Density", "Properties used"),
        rows=tuple(rows),
        weights=(0.3, 1.6, 1.9, 0.95, 1.4, 3.6),
        numeric=(True, False, False, True, False, False),
        note=NOTE,
    )
