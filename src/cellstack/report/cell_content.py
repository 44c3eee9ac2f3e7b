"""The cell page: the drawing, the levels, the breakdown per component and what the format assumes.

Pure content: strings and figure data from compute_cell's CellMetrics. Every number names its
level, as the rest of the report does.
"""

from __future__ import annotations

from dataclasses import replace

from cellstack.core import units as u
from cellstack.core.cell import (
    CellFormat,
    CellLevel,
    CellMetrics,
    CoinCell,
    Frame,
    Planar,
    StackedPouch,
    ThinFilmChip,
)
from cellstack.core.cell.sketch import Part, sketch_cell
from cellstack.report.cell_notes import assumptions, component_sources
from cellstack.report.citations import Citations, json_number, number
from cellstack.report.elements import Bar, BarFigure, Block, CellDrawing, FigureRow, Paragraph, Section, Table
from cellstack.report.inputs import ReportInputs
from cellstack.report.style import MUTED, PART_COLOURS, ROLE_COLOURS

CELL_LEVEL_NAMES = {
    CellLevel.ELECTRODE_PAIR: "electrode pair",
    CellLevel.REPEAT_UNIT: "repeat unit",
    CellLevel.CELL: "cell",
    CellLevel.CELL_WITH_FIXTURE: "cell with fixture",
}
CELL_LEVEL_SCOPES = {
    CellLevel.ELECTRODE_PAIR: "electrodes, electrolytes, buffers of every unit over the capacity area",
    CellLevel.REPEAT_UNIT: "+ collectors as the cell shares them; capacity area",
    CellLevel.CELL: "everything inside and including the package; the outer box",
    CellLevel.CELL_WITH_FIXTURE: "+ end plates, bolts and springs; the box around them",
}
# A planar cell's levels are the stack's own (page 1 names them electrode pair, cell stack, full stack).
PLANAR_SCOPES = {
    CellLevel.ELECTRODE_PAIR: "electrodes, electrolytes, buffers; active area",
    CellLevel.REPEAT_UNIT: "+ current collectors (the cell stack); active area",
    CellLevel.CELL: "every layer incl. substrate and packaging, extra mass and any fill; footprint",
    CellLevel.CELL_WITH_FIXTURE: "+ end plates, bolts and springs; the box around them",
}
FORMAT_NAMES = {
    Planar.kind: "planar stack",
    StackedPouch.kind: "stacked pouch cell",
    CoinCell.kind: "coin cell",
    ThinFilmChip.kind: "thin-film chip",
}
# Housing parts by the breakdown's component names, for their bar colours.
_PART_BY_NAME = {
    "laminate": Part.LAMINATE,
    "frame": Part.FRAME,
    "case": Part.CASE,
    "cap": Part.CAP,
    "gasket": Part.GASKET,
    "spring": Part.SPRING,
    "spacer": Part.SPACER,
    "substrate die": Part.DIE,
    "lid": Part.LID,
}


def format_title(cell: CellMetrics, fmt: CellFormat) -> str:
    name = FORMAT_NAMES.get(cell.format, cell.format)
    if isinstance(fmt, StackedPouch) and isinstance(fmt.housing, Frame):
        name = "stacked frame cell"
    if cell.format == Planar.kind:
        return name
    return f"{name}, {cell.units} repeat unit{'s' if cell.units != 1 else ''}"


def charge_value(charge_C: float | None) -> tuple[str, str]:
    """Value and unit: mAh below 1 Ah, else Ah; json-style digits."""
    mah = charge_C / u.MAH if charge_C is not None else None
    if mah is not None and mah >= 1e3:
        return json_number(mah / 1e3), "Ah"
    return json_number(mah), "mAh"


def energy_value(energy_J: float | None) -> tuple[str, str]:
    mwh = energy_J / u.MWH if energy_J is not None else None
    if mwh is not None and mwh >= 1e3:
        return json_number(mwh / 1e3), "Wh"
    return json_number(mwh), "mWh"


def charge_text(charge_C: float | None) -> str:
    return " ".join(charge_value(charge_C)) if charge_C is not None else "n/a"


def energy_text(energy_J: float | None) -> str:
    return " ".join(energy_value(energy_J)) if energy_J is not None else "n/a"


def _per(value: float | None, unit: float) -> str:
    return json_number(value / unit if value is not None else None)


def _thickness(metres: float | None) -> str:
    return json_number(metres / u.MM if metres is not None else None)


