"""Properties every cell must have, whatever the design (hypothesis explores the designs)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cellstack.core import units as u
from cellstack.core.cell import (
    Cell,
    CellLevel,
    CellMetrics,
    Frame,
    Laminate,
    PressureFixture,
    Rectangle,
    StackedPouch,
    Tab,
    compute_cell,
)
from cellstack.core.layer import Layer
from cellstack.core.material import Role
from cellstack.core.stack import Stack
from tests.core.materials import CU, LCO, LI, LIPON

MM = u.MM
thickness_um = st.floats(min_value=1.0, max_value=200.0, allow_nan=False)
overhang_mm = st.floats(min_value=0.0, max_value=5.0, allow_nan=False)
units = st.integers(min_value=1, max_value=60)
NO_HOUSING = Frame(1000.0, 0.0, 0.0, 0.0)  # weighs nothing and takes no room


def unit(cathode_um: float, electrolyte_um: float, li_um: float) -> Stack:
    return Stack(
        (
            Layer(CU, 10 * u.UM, Role.CURRENT_COLLECTOR),
            Layer(LCO, cathode_um * u.UM, Role.CATHODE),
            Layer(LIPON, electrolyte_um * u.UM, Role.ELECTROLYTE),
            Layer(LI, li_um * u.UM, Role.ANODE),
            Layer(CU, 6 * u.UM, Role.CURRENT_COLLECTOR),
        )
    )


def pouch(
    n: int, *, double_sided: bool = True, overhang: float = 1.0, housing: object = None
) -> StackedPouch:
    cathode = Rectangle(40 * MM, 60 * MM)
    anode = Rectangle((40 + 2 * overhang) * MM, (60 + 2 * overhang) * MM)
    separator = Rectangle((41 + 2 * overhang) * MM, (61 + 2 * overhang) * MM)
    return StackedPouch(
        units=n,
        cathode=cathode,
        anode=anode,
        separator=separator,
        housing=housing if isinstance(housing, Laminate | Frame) else Laminate(113 * u.UM, 1700.0, 4 * MM),
        cathode_tab=Tab(8 * MM, 10 * MM),
        anode_tab=Tab(8 * MM, 10 * MM),
        double_sided=double_sided,
    )


def densities(metrics: CellMetrics, level: CellLevel = CellLevel.CELL) -> tuple[float, float]:
    row = metrics.level(level)
    assert row.specific_energy_J_kg is not None and row.energy_density_J_m3 is not None
    return row.specific_energy_J_kg, row.energy_density_J_m3


@settings(max_examples=40, deadline=None)
@given(thickness_um, thickness_um, thickness_um, units, st.booleans())
def test_n_units_hold_n_times_one(c: float, e: float, li: float, n: int, double_sided: bool) -> None:
    stack = unit(c, e, li)
    one = compute_cell(Cell(stack, pouch(1, double_sided=double_sided)))
    many = compute_cell(Cell(stack, pouch(n, double_sided=double_sided)))
    assert one.capacity_C is not None and one.energy_J is not None
    assert many.capacity_C == pytest.approx(n * one.capacity_C, rel=1e-12)
    assert many.energy_J == pytest.approx(n * one.energy_J, rel=1e-12)


@settings(max_examples=30, deadline=None)
@given(thickness_um, thickness_um, thickness_um, st.booleans())
def test_cell_density_rises_with_units_towards_the_repeat_unit(
    c: float, e: float, li: float, double_sided: bool
) -> None:
    """Monotonic in N, never above the repeat unit's density.

    With shared foils the parity of N decides which foils lie outermost (two anode foils for even
    N, one of each for odd N), so the comparison steps N by 2 there; single-sided units step by 1.
    """
    stack = unit(c, e, li)
    step = 2 if double_sided else 1
    previous = (0.0, 0.0)
    for n in range(1, 62, step):
        metrics = compute_cell(Cell(stack, pouch(n, double_sided=double_sided)))
        cell = densities(metrics)
        ceiling = densities(metrics, CellLevel.REPEAT_UNIT)
        assert cell[0] <= ceiling[0] * (1 + 1e-12) and cell[1] <= ceiling[1] * (1 + 1e-12)
        assert cell[0] >= previous[0] * (1 - 1e-12) and cell[1] >= previous[1] * (1 - 1e-12)
        previous = cell


@settings(max_examples=40, deadline=None)
@given(thickness_um, thickness_um, thickness_um, units, overhang_mm, overhang_mm)
def test_larger_overhangs_never_raise_density(
    c: float, e: float, li: float, n: int, small: float, extra: float
) -> None:
    stack = unit(c, e, li)
    tight = densities(compute_cell(Cell(stack, pouch(n, overhang=small))))
    loose = densities(compute_cell(Cell(stack, pouch(n, overhang=small + extra))))
    assert loose[0] <= tight[0] * (1 + 1e-12) and loose[1] <= tight[1] * (1 + 1e-12)


@settings(max_examples=40, deadline=None)
@given(
    thickness_um,
    units,
    st.floats(min_value=10.0, max_value=300.0),
    st.floats(min_value=0.0, max_value=300.0),
    st.floats(min_value=0.0, max_value=10.0),
    st.floats(min_value=0.0, max_value=2.0),
)
def test_thicker_laminate_or_a_frame_never_raise_density(
    c: float, n: int, laminate_um: float, extra_um: float, border_mm: float, lid_mm: float
) -> None:
    stack = unit(c, 20.0, 30.0)
    bare = densities(compute_cell(Cell(stack, pouch(n, housing=NO_HOUSING))))
    thin = densities(
        compute_cell(Cell(stack, pouch(n, housing=Laminate(laminate_um * u.UM, 1700.0, 4 * MM))))
    )
    thick_laminate = Laminate((laminate_um + extra_um) * u.UM, 1700.0, 4 * MM)
    thick = densities(compute_cell(Cell(stack, pouch(n, housing=thick_laminate))))
    frame = densities(
        compute_cell(
            Cell(stack, pouch(n, housing=Frame(2700.0, border_mm * MM, border_mm * MM, lid_mm * MM)))
        )
    )
    for housed in (thin, frame):
        assert housed[0] <= bare[0] * (1 + 1e-12) and housed[1] <= bare[1] * (1 + 1e-12)
    assert thick[0] <= thin[0] * (1 + 1e-12) and thick[1] <= thin[1] * (1 + 1e-12)


@settings(max_examples=40, deadline=None)
@given(
    thickness_um,
    units,
    st.floats(min_value=1.0, max_value=200.0),
    st.floats(min_value=0.1, max_value=30.0),
    st.floats(min_value=0.0, max_value=0.5),
)
def test_fixture_level_never_above_cell_and_cell_unchanged(
    c: float, n: int, plate_mm: float, plate_t_mm: float, hardware_kg: float
) -> None:
    stack = unit(c, 20.0, 30.0)
    fixture = PressureFixture(plate_mm * MM, plate_mm * MM, plate_t_mm * MM, 7900.0, 2, hardware_kg, 5e6)
    for fmt in (None, pouch(n)):
        cell = Cell(stack) if fmt is None else Cell(stack, fmt)
        without = compute_cell(cell)
        held = compute_cell(replace(cell, fixture=fixture))
        assert held.level(CellLevel.CELL) == without.level(CellLevel.CELL)
        fixed = densities(held, CellLevel.CELL_WITH_FIXTURE)
        bare = densities(held)
        assert fixed[0] <= bare[0] * (1 + 1e-12) and fixed[1] <= bare[1] * (1 + 1e-12)
        assert held.stack_pressure_Pa == 5e6
