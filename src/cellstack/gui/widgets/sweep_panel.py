"""The Sweep panel: vary one or two inputs of the open design, plot one output, apply a design.

A sweep the vectorised path computes at once runs on the spot; one that needs a discharge per
design or builds each design (a cell input or output) runs on the thread pool in chunks, with a
progress bar and Cancel in the panel and, past half a second, a progress dialog with Cancel, so
the window never freezes. Nothing in the document changes until a design is clicked, which is
applied as one undoable step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cellstack.core.errors import InputError
from cellstack.core.explore.outputs import OUTPUT_KEYS
from cellstack.core.material import Role
from cellstack.gui.background_job import BackgroundJob
from cellstack.gui.display_units import units_changed
from cellstack.gui.document import Document
from cellstack.gui.sweep_study import CHUNK_DESIGNS, SweepResult, SweepStudy
from cellstack.gui.widgets.output_box import OutputBox
from cellstack.gui.widgets.study_controls import c_rate_box
from cellstack.gui.widgets.sweep_inputs import DEFAULT_POINTS, SweepInputRow
from cellstack.gui.widgets.sweep_plot import SweepPlot
from cellstack.gui.worker_gate import start_off_gui_thread
from cellstack.io.field_listing import numeric_paths
from cellstack.io.field_paths import read_value
from cellstack.io.project_model import Project

DEFAULT_OUTPUT = "specific_energy_Wh_kg"
CELL_OUTPUT = "cell.levels.cell.specific_energy_Wh_kg"  # what the metrics panel leads with for a cell
SHOW_DIALOG_AFTER_MS = 500  # a sweep done sooner shows no dialog at all


def default_input(project: Project) -> str | None:
    """The cathode's thickness, the input that moves every energy output; the first path in
    the file (the active area) leaves a planar stack's per-mass and per-volume values flat."""
    cathodes = project.stack.indices_with_role(Role.CATHODE)
    return f"stack.layers[{cathodes[0]}].thickness_um" if cathodes else None


