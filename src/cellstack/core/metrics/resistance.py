"""The area-specific resistance ledger: every bulk layer and every interface, one entry each.

Bulk layers between the electrodes add L/sigma(T); a composite electrode adds L/(3 sigma_eff)
with sigma_eff = sigma_SE * phi_SE^b (physics-and-data §3.2, §3.5); each electrode|electrolyte
interface adds a measured value from Tables 4-5 of the review where electrode, electrolyte and
buffer match, or a documented default reported as an estimate.
"""

from __future__ import annotations

from cellstack.core.arrhenius import conductivity_at, resistance_at
from cellstack.core.interfaces import DEFAULT_INTERFACE_ACTIVATION_EV, InterfaceTable
from cellstack.core.layer import Layer
from cellstack.core.material import Material, Role
from cellstack.core.metrics.results import AsrEntry, Finding, Severity
from cellstack.core.metrics.structure import Sides
from cellstack.core.sourced import Quality
from cellstack.core.stack import Stack
from cellstack.core.units import ROOM_TEMPERATURE


def ionic_conductivity(material: Material, t_K: float) -> float | None:
    props = material.properties
    if props.ionic_conductivity_S_m is None:
        return None
    t_ref = props.conductivity_temperature_K or ROOM_TEMPERATURE
    ea = props.activation_energy_eV.value if props.activation_energy_eV is not None else None
    return conductivity_at(props.ionic_conductivity_S_m.value, t_ref, t_K, ea, material.arrhenius_form)


def _conductivity_quality(material: Material) -> Quality:
    props = material.properties
    sigma, ea = props.ionic_conductivity_S_m, props.activation_energy_eV
    if sigma is None:
        return Quality.ESTIMATE
    if ea is not None and ea.is_estimate:
        return Quality.ESTIMATE
    return sigma.quality


def asr_ledger(
    stack: Stack, sides: Sides, interfaces: InterfaceTable
) -> tuple[list[AsrEntry], list[Finding]]:
    entries: list[AsrEntry] = []
    findings: list[Finding] = []
    t = stack.temperature_K
    covered_buffers: set[int] = set()
    for side, index in ((Role.CATHODE, sides.cathode), (Role.ANODE, sides.anode)):
        if index is not None:
            entry, buffer_index = _interface_entry(stack, sides, index, side, interfaces, findings)
            if entry is not None:
                entries.append(entry)
                if buffer_index is not None and entry.detail.startswith("measured"):
                    covered_buffers.add(buffer_index)
    if sides.anode is None and sides.anode_side_collector is not None and stack.plated_anode:
        entry, _ = _plated_interface(stack, sides, interfaces, findings)
        if entry is not None:
            entries.append(entry)
    for i in sides.between:
        layer = stack.layers[i]
        if i in covered_buffers:
            continue
        entry = _bulk_entry(layer, i, t, findings)
        if entry is not None:
            entries.append(entry)
    for index in (sides.cathode, sides.anode):
        if index is not None and stack.layers[index].composite is not None:
            entry = _composite_entry(stack.layers[index], index, t, findings)
            if entry is not None:
                entries.append(entry)
    return entries, findings


def _bulk_entry(layer: Layer, index: int, t: float, findings: list[Finding]) -> AsrEntry | None:
    material = layer.effective_material
    sigma = ionic_conductivity(material, t)
    if sigma is None:
        findings.append(
            Finding(
                "no_conductivity",
                Severity.WARNING,
                f"{layer.name} has no ionic conductivity: its resistance is missing from the ASR "
                "total; set a conductivity on the layer.",
                layer_index=index,
            )
        )
        return None
    props = material.properties
    kind = "buffer" if layer.role is Role.BUFFER else "bulk"
    return AsrEntry(
        name=layer.name,
        kind=kind,
        ohm_m2=layer.thickness_m / sigma,
        source=props.ionic_conductivity_S_m.source if props.ionic_conductivity_S_m else "",
        quality=_conductivity_quality(material),
        detail=f"L/sigma(T) with sigma = {sigma * 1e-2:.3g} S/cm at {t - 273.15:.0f} °C",
        layer_index=index,
    )


