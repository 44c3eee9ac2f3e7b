"""Nothing clipped, nothing overlapping: every line of text is measured where it is drawn."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFont

from cellstack.core.material import Role
from cellstack.io.library import Library
from cellstack.io.project import Project, load_project
from cellstack.report import pdf
from cellstack.report.canvas import Canvas, Typesetter
from cellstack.report.content import build_content
from cellstack.report.inputs import ReportOptions, prepare
from cellstack.report.style import MARGIN_PT, TEXT, PageSize
from tests.report.conftest import EXAMPLES


@dataclass(frozen=True)
class Box:
    page: int
    left: float
    top: float
    right: float
    bottom: float
    text: str


def record_text(monkeypatch: pytest.MonkeyPatch) -> list[Box]:
    """Every Canvas.text call as the box its line occupies on its page."""
    boxes: list[Box] = []
    page = [1]
    original_text = Canvas.text
    original_footer = pdf._footer

    def text(
        self: Canvas,
        x: float,
        y: float,
        line: str,
        font: QFont,
        colour: str = TEXT,
        width: float | None = None,
        align: str = "left",
    ) -> None:
        advance = self.ts.width(line, font)
        left = (
            x
            if width is None or align == "left"
            else x + (width - advance) * (1.0 if align == "right" else 0.5)
        )
        # The glyphs' own height (ascent + descent), not the line spacing around them.
        height = self.ts.line_height(font) / 1.12
        boxes.append(Box(page[0], left, y, left + advance, y + height, line))
        original_text(self, x, y, line, font, colour, width, align)

    def footer(*args: Any) -> None:
        original_footer(*args)
        page[0] += 1

    monkeypatch.setattr(Canvas, "text", text)
    monkeypatch.setattr(pdf, "_footer", footer)
    return boxes


def check_layout(boxes: list[Box], size: PageSize) -> None:
    width, height = size.points
    footer_top = height - MARGIN_PT + pdf.FOOTER_GAP
    for box in boxes:
        if not box.text.strip():
            continue
        assert box.left >= MARGIN_PT - 0.5, box
        assert box.right <= width - MARGIN_PT + 0.5, box
        assert box.top >= MARGIN_PT - 0.5, box
        limit = height - MARGIN_PT + 0.5 if box.top < footer_top - 0.1 else height - 10.0
        assert box.bottom <= limit, box
    for page in {b.page for b in boxes}:
        on_page = [b for b in boxes if b.page == page and b.text.strip()]
        for a, b in combinations(on_page, 2):
            overlap_x = min(a.right, b.right) - max(a.left, b.left)
            overlap_y = min(a.bottom, b.bottom) - max(a.top, b.top)
            assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)


def render_checked(
    project: Project, library: Library, monkeypatch: pytest.MonkeyPatch, size: PageSize = PageSize.A4
) -> bytes:
    boxes = record_text(monkeypatch)
    options = ReportOptions(page_size=size, date=datetime.date(2024, 1, 2))
    data = pdf.render(build_content(prepare(project, library, options), library), size)
    check_layout(boxes, size)
    assert data.startswith(b"%PDF-")
    return data


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.stem)
def test_examples_have_no_clipped_or_overlapping_text(
    source: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    render_checked(load_project(source, library), library, monkeypatch)


def test_a_crowded_stack_on_letter_paper(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thirty thin electrolyte sublayers with long labels: labels shrink, tables run over pages."""
    project = load_project(EXAMPLES[-1], library)
    stack = project.stack
    index = stack.indices_with_role(Role.ELECTROLYTE)[0]
    base = stack.layers[index]
    extra = tuple(
        replace(
            base,
            thickness_m=base.thickness_m / 30,
            label=f"Sputtered LiPON sublayer number {i} with an unusually long descriptive label for testing",
        )
        for i in range(30)
    )
    crowded = stack.with_layers((*stack.layers[:index], *extra, *stack.layers[index + 1 :]))
    project = replace(project, name="A very long project name " * 6, stack=crowded)
    render_checked(project, library, monkeypatch, PageSize.LETTER)


def test_an_invalid_stack_renders(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    project = load_project(EXAMPLES[0], library)
    stack = project.stack
    kept = tuple(x for x in stack.layers if x.role is not Role.ELECTROLYTE)
    render_checked(replace(project, stack=stack.with_layers(kept)), library, monkeypatch)


def test_wrapped_lines_never_exceed_their_width(tmp_path: Path) -> None:
    pdf.ensure_gui_application()
    from PySide6.QtGui import QPdfWriter

    ts = Typesetter(QPdfWriter(str(tmp_path / "unused.pdf")))
    font = ts.font(8.5)
    text = "Li6.75La3Zr1.75Ta0.25O12 (Ta-doped LLZO, Allen et al.) | LiCoO2 Ω·cm² 96 % " * 3
    for width in (18.0, 40.0, 73.5, 200.0):
        for line in ts.wrap(text, font, width):
            assert ts.width(line, font) <= width + 1e-6, (width, line)
    assert " ".join(" ".join(ts.wrap(text, font, 500.0)).split()) == " ".join(text.split())
