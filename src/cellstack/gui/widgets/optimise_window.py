"""Explore → Optimise…: the best design of the open one within bounds, or the Pareto front of two
outputs, computed off the GUI thread with progress and Cancel.

One objective shows the optimum and which constraints bind; two show the front as a scatter with
the open design marked, and a click on a point shows that design. Nothing in the document changes
until Apply, which sets the chosen design as one undoable step.
"""

from __future__ import annotations

import html
import math

import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QCloseEvent, QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cellstack.core.errors import InputError
from cellstack.core.explore.optimize import Infeasible
from cellstack.gui import theme
from cellstack.gui.background_job import BackgroundJob
from cellstack.gui.document import Document
from cellstack.gui.optimise_study import OptimiseResult, OptimiseStudy
from cellstack.gui.widgets.optimise_inputs import BoundRow, GoalRow
from cellstack.gui.widgets.plot_parts import CURVE_COLOURS
from cellstack.gui.widgets.study_controls import c_rate_box
from cellstack.gui.worker_gate import start_off_gui_thread
from cellstack.io.field_listing import numeric_paths
from cellstack.io.field_paths import read_value
from cellstack.io.output_names import output_label, output_name

INPUT_ROWS = 4
DEFAULT_OBJECTIVE = "specific_energy_Wh_kg"
CELL_OBJECTIVE = "cell.levels.cell.specific_energy_Wh_kg"  # what the metrics panel leads with for a cell
SECOND_OBJECTIVE = "asr_ohm_cm2"
CONSTRAINT_HINT = "KEY>=VALUE; KEY<=VALUE  e.g. asr_ohm_cm2<=85; delivered_fraction>=0.8"


def _failure_text(study: OptimiseStudy, exc: Exception) -> str:
    if isinstance(exc, Infeasible):
        return study.infeasible_message(exc)
    return exc.one_line() if isinstance(exc, InputError) else str(exc)


def _value(value: float) -> str:
    return f"{value:.6g}" if math.isfinite(value) else "no value"