def _composite_entry(layer: Layer, index: int, t: float, findings: list[Finding]) -> AsrEntry | None:
    composite = layer.composite
    assert composite is not None
    sigma = ionic_conductivity(composite.electrolyte, t)
    if sigma is None:
        findings.append(
            Finding(
                "no_conductivity",
                Severity.WARNING,
                f"The electrolyte in {layer.name} ({composite.electrolyte.name}) has no ionic "
                "conductivity: the composite's ionic resistance is missing from the ASR total.",
                layer_index=index,
            )
        )
        return None
    phi = composite.electrolyte_fraction
    if phi <= 0:
        findings.append(
            Finding(
                "no_ionic_path",
                Severity.ERROR,
                f"{layer.name} has no solid electrolyte: ions cannot reach the particles.",
                layer_index=index,
            )
        )
        return None
    sigma_eff = sigma * phi**composite.bruggeman
    props = composite.electrolyte.properties
    return AsrEntry(
        name=f"{layer.name} (ionic, composite)",
        kind="composite",
        ohm_m2=layer.thickness_m / (3.0 * sigma_eff),
        source=props.ionic_conductivity_S_m.source if props.ionic_conductivity_S_m else "",
        quality=_conductivity_quality(composite.electrolyte),
        detail=(
            f"L/(3 sigma_eff), sigma_eff = sigma * {phi:.2f}^{composite.bruggeman:g} "
            f"= {sigma_eff * 1e-2:.3g} S/cm (Bruggeman)"
        ),
        layer_index=index,
    )


def _neighbours_towards_electrolyte(stack: Stack, sides: Sides, index: int) -> list[int]:
    """Layers between an electrode and the cell's other side, nearest first."""
    ordered = sorted(sides.between)
    other = sides.anode if index == sides.cathode else sides.cathode
    if (other is not None and other < index) or (other is None and ordered and ordered[0] < index):
        ordered.reverse()
    return ordered


def _interface_entry(
    stack: Stack,
    sides: Sides,
    index: int,
    side: Role,
    interfaces: InterfaceTable,
    findings: list[Finding],
) -> tuple[AsrEntry | None, int | None]:
    electrode_layer = stack.layers[index]
    buffer: Material | None = None
    buffer_index: int | None = None
    electrolyte: Material | None = None
    for i in _neighbours_towards_electrolyte(stack, sides, index):
        layer = stack.layers[i]
        if layer.role is Role.BUFFER and buffer is None:
            buffer, buffer_index = layer.effective_material, i
        elif layer.role is Role.ELECTROLYTE:
            electrolyte = layer.effective_material
            break
    if electrolyte is None:
        return None, None
    composite = electrode_layer.composite
    if buffer is None and composite is not None and composite.coating is not None:
        buffer = composite.coating
    return _lookup(
        stack,
        electrode_layer.name,
        electrode_layer.effective_material,
        electrolyte,
        buffer,
        side,
        interfaces,
        findings,
        index,
    ), buffer_index


def _plated_interface(
    stack: Stack, sides: Sides, interfaces: InterfaceTable, findings: list[Finding]
) -> tuple[AsrEntry | None, None]:
    assert stack.plated_anode is not None and sides.cathode is not None
    nearest = sorted(sides.between, key=lambda i: abs(i - (sides.anode_side_collector or 0)))
    electrolyte = next(
        (stack.layers[i].effective_material for i in nearest if stack.layers[i].role is Role.ELECTROLYTE),
        None,
    )
    if electrolyte is None:
        return None, None
    return _lookup(
        stack,
        f"plated {stack.plated_anode.name}",
        stack.plated_anode,
        electrolyte,
        None,
        Role.ANODE,
        interfaces,
        findings,
        None,
    ), None


def _lookup(
    stack: Stack,
    electrode_name: str,
    electrode: Material,
    electrolyte: Material,
    buffer: Material | None,
    side: Role,
    interfaces: InterfaceTable,
    findings: list[Finding],
    index: int | None,
) -> AsrEntry | None:
    value = interfaces.lookup(side, electrode, electrolyte, buffer)
    label = f"{electrode_name} | " + (f"{buffer.name} | " if buffer is not None else "") + electrolyte.name
    if value is None:
        findings.append(
            Finding(
                "no_interface_value",
                Severity.WARNING,
                f"No measured or default resistance for the interface {label}; it counts as zero.",
                layer_index=index,
            )
        )
        return None
    asr = resistance_at(
        value.asr_ohm_m2, value.temperature_K, stack.temperature_K, DEFAULT_INTERFACE_ACTIVATION_EV
    )
    detail = value.description
    if abs(stack.temperature_K - value.temperature_K) > 0.5:
        detail += (
            f"; scaled from {value.temperature_K - 273.15:.0f} °C with an assumed "
            f"{DEFAULT_INTERFACE_ACTIVATION_EV} eV activation energy"
        )
    if value.quality is Quality.ESTIMATE:
        findings.append(
            Finding(
                "interface_estimated",
                Severity.INFO,
                f"{label}: {value.asr_ohm_m2 * 1e4:.3g} Ω·cm² is an estimate ({value.description}); "
                "replace it with a measured value where you have one.",
                value.source,
                index,
            )
        )
    return AsrEntry(label, "interface", asr, value.source, value.quality, detail, index)
