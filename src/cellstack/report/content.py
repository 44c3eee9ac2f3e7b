"""ReportContent from a project, its metrics and discharge runs: every string the PDF prints.

Pure: no Qt and no files. The key numbers come from metrics_to_json, so the PDF shows what
`cellstack compute --json` prints for the same file, to the same six significant digits.
"""

from __future__ import annotations

import datetime
from typing import Any

from cellstack import __version__
from cellstack.core.metrics import EnergyDefinition, Finding, Level, Metrics, Severity
from cellstack.core.stack import Stack
from cellstack.io.library import Library
from cellstack.io.metrics_export import metrics_to_json
from cellstack.io.output_names import STACK_LEVEL_NAMES
from cellstack.io.quantity_text import thickness_text as thickness
from cellstack.report.cell_content import cell_key_rows, cell_section
from cellstack.report.citations import Citations, json_number
from cellstack.report.elements import (
    Block,
    CrossSection,
    FigureRow,
    FindingLine,
    Paragraph,
    ReportContent,
    Section,
    SectionLayer,
    Table,
)
from cellstack.report.figures import (
    asr_figure,
    asr_table,
    discharge_figure,
    discharge_table,
    mass_figures,
    overpotential_figure,
    ragone_figure,
    rate_figure,
)
from cellstack.report.inputs import ReportInputs, temperature_text
from cellstack.report.layer_table import layer_table
from cellstack.report.style import ROLE_COLOURS
from cellstack.report.uncertainty_section import uncertainty_section

LEVEL_SCOPES = {
    Level.ELECTRODE_PAIR: "electrodes, electrolytes, buffers; active area",
    Level.CELL_STACK: "+ current collectors; active area",
    Level.FULL_STACK: "every layer incl. substrate and packaging; footprint; + extra mass",
}
CELL = "cell (every level)"  # a property of the cell, the same whatever is counted around it
UNIT = "stack at its own area"  # the same numbers when the stack is a larger cell's repeat unit
DEFINITIONS = {
    EnergyDefinition.OCV_INTEGRAL.value: (
        "OCV integral",
        "energy = capacity × mean of U_p − U_n (the electrodes' open-circuit potentials) over the "
        "usable stoichiometry windows of the two electrodes",
    ),
    EnergyDefinition.AVERAGE_VOLTAGE.value: (
        "material averages",
        "energy = capacity × (V_avg,cathode − V_avg,anode), from the materials' average voltages",
    ),
}
_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def cross_section(stack: Stack, metrics: Metrics) -> CrossSection:
    layers = tuple(
        SectionLayer(
            layer.name,
            layer.role.value,
            layer.thickness_m,
            thickness(layer.thickness_m),
            ROLE_COLOURS[layer.role],
            layer.role.spans_footprint,
        )
        for layer in stack.layers
    )
    return CrossSection(
        layers, stack.active_area_m2 * 1e4, stack.footprint_area_m2 * 1e4, metrics.plated_lithium_m
    )