class OptimiseWindow(QWidget):
    """A window over one Document; ``result`` holds the last run shown, ``chosen`` the inputs of
    the design Apply would set."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Optimise")
        self.setObjectName("optimiseWindow")
        self.document = document
        self.inputs = [BoundRow(optional=i > 0) for i in range(INPUT_ROWS)]
        packaged = document.project.cell_format.kind != "planar"
        first = CELL_OBJECTIVE if packaged else DEFAULT_OBJECTIVE
        self.goals = (GoalRow(False, first), GoalRow(True, SECOND_OBJECTIVE))
        self.constraints = QLineEdit()
        self.constraints.setPlaceholderText(CONSTRAINT_HINT)
        self.constraints.setToolTip("Limits on outputs, separated by semicolons: " + CONSTRAINT_HINT)
        self.c_rate = c_rate_box()
        self.run_button = QPushButton("Run")
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.apply_button = QPushButton("Apply")
        self.apply_button.setToolTip("Set the chosen design in the open document (one undoable step)")
        self.progress = QProgressBar()
        self.status = QLabel("Choose inputs with their bounds and one or two objectives, then Run.")
        self.status.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("optimiseDetails")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot = _front_plot()
        self.study: OptimiseStudy | None = None
        self.result: OptimiseResult | None = None
        self.chosen: tuple[float, ...] | None = None
        self.job: BackgroundJob | None = None
        self._applying = False
        self._stale = False  # the design was edited after the run began: its designs are not applied
        self._selected = pg.ScatterPlotItem()  # the ring around the chosen point of a front
        self.star = pg.ScatterPlotItem()  # the open design among the front's points
        self._picked: int | None = None  # the front's design chosen (its index)
        self._applied: int | None = None  # the front's design applied since the run: the open one
        self.plot.scene().sigMouseClicked.connect(self._plot_clicked)
        self._layout()
        self._set_running(False)
        self.apply_button.setEnabled(False)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.apply_button.clicked.connect(self.apply)
        document.stackChanged.connect(self._design_changed)
        self.refresh_paths()

    def _layout(self) -> None:
        form = QFormLayout()
        for i, row in enumerate(self.inputs):
            form.addRow("Vary" if i == 0 else "and", row)
        form.addRow("Objective", self.goals[0])
        form.addRow("and (Pareto front)", self.goals[1])
        form.addRow("Constraints", self.constraints)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel("delivered_* at"))
        buttons.addWidget(self.c_rate)
        buttons.addStretch(1)
        for button in (self.run_button, self.cancel_button, self.apply_button):
            buttons.addWidget(button)
        form.addRow("", buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.plot)
        splitter.addWidget(self.details)
        splitter.setSizes([600, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

    def refresh_paths(self) -> None:
        project = self.document.project
        paths = {p.text: (p, read_value(project, p)) for p in numeric_paths(project)}
        names = [layer.name for layer in project.stack.layers]
        for row in self.inputs:
            row.set_paths(paths, layer_names=names)

    # -- running ---------------------------------------------------------------------------------
    def make_study(self) -> OptimiseStudy:
        """The run the controls describe; InputError naming what is wrong with them."""
        bounds = [b for b in (row.bound() for row in self.inputs) if b is not None]
        goals = [g for g in (row.goal() for row in self.goals) if g is not None]
        limits = [t for t in self.constraints.text().replace("\n", ";").split(";") if t.strip()]
        return OptimiseStudy(
            self.document.project, self.document.library, bounds, goals, limits, self.c_rate.value()
        )

    def run(self) -> None:
        if self.job is not None:
            return
        try:
            study = self.make_study()
        except InputError as exc:
            self.status.setText(exc.one_line())
            return
        self.study, self.result, self.chosen, self._stale = study, None, None, False
        self._applied = None
        self.apply_button.setEnabled(False)
        self.details.clear()
        self.plot.getPlotItem().clear()
        self.job = BackgroundJob(study.run, (Infeasible, InputError), lambda exc: _failure_text(study, exc))
        self.job.signals.progress.connect(self._progress)
        self.job.signals.finished.connect(self._finished)
        self.job.signals.failed.connect(self._failed)
        self.progress.setRange(0, study.expected_designs)
        self.progress.setValue(0)
        self._set_running(True)
        how = "at once" if study.vectorised else "one at a time"
        self.status.setText(f"Computing about {study.expected_designs} designs ({how})…")
        start_off_gui_thread(self.job)

    def _progress(self, done: int) -> None:
        self.progress.setValue(min(done, self.progress.maximum() - 1))

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel()  # a closed window has no one to show the result to
        super().closeEvent(event)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.run_button.setEnabled(not running)

    def _failed(self, message: str) -> None:
        self.job = None
        self._set_running(False)
        self.status.setText(message)

    def _finished(self, result: OptimiseResult | None) -> None:
        self.job = None
        self._set_running(False)
        if result is None:
            self.status.setText("Cancelled; nothing changed.")
            return
        self.result = result
        if result.optimum is not None:
            self._show_optimum(result)
        else:
            self._show_front(result)
        if self._stale:
            self._withdraw()

    # -- showing -----------------------------------------------------------------------------------
    def _show_optimum(self, result: OptimiseResult) -> None:
        study, best = self.study, result.optimum
        assert study is not None and best is not None
        objective = study.objectives[0]
        verb = "Maximum" if objective.maximize else "Minimum"
        self.plot.hide()
        bounds = dict(best.at_bounds)
        rows = [
            f"<b>{verb} of {html.escape(output_label(objective.key))}: {_value(best.objective)}</b> "
            f"(open design: {_value(result.current[objective.key])}; {best.evaluations} designs evaluated)"
        ]
        rows += [
            html.escape(study.value_text(i, float(v)))
            + (f" <i>(at its {bounds[i]} bound)</i>" if i in bounds else "")
            for i, v in enumerate(best.point)
        ]
        for c in study.constraints:
            state = "<b>binding</b>" if c in best.binding else "slack"
            rows.append(f"{html.escape(str(c))}: {c.key} = {_value(best.outputs[c.key])} ({state})")
        self.details.setText("<br>".join(rows))
        self.chosen = tuple(float(v) for v in best.point)
        self.apply_button.setEnabled(True)
        binding = ", ".join(str(c) for c in best.binding) or "none"
        self.status.setText(f"Optimum found; binding constraints: {binding}. Apply sets it in the design.")

    def _show_front(self, result: OptimiseResult) -> None:
        study, front = self.study, result.front
        assert study is not None and front is not None
        x_key, y_key = (o.key for o in study.objectives)
        self.plot.show()
        item = self.plot.getPlotItem()
        item.clear()
        item.setLabel("bottom", output_label(x_key))
        item.setLabel("left", output_label(y_key))
        colour = QColor(CURVE_COLOURS[theme.is_dark()][0])
        scatter = pg.ScatterPlotItem(
            front.values[x_key],
            front.values[y_key],
            size=9,
            brush=pg.mkBrush(colour),
            pen=None,
            name="Pareto front",
        )
        item.addItem(scatter)
        self._selected = pg.ScatterPlotItem(size=16, brush=None, pen=pg.mkPen(colour, width=2))
        item.addItem(self._selected)
        here = (result.current[x_key], result.current[y_key])
        marker = CURVE_COLOURS[theme.is_dark()][1]
        self.star = pg.ScatterPlotItem(
            symbol="star", size=18, brush=pg.mkBrush(marker), pen=None, name="open design"
        )
        if all(math.isfinite(v) for v in here):
            self.star.setData([here[0]], [here[1]])
        item.addItem(self.star)
        shown = len(front.points)
        self.details.setText("Click a point of the front to see that design; Apply sets it.")
        self.status.setText(
            f"Pareto front: {shown} of {front.sampled} designs sampled are not beaten on both "
            f"{output_name(x_key)} and {output_name(y_key)}; the star is the open design."
        )

    def _plot_clicked(self, event: object) -> None:
        """A click in the plot picks the point of the front nearest it on screen, as the Sweep
        window picks the nearest design: the dots are a few pixels wide, and a click beside one
        did nothing."""
        if not isinstance(event, MouseClickEvent) or event.button() != Qt.MouseButton.LeftButton:
            return
        if self.result is None or self.result.front is None or self.study is None:
            return
        box = self.plot.getPlotItem().vb
        if not box.sceneBoundingRect().contains(event.scenePos()):
            return
        x_key, y_key = (o.key for o in self.study.objectives)
        values = self.result.front.values
        scene = [
            box.mapViewToScene(QPointF(float(x), float(y)))
            for x, y in zip(values[x_key], values[y_key], strict=True)
        ]
        at = event.scenePos()
        distances = [(p.x() - at.x()) ** 2 + (p.y() - at.y()) ** 2 for p in scene]
        if distances:
            self.pick(distances.index(min(distances)))

    def pick(self, index: int) -> None:
        """Show the front's design ``index`` and make it the one Apply sets."""
        if self.result is None or self.result.front is None or self.study is None:
            return
        front, study = self.result.front, self.study
        point = front.points[index]
        self.chosen = tuple(float(v) for v in point)
        x_key, y_key = (o.key for o in study.objectives)
        self._selected.setData([front.values[x_key][index]], [front.values[y_key][index]])
        self._picked = index
        rows = [f"<b>Design {index + 1} of {len(front.points)} on the front</b>"]
        rows += [html.escape(study.value_text(i, float(v))) for i, v in enumerate(point)]
        compared = self._compared_with()
        for key in study.keys:
            value, open_value = _value(float(front.values[key][index])), _value(self._open_value(key))
            rows.append(f"{html.escape(output_label(key))}: {value} ({compared}: {open_value})")
        self.details.setText("<br>".join(rows))
        if self._stale:  # shown for reading; applying it would undo the edits made since the run
            self._withdraw()
            return
        self.apply_button.setEnabled(True)

    def _compared_with(self) -> str:
        """What the details compare a front's design with: once the design was edited after the
        run, no longer the open design but the one the run started from or the one applied."""
        if not self._stale:
            return "open design"
        return "applied design" if self._applied is not None else "design the run started from"

    def _open_value(self, key: str) -> float:
        """KEY of the open design: the run's starting design, or the front's design applied since."""
        assert self.result is not None
        if self._applied is not None and self.result.front is not None:
            return float(self.result.front.values[key][self._applied])
        return float(self.result.current[key])

    # -- applying ----------------------------------------------------------------------------------
    def apply(self) -> None:
        if self.study is None or self.chosen is None:
            return
        try:
            project = self.study.design(self.chosen)
        except InputError as exc:
            self.status.setText(exc.one_line())
            return
        text = ", ".join(f"{p.text} = {v:.6g}" for p, v in zip(self.study.paths, self.chosen, strict=True))
        self._applying = True
        try:
            applied = self.document.push_project(project, f"Apply optimised design ({text})")
        finally:
            self._applying = False
        if applied:
            self.apply_button.setEnabled(False)
            moved = ""
            if self.result is not None and self.result.front is not None and self._picked is not None:
                # The open design is now the picked one: the star moves onto its ring.
                self.star.setData(*self._selected.getData())
                moved = " The star marks it now."
                self._applied = self._picked
                self.pick(self._picked)  # its details compare with the design now open
                self.apply_button.setEnabled(False)
            self.status.setText(f"Applied {text}.{moved} Undo restores the previous design.")

    def _design_changed(self) -> None:
        """Another edit makes the shown designs stale: each was built from the design as it was."""
        self.refresh_paths()
        if self._applying or self.study is None:
            return
        self._stale = True
        self.star.setData([], [])  # the open design is no longer where the run saw it
        self._withdraw()

    def _withdraw(self) -> None:
        self.chosen = None
        self.apply_button.setEnabled(False)
        self.status.setText("The design has changed since this run; Run again to optimise it.")


def _front_plot() -> pg.PlotWidget:
    background, _ = theme.plot_colours()
    plot = pg.PlotWidget(background=background)
    plot.setObjectName("paretoPlot")
    plot.showGrid(x=True, y=True, alpha=0.25)
    plot.addLegend(offset=(10, 10), brush=pg.mkBrush(background + "d8"))
    return plot
