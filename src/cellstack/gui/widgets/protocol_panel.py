"""The Protocol window: steps typed as text, run on the open design, shown as voltage and current
against time with each step's capacity and energy, and exported as CSV or PNG."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cellstack.core import units as u
from cellstack.core.discharge.protocol import ProtocolResult, run_protocol
from cellstack.core.discharge.protocol_steps import ALLOWED, parse_steps
from cellstack.core.errors import InputError
from cellstack.gui import theme
from cellstack.gui.context_menus import install_plot_menu
from cellstack.gui.display_units import units_changed, units_shown
from cellstack.gui.document import Document
from cellstack.gui.export_paths import with_filter_suffix
from cellstack.gui.formatting import with_unit
from cellstack.gui.unit_keys import shown_unit, shown_value
from cellstack.gui.widgets.plot_parts import CURVE_COLOURS
from cellstack.io.atomic import write_text_atomically
from cellstack.io.csv_export import curves_csv
from cellstack.report.protocol_table import all_finite, protocol_columns, step_rows

DEFAULT_STEPS = "charge 0.5C to 4.2V, hold until C/20\nrest 10 min\ndischarge 1C to 3.0V"
TABLE_HEADERS = (
    "#",
    "Step",
    "Capacity ({capacity})",
    "Energy ({energy})",
    "Time (min)",
    "Ended",
)  # units: Preferences
ERROR_STYLE = "color: #c0392b;"
STALE = "The design has changed since this run: Run again to follow it."


class ProtocolPanel(QWidget):
    """Steps on the left, the run's curves and step table on the right."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("protocolPanel")
        self._document = document
        self.result: ProtocolResult | None = None
        self.steps_edit = QPlainTextEdit(DEFAULT_STEPS)
        self.steps_edit.setObjectName("protocolSteps")
        self.steps_edit.setToolTip(f"One step a line: {ALLOWED}")
        self.steps_edit.setPlaceholderText("discharge 1C to 3.0V")
        self.error_label = QLabel("")
        self.error_label.setObjectName("protocolError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.run_button = QPushButton("&Run")
        self.run_button.setObjectName("protocolRun")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.run_button.setToolTip("Run the steps on the design (Ctrl+Enter)")
        self.steps_edit.installEventFilter(self)  # Ctrl+Enter runs; Enter alone starts a new line
        self.csv_button = QPushButton("Export &CSV…")
        self.csv_button.setObjectName("protocolCsv")
        self.csv_button.clicked.connect(self._ask_csv)
        self.png_button = QPushButton("Export &PNG…")
        self.png_button.setObjectName("protocolPng")
        self.png_button.clicked.connect(self._ask_png)
        self.summary = QLabel("")
        self.summary.setObjectName("protocolSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(TABLE_HEADERS))
        self.table.setObjectName("protocolTable")
        self._set_headers()
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setObjectName("protocolPlots")
        self.voltage_plot = self.view.addPlot(row=0, col=0)
        self.current_plot = self.view.addPlot(row=1, col=0)
        self.current_plot.setXLink(self.voltage_plot)  # one time axis for both
        self._layout()
        self._set_exports(False)
        document.stackChanged.connect(self._design_changed)
        # A bound method: Qt drops the connection when the panel is deleted.
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._redraw)
        units_changed().connect(self._units_changed)

    def _set_headers(self) -> None:
        capacity, energy = shown_unit("capacity_mAh"), shown_unit("energy_mWh")
        self.table.setHorizontalHeaderLabels(
            [h.format(capacity=capacity, energy=energy) for h in TABLE_HEADERS]
        )

    def _units_changed(self) -> None:
        self._set_headers()
        if self.result is not None:
            self._show(self.result)

    def _layout(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("Steps, one a line:"))
        column.addWidget(self.steps_edit, 1)
        column.addWidget(self.error_label)
        buttons = QHBoxLayout()
        for button in (self.run_button, self.csv_button, self.png_button):
            buttons.addWidget(button)
        column.addLayout(buttons)
        column.addWidget(self.summary)
        plots = QWidget()  # holds the right-click menu of both plots
        box = QVBoxLayout(plots)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.view)
        install_plot_menu(plots, lambda: (self.view, [self.voltage_plot, self.current_plot]), self._ask_png)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(plots)
        right.addWidget(self.table)
        right.setSizes([3000, 1200])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([300, 700])
        QVBoxLayout(self).addWidget(splitter)

    def set_document(self, document: Document) -> None:
        """Another design is open: the last run was of the previous one."""
        self._document.stackChanged.disconnect(self._design_changed)
        self._document = document
        document.stackChanged.connect(self._design_changed)
        self._show(None)

    def _design_changed(self) -> None:
        # The curves stay for comparison, but are not passed off as the edited design's.
        if self.result is not None and not self.summary.text().startswith(STALE):
            self.summary.setText(f"{STALE} {self.summary.text()}")

    def _redraw(self, *_scheme: object) -> None:
        self._draw(self.result)  # in the new colour scheme

    def step_lines(self) -> list[str]:
        return [line for line in self.steps_edit.toPlainText().splitlines() if line.strip()]

    # -- running ---------------------------------------------------------------------------------
    def run(self) -> bool:
        """Run the steps on the design; False (with the one-line reason shown) when refused."""
        try:
            steps = parse_steps(self.step_lines())
        except InputError as exc:
            self._point_at(exc.field)
            return self._refuse(exc.one_line())
        if not self._document.metrics.valid:
            return self._refuse("The design is not valid: see the findings in the metrics panel")
        stack, interfaces = self._document.stack, self._document.library.interfaces
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = run_protocol(stack, interfaces, steps)
        except (ValueError, ArithmeticError) as exc:  # InputError is a ValueError
            return self._refuse(f"The protocol cannot run on this design: {exc}")
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not all_finite(result):
            return self._refuse("The protocol produced a value that is not a finite number")
        self.error_label.setText("")
        self._show(result)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.steps_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.run()
            return True
        return super().eventFilter(watched, event)

    def _point_at(self, field: str) -> None:
        """Put the cursor on the refused step's line ("step 3": the third non-empty line)."""
        number = int(field.removeprefix("step ")) if field.removeprefix("step ").isdigit() else 0
        lines = self.steps_edit.toPlainText().split("\n")
        nonempty = [i for i, line in enumerate(lines) if line.strip()]
        if 0 < number <= len(nonempty):
            block = self.steps_edit.document().findBlockByNumber(nonempty[number - 1])
            cursor = QTextCursor(block)
            cursor.select(QTextCursor.SelectionType.LineUnderCursor)
            self.steps_edit.setTextCursor(cursor)

    def _refuse(self, reason: str) -> bool:
        self.error_label.setText(reason)
        self._show(None)
        return False

    def _set_exports(self, on: bool) -> None:
        self.csv_button.setEnabled(on)
        self.png_button.setEnabled(on)

    def _show(self, result: ProtocolResult | None) -> None:
        self.result = result
        self._set_exports(result is not None)
        self._draw(result)
        self.table.setRowCount(0)
        if result is None:
            self.summary.setText("")
            return
        rows = step_rows(result)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            capacity = shown_value("capacity_mAh", row.capacity_mAh)
            energy = shown_value("energy_mWh", row.energy_mWh)
            cells = (str(row.number), row.text, f"{capacity:.4g}", f"{energy:.4g}",
                     f"{row.duration_min:.4g}", row.end_reason)  # fmt: skip
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{text} (solver: {row.solver})" if c == len(cells) - 1 else text)
                if 1 < c < 5:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        # The last column fills what is left (its full text is in the tooltip): sized to its
        # contents it pushed the table into a horizontal scroll.
        self.table.horizontalHeader().resizeSection(len(TABLE_HEADERS) - 1, 60)
        celsius = u.kelvin_to_celsius(result.temperature_K)
        self.summary.setText(
            f"At {celsius:g} °C (the design's temperature); cell capacity "
            f"{with_unit(units_shown().capacity_value(result.rated_capacity_C), units_shown().capacity)}. "
            "Current > 0 discharges."
        )

    def _draw(self, result: ProtocolResult | None) -> None:
        background, foreground = theme.plot_colours()
        self.view.setBackground(background)
        hues = CURVE_COLOURS[theme.is_dark()]
        for plot, label in ((self.voltage_plot, "Voltage (V)"), (self.current_plot, "Current (mA)")):
            plot.clear()
            plot.showGrid(x=True, y=True, alpha=0.25)
            for side in ("left", "bottom"):
                plot.getAxis(side).setTextPen(foreground)
                plot.getAxis(side).setPen(foreground)
                plot.getAxis(side).enableAutoSIPrefix(False)
            plot.setLabel("left", label, color=foreground)
        self.current_plot.setLabel("bottom", "Time (h)", color=foreground)
        if result is None:
            return
        for number, step in enumerate(result.steps):
            pen = pg.mkPen(hues[number % len(hues)], width=2)
            hours = np.asarray(step.time_s) / 3600.0
            self.voltage_plot.plot(hours, step.voltage_V, pen=pen)
            self.current_plot.plot(hours, np.asarray(step.current_A) * 1e3, pen=pen)
        for plot in (self.voltage_plot, self.current_plot):
            plot.enableAutoRange()

    # -- export ----------------------------------------------------------------------------------
    def export_csv(self, path: Path) -> Path:
        """The run as `cellstack run --csv` writes it, all or nothing; raises OSError."""
        if self.result is None:
            raise OSError("nothing to export: run the protocol first")
        return write_text_atomically(path, curves_csv(protocol_columns(self.result)))

    def export_png(self, path: Path) -> None:
        """Both plots; raises OSError when the image cannot be written."""
        exporter = pyqtgraph.exporters.ImageExporter(self.view.ci)
        exporter.parameters()["width"] = max(int(exporter.parameters()["width"]), 1200)
        image = exporter.export(toBytes=True)
        if not image.save(str(path), "PNG"):
            raise OSError(f"the image could not be written to {path}")

    def _ask_csv(self) -> None:
        self._export("Export protocol as CSV", "CSV (*.csv)", self.export_csv)

    def _ask_png(self) -> None:
        self._export("Export protocol plot as PNG", "PNG image (*.png)", self.export_png)

    def _export(self, title: str, name_filter: str, write: Callable[[Path], object]) -> None:
        name, _ = QFileDialog.getSaveFileName(self, title, "", name_filter)
        if not name:
            return
        target = with_filter_suffix(name, name_filter)
        try:
            write(target)
        except OSError as exc:
            self.error_label.setText(f"Cannot export to {target}: {exc}")
        else:
            self.error_label.setText("")


class ProtocolWindow(QDialog):
    """The protocol beside the main window, not over it: kept open while the design is edited."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("protocolWindow")
        self.setWindowTitle("Protocol — CellStack")
        self.setModal(False)
        self.panel = ProtocolPanel(document, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.panel)
        self.resize(1000, 620)  # fits 1366 x 768 with the title bar
