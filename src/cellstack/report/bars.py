"""Horizontal bar charts drawn with QPainter: labels on the left, values at the bars' ends."""

from __future__ import annotations

from dataclasses import dataclass

from cellstack.report.axes import linear_axis
from cellstack.report.canvas import Canvas, Typesetter
from cellstack.report.elements import BarFigure
from cellstack.report.plots import GAP, TICK, draw_note, draw_title, note_height, title_height
from cellstack.report.style import FIGURE_PT, GRID, MIN_PT, MUTED, TEXT

LABEL_SHARE = 0.42  # of the figure's width, at most, for the row labels
MAX_LABEL_LINES = 2


@dataclass(frozen=True)
class _Rows:
    size: float  # font size of labels and values
    label_width: float
    value_width: float
    labels: tuple[tuple[str, ...], ...]  # wrapped lines of each label
    heights: tuple[float, ...]

    @property
    def total(self) -> float:
        return sum(self.heights)


def _rows(ts: Typesetter, figure: BarFigure, width: float, size: float) -> _Rows:
    font = ts.font(size)
    line = ts.line_height(font)
    value_width = max((ts.width(b.text, font) for b in figure.bars), default=0.0) + GAP
    natural = max((ts.width(b.label, font) for b in figure.bars), default=0.0)
    label_width = min(natural, width * LABEL_SHARE)
    labels = tuple(tuple(ts.wrap(b.label, font, label_width)) for b in figure.bars)
    minimum = max(size * 1.7, 4.0)  # bar plus air, even for a one-line label
    heights = tuple(max(minimum, len(lines) * line + 2.0) for lines in labels)
    return _Rows(size, label_width, value_width, labels, heights)


def _fit(ts: Typesetter, figure: BarFigure, width: float, max_height: float) -> _Rows:
    """The largest font (down to MIN_PT) whose labels wrap to two lines and whose rows fit."""
    size = FIGURE_PT
    while True:
        rows = _rows(ts, figure, width, size)
        fits = rows.total <= max_height and all(len(lines) <= MAX_LABEL_LINES for lines in rows.labels)
        if fits or size <= MIN_PT:
            return rows
        size = max(MIN_PT, size - 0.5)


def _axis_height(ts: Typesetter) -> float:
    return TICK + 2 * ts.line_height(ts.font(FIGURE_PT)) + GAP


def bar_figure_height(ts: Typesetter, figure: BarFigure, width: float, max_height: float) -> float:
    fixed = title_height(ts, figure.title, width) + note_height(ts, figure.note, width) + _axis_height(ts)
    if not figure.bars:
        return fixed + 24.0
    rows = _fit(ts, figure, width, max(40.0, max_height - fixed))
    return fixed + rows.total


def draw_bar_figure(
    canvas: Canvas, x: float, y: float, width: float, figure: BarFigure, max_height: float
) -> None:
    ts = canvas.ts
    top = y + draw_title(canvas, x, y, width, figure.title)
    fixed = title_height(ts, figure.title, width) + note_height(ts, figure.note, width) + _axis_height(ts)
    axis_font = ts.font(FIGURE_PT)
    if not figure.bars:
        canvas.text(x, top + 6.0, "nothing to show", ts.font(FIGURE_PT, italic=True), MUTED, width, "center")
        draw_note(canvas, x, top + 24.0 + _axis_height(ts), width, figure.note)
        return
    rows = _fit(ts, figure, width, max(40.0, max_height - fixed))
    font = ts.font(rows.size)
    axis = linear_axis([0.0, *(b.value for b in figure.bars)], from_zero=True, target=4)
    left = x + rows.label_width + GAP
    last_label = axis.ticks[-1][1] if axis.ticks else ""
    span = x + width - rows.value_width - left
    span = min(span, x + width - ts.width(last_label, axis_font) / 2 - left)  # room for the last tick
    span = max(span, 10.0)
    bottom = top + rows.total
    for value, label in axis.ticks:  # grid first, so the bars lie on top of it
        fraction = axis.fraction(value)
        if fraction is None:
            continue
        px = left + fraction * span
        canvas.line(px, top, px, bottom, GRID, 0.4)
        canvas.line(px, bottom, px, bottom + TICK, TEXT, 0.5)
        canvas.text(px - ts.width(label, axis_font) / 2, bottom + TICK + 1.0, label, axis_font)
    row_top = top
    line = ts.line_height(font)
    for bar, lines, height in zip(figure.bars, rows.labels, rows.heights, strict=True):
        middle = row_top + height / 2
        canvas.lines(x, middle - len(lines) * line / 2, lines, font, TEXT, rows.label_width, "right")
        fraction = axis.fraction(bar.value) or 0.0
        length = max(0.0, fraction * span)
        thickness = min(height * 0.62, 10.0)
        if length > 0:
            canvas.rect(left, middle - thickness / 2, length, thickness, fill=bar.colour)
            if bar.hatched:
                canvas.hatch(left, middle - thickness / 2, length, thickness, "#ffffff")
                canvas.rect(left, middle - thickness / 2, length, thickness, stroke=bar.colour, width=0.6)
        canvas.text(left + length + GAP, middle - line / 2.24, bar.text, font, TEXT)
        row_top += height
    canvas.line(left, top, left, bottom, TEXT, 0.6)
    canvas.line(left, bottom, left + span, bottom, TEXT, 0.6)
    label_font = ts.fitted(figure.axis_label, FIGURE_PT, span)
    axis_line = ts.line_height(axis_font)
    canvas.text(left, bottom + TICK + 1.0 + axis_line, figure.axis_label, label_font, TEXT, span, "center")
    draw_note(canvas, x, bottom + _axis_height(ts), width, figure.note)