def key_metrics_table(
    data: dict[str, Any],
    metrics: Metrics,
    citations: Citations,
    cell_rows: tuple[tuple[str, str, str, str], ...] = (),
    *,
    repeat_unit: bool = False,
) -> Table:
    """Quantity, value, unit and the level it refers to; values as `compute --json` has them.

    ``repeat_unit``: the stack is the repeat unit of a larger cell, so its own numbers are those
    of one unit at its own area, and their level says so; the cell's ``cell_rows`` then lead.
    """
    scope = UNIT if repeat_unit else CELL
    definition = DEFINITIONS.get(data["voltage_definition"] or "", ("", ""))[0]
    voltage_source = citations.mark(metrics.voltage.source) if metrics.voltage is not None else ""
    full = STACK_LEVEL_NAMES[Level.FULL_STACK]
    temperature = json_number(data["temperature_C"])
    rows: list[tuple[str, str, str, str]] = [
        *cell_rows,
        ("Capacity", json_number(data["capacity_mAh"]), "mAh", scope),
        ("Areal capacity", json_number(data["areal_capacity_mAh_cm2"]), "mAh/cm²", scope),
        ("Cathode areal capacity", json_number(data["cathode_areal_capacity_mAh_cm2"]), "mAh/cm²", "cathode"),
        ("Anode areal capacity", json_number(data["anode_areal_capacity_mAh_cm2"]), "mAh/cm²", "anode"),
        ("N/P ratio", json_number(data["np_ratio"]), "", "electrodes"),
    ]
    if data["lithium_excess_um"] is not None:
        rows.append(("Li metal excess", json_number(data["lithium_excess_um"]), "µm", "anode"))
    if data["plated_lithium_um"] is not None:
        rows.append(("Plated Li (charged)", json_number(data["plated_lithium_um"]), "µm", "anode"))
    rows += [
        (
            f"Average voltage {voltage_source}".rstrip(),
            json_number(data["average_voltage_V"]),
            "V",
            f"{scope}; {definition}" if definition else scope,
        ),
        ("Energy", json_number(data["energy_mWh"]), "mWh", scope),
        ("Specific energy", json_number(data["specific_energy_Wh_kg"]), "Wh/kg", full),
        ("Energy density", json_number(data["energy_density_Wh_L"]), "Wh/L", full),
        ("Mass", json_number(data["mass_g"]), "g", full),
        ("Thickness", json_number(data["thickness_um"]), "µm", full),
        ("ASR total", json_number(data["asr_ohm_cm2"]), "Ω·cm²", f"cell, at {temperature} °C"),
        ("Max power, V²/(4·ASR)", json_number(data["max_power_mW"]), "mW", "cell; an upper bound"),
        ("Specific power (max)", json_number(data["specific_power_W_kg"]), "W/kg", full),
        (
            "Active / footprint area",
            f"{json_number(data['area_cm2'])} / {json_number(data['footprint_area_cm2'])}",
            "cm²",
            "",
        ),
    ]
    return Table(
        headers=("Quantity", "Value", "Unit", "Level"),
        rows=tuple(rows),
        weights=(1.55, 0.95, 0.7, 1.6),
        numeric=(False, True, False, False),
    )


def energy_by_level_table(data: dict[str, Any]) -> Table:
    rows = []
    for level in Level:
        entry = data["levels"][level.value]
        rows.append(
            (
                STACK_LEVEL_NAMES[level],
                LEVEL_SCOPES[level],
                json_number(entry["specific_energy_Wh_kg"]),
                json_number(entry["energy_density_Wh_L"]),
                json_number(entry["mass_g"]),
                json_number(entry["thickness_um"]),
                json_number(entry["volume_cm3"]),
            )
        )
    return Table(
        headers=("Level", "Counts", "Wh/kg", "Wh/L", "Mass (g)", "Thickness (µm)", "Volume (cm³)"),
        rows=tuple(rows),
        weights=(0.95, 2.5, 0.75, 0.75, 0.8, 0.95, 0.95),
        numeric=(False, False, True, True, True, True, True),
    )


def energy_definition_text(data: dict[str, Any], metrics: Metrics, citations: Citations) -> str:
    key = data["voltage_definition"]
    if key is None:
        return "Energy definition: none (the stack is not valid, so no energy is computed)."
    name, formula = DEFINITIONS.get(key, (key, ""))
    mark = citations.mark(metrics.voltage.source) if metrics.voltage is not None else ""
    return f"Energy definition: {name}: {formula} {mark}".rstrip() + "."


def all_findings(inputs: ReportInputs) -> list[Finding]:
    """The metrics' findings, then what the discharge model adds; errors first, then warnings."""
    found = list(inputs.metrics.findings)
    seen = {(f.code, f.message) for f in found}
    results = inputs.discharge
    runs = [*results.curves, results.breakdown]
    extra = [*(r.findings for r in runs if r is not None), results.rate.findings if results.rate else ()]
    for group in extra:
        for finding in group:
            if (finding.code, finding.message) not in seen:
                seen.add((finding.code, finding.message))
                found.append(finding)
    return sorted(found, key=lambda f: _SEVERITY_ORDER[f.severity])


def finding_lines(findings: list[Finding], citations: Citations) -> tuple[FindingLine, ...]:
    """One line per distinct finding: a check that fires on thirty identical layers says so once."""
    counts: dict[tuple[str, str, str], int] = {}
    for f in findings:
        key = (f.severity.value, f.message, f.source)
        counts[key] = counts.get(key, 0) + 1
    return tuple(
        FindingLine(severity, message + (f" (found {n} times)" if n > 1 else ""), citations.numbers(source))
        for (severity, message, source), n in counts.items()
    )


