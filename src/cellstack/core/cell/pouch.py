"""The stacked pouch (or flex-frame) cell: N electrode pairs with overhangs, tabs and a housing.

Drawing and equations: docs/cells.md. Sheets are centred on each other; every foil extends
exactly under its coating and carries one uncoated tab on the top edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import ClassVar

from cellstack.core.cell.assembly import (
    Assembly,
    Placement,
    layer_sums,
    require_stack_fits,
    stack_thickness_m,
    stacked_counts,
)
from cellstack.core.cell.geometry import (
    MAX_SIZE_M,
    Rectangle,
    overlap_m2,
    require_count,
    require_density,
    require_inside,
    require_length,
)
from cellstack.core.cell.parts import Terminal
from cellstack.core.cell.repeat_unit import RepeatUnit, Sheet
from cellstack.core.cell.results import Component
from cellstack.core.errors import InputError
from cellstack.core.material import Role
from cellstack.core.validation import require_range

MAX_UNITS = 10_000


@dataclass(frozen=True, slots=True)
class Tab:
    """The uncoated end of a collector foil, beyond its electrode (m). Same foil, same thickness."""

    width_m: float
    length_m: float

    def __post_init__(self) -> None:
        require_length("tab.width", self.width_m)
        require_length("tab.length", self.length_m)

    @property
    def area_m2(self) -> float:
        return self.width_m * self.length_m


@dataclass(frozen=True, slots=True)
class Laminate:
    """A pouch of laminate foil (e.g. PET/Al/PP) deep-drawn around the stack and sealed at its edge."""

    thickness_m: float
    density_kg_m3: float
    seal_width_m: float

    def __post_init__(self) -> None:
        require_length("laminate.thickness", self.thickness_m)
        require_density("laminate.density", self.density_kg_m3)
        require_length("laminate.seal_width", self.seal_width_m, allow_zero=True)

    def area_m2(self, outline: Rectangle, stack_m: float) -> float:
        """Two faces, the four walls over the stack's height and the seal flange (two plies)."""
        w, h, s = outline.width_m, outline.height_m, self.seal_width_m
        flange = (w + 2 * s) * (h + 2 * s) - w * h
        return 2 * w * h + 2 * (w + h) * stack_m + 2 * flange


@dataclass(frozen=True, slots=True)
class Frame:
    """A rigid frame around the stack's outline with optional lids of the same material (m, kg/m³)."""

    density_kg_m3: float
    side_border_m: float  # frame width left and right of the stack
    end_border_m: float  # frame width above and below the stack (the tab edges)
    lid_thickness_m: float = 0.0

    def __post_init__(self) -> None:
        require_density("frame.density", self.density_kg_m3)
        require_length("frame.side_border", self.side_border_m, allow_zero=True)
        require_length("frame.end_border", self.end_border_m, allow_zero=True)
        require_length("frame.lid_thickness", self.lid_thickness_m, allow_zero=True)

    def outer(self, outline: Rectangle) -> Rectangle:
        return Rectangle(outline.width_m + 2 * self.side_border_m, outline.height_m + 2 * self.end_border_m)


