"""The parts the plots panel is built from: a tab's page with its drawing primitives, the
discharge-model hook, C-rate input, the open-circuit fallback curve and the CSV of what is drawn."""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import numpy as np
import pyqtgraph as pg
from numpy.typing import NDArray
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from cellstack.core import units as u
from cellstack.core.material import Role
from cellstack.core.metrics import Metrics
from cellstack.core.ocp import get_curve
from cellstack.core.stack import Stack
from cellstack.gui import theme
from cellstack.io.csv_export import curves_csv, write_csv

FloatArray = NDArray[np.float64]
Row = tuple[str, float, QColor, bool, str]  # a bar: name, value, colour, hatched, value text
# Rate capability and Ragone: 0.05 C to 50 C, five steps a decade (the user's rates are added).
SWEEP_C_RATES = tuple(float(f"{r:.3g}") for r in np.geomspace(0.05, 50.0, 16))
MAX_C_RATES = 8
DISCHARGE_FUNCTIONS = ("simulate_discharge", "discharge_curves", "rate_capability", "ragone")
# Okabe-Ito hues; the dark set swaps the deep blue and grey for tints that read on dark grey.
CURVE_COLOURS = {
    False: ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#444444", "#F0E442"),
    True: ("#56B4E9", "#E69F00", "#3DDC97", "#F0E442", "#FF9DC8", "#FF7F50", "#DDDDDD", "#0072B2"),
}
# Log axes labelled at decades only: pyqtgraph's own labels crowd every minor tick on short ranges.
LOG_TICKS = [
    [(float(k), f"{10.0**k:g}") for k in range(-3, 8)],
    [(k + float(np.log10(m)), "") for k in range(-3, 8) for m in range(2, 10)],
]
TITLE_POINTS = 10.0
KIND_ROLE = {"bulk": Role.ELECTROLYTE, "composite": Role.CATHODE, "buffer": Role.BUFFER}  # bar colours
OCV_ONLY = (
    "The discharge model (cellstack.core.discharge) is not available yet: this shows the "
    "open-circuit voltage only, without rate, temperature or cut-off effects."
)
_ASCII_UNITS = (("Ω·cm²", "ohm*cm2"), ("cm²", "cm2"), ("µm", "um"), ("°C", "degC"))


def discharge_api() -> ModuleType | None:
    """cellstack.core.discharge once it provides the functions the plots call, else None.

    Looked up at run time because the discharge model is developed alongside the GUI: the panel
    falls back to the open-circuit curve until the module is complete.
    """
    try:
        module = importlib.import_module("cellstack.core.discharge")
    except ImportError:
        return None
    return module if all(hasattr(module, name) for name in DISCHARGE_FUNCTIONS) else None


def parse_c_rates(text: str) -> tuple[float, ...] | None:
    """ "0.1, 1, 2" -> (0.1, 1.0, 2.0); None unless every entry is a rate in (0, 100] C."""
    try:
        rates = sorted({float(t) for t in re.split(r"[,;\s]+", text.strip()) if t})
    except ValueError:
        return None
    if not rates or len(rates) > MAX_C_RATES or not all(0 < r <= 100 for r in rates):
        return None
    return tuple(rates)


def started(curve: Any) -> bool:
    """Whether a discharge delivered any charge: one that ends at once (the first voltage is
    below the cut-off: too cold, or too high a rate) is a single point, not a curve."""
    return bool(curve.delivered_capacity_C > 0.0)


def end_text(curve: Any) -> str:
    """Why a discharge ended, in the core's words (the CLI and the PDF print the same
    ``end_reason``), with the cut-off voltage where that is the reason."""
    if not started(curve):
        return f"cannot start — initial drop below the cut-off ({curve.cutoff_V:.3g} V)"
    cutoff = f" ({curve.cutoff_V:.3g} V)" if curve.end_reason == "cut-off voltage" else ""
    return f"{curve.end_reason}{cutoff}"


def ocv_curve(stack: Stack, metrics: Metrics, points: int = 200) -> tuple[FloatArray, FloatArray] | None:
    """Open-circuit voltage vs capacity (mAh) along the stoichiometry windows of the metrics."""
    capacity, voltage = metrics.capacity_C, metrics.voltage
    if not metrics.valid or capacity is None or voltage is None:
        return None
    charge = np.linspace(0.0, capacity / u.MAH, points)
    by_role = {x.role: x.effective_material for x in reversed(stack.layers)}  # the first of each
    cathode, anode = by_role.get(Role.CATHODE), stack.plated_anode or by_role.get(Role.ANODE)
    p, n = get_curve(cathode.ocp if cathode else ""), get_curve(anode.ocp if anode else "")
    if p is None or n is None or voltage.cathode_window is None or voltage.anode_window is None:
        return charge, np.full(points, voltage.average_V)  # only an average voltage is known
    # Windows are (end, start) of discharge: the cathode fills up while the anode empties.
    theta_p = np.linspace(voltage.cathode_window[1], voltage.cathode_window[0], points)
    theta_n = np.linspace(voltage.anode_window[1], voltage.anode_window[0], points)
    return charge, np.asarray(p(theta_p) - n(theta_n), dtype=float)


