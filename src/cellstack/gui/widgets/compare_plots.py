"""The Compare window's tabs: overlaid discharge, rate-capability and Ragone curves, and the
cross-sections side by side, one colour per design throughout.

Rate capability and Ragone are the comparison PDF's figures (report.comparison_figures), drawn
here with pyqtgraph, so the window and the PDF plot the same points.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTabWidget, QWidget

from cellstack.core import units as u
from cellstack.gui import theme
from cellstack.gui.widgets.plot_parts import LOG_TICKS
from cellstack.gui.widgets.section_sheet import SectionSheet
from cellstack.report.comparison_figures import ComparedDesign, ragone_overlay, rate_overlay
from cellstack.report.content import cross_section
from cellstack.report.elements import LineFigure

LINE_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine)


class ComparePlots(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparePlots")
        background, self._foreground = theme.plot_colours()
        self.discharge = self._plot("compareDischarge", "Capacity (mAh/cm²)", "Voltage (V)", background)
        self.rate = self._plot("compareRate", "C-rate", "Delivered capacity (mAh/cm²)", background)
        # Bottom left: Ragone curves start at the top left and fall to the right.
        self.ragone = self._plot(
            "compareRagone", "Specific power (W/kg)", "Specific energy (Wh/kg)", background, (10, -10)
        )
        self.sections = SectionSheet()
        self.addTab(self.discharge, "Discharge")
        self.addTab(self.rate, "Rate capability")
        self.addTab(self.ragone, "Ragone")
        self.addTab(self.sections, "Cross-sections")
        self.curve_names: list[str] = []  # the discharge legend's entries
        self.rate_names: list[str] = []
        self.ragone_names: list[str] = []

    @staticmethod
    def _plot(
        name: str, x_label: str, y_label: str, background: str, corner: tuple[int, int] = (-10, 10)
    ) -> pg.PlotWidget:
        plot = pg.PlotWidget(background=background)
        plot.setObjectName(name)
        plot.showGrid(x=True, y=True, alpha=0.25)
        plot.setLabel("bottom", x_label)
        plot.setLabel("left", y_label)
        plot.addLegend(offset=corner, brush=pg.mkBrush(background + "d8"))
        return plot

    def show_designs(self, designs: Sequence[ComparedDesign], palette: Sequence[str]) -> None:
        self.curve_names = self._draw_discharge(designs, palette)
        self.rate_names = self._draw_figure(self.rate, rate_overlay(designs, palette))
        self.ragone_names = self._draw_figure(self.ragone, ragone_overlay(designs, palette))
        self.sections.set_sections(
            [
                (d.name, palette[i % len(palette)], cross_section(d.inputs.stack, d.inputs.metrics))
                for i, d in enumerate(designs)
            ]
        )

    def _clear(self, plot: pg.PlotWidget) -> None:
        item = plot.getPlotItem()
        item.clear()
        if item.legend is not None:
            item.legend.clear()

    def _draw_discharge(self, designs: Sequence[ComparedDesign], palette: Sequence[str]) -> list[str]:
        """Each design at its own C-rates: its colour, one line style per rate."""
        self._clear(self.discharge)
        names = []
        for index, design in enumerate(designs):
            colour = QColor(palette[index % len(palette)])
            area = design.inputs.stack.active_area_m2
            for number, curve in enumerate(design.inputs.discharge.curves):
                label = f"{design.name}, {curve.c_rate:g}C"
                pen = pg.mkPen(colour, width=2, style=LINE_STYLES[number % len(LINE_STYLES)])
                areal = np.asarray(curve.capacity_C) / area / u.MAH_PER_CM2
                self.discharge.plot(areal, curve.voltage_V, pen=pen, name=label)
                names.append(label)
        return names

    def _draw_figure(self, plot: pg.PlotWidget, figure: LineFigure) -> list[str]:
        self._clear(plot)
        plot.setLogMode(x=figure.x_log, y=figure.y_log)
        for axis, log in (("bottom", figure.x_log), ("left", figure.y_log)):
            plot.getAxis(axis).setTicks(LOG_TICKS if log else None)
        plot.setToolTip(figure.note)
        for series in figure.series:
            colour = QColor(series.colour)
            plot.plot(
                series.x,
                series.y,
                pen=pg.mkPen(colour, width=2),
                symbol="o" if series.markers else None,
                symbolSize=5,
                symbolBrush=colour,
                symbolPen=colour,
                name=series.label,
            )
        return [s.label for s in figure.series]