def cell_levels_table(cell: CellMetrics) -> Table:
    note = f"Every level holds the same energy, {energy_text(cell.energy_J)}."
    if cell.format != Planar.kind:
        note += " The electrode-pair and repeat-unit thicknesses are all units' together, without housing."
    scopes = PLANAR_SCOPES if cell.format == Planar.kind else CELL_LEVEL_SCOPES
    at_cell = cell.level(CellLevel.CELL)
    (m_unit, m_scale), (v_unit, v_scale) = mass_unit(at_cell.mass_kg), volume_unit(at_cell.volume_m3)
    rows = tuple(
        (
            CELL_LEVEL_NAMES[level.level],
            scopes[level.level],
            _per(level.specific_energy_J_kg, u.WH_PER_KG),
            _per(level.energy_density_J_m3, u.WH_PER_L),
            json_number(level.mass_kg * m_scale),
            json_number(level.volume_m3 * v_scale),
            _thickness(level.thickness_m),
        )
        for level in cell.levels
    )
    return Table(
        headers=(
            "Level",
            "Counts",
            "Wh/kg",
            "Wh/L",
            f"Mass ({m_unit})",
            f"Volume ({v_unit})",
            "Thickness (mm)",
        ),
        rows=rows,
        weights=(0.95, 2.6, 0.75, 0.75, 0.85, 0.95, 0.95),
        numeric=(False, False, True, True, True, True, True),
        note=note,
    )


def _colour(name: str, roles: dict[str, str]) -> str:
    if name in roles:
        return roles[name]
    part = _PART_BY_NAME.get(name.split(" x", maxsplit=1)[0])
    return PART_COLOURS[part] if part is not None else MUTED


def mass_unit(kilograms: float) -> tuple[str, float]:
    """g for a cell of a gram or more, else mg: the numbers then read without long exponents."""
    return ("g", 1e3) if kilograms >= 1e-3 else ("mg", 1e6)


def volume_unit(cubic_metres: float) -> tuple[str, float]:
    return ("cm³", 1e6) if cubic_metres >= 1e-6 else ("mm³", 1e9)


def breakdown_figures(cell: CellMetrics) -> FigureRow:
    """Mass and volume of each component at the cell level, largest first."""
    roles = {row.name: ROLE_COLOURS[row.role] for row in cell.repeat_unit.layers}
    parts = sorted(cell.breakdown, key=lambda c: -(c.mass_kg or 0.0))
    total_mass = sum(c.mass_kg or 0.0 for c in parts)
    total_volume = sum(c.volume_m3 or 0.0 for c in parts)
    (m_unit, m_scale), (v_unit, v_scale) = mass_unit(total_mass), volume_unit(total_volume)
    mass_bars, volume_bars = [], []
    for component in parts:
        colour = _colour(component.name, roles)
        if component.mass_kg is None:
            mass_bars.append(Bar(component.name, 0.0, colour, "unknown"))
        else:
            mass = component.mass_kg * m_scale
            share = 100 * component.mass_kg / total_mass if total_mass > 0 else 0.0
            mass_bars.append(Bar(component.name, mass, colour, f"{number(mass, 3)} ({share:.1f} %)"))
        if component.volume_m3 is None:
            volume_bars.append(Bar(component.name, 0.0, colour, "mass only"))
        else:
            volume = component.volume_m3 * v_scale
            share = 100 * component.volume_m3 / total_volume if total_volume > 0 else 0.0
            volume_bars.append(Bar(component.name, volume, colour, f"{number(volume, 3)} ({share:.1f} %)"))
    return FigureRow(
        (
            BarFigure("Mass per component, cell level", f"Mass ({m_unit})", tuple(mass_bars)),
            BarFigure(
                "Volume of material per component, cell level", f"Volume ({v_unit})", tuple(volume_bars)
            ),
        )
    )


