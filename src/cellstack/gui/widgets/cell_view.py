"""The to-scale drawing of the cell: the sketch's primitives (cellstack.core.cell.sketch) painted
with QPainter, coloured by part from the app's palette, light or dark, with a legend below."""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from cellstack.core.cell.sketch import (
    LAYER_ROLE,
    Anchor,
    Box,
    CellSketch,
    Dimension,
    Disc,
    Label,
    Line,
    Part,
    View,
    sketch_cell,
)
from cellstack.core.errors import InputError
from cellstack.gui import theme
from cellstack.gui.document import Document

# Parts that are not layers of the stack: metal greys, a dark polymer gasket (light, dark scheme).
HARDWARE_COLOURS: dict[Part, tuple[str, str]] = {
    Part.CASE: ("#9aa3ab", "#7d868e"),
    Part.CAP: ("#b7bec4", "#98a0a7"),
    Part.GASKET: ("#3c3c3c", "#5a5a5a"),
    Part.SPACER: ("#c9ced2", "#a9b0b5"),
    Part.SPRING: ("#6b747c", "#c2c8cc"),
    Part.FRAME: ("#b08d57", "#c9a46a"),
    Part.FIXTURE_PLATE: ("#7f8c8d", "#95a5a6"),
}
MARGIN_PX = 8.0
TITLE_PX = 34.0  # two lines: a long title wraps rather than losing its end


def part_colour(part: Part, dark: bool, text: QColor) -> QColor:
    if part in LAYER_ROLE:
        colour = theme.role_colour(LAYER_ROLE[part])
        if part is Part.SEAL:
            colour = colour.lighter(130) if not dark else colour.darker(130)
        return colour
    if part in HARDWARE_COLOURS:
        return QColor(HARDWARE_COLOURS[part][dark])
    return text  # annotations are written in the text colour


