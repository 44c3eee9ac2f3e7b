"""The repeat unit as a cell sees it: each layer's sheet, mass per area and thickness.

The stack's metrics are computed once; a cell only multiplies these per-area numbers by the
areas and counts of its format, so the cost does not grow with the number of units.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from cellstack.core.material import Role
from cellstack.core.metrics import Metrics
from cellstack.core.stack import Stack


class Sheet(StrEnum):
    """Which sheet of a cell a layer belongs to; each sheet kind has one outline per format."""

    CATHODE = "cathode"  # the cathode and buffers on its side of the electrolyte
    SEPARATOR = "separator"  # the solid-electrolyte (or separator) sheet
    ANODE = "anode"  # the anode and buffers on its side of the electrolyte
    CATHODE_FOIL = "cathode_foil"  # collector behind the cathode (with its tab)
    ANODE_FOIL = "anode_foil"  # collector behind the anode, or where lithium plates
    HOUSING = "housing"  # substrate and encapsulation: replaced by a format's housing


FOILS = (Sheet.CATHODE_FOIL, Sheet.ANODE_FOIL)
# Each sheet kind's position in Sheet: a placement keeps its counts and areas in tuples in this
# order, so a layer finds its own by index instead of hashing an enum member (slow on 3.11).
SHEET_SLOT = {sheet: slot for slot, sheet in enumerate(Sheet)}


class RepeatUnit(NamedTuple):
    """The unit's metrics with the sheet of each layer (aligned with ``metrics.layers``). SI units.

    Made on every recompute: a NamedTuple, as the rows in results.py are, for speed."""

    stack: Stack
    metrics: Metrics
    sheets: tuple[Sheet, ...]
    slots: tuple[int, ...]  # SHEET_SLOT of each layer's sheet

    @property
    def plated_m(self) -> float:
        """Lithium plated per unit on charge (anode-free), else 0."""
        return self.metrics.plated_lithium_m or 0.0


def repeat_unit(stack: Stack, metrics: Metrics) -> RepeatUnit:
    return RepeatUnit(stack, metrics, *_layout(tuple([layer.role for layer in stack.layers])))


@lru_cache(maxsize=256)
def _layout(roles: tuple[Role, ...]) -> tuple[tuple[Sheet, ...], tuple[int, ...]]:
    sheets = sheets_by_roles(roles)
    return sheets, tuple([SHEET_SLOT[sheet] for sheet in sheets])


@lru_cache(maxsize=256)
def sheets_by_roles(roles: tuple[Role, ...]) -> tuple[Sheet, ...]:
    """Give every layer its sheet, by its role and on which side of the electrolyte it lies.

    The sequence of roles decides it alone, so designs that differ in thickness or material share
    one answer (cached: a thickness edit does not work it out again).

    The anode's side is where the electrolyte nearest the cathode lies; collectors and buffers
    behind the cathode belong to it, those beyond the electrolyte to the anode (or to where
    lithium plates). A stack with no cathode or no electrolyte is invalid anyway (its metrics
    say so); its layers are then placed by role alone so that a mass can still be shown.
    """
    electrolytes = [i for i, role in enumerate(roles) if role is Role.ELECTROLYTE]
    if Role.CATHODE not in roles or not electrolytes:
        return tuple(_by_role(role) for role in roles)
    cathode = roles.index(Role.CATHODE)
    nearest = min(electrolytes, key=lambda i: abs(i - cathode))
    toward = 1 if nearest > cathode else -1
    reach = abs(nearest - cathode)
    sheets = []
    for index, role in enumerate(roles):
        if role in _BY_ROLE:
            sheets.append(_BY_ROLE[role])
            continue
        ahead = (index - cathode) * toward  # < 0: behind the cathode
        if role is Role.CURRENT_COLLECTOR:
            sheets.append(Sheet.CATHODE_FOIL if ahead < 0 else Sheet.ANODE_FOIL)
        else:  # buffers and additives: with the electrode on their side of the electrolyte
            sheets.append(Sheet.CATHODE if ahead < reach else Sheet.ANODE)
    return tuple(sheets)


_BY_ROLE = {
    Role.SUBSTRATE: Sheet.HOUSING,
    Role.ENCAPSULATION: Sheet.HOUSING,
    Role.ELECTROLYTE: Sheet.SEPARATOR,
    Role.CATHODE: Sheet.CATHODE,
    Role.ANODE: Sheet.ANODE,
}


def _by_role(role: Role) -> Sheet:
    if role is Role.CURRENT_COLLECTOR:
        return Sheet.CATHODE_FOIL
    return _BY_ROLE.get(role, Sheet.SEPARATOR)