# pyqtgraph anchors a legend by the signs of its offset: (+, +) top left, (-, -) bottom right.
LEGEND_OFFSETS = {
    "top right": (-10, 10), "top left": (10, 10), "bottom left": (10, -10), "bottom right": (-10, -10)
}  # fmt: skip


def emptiest_corner(plot: Any, series: Sequence[Series], share: float = 0.35) -> str:
    """The corner of the plot's view where the fewest drawn points lie within ``share`` of the
    width and height: where the legend covers least of the curves (ties: top right first)."""
    points = [(np.asarray(s.x, dtype=float), np.asarray(s.y, dtype=float)) for s in series if len(s.x)]
    if not points:
        return "top right"
    x = np.concatenate([p[0] for p in points])
    y = np.concatenate([p[1] for p in points])
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.log10(x) if plot.getAxis("bottom").logMode else x
        y = np.log10(y) if plot.getAxis("left").logMode else y
    keep = np.isfinite(x) & np.isfinite(y)
    x, y = x[keep], y[keep]
    (x0, x1), (y0, y1) = plot.vb.state["viewRange"]
    if plot.vb.state["autoRange"][0] and len(x):  # the view follows the data on the next paint
        x0, x1 = float(x.min()), float(x.max())
    if plot.vb.state["autoRange"][1] and len(y):
        y0, y1 = float(y.min()), float(y.max())
    if not len(x) or x1 <= x0 or y1 <= y0:
        return "top right"
    u_, v_ = (x - x0) / (x1 - x0), (y - y0) / (y1 - y0)
    near = {"left": u_ < share, "right": u_ > 1 - share, "top": v_ > 1 - share, "bottom": v_ < share}
    counts = {corner: int(np.count_nonzero(near[corner.split()[0]] & near[corner.split()[1]]))
              for corner in LEGEND_OFFSETS}  # fmt: skip
    return min(LEGEND_OFFSETS, key=lambda corner: counts[corner])


class Axes(NamedTuple):
    title: str
    x: str  # axis labels with their units, "Capacity (mAh)"
    y: str


class Series(NamedTuple):
    """One drawn data set: a curve, or one bar (x is then its name)."""

    axes: Axes
    name: str
    x: Sequence[float] | Sequence[str]
    y: Sequence[float]


# Short tab names: with the full titles the six plot tabs needed scroll arrows at 1366 × 768.
TAB_NAMES = {"Rate capability": "Rate", "Mass & thickness": "Mass", "Cell breakdown": "Cell parts"}


def add_tab(tabs: QTabWidget, page: PlotPage) -> PlotPage:
    """``page`` under its short name, its full title in the tab's tooltip. A panel narrower
    still elides the names rather than scrolling tabs out of view."""
    tabs.setUsesScrollButtons(False)
    tabs.setElideMode(Qt.TextElideMode.ElideRight)
    tabs.setTabToolTip(tabs.addTab(page, TAB_NAMES.get(page.title, page.title)), page.title)
    return page


def short_number(value: float) -> str:
    """Three significant digits, but never "1.22e+03" for 1220."""
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _ascii(label: str) -> str:
    for fancy, plain in _ASCII_UNITS:  # the units of io.csv_export, readable by every program
        label = label.replace(fancy, plain)
    return label


def write_series_csv(path: Path, series: Sequence[Series]) -> None:
    """Long format, one row per point: plot, series, x quantity, x, y quantity, y."""
    names = ("plot", "series", "x_quantity", "x", "y_quantity", "y")
    columns: dict[str, list[Any]] = {name: [] for name in names}
    for s in series:
        for x, y in zip(s.x, s.y, strict=True):
            row = (s.axes.title, s.name, _ascii(s.axes.x), x, _ascii(s.axes.y), y)
            for values, value in zip(columns.values(), row, strict=True):
                values.append(value)
    write_csv(path, curves_csv(columns))