class SketchCanvas(QWidget):
    """Paints the views side by side, each fitted to its share of the width at one scale."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("cellCanvas")
        self.sketch: CellSketch | None = None
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(380, 220)

    def set_sketch(self, sketch: CellSketch | None) -> None:
        """Repaint the views that changed: a thickness edit changes the side view's numbers, never
        the top view, and a pouch's side view alone is dozens of sheets."""
        old, self.sketch = self.sketch, sketch
        if old is None or sketch is None or len(old.views) != len(sketch.views):
            self.update()
            return
        for i, (before, after) in enumerate(zip(old.views, sketch.views, strict=True)):
            if before != after:
                self.update(self._area(i, len(sketch.views)).toAlignedRect())

    def _area(self, index: int, count: int) -> QRectF:
        share = self.width() / count
        return QRectF(index * share, 0.0, share, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Base))
        if self.sketch is None or not self.sketch.views:
            return
        views = self.sketch.views
        for i, view in enumerate(views):
            area = self._area(i, len(views))
            if area.intersects(QRectF(event.rect())):
                self._paint_view(painter, view, area)

    def _paint_view(self, painter: QPainter, view: View, area: QRectF) -> None:
        text = self.palette().color(QPalette.ColorRole.Text)
        dark = theme.is_dark()
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text)
        said = view.to_scale or "scale" in view.title
        title = view.title + ("" if said else " (not to scale)")
        title_rect = QRectF(area.left() + MARGIN_PX, area.top() + 2, area.width() - 2 * MARGIN_PX, TITLE_PX)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(title_rect, flags, title)
        painter.setFont(self.font())
        # Room around the drawing for the dimension texts (below and to the right).
        label_w = painter.fontMetrics().horizontalAdvance("000 mm") + 6
        label_h = painter.fontMetrics().height() + 2
        room = area.adjusted(MARGIN_PX, TITLE_PX + 6, -MARGIN_PX - label_w, -MARGIN_PX - label_h)
        extent = view.extent
        if extent.width_m <= 0 or extent.height_m <= 0 or room.width() <= 0 or room.height() <= 0:
            return
        scale = min(room.width() / extent.width_m, room.height() / extent.height_m)  # px per metre
        drawn_w, drawn_h = extent.width_m * scale, extent.height_m * scale
        left = room.left() + (room.width() - drawn_w) / 2
        bottom = room.top() + (room.height() + drawn_h) / 2

        def point(x_m: float, y_m: float) -> QPointF:  # y up in the sketch, down on screen
            return QPointF(left + (x_m - extent.x0_m) * scale, bottom - (y_m - extent.y0_m) * scale)

        outline = QColor(text)
        outline.setAlpha(140)
        for item in view.primitives:
            colour = part_colour(item.part, dark, text) if not isinstance(item, Dimension) else text
            if isinstance(item, Box):
                rect = QRectF(point(item.x_m, item.top_m), point(item.right_m, item.y_m))
                painter.setPen(QPen(outline if item.filled else colour, 1.0 if item.filled else 1.6))
                painter.setBrush(colour if item.filled else Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
            elif isinstance(item, Disc):
                centre = point(item.centre_x_m, item.centre_y_m)
                painter.setPen(QPen(outline, 1.0))
                painter.setBrush(colour)
                painter.drawEllipse(centre, item.radius_m * scale, item.radius_m * scale)
                if item.inner_radius_m > 0:
                    painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
                    painter.drawEllipse(centre, item.inner_radius_m * scale, item.inner_radius_m * scale)
            elif isinstance(item, Line):
                painter.setPen(QPen(colour, 1.4))
                painter.drawLine(point(item.x1_m, item.y1_m), point(item.x2_m, item.y2_m))
            elif isinstance(item, Dimension):
                self._dimension(painter, item, point(item.x1_m, item.y1_m), point(item.x2_m, item.y2_m), text)
            elif isinstance(item, Label):
                self._label(painter, item.text, point(item.x_m, item.y_m), item.anchor, colour)

    @staticmethod
    def _dimension(painter: QPainter, item: Dimension, a: QPointF, b: QPointF, colour: QColor) -> None:
        painter.setPen(QPen(colour, 1.0))
        painter.drawLine(a, b)
        horizontal = abs(a.y() - b.y()) < abs(a.x() - b.x())
        tick = QPointF(0.0, 4.0) if horizontal else QPointF(4.0, 0.0)
        for end in (a, b):
            painter.drawLine(end - tick, end + tick)
        middle = (a + b) / 2
        SketchCanvas._label(painter, item.text, middle, _away(item.side), colour)

    @staticmethod
    def _label(painter: QPainter, text: str, at: QPointF, anchor: Anchor, colour: QColor) -> None:
        metrics = painter.fontMetrics()
        w, h = metrics.horizontalAdvance(text) + 4, metrics.height()
        x = {Anchor.EAST: at.x() - w, Anchor.WEST: at.x()}.get(anchor, at.x() - w / 2)
        y = {Anchor.NORTH: at.y(), Anchor.SOUTH: at.y() - h}.get(anchor, at.y() - h / 2)
        painter.setPen(colour)
        painter.drawText(QRectF(x, y, w, h), Qt.AlignmentFlag.AlignCenter, text)


def _away(side: Anchor) -> Anchor:
    """A dimension's text written on SIDE of its line: the anchor of the text box at the line."""
    return {Anchor.SOUTH: Anchor.NORTH, Anchor.NORTH: Anchor.SOUTH, Anchor.EAST: Anchor.WEST,
            Anchor.WEST: Anchor.EAST}.get(side, Anchor.CENTRE)  # fmt: skip


class CellView(QWidget):
    """The drawing and its legend; follows the document."""

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.setObjectName("cellView")
        self.document = document
        self.canvas = SketchCanvas()
        self.legend = QLabel("")
        self.legend.setObjectName("cellLegend")
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.legend)
        self._shown: object = None
        document.stackChanged.connect(self.refresh)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        # Drawn only while shown: a thickness drag in the layer editor (the tab in front of this
        # one) then costs no sketch at all.
        if not self.isVisible():
            return
        project = self.document.project
        key = (project.stack, project.cell_format, project.fixture)
        if key == self._shown:  # an edit of the settings or the fill leaves the drawing as it is
            return
        self._shown = key
        try:
            sketch = sketch_cell(project.cell(), self.document.cell_metrics)
        except InputError as exc:  # the document holds computable designs; said rather than raised
            self.canvas.set_sketch(None)
            self.legend.setText(html.escape(exc.one_line()))
            return
        self.canvas.set_sketch(sketch)
        self.legend.setText(self._legend_html(sketch))

    def _legend_html(self, sketch: CellSketch) -> str:
        dark = theme.is_dark()
        text = self.palette().color(QPalette.ColorRole.Text)
        rows: list[str] = []
        seen: set[tuple[Part, str]] = set()
        for view in sketch.views:
            for part, words in view.legend:
                if (part, words) in seen:
                    continue
                seen.add((part, words))
                colour = part_colour(part, dark, text).name()
                swatch = f'<span style="color:{colour}">■</span>' if part is not Part.ANNOTATION else "·"
                # An item never breaks inside: the label wraps between items only.
                rows.append(f"{swatch}&nbsp;{html.escape(words).replace(' ', '&nbsp;')}")
        return "<small>" + " &nbsp; ".join(rows) + "</small>"
