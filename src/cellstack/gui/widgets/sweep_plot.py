"""The Sweep panel's plot: a line for one input, a heatmap with contour lines for two.

The current design is marked (a dashed line and a star); a click on the plot picks the nearest
swept design and emits its input values. A logarithmic input is drawn over log₁₀ of its values,
so its designs sit evenly as they were swept.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from cellstack.core.sweep import FloatArray
from cellstack.gui import theme
from cellstack.gui.sweep_study import SweepResult
from cellstack.gui.unit_keys import key_label, shown_factor
from cellstack.gui.widgets.plot_parts import CURVE_COLOURS
from cellstack.gui.widgets.rounded_axis import rounded_axes

CONTOUR_LEVELS = 6
COLOUR_MAP = "viridis"  # perceptually even and readable with the common colour-vision deficiencies


def _positions(values: FloatArray, log: bool) -> FloatArray:
    return np.log10(values) if log else np.asarray(values, dtype=float)


def contour_levels(values: FloatArray, count: int = CONTOUR_LEVELS) -> list[float]:
    """``count`` levels evenly inside the finite range of ``values`` (none when it is flat)."""
    finite = values[np.isfinite(values)]
    if finite.size == 0 or float(finite.max()) == float(finite.min()):
        return []
    low, high = float(finite.min()), float(finite.max())
    step = (high - low) / (count + 1)
    return [low + step * (i + 1) for i in range(count)]


def contour_lines(values: FloatArray, level: float, x: FloatArray, y: FloatArray) -> list[FloatArray]:
    """The lines where ``values`` (one row per x) crosses ``level``, in plot coordinates.

    pyqtgraph's isocurve puts value [i, j] at (i + 0.5, j + 0.5); the lines are not extended
    to the edges, which would draw steps along the border of the grid.
    """
    finite = np.where(np.isfinite(values), values, -math.inf)
    dx, dy = (x[-1] - x[0]) / (len(x) - 1), (y[-1] - y[0]) / (len(y) - 1)
    lines = []
    for line in pg.functions.isocurve(finite, level, connected=True, extendToEdge=False):
        points = np.asarray(line, dtype=float)
        if len(points) >= 2:
            lines.append(
                np.column_stack([x[0] + (points[:, 0] - 0.5) * dx, y[0] + (points[:, 1] - 0.5) * dy])
            )
    return lines


def flat_range(values: FloatArray, share: float = 0.05) -> tuple[float, float] | None:
    """A y range ±``share`` around ``values`` when their finite values are all (nearly) equal."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    low, high = float(finite.min()), float(finite.max())
    if high - low > 1e-9 * max(abs(low), abs(high)):
        return None
    half = share * abs(high) if high != 0 else 1.0
    return low - half, high + half


