"""A cell as a to-scale list of drawing primitives (metres), shared by the app and the report.

``sketch_cell`` gives each format its views: a pouch's top and side views, a coin cell's
cross-section, a chip's top view, a planar stack's footprint. Primitives and their ``Part``
roles are in sketch_primitives.py; renderers choose colours from their own palettes.
"""

from __future__ import annotations

import math

from cellstack.core.cell.cell import Cell
from cellstack.core.cell.chip import ChipLayout, ThinFilmChip
from cellstack.core.cell.coin import CoinCell
from cellstack.core.cell.compute import compute_cell
from cellstack.core.cell.geometry import Rectangle
from cellstack.core.cell.pouch import StackedPouch
from cellstack.core.cell.repeat_unit import Sheet, sheets_by_roles
from cellstack.core.cell.results import CellLevel, CellMetrics
from cellstack.core.cell.sketch_pouch import pouch_views, schematic_heights, sheet_legend, sheet_rows
from cellstack.core.cell.sketch_primitives import (
    LAYER_ROLE,
    Anchor,
    Bounds,
    Box,
    CellSketch,
    Dimension,
    Disc,
    Label,
    Line,
    Part,
    Primitive,
    View,
    ViewKind,
    centred,
    length_text,
    make_view,
    size_text,
)
from cellstack.core.stack import Stack

__all__ = [
    "LAYER_ROLE",
    "Anchor",
    "Bounds",
    "Box",
    "CellSketch",
    "Dimension",
    "Disc",
    "Label",
    "Line",
    "Part",
    "Primitive",
    "View",
    "ViewKind",
    "sheet_thicknesses",
    "sketch_cell",
]

GASKET_GAP_M = 0.8e-3  # [A] radial room between can wall and cap (18.4 mm cap in a 20 mm can)
CAP_SHORTFALL_M = 1.0e-3  # [A] the cap's skirt ends 1.0 mm short of the case's height
SPRING_WAVES = 4
DETAIL_ASPECT = 0.25  # the coin's stack detail: drawn height as a share of its width


def sketch_cell(cell: Cell, metrics: CellMetrics | None = None) -> CellSketch:
    """The views of ``cell``. ``metrics`` (compute_cell's, when the caller has them) saves a compute."""
    fmt = cell.format
    if isinstance(fmt, StackedPouch):
        views = pouch_views(fmt, sheet_thicknesses(cell.unit), _thickness(cell, metrics), cell.fixture)
        return CellSketch(fmt.kind, views)
    if isinstance(fmt, CoinCell):
        thickness = sheet_thicknesses(cell.unit)
        return CellSketch(fmt.kind, (coin_view(fmt, thickness), coin_stack_view(fmt, thickness)))
    if isinstance(fmt, ThinFilmChip):
        return CellSketch(fmt.kind, (chip_view(fmt, _thickness(cell, metrics)),))
    return CellSketch(fmt.kind, (planar_view(cell.unit),))


def _thickness(cell: Cell, metrics: CellMetrics | None) -> float:
    known = metrics if metrics is not None else compute_cell(cell)
    thickness = known.level(CellLevel.CELL).thickness_m
    return thickness if thickness is not None and math.isfinite(thickness) else 0.0


def sheet_thicknesses(stack: Stack) -> dict[Sheet, float]:
    """Each sheet's thickness in one unit (m): the layers on it added up, as built."""
    sheets = sheets_by_roles(tuple(layer.role for layer in stack.layers))
    total = dict.fromkeys(Sheet, 0.0)
    for layer, sheet in zip(stack.layers, sheets, strict=True):
        total[sheet] += layer.thickness_m
    return total


