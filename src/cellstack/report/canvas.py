"""QPainter in typographic points: measuring, wrapping and drawing text and lines on a PDF page.

Layout code works in points from the page's top-left corner; ``Canvas`` converts to the PDF
writer's device units (1200 dpi by default). Fonts are sized in points against the writer's own
resolution, never scaled by the painter's transform, so glyph metrics are the font's own.
Every piece of text is measured before it is drawn: it is wrapped or shrunk to the width it is
given, which is how the report avoids clipped text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPaintDevice, QPainter, QPainterPath, QPen

from cellstack.report.style import MIN_PT, TEXT

# Where the platform has them, fonts with the Greek letters, super- and subscripts and symbols
# (σ, Ω, µ, ², ·, −, †) the report prints; Qt falls back glyph by glyph for the rest.
FONT_FAMILIES = ["DejaVu Sans", "Helvetica Neue", "Arial", "Liberation Sans", "Noto Sans", "Sans Serif"]


class Typesetter:
    """Fonts and text measurement for one paint device, in points."""

    def __init__(self, device: QPaintDevice) -> None:
        self.device = device
        self.scale = device.logicalDpiX() / 72.0  # device units per point
        self._fonts: dict[tuple[float, bool, bool], QFont] = {}
        self._metrics: dict[tuple[float, bool, bool], QFontMetricsF] = {}
        self._widths: dict[tuple[str, float, bool, bool], float] = {}

    def font(self, size: float, bold: bool = False, italic: bool = False) -> QFont:
        key = (round(size, 2), bold, italic)
        font = self._fonts.get(key)
        if font is None:
            font = QFont()
            font.setFamilies(FONT_FAMILIES)
            font.setPointSizeF(key[0])
            font.setBold(bold)
            font.setItalic(italic)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # PDF: no pixel grid
            font.setKerning(True)
            if hasattr(QFont, "Tag"):  # Qt >= 6.7
                # No "fi"/"ff" ligatures: text copied or extracted from the PDF must read "film",
                # not a ligature character that searches and scripts do not match.
                for feature in ("liga", "clig"):
                    font.setFeature(QFont.Tag(feature), 0)
            self._fonts[key] = font
        return font

    def _fm(self, font: QFont) -> QFontMetricsF:
        key = (round(font.pointSizeF(), 2), font.bold(), font.italic())
        metrics = self._metrics.get(key)
        if metrics is None:
            metrics = QFontMetricsF(font, self.device)
            self._metrics[key] = metrics
        return metrics

    def width(self, text: str, font: QFont) -> float:
        key = (text, round(font.pointSizeF(), 2), font.bold(), font.italic())
        width = self._widths.get(key)
        if width is None:
            width = self._fm(font).horizontalAdvance(text) / self.scale
            self._widths[key] = width
        return width

    def line_height(self, font: QFont) -> float:
        """Baseline to baseline: the font's height plus a little air for readability."""
        return self._fm(font).height() / self.scale * 1.12

    def ascent(self, font: QFont) -> float:
        return self._fm(font).ascent() / self.scale

    def wrap(self, text: str, font: QFont, width: float) -> list[str]:
        """Lines of at most ``width`` points, broken at spaces (and at explicit newlines).

        A word wider than the line on its own is broken between characters, so nothing ever
        runs past the edge.
        """
        lines: list[str] = []
        text = text.replace(" %", "\u00a0%")  # "96 %" stays on one line
        for paragraph in text.split("\n"):
            current = ""
            for word in paragraph.split(" "):
                candidate = f"{current} {word}" if current else word
                if self.width(candidate, font) <= width:
                    current = candidate
                    continue
                if current:
                    lines.append(current)
                current = word
                while self.width(current, font) > width and len(current) > 1:
                    cut = self._fit_prefix(current, font, width)
                    lines.append(current[:cut])
                    current = current[cut:]
            lines.append(current)
        return lines

    def _fit_prefix(self, word: str, font: QFont, width: float) -> int:
        cut = len(word) - 1
        while cut > 1 and self.width(word[:cut], font) > width:
            cut -= 1
        return cut

    def fitted(
        self, text: str, size: float, width: float, bold: bool = False, minimum: float = MIN_PT
    ) -> QFont:
        """The font of ``size`` points, or smaller down to ``minimum``, that fits ``text`` in ``width``."""
        font = self.font(size, bold)
        natural = self.width(text, font)
        if natural <= width or natural <= 0:
            return font
        return self.font(max(minimum, size * width / natural * 0.98), bold)

    def text_height(self, text: str, font: QFont, width: float) -> float:
        return len(self.wrap(text, font, width)) * self.line_height(font)


