"""The Compare window: the open design beside one or more project files.

A table lists every `compute --json` number of each design with its difference from the open
design, and a plot overlays their discharge curves at each design's own C-rates (one colour per
design, one line style per C-rate). It follows edits of the open design; the other files are
read once and never written.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from cellstack.gui import theme
from cellstack.gui.compare_data import CompareRow, Curve, compare_rows, design_numbers, discharge_curves
from cellstack.gui.document import Document
from cellstack.gui.widgets.plot_parts import CURVE_COLOURS
from cellstack.io.project_model import Project

CURRENT = "open design"
LINE_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine)
SAME = 1e-12  # a relative difference below this is shown as none


@dataclass(frozen=True)
class Compared:
    """One other design: its name in the headers and its project."""

    name: str
    project: Project


def _number_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.6g}"


def _difference_text(row: CompareRow, column: int) -> str:
    diff = row.difference(column)
    base = row.values[0]
    if diff is None or base is None:
        return ""
    if abs(diff) <= SAME * max(abs(base), 1e-300):
        return "="
    percent = f" ({diff / base:+.1%})" if base != 0 else ""
    return f"{diff:+.4g}{percent}"


class CompareWindow(QWidget):
    def __init__(self, document: Document, others: list[Compared], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareWindow")
        self.setWindowTitle("Compare designs")
        self.document = document
        self.others = others
        self.rows: list[CompareRow] = []
        self.table = QTableWidget()
        self.table.setObjectName("compareTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        background, self._foreground = theme.plot_colours()
        self.plot = pg.PlotWidget(background=background)
        self.plot.setObjectName("compareDischarge")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("bottom", "capacity (mAh/cm²)")
        self.plot.setLabel("left", "voltage (V)")
        # Bottom left, a row per design: discharge curves start at the top left and fall to the right.
        self.legend = self.plot.addLegend(offset=(10, -10), colCount=3, brush=pg.mkBrush(background + "d8"))
        self.curve_names: list[str] = []
        names = ", ".join(o.name for o in others)
        heading = QLabel(f"The open design against {names}. Differences are each file minus the open design.")
        heading.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.plot)
        splitter.setSizes([400, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)
        document.stackChanged.connect(self.refresh)
        self._other_numbers = [design_numbers(o.project, document.library) for o in others]
        self._other_curves = [discharge_curves(o.project, document.library) for o in others]
        self._stale = False
        self._update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._update()

    def refresh(self) -> None:
        """Follow an edit of the open design; a closed window catches up when shown again."""
        self._stale = not self.isVisible()
        if not self._stale:
            self._update()

    def _update(self) -> None:
        self._stale = False
        library = self.document.library
        current = design_numbers(self.document.project, library)
        self.rows = compare_rows([current, *self._other_numbers])
        self._fill_table()
        self._draw([discharge_curves(self.document.project, library), *self._other_curves])

    def _fill_table(self) -> None:
        headers = ["metric", CURRENT]
        for other in self.others:
            headers += [other.name, f"Δ {other.name}"]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            cells = [row.key, _number_text(row.values[0])]
            for column in range(1, len(row.values)):
                cells += [_number_text(row.values[column]), _difference_text(row, column)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _draw(self, designs: list[list[Curve]]) -> None:
        self.plot.getPlotItem().clear()
        self.legend.clear()
        self.curve_names = []
        palette = CURVE_COLOURS[theme.is_dark()]
        names = [CURRENT, *(o.name for o in self.others)]
        for index, (name, curves) in enumerate(zip(names, designs, strict=True)):
            colour = QColor(palette[index % len(palette)])
            for number, curve in enumerate(curves):
                style = LINE_STYLES[number % len(LINE_STYLES)]
                label = f"{name}, {curve.c_rate:g}C"
                pen = pg.mkPen(colour, width=2, style=style)
                self.plot.plot(curve.capacity_mAh_cm2, curve.voltage_V, pen=pen, name=label)
                self.curve_names.append(label)
