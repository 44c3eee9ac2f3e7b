"""Vector x-y plots drawn with QPainter: axes with labels and units, ticks, grid and a legend."""

from __future__ import annotations

from dataclasses import dataclass

from cellstack.report.axes import Axis, linear_axis, log_axis
from cellstack.report.canvas import Canvas, Typesetter
from cellstack.report.elements import LineFigure, Series
from cellstack.report.style import FIGURE_PT, GRID, MUTED, RULE, SMALL_PT, TEXT

TITLE_GAP = 4.0
TICK = 3.0
GAP = 3.0


def title_height(ts: Typesetter, title: str, width: float) -> float:
    return ts.text_height(title, ts.font(FIGURE_PT + 0.5, bold=True), width) + TITLE_GAP


def note_height(ts: Typesetter, note: str, width: float) -> float:
    if not note:
        return 0.0
    return GAP + ts.text_height(note, ts.font(SMALL_PT, italic=True), width)


def draw_title(canvas: Canvas, x: float, y: float, width: float, title: str) -> float:
    canvas.paragraph(x, y, width, title, canvas.ts.font(FIGURE_PT + 0.5, bold=True))
    return title_height(canvas.ts, title, width)


def draw_note(canvas: Canvas, x: float, y: float, width: float, note: str) -> None:
    if note:
        canvas.paragraph(x, y + GAP, width, note, canvas.ts.font(SMALL_PT, italic=True), MUTED)


def figure_height(ts: Typesetter, figure: LineFigure, width: float) -> float:
    return title_height(ts, figure.title, width) + figure.height_pt + note_height(ts, figure.note, width)


@dataclass(frozen=True)
class _Frame:
    left: float
    top: float
    width: float
    height: float

    def at(self, x_axis: Axis, y_axis: Axis, x: float, y: float) -> tuple[float, float] | None:
        fx, fy = x_axis.fraction(x), y_axis.fraction(y)
        if fx is None or fy is None:
            return None
        return self.left + fx * self.width, self.top + (1.0 - fy) * self.height


def _axes(figure: LineFigure) -> tuple[Axis, Axis]:
    xs = [v for s in figure.series for v in s.x]
    ys = [v for s in figure.series for v in s.y]
    x_axis = log_axis(xs) if figure.x_log else linear_axis(xs)
    y_axis = log_axis(ys) if figure.y_log else linear_axis(ys, from_zero=figure.y_from_zero)
    return x_axis, y_axis


def draw_line_figure(canvas: Canvas, x: float, y: float, width: float, figure: LineFigure) -> None:
    ts = canvas.ts
    top = y + draw_title(canvas, x, y, width, figure.title)
    chart_bottom = top + figure.height_pt
    x_axis, y_axis = _axes(figure)
    font = ts.font(FIGURE_PT)
    line = ts.line_height(font)
    tick_width = max((ts.width(label, font) for _, label in y_axis.ticks), default=0.0)
    left = x + line + GAP + tick_width + TICK + GAP
    last_x_label = x_axis.ticks[-1][1] if x_axis.ticks else ""
    right = x + width - max(4.0, ts.width(last_x_label, font) / 2)  # the last x label overhangs
    bottom = chart_bottom - 2 * line - TICK - GAP
    frame = _Frame(left, top + line / 2, right - left, bottom - top - line / 2)
    _draw_grid_and_ticks(canvas, frame, x_axis, y_axis)
    # Axis titles, shrunk if a narrow figure cannot hold them on one line.
    x_font = ts.fitted(figure.x_label, FIGURE_PT, frame.width)
    canvas.text(frame.left, chart_bottom - line, figure.x_label, x_font, TEXT, frame.width, "center")
    y_font = ts.fitted(figure.y_label, FIGURE_PT, frame.height)
    y_middle = frame.top + (frame.height + ts.width(figure.y_label, y_font)) / 2
    canvas.vertical_text(x, y_middle, figure.y_label, y_font)
    drawn = _draw_series(canvas, frame, x_axis, y_axis, figure.series)
    if not drawn:
        message = "no data" if not figure.note else "nothing to plot (see below)"
        canvas.text(
            frame.left,
            frame.top + frame.height / 2 - line / 2,
            message,
            ts.font(FIGURE_PT, italic=True),
            MUTED,
            frame.width,
            "center",
        )
    else:
        _draw_legend(canvas, frame, figure.series, drawn)
    draw_note(canvas, x, chart_bottom, width, figure.note)


