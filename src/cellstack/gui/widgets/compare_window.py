"""The Compare window: the open design beside one or more project files.

A table lists every `compute --json` number of each design with its difference from the open
design; tabs beside it overlay the designs' discharge (at each design's own C-rates, one line style
per rate), rate-capability and Ragone curves and draw their cross-sections side by side. Each design
keeps one colour in the table's headers, the curves and the drawings. It follows edits of the open
design; the other files are read once and never written. File → Export comparison PDF… writes what
`cellstack report` writes for the same files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMenuBar,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cellstack.core.errors import InputError
from cellstack.gui import theme
from cellstack.gui.compare_data import CompareRow, compare_rows, compared_design, design_numbers
from cellstack.gui.display_units import units_changed
from cellstack.gui.document import Document
from cellstack.gui.export_paths import with_filter_suffix
from cellstack.gui.unit_keys import key_label, shown_value
from cellstack.gui.widgets.compare_plots import ComparePlots
from cellstack.gui.widgets.plot_parts import CURVE_COLOURS
from cellstack.io.output_names import distinct_keys
from cellstack.io.project_model import Project

CURRENT = "open design"
SAME = 1e-12  # a relative difference below this is shown as none
PDF_FILTER = "PDF documents (*.pdf)"
MAX_COLUMN_PX = 190
# The names column whole for all but the longest names: "Energy density, full stack (Wh/L)".
MAX_NAME_COLUMN_PX = 270


@dataclass(frozen=True)
class Compared:
    """One other design: its name in the headers and its project (and file, when it has one)."""

    name: str
    project: Project
    path: Path | None = None


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


def _shown_values(row: CompareRow) -> CompareRow:
    """``row``'s values in the units chosen in Preferences (its key stays)."""
    return CompareRow(row.key, tuple(shown_value(row.key, v) for v in row.values))


def _distinct(rows: list[CompareRow]) -> list[CompareRow]:
    """One row per number (see distinct_keys)."""
    kept = set(distinct_keys(row.key for row in rows))
    return [row for row in rows if row.key in kept]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


class CompareWindow(QWidget):
    def __init__(self, document: Document, others: list[Compared], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareWindow")
        self.setWindowTitle("Compare designs")
        self.document = document
        self.others = others
        self.rows: list[CompareRow] = []
        self.palette_colours = CURVE_COLOURS[theme.is_dark()]
        self.table = QTableWidget()
        self.table.setObjectName("compareTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a name's level and unit both show
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.plots = ComparePlots()
        names = ", ".join(o.name for o in others)
        heading = QLabel(
            f"The open design against {names}. Differences are each file minus the open design; "
            "capacities in the plots are per cm² of active area."
        )
        heading.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.plots)
        splitter.setSizes([560, 740])  # the table's values and differences stay in view
        layout = QVBoxLayout(self)
        layout.setMenuBar(self._menu_bar())
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)
        document.stackChanged.connect(self.refresh)
        units_changed().connect(self._fill_table)
        library = document.library
        self._other_numbers = [design_numbers(o.project, library) for o in others]
        self._other_designs = [compared_design(o.name, o.project, library) for o in others]
        self._stale = False
        self._update()

    def _menu_bar(self) -> QMenuBar:
        bar = QMenuBar(self)
        menu = bar.addMenu("&File")
        self.export_action = QAction("Export comparison &PDF…", self)
        self.export_action.setObjectName("actionExportComparison")
        self.export_action.triggered.connect(self.choose_pdf)
        menu.addAction(self.export_action)
        close = QAction("&Close", self)
        close.setShortcut("Ctrl+W")
        close.triggered.connect(self.close)
        menu.addAction(close)
        return bar

    @property
    def curve_names(self) -> list[str]:
        return self.plots.curve_names

    @property
    def names(self) -> list[str]:
        return [CURRENT, *(o.name for o in self.others)]

    def _pdf_name(self) -> str:
        """The open design in a PDF, where "open design" would mean nothing: its file's name."""
        path = self.document.path
        return path.stem if path is not None else CURRENT

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
        self.rows = _distinct(compare_rows([current, *self._other_numbers]))
        self._fill_table()
        designs = [
            compared_design(CURRENT, self.document.project, library),
            *self._other_designs,
        ]
        self.plots.show_designs(designs, self.palette_colours)

    def _fill_table(self) -> None:
        names = self.names
        headers = ["Metric", names[0]]
        for other in self.others:
            headers += [other.name, f"Δ {other.name}"]
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        # The value columns' headers in their design's colour, as in the plots and drawings.
        for design, column in enumerate([1, *range(2, len(headers), 2)]):
            colour = QColor(self.palette_colours[design % len(self.palette_colours)])
            for c in (column, column + 1) if design else (column,):
                item = self.table.horizontalHeaderItem(c)
                if item is not None:
                    item.setForeground(colour)
        self.table.setRowCount(len(self.rows))
        for r, data in enumerate(self.rows):
            row = _shown_values(data)
            cells = [key_label(row.key), _number_text(row.values[0])]
            for column in range(1, len(row.values)):
                cells += [_number_text(row.values[column]), _difference_text(row, column)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setToolTip(f"{text}\n{row.key} in `compute --json`")
                else:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount()):  # a long key or file name does not hide the others
            widest = MAX_NAME_COLUMN_PX if c == 0 else MAX_COLUMN_PX
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), widest))

    # -- the comparison PDF --------------------------------------------------------------------
    def choose_pdf(self) -> None:
        stem = self.document.path.stem if self.document.path is not None else "comparison"
        folder = self.document.path.parent if self.document.path is not None else Path.home()
        suggested = str(folder / f"{stem}-comparison.pdf")
        name, _ = QFileDialog.getSaveFileName(self, "Export comparison PDF", suggested, PDF_FILTER)
        if name:
            self.export_pdf(with_filter_suffix(name, PDF_FILTER))

    def export_pdf(self, target: Path) -> bool:
        """Write the comparison of the open design and the files to ``target``; a problem is
        named in one line and nothing is written. True when the file was written."""
        problem = self._refusal(target)
        if not problem:
            problem = self._write(target)
        if problem:
            QMessageBox.critical(self, "Cannot export the comparison PDF", problem)
        return not problem

    def _refusal(self, target: Path) -> str:
        inputs = [p for p in (self.document.path, *(o.path for o in self.others)) if p is not None]
        for source in inputs:
            if _same_file(target, source):
                return f"{target}: is one of the compared files; choose another name for the PDF"
        return ""

    def _write(self, target: Path) -> str:
        from cellstack.report.comparison_pdf import export_comparison_pdf
        from cellstack.report.inputs import ReportOptions

        project = self.document.project
        named = [(self._pdf_name(), project), *((o.name, o.project) for o in self.others)]
        path = self.document.path
        sources = [path.name if path is not None else "(not saved)"]
        sources += [o.path.name if o.path is not None else o.name for o in self.others]
        options = ReportOptions(c_rates=tuple(sorted(project.simulation.c_rates)))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_comparison_pdf(named, sources, target, self.document.library, options)
        except InputError as exc:
            return exc.one_line()
        except OSError as exc:  # the atomic write leaves any earlier file untouched
            return str(exc)
        finally:
            QGuiApplication.restoreOverrideCursor()
        return ""