@dataclass(frozen=True, slots=True)
class StackedPouch:
    """A stack of ``units`` electrode pairs in a laminate pouch or a frame.

    ``double_sided``: cathodes and anodes are coated on both sides of a shared foil (N + 1 foils
    for N units); else each unit keeps its own two foils. ``outer_electrode`` is the electrode on
    both outsides when N is even. ``outer_single_sided`` False coats the outer foils on their
    outside as well (inactive coating). Box sides left None follow from the outline and housing.
    """

    kind: ClassVar[str] = "stacked_pouch"

    units: int
    cathode: Rectangle
    anode: Rectangle
    separator: Rectangle
    housing: Laminate | Frame
    cathode_tab: Tab | None = None
    anode_tab: Tab | None = None
    terminals: tuple[Terminal, ...] = ()
    double_sided: bool = True
    outer_electrode: Role = Role.ANODE
    outer_single_sided: bool = True
    box_width_m: float | None = None
    box_height_m: float | None = None
    box_thickness_m: float | None = None
    tabs_in_box: bool = False  # count the tabs' length in the computed box height
    # Worked out once when the format is made: a stack edit recomputes the cell, not these.
    _outline: Rectangle = field(init=False, repr=False, compare=False)
    _placement: Placement = field(init=False, repr=False, compare=False)
    _face: tuple[float, float] = field(init=False, repr=False, compare=False)  # box width, height
    _fixed: tuple[Component, ...] = field(init=False, repr=False, compare=False)  # terminals
    _wall: float = field(init=False, repr=False, compare=False)  # wall_m
    # A frame's area around the outline and its lids' volume (m², m³); zeros for a laminate.
    _frame: tuple[float, float] = field(init=False, repr=False, compare=False)
    _notes: tuple[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)  # see _make_notes

    def __post_init__(self) -> None:
        require_count("pouch.units", self.units, 1, MAX_UNITS)
        if self.outer_electrode not in (Role.CATHODE, Role.ANODE):
            raise InputError("pouch.outer_electrode", self.outer_electrode.value, "cathode or anode")
        require_inside("pouch.cathode", self.cathode, self.separator, "separator")
        require_inside("pouch.anode", self.anode, self.separator, "separator")
        for name, tab, electrode in (
            ("pouch.cathode_tab.width", self.cathode_tab, self.cathode),
            ("pouch.anode_tab.width", self.anode_tab, self.anode),
        ):
            if tab is not None and tab.width_m > electrode.width_m * (1 + 1e-12):
                raise InputError(name, tab.width_m, f"at most its foil's width ({electrode.width_m:g} m)")
        for name, value in (
            ("pouch.box_width", self.box_width_m),
            ("pouch.box_height", self.box_height_m),
            ("pouch.box_thickness", self.box_thickness_m),
        ):
            if value is not None:
                require_range(name, value, 0.0, MAX_SIZE_M, "m")
        sheets = (self.cathode, self.anode, self.separator)
        outline = Rectangle(max(s.width_m for s in sheets), max(s.height_m for s in sheets))
        object.__setattr__(self, "_outline", outline)
        object.__setattr__(self, "_placement", self._make_placement())
        object.__setattr__(self, "_face", self._make_face(outline))
        object.__setattr__(
            self, "_fixed", tuple(Component(t.name, t.mass_kg, t.volume_m3) for t in self.terminals)
        )
        housing = self.housing
        if isinstance(housing, Laminate):
            wall, frame = housing.thickness_m, (0.0, 0.0)
        else:
            outer = housing.outer(outline)
            wall = housing.lid_thickness_m
            frame = (outer.area_m2 - outline.area_m2, 2 * outer.area_m2 * housing.lid_thickness_m)
        object.__setattr__(self, "_wall", wall)
        object.__setattr__(self, "_frame", frame)
        object.__setattr__(self, "_notes", self._make_notes(isinstance(housing, Laminate)))
        if self.box_width_m is not None and self.box_width_m < outline.width_m * (1 - 1e-12):
            raise InputError(
                "pouch.box_width", self.box_width_m, f"at least the stack ({outline.width_m:g} m)"
            )
        if self.box_height_m is not None and self.box_height_m < outline.height_m * (1 - 1e-12):
            raise InputError(
                "pouch.box_height", self.box_height_m, f"at least the stack ({outline.height_m:g} m)"
            )

    @property
    def outline(self) -> Rectangle:
        """The stack's outline: the largest sheet in each direction."""
        return self._outline

    def placement(self) -> Placement:
        return self._placement

    def _make_placement(self) -> Placement:
        counts = stacked_counts(
            self.units,
            shared_foils=self.double_sided,
            outer=self.outer_electrode,
            dead_outer_coatings=self.double_sided and not self.outer_single_sided,
        )
        tab_c = self.cathode_tab.area_m2 if self.cathode_tab else 0.0
        tab_a = self.anode_tab.area_m2 if self.anode_tab else 0.0
        areas = {
            Sheet.CATHODE: self.cathode.area_m2,
            Sheet.SEPARATOR: self.separator.area_m2,
            Sheet.ANODE: self.anode.area_m2,
            Sheet.CATHODE_FOIL: self.cathode.area_m2 + tab_c,
            Sheet.ANODE_FOIL: self.anode.area_m2 + tab_a,
        }
        return Placement(
            units=self.units,
            capacity_area_m2=overlap_m2(self.cathode, self.anode),
            area_m2=areas,
            count=counts,
            foil_share=0.5 if self.double_sided else 1.0,
        )

    def stack_thickness_m(self, unit: RepeatUnit) -> float:
        return stack_thickness_m(unit, self.placement())

    def _make_face(self, outline: Rectangle) -> tuple[float, float]:
        """The box's width and height: the user's, else the outline with seals or frame (and tabs)."""
        housing = self.housing
        if isinstance(housing, Laminate):
            outer_w = outline.width_m + 2 * housing.seal_width_m
            outer_h = outline.height_m + 2 * housing.seal_width_m
        else:
            outer_w = outline.width_m + 2 * housing.side_border_m
            outer_h = outline.height_m + 2 * housing.end_border_m
        if self.tabs_in_box:
            outer_h += max(
                (t.length_m for t in (self.cathode_tab, self.anode_tab) if t is not None), default=0.0
            )
        width = self.box_width_m if self.box_width_m is not None else outer_w
        height = self.box_height_m if self.box_height_m is not None else outer_h
        return width, height

    @property
    def wall_m(self) -> float:
        """What the housing adds to the stack's thickness on each face."""
        return self._wall

    def _make_notes(self, laminate: bool) -> tuple[str, tuple[str, ...]]:
        """What the housing is called in the notes, and the note on a cathode beyond its anode."""
        overhang: tuple[str, ...] = ()
        if self.cathode.width_m > self.anode.width_m or self.cathode.height_m > self.anode.height_m:
            overhang = ("The cathode extends beyond the anode: only the overlap delivers capacity.",)
        return ("pouch" if laminate else "frame"), overhang

    def _housing_part(self, stack_m: float) -> Component:
        housing = self.housing
        if isinstance(housing, Laminate):
            volume = housing.area_m2(self._outline, stack_m) * housing.thickness_m
            return Component("laminate", volume * housing.density_kg_m3, volume)
        ring_m2, lids_m3 = self._frame
        volume = ring_m2 * stack_m + lids_m3
        return Component("frame", volume * housing.density_kg_m3, volume)

    def assemble(self, unit: RepeatUnit) -> Assembly:
        placement = self._placement
        mass, known, stack_m = layer_sums(unit, placement)
        needed_m = stack_m + 2 * self._wall
        box_m = self.box_thickness_m
        if box_m is not None:
            require_stack_fits("pouch.box_thickness", needed_m, box_m)
        thickness = box_m if box_m is not None else needed_m
        width, height = self._face
        word, overhang = self._notes
        return Assembly(
            placement,
            unit,
            mass,
            known,
            (self._housing_part(stack_m), *self._fixed),
            width * height * thickness,
            thickness,
            width,
            height,
            word,
            overhang,
        )

    def units_to_fill(self, unit: RepeatUnit, box_thickness_m: float) -> int:
        """The most units whose stack and housing fit in ``box_thickness_m`` (0 if none fits)."""
        require_range("box_thickness", box_thickness_m, 0.0, MAX_SIZE_M, "m")
        room = box_thickness_m - 2 * self._wall
        per_unit = stack_thickness_m(unit, replace(self, units=2).placement()) / 2.0
        guess = max(1, min(MAX_UNITS, math.floor(room / per_unit) + 2)) if per_unit > 0 else MAX_UNITS
        # The foils' parity makes the thickness not quite linear in N: step down from a guess above.
        for n in range(guess, 0, -1):
            if stack_thickness_m(unit, replace(self, units=n).placement()) <= room * (1 + 1e-12):
                return n
        return 0
