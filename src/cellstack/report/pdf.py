"""Render a ReportContent to PDF with QPdfWriter and QPainter, and write the file atomically.

Everything is drawn as vectors (text as embedded, subsetted fonts; plots and the cross-section as
paths). A QGuiApplication is needed for fonts: one is created, offscreen, if none exists, so the
command line renders reports without a display.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter, QPdfWriter

from cellstack.io.atomic import write_atomically
from cellstack.io.library import Library
from cellstack.io.project import Project
from cellstack.report.canvas import Canvas, Typesetter
from cellstack.report.cell_drawing import cell_drawing_flow
from cellstack.report.content import build_content
from cellstack.report.cross_section import CrossSectionFlow
from cellstack.report.elements import (
    Block,
    CellDrawing,
    FigureRow,
    Paragraph,
    ReportContent,
    Table,
)
from cellstack.report.inputs import ReportOptions, prepare
from cellstack.report.layout import (
    SPACE,
    Column,
    Figure,
    Flowable,
    Page,
    PageBreak,
    Row,
    Text,
    finding_flow,
    muted_text,
    paginate,
    reference_flow,
)
from cellstack.report.style import (
    BODY_PT,
    HEADING_PT,
    MARGIN_PT,
    MUTED,
    RULE,
    SMALL_PT,
    TITLE_PT,
    PageSize,
)
from cellstack.report.tables import TableFlow

RESOLUTION_DPI = 1200
FOOTER_GAP = 14.0  # between the body and the footer's baseline area
_QT_SIZES = {PageSize.A4: QPageSize.PageSizeId.A4, PageSize.LETTER: QPageSize.PageSizeId.Letter}
_made: list[QGuiApplication] = []  # the application the report made, kept alive for the process


def ensure_gui_application() -> None:
    """Fonts need a QGuiApplication; make an offscreen one when the caller has none."""
    running = QCoreApplication.instance()
    if isinstance(running, QGuiApplication):
        return
    if running is not None:  # Qt allows one application object, and a bare core one has no fonts
        raise RuntimeError("PDF reports need a QGuiApplication, not a QCoreApplication")
    if sys.platform.startswith("linux"):
        # A command-line export must not need (or touch) a display; an explicit choice wins.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _made.append(QGuiApplication(["cellstack"]))


def _heading(ts: Typesetter, text: str, size: float = HEADING_PT) -> Text:
    return Text(ts, text, size, bold=True, space_after=5.0, keep_with_next=True)


def _block(ts: Typesetter, block: Block, body: float) -> Flowable:
    if isinstance(block, CellDrawing):
        drawing = cell_drawing_flow(block, ts)
        return Column([drawing, muted_text(ts, block.note, SMALL_PT)]) if block.note else drawing
    if isinstance(block, Paragraph):
        return muted_text(ts, block.text, SMALL_PT) if block.small else Text(ts, block.text)
    if isinstance(block, Table):
        return TableFlow(block, ts)
    if isinstance(block, FigureRow):
        return Row([Figure(ts, f, body) for f in block.figures])
    return Figure(ts, block, body)


def compose(content: ReportContent, ts: Typesetter, body: float) -> list[Flowable]:
    """The report as a list of blocks, in reading order."""
    blocks: list[Flowable] = [
        Text(ts, content.title, TITLE_PT, bold=True, space_after=3.0),
        Text(ts, content.subtitle, BODY_PT, colour=MUTED, space_after=6.0),
    ]
    if content.description:
        blocks.append(muted_text(ts, content.description, SMALL_PT + 0.5))
    metrics = Column([_heading(ts, "Key metrics", HEADING_PT - 1.5), TableFlow(content.key_metrics, ts)])
    blocks.append(Row([CrossSectionFlow(content.cross_section, ts, body * 0.6), metrics], (0.44, 0.56)))
    blocks += [
        _heading(ts, content.energy_by_level_title, HEADING_PT - 1.5),
        TableFlow(content.energy_by_level, ts),
        Text(ts, content.energy_definition, BODY_PT, space_after=SPACE + 2.0),
        _heading(ts, "Warnings and notes", HEADING_PT - 1.5),
    ]
    if content.findings:
        blocks += [finding_flow(ts, f) for f in content.findings]
    else:
        blocks.append(Text(ts, "No findings: the checks found nothing to report."))
    for section in content.sections:
        if section.new_page:
            blocks.append(PageBreak())
        blocks.append(_heading(ts, section.title))
        blocks += [_block(ts, b, body) for b in section.blocks]
    blocks.append(_heading(ts, "References"))
    if content.references:
        blocks += [reference_flow(ts, c.number, c.key, c.text) for c in content.references]
    else:
        blocks.append(Text(ts, "No literature source is cited."))
    return blocks


def _footer(canvas: Canvas, left: str, page: int, pages: int, size: PageSize) -> None:
    width, height = size.points
    ts = canvas.ts
    right_text = f"Page {page} of {pages}"
    font = ts.font(SMALL_PT)
    y = height - MARGIN_PT + FOOTER_GAP
    canvas.line(MARGIN_PT, y - 3.0, width - MARGIN_PT, y - 3.0, RULE, 0.4)
    right_width = ts.width(right_text, font)
    canvas.text(width - MARGIN_PT - right_width, y, right_text, font, MUTED)
    room = width - 2 * MARGIN_PT - right_width - 12.0
    lines = ts.wrap(left, font, room)
    if len(lines) > 1:  # one line only: shorten the title, never the page number
        while len(lines) > 1 and len(left) > 4:
            left = left[: max(4, len(left) - 4)].rstrip() + "…"
            left = left.replace("……", "…")
            lines = ts.wrap(left, font, room)
    canvas.text(MARGIN_PT, y, lines[0], font, MUTED)


def render(content: ReportContent, size: PageSize = PageSize.A4) -> bytes:
    """The PDF's bytes. Must run on the thread that owns the QGuiApplication."""
    return render_flow(
        lambda ts, body_height: compose(content, ts, body_height),
        content.metadata.get("title", content.title),
        content.metadata.get("creator", "CellStack"),
        size,
        footer=content.title,
    )


