"""A stacked pouch (or frame) cell drawn from above (to scale) and from its side (schematic)."""

from __future__ import annotations

from cellstack.core.cell.fixture import PressureFixture
from cellstack.core.cell.pouch import Laminate, StackedPouch, Tab
from cellstack.core.cell.repeat_unit import Sheet
from cellstack.core.cell.sketch_primitives import (
    Anchor,
    Bounds,
    Box,
    Label,
    Part,
    Primitive,
    View,
    ViewKind,
    centred,
    length_text,
    make_view,
    size_text,
)
from cellstack.core.material import Role

SHOWN_UNITS = 3  # a side view draws up to this many units and writes "× N" for the rest
THIN_SHARE = 0.35  # in the side view no sheet is drawn thinner than this share of the thickest
SIDE_ASPECT = 0.45  # the side view's drawn height as a share of its width
PLATE_SHARE = 0.2  # a fixture plate's drawn thickness as a share of the drawn cell's

_PART = {
    Sheet.CATHODE: Part.CATHODE,
    Sheet.ANODE: Part.ANODE,
    Sheet.SEPARATOR: Part.SEPARATOR,
    Sheet.CATHODE_FOIL: Part.COLLECTOR,
    Sheet.ANODE_FOIL: Part.COLLECTOR,
}


def pouch_views(
    pouch: StackedPouch,
    thickness: dict[Sheet, float],
    cell_m: float,
    fixture: PressureFixture | None = None,
) -> tuple[View, View]:
    return top_view(pouch), side_view(pouch, thickness, cell_m, fixture)


def _placed(pouch: StackedPouch) -> tuple[float, float, float, float]:
    """Box width and height, and the centre of the stack's outline in the box (m)."""
    width, height = pouch._face  # the box as compute_cell counts it
    tabs = [t.length_m for t in (pouch.cathode_tab, pouch.anode_tab) if t is not None]
    tab_room = max(tabs, default=0.0) if pouch.tabs_in_box else 0.0
    return width, height, width / 2, (height - tab_room) / 2


def top_view(pouch: StackedPouch) -> View:
    """Seal or frame, then the sheets largest first (so overhangs show), tabs on the top edge."""
    width, height, cx, cy = _placed(pouch)
    outline = pouch.outline
    housing = pouch.housing
    shapes: list[Primitive] = []
    legend: list[tuple[Part, str]] = []
    if isinstance(housing, Laminate):
        shapes.append(Box(0.0, 0.0, width, height, Part.SEAL))
        shapes.append(centred(cx, cy, outline.width_m, outline.height_m, Part.LAMINATE))
        legend.append(
            (
                Part.LAMINATE,
                f"laminate {length_text(housing.thickness_m)}, seal {length_text(housing.seal_width_m)}",
            )
        )
    else:
        shapes.append(Box(0.0, 0.0, width, height, Part.FRAME))
        legend.append(
            (
                Part.FRAME,
                f"frame, borders {length_text(housing.side_border_m)} (sides) / "
                f"{length_text(housing.end_border_m)} (ends)",
            )
        )
    for tab, electrode, side in (
        (pouch.cathode_tab, pouch.cathode, -1.0),
        (pouch.anode_tab, pouch.anode, 1.0),
    ):
        if tab is not None:
            shapes.append(_tab(tab, electrode.width_m, electrode.height_m, cx, cy, side))
    sheets = sorted(
        ((pouch.separator, Part.SEPARATOR), (pouch.anode, Part.ANODE), (pouch.cathode, Part.CATHODE)),
        key=lambda item: -item[0].area_m2,
    )
    for rect, part in sheets:
        shapes.append(centred(cx, cy, rect.width_m, rect.height_m, part))
        legend.append((part, f"{part.value} {size_text(rect.width_m, rect.height_m)}"))
    tabs = [t for t in (pouch.cathode_tab, pouch.anode_tab) if t is not None]
    if tabs:
        legend.append((Part.TAB, "tabs " + ", ".join(size_text(t.width_m, t.length_m) for t in tabs)))
    title = "Pouch cell, top view" if isinstance(housing, Laminate) else "Frame cell, top view"
    return make_view(ViewKind.TOP, title, shapes, Bounds(0.0, 0.0, width, height), legend)