def _draw_grid_and_ticks(canvas: Canvas, frame: _Frame, x_axis: Axis, y_axis: Axis) -> None:
    ts = canvas.ts
    font = ts.font(FIGURE_PT)
    bottom, right = frame.top + frame.height, frame.left + frame.width
    for value, label in x_axis.ticks:
        fx = x_axis.fraction(value)
        if fx is None:
            continue
        px = frame.left + fx * frame.width
        canvas.line(px, frame.top, px, bottom, GRID, 0.4)
        canvas.line(px, bottom, px, bottom + TICK, TEXT, 0.5)
        half = ts.width(label, font) / 2
        canvas.text(px - half, bottom + TICK + 1.0, label, font)
    for value in x_axis.minor:
        fx = x_axis.fraction(value)
        if fx is not None:
            px = frame.left + fx * frame.width
            canvas.line(px, bottom, px, bottom + TICK * 0.6, TEXT, 0.4)
    for value, label in y_axis.ticks:
        fy = y_axis.fraction(value)
        if fy is None:
            continue
        py = frame.top + (1.0 - fy) * frame.height
        canvas.line(frame.left, py, right, py, GRID, 0.4)
        canvas.line(frame.left - TICK, py, frame.left, py, TEXT, 0.5)
        label_width = ts.width(label, font)
        canvas.text(frame.left - TICK - GAP - label_width, py - ts.line_height(font) / 2.24, label, font)
    for value in y_axis.minor:
        fy = y_axis.fraction(value)
        if fy is not None:
            py = frame.top + (1.0 - fy) * frame.height
            canvas.line(frame.left - TICK * 0.6, py, frame.left, py, TEXT, 0.4)
    canvas.rect(frame.left, frame.top, frame.width, frame.height, stroke=TEXT, width=0.6)


def _draw_series(
    canvas: Canvas, frame: _Frame, x_axis: Axis, y_axis: Axis, series: tuple[Series, ...]
) -> list[list[tuple[float, float]]]:
    """Draws each series clipped to the frame; returns the page points of each, for the legend."""
    clip = (frame.left, frame.top, frame.width, frame.height)
    placed: list[list[tuple[float, float]]] = []
    for s in series:
        points = [p for p in (frame.at(x_axis, y_axis, vx, vy) for vx, vy in zip(s.x, s.y, strict=True)) if p]
        placed.append(points)
        canvas.polyline(points, s.colour, 1.0 if s.dashed else 1.3, s.dashed, clip)
        if s.markers:
            for px, py in points:
                inside = frame.left - 0.1 <= px <= frame.left + frame.width + 0.1
                if inside and frame.top - 0.1 <= py <= frame.top + frame.height + 0.1:
                    canvas.marker(px, py, s.colour)
    return placed if any(placed) else []


def _draw_legend(
    canvas: Canvas, frame: _Frame, series: tuple[Series, ...], placed: list[list[tuple[float, float]]]
) -> None:
    ts = canvas.ts
    labels = [s.label for s in series]
    sample, pad = 14.0, 3.0
    widest = max(labels, key=lambda t: ts.width(t, ts.font(FIGURE_PT - 0.5)))
    font = ts.fitted(widest, FIGURE_PT - 0.5, frame.width * 0.55 - sample - 3 * pad)
    line = ts.line_height(font)
    box_w = sample + 3 * pad + max(ts.width(t, font) for t in labels)
    box_h = len(labels) * line + 2 * pad
    inset = 5.0
    corners = [
        (frame.left + frame.width - box_w - inset, frame.top + inset),  # top right first
        (frame.left + inset, frame.top + frame.height - box_h - inset),
        (frame.left + frame.width - box_w - inset, frame.top + frame.height - box_h - inset),
        (frame.left + inset, frame.top + inset),
    ]

    def covered(corner: tuple[float, float]) -> int:
        cx, cy = corner
        return sum(1 for pts in placed for px, py in pts if cx <= px <= cx + box_w and cy <= py <= cy + box_h)

    bx, by = min(corners, key=covered)
    canvas.rect(bx, by, box_w, box_h, fill="#ffffff", stroke=RULE, width=0.5)
    for i, s in enumerate(series):
        row_y = by + pad + i * line
        middle = row_y + line / 2
        canvas.line(bx + pad, middle, bx + pad + sample, middle, s.colour, 1.3, s.dashed)
        if s.markers:
            canvas.marker(bx + pad + sample / 2, middle, s.colour)
        canvas.text(bx + 2 * pad + sample, row_y + (line - ts.line_height(font)) / 2, s.label, font)
