"""Interface terms of the ASR ledger: one per electrode|electrolyte contact.

The electrode looks through any buffer layers (or its particle coating) to the first electrolyte;
InterfaceTable.lookup then finds a measured record or a documented default.
"""

from __future__ import annotations

from dataclasses import dataclass

from cellstack.core.arrhenius import resistance_at
from cellstack.core.interfaces import (
    DEFAULT_INTERFACE_ACTIVATION_EV,
    InterfaceKind,
    InterfaceTable,
    InterfaceValue,
)
from cellstack.core.material import Material, Role
from cellstack.core.metrics.results import AsrEntry, Finding, Severity
from cellstack.core.metrics.structure import Sides
from cellstack.core.sourced import Quality
from cellstack.core.stack import Stack

# An interface resisting more than this (Ω·m²) blocks the current: what the ledger's bulk terms
# reach at their lowest computable conductivity (resistance.py), far beyond any measured interface.
MAX_INTERFACE_OHM_M2 = 1e99

# Enum members read off their class cost 0.25 µs each on Python 3.11 (EnumType.__getattr__
# defeats the attribute cache): the checks run per layer on every recompute read these names.
_CATHODE, _ANODE, _ELECTROLYTE, _BUFFER = Role.CATHODE, Role.ANODE, Role.ELECTROLYTE, Role.BUFFER


@dataclass(frozen=True, slots=True)
class InterfaceTerm:
    entry: AsrEntry
    covered_buffer: int | None  # a buffer layer whose bulk resistance the measured value includes


@dataclass(frozen=True, slots=True)
class _Contact:
    electrode_name: str
    electrode: Material
    electrolyte: Material
    buffer: Material | None
    buffer_index: int | None  # None for a particle coating or no buffer
    side: Role
    layer_index: int | None


def interface_terms(
    stack: Stack, sides: Sides, interfaces: InterfaceTable, findings: list[Finding]
) -> list[InterfaceTerm]:
    contacts = [
        contact
        for side, index in ((_CATHODE, sides.cathode), (_ANODE, sides.anode))
        if index is not None and (contact := _electrode_contact(stack, sides, index, side)) is not None
    ]
    plated = _plated_contact(stack, sides)
    if plated is not None:
        contacts.append(plated)
    terms = []
    for contact in contacts:
        term = _term(stack, contact, interfaces, findings)
        if term is not None:
            terms.append(term)
    return terms


def _towards_other_side(sides: Sides, index: int) -> list[int]:
    """Layers between an electrode and the cell's other side, nearest first."""
    ordered = sorted(sides.between)
    return ordered[::-1] if ordered and ordered[0] < index else ordered


def _electrode_contact(stack: Stack, sides: Sides, index: int, side: Role) -> _Contact | None:
    buffer: Material | None = None
    buffer_index: int | None = None
    for i in _towards_other_side(sides, index):
        layer = stack.layers[i]
        role = layer.role
        if role is _BUFFER and buffer is None:
            buffer, buffer_index = layer.effective_material, i
        elif role is _ELECTROLYTE:
            electrode_layer = stack.layers[index]
            composite = electrode_layer.composite
            if buffer is None and composite is not None and composite.coating is not None:
                buffer = composite.coating
            return _Contact(
                electrode_layer.name,
                electrode_layer.effective_material,
                layer.effective_material,
                buffer,
                buffer_index,
                side,
                index,
            )
    return None


def _plated_contact(stack: Stack, sides: Sides) -> _Contact | None:
    """Anode-free: lithium plates on the collector, against the nearest electrolyte."""
    if stack.plated_anode is None or sides.anode_side_collector is None:
        return None
    collector = sides.anode_side_collector
    for i in sorted(sides.between, key=lambda k: abs(k - collector)):
        layer = stack.layers[i]
        if layer.role is _ELECTROLYTE:
            return _Contact(
                f"plated {stack.plated_anode.name}",
                stack.plated_anode,
                layer.effective_material,
                None,
                None,
                Role.ANODE,
                None,
            )
    return None


def _term(
    stack: Stack, contact: _Contact, interfaces: InterfaceTable, findings: list[Finding]
) -> InterfaceTerm | None:
    buffer_name = f"{contact.buffer.name} | " if contact.buffer is not None else ""
    label = f"{contact.electrode_name} | {buffer_name}{contact.electrolyte.name}"
    value = interfaces.lookup(contact.side, contact.electrode, contact.electrolyte, contact.buffer)
    if value is None:
        findings.append(
            Finding(
                "no_interface_value",
                Severity.WARNING,
                f"No measured or default resistance for the interface {label}; it counts as zero.",
                layer_index=contact.layer_index,
            )
        )
        return None
    asr = resistance_at(
        value.asr_ohm_m2, value.temperature_K, stack.temperature_K, DEFAULT_INTERFACE_ACTIVATION_EV
    )
    if not asr <= MAX_INTERFACE_OHM_M2:
        findings.append(
            Finding(
                "blocks_ions",
                Severity.ERROR,
                f"The interface {label} blocks ions: its resistance at {stack.temperature_K - 273.15:.0f} °C "
                f"is above {MAX_INTERFACE_OHM_M2 * 1e4:.0e} Ω·cm², too high to compute with, so no "
                "current can pass.",
                value.source,
                contact.layer_index,
            )
        )
        return None
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
                contact.layer_index,
            )
        )
    ohmic = value.kind is InterfaceKind.OHMIC
    if ohmic:
        detail += "; ohmic (i·R), not charge transfer"
        findings.append(_ohmic_finding(label, value, contact.layer_index))
    entry = AsrEntry(label, "interface", asr, value.source, value.quality, detail, contact.layer_index, ohmic)
    covered = contact.buffer_index if value.includes_buffer_bulk else None
    return InterfaceTerm(entry, covered)


def _ohmic_finding(label: str, value: InterfaceValue, layer_index: int | None) -> Finding:
    """Why an interface resistance drops i·R at every current instead of following Butler–Volmer."""
    why = f" {value.kind_note}" if value.kind_note else ""
    return Finding(
        "interface_ohmic",
        Severity.WARNING,
        f"{label}: its {value.asr_ohm_m2 * 1e4:.3g} Ω·cm² is not a charge-transfer resistance but an "
        f"ohmic one, so the voltage loses i·R across it at every current.{why}",
        value.source,
        layer_index,
    )
