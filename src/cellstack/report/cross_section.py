"""The stack's cross-section as vector graphics: thickness to scale, a scale bar, labelled layers.

Thickness is drawn to one linear scale, so a 5 nm interlayer next to a 100 µm pellet is a hairline:
that is the truth the drawing has to tell. Such layers get a minimum visible stroke, and every
layer a label (name and thickness) joined to it by a leader line; labels are spread apart so
none overlaps another.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QFont

from cellstack.report.canvas import Canvas, Typesetter
from cellstack.report.elements import CrossSection
from cellstack.report.style import FIGURE_PT, MUTED, RULE, SMALL_PT, TEXT

DRAWING_HEIGHT = 230.0  # points for the whole stack
MIN_STROKE = 0.35  # a layer thinner than this on the page is drawn this thick
SCALE_COLUMN = 34.0
LEADER = 16.0
LABEL_GAP = 1.0
MAX_LABEL_LINES = 2
TITLE = "Cross-section: thickness to scale, width not"


def _label(name: str, thickness: str) -> str:
    # No-break spaces keep the thickness, its unit and the name's last word on one line.
    nbsp = "\u00a0"
    return f"{name}{nbsp}·{nbsp}{thickness.replace(' ', nbsp)}"


def _nice_length(limit_m: float) -> float:
    """The largest 1-2-5 length not above ``limit_m``."""
    exponent = math.floor(math.log10(limit_m))
    for factor in (5.0, 2.0, 1.0):
        if factor * 10.0**exponent <= limit_m:
            return factor * 10.0**exponent
    return 10.0**exponent


def _length_text(metres: float) -> str:
    if metres < 1e-6:
        return f"{metres * 1e9:g} nm"
    if metres < 1e-3:
        return f"{metres * 1e6:g} µm"
    return f"{metres * 1e3:g} mm"


class CrossSectionFlow:
    """Measures and draws one cross-section in a given width, within a height limit."""

    def __init__(self, section: CrossSection, ts: Typesetter, max_height: float) -> None:
        self.section = section
        self.ts = ts
        self.max_height = max_height
        self._plans: dict[float, tuple[QFont, list[list[str]], float]] = {}

    def _title_font(self) -> QFont:
        return self.ts.font(FIGURE_PT + 0.5, bold=True)

    def _title_height(self, width: float) -> float:
        return self.ts.text_height(TITLE, self._title_font(), width) + 4.0

    def _footer(self) -> str:
        s = self.section
        text = f"Active area {s.active_area_cm2:.4g} cm², footprint {s.footprint_area_cm2:.4g} cm²"
        if s.footprint_area_cm2 > s.active_area_cm2 * (1 + 1e-9):
            text += " (the full-width layers)"
        if s.plated_lithium_m:
            text += f". Anode-free: {_length_text(float(f'{s.plated_lithium_m:.3g}'))} of Li plates on charge"
        return text + "."

    def _footer_height(self, width: float) -> float:
        return 4.0 + self.ts.text_height(self._footer(), self.ts.font(SMALL_PT, italic=True), width)

    def _label_width(self, width: float) -> float:
        return max(40.0, width - SCALE_COLUMN - self._drawing_width(width) - LEADER)

    @staticmethod
    def _drawing_width(width: float) -> float:
        return min(90.0, max(40.0, width * 0.3))

    def _plan(self, width: float) -> tuple[QFont, list[list[str]], float]:
        """Label font, wrapped labels (top layer first) and the height the labels need."""
        plan = self._plans.get(width)
        if plan is not None:
            return plan
        label_width = self._label_width(width)
        texts = [_label(layer.name, layer.thickness_text) for layer in reversed(self.section.layers)]
        limit = max(DRAWING_HEIGHT, self.max_height - self._title_height(width) - self._footer_height(width))
        size = FIGURE_PT
        while True:
            font = self.ts.font(size)
            wrapped = [self.ts.wrap(t, font, label_width) for t in texts]
            need = sum(len(w) for w in wrapped) * self.ts.line_height(font) + LABEL_GAP * len(wrapped)
            short = all(len(w) <= MAX_LABEL_LINES for w in wrapped)
            if (short and need <= limit) or size <= 3.0:
                plan = (font, wrapped, need)
                self._plans[width] = plan
                return plan
            size -= 0.25

    def height(self, width: float) -> float:
        _, _, need = self._plan(width)
        return self._title_height(width) + max(DRAWING_HEIGHT, need) + self._footer_height(width)

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        ts = self.ts
        canvas.paragraph(x, y, width, TITLE, self._title_font())
        font, wrapped, need = self._plan(width)
        region_top = y + self._title_height(width)
        region = max(DRAWING_HEIGHT, need)
        draw_top = region_top + (region - DRAWING_HEIGHT) / 2  # the drawing centred on its labels
        layers = self.section.layers
        total = sum(layer.thickness_m for layer in layers)
        scale = DRAWING_HEIGHT / total if total > 0 else 0.0
        dx = x + SCALE_COLUMN
        dw = self._drawing_width(width)
        narrow = self.section.footprint_area_cm2 > self.section.active_area_cm2 * (1 + 1e-9)
        centres: list[float] = []
        edges: list[float] = []  # right edge of each layer, where its leader line starts
        bottom = draw_top + DRAWING_HEIGHT
        for layer in layers:  # bottom to top
            h = layer.thickness_m * scale
            lw = dw if layer.spans_footprint or not narrow else dw * 0.72
            lx = dx + (dw - lw) / 2
            top = bottom - h
            centre = bottom - h / 2
            shown = max(h, MIN_STROKE)
            canvas.rect(lx, centre - shown / 2, lw, shown, fill=layer.colour)
            centres.append(centre)
            edges.append(lx + lw)
            bottom = top
        canvas.rect(dx, draw_top, dw, DRAWING_HEIGHT, stroke=RULE, width=0.3)
        self._scale_bar(canvas, x, draw_top, total)
        anchors = list(reversed(list(zip(edges, centres, strict=True))))  # top layer first, as labelled
        self._labels(canvas, dx + dw, x + width, region_top, region, font, wrapped, anchors)
        footer_font = ts.font(SMALL_PT, italic=True)
        canvas.paragraph(x, region_top + region + 4.0, width, self._footer(), footer_font, MUTED)

    def _scale_bar(self, canvas: Canvas, x: float, top: float, total_m: float) -> None:
        if total_m <= 0:
            return
        length = _nice_length(total_m * 0.4)
        h = length / total_m * DRAWING_HEIGHT
        bar_x = x + 8.0
        bottom = top + DRAWING_HEIGHT
        canvas.line(bar_x, bottom, bar_x, bottom - h, TEXT, 1.0)
        for end in (bottom, bottom - h):
            canvas.line(bar_x - 2.5, end, bar_x + 2.5, end, TEXT, 0.6)
        text = _length_text(length)
        font = canvas.ts.fitted(text, FIGURE_PT, h)
        # Beside the bar, read bottom to top, so a long unit never runs into the drawing.
        canvas.vertical_text(bar_x + 3.5, bottom - (h - canvas.ts.width(text, font)) / 2, text, font)

    def _labels(
        self,
        canvas: Canvas,
        edge: float,
        right: float,
        top: float,
        region: float,
        font: QFont,
        wrapped: list[list[str]],
        anchors: list[tuple[float, float]],
    ) -> None:
        """Labels top layer first, each as near its layer as the others allow."""
        line = self.ts.line_height(font)
        heights = [len(w) * line for w in wrapped]
        tops = [c - h / 2 for (_, c), h in zip(anchors, heights, strict=True)]
        floor = top
        for i, h in enumerate(heights):  # push down past the label above
            tops[i] = max(tops[i], floor)
            floor = tops[i] + h + LABEL_GAP
        ceiling = top + region
        for i in range(len(heights) - 1, -1, -1):  # then up, off the bottom of the region
            tops[i] = min(tops[i], ceiling - heights[i])
            ceiling = tops[i] - LABEL_GAP
        label_x = edge + LEADER
        label_width = right - label_x
        for lines, label_top, h, (start, centre) in zip(wrapped, tops, heights, anchors, strict=True):
            middle = label_top + h / 2
            canvas.polyline(
                [
                    (start + 1.0, centre),
                    (edge + 5.0, centre),
                    (label_x - 4.0, middle),
                    (label_x - 1.5, middle),
                ],
                MUTED,
                0.4,
            )
            canvas.lines(label_x, label_top, lines, font, TEXT, label_width)
