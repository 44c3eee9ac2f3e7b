"""The cell sketch: to-scale primitives that lie where the cell is, with overhangs and nesting kept."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cellstack.core import units as u
from cellstack.core.cell import (
    Cell,
    CellLevel,
    ChipLayout,
    CoinCell,
    Frame,
    Laminate,
    PressureFixture,
    Rectangle,
    Slab,
    StackedPouch,
    Tab,
    ThinFilmChip,
    compute_cell,
)
from cellstack.core.cell.repeat_unit import Sheet
from cellstack.core.cell.sketch import (
    Box,
    Dimension,
    Disc,
    Label,
    Line,
    Part,
    Primitive,
    View,
    ViewKind,
    sketch_cell,
)
from cellstack.core.cell.sketch_pouch import unit_sequence
from cellstack.core.cell.sketch_primitives import length_text
from cellstack.core.material import Role
from cellstack.io.cell_formats import load_coin_sizes
from tests.core.test_cell_geometry import pouch
from tests.core.test_cell_hand_computed import chip_unit, coin_unit

MM = u.MM
FIXTURE = PressureFixture(90 * MM, 120 * MM, 10 * MM, 2700.0, 2, 0.06, 5e6)


def coin() -> CoinCell:
    case = load_coin_sizes()["CR2032"]
    return CoinCell(case, cathode_diameter_m=10 * MM, anode_diameter_m=11 * MM, separator_diameter_m=12 * MM)


def chip(cells: int = 3, layout: ChipLayout = ChipLayout.SIDE_BY_SIDE) -> ThinFilmChip:
    return ThinFilmChip(
        Slab(10 * MM, 5 * MM, 0.2 * MM, 2329.0),
        cathode=Rectangle(2.5 * MM, 3 * MM),
        anode=Rectangle(2.7 * MM, 3.2 * MM),
        electrolyte=Rectangle(3 * MM, 3.5 * MM),
        cells=cells,
        layout=layout,
        lid=Slab(10.4 * MM, 5.4 * MM, 0.1 * MM, 2500.0),
    )


def boxes(view: View, part: Part) -> list[Box]:
    return [p for p in view.primitives if isinstance(p, Box) and p.part is part]


def corners(item: Primitive) -> list[tuple[float, float]]:
    if isinstance(item, Box):
        return [(item.x_m, item.y_m), (item.right_m, item.top_m)]
    if isinstance(item, Disc):
        r = item.radius_m
        return [(item.centre_x_m - r, item.centre_y_m - r), (item.centre_x_m + r, item.centre_y_m + r)]
    if isinstance(item, Label):
        return [(item.x_m, item.y_m)]
    assert isinstance(item, Line | Dimension)
    return [(item.x1_m, item.y1_m), (item.x2_m, item.y2_m)]


def inside(item: Primitive, view: View, *, outer: bool) -> bool:
    bounds = view.outer if outer else view.extent
    return all(bounds.holds(x, y, 1e-12) for x, y in corners(item))


def all_views() -> list[View]:
    pouch_cell = Cell(chip_unit(), pouch())
    return [
        *sketch_cell(pouch_cell).views,
        *sketch_cell(Cell(chip_unit(), pouch(housing=Frame(1200.0, 4 * MM, 6 * MM, 0.2 * MM)))).views,
        *sketch_cell(Cell(chip_unit(), pouch(units=7), fixture=FIXTURE)).views,
        *sketch_cell(Cell(coin_unit(), coin())).views,
        *sketch_cell(Cell(chip_unit(), chip())).views,
        *sketch_cell(Cell(chip_unit())).views,
    ]


def test_the_list_of_views_is_complete() -> None:
    assert len(all_views()) == 10  # the parametrised test below takes each by its index


def test_every_format_has_its_views() -> None:
    kinds = [v.kind for v in sketch_cell(Cell(chip_unit(), pouch())).views]
    assert kinds == [ViewKind.TOP, ViewKind.SIDE]
    coin_views = [v.kind for v in sketch_cell(Cell(coin_unit(), coin())).views]
    assert coin_views == [ViewKind.CROSS_SECTION, ViewKind.SIDE]
    assert [v.kind for v in sketch_cell(Cell(chip_unit(), chip())).views] == [ViewKind.TOP]
    assert [v.kind for v in sketch_cell(Cell(chip_unit())).views] == [ViewKind.FOOTPRINT]


@pytest.mark.parametrize("index", range(10))
def test_every_primitive_lies_within_the_extent_and_the_parts_within_the_outer_box(index: int) -> None:
    view = all_views()[index]
    assert view.primitives
    for item in view.primitives:
        assert inside(item, view, outer=False), item
        if isinstance(item, Box) and item.part not in (Part.TAB, Part.FIXTURE_PLATE):
            assert inside(item, view, outer=True), item


def test_the_tabs_stick_out_of_the_box_unless_counted_in_it() -> None:
    out = sketch_cell(Cell(chip_unit(), pouch())).views[0]
    assert all(t.top_m > out.outer.y1_m for t in boxes(out, Part.TAB))
    counted = sketch_cell(Cell(chip_unit(), pouch(tabs_in_box=True))).views[0]
    assert all(inside(t, counted, outer=True) for t in boxes(counted, Part.TAB))


def test_top_view_is_to_scale_and_the_anode_overhangs_the_cathode() -> None:
    cell = Cell(chip_unit(), pouch())
    view = sketch_cell(cell).views[0]
    (cathode,), (anode,), (separator,) = (boxes(view, p) for p in (Part.CATHODE, Part.ANODE, Part.SEPARATOR))
    assert cathode.width_m == pytest.approx(50 * MM) and anode.height_m == pytest.approx(82 * MM)
    for small, large in ((cathode, anode), (anode, separator)):
        assert large.x_m < small.x_m and large.y_m < small.y_m
        assert large.right_m > small.right_m and large.top_m > small.top_m
    # Drawn after the larger sheet, so the overhang stays visible around it.
    order = view.primitives
    assert order.index(separator) < order.index(anode) < order.index(cathode)
    assert view.outer.width_m == pytest.approx(64 * MM)  # 54 mm outline + 2 x 5 mm seal
    texts = [d.text for d in view.primitives if isinstance(d, Dimension)]
    assert texts == ["64 mm", "94 mm"]


def test_side_view_elides_many_units_and_states_the_real_thickness() -> None:
    cell = Cell(chip_unit(), pouch(units=20))
    metrics = compute_cell(cell)
    side = sketch_cell(cell, metrics).views[1]
    assert not side.to_scale
    labels = [p.text for p in side.primitives if isinstance(p, Label)]
    assert labels == ["… 20 units in all"]
    thickness = metrics.level(CellLevel.CELL).thickness_m
    assert thickness is not None
    dims = [d.text for d in side.primitives if isinstance(d, Dimension)]
    assert dims[1] == length_text(thickness)
    assert len(boxes(side, Part.CATHODE)) == 3  # three units drawn
    small = sketch_cell(Cell(chip_unit(), pouch(units=2))).views[1]
    assert not [p for p in small.primitives if isinstance(p, Label)]
    assert len(boxes(small, Part.CATHODE)) == 2


def test_shared_foils_alternate_and_end_on_the_outer_electrode() -> None:
    even = pouch(units=4, outer_electrode=Role.ANODE)
    sequence = [s for i in range(4) for s in unit_sequence(even, i)]
    assert sequence[-1] is Sheet.ANODE_FOIL
    assert (
        sequence.count(Sheet.CATHODE_FOIL) == 2 and sequence.count(Sheet.ANODE_FOIL) == 2
    )  # + the bottom one
    own = pouch(units=3, double_sided=False)
    assert unit_sequence(own, 1) == unit_sequence(own, 0)


def test_coin_parts_nest_inside_the_can() -> None:
    cell = Cell(coin_unit(), coin())
    view = sketch_cell(cell).views[0]
    case = coin().case
    wall = (case.height_m - case.inner_height_m) / 2
    room = [
        p for p in view.primitives if isinstance(p, Box) and p.part not in (Part.CASE, Part.CAP, Part.GASKET)
    ]
    assert {p.part for p in room} >= {Part.CATHODE, Part.ANODE, Part.SEPARATOR, Part.COLLECTOR, Part.SPACER}
    for item in room:
        assert item.x_m > wall and item.right_m < case.diameter_m - wall
        assert item.y_m >= wall - 1e-12 and item.top_m <= case.height_m - wall + 1e-12
    springs = [p for p in view.primitives if isinstance(p, Line) and p.part is Part.SPRING]
    assert springs and max(s.y2_m for s in springs) == pytest.approx(case.height_m - wall)
    (separator,) = boxes(view, Part.SEPARATOR)
    (cathode,) = boxes(view, Part.CATHODE)
    assert separator.width_m == pytest.approx(12 * MM) and cathode.width_m == pytest.approx(10 * MM)
    # The discs lie on each other in the stack's order, from the can upward.
    assert cathode.top_m == pytest.approx(separator.y_m)


def test_chip_cells_lie_on_the_die_under_the_lid() -> None:
    view = sketch_cell(Cell(chip_unit(), chip(cells=3))).views[0]
    (die,) = boxes(view, Part.DIE)
    (lid,) = boxes(view, Part.LID)
    assert not lid.filled
    cells = boxes(view, Part.SEPARATOR)
    assert len(cells) == 3
    for part in (Part.SEPARATOR, Part.CATHODE, Part.ANODE):
        for item in boxes(view, part):
            assert die.x_m <= item.x_m and item.right_m <= die.right_m
            assert die.y_m <= item.y_m and item.top_m <= die.top_m
    assert lid.x_m <= die.x_m and lid.right_m >= die.right_m
    lefts = sorted(c.x_m for c in cells)
    assert all(b - a >= 3 * MM for a, b in itertools.pairwise(lefts))  # side by side, no overlap
    stacked = sketch_cell(Cell(chip_unit(), chip(cells=3, layout=ChipLayout.STACKED))).views[0]
    assert len(boxes(stacked, Part.SEPARATOR)) == 1


def test_planar_shows_the_active_area_in_the_footprint() -> None:
    unit = replace(chip_unit(), active_area_m2=1e-4, footprint_area_m2=4e-4)
    view = sketch_cell(Cell(unit)).views[0]
    (footprint,) = boxes(view, Part.FOOTPRINT)
    (active,) = boxes(view, Part.CATHODE)
    assert footprint.width_m == pytest.approx(0.02) and active.width_m == pytest.approx(0.01)
    assert inside(active, view, outer=True)


def test_a_fixture_presses_the_side_view_between_its_plates() -> None:
    side = sketch_cell(Cell(chip_unit(), pouch(), fixture=FIXTURE)).views[1]
    lower, upper = sorted(boxes(side, Part.FIXTURE_PLATE), key=lambda b: b.y_m)
    assert lower.top_m <= side.outer.y0_m + 1e-12 and upper.y_m >= side.outer.y1_m - 1e-12
    assert lower.width_m == pytest.approx(90 * MM)
    width_dimension = next(d for d in side.primitives if isinstance(d, Dimension))
    assert width_dimension.y1_m < lower.y_m  # the dimension stays clear of the plate
    assert any("5 MPa" in text for _, text in side.legend)
    assert not boxes(sketch_cell(Cell(chip_unit(), pouch())).views[1], Part.FIXTURE_PLATE)


@settings(max_examples=40, deadline=None)
@given(
    units=st.integers(1, 60),
    cathode_mm=st.tuples(st.floats(10, 200), st.floats(10, 200)),
    anode_over_mm=st.floats(0, 5),
    separator_over_mm=st.floats(0, 5),
    seal_mm=st.floats(0, 15),
    double_sided=st.booleans(),
)
def test_any_pouch_is_drawn_inside_its_box_with_its_overhangs(
    units: int,
    cathode_mm: tuple[float, float],
    anode_over_mm: float,
    separator_over_mm: float,
    seal_mm: float,
    double_sided: bool,
) -> None:
    w, h = cathode_mm
    a = w + 2 * anode_over_mm, h + 2 * anode_over_mm
    s = a[0] + 2 * separator_over_mm, a[1] + 2 * separator_over_mm
    fmt = StackedPouch(
        units=units,
        cathode=Rectangle(w * MM, h * MM),
        anode=Rectangle(a[0] * MM, a[1] * MM),
        separator=Rectangle(s[0] * MM, s[1] * MM),
        housing=Laminate(113 * u.UM, 1700.0, seal_mm * MM),
        cathode_tab=Tab(min(8.0, w) * MM, 10 * MM),
        anode_tab=Tab(min(8.0, w) * MM, 10 * MM),
        double_sided=double_sided,
    )
    top, side = sketch_cell(Cell(chip_unit(), fmt)).views
    for view in (top, side):
        for item in view.primitives:
            assert inside(item, view, outer=False)
            if isinstance(item, Box) and item.part is not Part.TAB:
                assert inside(item, view, outer=True), item
    (cathode,), (anode,) = boxes(top, Part.CATHODE), boxes(top, Part.ANODE)
    assert anode.x_m <= cathode.x_m + 1e-12 and anode.right_m >= cathode.right_m - 1e-12
    assert cathode.width_m == pytest.approx(w * MM) and anode.height_m == pytest.approx(a[1] * MM)
    assert len(boxes(side, Part.CATHODE)) == min(units, 3)  # up to three units drawn, then "… N"
