"""The drawing primitives of a cell sketch, in metres: what a renderer (app or PDF) paints.

Every primitive carries the ``Part`` it shows, so each renderer picks colours from its own
palette (``LAYER_ROLE`` maps the parts that are layers to the layer roles both palettes share).
Coordinates: x to the right, y up, origin at the lower-left of the cell's outer box. Top views
and the coin's cross-section are to scale; a pouch's side view is to scale in width only (its
sheets are micrometres thick), which its ``View.to_scale`` says.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cellstack.core.material import Role


class Part(StrEnum):
    """What a primitive shows; renderers colour by it."""

    CATHODE = "cathode"
    ANODE = "anode"
    SEPARATOR = "separator"
    COLLECTOR = "collector"
    TAB = "tab"
    LAMINATE = "laminate"
    SEAL = "seal"
    FRAME = "frame"
    DIE = "die"
    LID = "lid"
    CASE = "case"
    CAP = "cap"
    GASKET = "gasket"
    SPACER = "spacer"
    SPRING = "spring"
    FIXTURE_PLATE = "fixture_plate"
    FOOTPRINT = "footprint"  # a planar stack's substrate area
    ANNOTATION = "annotation"  # dimensions and labels


# The parts that are layers of the stack: renderers reuse their layer-role colours.
LAYER_ROLE: dict[Part, Role] = {
    Part.CATHODE: Role.CATHODE,
    Part.ANODE: Role.ANODE,
    Part.SEPARATOR: Role.ELECTROLYTE,
    Part.COLLECTOR: Role.CURRENT_COLLECTOR,
    Part.TAB: Role.CURRENT_COLLECTOR,
    Part.DIE: Role.SUBSTRATE,
    Part.FOOTPRINT: Role.SUBSTRATE,
    Part.LAMINATE: Role.ENCAPSULATION,
    Part.SEAL: Role.ENCAPSULATION,
    Part.LID: Role.ENCAPSULATION,
}


class Anchor(StrEnum):
    """Which point of a label's text box sits at the label's position."""

    CENTRE = "centre"
    NORTH = "north"  # top middle: the text hangs below the point
    SOUTH = "south"
    EAST = "east"  # right middle: the text ends at the point
    WEST = "west"


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle (m). ``filled`` False draws the outline only (a lid seen from above)."""

    x_m: float
    y_m: float
    width_m: float
    height_m: float
    part: Part
    filled: bool = True

    @property
    def right_m(self) -> float:
        return self.x_m + self.width_m

    @property
    def top_m(self) -> float:
        return self.y_m + self.height_m


@dataclass(frozen=True, slots=True)
class Disc:
    """A circle, or an annulus when ``inner_radius_m`` > 0 (m)."""

    centre_x_m: float
    centre_y_m: float
    radius_m: float
    part: Part
    inner_radius_m: float = 0.0


@dataclass(frozen=True, slots=True)
class Line:
    x1_m: float
    y1_m: float
    x2_m: float
    y2_m: float
    part: Part = Part.ANNOTATION


@dataclass(frozen=True, slots=True)
class Label:
    x_m: float
    y_m: float
    text: str
    anchor: Anchor = Anchor.CENTRE
    part: Part = Part.ANNOTATION


@dataclass(frozen=True, slots=True)
class Dimension:
    """A measured distance from (x1, y1) to (x2, y2), its value in ``text``, written on ``side``."""

    x1_m: float
    y1_m: float
    x2_m: float
    y2_m: float
    text: str
    side: Anchor  # where the text sits relative to the line: SOUTH below, EAST right, ...


Primitive = Box | Disc | Line | Label | Dimension


@dataclass(frozen=True, slots=True)
class Bounds:
    x0_m: float
    y0_m: float
    x1_m: float
    y1_m: float

    @property
    def width_m(self) -> float:
        return self.x1_m - self.x0_m

    @property
    def height_m(self) -> float:
        return self.y1_m - self.y0_m

    def holds(self, x_m: float, y_m: float, tolerance_m: float = 1e-12) -> bool:
        return (
            self.x0_m - tolerance_m <= x_m <= self.x1_m + tolerance_m
            and self.y0_m - tolerance_m <= y_m <= self.y1_m + tolerance_m
        )


class ViewKind(StrEnum):
    TOP = "top"
    SIDE = "side"
    CROSS_SECTION = "cross_section"
    FOOTPRINT = "footprint"


@dataclass(frozen=True, slots=True)
class View:
    """One drawing. ``outer`` is the cell's counted box; ``extent`` holds every primitive's geometry
    (tabs outside the box, dimension lines); ``legend`` names each part shown with its size."""

    kind: ViewKind
    title: str
    primitives: tuple[Primitive, ...]
    outer: Bounds
    extent: Bounds
    legend: tuple[tuple[Part, str], ...]
    to_scale: bool = True


@dataclass(frozen=True, slots=True)
class CellSketch:
    format: str
    views: tuple[View, ...]


def centred(cx_m: float, cy_m: float, width_m: float, height_m: float, part: Part) -> Box:
    return Box(cx_m - width_m / 2, cy_m - height_m / 2, width_m, height_m, part)


def length_text(value_m: float) -> str:
    """A length as people write it: µm below 1 mm, else mm, three significant digits."""
    if abs(value_m) < 1e-3:
        return f"{value_m * 1e6:.3g} µm"
    return f"{value_m * 1e3:.3g} mm"


def size_text(width_m: float, height_m: float) -> str:
    return f"{width_m * 1e3:.3g} × {height_m * 1e3:.3g} mm"


def extent_of(primitives: tuple[Primitive, ...]) -> Bounds:
    """The box around every primitive's geometry (labels count by their anchor point)."""
    xs: list[float] = []
    ys: list[float] = []
    for item in primitives:
        if isinstance(item, Box):
            xs += [item.x_m, item.right_m]
            ys += [item.y_m, item.top_m]
        elif isinstance(item, Disc):
            xs += [item.centre_x_m - item.radius_m, item.centre_x_m + item.radius_m]
            ys += [item.centre_y_m - item.radius_m, item.centre_y_m + item.radius_m]
        elif isinstance(item, Label):
            xs.append(item.x_m)
            ys.append(item.y_m)
        else:
            xs += [item.x1_m, item.x2_m]
            ys += [item.y1_m, item.y2_m]
    return Bounds(min(xs), min(ys), max(xs), max(ys))


def dimensions(
    outer: Bounds, drawn: Bounds, gap_m: float, thickness_m: float | None = None
) -> tuple[Dimension, ...]:
    """The outer box's width below everything drawn, its height (or the real thickness, for a side
    view) right of it: measured on the box, clear of parts outside it (plates, flanges)."""
    below = min(outer.y0_m, drawn.y0_m) - gap_m
    right = max(outer.x1_m, drawn.x1_m) + gap_m
    width = Dimension(outer.x0_m, below, outer.x1_m, below, length_text(outer.width_m), Anchor.SOUTH)
    value = outer.height_m if thickness_m is None else thickness_m
    height = Dimension(right, outer.y0_m, right, outer.y1_m, length_text(value), Anchor.EAST)
    return width, height


def make_view(
    kind: ViewKind,
    title: str,
    shapes: list[Primitive],
    outer: Bounds,
    legend: list[tuple[Part, str]],
    *,
    thickness_m: float | None = None,
    to_scale: bool = True,
) -> View:
    gap = 0.06 * max(outer.width_m, outer.height_m)
    primitives = (*shapes, *dimensions(outer, extent_of(tuple(shapes)), gap, thickness_m))
    return View(kind, title, primitives, outer, extent_of(primitives), tuple(legend), to_scale)
