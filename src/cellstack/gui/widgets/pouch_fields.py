"""The stacked pouch's fields in lab units: units, sheets, tabs, housing, terminals and box."""

from __future__ import annotations

from dataclasses import replace

from cellstack.core.cell import Frame, Laminate, StackedPouch, Tab, Terminal
from cellstack.core.errors import InputError
from cellstack.core.material import Role
from cellstack.gui.widgets.cell_defaults import default_pouch, laminate_name, laminates
from cellstack.gui.widgets.design_form import (
    ChoiceField,
    Field,
    FlagField,
    NumberField,
    format_access,
    rectangle_fields,
    whole_or_float,
)
from cellstack.io.project_model import Project

MM, UM, G_CM3, MG = 1e-3, 1e-6, 1e3, 1e-6
SIZE_MM = (0.01, 10_000.0)
POLYMER_FRAME_KG_M3 = 1300.0  # a moulded polymer frame (PEEK is about 1.3 g/cm³): a starting point
CUSTOM, FRAME = "laminate", "frame"


pouch, _with = format_access(StackedPouch)


def _sheet(name: str, label: str) -> list[NumberField]:
    return rectangle_fields(
        name, label, lambda p: getattr(pouch(p), name), lambda p, r: _with(p, **{name: r})
    )


def _tab(name: str, label: str) -> list[Field]:
    key = f"{name}_tab"

    def dimension(side: str) -> NumberField:
        def get(p: Project) -> float:
            tab: Tab | None = getattr(pouch(p), key)
            return float(getattr(tab, f"{side}_m")) if tab is not None else 0.0

        def put(p: Project, value: float) -> Project:
            tab: Tab | None = getattr(pouch(p), key)
            if value == 0.0:
                return _with(p, **{key: None})  # no tab: the foil ends at its coating
            base = tab if tab is not None else Tab(10 * MM, 10 * MM)
            return _with(p, **{key: replace(base, **{f"{side}_m": value})})

        tip = "0: no tab. The tab is the collector foil's uncoated end, as thick as the foil."
        return NumberField(f"{key}_{side}", f"{label} tab {side}", "mm", MM, 0.0, 1000.0, get, put,
                           special="none", tip=tip)  # fmt: skip

    return [dimension("width"), dimension("length")]


def _housing_value(p: Project) -> object:
    housing = pouch(p).housing
    if isinstance(housing, Frame):
        return FRAME
    standard = [key for key, laminate in laminates().items() if laminate == housing]
    return f"laminate:{standard[0]}" if standard else CUSTOM


def _set_housing(p: Project, value: object) -> Project:
    current = pouch(p).housing
    if value == FRAME:
        housing: Laminate | Frame = Frame(POLYMER_FRAME_KG_M3, 3 * MM, 5 * MM)
    elif isinstance(value, str) and value.startswith("laminate:"):
        housing = laminates()[value.split(":", 1)[1]]
    else:  # a laminate of the user's own: starts from the one shown
        housing = current if isinstance(current, Laminate) else default_pouch().housing
    return _with(p, housing=housing)


def _laminate(p: Project) -> bool:
    return isinstance(pouch(p).housing, Laminate)


def _frame(p: Project) -> bool:
    return isinstance(pouch(p).housing, Frame)


def _housing_number(key: str, label: str, unit: str, scale: float, attribute: str, low: float,
                    high: float, frame: bool) -> NumberField:  # fmt: skip
    def get(p: Project) -> float:
        return float(getattr(pouch(p).housing, attribute))

    def put(p: Project, value: float) -> Project:
        return _with(p, housing=replace(pouch(p).housing, **{attribute: value}))  # type: ignore[arg-type]

    return NumberField(key, label, unit, scale, low, high, get, put, visible=_frame if frame else _laminate)


def _terminals(p: Project, count: float, mass_kg: float) -> Project:
    n = whole_or_float(count)
    if not isinstance(n, int) or not 0 <= n <= 2:
        raise InputError("pouch.terminals", count, "0, 1 or 2 terminals")
    return _with(p, terminals=tuple(Terminal(mass_kg, 0.0, f"terminal {i + 1}") for i in range(n)))


