"""The metrics panel's "Uncertainty" box: each headline metric as value ± σ with its 95 % interval.

Shown only while the design carries uncertainties. The Monte Carlo runs with a fixed seed, so the
same design always shows the same spread, and off the window's thread after the edits pause
(a drag over a thickness computes once, when it rests), so typing stays fluent. A result that
arrives for a design already edited again is dropped.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QRunnable, Qt, QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from cellstack.core.errors import InputError
from cellstack.core.explore.uncertainty import MonteCarlo
from cellstack.core.metrics.results import Severity
from cellstack.gui.display_units import AUTO, DisplayUnits, units_changed, units_shown
from cellstack.gui.document import Document
from cellstack.gui.unit_keys import shown_unit, shown_value, unit_text
from cellstack.gui.widgets.cell_levels import MASS_UNITS as MASS_SCALE
from cellstack.gui.widgets.cell_levels import row_unit
from cellstack.gui.worker_gate import start_off_gui_thread
from cellstack.io.library import Library
from cellstack.io.project_model import Project

PAUSE_MS = 250  # how long edits must rest before the spread is computed again
# The metrics shown, in the panel's order, with their labels (compute --json keys and units).
SHOWN = (
    ("capacity_mAh", "Capacity ({unit})"),  # {unit}: the one chosen in Preferences
    ("energy_mWh", "Energy ({unit})"),
    ("specific_energy_Wh_kg", "Specific energy (Wh/kg)"),
    ("energy_density_Wh_L", "Energy density (Wh/L)"),
    ("mass_g", "Mass ({unit})"),
    ("thickness_um", "Thickness ({unit})"),
    ("asr_ohm_cm2", "ASR (Ω·cm²)"),
    ("max_power_mW", "Max power ({unit})"),
)


@dataclass(frozen=True)
class Spread:
    """What the box shows for one run: the Monte Carlo, or why there is none."""

    generation: int
    result: MonteCarlo | None
    values: dict[str, float]  # the design's own value of each metric
    refusal: str = ""


class _Done(QObject):
    finished = Signal(object)  # a Spread


class _Run(QRunnable):
    def __init__(self, project: Project, library: Library, generation: int, done: _Done) -> None:
        super().__init__()
        self._project, self._library, self._generation, self._done = project, library, generation, done

    def run(self) -> None:
        from cellstack.io.uncertainty_study import APP_SEED, app_samples, uncertainty_study

        try:
            study = uncertainty_study(self._project, self._library, self._project.uncertainties)
            result = study.monte_carlo(app_samples(study), APP_SEED)
            spread = Spread(self._generation, result, study.nominal())
        except InputError as exc:
            spread = Spread(self._generation, None, {}, exc.one_line())
        except Exception as exc:  # a fault off the GUI thread is said where the numbers go
            spread = Spread(
                self._generation, None, {}, f"The spread could not be computed ({type(exc).__name__})."
            )
        with contextlib.suppress(RuntimeError):  # the panel closed (a new document) while this ran
            self._done.finished.emit(spread)


def metric_label(key: str, label: str, units: DisplayUnits | None = None) -> str:
    """A row's label of SHOWN with the unit its values are shown in (Capacity (Ah))."""
    return label.format(unit=unit_text(shown_unit(key, units) or ""))


def box_units(values: dict[str, float]) -> DisplayUnits:
    """The units chosen in Preferences, with an automatic mass picked for the design's own mass as
    the levels grid above the box picks it (47.75 mg there read 0.04775 g here)."""
    units = units_shown()
    grams = values.get("mass_g", math.nan)
    if units.mass != AUTO or not math.isfinite(grams):
        return units
    return replace(units, mass=row_unit([grams * 1e-3], MASS_SCALE)[0])


def spread_text(value: float, std: float, low: float, high: float) -> str:
    return f"{value:.4g} ± {std:.2g}   [{low:.4g}, {high:.4g}]"


