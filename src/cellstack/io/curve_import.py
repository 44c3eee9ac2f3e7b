"""A half-cell OCP curve from CSV, made monotonic and carried by a material by value.

Columns (named in the header row, any order, other columns ignored; docs/own-data.md):

- ``voltage_V``: potential vs Li/Li+ in volts;
- ``stoichiometry`` (Li fraction of the host, 0 to 1) or ``capacity_mAh_g`` (lithium inserted
  into the host, mAh per gram of active material, counted from one origin for both branches);
- ``branch`` (optional): ``discharge`` or ``charge`` per row; without it every row is discharge.

Specific capacity becomes stoichiometry through the material's theoretical capacity, with the most
lithiated point at the curve's lithiated limit: θ = θ_lith − (q_max − q)/q_theoretical.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.material import Material
from cellstack.core.ocp import FloatArray
from cellstack.core.ocp_resample import Branch, resample
from cellstack.core.ocp_table import TabulatedOcp
from cellstack.io.csv_table import CsvTable, read_csv_table

VOLTAGE = "voltage_V"
STOICHIOMETRY = "stoichiometry"
CAPACITY = "capacity_mAh_g"
BRANCH = "branch"
BRANCHES = ("discharge", "charge")
MIN_POINTS = 3
# Columns a user might reach for in other units: named so the message can say what to use instead.
_OTHER_UNITS = {
    "voltage_mV": VOLTAGE,
    "voltage": VOLTAGE,
    "capacity_mAh": CAPACITY,
    "capacity_Ah_kg": CAPACITY,
    "capacity": CAPACITY,
    "x": STOICHIOMETRY,
    "theta": STOICHIOMETRY,
}


@dataclass(frozen=True)
class ImportedCurve:
    table: TabulatedOcp
    smoothing_V: float  # largest change made to a measured point
    hysteresis_V: float  # half the largest charge-discharge gap (0 with one branch)
    points: int  # measured points read


def _require_columns(table: CsvTable) -> str:
    """The abscissa column; a missing voltage or abscissa column is named with what to use."""
    table.refuse_other_units(_OTHER_UNITS)
    table.require(VOLTAGE)
    return table.one_of(STOICHIOMETRY, CAPACITY)


def _branch_rows(table: CsvTable) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = {name: [] for name in BRANCHES}
    labels = table.texts(BRANCH) if table.has(BRANCH) else ["discharge"] * len(table.lines)
    for i, label in enumerate(labels):
        if label.lower() not in rows:
            raise table.error(i, BRANCH, label, "discharge or charge")
        rows[label.lower()].append(i)
    if len(rows["discharge"]) < MIN_POINTS:
        raise InputError(
            "discharge branch", f"{len(rows['discharge'])} rows", f"at least {MIN_POINTS} rows", table.origin
        )
    return rows


def _monotonic(table: CsvTable, column: str, rows: list[int], x: FloatArray) -> FloatArray:
    """The rows' order along ``x`` (which must move strictly one way), as row indices."""
    steps = np.diff(x)
    direction = 1.0 if steps[0] > 0 else -1.0
    for k, step in enumerate(steps):
        if not step * direction > 0.0:
            raise table.error(
                rows[k + 1],
                column,
                float(x[k + 1]),
                f"a value {'above' if direction > 0 else 'below'} the previous row's ({x[k]:g}): "
                "the column must rise (or fall) strictly",
            )
    return np.asarray(rows if direction > 0 else rows[::-1])


def read_half_cell_curve(
    path: Path,
    material: Material,
    lithiated_limit: float | None = None,
    name: str = "",
) -> ImportedCurve:
    """The curve in ``path`` for ``material``; ``lithiated_limit`` defaults to that of the
    material's present curve where the data reach it, else to the data's most lithiated point."""
    table = read_csv_table(path, "half-cell curve")
    axis = _require_columns(table)
    volts = table.numbers(VOLTAGE, "V")
    for i, v in enumerate(volts):
        if not -1.0 <= v <= 10.0:
            raise table.error(i, VOLTAGE, float(v), "a potential vs Li/Li+ from -1 to 10 V")
    x = table.numbers(axis, "mAh/g" if axis == CAPACITY else "")
    rows = _branch_rows(table)
    ordered = {
        label: _monotonic(table, axis, chosen, x[chosen])
        for label, chosen in rows.items()
        if chosen and (label == "discharge" or len(chosen) >= MIN_POINTS)
    }
    theta = _stoichiometry(table, axis, x, material, lithiated_limit)
    top = float(max(theta[order[-1]] for order in ordered.values()))
    limit = _default_limit(material, lithiated_limit, top, axis)
    branches = {label: Branch(theta[order], volts[order]) for label, order in ordered.items()}
    result = resample(branches["discharge"], branches.get("charge"))
    limit = min(limit, result.stoichiometry[-1])
    curve = TabulatedOcp(
        result.stoichiometry,
        result.voltage_V,
        lithiated_limit=limit,
        name=name or f"{material.name} (from {path.name})",
        source="user",
        chemistry=material.ocp or (material.ocp_table.chemistry if material.ocp_table else ""),
        note=f"from {path.name}: {result.note}",
    )
    return ImportedCurve(curve, result.smoothing_V, result.hysteresis_V, len(table.lines))


def _default_limit(material: Material, given: float | None, top: float, axis: str) -> float:
    if given is not None:
        return given
    present = material.ocp_curve()
    if axis == CAPACITY:
        return present.lithiated_limit if present is not None else 1.0
    if present is not None and present.lithiated_limit <= top:
        return present.lithiated_limit
    return top


def _stoichiometry(
    table: CsvTable, axis: str, x: FloatArray, material: Material, given: float | None
) -> FloatArray:
    if axis == STOICHIOMETRY:
        for i, value in enumerate(x):
            if not 0.0 <= value <= 1.0:
                raise table.error(i, axis, float(value), "a fraction from 0 to 1")
        return x
    theoretical = material.properties.capacity_theoretical_C_kg
    if theoretical is None:
        raise InputError(
            "capacity_theoretical",
            None,
            f"a theoretical capacity in the record of {material.id}, to turn mAh/g into stoichiometry",
            table.origin,
        )
    limit = _default_limit(material, given, 1.0, CAPACITY)
    theta = limit - (float(np.max(x)) - x) * u.MAH_PER_G / theoretical.value
    low = int(np.argmin(theta))
    if theta[low] < 0.0:
        raise table.error(
            low,
            axis,
            float(x[low]),
            f"a capacity span within {theoretical.value / u.MAH_PER_G:g} mAh/g below the lithiated "
            f"limit {limit:g} (stoichiometry would fall below 0)",
        )
    return theta


def with_curve(material: Material, curve: TabulatedOcp) -> Material:
    """The material carrying ``curve`` by value in place of the built-in fit it named."""
    return replace(material, ocp="", ocp_table=curve)
