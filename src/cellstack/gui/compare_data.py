"""What the Compare window shows, without Qt: every `compute --json` number of each design, flat,
and each design's discharge runs at its own C-rates (those of its PDF report).

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

from cellstack.core.errors import InputError
from cellstack.io.library import Library
from cellstack.io.metrics_export import metrics_to_json, with_cell
from cellstack.io.project_compute import project_cell_metrics, project_metrics
from cellstack.io.project_model import Project
from cellstack.report.comparison_figures import ComparedDesign
from cellstack.report.inputs import ReportOptions, prepare

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


def compared_design(name: str, project: Project, library: Library) -> ComparedDesign:
    """The design's metrics and discharge runs at its own C-rates, as its own PDF report has them."""
    return ComparedDesign(name, prepare(project, library, ReportOptions()))
