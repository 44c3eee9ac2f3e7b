"""Reading a stack's layer sequence: where the electrodes are, what lies between, what is missing."""

from __future__ import annotations

from dataclasses import dataclass

from cellstack.core.material import Role
from cellstack.core.metrics.results import Finding, Severity
from cellstack.core.stack import Stack

LI_METAL_FAMILY = "li_metal"

# Enum members read off their class cost 0.25 µs each on Python 3.11 (EnumType.__getattr__
# defeats the attribute cache): the checks run per layer on every recompute read these names.
_CATHODE, _ANODE, _ELECTROLYTE = Role.CATHODE, Role.ANODE, Role.ELECTROLYTE
_BUFFER, _COLLECTOR = Role.BUFFER, Role.CURRENT_COLLECTOR


@dataclass(frozen=True, slots=True)
class Sides:
    """Indices of the two electrodes and of the layers between them (bottom-to-top order)."""

    cathode: int | None
    anode: int | None  # None for an anode-free stack
    between: tuple[int, ...]  # layers between the electrodes (or cathode and plating collector)
    anode_side_collector: int | None  # where Li plates in an anode-free stack


def analyse(stack: Stack) -> tuple[Sides, list[Finding]]:
    findings: list[Finding] = []
    cathodes = stack.indices_with_role(_CATHODE)
    anodes = stack.indices_with_role(_ANODE)
    if not cathodes:
        findings.append(_error("no_cathode", "The stack has no cathode layer."))
    if len(cathodes) > 1:
        findings.append(_error("two_cathodes", "The stack has more than one cathode layer.", cathodes[1]))
    if len(anodes) > 1:
        findings.append(_error("two_anodes", "The stack has more than one anode layer.", anodes[1]))
    if stack.anode_free and anodes:
        findings.append(
            _error("anode_in_anode_free", "An anode-free stack must not contain an anode layer.", anodes[0])
        )
    if not stack.anode_free and not anodes:
        findings.append(_error("no_anode", "The stack has no anode layer (or choose the anode-free option)."))
    cathode = cathodes[0] if cathodes else None
    anode = anodes[0] if anodes and not stack.anode_free else None
    plating = None
    if cathode is not None and stack.anode_free:
        plating = _anode_free_collector(stack, cathode)
        if plating is None:
            findings.append(
                _error(
                    "no_plating_collector",
                    "An anode-free stack needs a current collector across the electrolyte from "
                    "the cathode, for lithium to plate on.",
                )
            )
    other = anode if anode is not None else plating
    between: tuple[int, ...] = ()
    if cathode is not None and other is not None:
        low, high = sorted((cathode, other))
        between = tuple(range(low + 1, high))
        findings.extend(_check_between(stack, between))
        findings.extend(_check_collectors(stack, cathode, anode, other))
    return Sides(cathode, anode, between, plating), findings


def _anode_free_collector(stack: Stack, cathode: int) -> int | None:
    """The first collector reached from the cathode through an electrolyte."""
    for direction in (1, -1):
        index = cathode + direction
        crossed_electrolyte = False
        while 0 <= index < len(stack.layers):
            role = stack.layers[index].role
            if role is _ELECTROLYTE:
                crossed_electrolyte = True
            elif role is _COLLECTOR:
                if crossed_electrolyte:
                    return index
                break
            elif role is not _BUFFER:
                break
            index += direction
    return None


def _check_between(stack: Stack, between: tuple[int, ...]) -> list[Finding]:
    findings: list[Finding] = []
    roles = [stack.layers[i].role for i in between]
    if _ELECTROLYTE not in roles:
        findings.append(
            _error(
                "no_electrolyte_between",
                "No solid electrolyte separates the cathode from the anode: the cell would be "
                "short-circuited.",
            )
        )
    for i in between:
        role = stack.layers[i].role
        if role is not _ELECTROLYTE and role is not _BUFFER:
            findings.append(
                _error(
                    "conductor_between_electrodes",
                    f"{stack.layers[i].name} ({role.value.replace('_', ' ')}) lies between the "
                    "electrodes; only electrolytes and buffer layers may.",
                    i,
                )
            )
    return findings


def _check_collectors(stack: Stack, cathode: int, anode: int | None, other: int) -> list[Finding]:
    findings: list[Finding] = []
    outward = 1 if cathode > other else -1
    if not _collector_beyond(stack, cathode, outward):
        findings.append(
            _error(
                "missing_cathode_collector",
                "The cathode has no current collector on its outer side.",
                cathode,
            )
        )
    if anode is not None and not _collector_beyond(stack, anode, -outward):
        layer = stack.layers[anode]
        if layer.material.family_id == LI_METAL_FAMILY:
            findings.append(
                Finding(
                    "li_metal_as_collector",
                    Severity.INFO,
                    "No current collector beyond the Li metal anode: the lithium itself carries the current.",
                    layer_index=anode,
                )
            )
        else:
            findings.append(
                _error(
                    "missing_anode_collector", "The anode has no current collector on its outer side.", anode
                )
            )
    return findings


def _collector_beyond(stack: Stack, start: int, direction: int) -> bool:
    index = start + direction
    while 0 <= index < len(stack.layers):
        if stack.layers[index].role is _COLLECTOR:
            return True
        index += direction
    return False


def _error(code: str, message: str, layer_index: int | None = None) -> Finding:
    return Finding(code, Severity.ERROR, message, layer_index=layer_index)