def coin_view(coin: CoinCell, thickness: dict[Sheet, float]) -> View:
    """Cross-section through the axis, to scale: can, cap, gasket, the discs, spacers, spring."""
    case = coin.case
    d, h = case.diameter_m, case.height_m
    wall = (h - case.inner_height_m) / 2
    gap = min(GASKET_GAP_M, d / 8)
    cap_d = d - 2 * gap
    skirt = max(wall, h - CAP_SHORTFALL_M)
    shapes: list[Primitive] = [
        Box(0.0, 0.0, d, wall, Part.CASE),
        Box(0.0, 0.0, wall, h, Part.CASE),
        Box(d - wall, 0.0, wall, h, Part.CASE),
        Box(wall, h - skirt, gap - wall, skirt, Part.GASKET),
        Box(d - gap, h - skirt, gap - wall, skirt, Part.GASKET),
        Box(gap, h - wall, cap_d, wall, Part.CAP),
        Box(gap, h - skirt, wall, skirt, Part.CAP),
        Box(d - gap - wall, h - skirt, wall, skirt, Part.CAP),
    ]
    discs = {
        Sheet.CATHODE_FOIL: (coin.cathode_diameter_m, Part.COLLECTOR),
        Sheet.CATHODE: (coin.cathode_diameter_m, Part.CATHODE),
        Sheet.SEPARATOR: (coin.separator_diameter_m, Part.SEPARATOR),
        Sheet.ANODE: (coin.anode_diameter_m, Part.ANODE),
        Sheet.ANODE_FOIL: (coin.anode_diameter_m, Part.COLLECTOR),
    }
    y = wall
    for sheet, (diameter, part) in discs.items():
        if thickness[sheet] > 0:
            shapes.append(Box(d / 2 - diameter / 2, y, diameter, thickness[sheet], part))
            y += thickness[sheet]
    room = cap_d - 2 * wall  # inside the cap's skirt
    spacer_d = min(room, 2 * math.sqrt(case.spacer.volume_m3 / (math.pi * case.spacer_thickness_m)))
    for _ in range(coin.spacers):
        shapes.append(Box(d / 2 - spacer_d / 2, y, spacer_d, case.spacer_thickness_m, Part.SPACER))
        y += case.spacer_thickness_m
    shapes += _spring(d / 2 - spacer_d / 2, y, spacer_d, h - wall - y)
    legend = [
        (Part.CASE, f"can {length_text(d)} × {length_text(h)}"),
        (Part.CAP, "cap"),
        (Part.GASKET, "gasket"),
        (Part.SPACER, f"spacer × {coin.spacers}, {length_text(case.spacer_thickness_m)} each"),
        (Part.SPRING, "spring"),
        (Part.CATHODE, f"cathode Ø {length_text(coin.cathode_diameter_m)}"),
        (Part.SEPARATOR, f"separator Ø {length_text(coin.separator_diameter_m)}"),
        (Part.ANODE, f"anode Ø {length_text(coin.anode_diameter_m)}"),
        (Part.COLLECTOR, "collectors"),
    ]
    return make_view(
        ViewKind.CROSS_SECTION,
        f"{case.name} coin cell, cross-section",
        shapes,
        Bounds(0.0, 0.0, d, h),
        legend,
    )


def coin_stack_view(coin: CoinCell, thickness: dict[Sheet, float]) -> View:
    """The discs of the cross-section again, widths to scale and thicknesses drawn larger: in a
    3.2 mm case a 100 µm stack is a hairline."""
    rows: list[Sheet | None] = [
        Sheet.CATHODE_FOIL,
        Sheet.CATHODE,
        Sheet.SEPARATOR,
        Sheet.ANODE,
        Sheet.ANODE_FOIL,
    ]
    widths = {
        Sheet.CATHODE_FOIL: coin.cathode_diameter_m,
        Sheet.CATHODE: coin.cathode_diameter_m,
        Sheet.SEPARATOR: coin.separator_diameter_m,
        Sheet.ANODE: coin.anode_diameter_m,
        Sheet.ANODE_FOIL: coin.anode_diameter_m,
    }
    drawn = schematic_heights(thickness)
    width = max(widths.values())
    raw = sum(drawn[s] for s in widths)
    scale = DETAIL_ASPECT * width / raw if raw > 0 else 1.0
    shapes, top = sheet_rows(rows, drawn, widths, width / 2, 0.0, scale, 0.0, "")
    return make_view(
        ViewKind.SIDE,
        "Electrode stack (thickness not to scale)",
        shapes,
        Bounds(0.0, 0.0, width, top),
        sheet_legend(thickness),
        thickness_m=sum(thickness[s] for s in widths),
        to_scale=False,
    )