def breakdown_table(cell: CellMetrics, sources: dict[str, str]) -> Table:
    total_mass = sum(c.mass_kg or 0.0 for c in cell.breakdown)
    total_volume = sum(c.volume_m3 or 0.0 for c in cell.breakdown)
    (m_unit, m_scale), (v_unit, v_scale) = mass_unit(total_mass), volume_unit(total_volume)
    rows = []
    for c in cell.breakdown:
        mass_share = f"{100 * c.mass_kg / total_mass:.1f}" if c.mass_kg is not None and total_mass > 0 else ""
        volume_share = (
            f"{100 * c.volume_m3 / total_volume:.1f}" if c.volume_m3 is not None and total_volume > 0 else ""
        )
        row = (
            c.name,
            json_number(c.mass_kg * m_scale) if c.mass_kg is not None else "unknown",
            mass_share,
            json_number(c.volume_m3 * v_scale) if c.volume_m3 is not None else "mass only",
            volume_share,
        )
        rows.append((*row, sources.get(c.name, "")) if sources else row)
    box = cell.level(CellLevel.CELL).volume_m3
    headers = (
        "Component (cell level)",
        f"Mass ({m_unit})",
        "of mass (%)",
        f"Volume ({v_unit})",
        "of volume (%)",
    )
    note = (
        f"Sum of the components: {json_number(total_mass * m_scale)} {m_unit}, the cell level's mass. "
        f"Volumes are each part's material; the cell's volume is its outer box, "
        f"{json_number(box * v_scale)} {v_unit}, which also holds the gaps."
    )
    if sources:
        return Table(
            headers=(*headers, "Source"),
            rows=tuple(rows),
            weights=(2.4, 1.0, 0.8, 1.0, 0.85, 1.2),
            numeric=(False, True, True, True, True, False),
            note=note + " [A]: an assumption, no published value behind it.",
        )
    return Table(
        headers=headers,
        rows=tuple(rows),
        weights=(2.6, 1.0, 0.8, 1.0, 0.85),
        numeric=(False, True, True, True, True),
        note=note,
    )


def cell_key_rows(cell: CellMetrics) -> tuple[tuple[str, str, str, str], ...]:
    """The cell's headline numbers for page 1, each with its level."""
    at_cell = cell.level(CellLevel.CELL)
    scope = f"cell ({cell.units} unit{'s' if cell.units != 1 else ''})"
    rows = [
        ("Cell capacity", *charge_value(cell.capacity_C), scope),
        ("Cell energy", *energy_value(cell.energy_J), scope),
        ("Cell specific energy", _per(at_cell.specific_energy_J_kg, u.WH_PER_KG), "Wh/kg", "cell"),
        ("Cell energy density", _per(at_cell.energy_density_J_m3, u.WH_PER_L), "Wh/L", "cell"),
    ]
    if cell.has_level(CellLevel.CELL_WITH_FIXTURE):
        fixed = cell.level(CellLevel.CELL_WITH_FIXTURE)
        rows.append(
            ("Specific energy", _per(fixed.specific_energy_J_kg, u.WH_PER_KG), "Wh/kg", "cell with fixture")
        )
    return tuple(rows)


def cell_summary(cell: CellMetrics, fmt: CellFormat) -> str:
    voltage = f"{json_number(cell.voltage_V)} V" if cell.voltage_V is not None else "n/a"
    text = (
        f"A {format_title(cell, fmt)}: capacity {charge_text(cell.capacity_C)}, energy "
        f"{energy_text(cell.energy_J)}, average voltage {voltage} (the cell's, at every level)."
    )
    if not cell.valid:
        text += " The repeat unit is not valid (see the warnings on page 1): no capacity or energy."
    return text


def cell_section(inputs: ReportInputs, citations: Citations) -> Section | None:
    """The cell page, or None for a plain planar stack (page 1 already shows all of it)."""
    project = inputs.project
    planar = isinstance(project.cell_format, Planar)
    cell = inputs.cell
    if cell is None:
        return Section(
            "Cell",
            (
                Paragraph(
                    f"The cell cannot be built: {inputs.cell_problem} "
                    "What follows is its stack's, one repeat unit at the stack's own area."
                ),
            ),
            new_page=not planar,
        )
    if planar and project.fixture is None and project.fill is None:
        return None
    fmt = project.cell_format
    notes = "\n".join(f"• {note}" for note in assumptions(cell, project))
    assumed = Paragraph(f"What these numbers assume:\n{notes}", small=True)
    if planar:  # a fixture or a fill around today's stack: its levels; the layers follow later
        blocks: list[Block] = [Paragraph(cell_summary(cell, fmt)), cell_levels_table(cell), assumed]
        return Section("Cell around the stack", tuple(blocks))
    drawn = replace(project.cell(), unit=inputs.stack)
    blocks = [
        Paragraph(cell_summary(cell, fmt)),
        CellDrawing(sketch_cell(drawn, cell).views),
        cell_levels_table(cell),
        assumed,
        breakdown_figures(cell),
        breakdown_table(cell, component_sources(cell, project, citations)),
    ]
    return Section(f"Cell: {format_title(cell, fmt)}", tuple(blocks), new_page=True)
