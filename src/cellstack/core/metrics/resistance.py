"""The area-specific resistance ledger: every bulk layer and every interface, one entry each.

Bulk layers between the electrodes add L/sigma(T); a composite electrode adds L/(3 sigma_eff)
with sigma_eff = sigma_SE * phi_SE^b (physics-and-data §3.2, §3.5); each electrode|electrolyte
interface adds a measured value from Tables 4-5 of the review where electrode, electrolyte and
buffer match, or a documented default reported as an estimate.

A conductivity below MIN_CONDUCTIVITY_S_M at the stack's temperature (one the loader accepts, at
-100 °C with a high activation energy, can underflow to zero) blocks ions: it is an error, not a
resistance of 1e300 Ω·m² that a discharge would multiply into an infinite voltage drop. The
threshold depends on the conductivity alone, so a stack's findings do not change with its
thicknesses (discharge/memo.py keeps them across thickness edits).
"""

from __future__ import annotations

from cellstack.core.arrhenius import conductivity_at
from cellstack.core.interfaces import InterfaceTable
from cellstack.core.layer import Layer
from cellstack.core.material import Material, Role
from cellstack.core.metrics.interface_terms import interface_terms
from cellstack.core.metrics.results import AsrEntry, Finding, Severity
from cellstack.core.metrics.structure import Sides
from cellstack.core.sourced import Quality
from cellstack.core.stack import Stack
from cellstack.core.units import ROOM_TEMPERATURE, S_PER_CM

# Resistances stay below 1e99 Ω·m² (a 10 cm layer at this conductivity), which any current a
# discharge draws multiplies into a finite voltage.
MIN_CONDUCTIVITY_S_M = 1e-100


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
    for term in interface_terms(stack, sides, interfaces, findings):
        entries.append(term.entry)
        if term.covered_buffer is not None:
            covered_buffers.add(term.covered_buffer)
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
    if sigma < MIN_CONDUCTIVITY_S_M:
        findings.append(
            _blocks_ions(layer.name, f"the ionic conductivity of {material.name}", sigma, t, index)
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
    if sigma_eff < MIN_CONDUCTIVITY_S_M:
        what = f"the effective conductivity of its {composite.electrolyte.name} (volume fraction {phi:.3g})"
        findings.append(_blocks_ions(layer.name, what, sigma_eff, t, index))
        return None
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


def _blocks_ions(layer: str, conductivity: str, sigma_S_m: float, t_K: float, index: int) -> Finding:
    return Finding(
        "blocks_ions",
        Severity.ERROR,
        f"{layer} blocks ions: {conductivity} at {t_K - 273.15:.0f} °C "
        f"({sigma_S_m / S_PER_CM:.3g} S/cm) is below {MIN_CONDUCTIVITY_S_M / S_PER_CM:.0e} S/cm, "
        "too low to compute a resistance with, so no current can pass.",
        layer_index=index,
    )
