"""What a discharge remembers between runs, so that an edit costs only what it changes.

A discharge is recomputed on every edit, and most edits (a thickness, the C-rate) leave the
stack's structure as it was: the same materials in the same roles and order. Two things are kept:

- InterfaceTable.lookup answers (a pure function of its arguments), keyed by the identity of the
  table's tuples and of the materials;
- the structure of a stack (compute_metrics' layer analysis and ASR ledger), keyed by everything
  but the thicknesses. Bulk and composite terms of the ledger are L/σ and L/(3σ_eff), linear in
  their layer's thickness, and interface terms do not depend on it, so a remembered ledger is
  rescaled to the new thicknesses (as sweep.py does; a test compares it with a fresh ledger).

Keys hold object identities; every entry holds on to those objects and a hit checks them with
`is`, so an id reused after an object died cannot match.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace

from cellstack.core.interfaces import InterfaceTable, InterfaceValue
from cellstack.core.material import Material, Role
from cellstack.core.metrics.resistance import asr_ledger
from cellstack.core.metrics.results import AsrEntry, Finding
from cellstack.core.metrics.structure import Sides, analyse
from cellstack.core.stack import Stack

_MAX_ENTRIES = 256
_LOCK = threading.Lock()  # the GUI may compute in a worker thread while the main thread does too
_LookupKey = tuple[int, int, Role, int, int, int]
_LookupEntry = tuple[object, object, Material, Material, Material | None, InterfaceValue | None]
_LOOKUPS: OrderedDict[_LookupKey, _LookupEntry] = OrderedDict()


class _RememberingTable(InterfaceTable):
    __slots__ = ()

    def lookup(
        self, side: Role, electrode: Material, electrolyte: Material, buffer: Material | None
    ) -> InterfaceValue | None:
        key = (id(self.records), id(self.defaults), side, id(electrode), id(electrolyte), id(buffer))
        entry = _LOOKUPS.get(key)
        if (
            entry is not None
            and entry[0] is self.records
            and entry[1] is self.defaults
            and entry[2] is electrode
            and entry[3] is electrolyte
            and entry[4] is buffer
        ):
            return entry[5]
        value = super().lookup(side, electrode, electrolyte, buffer)
        with _LOCK:
            _LOOKUPS[key] = (self.records, self.defaults, electrode, electrolyte, buffer, value)
            if len(_LOOKUPS) > _MAX_ENTRIES:
                _LOOKUPS.popitem(last=False)
        return value


def remembering(table: InterfaceTable) -> InterfaceTable:
    """The same table, with its look-ups remembered."""
    if isinstance(table, _RememberingTable):
        return table
    return _RememberingTable(table.records, table.defaults)


@dataclass(frozen=True, slots=True)
class Structure:
    sides: Sides
    findings: tuple[Finding, ...]  # of the layer analysis and of the ledger
    ledger: tuple[AsrEntry, ...]


@dataclass(frozen=True, slots=True)
class _Remembered:
    stack: Stack  # holds every object whose id is in the key
    table: InterfaceTable
    structure: Structure


_STRUCTURES: OrderedDict[tuple[object, ...], _Remembered] = OrderedDict()


def _key(stack: Stack, table: InterfaceTable) -> tuple[object, ...]:
    layers = tuple(
        (
            id(layer.material),
            layer.role,
            layer.porosity,
            id(layer.composite),
            layer.overrides,
            layer.label,
            layer.deposition_method,
        )
        for layer in stack.layers
    )
    return (
        layers,
        id(stack.plated_anode),
        stack.first_cycle_loss,
        stack.temperature_K,
        id(table.records),
        id(table.defaults),
    )


def _same_objects(old: Stack, new: Stack) -> bool:
    return old.plated_anode is new.plated_anode and all(
        a.material is b.material and a.composite is b.composite
        for a, b in zip(old.layers, new.layers, strict=True)
    )


def _fresh(stack: Stack, table: InterfaceTable) -> Structure:
    sides, findings = analyse(stack)
    ledger, ledger_findings = asr_ledger(stack, sides, remembering(table))
    return Structure(sides, (*findings, *ledger_findings), tuple(ledger))


def structure(stack: Stack, table: InterfaceTable) -> Structure:
    """compute_metrics' layer analysis and ASR ledger for ``stack``, remembered across edits."""
    key = _key(stack, table)
    remembered = _STRUCTURES.get(key)
    if remembered is None or remembered.table is not table or not _same_objects(remembered.stack, stack):
        fresh = _fresh(stack, table)
        with _LOCK:
            _STRUCTURES[key] = _Remembered(stack, table, fresh)
            if len(_STRUCTURES) > _MAX_ENTRIES:
                _STRUCTURES.popitem(last=False)
        return fresh
    old = remembered.stack
    if all(a.thickness_m == b.thickness_m for a, b in zip(old.layers, stack.layers, strict=True)):
        return remembered.structure
    ledger = tuple(_rescaled(entry, old, stack) for entry in remembered.structure.ledger)
    return replace(remembered.structure, ledger=ledger)


def _rescaled(entry: AsrEntry, old: Stack, new: Stack) -> AsrEntry:
    if entry.kind == "interface" or entry.layer_index is None:
        return entry
    index = entry.layer_index
    ratio = new.layers[index].thickness_m / old.layers[index].thickness_m
    return entry if ratio == 1.0 else replace(entry, ohm_m2=entry.ohm_m2 * ratio)