def _tab(tab: Tab, foil_w: float, foil_h: float, cx: float, cy: float, side: float) -> Box:
    """A tab on its foil's top edge, a quarter of the foil's width off centre (cathode left)."""
    half = (foil_w - tab.width_m) / 2
    x = min(max(cx + side * foil_w / 4, cx - half), cx + half)
    return Box(x - tab.width_m / 2, cy + foil_h / 2, tab.width_m, tab.length_m, Part.TAB)


def unit_sequence(pouch: StackedPouch, index: int) -> list[Sheet]:
    """The sheets of unit ``index`` upward, without the foil below it when neighbours share foils."""
    if not pouch.double_sided:
        return [Sheet.CATHODE_FOIL, Sheet.CATHODE, Sheet.SEPARATOR, Sheet.ANODE, Sheet.ANODE_FOIL]
    # Units alternate: each starts on the foil the one below ended with.
    from_anode = (_bottom_foil(pouch) is Sheet.ANODE_FOIL) == (index % 2 == 0)
    if from_anode:
        return [Sheet.ANODE, Sheet.SEPARATOR, Sheet.CATHODE, Sheet.CATHODE_FOIL]
    return [Sheet.CATHODE, Sheet.SEPARATOR, Sheet.ANODE, Sheet.ANODE_FOIL]


def _bottom_foil(pouch: StackedPouch) -> Sheet:
    if pouch.units % 2 == 0 and pouch.outer_electrode is Role.CATHODE:
        return Sheet.CATHODE_FOIL
    return Sheet.ANODE_FOIL


def side_view(
    pouch: StackedPouch,
    thickness: dict[Sheet, float],
    cell_m: float,
    fixture: PressureFixture | None = None,
) -> View:
    """Width to scale, thickness schematic: a few units' sheets, the rest elided with '× N', and
    a fixture's plates below and above the cell."""
    width, _, cx, _ = _placed(pouch)
    n = pouch.units
    shown = list(range(n)) if n <= SHOWN_UNITS else [0, 1, None, n - 1]
    thickest = max(thickness[s] for s in _PART)
    drawn = schematic_heights(thickness)
    floor = THIN_SHARE * thickest
    rows: list[Sheet | None] = []
    if pouch.double_sided:
        bottom = _bottom_foil(pouch)
        if not pouch.outer_single_sided:
            rows.append(Sheet.CATHODE if bottom is Sheet.CATHODE_FOIL else Sheet.ANODE)
        rows.append(bottom)
    for index in shown:
        rows += [None] if index is None else unit_sequence(pouch, index)
    if pouch.double_sided and not pouch.outer_single_sided:
        top = rows[-1]
        rows.append(Sheet.CATHODE if top is Sheet.CATHODE_FOIL else Sheet.ANODE)
    gap = 2 * thickest
    wall = floor if pouch.wall_m > 0 else 0.0
    raw = sum(gap if r is None else drawn[r] for r in rows) + 2 * wall
    scale = SIDE_ASPECT * width / raw if raw > 0 else 1.0
    widths = {
        Sheet.CATHODE: pouch.cathode.width_m,
        Sheet.CATHODE_FOIL: pouch.cathode.width_m,
        Sheet.ANODE: pouch.anode.width_m,
        Sheet.ANODE_FOIL: pouch.anode.width_m,
        Sheet.SEPARATOR: pouch.separator.width_m,
    }
    label = f"… {n} units in all"
    shapes, y = sheet_rows(rows, drawn, widths, cx, wall * scale, scale, gap, label)
    total = y + wall * scale
    shapes = _side_housing(pouch, width, total, wall * scale) + shapes
    legend = sheet_legend(thickness)
    if fixture is not None:
        shapes += _plates(fixture, cx, total)
        plate = size_text(fixture.plate_width_m, fixture.plate_height_m)
        thick = length_text(fixture.plate_thickness_m)
        pressure = f"{fixture.stack_pressure_Pa / 1e6:.3g} MPa"
        legend.append((Part.FIXTURE_PLATE, f"fixture: {fixture.plates} plates {plate}, {thick}, {pressure}"))
    return make_view(
        ViewKind.SIDE,
        f"Side view, {n} unit{'s' if n > 1 else ''} (thickness not to scale)",
        shapes,
        Bounds(0.0, 0.0, width, total),
        legend,
        thickness_m=cell_m,
        to_scale=False,
    )