class SweepPlot(QWidget):
    """Shows one SweepResult; ``designPicked`` carries the input values of a clicked design."""

    designPicked = Signal(tuple)

    def __init__(self) -> None:
        super().__init__()
        background, foreground = theme.plot_colours()
        self.view = pg.PlotWidget(background=background, axisItems=rounded_axes())
        self.view.setObjectName("sweepPlot")
        self.view.showGrid(x=True, y=True, alpha=0.25)
        self._foreground = foreground
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.result: SweepResult | None = None
        self._logs: tuple[bool, ...] = ()
        self.image: pg.ImageItem | None = None
        self.curve: pg.PlotDataItem | None = None
        self.contours: list[pg.PlotDataItem] = []
        self.colour_bar: pg.ColorBarItem | None = None
        self.view.scene().sigMouseClicked.connect(self._clicked)

    def show_result(
        self,
        result: SweepResult,
        logs: tuple[bool, ...],
        current: tuple[float, ...],
        labels: tuple[str, ...] | None = None,
    ) -> None:
        """Draw ``result``; ``labels`` name the inputs on the axes (their paths by default)."""
        self.clear()
        self.result, self._logs = result, logs
        plot = self.view.getPlotItem()
        for side, index in (("bottom", 0), ("left", 1)):
            if index < len(result.paths):
                label = labels[index] if labels is not None else result.paths[index]
                plot.setLabel(side, _axis_label(label, logs[index]))
        # The output in the units chosen in Preferences (energy_mWh as energy_Wh), named as a
        # person reads it ("Stack energy (Wh)"); the clicks still pick designs by their inputs.
        shown = replace(result, values=result.values * float(shown_factor(result.key)))
        name = key_label(result.key)
        if len(result.axes) == 1:
            plot.setLabel("left", name)
            self._line(shown, current)
        else:
            self._heatmap(shown, current, name)
        plot.enableAutoRange()
        flat = flat_range(shown.values) if len(result.axes) == 1 else None
        if flat is not None:
            plot.setYRange(*flat, padding=0)  # not a range of a few ulps around one value

    def clear(self) -> None:
        if self.colour_bar is not None:
            self.view.getPlotItem().layout.removeItem(self.colour_bar)
            self.colour_bar.setParentItem(None)
            self.colour_bar = None
        self.view.getPlotItem().clear()
        self.result, self.image, self.curve, self.contours = None, None, None, []

    def _line(self, result: SweepResult, current: tuple[float, ...]) -> None:
        colour = CURVE_COLOURS[theme.is_dark()][0]
        x = _positions(result.axes[0], self._logs[0])
        self.curve = self.view.plot(
            x,
            result.values,
            pen=pg.mkPen(colour, width=2),
            symbol="o",
            symbolSize=5,
            symbolBrush=colour,
            symbolPen=None,
            connect="finite",
        )
        self._mark_current(current)

    def _heatmap(self, result: SweepResult, current: tuple[float, ...], name: str) -> None:
        x, y = (_positions(a, log) for a, log in zip(result.axes, self._logs, strict=True))
        values = np.asarray(result.values, dtype=float)
        self.image = pg.ImageItem(values, axisOrder="col-major")
        dx = (x[-1] - x[0]) / (len(x) - 1)
        dy = (y[-1] - y[0]) / (len(y) - 1)
        self.image.setRect(float(x[0] - dx / 2), float(y[0] - dy / 2), float(dx * len(x)), float(dy * len(y)))
        finite = values[np.isfinite(values)]
        if finite.size:
            low, high = float(finite.min()), float(finite.max())
            levels = (low, high if high > low else low + 1.0)
            self.colour_bar = pg.ColorBarItem(
                values=levels, colorMap=pg.colormap.get(COLOUR_MAP), label=name, interactive=False
            )
            self.colour_bar.setImageItem(self.image, insert_in=self.view.getPlotItem())
        self.view.addItem(self.image)
        pen = pg.mkPen(self._foreground, width=1)
        for level in contour_levels(values):
            for line in contour_lines(values, level, x, y):
                self.contours.append(self.view.plot(line[:, 0], line[:, 1], pen=pen))
        self._mark_current(current)

    def _mark_current(self, current: tuple[float, ...]) -> None:
        pairs = list(zip(current, self._logs, strict=True))
        if not all(math.isfinite(v) and (v > 0 or not log) for v, log in pairs):
            return  # a value a log axis cannot show is not marked
        position = [
            float(_positions(np.array([v]), log)[0]) for v, log in zip(current, self._logs, strict=True)
        ]
        dash = pg.mkPen(self._foreground, width=1, style=Qt.PenStyle.DashLine)
        self.view.addItem(
            pg.InfiniteLine(position[0], angle=90, pen=dash, label="current", labelOpts={"position": 0.92})
        )
        if len(position) == 2:
            star = pg.ScatterPlotItem(
                [position[0]],
                [position[1]],
                symbol="star",
                size=16,
                brush=pg.mkBrush("#ffffff"),
                pen=pg.mkPen("#000000"),
            )
            self.view.addItem(star)

    def design_at(self, x: float, y: float) -> tuple[float, ...] | None:
        """The inputs of the swept design nearest the plot point (x, y), if there is a result."""
        if self.result is None:
            return None
        index = [_nearest(_positions(self.result.axes[0], self._logs[0]), x)]
        if len(self.result.axes) == 2:
            index.append(_nearest(_positions(self.result.axes[1], self._logs[1]), y))
        return tuple(float(a[i]) for a, i in zip(self.result.axes, index, strict=True))

    def _clicked(self, event: object) -> None:
        if not isinstance(event, MouseClickEvent):
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        box = self.view.getPlotItem().vb
        if not box.sceneBoundingRect().contains(event.scenePos()):
            return
        point: QPointF = box.mapSceneToView(event.scenePos())
        picked = self.design_at(point.x(), point.y())
        if picked is not None:
            self.designPicked.emit(picked)


def _nearest(positions: FloatArray, value: float) -> int:
    return int(np.argmin(np.abs(positions - value)))


def _axis_label(path: str, log: bool) -> str:
    return f"log₁₀ {path}" if log else path
