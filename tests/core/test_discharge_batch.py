"""The batched discharge gives each design what simulate_discharge gives it alone, to 1e-9."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cellstack.core.discharge import simulate_discharge
from cellstack.core.discharge.batch import delivered
from cellstack.core.discharge.parameters import Cell, build_cell
from cellstack.core.errors import InputError
from cellstack.core.stack import Stack
from cellstack.io.library import default_library
from cellstack.io.project import load_project
from cellstack.io.project_compute import interface_table
from cellstack.io.resources import examples_dir

LIBRARY = default_library()
EXAMPLES = sorted(examples_dir().glob("*.cellstack"))
_PROJECTS = {path: load_project(path, LIBRARY) for path in EXAMPLES}


def _scaled(stack: Stack, factors: list[float]) -> Stack:
    layers = tuple(
        replace(layer, thickness_m=min(layer.thickness_m * f, 0.05))
        for layer, f in zip(stack.layers, factors, strict=False)
    )
    return stack.with_layers(layers + stack.layers[len(layers) :])


def _single(stack: Stack, tables: object, c_rate: float, cutoff: float | None) -> tuple[float, float]:
    try:
        curve = simulate_discharge(stack, tables, c_rate, cutoff_V=cutoff)  # type: ignore[arg-type]
    except InputError:
        return math.nan, math.nan
    return curve.delivered_capacity_C, curve.energy_J


def _close(batched: float, single: float) -> bool:
    if math.isnan(single):
        return math.isnan(batched)
    return abs(batched - single) <= 1e-9 * abs(single) + 1e-300


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    example=st.sampled_from(EXAMPLES),
    factors=st.lists(st.lists(st.floats(0.05, 8.0), min_size=8, max_size=8), min_size=1, max_size=12),
    c_rate=st.sampled_from([0.05, 0.5, 1.0, 3.0, 20.0]),
    cutoff=st.sampled_from([None, 2.5, 3.6]),
)
def test_batched_runs_match_single_runs(
    example: Path, factors: list[list[float]], c_rate: float, cutoff: float | None
) -> None:
    project = _PROJECTS[example]
    tables = interface_table(project, LIBRARY)
    stacks = [_scaled(project.stack, f) for f in factors]
    cells: list[Cell | None] = []
    for stack in stacks:
        try:
            cells.append(build_cell(stack, tables))
        except InputError:
            cells.append(None)
    result = delivered(cells, c_rate, cutoff)
    for row, stack in enumerate(stacks):
        capacity, energy = _single(stack, tables, c_rate, cutoff)
        assert _close(float(result.capacity_C[row]), capacity), (row, capacity)
        assert _close(float(result.energy_J[row]), energy), (row, energy)


def test_designs_of_different_structures_go_through_one_call() -> None:
    # A mixed list (thin film, composite, an indium anode) is grouped by structure and each group
    # batched; the order of the answers is the order of the cells.
    cells, expected = [], []
    for path in EXAMPLES:
        project = _PROJECTS[path]
        tables = interface_table(project, LIBRARY)
        for factor in (0.5, 1.0, 2.0):
            stack = _scaled(project.stack, [factor] * 3)
            cells.append(build_cell(stack, tables))
            expected.append(_single(stack, tables, 2.0, None))
    result = delivered(cells, 2.0)
    np.testing.assert_allclose(result.capacity_C, [e[0] for e in expected], rtol=1e-9, atol=0.0)
    np.testing.assert_allclose(result.energy_J, [e[1] for e in expected], rtol=1e-9, atol=0.0)


def test_a_missing_cell_or_one_that_cannot_start_gives_nan_or_nothing() -> None:
    project = _PROJECTS[examples_dir() / "ssb_nmc811_argyrodite_li.cellstack"]
    tables = interface_table(project, LIBRARY)
    cell = build_cell(project.stack, tables)
    # A cut-off above the open-circuit voltage: the run cannot start and delivers nothing.
    result = delivered([None, cell], 1.0, cutoff_V=9.0)
    assert math.isnan(result.capacity_C[0]) and math.isnan(result.energy_J[0])
    assert result.capacity_C[1] == 0.0 and result.energy_J[1] == 0.0
    assert result.rated_capacity_C[1] == pytest.approx(cell.capacity_C_m2 * cell.area_m2)
