"""Laid-out label texts for widgets that paint the same few labels on every repaint.

QPainter.drawText shapes its string again on every call; a QStaticText keeps the shaped glyphs,
so a stack view repainted on every step of a spin-box drag lays out only the label that changed.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QStaticText


class TextCache:
    """Shaped texts, widths and elided strings in one font; make a new cache for a new font.
    Each table is emptied when it grows past ``limit`` (labels change as layers are edited)."""

    def __init__(self, font: QFont, limit: int = 512) -> None:
        self.font = QFont(font)
        self._metrics = QFontMetricsF(self.font)
        self._limit = limit
        self._static: dict[str, QStaticText] = {}
        self._widths: dict[str, float] = {}
        self._elided: dict[tuple[str, float], str] = {}

    def width(self, text: str) -> float:
        found = self._widths.get(text)
        if found is None:
            if len(self._widths) >= self._limit:
                self._widths.clear()
            found = self._widths[text] = self._metrics.horizontalAdvance(text)
        return found

    def elided(self, text: str, width: float) -> str:
        """``text`` cut with an ellipsis to fit ``width`` pixels."""
        key = (text, round(width, 1))
        found = self._elided.get(key)
        if found is None:
            if len(self._elided) >= self._limit:
                self._elided.clear()
            found = self._metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            self._elided[key] = found
        return found

    def draw_left(self, painter: QPainter, rect: QRectF, text: str) -> None:
        """``text`` in this font and the painter's pen, left-aligned and centred vertically in
        ``rect``: drawText with AlignLeft | AlignVCenter, but not clipped (elide to fit)."""
        if not text:
            return
        static = self._static.get(text)
        if static is None:
            if len(self._static) >= self._limit:
                self._static.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(painter.transform(), self.font)
            self._static[text] = static
        painter.setFont(self.font)
        painter.drawStaticText(QPointF(rect.left(), rect.center().y() - self._metrics.height() / 2), static)