def schematic_heights(thickness: dict[Sheet, float]) -> dict[Sheet, float]:
    """Each sheet's drawn thickness: its own, but no thinner than a share of the thickest, so a
    10 µm foil shows beside an 80 µm cathode; a sheet the unit lacks stays at zero."""
    floor = THIN_SHARE * max(thickness[s] for s in _PART)
    return {s: (max(thickness[s], floor) if thickness[s] > 0 else 0.0) for s in _PART}


def sheet_rows(
    rows: list[Sheet | None],
    drawn: dict[Sheet, float],
    widths: dict[Sheet, float],
    cx: float,
    y: float,
    scale: float,
    gap: float,
    label: str,
) -> tuple[list[Primitive], float]:
    """The sheets upward from ``y``, centred on ``cx``; None is an elided gap with ``label``."""
    shapes: list[Primitive] = []
    for row in rows:
        if row is None:
            shapes.append(Label(cx, y + gap * scale / 2, label, Anchor.CENTRE))
            y += gap * scale
        elif drawn[row] > 0:
            h = drawn[row] * scale
            shapes.append(Box(cx - widths[row] / 2, y, widths[row], h, _PART[row]))
            y += h
    return shapes, y


def sheet_legend(thickness: dict[Sheet, float]) -> list[tuple[Part, str]]:
    return [
        (_PART[s], f"{s.value.replace('_', ' ')} {length_text(thickness[s])}")
        for s in (Sheet.CATHODE, Sheet.SEPARATOR, Sheet.ANODE, Sheet.CATHODE_FOIL, Sheet.ANODE_FOIL)
        if thickness[s] > 0
    ]


def _plates(fixture: PressureFixture, cx: float, total: float) -> list[Primitive]:
    """End plates to scale in width; as thick as a fifth of the drawn cell, half below, half above."""
    drawn = PLATE_SHARE * total
    width = fixture.plate_width_m
    below = (fixture.plates + 1) // 2
    plates: list[Primitive] = [
        Box(cx - width / 2, -(i + 1) * drawn, width, drawn, Part.FIXTURE_PLATE) for i in range(below)
    ]
    plates += [
        Box(cx - width / 2, total + i * drawn, width, drawn, Part.FIXTURE_PLATE)
        for i in range(fixture.plates - below)
    ]
    return plates


def _side_housing(pouch: StackedPouch, width: float, total: float, wall: float) -> list[Primitive]:
    outline_w = pouch.outline.width_m
    x0 = (width - outline_w) / 2
    if isinstance(pouch.housing, Laminate):
        parts: list[Primitive] = [Box(x0, 0.0, outline_w, total, Part.LAMINATE, filled=False)]
        if wall > 0:
            parts += [
                Box(x0, 0.0, outline_w, wall, Part.LAMINATE),
                Box(x0, total - wall, outline_w, wall, Part.LAMINATE),
            ]
        mid, ply = total / 2, max(wall, total * 0.02)
        if x0 > 0:
            parts += [
                Box(0.0, mid - ply, x0, 2 * ply, Part.SEAL),
                Box(x0 + outline_w, mid - ply, x0, 2 * ply, Part.SEAL),
            ]
        return parts
    parts = (
        [Box(0.0, 0.0, x0, total, Part.FRAME), Box(x0 + outline_w, 0.0, x0, total, Part.FRAME)]
        if x0 > 0
        else []
    )
    if wall > 0:
        parts += [Box(0.0, 0.0, width, wall, Part.FRAME), Box(0.0, total - wall, width, wall, Part.FRAME)]
    return parts
