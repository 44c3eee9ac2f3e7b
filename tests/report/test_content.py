"""ReportContent without a PDF: formatted numbers, reference numbering, layer table, options."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

import pytest

from cellstack.core.errors import InputError
from cellstack.core.material import Role
from cellstack.core.sourced import user_value
from cellstack.core.stack import Stack
from cellstack.io.library import Library
from cellstack.io.metrics_export import metrics_to_json
from cellstack.io.project import Project, load_project
from cellstack.report.axes import linear_axis, log_axis
from cellstack.report.content import build_content
from cellstack.report.elements import ReportContent, Table
from cellstack.report.inputs import ReportOptions, parse_c_rates, parse_page_size, prepare
from cellstack.report.style import ROLE_COLOURS, PageSize
from tests.report.conftest import EXAMPLES

MARK = re.compile(r"\[(\d+(?:, \d+)*)\]")


def content_of(project: Project, library: Library, **options: object) -> ReportContent:
    chosen = ReportOptions(date=datetime.date(2024, 5, 17), **options)  # type: ignore[arg-type]
    return build_content(prepare(project, library, chosen), library)


def without_name_numbers(text: str, project: Project) -> str:
    """The text without bracketed numbers that are part of names ("... [375]" cites the review)."""
    for layer in project.stack.layers:
        for literal in re.findall(r"\[\d+\]", f"{layer.name} {layer.material.name}"):
            text = text.replace(literal, "")
    return text


def marks(table: Table, project: Project) -> set[int]:
    found: set[int] = set()
    for row in table.rows:
        for cell in row:
            for group in MARK.findall(without_name_numbers(cell, project)):
                found |= {int(n) for n in group.split(", ")}
    return found


def test_role_colours_match_the_app() -> None:
    theme = pytest.importorskip("cellstack.gui.theme")
    assert theme.ROLE_COLOURS == ROLE_COLOURS


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.stem)
def test_key_metrics_are_the_json_values(source, library: Library) -> None:  # type: ignore[no-untyped-def]
    project = load_project(source, library)
    content = content_of(project, library)
    data = metrics_to_json(prepare(project, library, ReportOptions()).metrics, library)
    cells = {row[0].split(" [")[0]: row[1] for row in content.key_metrics.rows}
    assert float(cells["Capacity"]) == data["capacity_mAh"]
    assert float(cells["Energy"]) == data["energy_mWh"]
    assert float(cells["Specific energy"]) == data["specific_energy_Wh_kg"]
    assert float(cells["ASR total"]) == data["asr_ohm_cm2"]
    assert float(cells["Average voltage"]) == data["average_voltage_V"]
    assert content.subtitle.startswith("CellStack ") and "2024-05-17" in content.subtitle


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.stem)
def test_references_are_numbered_in_order_of_first_citation(source, library: Library) -> None:  # type: ignore[no-untyped-def]
    project = load_project(source, library)
    content = content_of(project, library)
    numbers = [c.number for c in content.references]
    assert numbers == list(range(1, len(numbers) + 1))
    by_number = {c.number: c.key for c in content.references}
    # Every property source of every layer is in the list, with its library text.
    for layer in project.stack.layers:
        for key in layer.effective_material.sources() & set(by_number.values()):
            assert library.reference_text(key) in {c.text for c in content.references}
    # The ASR table cites exactly the ledger's sources.
    asr = next(
        b for s in content.sections for b in s.blocks if isinstance(b, Table) and b.headers[0] == "Term"
    )
    for row in asr.rows:
        assert by_number[int(row[-1].strip("[]"))]
    # Reading order: each number is first cited after the one before it, page 1 to the end.
    order: list[int] = []
    texts = [content.energy_definition]
    texts += [f"{f.message} [{', '.join(str(n) for n in f.citations)}]" for f in content.findings]
    texts += [" ".join(cells) for t in (content.key_metrics, *_tables(content)) for cells in t.rows]
    for text in texts:
        for group in MARK.findall(without_name_numbers(text, project)):
            order += [int(n) for n in group.split(", ") if int(n) not in order]
    assert order == numbers


def _tables(content: ReportContent) -> list[Table]:
    return [b for s in content.sections for b in s.blocks if isinstance(b, Table)]


def test_layer_table_names_sources_and_marks_overrides(library: Library) -> None:
    project = load_project(EXAMPLES[-1], library)
    stack = project.stack
    index = stack.indices_with_role(Role.ELECTROLYTE)[0]
    layer = stack.layers[index].with_override("ionic_conductivity_S_m", user_value(5e-4))
    project = replace(project, stack=stack.replacing(index, layer))
    content = content_of(project, library)
    table = _tables(content)[-1]
    assert table.headers[-1] == "Properties used"
    assert len(table.rows) == len(stack.layers)
    row = table.rows[index]
    assert "5e-06 S/cm*" in row[-1]  # 5e-4 S/m shown in S/cm, marked as overridden
    user = next(c for c in content.references if c.key == "user")
    assert f"[{user.number}]" in row[-1]
    assert all(n <= len(content.references) for n in marks(table, project))
    for i, layer in enumerate(stack.layers):
        assert layer.name in table.rows[i][1]
        assert (layer.material.formula or "—") in table.rows[i][2]


def test_an_invalid_stack_still_gets_a_report_that_says_why(library: Library) -> None:
    project = load_project(EXAMPLES[-1], library)
    stack = project.stack
    kept = tuple(x for x in stack.layers if x.role is not Role.ELECTROLYTE)
    content = content_of(replace(project, stack=stack.with_layers(kept)), library)
    assert any(f.severity == "error" for f in content.findings)
    assert dict((r[0].split(" [")[0], r[1]) for r in content.key_metrics.rows)["Capacity"] == "n/a"
    discharge = content.sections[0].blocks[1]
    assert "Nothing to plot" in getattr(discharge, "note", "")


def test_anode_free_stack_lists_the_plated_lithium(library: Library) -> None:
    project = load_project(EXAMPLES[1], library)  # NMC811 | Li6PS5Cl | Li
    stack = project.stack
    kept = tuple(x for x in stack.layers if x.role is not Role.ANODE)
    anode_free = Stack(
        kept,
        stack.kind,
        stack.active_area_m2,
        stack.footprint_area_m2,
        plated_anode=library.material("li_metal"),
        first_cycle_loss=0.1,
    )
    content = content_of(replace(project, stack=anode_free), library)
    table = _tables(content)[-1]
    assert table.rows[-1][0] == "+" and "plated" in table.rows[-1][1]
    assert content.cross_section.plated_lithium_m


def test_temperature_option_moves_metrics_and_curves(library: Library) -> None:
    project = load_project(EXAMPLES[-1], library)
    cold = content_of(project, library)
    hot = content_of(project, library, temperature_K=333.15, c_rates=(2.0, 0.5))
    assert "at 60 °C" in hot.subtitle
    asr = {r[0]: r[1] for r in cold.key_metrics.rows}
    hot_asr = {r[0]: r[1] for r in hot.key_metrics.rows}
    assert float(hot_asr["ASR total"]) < float(asr["ASR total"])
    curves = hot.sections[0].blocks[1]
    assert [s.label for s in getattr(curves, "series", ())] == ["open circuit", "0.5C", "2C"]


@pytest.mark.parametrize(
    ("text", "expected"), [("0.1,1,2", (0.1, 1.0, 2.0)), (" 2; 0.5 ,2", (0.5, 2.0)), ("100", (100.0,))]
)
def test_c_rates_parse(text: str, expected: tuple[float, ...]) -> None:
    assert parse_c_rates(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "0", "-1", "101", "1,2,3,4,5,6,7,8,9", "nan", "1,,x"])
def test_bad_c_rates_are_refused(text: str) -> None:
    with pytest.raises(InputError, match="--c-rates"):
        parse_c_rates(text)


def test_page_sizes() -> None:
    assert parse_page_size("a4") is PageSize.A4
    assert parse_page_size("LETTER") is PageSize.LETTER
    assert PageSize.A4.points == (595.0, 842.0) and PageSize.LETTER.points == (612.0, 792.0)
    with pytest.raises(InputError, match="A4 or Letter"):
        parse_page_size("A3")


def test_axes_have_round_ticks() -> None:
    axis = linear_axis([0.03, 4.58], from_zero=True)
    assert axis.low == 0.0 and axis.high >= 4.58
    assert [t for _, t in axis.ticks][:3] == ["0", "1", "2"]
    decades = log_axis([0.05, 50.0])
    assert [t for _, t in decades.ticks] == ["0.1", "1", "10"]
    narrow = log_axis([20.0, 90.0])  # under a decade: 2 and 5 are labelled too
    assert {"20", "50"} <= {t for _, t in narrow.ticks}
