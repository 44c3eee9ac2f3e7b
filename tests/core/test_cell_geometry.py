"""Geometry that cannot exist is refused with the one-line input error naming field, value, range."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from cellstack.core import units as u
from cellstack.core.cell import (
    Cell,
    CellLevel,
    CoinCell,
    Laminate,
    PressureFixture,
    Rectangle,
    Slab,
    StackedPouch,
    Tab,
    ThinFilmChip,
    compute_cell,
)
from cellstack.core.cell.repeat_unit import Sheet, repeat_unit
from cellstack.core.errors import InputError
from cellstack.core.material import Properties
from cellstack.core.metrics import compute_metrics
from cellstack.io.cell_formats import load_coin_sizes
from tests.core.test_cell_hand_computed import coin_unit
from tests.core.test_properties import stack as thin_film_stack

MM = u.MM
CATHODE = Rectangle(50 * MM, 80 * MM)
ANODE = Rectangle(52 * MM, 82 * MM)
SEPARATOR = Rectangle(54 * MM, 84 * MM)
LAMINATE = Laminate(113 * u.UM, 1700.0, 5 * MM)


def pouch(**changes: object) -> StackedPouch:
    fields: dict[str, object] = {
        "units": 10,
        "cathode": CATHODE,
        "anode": ANODE,
        "separator": SEPARATOR,
        "housing": LAMINATE,
        "cathode_tab": Tab(10 * MM, 10 * MM),
        "anode_tab": Tab(10 * MM, 10 * MM),
    }
    fields.update(changes)
    return StackedPouch(**fields)  # type: ignore[arg-type]


REFUSED: dict[str, tuple[Callable[[], object], str]] = {
    "cathode beyond separator": (lambda: pouch(cathode=Rectangle(60 * MM, 80 * MM)), "pouch.cathode"),
    "anode beyond separator": (lambda: pouch(anode=Rectangle(52 * MM, 90 * MM)), "pouch.anode"),
    "tab wider than its foil": (lambda: pouch(cathode_tab=Tab(51 * MM, 10 * MM)), "pouch.cathode_tab.width"),
    "zero units": (lambda: pouch(units=0), "pouch.units"),
    "fractional units": (lambda: pouch(units=2.5), "pouch.units"),
    "box narrower than stack": (lambda: pouch(box_width_m=40 * MM), "pouch.box_width"),
    "negative width": (lambda: Rectangle(-1.0, 1.0), "width"),
    "NaN height": (lambda: Rectangle(1e-3, float("nan")), "height"),
    "laminate without density": (lambda: Laminate(1e-4, 0.0, 1e-3), "laminate.density"),
    "chip cell larger than die": (
        lambda: ThinFilmChip(
            Slab(5 * MM, 5 * MM, 0.2 * MM, 2329.0),
            Rectangle(2 * MM, 4 * MM),
            Rectangle(2 * MM, 4 * MM),
            Rectangle(2.4 * MM, 4.4 * MM),
            cells=3,
        ),
        "chip.cells",
    ),
    "coin cathode beyond separator": (
        lambda: CoinCell(load_coin_sizes()["CR2032"], 13 * MM, 11 * MM, 12 * MM),
        "coin.cathode_diameter",
    ),
    "fixture without plates": (lambda: PressureFixture(0.05, 0.05, 0.01, 7900.0, plates=0), "fixture.plates"),
    "fractional plates": (
        lambda: PressureFixture(0.05, 0.05, 0.01, 7900.0, plates=2.5),  # type: ignore[arg-type]
        "fixture.plates",
    ),
    "negative pressure": (
        lambda: PressureFixture(0.05, 0.05, 0.01, 7900.0, stack_pressure_Pa=-1.0),
        "fixture.stack_pressure",
    ),
}


@pytest.mark.parametrize("case", list(REFUSED), ids=list(REFUSED))
def test_impossible_geometry_is_refused_in_one_line(case: str) -> None:
    build, field = REFUSED[case]
    with pytest.raises(InputError) as info:
        build()
    assert info.value.field == field
    message = str(info.value)
    assert "\n" not in message and field in message and "expected" in message


def test_box_thinner_than_its_stack_is_refused() -> None:
    stack = thin_film_stack(100.0, 20.0, 30.0)
    unit = repeat_unit(stack, compute_metrics(stack))
    needed = pouch().stack_thickness_m(unit) + 2 * LAMINATE.thickness_m
    with pytest.raises(InputError) as info:
        compute_cell(Cell(stack, pouch(box_thickness_m=needed * 0.99)))
    assert info.value.field == "pouch.box_thickness"
    compute_cell(Cell(stack, pouch(box_thickness_m=needed)))  # exactly enough is fine


def test_coin_stack_taller_than_its_case_is_refused() -> None:
    case = load_coin_sizes()["CR2016"]  # 1.1 mm inside, 0.2 mm spacer, 0.5 mm spring
    with pytest.raises(InputError) as info:
        compute_cell(Cell(coin_unit(), CoinCell(case, 10 * MM, 11 * MM, 12 * MM)))  # 0.6 mm stack
    assert info.value.field == "CR2016.inner_height"


def test_units_to_fill_a_box() -> None:
    stack = thin_film_stack(100.0, 20.0, 30.0)
    unit = repeat_unit(stack, compute_metrics(stack))
    box_m = 5 * MM
    n = pouch().units_to_fill(unit, box_m)
    assert n > 1
    room = box_m - 2 * LAMINATE.thickness_m
    assert pouch(units=n).stack_thickness_m(unit) <= room
    assert pouch(units=n + 1).stack_thickness_m(unit) > room


def test_substrate_of_the_unit_is_replaced_by_the_housing_and_said() -> None:
    stack = thin_film_stack(100.0, 20.0, 30.0)  # has a Kapton substrate
    unit = repeat_unit(stack, compute_metrics(stack))
    assert Sheet.HOUSING in unit.sheets
    metrics = compute_cell(Cell(stack, pouch()))
    assert any("polyimide" in note for note in metrics.notes)
    assert all(c.name != "polyimide" for c in metrics.breakdown)


def test_an_invalid_unit_gives_an_invalid_cell_without_numbers() -> None:
    """A unit with no anode computes no energy: the cell shows masses but no densities."""
    stack = coin_unit()
    no_anode = stack.removing(3)
    metrics = compute_cell(Cell(no_anode, pouch()))
    assert not metrics.valid
    assert metrics.energy_J is None and metrics.capacity_C is None
    for row in metrics.levels:
        assert row.specific_energy_J_kg is None and row.energy_density_J_m3 is None


def test_a_layer_without_density_leaves_the_cell_mass_unknown() -> None:
    stack = coin_unit()
    pellet = stack.layers[2]
    bare = replace(pellet.material, properties=Properties())
    metrics = compute_cell(Cell(stack.replacing(2, replace(pellet, material=bare)), pouch()))
    row = next(c for c in metrics.breakdown if c.name == bare.name)
    assert row.mass_kg is None
    assert metrics.level(CellLevel.CELL).specific_energy_J_kg is None


def test_the_stacks_extra_mass_counts_once_per_cell() -> None:
    stack = replace(coin_unit(), extra_mass_kg=2e-3)
    plain = compute_cell(Cell(coin_unit(), pouch(units=10)))
    lumped = compute_cell(Cell(stack, pouch(units=10)))
    added = lumped.level(CellLevel.CELL).mass_kg - plain.level(CellLevel.CELL).mass_kg
    assert added == pytest.approx(2e-3, rel=1e-12)
    assert lumped.level(CellLevel.REPEAT_UNIT) == plain.level(CellLevel.REPEAT_UNIT)