class UncertaintyBox(QGroupBox):
    spreadShown = Signal()  # the numbers on screen are those of the current design

    def __init__(self, document: Document) -> None:
        super().__init__("Uncertainty (value ± σ, 95 % interval)")
        self.setObjectName("uncertaintyBox")
        self.document = document
        self._generation = 0
        self._done = _Done(self)
        self._done.finished.connect(self._finished)
        self.note = QLabel("")
        self.note.setObjectName("uncertaintyNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # refusals read "<= 25": never markup
        self.table = QTableWidget(len(SHOWN), 1)
        self.table.setObjectName("uncertaintyTable")
        self._spread: Spread | None = None
        self._label_rows()
        self.table.horizontalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(self.table.verticalHeader().length() + 6)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self._start)
        document.stackChanged.connect(self._changed)
        units_changed().connect(self._units_changed)
        self._changed()

    def _label_rows(self, units: DisplayUnits | None = None) -> None:
        self.table.setVerticalHeaderLabels([metric_label(key, label, units) for key, label in SHOWN])

    def _units_changed(self) -> None:
        self._label_rows()
        if self._spread is not None:
            self._finished(self._spread)

    def _changed(self) -> None:
        self._generation += 1  # whatever is running now describes an older design
        carries = bool(self.document.project.uncertainties)
        self.setVisible(carries)
        if carries:
            self.note.setText("computing…")
            self._timer.start()
        else:
            self._timer.stop()

    def _start(self) -> None:
        project = self.document.project
        if not project.uncertainties:
            return
        errors = [f.message for f in self.document.metrics.findings if f.severity is Severity.ERROR]
        if errors:  # every sample would fail alike: say why, not that no sample was usable
            self._finished(
                Spread(self._generation, None, {}, f"No spread while the design is invalid: {errors[0]}")
            )
            return
        # Imported here, not with the window: the study brings the design-study engine, which a
        # design without uncertainties never needs, onto the start-up path.
        import cellstack.io.uncertainty_study  # noqa: F401  (loaded on this thread, not the pool's)

        start_off_gui_thread(_Run(project, self.document.library, self._generation, self._done))

    def _finished(self, spread: Spread) -> None:
        if spread.generation != self._generation:
            return
        self._spread = spread
        result = spread.result
        if result is None:
            self.note.setText(spread.refusal)
            for row in range(len(SHOWN)):
                self.table.setItem(row, 0, QTableWidgetItem("—"))
        else:
            from cellstack.io.uncertainty_study import APP_SEED

            inputs = len(self.document.project.uncertainties)
            dropped = result.drawn - result.used
            extra = f"; {dropped} impossible designs dropped" if dropped else ""
            noun = "input" if inputs == 1 else "inputs"
            scope = stack_scope(self.document)
            self.note.setText(
                f"{inputs} uncertain {noun}, {result.drawn} samples (seed {APP_SEED}){extra}{scope}"
            )
            units = box_units(spread.values)
            self._label_rows(units)
            for row, (key, _label) in enumerate(SHOWN):
                s, value = result.spreads.get(key), spread.values.get(key, math.nan)
                text = "—"
                if s and math.isfinite(value):
                    numbers = (shown_value(key, v, units) for v in (value, s.std, s.p2_5, s.p97_5))
                    text = spread_text(*(math.nan if v is None else v for v in numbers))
                self.table.setItem(row, 0, QTableWidgetItem(text))
        self.spreadShown.emit()

    def text(self, key: str) -> str:
        row = next(i for i, (k, _) in enumerate(SHOWN) if k == key)
        item = self.table.item(row, 0)
        return item.text() if item is not None else ""


def stack_scope(document: Document) -> str:
    """The spread is the stack's (the vectorised metrics): in a cell it is not the cell's
    capacity shown above it, and a pouch of 10 units read 125 mAh under a 1253 mAh cell."""
    if document.project.cell_format.kind == "planar":
        return ""
    units = document.cell_metrics.units
    # Not "one repeat unit": in the cell the units share foils, so its levels differ again.
    cell = f"the cell of {units} units" if units > 1 else "the cell around it"
    return f"; numbers of the stack on its own, not of {cell}"
