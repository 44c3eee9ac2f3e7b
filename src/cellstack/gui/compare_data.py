"""What the Compare window shows, without Qt: every `compute --json` number of each design, flat,
and each design's discharge curves at its own C-rates.

A design's numbers are those `cellstack compute --json` prints for its file (the same functions),
flattened to dotted keys (``levels.full_stack.mass_g``, ``cell.levels.cell.specific_energy_Wh_kg``);
lists (the breakdown, the warnings, the rate table) are left to the other views.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cellstack.core import units as u
from cellstack.core.discharge import simulate_discharge
from cellstack.core.errors import InputError
from cellstack.core.sweep import FloatArray
from cellstack.io.library import Library
from cellstack.io.metrics_export import metrics_to_json, with_cell
from cellstack.io.project_compute import (
    interface_table,
    project_cell_metrics,
    project_metrics,
    series_asr_ohm_m2,
)
from cellstack.io.project_model import Project

Number = float | None


def _flat(node: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, Number]]:
    for key, value in node.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _flat(value, f"{name}.")
        elif isinstance(value, bool | str | list):
            continue  # flags, texts and lists are no metric to subtract
        elif value is None or isinstance(value, int | float):
            yield name, None if value is None else float(value)


def design_numbers(project: Project, library: Library | None) -> dict[str, Number]:
    """The flattened numbers of `compute --json` for ``project`` (None where it has none)."""
    metrics = project_metrics(project, library)
    data = metrics_to_json(metrics, library)
    # A cell that cannot hold its stack: the stack's numbers are still worth comparing.
    with contextlib.suppress(InputError):
        data = with_cell(data, project_cell_metrics(project, library, metrics=metrics))
    return dict(_flat(data, ""))


@dataclass(frozen=True)
class CompareRow:
    """One metric: its value in each design (the current one first) and each other's difference."""

    key: str
    values: tuple[Number, ...]

    def difference(self, column: int) -> Number:
        """Design ``column`` minus the current design; None when either has no value."""
        base, other = self.values[0], self.values[column]
        if base is None or other is None or not (math.isfinite(base) and math.isfinite(other)):
            return None
        return other - base


def compare_rows(designs: Sequence[Mapping[str, Number]]) -> list[CompareRow]:
    """One row per key any design has, in the order the current design lists them."""
    keys: dict[str, None] = {}
    for numbers in designs:
        keys.update(dict.fromkeys(numbers))
    return [CompareRow(key, tuple(d.get(key) for d in designs)) for key in keys]


@dataclass(frozen=True)
class Curve:
    """Per area of the stack, so that designs of any size share the axes."""

    c_rate: float
    capacity_mAh_cm2: FloatArray
    voltage_V: FloatArray


def discharge_curves(project: Project, library: Library | None) -> list[Curve]:
    """The design's discharge at each of its C-rates, with its cut-off and series resistance;
    none for a stack the model cannot discharge."""
    curves = []
    tables = interface_table(project, library)
    for rate in project.simulation.c_rates:
        try:
            curve = simulate_discharge(
                project.stack,
                tables,
                rate,
                cutoff_V=project.simulation.discharge_cutoff_V,
                series_asr_ohm_m2=series_asr_ohm_m2(project),
            )
        except InputError:
            continue
        areal = curve.capacity_C / project.stack.active_area_m2 / u.MAH_PER_CM2
        curves.append(Curve(rate, areal, curve.voltage_V))
    return curves
