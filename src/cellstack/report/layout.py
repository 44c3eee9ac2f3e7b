"""Flowing measured blocks onto pages: each block knows its height for a width, some can split.

Pagination runs before anything is drawn, so the footer can say "page 2 of 5" and no block is
ever drawn past the bottom margin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from cellstack.report.bars import bar_figure_height, draw_bar_figure
from cellstack.report.canvas import Canvas, Typesetter
from cellstack.report.elements import BarFigure, FindingLine, LineFigure
from cellstack.report.plots import draw_line_figure, figure_height
from cellstack.report.style import BODY_PT, MUTED, SEVERITY_COLOURS, TEXT

SPACE = 8.0  # between blocks
COLUMN_GAP = 14.0


class Flowable(Protocol):
    def height(self, width: float) -> float: ...

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None: ...


class Splittable(Flowable, Protocol):
    def split(self, width: float, available: float) -> tuple[Flowable, Flowable] | None: ...


@dataclass
class Text:
    """A paragraph; long ones break between lines at the bottom of a page."""

    ts: Typesetter
    text: str
    size: float = BODY_PT
    bold: bool = False
    italic: bool = False
    colour: str = TEXT
    space_after: float = SPACE
    keep_with_next: bool = False
    lines_override: list[str] | None = None

    def _lines(self, width: float) -> list[str]:
        if self.lines_override is not None:
            return self.lines_override
        return self.ts.wrap(self.text, self.ts.font(self.size, self.bold, self.italic), width)

    def height(self, width: float) -> float:
        return len(self._lines(width)) * self.ts.line_height(self.ts.font(self.size, self.bold, self.italic))

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        canvas.lines(x, y, self._lines(width), self.ts.font(self.size, self.bold, self.italic), self.colour)

    def split(self, width: float, available: float) -> tuple[Flowable, Flowable] | None:
        lines = self._lines(width)
        fit = int(available // self.ts.line_height(self.ts.font(self.size, self.bold, self.italic)))
        if fit < 2 or fit >= len(lines) or self.keep_with_next:
            return None
        style = (self.size, self.bold, self.italic, self.colour)
        head = Text(self.ts, self.text, *style, space_after=0.0, lines_override=lines[:fit])
        tail = Text(self.ts, self.text, *style, space_after=self.space_after, lines_override=lines[fit:])
        return head, tail


@dataclass
class Hanging:
    """A tag in a fixed-width column and wrapped text beside it: findings and references."""

    ts: Typesetter
    tag: str
    text: str
    tag_colour: str = TEXT
    tag_width: float = 50.0
    size: float = BODY_PT
    tail: str = ""  # muted, after the text (a reference's key)
    space_after: float = 3.0

    def _lines(self, width: float) -> list[str]:
        body = f"{self.text} {self.tail}".rstrip()
        return self.ts.wrap(body, self.ts.font(self.size), width - self.tag_width)

    def height(self, width: float) -> float:
        return len(self._lines(width)) * self.ts.line_height(self.ts.font(self.size))

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        font = self.ts.font(self.size)
        tag_font = self.ts.fitted(self.tag, self.size, self.tag_width - 4.0, bold=True)
        canvas.text(x, y, self.tag, tag_font, self.tag_colour)
        canvas.lines(x + self.tag_width, y, self._lines(width), font, TEXT)


def finding_flow(ts: Typesetter, finding: FindingLine) -> Hanging:
    marks = f" [{', '.join(str(n) for n in finding.citations)}]" if finding.citations else ""
    colour = SEVERITY_COLOURS.get(finding.severity, TEXT)
    return Hanging(ts, finding.severity.upper(), finding.message + marks, colour)


def reference_flow(ts: Typesetter, number: int, key: str, text: str) -> Hanging:
    return Hanging(ts, f"[{number}]", text, TEXT, 26.0, BODY_PT - 0.5, f"({key})" if key != text else "")


@dataclass
class Figure:
    ts: Typesetter
    figure: LineFigure | BarFigure
    max_height: float
    space_after: float = SPACE + 4.0

    def height(self, width: float) -> float:
        if isinstance(self.figure, LineFigure):
            return figure_height(self.ts, self.figure, width)
        return bar_figure_height(self.ts, self.figure, width, self.max_height)

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        if isinstance(self.figure, LineFigure):
            draw_line_figure(canvas, x, y, width, self.figure)
        else:
            draw_bar_figure(canvas, x, y, width, self.figure, self.max_height)


@dataclass
class Row:
    """Blocks side by side; ``weights`` share the width, less the gaps between them."""

    children: Sequence[Flowable]
    weights: Sequence[float] = ()
    space_after: float = SPACE + 4.0

    def _widths(self, width: float) -> list[float]:
        weights = list(self.weights) or [1.0] * len(self.children)
        usable = width - COLUMN_GAP * (len(self.children) - 1)
        return [usable * w / sum(weights) for w in weights]

    def height(self, width: float) -> float:
        return max(c.height(w) for c, w in zip(self.children, self._widths(width), strict=True))

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        for child, w in zip(self.children, self._widths(width), strict=True):
            child.draw(canvas, x, y, w)
            x += w + COLUMN_GAP


@dataclass
class Column:
    """Blocks one under the other that must stay on one page together."""

    children: Sequence[Flowable]
    space_after: float = SPACE

    def height(self, width: float) -> float:
        return sum(c.height(width) + _space(c) for c in self.children) - _space(self.children[-1])

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        for child in self.children:
            child.draw(canvas, x, y, width)
            y += child.height(width) + _space(child)


SPILL_FRACTION = 0.5


class PageBreak:
    space_after = 0.0

    def height(self, width: float) -> float:
        return 0.0

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        return None


def _space(block: Flowable) -> float:
    return float(getattr(block, "space_after", SPACE))


@dataclass
class Page:
    placed: list[tuple[Flowable, float]] = field(default_factory=list)  # block, top from the body's top


def paginate(blocks: Sequence[Flowable], width: float, body_height: float) -> list[Page]:
    pages = [Page()]
    y = 0.0
    queue = list(blocks)
    while queue:
        block = queue.pop(0)
        page = pages[-1]
        if isinstance(block, PageBreak):
            # A section starts a page, unless the page holds no more than the spill-over of the
            # one before: a page with a few lines on it and the rest left blank reads as an error.
            if page.placed and (len(pages) == 1 or y > SPILL_FRACTION * body_height):
                pages.append(Page())
                y = 0.0
            continue
        h = block.height(width)
        need = h
        if getattr(block, "keep_with_next", False) and queue:
            # A heading never ends a page alone: it goes where the next block starts, all of it
            # unless that block can split (then a few lines of it).
            follow = queue[0].height(width)
            need += min(follow, 5 * SPACE) if hasattr(queue[0], "split") else follow
        if y + need <= body_height or (not page.placed and h <= body_height):
            page.placed.append((block, y))
            y += h + _space(block)
            continue
        split = getattr(block, "split", None)
        parts = split(width, body_height - y) if split is not None else None
        if parts is not None:
            page.placed.append((parts[0], y))
            queue.insert(0, parts[1])
        elif not page.placed:  # taller than a page and unsplittable: place it and move on
            page.placed.append((block, y))
            y = body_height
            continue
        else:
            queue.insert(0, block)
        pages.append(Page())
        y = 0.0
    return [p for p in pages if p.placed] or [Page()]


def muted_text(ts: Typesetter, text: str, size: float) -> Text:
    return Text(ts, text, size, italic=True, colour=MUTED)