def _terminal_mass(p: Project) -> float:
    terminals = pouch(p).terminals
    return terminals[0].mass_kg if terminals else 0.0


def _box(side: str) -> NumberField:
    attribute = f"box_{side}_m"

    def get(p: Project) -> float:
        value: float | None = getattr(pouch(p), attribute)
        return value if value is not None else 0.0

    def put(p: Project, value: float) -> Project:
        return _with(p, **{attribute: value or None})

    tip = "auto: the stack's outline with seals or frame (and housing walls for the thickness)"
    return NumberField(f"box_{side}", f"Box {side}", "mm", MM, 0.0, 10_000.0, get, put, special="auto",
                       tip=tip)  # fmt: skip


def pouch_fields() -> list[Field]:
    housing_options: list[tuple[str, object]] = [
        (laminate_name(key), f"laminate:{key}") for key in laminates()
    ]
    housing_options += [("laminate (own values)", CUSTOM), ("frame", FRAME)]
    return [
        NumberField("units", "Repeat units", "", 1.0, 1, 10_000, lambda p: float(pouch(p).units),
                    lambda p, v: _with(p, units=whole_or_float(v)), whole=True,
                    tip="Electrode pairs (repeat units) in the cell"),
        FlagField("double_sided", "Double-sided electrodes", lambda p: pouch(p).double_sided,
                  lambda p, on: _with(p, double_sided=on),
                  tip="Cathodes and anodes coated on both sides of a shared collector foil"),
        ChoiceField("outer", "Outer electrode", (("anode", Role.ANODE), ("cathode", Role.CATHODE)),
                    lambda p: pouch(p).outer_electrode, lambda p, v: _with(p, outer_electrode=v)),
        FlagField("outer_single", "Outer electrodes single-sided", lambda p: pouch(p).outer_single_sided,
                  lambda p, on: _with(p, outer_single_sided=on), visible=lambda p: pouch(p).double_sided),
        *_sheet("cathode", "Cathode"),
        *_sheet("anode", "Anode"),
        *_sheet("separator", "Separator"),
        *_tab("cathode", "Cathode"),
        *_tab("anode", "Anode"),
        ChoiceField("housing", "Housing", housing_options, _housing_value, _set_housing),
        _housing_number("laminate_thickness", "Laminate thickness", "µm", UM, "thickness_m", 1.0, 5000.0,
                        False),
        _housing_number("laminate_density", "Laminate density", "g/cm³", G_CM3, "density_kg_m3", 0.01, 25.0,
                        False),
        _housing_number("seal_width", "Seal width", "mm", MM, "seal_width_m", 0.0, 1000.0, False),
        _housing_number("frame_density", "Frame density", "g/cm³", G_CM3, "density_kg_m3", 0.01, 25.0, True),
        _housing_number("side_border", "Frame side border", "mm", MM, "side_border_m", 0.0, 1000.0, True),
        _housing_number("end_border", "Frame end border", "mm", MM, "end_border_m", 0.0, 1000.0, True),
        _housing_number("frame_lid_thickness", "Frame lids", "mm", MM, "lid_thickness_m", 0.0, 100.0, True),
        NumberField("terminals", "Terminals", "", 1.0, 0, 2, lambda p: float(len(pouch(p).terminals)),
                    lambda p, v: _terminals(p, v, _terminal_mass(p) or 1e-3), whole=True),
        NumberField("terminal_mass", "Terminal mass, each", "mg", MG, 0.0, 1e8, _terminal_mass,
                    lambda p, v: _terminals(p, len(pouch(p).terminals), v),
                    visible=lambda p: bool(pouch(p).terminals)),
        _box("width"),
        _box("height"),
        _box("thickness"),
        FlagField("tabs_in_box", "Count the tabs in the box", lambda p: pouch(p).tabs_in_box,
                  lambda p, on: _with(p, tabs_in_box=on)),
    ]  # fmt: skip
