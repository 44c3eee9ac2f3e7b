"""Everything a comparison PDF prints: the designs, one metric table with differences against the
first design, overlaid curves, the cross-sections and the sources.

Pure: no Qt and no files. A design's numbers are those `cellstack compute --json` prints for its
file (metrics_to_json, with the cell's object), so the comparison and each design's own report agree.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cellstack import __version__
from cellstack.core.cell import Planar
from cellstack.io.library import Library
from cellstack.io.metrics_export import metrics_to_json, with_cell
from cellstack.report.cell_content import FORMAT_NAMES
from cellstack.report.citations import Citations, json_number, number
from cellstack.report.comparison_figures import (
    ComparedDesign,
    discharge_overlay,
    ragone_overlay,
    rate_overlay,
)
from cellstack.report.content import cross_section
from cellstack.report.elements import Citation, CrossSection, FigureRow, Table
from cellstack.report.inputs import temperature_text
from cellstack.report.layer_table import layer_table

COLOUR_NAMES = ("blue", "orange", "green", "pink", "yellow", "sky blue", "grey", "light yellow")
OTHERS_PER_TABLE = 3  # value and difference columns of more designs do not fit across a page
SAME = 1e-12  # a relative difference below this is printed as "="

# (quantity, `compute --json` key, unit, level): the names, units and levels of the single report.
CELL_ROWS = (
    ("Cell energy", "cell.energy_Wh", "Wh", "cell"),
    ("Cell capacity", "cell.capacity_Ah", "Ah", "cell"),
    ("Cell specific energy", "cell.levels.cell.specific_energy_Wh_kg", "Wh/kg", "cell"),
    ("Cell energy density", "cell.levels.cell.energy_density_Wh_L", "Wh/L", "cell"),
    ("Cell mass", "cell.levels.cell.mass_g", "g", "cell"),
    ("Repeat units", "cell.units", "", "cell"),
)
STACK_ROWS = (
    ("Capacity", "capacity_mAh", "mAh", "stack"),
    ("Areal capacity", "areal_capacity_mAh_cm2", "mAh/cm²", "stack"),
    ("Cathode areal capacity", "cathode_areal_capacity_mAh_cm2", "mAh/cm²", "cathode"),
    ("Anode areal capacity", "anode_areal_capacity_mAh_cm2", "mAh/cm²", "anode"),
    ("N/P ratio", "np_ratio", "", "electrodes"),
    ("Average voltage", "average_voltage_V", "V", "stack"),
    ("Energy", "energy_mWh", "mWh", "stack"),
    ("Specific energy", "levels.full_stack.specific_energy_Wh_kg", "Wh/kg", "full stack"),
    ("Energy density", "levels.full_stack.energy_density_Wh_L", "Wh/L", "full stack"),
    ("Specific energy", "levels.cell_stack.specific_energy_Wh_kg", "Wh/kg", "cell stack"),
    ("Specific energy", "levels.electrode_pair.specific_energy_Wh_kg", "Wh/kg", "electrode pair"),
    ("Mass", "levels.full_stack.mass_g", "g", "full stack"),
    ("Thickness", "levels.full_stack.thickness_um", "µm", "full stack"),
    ("ASR total", "asr_ohm_cm2", "Ω·cm²", "cell, at its temperature"),
    ("Max power, V²/(4·ASR)", "max_power_mW", "mW", "cell; an upper bound"),
    ("Specific power (max)", "specific_power_W_kg", "W/kg", "full stack"),
    ("Active area", "area_cm2", "cm²", ""),
    ("Footprint area", "footprint_area_cm2", "cm²", ""),
    ("Temperature", "temperature_C", "°C", ""),
)
Number = float | None


@dataclass(frozen=True)
class ComparisonContent:
    title: str
    subtitle: str
    designs: Table  # the designs named, with their files and colours
    metrics: tuple[Table, ...]  # one table per group of OTHERS_PER_TABLE designs after the first
    discharge: tuple[FigureRow, ...]
    rate_and_ragone: FigureRow
    cross_sections: tuple[tuple[str, CrossSection], ...]
    sources: tuple[tuple[str, Table], ...]  # each design's layers and the sources of their properties
    references: tuple[Citation, ...]
    metadata: dict[str, str] = field(default_factory=dict)


def value_at(data: Mapping[str, Any], key: str) -> Number:
    """The number at a dotted key; None where the design has none."""
    node: Any = data
    for part in key.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return float(node) if isinstance(node, int | float) and not isinstance(node, bool) else None


def difference_text(base: Number, other: Number) -> str:
    """``other`` minus ``base`` with its percentage; "=" when equal, "" when either is missing."""
    if base is None or other is None or not (math.isfinite(base) and math.isfinite(other)):
        return ""
    diff = other - base
    if abs(diff) <= SAME * max(abs(base), 1e-300):
        return "="
    percent = f" ({diff / base:+.1%})" if base != 0 else ""
    return f"{'+' if diff > 0 else ''}{number(diff)}{percent}"


def design_data(design: ComparedDesign, library: Library) -> dict[str, Any]:
    """`compute --json` of the design, with its cell's object when it has a cell."""
    inputs = design.inputs
    data = metrics_to_json(inputs.metrics, library)
    return with_cell(data, inputs.cell) if inputs.cell is not None else data


