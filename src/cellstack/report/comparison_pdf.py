"""The comparison PDF: lay out a ComparisonContent and write it atomically, as the single report is.

Page 1 names the designs and holds the metric table; the curves follow on a page of their own
(rate capability and Ragone, then discharge at each C-rate), then the cross-sections side by
side, then each design's layers with the sources of their properties and the references they cite.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cellstack.core.errors import InputError
from cellstack.io.atomic import write_atomically
from cellstack.io.library import Library
from cellstack.io.project import Project
from cellstack.report.canvas import Canvas, Typesetter
from cellstack.report.comparison_content import ComparisonContent, build_comparison
from cellstack.report.comparison_figures import MAX_DESIGNS, ComparedDesign
from cellstack.report.cross_section import CrossSectionFlow
from cellstack.report.elements import FigureRow
from cellstack.report.inputs import ReportOptions, checked_options, prepare
from cellstack.report.layout import (
    Column,
    Figure,
    Flowable,
    PageBreak,
    Row,
    Text,
    muted_text,
    reference_flow,
)
from cellstack.report.pdf import check_pdf, render_flow
from cellstack.report.style import BODY_PT, HEADING_PT, MUTED, SMALL_PT, TITLE_PT
from cellstack.report.tables import TableFlow

SECTIONS_PER_ROW = 2  # narrower cross-sections crowd their layer labels


class _Blank:
    """An empty cell of a row, so that a last figure keeps the width of those above it."""

    space_after = 0.0

    def height(self, width: float) -> float:
        return 0.0

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        return None


def _heading(ts: Typesetter, text: str, size: float = HEADING_PT) -> Text:
    return Text(ts, text, size, bold=True, space_after=5.0, keep_with_next=True)


def _figures(ts: Typesetter, row: FigureRow, body: float, per_row: int = 2) -> Row:
    children: list[Flowable] = [Figure(ts, f, body) for f in row.figures]
    children += [_Blank() for _ in range(per_row - len(children))]
    return Row(children)


def compose_comparison(content: ComparisonContent, ts: Typesetter, body: float) -> list[Flowable]:
    blocks: list[Flowable] = [
        Text(ts, content.title, TITLE_PT, bold=True, space_after=3.0),
        Text(ts, content.subtitle, BODY_PT, colour=MUTED, space_after=6.0),
        _heading(ts, "Designs", HEADING_PT - 1.5),
        TableFlow(content.designs, ts),
        _heading(ts, "Metrics and differences", HEADING_PT - 1.5),
    ]
    blocks += [TableFlow(table, ts) for table in content.metrics]
    # Rate and Ragone first: one row that sums up every rate, then a discharge plot per C-rate.
    blocks += [PageBreak(), _heading(ts, "Rate capability, Ragone and discharge")]
    blocks.append(_figures(ts, content.rate_and_ragone, body))
    blocks += [_figures(ts, row, body) for row in content.discharge]
    blocks.append(_heading(ts, "Cross-sections"))
    sections = content.cross_sections
    for start in range(0, len(sections), SECTIONS_PER_ROW):
        cells: list[Flowable] = [
            Column(
                [Text(ts, name, BODY_PT, bold=True, space_after=2.0), CrossSectionFlow(s, ts, body * 0.45)]
            )
            for name, s in sections[start : start + SECTIONS_PER_ROW]
        ]
        cells += [_Blank() for _ in range(SECTIONS_PER_ROW - len(cells))]
        blocks.append(Row(cells))
    blocks += [PageBreak(), _heading(ts, "Layers and the sources of their properties")]
    for name, table in content.sources:
        blocks += [_heading(ts, name, HEADING_PT - 2.5), TableFlow(table, ts)]
    blocks.append(_heading(ts, "References"))
    if content.references:
        blocks += [reference_flow(ts, c.number, c.key, c.text) for c in content.references]
    else:
        blocks.append(muted_text(ts, "No literature source is cited.", SMALL_PT))
    return blocks


def render_comparison(content: ComparisonContent, options: ReportOptions) -> bytes:
    return render_flow(
        lambda ts, body_height: compose_comparison(content, ts, body_height),
        content.metadata.get("title", content.title),
        content.metadata.get("creator", "CellStack"),
        options.page_size,
        footer=content.title,
    )


def comparison_inputs(
    named: Sequence[tuple[str, Project]], library: Library, options: ReportOptions
) -> list[ComparedDesign]:
    """Each design's report runs at the comparison's C-rates (the options', else the first
    design's own) and temperature (each its own unless the options give one)."""
    if not 2 <= len(named) <= MAX_DESIGNS:
        raise InputError("designs", len(named), f"2 to {MAX_DESIGNS} designs to compare")
    chosen = checked_options(options, named[0][1])
    return [ComparedDesign(name, prepare(project, library, chosen)) for name, project in named]


def export_comparison_pdf(
    named: Sequence[tuple[str, Project]],
    sources: Sequence[str],
    path: Path,
    library: Library,
    options: ReportOptions | None = None,
) -> Path:
    """Compute, lay out and write the comparison of ``named`` (name, project) designs, the first
    being the base of the differences; ``sources`` are their file names. All or nothing."""
    chosen = checked_options(options or ReportOptions(), named[0][1])
    designs = comparison_inputs(named, library, chosen)
    rates = chosen.c_rates or ()
    content = build_comparison(designs, library, rates, sources, chosen.date)
    return write_atomically(path, render_comparison(content, chosen), verify=check_pdf)
