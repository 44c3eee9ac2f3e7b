"""Fit… : chosen inputs of the design fitted to a measured discharge by least squares, shown with
their 95 % intervals and the residual RMSE, and applied as overrides in one undoable step.

Besides the layers' values, the design's series resistance and each electrode|electrolyte
interface are offered; an interface whose value comes from the library gets a record of the
design's own when it is fitted (io/interface_paths.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cellstack.core import units as u
from cellstack.core.errors import InputError
from cellstack.core.fit import FitFailed, MeasuredCurve
from cellstack.core.interfaces import InterfaceTable
from cellstack.gui.document import Document
from cellstack.io.fit_project import ProjectFit, fit_project
from cellstack.io.interface_paths import SERIES_PATH, stack_interfaces, with_interface_record
from cellstack.io.material_records import SPEC_BY_KEY
from cellstack.io.project import Project

# The layer inputs a discharge curve can tell apart, with the words the dialog offers them in.
FITTABLE = {
    "diffusivity": "diffusivity",
    "ionic_conductivity": "ionic conductivity",
    "exchange_current": "exchange current",
    "electronic_conductivity": "electronic conductivity",
}
_PATH_ROLE = Qt.ItemDataRole.UserRole
NEW_INTERFACE = "new interface record:"  # then the contact's place in stack_interfaces


def fittable_paths(document: Document) -> list[tuple[str, str]]:
    """(field path, label) of each value the fit can start from: the layers' values, the series
    resistance and the interfaces (for one without a record of the design's own, a marker
    NEW_INTERFACE + its index instead of a path)."""
    offered = []
    for index, layer in enumerate(document.stack.layers):
        properties = layer.effective_material.properties
        for key, words in FITTABLE.items():
            spec = SPEC_BY_KEY[key]
            value = getattr(properties, spec.field)
            if value is None:
                continue
            shown = f"{value.value / spec.factor:.3g} {spec.unit}"
            offered.append((f"stack.layers[{index}].overrides.{key}", f"{layer.name}: {words} (now {shown})"))
    ohm = document.project.series_resistance_ohm
    offered.append((SERIES_PATH, f"series resistance: contacts, tabs, fixture (now {ohm:.3g} Ω)"))
    for place, contact in enumerate(stack_interfaces(document.project, document.library.interfaces)):
        if contact.value is None:
            continue
        now = f"now {contact.value.asr_ohm_m2 / u.OHM_CM2:.3g} Ω·cm²"
        if contact.path is not None:
            offered.append((contact.path, f"interface {contact.label} ({now}, the design's own record)"))
        else:
            label = f"interface {contact.label} ({now} from the library; fitting adds a record)"
            offered.append((f"{NEW_INTERFACE}{place}", label))
    return offered


def with_records_for(
    project: Project, installed: InterfaceTable, keys: list[str], source: str
) -> tuple[Project, list[str]]:
    """``project`` with a record of its own for each interface ``keys`` mark as new, and the
    field paths of ``keys`` (a marker replaced by its new record's path)."""
    contacts = stack_interfaces(project, installed)
    paths = []
    for key in keys:
        path = key
        if key.startswith(NEW_INTERFACE):
            project, path = with_interface_record(project, contacts[int(key[len(NEW_INTERFACE) :])], source)
        paths.append(path)
    return project, paths


class FitDialog(QDialog):
    def __init__(self, document: Document, measured: MeasuredCurve, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fitDialog")
        self.setWindowTitle(f"Fit to {measured.name}")
        self._document = document
        self._measured = measured
        self.fit: ProjectFit | None = None
        self._labels: dict[str, str] = {}  # field path fitted: what the list called it
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(f"Measured: {measured.name}, {len(measured.time_s)} points. Tick the values to fit:")
        )
        self.parameters = QListWidget(self)
        self.parameters.setObjectName("fitParameters")
        for path, label in fittable_paths(document):
            item = QListWidgetItem(label)
            item.setData(_PATH_ROLE, path)
            item.setToolTip(path)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.parameters.addItem(item)
        self.parameters.setMaximumHeight(140)
        layout.addWidget(self.parameters)
        self.run_button = QPushButton("&Run fit", self)
        self.run_button.setObjectName("fitRun")
        self.run_button.clicked.connect(self.run_fit)
        layout.addWidget(self.run_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("fitResults")
        self.table.setHorizontalHeaderLabels(["Value", "Unit", "Started at", "Fitted", "95 % interval"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table)
        self.message = QLabel(self)
        self.message.setObjectName("fitMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.apply_button = buttons.addButton("&Apply as overrides", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("fitApply")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 470)

    def _label(self, key: str) -> str:
        items = (self.parameters.item(i) for i in range(self.parameters.count()))
        return next((item.text() for item in items if item.data(_PATH_ROLE) == key), key)

    def chosen_paths(self) -> list[str]:
        items = (self.parameters.item(i) for i in range(self.parameters.count()))
        return [str(item.data(_PATH_ROLE)) for item in items if item.checkState() == Qt.CheckState.Checked]

    def choose(self, *paths: str) -> None:
        for i in range(self.parameters.count()):
            item = self.parameters.item(i)
            checked = item.data(_PATH_ROLE) in paths
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _say(self, text: str, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #c0392b;" if error else "")

    def run_fit(self) -> None:
        """Fit the ticked values; a failure is said here and nothing is kept."""
        self.fit = None
        self.apply_button.setEnabled(False)
        self.table.setRowCount(0)
        paths = self.chosen_paths()
        if not paths:
            self._say("Tick at least one value to fit.", error=True)
            return
        installed = self._document.library.interfaces
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            project, paths = with_records_for(
                self._document.project, installed, paths, f"fitted to {self._measured.name}"
            )
            self._labels = dict(zip(paths, map(self._label, self.chosen_paths()), strict=True))
            result = fit_project(project, installed, self._measured, paths, self._measured.name)
        except (FitFailed, InputError) as exc:
            text = exc.one_line() if isinstance(exc, InputError) else str(exc)
            self._say(f"The fit did not succeed: {text}. Nothing was changed.", error=True)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.fit = result
        self._show(result)
        self.apply_button.setEnabled(True)

    def _show(self, result: ProjectFit) -> None:
        self.table.setRowCount(len(result.parameters))
        for row, p in enumerate(result.parameters):
            cells = (
                self._labels.get(p.path, p.path).split(" (now")[0],
                p.unit,
                f"{p.start:.4g}",
                f"{p.value:.4g}",
                f"{p.ci_low:.3g} to {p.ci_high:.3g}",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(p.path)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._say(
            f"Voltage RMSE {result.rmse_V * 1e3:.2f} mV over {result.points} points "
            f"({result.evaluations} model runs). Apply to set these as overrides "
            f'with the source "fitted to {self._measured.name}" (one undo step).',
            error=False,
        )

    def apply(self) -> None:
        if self.fit is None:
            return
        if self._document.push_project(self.fit.project, f"Fit to {self._measured.name}"):
            self.accept()
        else:
            self._say("The fitted values could not be computed in this design; nothing was changed.", True)