def _rows(
    designs: Sequence[ComparedDesign], datas: Sequence[Mapping[str, Any]], rates: Sequence[float]
) -> list[tuple[tuple[str, str, str], list[Number]]]:
    cells = any(
        d.inputs.cell is not None and not isinstance(d.inputs.project.cell_format, Planar) for d in designs
    )
    spec = (*CELL_ROWS, *STACK_ROWS) if cells else STACK_ROWS
    rows = [((q, unit, level), [value_at(data, key) for data in datas]) for q, key, unit, level in spec]
    for rate in rates:
        values: list[Number] = []
        for design in designs:
            found = [c for c in design.inputs.discharge.curves if c.c_rate == rate]
            values.append(100.0 * found[0].utilisation if found else None)
        rows.append(((f"Delivered at {rate:g}C", "% of rated", "stack"), values))
    return rows


def metric_tables(
    designs: Sequence[ComparedDesign], datas: Sequence[Mapping[str, Any]], rates: Sequence[float]
) -> tuple[Table, ...]:
    """The first design's values, then each other design's value and its difference."""
    rows = _rows(designs, datas, rates)
    first = designs[0].name
    tables = []
    for start in range(1, len(designs), OTHERS_PER_TABLE):
        group = range(start, min(start + OTHERS_PER_TABLE, len(designs)))
        headers = ["Quantity", "Unit", "Level", first]
        for i in group:
            headers += [designs[i].name, f"Δ {designs[i].name}"]
        body = []
        for (quantity, unit, level), values in rows:
            cells = [quantity, unit, level, json_number(values[0])]
            for i in group:
                cells += [json_number(values[i]), difference_text(values[0], values[i])]
            body.append(tuple(cells))
        n = len(group)
        tables.append(
            Table(
                headers=tuple(headers),
                rows=tuple(body),
                weights=(1.6, 0.75, 1.15, 0.95, *((0.95, 1.3) * n)),
                numeric=(False, False, False, True, *((True, True) * n)),
                note=f"Δ: the design's value minus {first}'s, and that as a percentage of {first}'s. "
                "Values as `cellstack compute --json` prints them; n/a: the design has no such value. "
                "Levels: electrode pair (electrodes, electrolytes, buffers), cell stack (+ current "
                "collectors), full stack (every layer, footprint, extra mass); stack: the stack at its "
                "own area (one repeat unit of a cell).",
            )
        )
    return tuple(tables)


def designs_table(designs: Sequence[ComparedDesign], sources: Sequence[str]) -> Table:
    rows = []
    for i, (design, source) in enumerate(zip(designs, sources, strict=True)):
        inputs = design.inputs
        fmt = inputs.project.cell_format
        rows.append(
            (
                str(i + 1),
                design.name,
                source,
                f"{inputs.stack.kind.value} stack",
                FORMAT_NAMES.get(fmt.kind, fmt.kind),
                temperature_text(inputs.stack.temperature_K),
                COLOUR_NAMES[i % len(COLOUR_NAMES)],
            )
        )
    return Table(
        headers=("#", "Design", "File", "Stack", "Cell", "Temperature", "Colour"),
        rows=tuple(rows),
        weights=(0.3, 1.8, 2.0, 0.9, 1.0, 0.9, 0.8),
        numeric=(True, False, False, False, False, False, False),
        note="Each design keeps its colour in every plot.",
    )


def build_comparison(
    designs: Sequence[ComparedDesign],
    library: Library,
    rates: Sequence[float],
    sources: Sequence[str],
    date: datetime.date | None = None,
) -> ComparisonContent:
    """The comparison of ``designs`` (the first is the base of the differences) at the C-rates
    ``rates``, which every design's discharge was run at; ``sources`` are their file names."""
    if len(designs) < 2:
        raise ValueError("a comparison needs two or more designs")
    datas = [design_data(d, library) for d in designs]
    names = ", ".join(d.name for d in designs)
    when = (date or datetime.date.today()).isoformat()
    curves = [discharge_overlay(designs, rate) for rate in rates]
    citations = Citations(library)
    sections = tuple((d.name, cross_section(d.inputs.stack, d.inputs.metrics)) for d in designs)
    layer_tables = tuple((d.name, layer_table(d.inputs.stack, d.inputs.metrics, citations)) for d in designs)
    title = f"Comparison of {len(designs)} designs"
    return ComparisonContent(
        title=title,
        subtitle=f"CellStack {__version__} · {when} · {names} · differences against {designs[0].name}",
        designs=designs_table(designs, sources),
        metrics=metric_tables(designs, datas, rates),
        discharge=tuple(FigureRow(tuple(curves[i : i + 2])) for i in range(0, len(curves), 2)),
        rate_and_ragone=FigureRow((rate_overlay(designs), ragone_overlay(designs))),
        cross_sections=sections,
        sources=layer_tables,
        references=citations.reference_list(),
        metadata={
            "title": f"{title}: {names}",
            "subject": "Design comparison: metrics with differences, curves, cross-sections and sources",
            "creator": f"CellStack {__version__}",
        },
    )
