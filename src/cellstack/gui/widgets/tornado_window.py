"""Explore → Tornado…: which uncertain inputs drive one metric's spread, as horizontal bars.

Each bar spans the metric with one input at its value −1σ and +1σ (the others at the design's),
around the design's own value; the largest swing is on top. It follows the design's edits.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cellstack.core.errors import InputError
from cellstack.core.explore.uncertainty import Swing
from cellstack.gui.display_units import units_changed
from cellstack.gui.document import Document
from cellstack.gui.unit_keys import shown_factor
from cellstack.gui.widgets.uncertainty_box import SHOWN, metric_label, stack_scope
from cellstack.io.uncertainty_study import uncertainty_study

_MINUS, _PLUS = "#4a7bb7", "#d95f02"


class TornadoWindow(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tornadoWindow")
        self.setWindowTitle("Tornado — CellStack")
        self.document = document
        self.metric_choice = QComboBox()
        self.metric_choice.setObjectName("tornadoMetric")
        for key, label in SHOWN:
            self.metric_choice.addItem(metric_label(key, label), key)
        self.metric_choice.setCurrentIndex(self.metric_choice.findData("specific_energy_Wh_kg"))
        self.status = QLabel("")
        self.status.setObjectName("tornadoStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # refusals read "<= 25": never markup
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("tornadoPlot")
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=False, alpha=0.3)
        self.plot.setMenuEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel("Metric"))
        top.addWidget(self.metric_choice, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.status)
        self.ranking: tuple[Swing, ...] = ()
        self.labels: list[str] = []
        self.metric_choice.currentIndexChanged.connect(self.refresh)
        document.stackChanged.connect(self.refresh)
        units_changed().connect(self._units_changed)
        self.refresh()

    def _units_changed(self) -> None:
        for index, (key, label) in enumerate(SHOWN):
            self.metric_choice.setItemText(index, metric_label(key, label))
        self.refresh()

    def refresh(self) -> None:
        self.plot.clear()
        self.ranking, self.labels = (), []
        items = self.document.project.uncertainties
        if not items:
            self.status.setText("The design carries no uncertainties: set one by right-clicking a field.")
            return
        key = str(self.metric_choice.currentData())
        try:
            study = uncertainty_study(self.document.project, self.document.library, items)
            swings = study.tornado().get(key, ())
            centre = study.nominal().get(key)
        except InputError as exc:
            self.status.setText(exc.one_line())
            return
        if not swings or centre is None:
            self.status.setText(f"{self.metric_choice.currentText()}: no value for this design")
            return
        self.ranking = swings
        self.labels = [study.paths[s.input_index].text for s in swings]
        factor = float(shown_factor(key))  # the metric in the unit chosen in Preferences
        centre *= factor
        self._draw(swings, centre, factor)
        name = self.metric_choice.currentText()
        scope = stack_scope(self.document)
        if not any(s.size > 0.0 for s in swings):  # bars of zero width: an empty chart otherwise
            self.status.setText(f"{name} = {centre:.4g}; none of the uncertain inputs changes it{scope}")
            return
        self.status.setText(f"{name} = {centre:.4g}; bars: −1σ (blue) and +1σ (orange) of one input{scope}")

    def _draw(self, swings: tuple[Swing, ...], centre: float, factor: float) -> None:
        count = len(swings)
        rows = [count - 1 - i for i in range(count)]  # the largest swing on top
        for sign, colour in ((0, _MINUS), (1, _PLUS)):
            ends = [factor * (s.at_minus_sigma if sign == 0 else s.at_plus_sigma) for s in swings]
            left = [min(centre, e) for e in ends]
            width = [abs(e - centre) for e in ends]
            bars = pg.BarGraphItem(x0=left, y=rows, height=0.6, width=width, brush=colour, pen=colour)
            self.plot.addItem(bars)
        self.plot.addItem(pg.InfiniteLine(centre, angle=90, pen=pg.mkPen("k", width=1)))
        axis = self.plot.getAxis("left")
        axis.setTicks([[(row, label) for row, label in zip(rows, self.labels, strict=True)]])
        self.plot.setLabel("bottom", self.metric_choice.currentText())
        self.plot.enableAutoRange()