class PlotPage(QWidget):
    """One tab: a note over one or more plots. A redraw rebuilds the bars but reuses the curves,
    since making a curve and its legend entry costs several times what drawing one does."""

    widthChanged = Signal()  # drawn for another width: redraw when shown

    def __init__(self, title: str, plots: int, *, across: bool = False, heavy: bool = True) -> None:
        super().__init__()
        self.title = title
        self.setObjectName(re.sub(r"\W+", "", title.title()) + "Page")
        self.heavy = heavy  # uses the discharge model, so the discharge controls change it
        self.dirty = True
        self.series: list[Series] = []
        self.note = QLabel("", wordWrap=True)
        self.note.setObjectName("plotNote")
        self._shape = (plots, across)
        self.view: Any = None  # pg.GraphicsLayoutWidget, made by the first redraw
        self.plots: list[Any] = []  # its pg.PlotItems
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.addWidget(self.note)
        self._curves: list[Any] = []  # curve items on the first plot, reused in order
        self._shown = 0
        self._legend: list[tuple[int, str]] = []
        self._styled: dict[int, tuple[str, str]] = {}  # id(plot) -> (title, colour) it has
        self._background = ""
        self._note = ""
        self._drawn_width = 0  # the view's width the titles and bar names were elided for

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._drawn_width and self.view is not None and self.view.width() != self._drawn_width:
            self.dirty = True  # titles and bar names are elided again for the new width
            self.widthChanged.emit()

    def _build(self) -> None:
        # Made on the first redraw, that is when the tab is first shown: the seven plot items of
        # the five tabs took a sixth of the start-up, for tabs most sessions never open.
        plots, across = self._shape
        self.view = pg.GraphicsLayoutWidget()
        self.plots = [self.view.addPlot(row=0 if across else i, col=i if across else 0) for i in range(plots)]
        if plots == 1:
            self.plots[0].addLegend(offset=(-10, 10))
        self._box.addWidget(self.view, 1)

    def begin(self) -> None:
        """Start a redraw: notes, series and bars go; curves wait to be reused."""
        if self.view is None:
            self._build()
        background = theme.plot_colours()[0]
        if self._background != background:  # a new background repaints every item of the view
            self.view.setBackground(background)
            self._background = background
        self.series.clear()
        self._note = ""
        self._shown = 0
        for plot in self.plots:
            for item in [i for i in plot.items if not any(i is c for c in self._curves)]:
                plot.removeItem(item)

    def finish(self) -> None:
        for curve in self._curves[self._shown :]:
            curve.hide()
        names = [(id(c), c.name()) for c in self._curves[: self._shown]]
        legend = self.plots[0].legend
        if legend is not None and names != self._legend:  # rebuilt only when the curves change
            legend.clear()
            for curve in self._curves[: self._shown]:
                legend.addItem(curve, curve.name())
            self._legend = names
        if legend is not None and self._shown:
            curves = [s for s in self.series if s.x and not isinstance(s.x[0], str)]  # not bars
            offset = LEGEND_OFFSETS[emptiest_corner(self.plots[0], curves)]
            if tuple(legend.opts["offset"]) != offset:  # moving it re-lays the legend out
                legend.setOffset(offset)
        # Set once, and only when it changes: a label's new text re-lays the whole window out.
        if self.note.text() != self._note:
            self.note.setText(self._note)
            self.note.setVisible(bool(self._note))
        self._drawn_width = self.view.width()
        self.dirty = False

    def set_note(self, text: str) -> None:
        """The line above the plots, shown when the redraw finishes (the last one set wins)."""
        self._note = text

    @staticmethod
    def set_range(plot: Any, x: tuple[float, float] | None = None, y: tuple[float, float] | None = None,
                  padding: float = 0.0) -> None:  # fmt: skip
        """Fix a plot's view range. Unlike setXRange, setting the range it already has changes
        nothing, so a redraw with unchanged axes does not lay them out and repaint them again."""
        if any(plot.vb.state["autoRange"]):
            plot.disableAutoRange()
        plot.setRange(xRange=x, yRange=y, padding=padding, disableAutoRange=False)

    def set_axes(self, plot: Any, axes: Axes, title: str) -> None:
        foreground = theme.plot_colours()[1]
        # A title's width is its plot's minimum width: a long one pushed the plot past the right
        # edge of the view, with the largest bars and their values. It is elided to what is left
        # beside the axes (the names take up to a third, see bars).
        font = QFont(plot.titleLabel.item.font())
        font.setPointSizeF(TITLE_POINTS)
        across = self._shape[0] if self._shape[1] else 1
        room = max(150, int(self.view.width() / across * 0.47))  # beside the axes and margins
        title = QFontMetrics(font).elidedText(title, Qt.TextElideMode.ElideRight, room)
        if self._styled.get(id(plot)) == (title, foreground):
            return  # restyling re-lays the plot out: a third of a redraw
        self._styled[id(plot)] = (title, foreground)
        plot.setTitle(title, color=foreground, size=f"{TITLE_POINTS:g}pt")
        for side, text in (("bottom", axes.x), ("left", axes.y), ("right", "")):
            axis = plot.getAxis(side)
            axis.setPen(foreground)
            axis.setTextPen(foreground)
            axis.enableAutoSIPrefix(False)  # "(x0.001)" beside a unit reads as a typo
            if text:
                plot.setLabel(side, text, color=foreground)
        if plot.legend is not None:
            plot.legend.setLabelTextColor(foreground)

    def line(self, axes: Axes, name: str, x: Any, y: Any, **style: Any) -> None:
        """A curve on the first plot, without the points that are not finite (or not positive on
        a log axis)."""
        plot = self.plots[0]
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        keep = np.isfinite(x) & np.isfinite(y)
        keep &= (x > 0) if plot.getAxis("bottom").logMode else True
        keep &= (y > 0) if plot.getAxis("left").logMode else True
        colour = CURVE_COLOURS[theme.is_dark()][self._shown % len(CURVE_COLOURS[False])]
        style["pen"] = pg.mkPen(colour, width=2, style=style.pop("style", Qt.PenStyle.SolidLine))
        if style.setdefault("symbol", None):
            style.update(symbolBrush=colour, symbolPen=colour)
        # A plain line is a PlotCurveItem: setting its data costs a seventh of a PlotDataItem's,
        # which a spin-box drag pays for every curve on every step. Markers need a PlotDataItem.
        kind = pg.PlotCurveItem if style["symbol"] is None else pg.PlotDataItem
        if style["symbol"] is None:
            del style["symbol"]
        reusable = self._shown < len(self._curves) and type(self._curves[self._shown]) is kind
        if reusable:
            curve = self._curves[self._shown]
            curve.setData(x[keep], y[keep], name=name, **style)
            curve.show()
        else:
            curve = kind(x[keep], y[keep], name=name, **style)
            plot.addItem(curve)
            if self._shown < len(self._curves):
                plot.removeItem(self._curves[self._shown])
                self._curves[self._shown] = curve
            else:
                self._curves.append(curve)
        self._shown += 1
        self.series.append(Series(axes, name, x[keep].tolist(), y[keep].tolist()))

    def bars(self, plot: Any, axes: Axes, rows: list[Row], names: bool = True) -> None:
        """Horizontal bars, the first on top, named on the left axis and valued on the right one
        (axis ticks, not a text item per bar: making the items tripled the time of a redraw)."""
        ys = np.arange(len(rows), dtype=float)[::-1]
        values = np.array([max(r[1], 0.0) for r in rows])
        solid, hatched = Qt.BrushStyle.SolidPattern, Qt.BrushStyle.BDiagPattern
        brushes = [QBrush(c, hatched if h else solid) for _, _, c, h, _ in rows]
        pens = [pg.mkPen(c, width=1.5) for _, _, c, _, _ in rows]
        plot.addItem(pg.BarGraphItem(x0=0.0, y=ys, height=0.6, width=values, brushes=brushes, pens=pens))
        # Long library names are elided to at most a third of the plot's width (the full names
        # are in the CSV export): longer, they pushed the bars, values and title off the right.
        left = plot.getAxis("left")
        across = self._shape[0] if self._shape[1] else 1
        budget = max(80, int(0.33 * self.view.width() / across))
        font = QFontMetrics(left.font())
        labels = [font.elidedText(n, Qt.TextElideMode.ElideRight, budget) if names else "" for n, *_ in rows]
        left.setTicks([list(zip(ys.tolist(), labels, strict=True))])
        if names:
            left.setWidth(max((font.horizontalAdvance(t) for t in labels), default=0) + 12)
        right = plot.getAxis("right")
        right.setTicks([[(y, r[4]) for y, r in zip(ys.tolist(), rows, strict=True)]])
        # A set width: pyqtgraph widens an axis only after drawing, so the widest value went missing.
        metrics = QFontMetrics(right.font())
        right.setWidth(max((metrics.horizontalAdvance(r[4]) for r in rows), default=0) + 14)
        plot.showAxis("right")
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        top = float(values.max()) * 1.12 if len(rows) and values.max() > 0 else 1.0
        self.set_range(plot, x=(0.0, top), y=(-0.5, len(rows) - 0.5))
        bar_axes = Axes(axes.title, "name", axes.x)  # in the CSV: one row per bar
        self.series.extend(Series(bar_axes, r[0], [r[0]], [r[1]]) for r in rows)