def _subtitle(inputs: ReportInputs, when: datetime.date) -> str:
    stack, options = inputs.stack, inputs.options
    parts = [f"CellStack {__version__}", when.isoformat()]
    if options.source_name:
        parts.append(options.source_name)
    parts += [f"{stack.kind.value} stack", f"at {temperature_text(stack.temperature_K)}"]
    return " · ".join(parts)


def _sections(inputs: ReportInputs, citations: Citations) -> tuple[Section, ...]:
    results, metrics, stack = inputs.discharge, inputs.metrics, inputs.stack
    rates = ", ".join(f"{r:g}C" for r in inputs.c_rates)
    cutoff = inputs.project.simulation.discharge_cutoff_V
    until = f"the design's cut-off, {cutoff:g} V" if cutoff is not None else "the materials' cut-off voltage"
    unit = "" if inputs.planar else " The curves are those of one repeat unit at the stack's own area."
    discharge_blocks: list[Block] = [
        Paragraph(
            f"Constant-current discharge at {rates} from the charged state to {until}, at "
            f"{temperature_text(stack.temperature_K)} (single-particle model, docs/discharge.md).{unit}"
        ),
        discharge_figure(results, stack.temperature_K),
    ]
    if results.curves:
        discharge_blocks.append(discharge_table(results))
    mass, volume = mass_figures(metrics)
    extra = f" Extra mass not drawn: {stack.extra_mass_kg * 1e6:.4g} mg." if stack.extra_mass_kg > 0 else ""
    cell = cell_section(inputs, citations)
    return (
        *((cell,) if cell is not None else ()),
        # After a cell page the discharge runs on where it ends, so no page is left nearly empty.
        Section("Discharge", tuple(discharge_blocks), new_page=cell is None or not cell.new_page),
        Section(
            "Rate capability and Ragone",
            (FigureRow((rate_figure(results, metrics, stack.temperature_K), ragone_figure(results))),),
        ),
        Section(
            "Resistance and overpotentials",
            (asr_figure(stack, metrics), overpotential_figure(results), asr_table(metrics, citations)),
        ),
        Section(
            "Mass and volume",
            (
                FigureRow((mass, volume)),
                Paragraph(
                    "Substrate and encapsulation cover the footprint; every other layer the active area. "
                    f"Percentages are of the sum over the layers.{extra}",
                    small=True,
                ),
            ),
        ),
        Section("Layers and the sources of their properties", (layer_table(stack, metrics, citations),)),
    )


def _levels_title(inputs: ReportInputs) -> str:
    if inputs.planar:
        return "Energy by level"
    follow = "; the cell's levels follow" if inputs.cell is not None else ""
    return f"Energy by level of the stack at its own area (one repeat unit{follow})"


def build_content(inputs: ReportInputs, library: Library) -> ReportContent:
    """Everything the PDF prints, with reference numbers in order of first appearance."""
    citations = Citations(library)
    metrics = inputs.metrics
    data = metrics_to_json(metrics, library)
    when = inputs.options.date or datetime.date.today()
    project = inputs.project
    title = project.name or project.stack.name or inputs.options.source_name or "Untitled stack"
    # Page order: the metrics table, the definition, the findings, then the sections.
    cell_rows = cell_key_rows(inputs.cell) if inputs.cell is not None and not inputs.planar else ()
    key_metrics = key_metrics_table(data, metrics, citations, cell_rows, repeat_unit=not inputs.planar)
    definition = energy_definition_text(data, metrics, citations)
    findings = finding_lines(all_findings(inputs), citations)
    sections = _sections(inputs, citations)
    spread = uncertainty_section(inputs, library)
    if spread is not None:  # how sure the numbers are belongs right after the numbers' own pages
        sections = (*sections[:-1], spread, sections[-1])
    return ReportContent(
        title=title,
        subtitle=_subtitle(inputs, when),
        description=project.description,
        cross_section=cross_section(inputs.stack, metrics),
        key_metrics=key_metrics,
        energy_by_level=energy_by_level_table(data),
        energy_by_level_title=_levels_title(inputs),
        energy_definition=definition,
        findings=findings,
        sections=sections,
        references=citations.reference_list(),
        metadata={
            "title": title,
            "subject": "Stack design summary: metrics, discharge, resistance, layers and sources",
            "creator": f"CellStack {__version__}",
        },
    )
