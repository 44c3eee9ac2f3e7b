"""The cell's sketch drawn on the page: each view scaled to fit, its dimensions and its legend.

The geometry comes from cellstack.core.cell.sketch in metres (y up); here it becomes points on
the page (y down), one scale per view so a drawing stays to scale in both directions unless the
sketch says otherwise (a pouch's side view).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, Qt

from cellstack.core.cell.sketch import Anchor, Box, Dimension, Disc, Label, Line, Part, Primitive, View
from cellstack.report.canvas import Canvas, Typesetter
from cellstack.report.elements import CellDrawing
from cellstack.report.layout import Row
from cellstack.report.style import FIGURE_PT, MUTED, PART_COLOURS, SMALL_PT, TEXT

DRAWING_HEIGHT = 160.0  # points, at most, for one view's drawing
SWATCH = 7.0
TICK = 2.5
AIR = 3.0
OUTLINE = "#4a4a4a"
WIDE_ASPECT = 2.5


def _colour(part: Part) -> str:
    return PART_COLOURS.get(part, TEXT)


@dataclass
class _Frame:
    """Where a view lands on the page: metres to points."""

    left: float
    top: float
    scale: float  # points per metre
    view: View

    def x(self, x_m: float) -> float:
        return self.left + (x_m - self.view.extent.x0_m) * self.scale

    def y(self, y_m: float) -> float:
        return self.top + (self.view.extent.y1_m - y_m) * self.scale


class ViewFlow:
    """One view: its title, the drawing scaled into the width, then its legend."""

    def __init__(self, view: View, ts: Typesetter, max_drawing: float = DRAWING_HEIGHT) -> None:
        self.view = view
        self.ts = ts
        self.max_drawing = max_drawing
        self.space_after = 8.0

    def _font(self) -> QFont:
        return self.ts.font(FIGURE_PT)

    def _title_font(self) -> QFont:
        return self.ts.font(FIGURE_PT + 0.5, bold=True)

    def _margins(self) -> tuple[float, float]:
        """Room right of the drawing for the vertical dimension's text, and below for the other's."""
        font = self._font()
        right = max(
            (
                self.ts.width(p.text, font) + AIR
                for p in self.view.primitives
                if isinstance(p, Dimension) and p.side is Anchor.EAST
            ),
            default=0.0,
        )
        return right, self.ts.line_height(font) + AIR

    def _scale(self, width: float) -> float:
        extent = self.view.extent
        right, below = self._margins()
        by_width = (width - right) / extent.width_m if extent.width_m > 0 else 0.0
        by_height = (self.max_drawing - below) / extent.height_m if extent.height_m > 0 else by_width
        return max(0.0, min(by_width, by_height))

    def _drawing_height(self, width: float) -> float:
        return self.view.extent.height_m * self._scale(width) + self._margins()[1]

    def _legend_rows(self, width: float) -> list[tuple[Part, list[str]]]:
        font = self.ts.font(SMALL_PT)
        return [(part, self.ts.wrap(text, font, width - SWATCH - AIR)) for part, text in self.view.legend]

    def _legend_height(self, width: float) -> float:
        line = self.ts.line_height(self.ts.font(SMALL_PT))
        return sum(len(lines) * line for _, lines in self._legend_rows(width))

    def height(self, width: float) -> float:
        title = self.ts.text_height(self.view.title, self._title_font(), width) + AIR
        return title + self._drawing_height(width) + AIR + self._legend_height(width)

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        y += canvas.paragraph(x, y, width, self.view.title, self._title_font()) + AIR
        frame = _Frame(x, y, self._scale(width), self.view)
        for item in self.view.primitives:
            _draw(canvas, frame, item, self._font())
        y += self._drawing_height(width) + AIR
        font = self.ts.font(SMALL_PT)
        line = self.ts.line_height(font)
        for part, lines in self._legend_rows(width):
            if part is not Part.ANNOTATION:
                canvas.rect(x, y + (line - SWATCH) / 2, SWATCH, SWATCH, _colour(part), OUTLINE, 0.3)
            canvas.lines(x + SWATCH + AIR, y, lines, font, TEXT if part is not Part.ANNOTATION else MUTED)
            y += len(lines) * line


def _draw(canvas: Canvas, frame: _Frame, item: Primitive, font: QFont) -> None:
    if isinstance(item, Box):
        left, top = frame.x(item.x_m), frame.y(item.top_m)
        w, h = item.width_m * frame.scale, item.height_m * frame.scale
        if item.filled:
            canvas.rect(left, top, w, h, _colour(item.part), OUTLINE, 0.25)
        else:
            canvas.rect(left, top, w, h, None, _colour(item.part), 0.8)
    elif isinstance(item, Disc):
        _disc(canvas, frame, item)
    elif isinstance(item, Line):
        canvas.line(
            frame.x(item.x1_m),
            frame.y(item.y1_m),
            frame.x(item.x2_m),
            frame.y(item.y2_m),
            _colour(item.part),
            0.7,
        )
    elif isinstance(item, Label):
        _label(canvas, frame.x(item.x_m), frame.y(item.y_m), item.text, item.anchor, font)
    else:
        _dimension(canvas, frame, item, font)


def _disc(canvas: Canvas, frame: _Frame, disc: Disc) -> None:
    k = canvas.k
    centre = QPointF(frame.x(disc.centre_x_m) * k, frame.y(disc.centre_y_m) * k)
    path = QPainterPath()
    path.addEllipse(centre, disc.radius_m * frame.scale * k, disc.radius_m * frame.scale * k)
    if disc.inner_radius_m > 0:
        inner = disc.inner_radius_m * frame.scale * k
        path.addEllipse(centre, inner, inner)  # odd-even fill leaves the hole open
    canvas.painter.setPen(canvas.pen(OUTLINE, 0.25))
    canvas.painter.setBrush(QBrush(QColor(_colour(disc.part))))
    canvas.painter.drawPath(path)
    canvas.painter.setBrush(Qt.BrushStyle.NoBrush)


def _label(canvas: Canvas, x: float, y: float, text: str, anchor: Anchor, font: QFont) -> None:
    ts = canvas.ts
    w, h = ts.width(text, font), ts.line_height(font) / 1.12
    left = {Anchor.EAST: x - w, Anchor.WEST: x}.get(anchor, x - w / 2)
    top = {Anchor.NORTH: y, Anchor.SOUTH: y - h}.get(anchor, y - h / 2)
    canvas.rect(left - 1.0, top, w + 2.0, h, "#ffffff")  # legible over the parts behind it
    canvas.text(left, top, text, font, TEXT)


def _dimension(canvas: Canvas, frame: _Frame, dim: Dimension, font: QFont) -> None:
    x1, y1, x2, y2 = frame.x(dim.x1_m), frame.y(dim.y1_m), frame.x(dim.x2_m), frame.y(dim.y2_m)
    canvas.line(x1, y1, x2, y2, MUTED, 0.5)
    horizontal = abs(y2 - y1) < abs(x2 - x1)
    for px, py in ((x1, y1), (x2, y2)):
        if horizontal:
            canvas.line(px, py - TICK, px, py + TICK, MUTED, 0.5)
        else:
            canvas.line(px - TICK, py, px + TICK, py, MUTED, 0.5)
    mid_x, mid_y = (x1 + x2) / 2, (y1 + y2) / 2
    if dim.side is Anchor.EAST:
        _label(canvas, mid_x + AIR, mid_y, dim.text, Anchor.WEST, font)
    else:
        _label(canvas, mid_x, mid_y + AIR / 2, dim.text, Anchor.NORTH, font)


def cell_drawing_flow(drawing: CellDrawing, ts: Typesetter) -> Row:
    """The views side by side. Wide, flat views (a coin's) share the width by their aspect so
    each is drawn as tall as it can be; others share it equally."""
    aspects = [v.extent.width_m / v.extent.height_m if v.extent.height_m > 0 else 1.0 for v in drawing.views]
    weights = aspects if all(a > WIDE_ASPECT for a in aspects) else [1.0] * len(aspects)
    return Row([ViewFlow(v, ts) for v in drawing.views], weights)