def _spring(x_m: float, y_m: float, width_m: float, height_m: float) -> list[Primitive]:
    """A wave spring seen edge-on: a zigzag filling the room left above the spacers."""
    if height_m <= 0:
        return []
    steps = 2 * SPRING_WAVES
    xs = [x_m + width_m * i / steps for i in range(steps + 1)]
    ys = [y_m + (height_m if i % 2 else 0.0) for i in range(steps + 1)]
    return [Line(xs[i], ys[i], xs[i + 1], ys[i + 1], Part.SPRING) for i in range(steps)]


def chip_view(chip: ThinFilmChip, height_m: float) -> View:
    """Top view: the die, each cell's electrolyte, anode and cathode, and the lid's outline."""
    die, lid = chip.die, chip.lid
    outer = lid.outline if lid is not None else die.outline
    cx, cy = outer.width_m / 2, outer.height_m / 2
    shapes: list[Primitive] = [centred(cx, cy, die.width_m, die.height_m, Part.DIE)]
    across = chip.cells if chip.layout is ChipLayout.SIDE_BY_SIDE else 1
    slot = die.width_m / across
    x0 = cx - die.width_m / 2
    sheets = sorted(
        ((chip.electrolyte, Part.SEPARATOR), (chip.anode, Part.ANODE), (chip.cathode, Part.CATHODE)),
        key=lambda item: -item[0].area_m2,
    )
    for i in range(across):
        x = x0 + slot * (i + 0.5)
        shapes += [centred(x, cy, rect.width_m, rect.height_m, part) for rect, part in sheets]
    if lid is not None:
        shapes.append(Box(0.0, 0.0, lid.width_m, lid.height_m, Part.LID, filled=False))
    arrangement = (
        f"{chip.cells} cell(s) side by side"
        if chip.layout is ChipLayout.SIDE_BY_SIDE
        else f"{chip.cells} cells stacked"
    )
    legend = [
        (Part.DIE, f"die {size_text(die.width_m, die.height_m)}, {length_text(die.thickness_m)} thick"),
        (Part.SEPARATOR, f"electrolyte {_size(chip.electrolyte)}"),
        (Part.ANODE, f"anode {_size(chip.anode)}"),
        (Part.CATHODE, f"cathode {_size(chip.cathode)}"),
    ]
    if lid is not None:
        legend.append(
            (Part.LID, f"lid {size_text(lid.width_m, lid.height_m)}, {length_text(lid.thickness_m)}")
        )
    legend.append(
        (Part.ANNOTATION, f"{arrangement} in {chip.connection.value}; part {length_text(height_m)} high")
    )
    return make_view(
        ViewKind.TOP,
        "Thin-film chip, top view",
        shapes,
        Bounds(0.0, 0.0, outer.width_m, outer.height_m),
        legend,
    )


def _size(rect: Rectangle) -> str:
    return size_text(rect.width_m, rect.height_m)


def planar_view(stack: Stack) -> View:
    """A planar stack has areas, not outlines: its footprint and active area drawn as squares."""
    side = math.sqrt(stack.footprint_area_m2)
    active = math.sqrt(stack.active_area_m2)
    shapes: list[Primitive] = [
        Box(0.0, 0.0, side, side, Part.FOOTPRINT),
        centred(side / 2, side / 2, active, active, Part.CATHODE),
    ]
    legend = [
        (Part.FOOTPRINT, f"footprint {stack.footprint_area_m2 * 1e4:.4g} cm² (drawn as a square)"),
        (Part.CATHODE, f"active area {stack.active_area_m2 * 1e4:.4g} cm²"),
    ]
    return make_view(
        ViewKind.FOOTPRINT, "Planar stack, footprint", shapes, Bounds(0.0, 0.0, side, side), legend
    )
