"""The OCP part of a material record: a built-in curve id, or a table carried by value.

ocp = "nmc811_chen2020"          # a built-in fit, by id; an unknown id is an error

[ocp_table]                      # or a curve by value (docs/own-data.md)
stoichiometry = [0.27, ..., 0.91]
voltage = [4.21, ..., 3.41]      # V vs Li/Li+, never rising with stoichiometry
lithiated_limit = 0.91
name = "NMC811, our half cell"
source = "user"
chemistry = "nmc811_chen2020"    # optional: whose documented defaults apply
note = "isotonic regression moved the data by at most 0.4 mV"
"""

from __future__ import annotations

from typing import Any

from cellstack.core.errors import InputError
from cellstack.core.ocp import CURVES
from cellstack.core.ocp_table import MAX_TABLE_POINTS, TabulatedOcp
from cellstack.io.fields import Fields

_TABLE_KEYS = frozenset(
    {"stoichiometry", "voltage", "lithiated_limit", "name", "source", "chemistry", "note"}
)


def read_ocp(f: Fields) -> tuple[str, TabulatedOcp | None]:
    """The record's curve id and table; an id that names no built-in curve is refused by name."""
    curve_id = f.string("ocp", "")
    if curve_id and curve_id not in CURVES:
        raise f.error("ocp", curve_id, "the id of a built-in OCP curve: " + ", ".join(sorted(CURVES)))
    if not f.has("ocp_table"):
        return curve_id, None
    if curve_id:
        raise f.error("ocp", curve_id, 'no curve id when the record carries an "ocp_table"')
    return "", _read_table(f.child("ocp_table"))


def _numbers(f: Fields, key: str) -> tuple[float, ...]:
    value = f.data.get(key)
    if not isinstance(value, list) or len(value) > MAX_TABLE_POINTS:
        raise f.error(key, value, f"a list of at most {MAX_TABLE_POINTS} numbers")
    for i, item in enumerate(value):
        if not isinstance(item, (int, float)) or isinstance(item, bool):
            raise f.error(f"{key}[{i}]", item, "a number")
    return tuple(float(v) for v in value)


def _read_table(f: Fields) -> TabulatedOcp:
    f.check_keys(_TABLE_KEYS)
    # Each field read (and its own error named) before the table's checks across fields.
    stoichiometry, voltage = _numbers(f, "stoichiometry"), _numbers(f, "voltage")
    lithiated_limit = f.number("lithiated_limit", 0.0, 1.0)
    name, source = f.string("name", "tabulated curve"), f.string("source", "user")
    chemistry, note = f.string("chemistry", ""), f.string("note", "")
    try:
        return TabulatedOcp(stoichiometry, voltage, lithiated_limit, name, source, chemistry, note)
    except InputError as exc:
        # The table's checks name their field as ocp_table.*: place it in the record.
        field = exc.field.removeprefix("ocp_table.")
        raise InputError(f.at(field), exc.value, exc.allowed, f.origin) from None


def write_ocp_table(record: dict[str, Any], table: TabulatedOcp | None) -> None:
    """Add the curve the record carries by value, if any (its ``ocp`` id is then empty)."""
    if table is None:
        return
    record.pop("ocp", None)  # the table wins (Material.ocp_curve); a file holds one or the other
    entry: dict[str, Any] = {
        "stoichiometry": list(table.stoichiometry),
        "voltage": list(table.voltage_V),
        "lithiated_limit": table.lithiated_limit,
        "name": table.name,
        "source": table.source,
    }
    if table.chemistry:
        entry["chemistry"] = table.chemistry
    if table.note:
        entry["note"] = table.note
    record["ocp_table"] = entry