class SweepPanel(QWidget):
    """A window over one Document; ``result`` holds the last sweep shown."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sweep")
        self.setObjectName("sweepPanel")
        self.document = document
        self.inputs = (SweepInputRow(False, DEFAULT_POINTS[0]), SweepInputRow(True, DEFAULT_POINTS[1]))
        packaged = document.project.cell_format.kind != "planar"
        self.output = OutputBox(OUTPUT_KEYS, CELL_OUTPUT if packaged else DEFAULT_OUTPUT)
        self.c_rate = c_rate_box()
        self.run_button = QPushButton("Run")
        self.run_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel")
        self.progress = QProgressBar()
        self.dialog = QProgressDialog("Computing the sweep…", "Cancel", 0, 1, self)
        self.dialog.setObjectName("sweepProgress")
        self.dialog.setWindowTitle("Sweep")
        # Not modal: the window stays usable (and its own Cancel too) while designs are computed.
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.dialog.setMinimumDuration(SHOW_DIALOG_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.reset()  # a QProgressDialog shows itself after its minimum duration unless reset
        self.status = QLabel("Pick an input and an output, then Run. Click the plot to apply that design.")
        self.status.setWordWrap(True)
        self.plot = SweepPlot()
        self.study: SweepStudy | None = None
        self.result: SweepResult | None = None
        self.job: BackgroundJob | None = None
        self._stale = False
        self._layout()
        self._set_running(False)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.plot.designPicked.connect(self.apply_design)
        self.output.currentIndexChanged.connect(lambda _: self._rerun_if_fast())
        document.stackChanged.connect(self._design_changed)
        units_changed().connect(self._units_changed)
        self.refresh_paths()
        default = default_input(document.project)
        if default is not None:
            self.inputs[0].choose(default)

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("Vary", self.inputs[0])
        form.addRow("and", self.inputs[1])
        outputs = QHBoxLayout()
        outputs.addWidget(self.output, 1)
        outputs.addWidget(QLabel("at"))
        outputs.addWidget(self.c_rate)
        outputs.addWidget(self.run_button)
        outputs.addWidget(self.cancel_button)
        form.addRow("Output", outputs)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.plot, 1)

    def refresh_paths(self) -> None:
        project = self.document.project
        paths = {p.text: (p, read_value(project, p)) for p in numeric_paths(project)}
        names = [layer.name for layer in project.stack.layers]
        for row in self.inputs:
            row.set_paths(paths, layer_names=names)

    def sweep_path(self, path: str) -> None:
        """Make ``path`` the first input (the layer editor's "Sweep this…") and run."""
        self.refresh_paths()
        self.inputs[0].choose(path)
        self.inputs[1].choose("")
        self.inputs[1].path_box.setCurrentIndex(0)
        self.run()

    def run(self) -> None:
        if self.job is not None:
            return
        try:
            axes = [a for a in (row.axis() for row in self.inputs) if a is not None]
            study = SweepStudy(
                self.document.project,
                self.document.library,
                axes,
                self.output.key(),
                self.c_rate.value(),
            )
        except InputError as exc:
            self.status.setText(exc.one_line())
            return
        self.study = study
        at_once = study.run_at_once()
        if at_once is not None:
            self._show(at_once)
            return
        self.job = BackgroundJob(study.run, (InputError,), _one_line)
        self.job.signals.progress.connect(self._progressed)
        self.job.signals.finished.connect(self._finished)
        self.job.signals.failed.connect(self._failed)
        self.progress.setRange(0, study.design_count)
        self.progress.setValue(0)
        self.dialog.setRange(0, study.design_count)
        self.dialog.setLabelText(f"Computing {study.design_count} designs…")
        self.dialog.setValue(0)  # starts the dialog's clock: it shows if the sweep lasts
        self._set_running(True)
        how = "together" if study.chunk > CHUNK_DESIGNS else "one at a time"
        self.status.setText(f"Computing {study.design_count} designs, {how}…")
        start_off_gui_thread(self.job)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _progressed(self, done: int) -> None:
        self.progress.setValue(done)
        if self.job is not None:
            self.dialog.setValue(done)

    def _finished(self, result: SweepResult | None) -> None:
        self.job = None
        self._set_running(False)
        if result is None:
            self.status.setText("Sweep cancelled; nothing changed.")
            return
        self._show(result)

    def _failed(self, message: str) -> None:
        self.job = None
        self._set_running(False)
        self.status.setText(message)

    def _set_running(self, running: bool) -> None:
        if not running:
            self.dialog.reset()  # stops its clock, so that it does not show after the sweep ...
            self.dialog.hide()  # ... and hides it where it did (it does not close itself)
        self.progress.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.run_button.setEnabled(not running)

    def _show(self, result: SweepResult | None) -> None:
        if result is None or self.study is None:
            return
        self.result = result
        logs = tuple(row.log.isChecked() for row in self.inputs if row.chosen() is not None)
        labels = tuple(self.study.label(i) for i in range(len(self.study.paths)))
        self.plot.show_result(result, logs, self.study.current(), labels)
        missing = int((~(result.values == result.values)).sum())  # NaN: a design without the output
        note = f"; {missing} designs have no {result.key}" if missing else ""
        self.status.setText(
            f"{result.values.size} designs{note}. Click the plot to apply the nearest design."
        )

    def _units_changed(self) -> None:
        self._show(self.result)  # the output's axis in the units now chosen

    def apply_design(self, values: tuple[float, ...]) -> None:
        """Apply the swept design with the inputs at ``values`` as one undoable edit."""
        if self.study is None:
            return
        try:
            project = self.study.design(values)
        except InputError as exc:
            self.status.setText(exc.one_line())
            return
        text = ", ".join(f"{p.text} = {v:.6g}" for p, v in zip(self.study.paths, values, strict=True))
        if self.document.push_project(project, f"Apply swept design ({text})"):
            self.status.setText(f"Applied {text}. Undo restores the previous design.")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._design_changed()

    def _design_changed(self) -> None:
        self._stale = not self.isVisible()  # a closed window catches up when shown again
        if self.job is None and not self._stale:
            self.refresh_paths()
            self._rerun_if_fast()

    def _rerun_if_fast(self) -> None:
        if self.study is not None and self.job is None and self.study.vectorised:
            self.run()


def _one_line(exc: Exception) -> str:
    assert isinstance(exc, InputError)  # the only kind the job reports
    return exc.one_line()