class Canvas:
    """Drawing in points on a painter already begun on the typesetter's device."""

    def __init__(self, painter: QPainter, typesetter: Typesetter) -> None:
        self.painter = painter
        self.ts = typesetter
        self.k = typesetter.scale

    def _pt(self, x: float, y: float) -> QPointF:
        return QPointF(x * self.k, y * self.k)

    def rect_f(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(x * self.k, y * self.k, w * self.k, h * self.k)

    def pen(self, colour: str, width: float = 0.6, dashed: bool = False) -> QPen:
        pen = QPen(QColor(colour))
        pen.setWidthF(width * self.k)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if dashed:
            pen.setStyle(Qt.PenStyle.CustomDashLine)
            pen.setDashPattern([4.0, 2.5])  # in pen widths
        return pen

    def text(
        self,
        x: float,
        y: float,
        text: str,
        font: QFont,
        colour: str = TEXT,
        width: float | None = None,
        align: str = "left",
    ) -> None:
        """One line with its top at ``y``; ``align`` "right" or "center" within ``width``."""
        if width is not None and align != "left":
            spare = width - self.ts.width(text, font)
            x += spare if align == "right" else spare / 2
        self.painter.setFont(font)
        self.painter.setPen(QColor(colour))
        self.painter.drawText(self._pt(x, y + self.ts.ascent(font)), text)

    def lines(
        self,
        x: float,
        y: float,
        lines: Sequence[str],
        font: QFont,
        colour: str = TEXT,
        width: float | None = None,
        align: str = "left",
    ) -> float:
        """Lines one under the other; returns the height used."""
        step = self.ts.line_height(font)
        for i, line in enumerate(lines):
            self.text(x, y + i * step, line, font, colour, width, align)
        return len(lines) * step

    def paragraph(
        self, x: float, y: float, width: float, text: str, font: QFont, colour: str = TEXT
    ) -> float:
        return self.lines(x, y, self.ts.wrap(text, font, width), font, colour)

    def vertical_text(self, x: float, y: float, text: str, font: QFont, colour: str = TEXT) -> None:
        """Text read bottom to top, its left edge at the bottom: ``x`` is the top of the glyphs,
        ``y`` the bottom end of the line."""
        self.painter.save()
        self.painter.translate(self._pt(x, y))
        self.painter.rotate(-90.0)
        self.painter.setFont(font)
        self.painter.setPen(QColor(colour))
        self.painter.drawText(QPointF(0.0, self.ts.ascent(font) * self.k), text)
        self.painter.restore()

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        colour: str,
        width: float = 0.6,
        dashed: bool = False,
    ) -> None:
        self.painter.setPen(self.pen(colour, width, dashed))
        self.painter.drawLine(self._pt(x1, y1), self._pt(x2, y2))

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str | None = None,
        stroke: str | None = None,
        width: float = 0.5,
    ) -> None:
        self.painter.setPen(self.pen(stroke, width) if stroke else Qt.PenStyle.NoPen)
        self.painter.setBrush(QBrush(QColor(fill)) if fill else Qt.BrushStyle.NoBrush)
        self.painter.drawRect(self.rect_f(x, y, w, h))
        self.painter.setBrush(Qt.BrushStyle.NoBrush)

    def hatch(self, x: float, y: float, w: float, h: float, colour: str, step: float = 2.5) -> None:
        """Diagonal lines across a rectangle, drawn as vectors (a pattern brush would be
        rasterised at device resolution by some viewers)."""
        self.painter.save()
        self.painter.setClipRect(self.rect_f(x, y, w, h))
        offset = -h
        while offset < w:
            self.line(x + offset, y + h, x + offset + h, y, colour, 0.5)
            offset += step
        self.painter.restore()

    def polyline(
        self,
        points: Sequence[tuple[float, float]],
        colour: str,
        width: float = 1.0,
        dashed: bool = False,
        clip: tuple[float, float, float, float] | None = None,
    ) -> None:
        if len(points) < 2:
            return
        path = QPainterPath(self._pt(*points[0]))
        for px, py in points[1:]:
            path.lineTo(self._pt(px, py))
        self.painter.save()
        if clip is not None:
            self.painter.setClipRect(self.rect_f(*clip))
        self.painter.setPen(self.pen(colour, width, dashed))
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        self.painter.drawPath(path)
        self.painter.restore()

    def marker(self, x: float, y: float, colour: str, size: float = 3.2) -> None:
        self.painter.setPen(self.pen("#ffffff", 0.4))
        self.painter.setBrush(QBrush(QColor(colour)))
        self.painter.drawEllipse(self._pt(x, y), size / 2 * self.k, size / 2 * self.k)
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
