"""Tables on the page: wrapped cells, a shaded header repeated on every page the table runs onto."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QFont

from cellstack.report.canvas import Canvas, Typesetter
from cellstack.report.elements import Table
from cellstack.report.style import HEADER_FILL, MUTED, RULE, SMALL_PT, STRIPE_FILL, TABLE_PT

PAD_X = 3.0
PAD_Y = 2.0
NOTE_GAP = 3.0
MIN_TABLE_PT = 5.5  # below this a long word is broken instead of shrunk further


@dataclass
class TableFlow:
    """A table, or the part of one (``first``..``stop``) that goes on one page."""

    table: Table
    ts: Typesetter
    first: int = 0
    stop: int | None = None
    size: float = TABLE_PT
    _cache: dict[float, tuple[list[float], float, list[float]]] = field(default_factory=dict, repr=False)

    @property
    def end(self) -> int:
        return len(self.table.rows) if self.stop is None else self.stop

    @property
    def has_note(self) -> bool:
        return bool(self.table.note) and self.end == len(self.table.rows)

    def _font(self, bold: bool = False) -> QFont:
        return self.ts.font(self.size, bold)

    def _columns(self, width: float) -> list[float]:
        total = sum(self.table.weights)
        return [width * w / total for w in self.table.weights]

    def _measure(self, width: float) -> tuple[list[float], float, list[float]]:
        """Column widths, header height and the height of every row, for this width."""
        cached = self._cache.get(width)
        if cached is not None:
            return cached
        columns = self._columns(width)
        bold, plain = self._font(True), self._font()

        def height(cells: tuple[str, ...], font: QFont) -> float:
            tallest = 0.0
            for cell, w in zip(cells, columns, strict=True):
                cell_font = self._cell_font(cell, font, w - 2 * PAD_X)
                lines = self.ts.wrap(cell, cell_font, w - 2 * PAD_X)
                tallest = max(tallest, len(lines) * self.ts.line_height(cell_font))
            return tallest + 2 * PAD_Y

        result = (columns, height(self.table.headers, bold), [height(r, plain) for r in self.table.rows])
        self._cache[width] = result
        return result

    def _cell_font(self, cell: str, font: QFont, inner: float) -> QFont:
        """The table font, or a smaller one where a single word (a long formula, a header) would
        otherwise be broken between characters."""
        longest = max(cell.replace("\n", " ").split(" "), key=lambda w: self.ts.width(w, font))
        if self.ts.width(longest, font) <= inner:
            return font
        return self.ts.fitted(longest, font.pointSizeF(), inner, font.bold(), MIN_TABLE_PT)

    def _note_height(self, width: float) -> float:
        if not self.has_note:
            return 0.0
        return NOTE_GAP + self.ts.text_height(self.table.note, self.ts.font(SMALL_PT, italic=True), width)

    def height(self, width: float) -> float:
        _, header, rows = self._measure(width)
        return header + sum(rows[self.first : self.end]) + self._note_height(width)

    def split(self, width: float, available: float) -> tuple[TableFlow, TableFlow] | None:
        """The rows that fit in ``available`` and the rest; None if not even one row fits."""
        _, header, rows = self._measure(width)
        used, stop = header, self.first
        while stop < self.end and used + rows[stop] <= available:
            used += rows[stop]
            stop += 1
        if stop == self.first:
            return None
        if stop == self.end:  # every row fits but the note does not: carry the last row over
            stop -= 1
            if stop == self.first:
                return None
        head = TableFlow(self.table, self.ts, self.first, stop, self.size, self._cache)
        tail = TableFlow(self.table, self.ts, stop, self.stop, self.size, self._cache)
        return head, tail

    def draw(self, canvas: Canvas, x: float, y: float, width: float) -> None:
        columns, header, rows = self._measure(width)
        table = self.table
        canvas.rect(x, y, width, header, fill=HEADER_FILL)
        self._row(canvas, x, y, columns, table.headers, self._font(True))
        top = y + header
        for i in range(self.first, self.end):
            if (i - self.first) % 2 == 1:
                canvas.rect(x, top, width, rows[i], fill=STRIPE_FILL)
            self._row(canvas, x, top, columns, table.rows[i], self._font())
            top += rows[i]
        canvas.line(x, y, x + width, y, RULE, 0.6)
        canvas.line(x, y + header, x + width, y + header, RULE, 0.4)
        canvas.line(x, top, x + width, top, RULE, 0.6)
        if self.has_note:
            font = canvas.ts.font(SMALL_PT, italic=True)
            canvas.paragraph(x, top + NOTE_GAP, width, table.note, font, MUTED)

    def _row(
        self, canvas: Canvas, x: float, y: float, columns: list[float], cells: tuple[str, ...], font: QFont
    ) -> None:
        left = x
        for i, (cell, w) in enumerate(zip(cells, columns, strict=True)):
            inner = w - 2 * PAD_X
            cell_font = self._cell_font(cell, font, inner)
            lines = canvas.ts.wrap(cell, cell_font, inner)
            align = "right" if self.table.numeric[i] else "left"
            canvas.lines(left + PAD_X, y + PAD_Y, lines, cell_font, width=inner, align=align)
            left += w
