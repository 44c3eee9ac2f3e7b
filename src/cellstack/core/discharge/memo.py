"""What a discharge remembers between runs, so that an edit costs only what it changes.

A discharge is recomputed on every edit, and most edits (a thickness, the C-rate) leave the
stack's structure as it was: the same materials in the same roles and order. Two things are kept:

- InterfaceTable.lookup answers (a pure function of its arguments), keyed by the identity of the
  table's tuples and of the materials;
- the structure of a stack (compute_metrics' layer analysis and ASR ledger), keyed by everything
  but the thicknesses. Bulk and composite terms of the ledger are L/σ and L/(3σ_eff), linear in
  their layer's thickness, and interface terms do not depend on it, so a remembered ledger is
  rescaled to the new thicknesses (as sweep.py does; a test compares it with a fresh ledger).
  A caller that needs only some of it rescaled takes the structure as first read and the
  thickness ratios (``remembered``, ``resistance``); what a caller derives from the structure and
  the materials alone is kept with it (``Structure.derived``).

Keys hold object identities; every entry holds on to those objects and a hit checks them with
`is`, so an id reused after an object died cannot match.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace

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
    if type(table) is not InterfaceTable:
        return table  # it looks up in a way of its own (a project's records first): ask it
    return _RememberingTable(table.records, table.defaults)


@dataclass(frozen=True, slots=True)
class Structure:
    sides: Sides
    findings: tuple[Finding, ...]  # of the layer analysis and of the ledger
    ledger: tuple[AsrEntry, ...]
    # What callers derive from the structure and the materials alone, kept with it and shared by
    # its rescaled copies (build_cell keeps there what no thickness changes).
    derived: dict[object, object] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class _Remembered:
    stack: Stack  # holds every object whose id is in the key
    table: InterfaceTable
    structure: Structure


_STRUCTURES: OrderedDict[tuple[object, ...], _Remembered] = OrderedDict()


# List comprehensions, not generator expressions, in what runs on every edit: a generator is
# resumed once per layer, which costs more than building the list.
def _key(stack: Stack, table: InterfaceTable) -> tuple[object, ...]:
    layers = tuple(
        [
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
        ]
    )
    return (
        layers,
        id(stack.plated_anode),
        stack.first_cycle_loss,
        stack.temperature_K,
        id(table.records),
        id(table.defaults),
    )


def _fresh(stack: Stack, table: InterfaceTable) -> Structure:
    sides, findings = analyse(stack)
    ledger, ledger_findings = asr_ledger(stack, sides, remembering(table))
    return Structure(sides, (*findings, *ledger_findings), tuple(ledger))


def structure(stack: Stack, table: InterfaceTable) -> Structure:
    """compute_metrics' layer analysis and ASR ledger for ``stack``, remembered across edits."""
    kept, ratios = remembered(stack, table)
    if ratios is None:
        return kept
    ledger = rescaled(kept.ledger, ratios)
    if ledger is kept.ledger:
        return kept
    return Structure(kept.sides, kept.findings, ledger, kept.derived)  # replace() costs twice this


def remembered(stack: Stack, table: InterfaceTable) -> tuple[Structure, tuple[float, ...] | None]:
    """The structure as it was first read for ``stack``'s materials, roles and order (read now if
    it was not), and each layer's thickness over the one it was read at (None if read now): what
    ``structure`` rescales, for a caller that needs only some of its resistances rescaled."""
    key = _key(stack, table)
    entry = _STRUCTURES.get(key)
    ratios = _ratios(entry, stack, table)
    if entry is None or ratios is None:
        fresh = _fresh(stack, table)
        with _LOCK:
            _STRUCTURES[key] = _Remembered(stack, table, fresh)
            if len(_STRUCTURES) > _MAX_ENTRIES:
                _STRUCTURES.popitem(last=False)
        return fresh, None
    return entry.structure, ratios


def resistance(entry: AsrEntry, ratios: tuple[float, ...] | None) -> float:
    """``entry``'s resistance at thicknesses ``ratios`` times those it was computed at: bulk and
    composite terms are L/σ and L/(3σ_eff), linear in their layer's thickness; interface terms do
    not depend on it."""
    if ratios is None or entry.kind == "interface" or entry.layer_index is None:
        return entry.ohm_m2
    ratio = ratios[entry.layer_index]
    return entry.ohm_m2 if ratio == 1.0 else entry.ohm_m2 * ratio


def rescaled(ledger: tuple[AsrEntry, ...], ratios: tuple[float, ...] | None) -> tuple[AsrEntry, ...]:
    """``ledger`` at thicknesses ``ratios`` times those it was computed at (``ledger`` itself
    where none changed)."""
    if ratios is None or all([ratio == 1.0 for ratio in ratios]):
        return ledger
    scaled = []
    for entry in ledger:
        ohm = resistance(entry, ratios)
        scaled.append(entry if ohm == entry.ohm_m2 else replace(entry, ohm_m2=ohm))
    return tuple(scaled)


def _ratios(remembered: _Remembered | None, stack: Stack, table: InterfaceTable) -> tuple[float, ...] | None:
    """None unless ``remembered`` holds the very objects of ``stack`` (ids in a key can be reused);
    else each layer's new thickness over the remembered one."""
    if (
        remembered is None
        or remembered.table is not table
        or remembered.stack.plated_anode is not stack.plated_anode
    ):
        return None
    ratios = []
    for old, new in zip(remembered.stack.layers, stack.layers, strict=True):
        if old.material is not new.material or old.composite is not new.composite:
            return None
        ratios.append(new.thickness_m / old.thickness_m)
    return tuple(ratios)