def render_flow(
    blocks: Callable[[Typesetter, float], list[Flowable]],
    title: str,
    creator: str,
    size: PageSize = PageSize.A4,
    footer: str = "",
) -> bytes:
    """The PDF of the blocks ``blocks(typesetter, body_height)`` makes, paginated, with a footer
    of the creator, ``footer`` (default: the title) and the page numbers. Must run on the thread
    that owns the QGuiApplication."""
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION_DPI)
    writer.setPageLayout(
        QPageLayout(QPageSize(_QT_SIZES[size]), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    writer.setTitle(title)
    writer.setCreator(creator)
    ts = Typesetter(writer)
    width, height = size.points
    body_width = width - 2 * MARGIN_PT
    body_height = height - 2 * MARGIN_PT
    pages: list[Page] = paginate(blocks(ts, body_height), body_width, body_height)
    left = f"{creator} · {footer or title}"
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("Qt could not start a PDF page")
    try:
        canvas = Canvas(painter, ts)
        for number, page in enumerate(pages, start=1):
            if number > 1:
                writer.newPage()
            for block, top in page.placed:
                block.draw(canvas, MARGIN_PT, MARGIN_PT + top, body_width)
            _footer(canvas, left, number, len(pages), size)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def check_pdf(data: bytes) -> None:
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
        raise OSError("the PDF written is incomplete")


def export_pdf(project: Project, path: Path, library: Library, options: ReportOptions | None = None) -> Path:
    """Compute, lay out and write the report of ``project`` to ``path``; returns the file written.

    Raises InputError for options the report cannot use and io.atomic.SaveError (an OSError)
    when the file cannot be written; an existing file at ``path`` is then left as it was.
    """
    chosen = options or ReportOptions()
    content = build_content(prepare(project, library, chosen), library)
    data = render(content, chosen.page_size)
    return write_atomically(path, data, verify=check_pdf)
