"""Designs' cross-sections side by side, drawn by the PDF report's own code on a paper-white sheet.

The comparison PDF shows these very drawings, so what the Compare window shows is what the PDF
prints; each design's name is written above its drawing in the design's colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from cellstack.report.canvas import Canvas, Typesetter
from cellstack.report.cross_section import CrossSectionFlow
from cellstack.report.elements import CrossSection

PAPER = "#ffffff"  # the report's colours are for paper; a dark window still shows them on white
ZOOM = 1.3  # the report's 7 pt labels are small at screen resolution
GAP_PT = 14.0
NAME_PT = 9.0


class SectionSheet(QWidget):
    """Paints (name, colour, cross-section) triples in equal columns, fitted to the height."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareSections")
        self.setAccessibleName("Cross-sections of the compared designs")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.sections: list[tuple[str, str, CrossSection]] = []

    def sizeHint(self) -> QSize:
        return QSize(600, 360)

    def set_sections(self, sections: Sequence[tuple[str, str, CrossSection]]) -> None:
        self.sections = list(sections)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(PAPER))
        if not self.sections:
            return
        ts = Typesetter(self)
        points = ts.scale * ZOOM  # device pixels per point
        painter.scale(ZOOM, ZOOM)
        width, height = self.width() / points, self.height() / points
        column = (width - GAP_PT * (len(self.sections) + 1)) / len(self.sections)
        canvas = Canvas(painter, ts)
        name_font = ts.font(NAME_PT, bold=True)
        names = [ts.wrap(name, name_font, column)[:2] for name, _, _ in self.sections]
        top = GAP_PT * 0.6 + ts.line_height(name_font) * max(len(lines) for lines in names) + 4.0
        for i, (_, colour, section) in enumerate(self.sections):
            x = GAP_PT + i * (column + GAP_PT)
            for n, line in enumerate(names[i]):
                canvas.text(x, GAP_PT * 0.6 + n * ts.line_height(name_font), line, name_font, colour)
            flow = CrossSectionFlow(section, ts, max(height - top - GAP_PT * 0.6, 60.0))
            flow.draw(canvas, x, top, column)
        painter.end()

    def text_at(self, index: int) -> str:
        """The name shown above drawing ``index`` (for tests and screen readers)."""
        return self.sections[index][0]
