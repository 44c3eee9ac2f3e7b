"""The "Uncertainty" section of the PDF: how sure the design's numbers are, when its file says
how sure its inputs are (format v3).

The inputs with their spread and source, each headline metric as the design's value ± σ with
the central 95 % interval of a seeded Monte Carlo (the same study `compute --samples` runs), and
tornado bars ranking which inputs drive the spread of the specific energy and of the ASR.
"""

from __future__ import annotations

from dataclasses import replace

from cellstack.core.errors import InputError
from cellstack.core.explore.uncertainty import MonteCarlo, Swing
from cellstack.io.library import Library
from cellstack.io.uncertainties import entry_text
from cellstack.io.uncertainty_study import UncertaintyStudy, uncertainty_study
from cellstack.report.citations import number
from cellstack.report.elements import Bar, BarFigure, Block, FigureRow, Paragraph, Section, Table
from cellstack.report.inputs import ReportInputs
from cellstack.report.style import CURVE_COLOURS

REPORT_SEED = 0
REPORT_SAMPLES = 4000  # on the vectorised path: a stable interval in well under a second
REPORT_SAMPLES_LOADED = 400  # when each sample loads a design (a material density, a conductivity)
METRICS = (
    ("capacity_mAh", "Capacity", "mAh"),
    ("energy_mWh", "Energy", "mWh"),
    ("specific_energy_Wh_kg", "Specific energy (full stack)", "Wh/kg"),
    ("energy_density_Wh_L", "Energy density (full stack)", "Wh/L"),
    ("mass_g", "Mass", "g"),
    ("thickness_um", "Thickness", "µm"),
    ("asr_ohm_cm2", "ASR", "Ω·cm²"),
    ("max_power_mW", "Max power (V²/4R)", "mW"),
)
TORNADO_METRICS = ("specific_energy_Wh_kg", "asr_ohm_cm2")


def _inputs_table(study: UncertaintyStudy) -> Table:
    rows = []
    for item, path, given in zip(study.sources, study.paths, study.inputs, strict=True):
        unit = path.field.unit
        rows.append(
            (item.path, f"{number(given.nominal, 6)} {unit}".strip(), entry_text(item), item.source or "—")
        )
    return Table(
        headers=("Input (field path)", "Value", "Uncertainty", "Source"),
        rows=tuple(rows),
        weights=(3.2, 1.3, 1.4, 3.0),
        numeric=(False, True, True, False),
        note='± is one standard deviation of a normal distribution; "a to b" a uniform one between '
        "the bounds (σ = (b − a)/√12). Units are the file's.",
    )


def _metrics_table(result: MonteCarlo, nominal: dict[str, float]) -> Table:
    rows = []
    for key, label, unit in METRICS:
        spread, value = result.spreads.get(key), nominal.get(key)
        if spread is None or value is None:
            continue
        rows.append(
            (
                f"{label} ({unit})",
                number(value),
                f"± {number(spread.std, 2)}",
                f"{number(spread.p2_5)} to {number(spread.p97_5)}",
                number(spread.mean),
            )
        )
    dropped = result.drawn - result.used
    extra = f" {dropped} sampled designs could not be built and were left out." if dropped else ""
    return Table(
        headers=("Metric", "Design", "σ", "95 % interval", "Mean of samples"),
        rows=tuple(rows),
        weights=(3.0, 1.2, 1.0, 2.0, 1.4),
        numeric=(False, True, True, True, True),
        note=f"Monte Carlo over {result.drawn} designs (seed {REPORT_SEED}); the interval holds the central "
        f"95 % of them.{extra}",
    )


def short_path(path: str) -> str:
    """A field path short enough for a bar's label: stack.layers[1].overrides.density ->
    layers[1].density, materials.nmc811.properties.density -> nmc811.density."""
    text = path.removeprefix("stack.").removeprefix("materials.")
    return text.replace(".properties.", ".").replace(".overrides.", ".")


def _tornado(study: UncertaintyStudy, swings: tuple[Swing, ...], key: str) -> BarFigure:
    label, unit = next((lab, u) for k, lab, u in METRICS if k == key)
    bars = tuple(
        Bar(
            short_path(study.paths[s.input_index].text),
            s.size,
            CURVE_COLOURS[i % len(CURVE_COLOURS)],
            f"{number(s.at_minus_sigma)} to {number(s.at_plus_sigma)}",
        )
        for i, s in enumerate(swings)
    )
    return BarFigure(
        f"Tornado: {label}",
        f"swing ({unit}) from −1σ to +1σ of one input",
        bars,
        note="Largest first; the numbers are the metric at the input's −1σ and +1σ.",
    )


def uncertainty_section(inputs: ReportInputs, library: Library) -> Section | None:
    """The section, or None when the project carries no uncertainties."""
    project = inputs.project
    if not project.uncertainties:
        return None
    try:
        study = uncertainty_study(replace(project, stack=inputs.stack), library, project.uncertainties)
        samples = REPORT_SAMPLES if study.vectorised else REPORT_SAMPLES_LOADED
        result = study.monte_carlo(samples, REPORT_SEED)
        nominal = study.nominal()
        swings = study.tornado()
    except InputError as exc:
        return Section("Uncertainty", (Paragraph(f"The spread could not be computed: {exc.one_line()}"),))
    blocks: list[Block] = [
        Paragraph(
            "How sure the numbers are, from the uncertainties the project file gives its inputs: each "
            "input is sampled around its value (normal) or between its bounds (uniform) within the range "
            "the file allows, and the stack's metrics are computed for every sample."
        ),
        _inputs_table(study),
        _metrics_table(result, nominal),
    ]
    figures = tuple(_tornado(study, swings[key], key) for key in TORNADO_METRICS if key in swings)
    if figures:
        blocks.append(FigureRow(figures))
    return Section("Uncertainty", tuple(blocks))
