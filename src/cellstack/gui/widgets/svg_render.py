"""Write a graphics view as an SVG drawing with Qt's own generator."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsView


def render_svg(view: QGraphicsView, path: str | Path, title: str) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(view.size())
    generator.setViewBox(view.rect())
    generator.setTitle(title)
    painter = QPainter(generator)
    view.render(painter)
    painter.end()
